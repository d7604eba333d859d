"""Opening a planner's database: refuse what is not ours, migrate what is, back it up.

Opening never writes to a file it refuses (corrupt, not SQLite, from a newer app).
Every connection runs in WAL mode with foreign keys on, and write transactions
begin immediately, so a busy database waits instead of failing half-way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import NullPool

from app.domain.errors import DatabaseRefused
from app.store import backups

SQLITE_HEADER = b"SQLite format 3\x00"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def known_revisions() -> list[str]:
    """Revision ids shipped with this app, oldest first (file names start with the id)."""
    return sorted(p.name.split("_", 1)[0] for p in (MIGRATIONS / "versions").glob("[0-9]*_*.py"))


def _on_connect(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # SQLAlchemy emits BEGIN itself (see _on_begin)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=5000"):
        dbapi_conn.execute(f"PRAGMA {pragma}")


def _on_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def inspect_file(path: Path) -> str | None:
    """The file's schema revision (None for a new or empty file), or refuse it.

    Reads only: a refused file is left exactly as it was.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    with path.open("rb") as handle:
        if handle.read(16) != SQLITE_HEADER:
            raise DatabaseRefused(f"{path}: not a SQLite database; it was left untouched")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise DatabaseRefused(f"{path}: cannot be opened ({exc})") from None
    try:
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise DatabaseRefused(
                f"{path}: the database is damaged ({check}); it was left untouched"
            )
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            return None
        if "alembic_version" not in tables:
            raise DatabaseRefused(f"{path}: a SQLite database, but not a Budgetwright one")
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise DatabaseRefused(
            f"{path}: the database is damaged ({exc}); it was left untouched"
        ) from None
    finally:
        conn.close()
    revision = row[0] if row else None
    known = known_revisions()
    if revision is not None and revision not in known:
        raise DatabaseRefused(
            f"{path}: made by a newer Budgetwright (schema {revision}; this version knows up to "
            f"{known[-1]}); it was left untouched"
        )
    return str(revision) if revision is not None else None


class Database:
    """An open planner's database: an engine and short transactions."""

    def __init__(self, path: Path, engine: Engine, created: bool) -> None:
        self.path = path
        self.engine = engine
        self.created = created

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction: committed whole, or rolled back whole."""
        with self.engine.begin() as conn:
            yield conn

    def close(self) -> None:
        self.engine.dispose()


def open_database(path: Path, *, daily_backup: bool = True) -> Database:
    """Open (creating, migrating and backing up as needed) the database at ``path``."""
    path = Path(path)
    revision = inspect_file(path)
    head = known_revisions()[-1]
    created = revision is None
    if not created and revision != head:
        backups.make_backup(path, reason=f"before-{head}")
    elif not created and daily_backup and backups.backup_due(path):
        backups.make_backup(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    if revision != head:
        from app.store.migrate import upgrade

        upgrade(engine)
    return Database(path, engine, created)
