"""Schema upgrades with Alembic, run from code on open.

On SQLite, foreign keys are switched off around the upgrade (batch migrations copy tables, and
with keys on, SQLite would cascade-delete child rows), then checked afterwards.
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from app.domain.errors import DatabaseRefused
from app.store.inspection import MIGRATIONS


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to ``revision`` in one transaction."""
    cfg = alembic_config()
    if engine.dialect.name == "postgresql":
        from app.store.database import WRITERS_LOCK

        with engine.begin() as conn:
            # Two clients opening a new database at once: the second waits, then finds
            # it at head (PostgreSQL's DDL is transactional; keys stay on throughout).
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITERS_LOCK})")
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
        return
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys=OFF")  # outside any transaction, or SQLite ignores it
        with conn.begin():
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise DatabaseRefused(f"the upgrade left {len(broken)} broken references")
        raw.execute("PRAGMA foreign_keys=ON")
