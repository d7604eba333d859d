"""Reading a test database's tables the same way on either engine (SQLite or PostgreSQL)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import CursorResult, create_engine, text
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
    target: str | Path, tables: tuple[str, ...] = TABLES, *, skip: tuple[str, ...] = ()
) -> dict[str, list[tuple[object, ...]]]:
    """Every row of ``tables``, sorted, as plain values that compare across engines;
    columns named in ``skip`` left out (``version``: every write moves it on, undo too)."""
    engine = create_engine(engine_url(target), poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return {t: _rows(conn.execute(text(f'SELECT * FROM "{t}"')), skip) for t in tables}
    finally:
        engine.dispose()


def _rows(result: CursorResult[Any], skip: tuple[str, ...]) -> list[tuple[object, ...]]:
    keep = [i for i, name in enumerate(result.keys()) if name not in skip]
    return sorted(tuple(_plain(row[i]) for i in keep) for row in result)


def execute(target: str | Path, sql: str, **params: object) -> list[tuple[object, ...]]:
    """Run one statement in its own committed transaction; the rows it returns."""
    engine = create_engine(engine_url(target), poolclass=NullPool)
    try:
        with engine.begin() as conn:
            done = conn.execute(text(sql), params)
            return [tuple(r) for r in done] if done.returns_rows else []
    finally:
        engine.dispose()
