"""Line origins (scenarios) and baselines (frozen plans), as plain values.

A baseline row is only ever inserted or deleted; the database refuses an UPDATE.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, Table, delete, insert, select

from app.domain.errors import NotFound
from app.store.tables import BaselineRow, LineOriginRow

LINE_ORIGIN: Table = LineOriginRow.__table__  # type: ignore[attr-defined]
BASELINE: Table = BaselineRow.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class StoredBaseline:
    """A baseline as stored: ``document`` is the JSON plan text, ``line_ids`` a JSON list."""

    id: int
    plan_id: int
    name: str
    created_at: str
    currency: str
    subtotal: str
    contingency: str
    total: str
    document: str
    line_ids: str


def insert_origins(conn: Connection, origins: Iterable[tuple[int, int]]) -> None:
    """Remember ``(line_id, origin_id)`` pairs."""
    rows = [{"line_id": line, "origin_id": origin} for line, origin in origins]
    if rows:
        conn.execute(insert(LINE_ORIGIN), rows)


def origins(conn: Connection, plan_id: int) -> dict[int, int]:
    """Each line of the plan that was copied from another line: line id → origin id."""
    from app.store.repository import LINE

    query = (
        select(LINE_ORIGIN.c.line_id, LINE_ORIGIN.c.origin_id)
        .join(LINE, LINE.c.id == LINE_ORIGIN.c.line_id)
        .where(LINE.c.plan_id == plan_id)
    )
    return {int(line): int(origin) for line, origin in conn.execute(query)}


def insert_baseline(conn: Connection, baseline: StoredBaseline) -> None:
    row = {k: getattr(baseline, k) for k in StoredBaseline.__dataclass_fields__}
    if row["id"] <= 0:
        del row["id"]
    conn.execute(insert(BASELINE), [row])


def baselines(conn: Connection, plan_id: int) -> list[StoredBaseline]:
    """The plan's baselines, oldest first."""
    query = select(BASELINE).where(BASELINE.c.plan_id == plan_id).order_by(BASELINE.c.id)
    return [StoredBaseline(**dict(r)) for r in conn.execute(query).mappings()]


def find_baseline(conn: Connection, plan_id: int, name: str) -> StoredBaseline:
    query = select(BASELINE).where(BASELINE.c.plan_id == plan_id, BASELINE.c.name == name)
    row = conn.execute(query).mappings().first()
    if row is None:
        raise NotFound(f"no baseline named {name!r} for this plan")
    return StoredBaseline(**dict(row))


def delete_baseline(conn: Connection, baseline_id: int) -> None:
    conn.execute(delete(BASELINE).where(BASELINE.c.id == baseline_id))
