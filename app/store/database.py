"""Opening a planner's database: refuse what is not ours, migrate what is, back it up.

A database is a SQLite file or, in team mode, a PostgreSQL database
(:mod:`app.store.server`); both are a :class:`Database` with the same transactions.

Opening never writes to a file it refuses (corrupt, not SQLite, from a newer app).
Every connection runs in WAL mode with foreign keys on. Write transactions begin
immediately, so a busy database waits instead of failing half-way; reads begin a
deferred transaction and never need the write lock, so another program holding it
does not stop a planner from reading. A new database is created private (0600).
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import NullPool

from app.domain.errors import NO_FOLDER, READ_ONLY, DatabaseUnavailable
from app.paths import ServerUrl
from app.store import backups
from app.store.failures import translated
from app.store.inspection import inspect_file, known_revisions

PRIVATE_FILE = 0o600
WRITE = "budgetwright_write"
WRITERS_LOCK = 0x42575254  # PostgreSQL advisory lock held by each write transaction ("BWRT")
CHANNEL = "budgetwright"  # PostgreSQL NOTIFY channel: one notification per committed write


def _on_connect(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # SQLAlchemy emits BEGIN itself (see _on_begin)
    for pragma in ("busy_timeout=5000", "journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
        dbapi_conn.execute(f"PRAGMA {pragma}")


def _on_begin(conn: Connection) -> None:
    writing = conn.get_execution_options().get(WRITE, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


class Database:
    """An open planner's database: an engine and short transactions.

    On PostgreSQL (``server``) write transactions take one advisory lock, so writers
    go one at a time as on SQLite (ids are handed out as max + 1), and each announces
    its commit on :data:`CHANNEL`. A role without write grants (``read_only``) is
    refused before a write begins.
    """

    def __init__(
        self,
        path: Path | ServerUrl,
        engine: Engine,
        created: bool,
        *,
        read_only: bool = False,
        connect_args: dict[str, str] | None = None,
    ) -> None:
        self.path = path
        self.engine = engine
        self.created = created
        self.read_only = read_only
        self._watch: sqlite3.Connection | None = None
        self._connect_args = connect_args or {}  # a keyring's password: in memory only
        self._listener: Any = None
        self._heard = 0
        self._token = uuid.uuid4().hex  # this connection's own commits are not news to it

    @property
    def server(self) -> bool:
        return isinstance(self.path, ServerUrl)

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction: committed whole, or rolled back whole."""
        if self.read_only:
            raise DatabaseUnavailable(
                self.path,
                READ_ONLY,
                "this connection may only read (a viewer's role); nothing was changed",
            )
        with translated(self.path), self.engine.connect() as conn:
            if not self.server:
                conn.execution_options(**{WRITE: True})
            with conn.begin():
                if self.server:
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITERS_LOCK})")
                yield conn
                if self.server:
                    conn.exec_driver_sql(f"NOTIFY {CHANNEL}, '{self._token}'")

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """One read transaction (a consistent view; takes no write lock)."""
        with translated(self.path), self.engine.connect() as conn:
            yield conn

    def data_version(self) -> int:
        """SQLite's count of commits made by other connections (cheap; for noticing them).

        It changes whenever any other connection (this process's writes included)
        commits to the file. On PostgreSQL it counts the commits of other clients
        announced since (a lost connection counts as one: what it missed is unknown).
        """
        if self.server:
            return self._server_version()
        if self._watch is None:
            self._watch = sqlite3.connect(
                f"file:{self.path}?mode=ro", uri=True, check_same_thread=False
            )
        with translated(self.path):
            return int(self._watch.execute("PRAGMA data_version").fetchone()[0])

    def _server_version(self) -> int:
        """Other clients' commits heard on the watch connection. One round trip: it reads
        what the server sent meanwhile, and finds out if the connection was lost."""
        with translated(self.path):
            try:
                if self._listener is None:
                    import psycopg

                    args, kwargs = self.engine.dialect.create_connect_args(self.engine.url)
                    kwargs.update(self._connect_args)
                    listener = psycopg.connect(*args, **kwargs, autocommit=True)
                    listener.add_notify_handler(self._heard_of)
                    listener.execute(f"LISTEN {CHANNEL}")
                    self._listener = listener
                self._listener.execute("SELECT 1")
            except Exception:
                self._drop_listener()
                self._heard += 1
                raise
        return self._heard

    def _heard_of(self, notice: Any) -> None:
        if notice.payload != self._token:
            self._heard += 1

    def _drop_listener(self) -> None:
        if self._listener is not None:
            with suppress(Exception):  # already broken: nothing more to tell
                self._listener.close()
            self._listener = None

    def close(self) -> None:
        self._drop_listener()
        if self._watch is not None:
            self._watch.close()
            self._watch = None
        self.engine.dispose()


def _create_private(path: Path) -> None:
    """Create an empty database file readable by its owner only (SQLite copies the mode
    to its -wal and -shm files)."""
    if not path.parent.is_dir():
        raise DatabaseUnavailable(path, NO_FOLDER, f"the folder {path.parent} does not exist")
    with translated(path):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))


def open_database(path: Path, *, daily_backup: bool = True) -> Database:
    """Open (creating, migrating and backing up as needed) the database at ``path``.

    A file in a folder that does not exist is refused: the planner most likely
    mistyped the name, and a new seeded database there would hide the mistake.
    """
    path = Path(path)
    revision = inspect_file(path)
    head = known_revisions()[-1]
    created = not path.exists()
    if created:
        _create_private(path)
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    try:
        with translated(path):
            if revision is not None and revision != head:
                backups.make_backup(path, reason=f"before-{head}")
            elif revision is not None and daily_backup and backups.backup_due(path):
                backups.make_backup(path)
            if revision != head:
                from app.store.migrate import upgrade

                upgrade(engine)
    except BaseException:
        engine.dispose()
        if created:
            remove_database_files(path)
        raise
    return Database(path, engine, created or revision is None)


def open_store(target: Path | ServerUrl) -> Database:
    """Open a SQLite file or, for a URL, a PostgreSQL database."""
    if isinstance(target, ServerUrl):
        from app.store.server import open_server

        return open_server(target)
    return open_database(target)


def remove_database_files(path: Path) -> None:
    """Remove a database this process has just created, with its -wal and -shm files."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
