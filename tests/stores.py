"""Reading a test database's tables the same way on either engine (SQLite or PostgreSQL)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from app.paths import ServerUrl, db_target

TABLES = ("plan", "phase", "line", "catalogue_entry")


def engine_url(target: str | Path) -> str:
    where = db_target(str(target))
    return where.driver_url if isinstance(where, ServerUrl) else f"sqlite:///{where}"


def _plain(value: object) -> object:
    """A stored value as SQLite's driver returns it (dates as text, booleans as 0/1)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def dump(
    target: str | Path, tables: tuple[str, ...] = TABLES
) -> dict[str, list[tuple[object, ...]]]:
    """Every row of ``tables``, sorted, as plain values that compare across engines."""
    engine = create_engine(engine_url(target), poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return {
                t: sorted(
                    tuple(_plain(v) for v in row)
                    for row in conn.execute(text(f'SELECT * FROM "{t}"'))
                )
                for t in tables
            }
    finally:
        engine.dispose()


def execute(target: str | Path, sql: str, **params: object) -> list[tuple[object, ...]]:
    """Run one statement in its own committed transaction; the rows it returns."""
    engine = create_engine(engine_url(target), poolclass=NullPool)
    try:
        with engine.begin() as conn:
            done = conn.execute(text(sql), params)
            return [tuple(r) for r in done] if done.returns_rows else []
    finally:
        engine.dispose()
