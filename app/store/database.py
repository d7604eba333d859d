"""Opening a planner's database: refuse what is not ours, migrate what is, back it up.

Opening never writes to a file it refuses (corrupt, not SQLite, from a newer app).
Every connection runs in WAL mode with foreign keys on, and write transactions
begin immediately, so a busy database waits instead of failing half-way.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import NullPool

from app.store import backups
from app.store.inspection import inspect_file, known_revisions


def _on_connect(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # SQLAlchemy emits BEGIN itself (see _on_begin)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=5000"):
        dbapi_conn.execute(f"PRAGMA {pragma}")


def _on_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


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
