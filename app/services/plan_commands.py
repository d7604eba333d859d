"""Creating, editing, duplicating, importing and deleting whole plans."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection

from app.domain.errors import EditConflict, InvalidValue
from app.domain.fx import check_line_currency
from app.domain.plan import Phase, Plan, PlanSnapshot
from app.domain.taxonomy import Taxonomy, standard_taxonomy
from app.domain.validation import check_line, check_phase, check_plan
from app.services.changes import RowChange
from app.services.command import Command, Shown, now_stamp, touched
from app.store import repository

# Default timeline: the taxonomy's development phases and their share of the horizon.
DEFAULT_PHASES = (
    ("research", "research_phase", 15),
    ("development", "development_phase", 35),
    ("testing", "testing_phase", 15),
    ("deployment", "deployment_phase", 10),
    ("maintenance", "maintenance_phase", 25),
)


def default_phases(start: date, end: date) -> list[Phase]:
    """Research → development → testing → deployment → maintenance over the horizon."""
    taxonomy = standard_taxonomy()
    days = (end - start).days + 1
    phases: list[Phase] = []
    cursor, used = start, 0
    for position, (key, item, share) in enumerate(DEFAULT_PHASES):
        used += share
        last = (
            end
            if position == len(DEFAULT_PHASES) - 1
            else start + timedelta(days * used // 100 - 1)
        )
        last = max(last, cursor)
        label = taxonomy.label("time", "development_timeline", item)
        after = (phases[-1].key,) if phases else ()
        phases.append(Phase(None, 0, key, label, cursor, last, position, False, after))
        cursor = min(last + timedelta(days=1), end)
    return phases


def _check_name_free(conn: Connection, name: str, except_id: int | None = None) -> None:
    if repository.plan_name_taken(conn, name):
        existing = repository.find_plan(conn, name)
        if existing.id != except_id:
            raise InvalidValue("name", name, "a plan with this name already exists")


def _insert_snapshot(
    conn: Connection, snapshot: PlanSnapshot, taxonomy: Taxonomy, replacing: int | None = None
) -> list[RowChange]:
    """Row inserts for a whole plan with fresh ids (phase links remapped)."""
    stamp = now_stamp()
    plan_id = repository.next_id(conn, repository.PLAN)
    plan = replace(snapshot.plan, id=plan_id, created_at=stamp, updated_at=stamp)
    check_plan(plan)
    _check_name_free(conn, plan.name, except_id=replacing)
    changes = [RowChange(None, plan)]
    phase_ids: dict[int | None, int] = {}
    next_phase = repository.next_id(conn, repository.PHASE)
    for offset, phase in enumerate(snapshot.phases):
        new = replace(phase, id=next_phase + offset, plan_id=plan_id)
        check_phase(new)
        phase_ids[phase.id] = next_phase + offset
        changes.append(RowChange(None, new))
    next_line = repository.next_id(conn, repository.LINE)
    for offset, line in enumerate(snapshot.lines):
        phase_id = phase_ids[line.phase_id] if line.phase_id is not None else None
        new_line = replace(line, id=next_line + offset, plan_id=plan_id, phase_id=phase_id)
        try:
            check_line(new_line, taxonomy)
            check_line_currency(new_line, plan)
        except InvalidValue as exc:
            raise exc.at(f"lines[{offset}] ({line.name!r})") from None
        changes.append(RowChange(None, new_line))
    return changes


def _delete_snapshot(snapshot: PlanSnapshot) -> list[RowChange]:
    return (
        [RowChange(line, None) for line in snapshot.lines]
        + [RowChange(phase, None) for phase in snapshot.phases]
        + [RowChange(snapshot.plan, None)]
    )


class CreatePlan(Command):
    """A new plan, with the default development phases over its horizon."""

    label = "New plan"

    def __init__(self, plan: Plan, *, with_phases: bool = True) -> None:
        super().__init__()
        self.plan = plan
        self.with_phases = with_phases
        self.plan_id: int | None = None

    def changes(self, conn: Connection) -> list[RowChange]:
        phases = default_phases(self.plan.start, self.plan.end) if self.with_phases else []
        for i, p in enumerate(phases):
            phases[i] = replace(p, id=-(i + 1))
        snap = PlanSnapshot(self.plan, tuple(phases), ())
        rows = _insert_snapshot(conn, snap, standard_taxonomy())
        self.plan_id = rows[0].after.id if rows[0].after else None
        return rows


class ImportPlan(Command):
    """A whole plan from a file, optionally replacing the plan of the same name."""

    label = "Import plan"

    def __init__(
        self,
        snapshot: PlanSnapshot,
        taxonomy: Taxonomy,
        *,
        replace: bool = False,
        source: str = "",
    ) -> None:
        super().__init__()
        self.snapshot = snapshot
        self.taxonomy = taxonomy
        self.replace = replace
        self.source = source
        self.plan_id: int | None = None

    def changes(self, conn: Connection) -> list[RowChange]:
        """The plan's rows; a refused value names the file it came from."""
        try:
            return self._changes_of(conn)
        except InvalidValue as exc:
            raise (exc.at(self.source) if self.source else exc) from None

    def _changes_of(self, conn: Connection) -> list[RowChange]:
        removed: list[RowChange] = []
        replacing = None
        if self.replace and repository.plan_name_taken(conn, self.snapshot.plan.name):
            replacing = repository.find_plan(conn, self.snapshot.plan.name).id
            assert replacing is not None
            removed = _delete_snapshot(repository.snapshot(conn, replacing))
        added = _insert_snapshot(conn, self.snapshot, self.taxonomy, replacing)
        self.plan_id = added[0].after.id if added[0].after else None
        return removed + added


