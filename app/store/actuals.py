"""Actuals as stored: the references already booked, a line's actuals, and the
(date, amount, currency, category, line) rows variance sums."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import Connection, func, select

from app.domain.actual import Actual
from app.store import rows
from app.store.repository import ACTUAL


def booked_references(conn: Connection, plan_id: int, wanted: Iterable[str]) -> set[str]:
    """The references among ``wanted`` that the plan already has an actual for."""
    found: set[str] = set()
    pending = sorted({r for r in wanted if r})
    for start in range(0, len(pending), 500):
        chunk = pending[start : start + 500]
        query = select(ACTUAL.c.reference).where(
            ACTUAL.c.plan_id == plan_id, ACTUAL.c.reference.in_(chunk)
        )
        found.update(r for (r,) in conn.execute(query))
    return found


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
    query = select(
        ACTUAL.c.booked_on, ACTUAL.c.amount, ACTUAL.c.currency, ACTUAL.c.category, ACTUAL.c.line_id
    ).where(ACTUAL.c.plan_id == plan_id)
    return [(d, a, c, k, line) for d, a, c, k, line in conn.execute(query)]


def count(conn: Connection, plan_id: int) -> int:
    query = select(func.count()).select_from(ACTUAL).where(ACTUAL.c.plan_id == plan_id)
    return int(conn.execute(query).scalar_one())
