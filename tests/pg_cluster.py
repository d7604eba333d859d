"""A throwaway PostgreSQL cluster for the tests and benchmarks: Debian's ``postgresql``
binaries, a private data folder, a unix socket in a temporary folder, no TCP port.

The server refuses to run as root, so under root (CI) it runs as the ``postgres``
user. :func:`start` returns None (with the reason in :data:`SKIP_REASON`) when the
binaries are missing; :meth:`Cluster.stop` stops the server and removes every file.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "budgetwright"
SKIP_REASON = "PostgreSQL is not installed (Debian's postgresql package: initdb, pg_ctl)"


def _bin_dir() -> Path | None:
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda p: int(p.parts[4]) if p.parts[4].isdigit() else 0,
    )
    if found:
        return found[-1].parent
    on_path = shutil.which("pg_ctl")
    return Path(on_path).parent if on_path else None


@dataclass
class Cluster:
    folder: Path
    bin_dir: Path
    run_as: str | None

    @property
    def socket_dir(self) -> Path:
        return self.folder / "socket"

    def url(self, database: str, user: str = SUPERUSER) -> str:
        return f"postgresql+psycopg://{user}@/{database}?host={self.socket_dir}"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = list(args)
        if self.run_as is not None:
            command = ["runuser", "-u", self.run_as, "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True, timeout=120)

    def psql(self, sql: str, database: str = "postgres") -> str:
        done = self._run(
            str(self.bin_dir / "psql"),
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            str(self.socket_dir),
            "-U",
            SUPERUSER,
            "-d",
            database,
            "-At",
            "-c",
            sql,
        )
        return done.stdout

    def psql_script(self, script: str, database: str = "postgres") -> str:
        """Run a script of SQL and psql commands (``\\connect``) as the superuser."""
        path = self.folder / f"script-{uuid.uuid4().hex[:8]}.sql"
        path.write_text(script, encoding="utf-8")
        path.chmod(0o644)
        try:
            return self.psql(f"\\i {path}", database)
        finally:
            path.unlink()

    def new_database(self) -> str:
        """A new empty database's URL."""
        name = f"t_{uuid.uuid4().hex[:12]}"
        self.psql(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def restart(self) -> None:
        self._pg_ctl("restart", "-m", "fast")

    def stop_server(self) -> None:
        self._pg_ctl("stop", "-m", "fast")

    def start_server(self) -> None:
        self._pg_ctl("start")

    def _pg_ctl(self, action: str, *extra: str) -> None:
        data = self.folder / "data"
        options = f"-k {self.socket_dir} -c listen_addresses='' -c fsync=off -c max_connections=200"
        self._run(
            str(self.bin_dir / "pg_ctl"),
            action,
            "-w",
            "-D",
            str(data),
            "-l",
            str(self.folder / "server.log"),
            "-o",
            options,
            *extra,
        )

    def stop(self) -> None:
        self._run(
            str(self.bin_dir / "pg_ctl"),
            "stop",
            "-m",
            "immediate",
            "-D",
            str(self.folder / "data"),
            check=False,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


def start() -> Cluster | None:
    """Create and start a cluster, or None when PostgreSQL is not installed."""
    bin_dir = _bin_dir()
    if bin_dir is None or not (bin_dir / "initdb").exists():
        return None
    run_as = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return None
        run_as = "postgres"
    folder = Path(tempfile.mkdtemp(prefix="budgetwright-pg-"))
    folder.chmod(0o755)
    (folder / "socket").mkdir()
    if run_as is not None:
        for part in (folder, folder / "socket"):
            shutil.chown(part, run_as)
    cluster = Cluster(folder, bin_dir, run_as)
    try:
        cluster._run(
            str(bin_dir / "initdb"),
            "-D",
            str(folder / "data"),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        cluster.start_server()
    except BaseException:
        cluster.stop()
        raise
    return cluster
