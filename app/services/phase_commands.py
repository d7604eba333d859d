"""Adding, moving and deleting phases; lines that follow a phase move with it."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import Connection

from app.domain.errors import EditConflict, InvalidValue, NotFound
from app.domain.plan import Phase
from app.domain.validation import check_phase
from app.services.changes import RowChange
from app.services.command import Command, Shown, merged, touch
from app.store import repository


def _check_dependencies(phase: Phase, others: list[Phase]) -> None:
    keys = {p.key for p in others if p.id != phase.id}
    for key in phase.depends_on:
        if key not in keys:
            raise InvalidValue("depends_on", key, "no phase of this plan has that key")
    if any(p.key == phase.key and p.id != phase.id for p in others):
        raise InvalidValue("key", phase.key, "another phase of this plan has that key")


class AddPhase(Command):
    label = "Add phase"

    def __init__(self, phase: Phase) -> None:
        super().__init__()
        self.phase = phase
        self.phase_id: int | None = None

    def changes(self, conn: Connection) -> list[RowChange]:
        others = repository.phases(conn, self.phase.plan_id)
        position = max((p.position for p in others), default=-1) + 1
        new = replace(self.phase, id=repository.next_id(conn, repository.PHASE), position=position)
        check_phase(new)
        _check_dependencies(new, others)
        self.phase_id = new.id
        return [RowChange(None, new), touch(conn, new.plan_id)]


class EditPhase(Command):
    """New name, dates, dependencies or milestone flag; following lines take the new dates."""

    def __init__(self, phase: Phase, base: Phase | None = None) -> None:
        super().__init__()
        self.phase = phase
        self.base = base
        self.label = "Edit phase"

    def start_from(self, shown: Shown) -> None:
        assert self.phase.id is not None
        start = shown(Phase, self.phase.id)
        if self.base is None and isinstance(start, Phase):
            self.base = start

    def changes(self, conn: Connection) -> list[RowChange]:
        assert self.phase.id is not None
        try:
            old = repository.get_phase(conn, self.phase.id)
        except NotFound:
            if self.base is None:
                raise
            raise EditConflict(
                f"phase {self.base.name!r} was deleted by another window or program"
            ) from None
        phase = self.phase
        if self.base is not None:
            phase = merged(old, self.base, phase, f"phase {self.base.name!r}")
        new = replace(phase, plan_id=old.plan_id)
        check_phase(new)
        others = repository.phases(conn, old.plan_id)
        _check_dependencies(new, others)
        rows = [RowChange(old, new)]
        if (old.start, old.end) != (new.start, new.end):
            self.label = "Move phase"
            for line in repository.lines(conn, old.plan_id):
                if line.phase_id == new.id and line.dates_from_phase:
                    rows.append(RowChange(line, replace(line, start=new.start, end=new.end)))
        if old.key != new.key:
            for other in others:
                if old.key in other.depends_on and other.id != new.id:
                    deps = tuple(new.key if k == old.key else k for k in other.depends_on)
                    rows.append(RowChange(other, replace(other, depends_on=deps)))
        return [*rows, touch(conn, old.plan_id)]


class DeletePhase(Command):
    """Remove a phase; its lines keep their dates but no longer follow it."""

    label = "Delete phase"

    def __init__(self, phase_id: int) -> None:
        super().__init__()
        self.phase_id = phase_id

    def changes(self, conn: Connection) -> list[RowChange]:
        old = repository.get_phase(conn, self.phase_id)
        rows = []
        for line in repository.lines(conn, old.plan_id):
            if line.phase_id == old.id:
                rows.append(RowChange(line, replace(line, phase_id=None, dates_from_phase=False)))
        for other in repository.phases(conn, old.plan_id):
            if old.key in other.depends_on:
                deps = tuple(k for k in other.depends_on if k != old.key)
                rows.append(RowChange(other, replace(other, depends_on=deps)))
        return [*rows, RowChange(old, None), touch(conn, old.plan_id)]
