"""Booking actuals: the commands that add and remove actuals (undoable, like every
write), the import that books a file's rows (read in :mod:`actuals_booking`), and what
the window and the commands read back.

An import is all or nothing: every row that cannot be read or booked is reported with
its row and column, and nothing is written. A row whose reference the plan already
has is skipped and counted, so importing the same invoices twice books them once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from app.domain.actual import Actual
from app.domain.errors import EditConflict, InvalidValue
from app.domain.plan import Line, Plan
from app.engine.variance import Variance, spent_by_category_month, variance
from app.io.actuals import read_actuals_file
from app.io.xlsx.mapping import ColumnMapping
from app.services.actuals_booking import Booked, read_actuals
from app.services.changes import ChangeSet, RowChange
from app.services.command import Command, now_stamp
from app.store import actuals as stored
from app.store import repository
from app.store.repository import ACTUAL


@dataclass(frozen=True)
class ImportResult:
    booked: int
    skipped: int  # rows whose reference the plan already had
    batch: str


# ---- Commands


class AddActuals(Command):
    """Book actuals (typed in the window, or an import's rows); undo removes them."""

    def __init__(self, actuals: Sequence[Actual], label: str = "Add Actual") -> None:
        super().__init__()
        self.actuals = list(actuals)
        self.label = label
        self.ids: list[int] = []

    def changes(self, conn: Connection) -> list[RowChange]:
        first = repository.next_id(conn, ACTUAL)
        values = [replace(a, id=first + i) for i, a in enumerate(self.actuals)]
        self.ids = [first + i for i in range(len(values))]
        return [RowChange(None, v) for v in values]


class DeleteActuals(Command):
    """Remove actuals; undo books them again exactly as they were."""

    label = "Delete Actual"

    def __init__(self, ids: Sequence[int]) -> None:
        super().__init__()
        self.ids = list(ids)

    def changes(self, conn: Connection) -> list[RowChange]:
        found = []
        for actual_id in self.ids:
            value = repository.current_value(conn, Actual, actual_id)
            if value is not None:
                found.append(RowChange(value, None))
        return found


class ImportActuals(Command):
    """Book a file's rows, skipping those whose reference the plan already has.

    A file's rows are many (100,000): they are written in one bulk insert under
    consecutive ids, and undo deletes that id range (refused if another writer
    touched it), rather than going row by row.
    """

    label = "Import Actuals"

    def __init__(self, plan_id: int, rows: Sequence[Booked], batch: str) -> None:
        super().__init__()
        self.plan_id = plan_id
        self.rows = list(rows)
        self.batch = batch
        self.skipped = 0
        self.first = 0
        self.booked = 0

    def changes(self, conn: Connection) -> list[RowChange]:  # pragma: no cover - unused
        raise NotImplementedError

    def apply(self, conn: Connection) -> ChangeSet:
        if not self.first:
            references = (r[6] for r in self.rows)
            booked = stored.booked_references(conn, self.plan_id, references)
            fresh = [r for r in self.rows if not r[6] or r[6] not in booked]
            self.skipped = len(self.rows) - len(fresh)
            self.rows = fresh
            self.booked = len(fresh)
        self.first = repository.next_id(conn, ACTUAL) if not self.first else self.first
        stored.insert_rows(conn, self.plan_id, self.first, self.rows, self.batch)
        return ChangeSet(actuals_changed=frozenset({self.plan_id}))

    def revert(self, conn: Connection) -> ChangeSet:
        gone = stored.delete_range(conn, self.plan_id, self.first, self.booked, self.batch)
        if gone != self.booked:
            raise EditConflict("the imported actuals were changed by another window or program")
        return ChangeSet(actuals_changed=frozenset({self.plan_id}))


def import_actuals(
    workspace: Any, plan_id: int, path: Path, mapping: ColumnMapping | None = None
) -> ImportResult:
    """Read ``path`` and book its rows on the plan, all or nothing."""
    table = read_actuals_file(path, mapping)

    def read(conn: Connection) -> tuple[Plan, list[stored.LinePlace]]:
        return repository.get_plan(conn, plan_id), stored.line_places(conn, plan_id)

    plan, lines = workspace.read(read)
    batch = f"{Path(path).name} {now_stamp()}"
    found = read_actuals(table, plan, lines, workspace.taxonomy())
    command = ImportActuals(plan_id, found, batch)
    workspace.apply(command)
    return ImportResult(command.booked, command.skipped, batch)


def plan_actuals(workspace: Any, plan_id: int, line_id: int | None = None) -> list[Actual]:
    """The plan's actuals (or one line's), by date."""
    result: list[Actual] = workspace.read(lambda c: stored.actuals(c, plan_id, line_id))
    return result


def typed_actual(
    plan: Plan, line: Line, booked_on: date, amount: str, reference: str = "", description: str = ""
) -> Actual:
    """An actual typed in the window for one line, checked like an imported one."""
    from app.domain.validation import parse_decimal

    try:
        parse_decimal("amount", amount.strip())
    except InvalidValue as exc:
        raise exc.at(f"line {line.name!r}") from None
    return Actual(
        None,
        plan.id or 0,
        booked_on,
        amount.strip(),
        plan.currency,
        line.category,
        line.section,
        line.id,
        reference.strip(),
        description.strip(),
        "typed",
    )


def plan_variance(workspace: Any, plan_id: int, as_of: int | None = None) -> Variance:
    """Budget vs actual of the plan now (``as_of`` a month index; default the last
    month with an actual)."""

    def read(conn: Connection) -> tuple[Any, list[stored.SpentRow]]:
        return repository.snapshot(conn, plan_id), stored.spent(conn, plan_id)

    snap, rows = workspace.read(read)
    categories = {line.id: line.category for line in snap.lines if line.id is not None}
    spent = spent_by_category_month(snap.plan, rows, categories)
    return variance(snap.plan, snap.lines, spent, as_of)


def monthly_actuals(workspace: Any, plan_id: int) -> dict[int, int]:
    """What was spent on the plan in each month (month index → minor units)."""

    def read(conn: Connection) -> tuple[Plan, list[stored.SpentRow]]:
        return repository.get_plan(conn, plan_id), stored.spent(conn, plan_id)

    plan, rows = workspace.read(read)
    months: dict[int, int] = {}
    for (_, month), amount in spent_by_category_month(plan, rows, {}).items():
        months[month] = months.get(month, 0) + amount
    return months


def spent_rows(workspace: Any, plan_id: int) -> list[stored.SpentRow]:
    """Each actual of the plan as (booked on, amount, currency, category, line id)."""
    rows: list[stored.SpentRow] = workspace.read(lambda c: stored.spent(c, plan_id))
    return rows
