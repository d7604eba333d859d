"""Updating a plan in place from a workbook it was exported to.

An exported workbook carries hidden ids; re-importing it changes the plan it came from
(lines and phases matched by id, new rows added, missing rows removed) instead of
deleting and recreating the plan, so ids, history and undo stay meaningful.
``describe_reimport`` tells the window what a re-import would change before it asks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from sqlalchemy import Connection

from app.domain.errors import InvalidValue, NotFound
from app.domain.fx import check_line_currency
from app.domain.plan import PLAN_SETTINGS, Line, Phase, Plan, PlanSnapshot
from app.domain.taxonomy import Taxonomy
from app.domain.validation import check_line, check_phase, check_plan
from app.services.changes import RowChange
from app.services.command import Command, now_stamp
from app.services.plan_commands import ImportPlan
from app.store import repository

LINE_FIELDS = tuple(
    f.name for f in fields(Line) if f.name not in ("id", "plan_id", "phase_id", "position")
)
PHASE_FIELDS = ("key", "name", "start", "end", "milestone", "depends_on")


@dataclass(frozen=True)
class LineChange:
    """A line the re-import changes, and which of its fields ("phase", "order" included)."""

    before: Line
    after: Line
    fields: tuple[str, ...]


@dataclass(frozen=True)
class ReimportPreview:
    """What re-importing a workbook into its plan would change."""

    plan_fields: tuple[str, ...]
    added: tuple[Line, ...]
    changed: tuple[LineChange, ...]
    removed: tuple[Line, ...]
    phases_added: tuple[Phase, ...]
    phases_changed: tuple[Phase, ...]
    phases_removed: tuple[Phase, ...]

    @property
    def unchanged(self) -> bool:
        return not (
            self.plan_fields
            or self.added
            or self.changed
            or self.removed
            or self.phases_added
            or self.phases_changed
            or self.phases_removed
        )


def source_plan(conn: Connection, incoming: PlanSnapshot) -> int | None:
    """The plan a workbook was exported from, if it is in this database.

    The hidden plan id alone could name another plan in another database, so the
    creation stamp must match too.
    """
    plan_id, stamp = incoming.plan.id, incoming.plan.created_at
    if plan_id is None or not stamp:
        return None
    try:
        plan = repository.get_plan(conn, plan_id)
    except NotFound:
        return None
    return plan_id if plan.created_at == stamp else None


def import_command(
    conn: Connection,
    incoming: PlanSnapshot,
    taxonomy: Taxonomy,
    *,
    replace: bool,
    source: str = "",
) -> ReimportPlan | ImportPlan:
    """``--replace``: update the source plan in place when it is here, else replace by name."""
    if replace:
        target = source_plan(conn, incoming)
        if target is not None:
            return ReimportPlan(target, incoming, taxonomy)
    return ImportPlan(incoming, taxonomy, replace=replace, source=source)


@dataclass(frozen=True)
class _Match:
    phase_pairs: list[tuple[Phase | None, Phase]]
    phases_removed: list[Phase]
    line_pairs: list[tuple[Line | None, Line]]
    lines_removed: list[Line]


def _match(current: PlanSnapshot, incoming: PlanSnapshot) -> _Match:
    """Pair incoming phases and lines with the current ones by hidden id.

    A new phase taking the key of a removed one reuses that phase (keys are unique).
    """
    by_id = {p.id: p for p in current.phases}
    claimed: set[int | None] = set()
    phase_pairs: list[tuple[Phase | None, Phase]] = []
    for phase in incoming.phases:
        old = by_id.get(phase.id) if phase.id is not None and phase.id > 0 else None
        phase_pairs.append((old, phase))
        claimed.add(old.id if old else None)
    free = {p.key: p for p in current.phases if p.id not in claimed}
    for index, (old, phase) in enumerate(phase_pairs):
        if old is None and phase.key in free:
            reused = free.pop(phase.key)
            phase_pairs[index] = (reused, phase)
            claimed.add(reused.id)
    removed_phases = [p for p in current.phases if p.id not in claimed]
    lines = {line.id: line for line in current.lines}
    seen: set[int] = set()
    line_pairs: list[tuple[Line | None, Line]] = []
    for line in incoming.lines:
        old_line = lines.get(line.id) if line.id is not None and line.id not in seen else None
        if old_line is not None and old_line.id is not None:
            seen.add(old_line.id)
            line = _copied_currency_kept(old_line, line)
        line_pairs.append((old_line, line))
    removed_lines = [line for line in current.lines if line.id not in seen]
    return _Match(phase_pairs, removed_phases, line_pairs, removed_lines)


def _copied_currency_kept(old: Line, line: Line) -> Line:
    """A workbook has no column for a copied price's currency: the same copied price
    keeps the currency the line had."""
    same = (old.catalogue_ref, old.catalogue_price, old.catalogue_as_of) == (
        line.catalogue_ref,
        line.catalogue_price,
        line.catalogue_as_of,
    )
    if line.catalogue_currency is None and same:
        return replace(line, catalogue_currency=old.catalogue_currency)
    return line


def _ranks(
    now: Sequence[Line | Phase], pairs: Sequence[tuple[Any, Any]]
) -> tuple[dict[int | None, int], dict[int | None, int]]:
    """Each kept row's place among the kept rows, now and in the workbook.

    A row has moved only if the kept rows come back in another order; rows added or
    removed around it do not move it.
    """
    kept_then = [old.id for old, _new in pairs if old is not None]
    kept = set(kept_then)
    rank_now = {i: n for n, i in enumerate(x.id for x in now if x.id in kept)}
    return rank_now, {i: n for n, i in enumerate(kept_then)}


def describe_reimport(current: PlanSnapshot, incoming: PlanSnapshot) -> ReimportPreview:
    """Lines and phases a re-import of ``incoming`` into ``current`` adds, changes, removes."""
    match = _match(current, incoming)
    keys_now = {p.id: p.key for p in current.phases}
    keys_then = {p.id: p.key for p in incoming.phases}
    changed = []
    added = []
    rank_now, rank_then = _ranks(current.lines, match.line_pairs)
    for old, line in match.line_pairs:
        if old is None:
            added.append(line)
            continue
        diff = [f for f in LINE_FIELDS if getattr(old, f) != getattr(line, f)]
        if keys_now.get(old.phase_id) != keys_then.get(line.phase_id):
            diff.append("phase")
        if rank_now[old.id] != rank_then[old.id]:
            diff.append("order")
        if diff:
            changed.append(LineChange(old, line, tuple(diff)))
    phase_now, phase_then = _ranks(current.phases, match.phase_pairs)
    phases_changed = tuple(
        phase
        for old, phase in match.phase_pairs
        if old is not None
        and (
            any(getattr(old, f) != getattr(phase, f) for f in PHASE_FIELDS)
            or phase_now[old.id] != phase_then[old.id]
        )
    )
    return ReimportPreview(
        plan_fields=tuple(
            f for f in PLAN_SETTINGS if getattr(current.plan, f) != getattr(incoming.plan, f)
        ),
        added=tuple(added),
        changed=tuple(changed),
        removed=tuple(match.lines_removed),
        phases_added=tuple(p for old, p in match.phase_pairs if old is None),
        phases_changed=phases_changed,
        phases_removed=tuple(match.phases_removed),
    )


class ReimportPlan(Command):
    """The source plan updated in place from a re-imported workbook (one undo step)."""

    label = "Update plan from workbook"

    def __init__(self, plan_id: int, incoming: PlanSnapshot, taxonomy: Taxonomy) -> None:
        super().__init__()
        self.plan_id = plan_id
        self.incoming = incoming
        self.taxonomy = taxonomy

    def changes(self, conn: Connection) -> list[RowChange]:
        current = repository.snapshot(conn, self.plan_id)
        match = _match(current, self.incoming)
        plan = _updated_plan(conn, current.plan, self.incoming.plan)
        rows = [RowChange(current.plan, plan)] if plan != current.plan else []
        phase_ids: dict[int, int] = {}
        next_phase = repository.next_id(conn, repository.PHASE)
        inserts: list[RowChange] = []
        updates: list[RowChange] = []
        keys = {p.key for _, p in match.phase_pairs}
        if len(keys) != len(match.phase_pairs):
            taken = [p.key for _, p in match.phase_pairs]
            twice = next(k for k in taken if taken.count(k) > 1)
            raise InvalidValue("key", twice, "two phases share this key").at("Phases")
        # Keys are unique in a plan: phases that give up their key (renamed or removed)
        # first take a private one, so a swap or a reused key never clashes midway.
        giving_up = [old for old, new in match.phase_pairs if old and old.key != new.key]
        giving_up += match.phases_removed
        parked = {p.id: replace(p, key=f"\0{p.id}") for p in giving_up}
        rows += [RowChange(p, parked[p.id]) for p in giving_up]
        for position, (old, phase) in enumerate(match.phase_pairs):
            new_id = old.id if old is not None else next_phase + len(inserts)
            assert new_id is not None
            new = replace(phase, id=new_id, plan_id=self.plan_id, position=position)
            _check_phase(new, keys)
            if phase.id is not None:
                phase_ids[phase.id] = new_id
            if old is None:
                inserts.append(RowChange(None, new))
            elif parked.get(old.id, old) != new:
                updates.append(RowChange(parked.get(old.id, old), new))
        rows += inserts + updates + [RowChange(line, None) for line in match.lines_removed]
        next_line = repository.next_id(conn, repository.LINE)
        added: list[RowChange] = []
        phases = {p.id: p for _, p in match.phase_pairs}
        for position, (old_line, line) in enumerate(match.line_pairs):
            new_line = replace(
                line,
                id=old_line.id if old_line is not None else next_line + len(added),
                plan_id=self.plan_id,
                phase_id=phase_ids.get(line.phase_id) if line.phase_id is not None else None,
                position=position,
            )
            followed = phases.get(line.phase_id)
            if new_line.dates_from_phase and followed is not None:
                new_line = replace(new_line, start=followed.start, end=followed.end)
            try:
                check_line(new_line, self.taxonomy)
                check_line_currency(new_line, plan)
            except InvalidValue as exc:
                raise exc.at(f"line {position + 1} ({line.name!r})") from None
            if old_line is None:
                added.append(RowChange(None, new_line))
            elif old_line != new_line:
                rows.append(RowChange(old_line, new_line))
        rows += added + [RowChange(parked[p.id], None) for p in match.phases_removed]
        return rows


def _updated_plan(conn: Connection, old: Plan, incoming: Plan) -> Plan:
    new = replace(old, **{f: getattr(incoming, f) for f in PLAN_SETTINGS})
    if new == old:
        return old
    new = replace(new, updated_at=now_stamp())
    check_plan(new)
    if new.name != old.name and repository.plan_name_taken(conn, new.name):
        raise InvalidValue("name", new.name, "a plan with this name already exists")
    return new


def _check_phase(phase: Phase, keys: set[str]) -> None:
    try:
        check_phase(phase)
    except InvalidValue as exc:
        raise exc.at(f"phase {phase.key!r}") from None
    for key in phase.depends_on:
        if key not in keys:
            raise InvalidValue("depends_on", key, "no phase of this plan has that key").at(
                f"phase {phase.key!r}"
            )
