"""Reading and writing plans, phases, lines and catalogue prices as frozen values.

Core SQL statements over the SQLModel tables: fast for 10,000-line plans, and no ORM
object can leak out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Table, delete, func, insert, select, update

from app.domain.actual import Actual
from app.domain.errors import EditConflict, NotFound
from app.domain.plan import CatalogueEntry, CustomItem, Line, Phase, Plan, PlanSnapshot
from app.domain.price_book import PriceBook
from app.store import rows
from app.store.tables import (
    ActualRow,
    CatalogueRow,
    CustomItemRow,
    IdHighWaterRow,
    LineRow,
    PhaseRow,
    PlanRow,
    PriceBookRow,
)

PLAN: Table = PlanRow.__table__  # type: ignore[attr-defined]
PHASE: Table = PhaseRow.__table__  # type: ignore[attr-defined]
LINE: Table = LineRow.__table__  # type: ignore[attr-defined]
CATALOGUE: Table = CatalogueRow.__table__  # type: ignore[attr-defined]
CUSTOM_ITEM: Table = CustomItemRow.__table__  # type: ignore[attr-defined]
PRICE_BOOK: Table = PriceBookRow.__table__  # type: ignore[attr-defined]
ACTUAL: Table = ActualRow.__table__  # type: ignore[attr-defined]
HIGH_WATER: Table = IdHighWaterRow.__table__  # type: ignore[attr-defined]

Value = Plan | Phase | Line | CatalogueEntry | CustomItem | PriceBook | Actual

_TABLE_OF: dict[type, tuple[Table, Any]] = {
    Plan: (PLAN, rows.plan_row),
    Phase: (PHASE, rows.phase_row),
    Line: (LINE, rows.line_row),
    CatalogueEntry: (CATALOGUE, rows.catalogue_row),
    CustomItem: (CUSTOM_ITEM, rows.custom_item_row),
    PriceBook: (PRICE_BOOK, rows.price_book_row),
    Actual: (ACTUAL, rows.actual_row),
}
_VALUE_OF: dict[type, Any] = {
    Plan: rows.plan_value,
    Phase: rows.phase_value,
    Line: rows.line_value,
    CatalogueEntry: rows.catalogue_value,
    CustomItem: rows.custom_item_value,
    PriceBook: rows.price_book_value,
    Actual: rows.actual_value,
}
UNCHECKED = frozenset({"updated_at"})  # every edit moves it; it is no one's edit to lose


# ---- Reading


def list_plans(conn: Connection) -> list[Plan]:
    found = conn.execute(select(PLAN).order_by(PLAN.c.name, PLAN.c.id)).mappings()
    return [rows.plan_value(r) for r in found]


def get_plan(conn: Connection, plan_id: int) -> Plan:
    row = conn.execute(select(PLAN).where(PLAN.c.id == plan_id)).mappings().first()
    if row is None:
        raise NotFound(f"no plan with id {plan_id}")
    return rows.plan_value(row)


def find_plan(conn: Connection, name_or_id: str) -> Plan:
    """A plan by exact name, or failing that by id."""
    row = conn.execute(select(PLAN).where(PLAN.c.name == name_or_id)).mappings().first()
    if row is None and name_or_id.isdigit():
        row = conn.execute(select(PLAN).where(PLAN.c.id == int(name_or_id))).mappings().first()
    if row is None:
        raise NotFound(f"no plan named {name_or_id!r}")
    return rows.plan_value(row)


def plan_name_taken(conn: Connection, name: str) -> bool:
    return conn.execute(select(PLAN.c.id).where(PLAN.c.name == name)).first() is not None


def phases(conn: Connection, plan_id: int) -> list[Phase]:
    query = select(PHASE).where(PHASE.c.plan_id == plan_id).order_by(PHASE.c.position, PHASE.c.id)
    return [rows.phase_value(r) for r in conn.execute(query).mappings()]


def lines(conn: Connection, plan_id: int) -> list[Line]:
    query = select(LINE).where(LINE.c.plan_id == plan_id).order_by(LINE.c.position, LINE.c.id)
    return [rows.line_value(r) for r in conn.execute(query).mappings()]


def get_line(conn: Connection, line_id: int) -> Line:
    row = conn.execute(select(LINE).where(LINE.c.id == line_id)).mappings().first()
    if row is None:
        raise NotFound(f"no line with id {line_id}")
    return rows.line_value(row)


def get_phase(conn: Connection, phase_id: int) -> Phase:
    row = conn.execute(select(PHASE).where(PHASE.c.id == phase_id)).mappings().first()
    if row is None:
        raise NotFound(f"no phase with id {phase_id}")
    return rows.phase_value(row)


def snapshot(conn: Connection, plan_id: int) -> PlanSnapshot:
    return PlanSnapshot(
        get_plan(conn, plan_id), tuple(phases(conn, plan_id)), tuple(lines(conn, plan_id))
    )


def catalogue(conn: Connection) -> list[CatalogueEntry]:
    query = select(CATALOGUE).order_by(CATALOGUE.c.kind, CATALOGUE.c.name, CATALOGUE.c.id)
    return [rows.catalogue_value(r) for r in conn.execute(query).mappings()]


def get_catalogue_entry(conn: Connection, entry_id: int) -> CatalogueEntry:
    row = conn.execute(select(CATALOGUE).where(CATALOGUE.c.id == entry_id)).mappings().first()
    if row is None:
        raise NotFound(f"no catalogue entry with id {entry_id}")
    return rows.catalogue_value(row)


def price_books(conn: Connection) -> list[PriceBook]:
    """Every dated version of the price book, oldest first."""
    query = select(PRICE_BOOK).order_by(PRICE_BOOK.c.id)
    return [rows.price_book_value(r) for r in conn.execute(query).mappings()]


def custom_items(conn: Connection) -> list[tuple[str, str, str]]:
    """A planner's own items as (category, section, label), for Taxonomy.with_items."""
    return [(i.category, i.section, i.label) for i in custom_item_values(conn)]