class EditPlan(Command):
    """New settings for a plan: name, currency, horizon, contingency, capex view, notes."""

    def __init__(self, plan_id: int, **fields: Any) -> None:
        super().__init__()
        self.plan_id = plan_id
        self.fields = fields
        self.label = "Rename plan" if set(fields) == {"name"} else "Edit plan settings"
        if "fx_rates" in fields:  # the store and files keep rates in code order
            fields["fx_rates"] = tuple(sorted(fields["fx_rates"], key=lambda r: r.currency))
        self.base: Plan | None = None

    def start_from(self, shown: Shown) -> None:
        start = shown(Plan, self.plan_id)
        if self.base is None and isinstance(start, Plan):
            self.base = start

    def changes(self, conn: Connection) -> list[RowChange]:
        old = repository.get_plan(conn, self.plan_id)
        if self.base is not None:
            moved = [
                name
                for name, value in self.fields.items()
                if value != getattr(self.base, name) != getattr(old, name)
            ]
            if moved:
                raise EditConflict(
                    f"plan {self.base.name!r} was changed by another window or program "
                    f"since this edit began ({', '.join(moved)})"
                )
        new = touched(replace(old, **self.fields))
        check_plan(new)
        if (new.currency, new.fx_rates) != (old.currency, old.fx_rates):
            for line in repository.lines(conn, self.plan_id):
                check_line_currency(line, new)
        _check_name_free(conn, new.name, except_id=self.plan_id)
        return [RowChange(old, new)]


class DuplicatePlan(Command):
    label = "Duplicate plan"

    def __init__(self, plan_id: int, name: str) -> None:
        super().__init__()
        self.source_id = plan_id
        self.name = name
        self.plan_id: int | None = None

    def changes(self, conn: Connection) -> list[RowChange]:
        snap = repository.snapshot(conn, self.source_id)
        copy = PlanSnapshot(replace(snap.plan, name=self.name), snap.phases, snap.lines)
        rows = _insert_snapshot(conn, copy, _taxonomy(conn))
        self.plan_id = rows[0].after.id if rows[0].after else None
        return rows


class DeletePlan(Command):
    label = "Delete plan"

    def __init__(self, plan_id: int) -> None:
        super().__init__()
        self.plan_id = plan_id

    def changes(self, conn: Connection) -> list[RowChange]:
        return _delete_snapshot(repository.snapshot(conn, self.plan_id))


def _taxonomy(conn: Connection) -> Taxonomy:
    return standard_taxonomy().with_items(repository.custom_items(conn))
