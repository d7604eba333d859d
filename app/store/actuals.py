"""Actuals as stored: the references already booked, a line's actuals, and the
(date, amount, currency, category, line) rows variance sums."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import NamedTuple

from sqlalchemy import Connection, delete, func, select

from app.domain.actual import Actual
from app.store import rows
from app.store.repository import ACTUAL


def booked_references(conn: Connection, plan_id: int, wanted: Iterable[str]) -> set[str]:
    """The references among ``wanted`` that the plan already has an actual for."""
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    cursor.execute(
        "SELECT DISTINCT reference FROM actual WHERE plan_id = ? AND reference != ''",
        (plan_id,),
    )
    booked = {r for (r,) in cursor.fetchall()}
    return booked.intersection(wanted) if booked else set()


def actuals(conn: Connection, plan_id: int, line_id: int | None = None) -> list[Actual]:
    """The plan's actuals (or one line's), by date then id."""
    query = select(ACTUAL).where(ACTUAL.c.plan_id == plan_id)
    if line_id is not None:
        query = query.where(ACTUAL.c.line_id == line_id)
    query = query.order_by(ACTUAL.c.booked_on, ACTUAL.c.id)
    return [rows.actual_value(r) for r in conn.execute(query).mappings()]


SpentRow = tuple[date, str, str, str, int | None]
"""(booked on, amount, currency, category, line id)."""


def spent(conn: Connection, plan_id: int) -> list[SpentRow]:
    """What variance needs of each actual, read without building values (100,000 fast)."""
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    cursor.execute(
        "SELECT booked_on, amount, currency, category, line_id FROM actual WHERE plan_id = ?",
        (plan_id,),
    )
    day = date.fromisoformat
    return [(day(d), a, c, k, line) for d, a, c, k, line in cursor.fetchall()]


def count(conn: Connection, plan_id: int) -> int:
    query = select(func.count()).select_from(ACTUAL).where(ACTUAL.c.plan_id == plan_id)
    return int(conn.execute(query).scalar_one())


_INSERT = (
    "INSERT INTO actual (id, plan_id, booked_on, amount, currency, category, section, "
    "line_id, reference, description, batch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def insert_rows(
    conn: Connection,
    plan_id: int,
    first_id: int,
    rows: Sequence[tuple[date, str, str, str, str, int | None, str, str]],
    batch: str,
) -> None:
    """Insert an import's rows under ids ``first_id`` on, in one bulk statement.

    ``rows`` are (booked on, amount, currency, category, section, line id, reference,
    description). Written through the driver: 100,000 rows in a fraction of a second.
    """
    if not rows:
        return
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    cursor.executemany(
        _INSERT,
        (
            (first_id + i, plan_id, d.isoformat(), a, c, k, s, line, r, t, batch)
            for i, (d, a, c, k, s, line, r, t) in enumerate(rows)
        ),
    )


def delete_range(conn: Connection, plan_id: int, first_id: int, count: int, batch: str) -> int:
    """Delete an import's rows (ids ``first_id`` to ``first_id + count - 1``); how many."""
    if not count:
        return 0
    done = conn.execute(
        delete(ACTUAL).where(
            ACTUAL.c.plan_id == plan_id,
            ACTUAL.c.id.between(first_id, first_id + count - 1),
            ACTUAL.c.batch == batch,
        )
    )
    return int(done.rowcount)


class LinePlace(NamedTuple):
    """What booking to a line by name needs of it."""

    id: int
    name: str
    category: str
    section: str


def line_places(conn: Connection, plan_id: int) -> list[LinePlace]:
    """The plan's lines as (id, name, category, section), without building whole lines."""
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    cursor.execute("SELECT id, name, category, section FROM line WHERE plan_id = ?", (plan_id,))
    return [LinePlace(*row) for row in cursor.fetchall()]