def custom_item_values(conn: Connection) -> list[CustomItem]:
    query = select(CUSTOM_ITEM).order_by(CUSTOM_ITEM.c.id)
    return [rows.custom_item_value(r) for r in conn.execute(query).mappings()]


def next_id(conn: Connection, table: Table) -> int:
    """The id the next inserted row of ``table`` may take (inside a write transaction).

    Above every id in the table and every id it ever deleted, so an id is never given
    twice: a new line never takes a deleted line's place in a baseline, a scenario's
    origins or the actuals booked to it.
    """
    highest = conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()
    deleted = conn.execute(
        select(HIGH_WATER.c.last_id).where(HIGH_WATER.c.table_name == table.name)
    ).scalar_one_or_none()
    return max(int(highest), int(deleted or 0)) + 1


def _remember_deleted(conn: Connection, table: Table, highest: int | None) -> None:
    """Raise ``table``'s high-water mark to ``highest`` (an id about to be deleted)."""
    if highest is None:
        return
    where = HIGH_WATER.c.table_name == table.name
    known = conn.execute(select(HIGH_WATER.c.last_id).where(where)).scalar_one_or_none()
    if known is None:
        conn.execute(insert(HIGH_WATER).values(table_name=table.name, last_id=highest))
    elif highest > known:
        conn.execute(update(HIGH_WATER).where(where).values(last_id=highest))


# ---- Writing


def insert_values(conn: Connection, values: Sequence[Value]) -> None:
    """Insert values of one kind, ids included, in one statement."""
    if not values:
        return
    table, to_row = _TABLE_OF[type(values[0])]
    conn.execute(insert(table), [to_row(v) for v in values])


def update_value(conn: Connection, value: Value) -> None:
    table, to_row = _TABLE_OF[type(value)]
    row = to_row(value)
    done = conn.execute(update(table).where(table.c.id == row.pop("id")).values(**row))
    if done.rowcount != 1:
        raise NotFound(f"{table.name} {value.id} no longer exists")


