"""Copying plans between two databases (a SQLite file and a PostgreSQL server, either way).

Plans are copied with their phases, lines, scenario origins and baselines, every value
exactly as stored; catalogue entries and a planner's own items that the receiving side
lacks come along. Everything is written in one transaction on the receiving side: a
refused or failed copy leaves it as it was. Rows take new ids there (the receiving side
may already hold rows with the same ids); references between them are carried over.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import Connection, text

from app.domain.errors import BadInput, InvalidValue
from app.domain.plan import CatalogueEntry, CustomItem, PlanSnapshot
from app.services.workspace import Workspace
from app.store import repository
from app.store import versions as store


@dataclass(frozen=True)
class PlanCopy:
    """One plan as read from the sending side."""

    snapshot: PlanSnapshot
    origins: dict[int, int]
    baselines: tuple[store.StoredBaseline, ...]


@dataclass(frozen=True)
class CopyReport:
    plans: tuple[str, ...]
    replaced: tuple[str, ...]
    lines: int
    baselines: int
    catalogue_added: int
    items_added: int


def read_plans(
    source: Workspace, wanted: Sequence[str] | None
) -> tuple[list[PlanCopy], list[CatalogueEntry], list[CustomItem]]:
    """The plans named (by name or id; all when None), the catalogue and own items,
    read in one transaction."""

    def read(conn: Connection) -> tuple[list[PlanCopy], list[CatalogueEntry], list[CustomItem]]:
        if wanted is None:
            plans = repository.list_plans(conn)
        else:
            plans = [repository.find_plan(conn, name) for name in wanted]
        copies = []
        seen: set[int] = set()
        for plan in plans:
            assert plan.id is not None
            if plan.id in seen:
                continue
            seen.add(plan.id)
            copies.append(
                PlanCopy(
                    repository.snapshot(conn, plan.id),
                    store.origins(conn, plan.id),
                    tuple(store.baselines(conn, plan.id)),
                )
            )
        return copies, repository.catalogue(conn), repository.custom_item_values(conn)

    return source.read(read)


def copy_plans(
    source: Workspace, target: Workspace, wanted: Sequence[str] | None, *, replace_: bool
) -> CopyReport:
    """Copy plans from ``source`` into ``target`` in one transaction there.

    A plan whose name the receiving side already has is refused (nothing is written)
    unless ``replace_``: then that plan is deleted there first, in the same transaction.
    """
    copies, catalogue, items = read_plans(source, wanted)
    if not copies:
        raise BadInput("copy: the source database holds no plans; nothing was written")
    with target.db.transaction() as conn:
        names = [c.snapshot.plan.name for c in copies]
        taken = [n for n in names if repository.plan_name_taken(conn, n)]
        if taken and not replace_:
            raise InvalidValue(
                "plans",
                ", ".join(taken),
                "the receiving database already has a plan of this name; "
                "nothing was copied (--replace replaces it)",
            )
        for name in taken:
            old = repository.find_plan(conn, name)
            assert old.id is not None
            repository.delete_values(conn, type(old), [old.id])
        added = _add_catalogue(conn, catalogue)
        items_added = _add_items(conn, items)
        line_map = _ids_for_lines(conn, copies)
        for plan_copy in copies:
            _insert_plan(conn, plan_copy, line_map)
        if conn.dialect.name == "postgresql":
            _catch_up_sequences(conn)
    return CopyReport(
        tuple(names),
        tuple(taken),
        sum(len(c.snapshot.lines) for c in copies),
        sum(len(c.baselines) for c in copies),
        added,
        items_added,
    )


def _ids_for_lines(conn: Connection, copies: list[PlanCopy]) -> dict[int, int]:
    """Every copied line's new id (all plans at once: a scenario's origins may be in
    another copied plan)."""
    first = repository.next_id(conn, repository.LINE)
    old = [line.id for c in copies for line in c.snapshot.lines]
    return {old_id: first + n for n, old_id in enumerate(old) if old_id is not None}


def _insert_plan(conn: Connection, plan_copy: PlanCopy, line_map: dict[int, int]) -> None:
    snap = plan_copy.snapshot
    plan_id = repository.next_id(conn, repository.PLAN)
    repository.insert_values(conn, [replace(snap.plan, id=plan_id)])
    first_phase = repository.next_id(conn, repository.PHASE)
    phase_map = {p.id: first_phase + n for n, p in enumerate(snap.phases)}
    repository.insert_values(
        conn, [replace(p, id=phase_map[p.id], plan_id=plan_id) for p in snap.phases]
    )
    lines = [
        replace(
            line,
            id=line_map[line.id] if line.id is not None else None,
            plan_id=plan_id,
            phase_id=phase_map.get(line.phase_id) if line.phase_id is not None else None,
        )
        for line in snap.lines
    ]
    repository.insert_values(conn, lines)
    store.insert_origins(
        conn,
        [
            (line_map[line], line_map[origin])
            for line, origin in plan_copy.origins.items()
            if line in line_map and origin in line_map
        ],
    )
    next_baseline = repository.next_id(conn, store.BASELINE)
    for n, baseline in enumerate(plan_copy.baselines):
        # a line deleted since the baseline was taken has no new id: it keeps a negative
        # one, which no line will ever have (so it matches nothing, as before)
        ids = [line_map.get(i, -i) for i in json.loads(baseline.line_ids)]
        store.insert_baseline(
            conn,
            replace(baseline, id=next_baseline + n, plan_id=plan_id, line_ids=json.dumps(ids)),
        )


def _add_catalogue(conn: Connection, entries: list[CatalogueEntry]) -> int:
    have = {e.key for e in repository.catalogue(conn)}
    first = repository.next_id(conn, repository.CATALOGUE)
    missing = [e for e in entries if e.key not in have]
    repository.insert_values(conn, [replace(e, id=first + n) for n, e in enumerate(missing)])
    return len(missing)


def _add_items(conn: Connection, items: list[CustomItem]) -> int:
    have = {(i.category, i.section, i.key) for i in repository.custom_item_values(conn)}
    first = repository.next_id(conn, repository.CUSTOM_ITEM)
    missing = [i for i in items if (i.category, i.section, i.key) not in have]
    repository.insert_values(conn, [replace(i, id=first + n) for n, i in enumerate(missing)])
    return len(missing)


SERIAL_TABLES = ("plan", "phase", "line", "catalogue_entry", "custom_item", "baseline")


def _catch_up_sequences(conn: Connection) -> None:
    """Rows inserted with their ids leave PostgreSQL's id sequences behind: move them on."""
    for table in SERIAL_TABLES:
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                f'(SELECT coalesce(max(id), 0) + 1 FROM "{table}"), false)'
            )
        )
