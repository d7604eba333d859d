"""Adding, editing, duplicating, reordering, repricing and deleting resource lines."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from sqlalchemy import Connection

from app.domain.errors import EditConflict, InvalidValue, NotFound
from app.domain.fx import check_line_currency
from app.domain.plan import Line, Plan
from app.domain.taxonomy import standard_taxonomy
from app.domain.validation import check_line
from app.services.changes import RowChange
from app.services.command import Command, Shown, merged, touch
from app.store import repository


def _ready(conn: Connection, line: Line, plans: dict[int, Plan] | None = None) -> Line:
    """The line with its phase's dates if it follows one, checked against every rule.

    ``plans`` keeps the plans already read, so many lines read their plan once.
    """
    if line.dates_from_phase:
        if line.phase_id is None:
            raise InvalidValue("dates_from_phase", True, "the line follows no phase")
        phase = repository.get_phase(conn, line.phase_id)
        line = replace(line, start=phase.start, end=phase.end)
    taxonomy = standard_taxonomy().with_items(repository.custom_items(conn))
    plans = {} if plans is None else plans
    if line.currency is not None and line.plan_id not in plans:
        plans[line.plan_id] = repository.get_plan(conn, line.plan_id)
    try:
        check_line(line, taxonomy)
        if line.currency is not None:
            check_line_currency(line, plans[line.plan_id])
    except InvalidValue as exc:
        raise exc.at(f"line {line.name!r}") from None
    return line


class AddLines(Command):
    """New lines at the end of a plan (one, or many from a paste or duplicate)."""

    def __init__(self, plan_id: int, lines: Sequence[Line], label: str = "Add line") -> None:
        super().__init__()
        self.plan_id = plan_id
        self.new = list(lines)
        self.label = label
        self.line_ids: list[int] = []

    def changes(self, conn: Connection) -> list[RowChange]:
        existing = repository.lines(conn, self.plan_id)
        position = max((line.position for line in existing), default=-1) + 1
        first_id = repository.next_id(conn, repository.LINE)
        rows = []
        plans: dict[int, Plan] = {}
        for offset, line in enumerate(self.new):
            ready = _ready(
                conn,
                replace(
                    line, id=first_id + offset, plan_id=self.plan_id, position=position + offset
                ),
                plans,
            )
            rows.append(RowChange(None, ready))
        self.line_ids = [first_id + i for i in range(len(rows))]
        return [*rows, touch(conn, self.plan_id)]


class EditLines(Command):
    """New values for existing lines (an edit, a reorder, a reprice).

    With ``base`` (the lines as the edit found them), only the fields the edit changed
    are stored, and an edit of a field another writer has changed since is refused
    (:class:`EditConflict`); without it, the lines are stored as given.
    """

    def __init__(
        self, lines: Sequence[Line], label: str = "Edit line", base: Sequence[Line] = ()
    ) -> None:
        super().__init__()
        self.new = list(lines)
        self.label = label
        self.base = {line.id: line for line in base}

    def start_from(self, shown: Shown) -> None:
        for line in self.new:
            assert line.id is not None
            start = shown(Line, line.id)
            if line.id not in self.base and isinstance(start, Line):
                self.base[line.id] = start

    def changes(self, conn: Connection) -> list[RowChange]:
        rows = []
        plans: dict[int, Plan] = {}
        for line in self.new:
            assert line.id is not None
            start = self.base.get(line.id)
            try:
                old = repository.get_line(conn, line.id)
            except NotFound:
                if start is None:
                    raise
                raise EditConflict(
                    f"line {start.name!r} was deleted by another window or program"
                ) from None
            if start is not None:
                line = merged(old, start, line, f"line {start.name!r}")
            new = _ready(conn, replace(line, plan_id=old.plan_id), plans)
            if new != old:
                rows.append(RowChange(old, new))
        edited = {c.after.plan_id for c in rows if isinstance(c.after, Line)}
        return rows + [touch(conn, plan_id) for plan_id in sorted(edited)]


class DeleteLines(Command):
    def __init__(self, line_ids: Iterable[int]) -> None:
        super().__init__()
        self.line_ids = list(line_ids)
        self.label = (
            "Delete line" if len(self.line_ids) == 1 else f"Delete {len(self.line_ids)} lines"
        )

    def changes(self, conn: Connection) -> list[RowChange]:
        old = [repository.get_line(conn, i) for i in self.line_ids]
        plans = sorted({line.plan_id for line in old})
        return [RowChange(line, None) for line in old] + [touch(conn, p) for p in plans]


def duplicate_lines(conn: Connection, plan_id: int, line_ids: Iterable[int]) -> AddLines:
    """A command adding copies of the given lines at the end of the plan."""
    copies = [
        replace(
            repository.get_line(conn, i),
            id=None,
            name=f"{repository.get_line(conn, i).name} (copy)",
        )
        for i in line_ids
    ]
    return AddLines(plan_id, copies, "Duplicate lines" if len(copies) > 1 else "Duplicate line")


def reorder_lines(conn: Connection, plan_id: int, ordered_ids: Sequence[int]) -> EditLines:
    """A command putting the plan's lines in the given order (others keep theirs, after)."""
    lines = {line.id: line for line in repository.lines(conn, plan_id)}
    order = [i for i in ordered_ids if i in lines] + [i for i in lines if i not in ordered_ids]
    moved = [
        replace(lines[i], position=pos) for pos, i in enumerate(order) if lines[i].position != pos
    ]
    return EditLines(moved, "Move lines", base=[lines[i] for i in order])