def _described(value: Value) -> str:
    name = value.label if isinstance(value, CustomItem) else value.name
    return f"{_TABLE_OF[type(value)][0].name} {name!r}"


def current_value(conn: Connection, kind: type, row_id: int) -> Value | None:
    """The row as stored now, or None if it is gone."""
    table, _ = _TABLE_OF[kind]
    row = conn.execute(select(table).where(table.c.id == row_id)).mappings().first()
    return None if row is None else _VALUE_OF[kind](row)


def update_changed(conn: Connection, before: Value, after: Value, *, check: bool) -> None:
    """Write only the columns that differ between ``before`` and ``after``.

    With ``check``, the row must still hold ``before`` in those columns (another
    window or program may have changed it since); otherwise :class:`EditConflict`
    and nothing is written. Columns the edit did not change are left as they are.
    """
    table, to_row = _TABLE_OF[type(after)]
    old, new = to_row(before), to_row(after)
    row_id = new.pop("id")
    changed = {k: v for k, v in new.items() if old[k] != v}
    if not changed:
        return
    where = [table.c.id == row_id]
    if check:
        where += [table.c[k].is_not_distinct_from(old[k]) for k in changed if k not in UNCHECKED]
    if conn.execute(update(table).where(*where).values(**changed)).rowcount == 1:
        return
    # The stored text may differ in form only (a JSON written by another version):
    # compare as values before refusing.
    current = current_value(conn, type(after), row_id)
    if current is None:
        raise EditConflict(f"{_described(before)} was deleted by another window or program")
    now = to_row(current)
    moved = [k for k in changed if k not in UNCHECKED and now[k] != old[k]]
    if check and moved:
        raise EditConflict(
            f"{_described(before)} was changed by another window or program ({', '.join(moved)})"
        )
    conn.execute(update(table).where(table.c.id == row_id).values(**changed))


def check_unchanged(conn: Connection, values: Sequence[Value]) -> None:
    """Refuse with :class:`EditConflict` unless every row still holds exactly ``values``."""
    if not values:
        return
    table, to_row = _TABLE_OF[type(values[0])]
    value_of = _VALUE_OF[type(values[0])]
    wanted = {v.id: v for v in values}
    query = select(table).where(table.c.id.in_(list(wanted)))
    stored = {r["id"]: to_row(value_of(r)) for r in conn.execute(query).mappings()}
    for row_id, value in wanted.items():
        now, then = stored.get(row_id), to_row(value)
        if now is None:
            raise EditConflict(f"{_described(value)} was deleted by another window or program")
        moved = [k for k in then if k not in UNCHECKED and now[k] != then[k]]
        if moved:
            raise EditConflict(
                f"{_described(value)} was changed by another window or program ({', '.join(moved)})"
            )


def move_versions(conn: Connection, plan_ids: Iterable[int]) -> None:
    """Move each plan's version on by one (every committed write to a plan does)."""
    ids = sorted(plan_ids)
    if ids:
        conn.execute(update(PLAN).where(PLAN.c.id.in_(ids)).values(version=PLAN.c.version + 1))


def plan_versions(conn: Connection) -> dict[int, int]:
    """Every plan's version: plan id → version."""
    return {int(i): int(v) for i, v in conn.execute(select(PLAN.c.id, PLAN.c.version))}


def delete_values(conn: Connection, kind: type, ids: Iterable[int]) -> None:
    """Delete rows of one kind by id, remembering the highest id so none is given again
    (for a plan, also the highest of the phases, lines and actuals deleted with it)."""
    table, _ = _TABLE_OF[kind]
    chosen = list(ids)
    if not chosen:
        return
    _remember_deleted(
        conn,
        table,
        conn.execute(select(func.max(table.c.id)).where(table.c.id.in_(chosen))).scalar(),
    )
    if table is PLAN:
        for child in (PHASE, LINE, ACTUAL):
            found = select(func.max(child.c.id)).where(child.c.plan_id.in_(chosen))
            _remember_deleted(conn, child, conn.execute(found).scalar())
    conn.execute(delete(table).where(table.c.id.in_(chosen)))
