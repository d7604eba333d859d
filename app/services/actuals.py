"""Booking actuals: an import file's rows resolved against a plan, and the commands
that add and remove actuals (undoable, like every write).

An import is all or nothing: every row that cannot be read or booked is reported with
its row and column, and nothing is written. A row whose reference the plan already
has is skipped and counted, so importing the same invoices twice books them once.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from app.domain.actual import Actual, rate_to_plan
from app.domain.errors import BadInput, InvalidValue
from app.domain.money import is_known_currency
from app.domain.plan import Line, Plan
from app.domain.taxonomy import Taxonomy
from app.engine.variance import Variance, spent_by_category_month, variance
from app.io.actuals import ActualsTable, column_name, read_actuals_file
from app.io.xlsx.cells import DateOrder, date_of, decimal_of, is_blank, text_of
from app.io.xlsx.mapping import ColumnMapping
from app.io.xlsx.resolve import Resolver
from app.services.changes import RowChange
from app.services.command import Command, now_stamp
from app.store import actuals as stored
from app.store import repository
from app.store.repository import ACTUAL

MAX_LISTED = 20
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


class ActualsRefused(BadInput):
    """An actuals file with rows that cannot be booked; nothing was written."""

    def __init__(self, source: str, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        count = len(problems)
        shown = "; ".join(problems[:MAX_LISTED])
        more = f"; and {count - MAX_LISTED} more" if count > MAX_LISTED else ""
        noun = "row" if count == 1 else "rows"
        super().__init__(
            f"{source}: {count} {noun} cannot be booked, nothing imported: {shown}{more}"
        )


@dataclass(frozen=True)
class ImportResult:
    booked: int
    skipped: int  # rows whose reference the plan already had
    batch: str


def check_currency(plan: Plan, code: str) -> str | None:
    """Why an actual in ``code`` cannot be booked on ``plan`` (None: it can)."""
    if not is_known_currency(code):
        return "is not an ISO 4217 currency code"
    if rate_to_plan(plan, code) is None:
        return (
            f"the plan is in {plan.currency} and has no exchange rate for {code}; "
            f"book it in {plan.currency}"
        )
    return None


class _Rows:
    """Reads and resolves the rows of one table against one plan."""

    def __init__(self, table: ActualsTable, plan: Plan, lines: Sequence[Line], taxonomy: Taxonomy):
        self.table = table
        self.plan = plan
        self.mapping: ColumnMapping = table.mapping
        self.resolver = Resolver(taxonomy)
        self.problems: list[str] = []
        named: dict[str, list[Line]] = defaultdict(list)
        for line in lines:
            named[line.name.strip().casefold()].append(line)
        self.named = named
        self.order = self.mapping.date_order

    def problem(self, number: int, field: str, value: object, reason: str) -> None:
        col = self.table.columns.get(field)
        place = f"row {number}" if col is None else f"row {number}, column {column_name(col)}"
        shown = "" if value in (None, "") else f" = {text_of(value)!r}"
        self.problems.append(f"{place} ({field}){shown}: {reason}")

    def cell(self, cells: Sequence[Any], field: str) -> Any:
        col = self.table.columns.get(field)
        value = cells[col] if col is not None and col < len(cells) else None
        if is_blank(value):
            value = self.mapping.defaults.get(field)
        if isinstance(value, str):
            value = value.strip()
            translated = self.mapping.values.get(field, {}).get(value)
            if translated is not None:
                value = translated
        return value

    def read(self, number: int, cells: Sequence[Any], batch: str) -> Actual | None:
        before = len(self.problems)
        day = self._date(number, self.cell(cells, "date"))
        amount = self._amount(number, self.cell(cells, "amount"))
        currency = self._currency(number, self.cell(cells, "currency"))
        place = self._place(number, cells)
        if len(self.problems) > before or day is None or amount is None or place is None:
            return None
        category, section, line_id = place
        return Actual(
            None,
            self.plan.id or 0,
            day,
            amount,
            currency,
            category,
            section,
            line_id,
            text_of(self.cell(cells, "reference")),
            text_of(self.cell(cells, "description")),
            batch,
        )

    def _date(self, number: int, value: Any) -> date | None:
        if isinstance(value, str) and len(value) == 10:
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        try:
            return date_of(value, order=self.order)
        except ValueError as exc:
            if value is None:
                self.problem(number, "date", None, "is empty")
            else:
                self.problem(number, "date", value, str(exc))
            return None

    def _amount(self, number: int, value: Any) -> str | None:
        if isinstance(value, str) and _PLAIN_NUMBER.fullmatch(value):
            return value
        if value is None:
            self.problem(number, "amount", None, "is empty")
            return None
        try:
            return decimal_of(value, decimal_comma=self.mapping.decimal_comma)
        except ValueError as exc:
            self.problem(number, "amount", value, str(exc))
            return None

    def _currency(self, number: int, value: Any) -> str:
        code = text_of(value).strip().upper() if value is not None else self.plan.currency
        reason = check_currency(self.plan, code)
        if reason is not None:
            self.problem(number, "currency", code, reason)
        return code

    def _place(self, number: int, cells: Sequence[Any]) -> tuple[str, str, int | None] | None:
        line_text = self.cell(cells, "line")
        category_text = self.cell(cells, "category")
        section_text = self.cell(cells, "section")
        if not is_blank(line_text):
            name = text_of(line_text).strip()
            found = self.named.get(name.casefold(), [])
            if len(found) == 1:
                line = found[0]
                return line.category, line.section, line.id
            reason = (
                f"{len(found)} lines have this name; book it to a category and section"
                if found
                else "no line of the plan has this name"
            )
            if is_blank(category_text) or found:
                self.problem(number, "line", name, reason)
                return None
        if is_blank(category_text):
            self.problem(number, "category", None, "give a line name or a category")
            return None
        try:
            category, section = self.resolver.category(text_of(category_text))
        except ValueError as exc:
            self.problem(number, "category", category_text, str(exc))
            return None
        if not is_blank(section_text):
            try:
                section = self.resolver.section(category, text_of(section_text))
            except ValueError as exc:
                self.problem(number, "section", section_text, str(exc))
                return None
        return category, section or "", None


def read_actuals(
    table: ActualsTable, plan: Plan, lines: Sequence[Line], taxonomy: Taxonomy, batch: str
) -> list[Actual]:
    """Every row of the table as an actual of the plan, or :class:`ActualsRefused`."""
    rows = _Rows(table, plan, lines, taxonomy)
    if rows.order is DateOrder.AUTO:
        rows.order = _date_order(table)
    found = [rows.read(number, cells, batch) for number, cells in table.rows]
    if rows.problems:
        raise ActualsRefused(table.source, rows.problems)
    return [a for a in found if a is not None]


def _date_order(table: ActualsTable) -> DateOrder:
    """Day or month first, from any date text in the column that settles it."""
    from app.io.xlsx.cells import numeric_date_parts

    col = table.columns.get("date")
    if col is None:
        return DateOrder.AUTO
    for _, cells in table.rows:
        value = cells[col] if col < len(cells) else None
        parts = numeric_date_parts(value) if isinstance(value, str) else None
        if parts is not None and parts[0] > 12 >= parts[1]:
            return DateOrder.DMY
        if parts is not None and parts[1] > 12 >= parts[0]:
            return DateOrder.MDY
    return DateOrder.AUTO


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


class ImportActuals(AddActuals):
    """Book a file's rows, skipping those whose reference the plan already has."""

    def __init__(self, actuals: Sequence[Actual], plan_id: int) -> None:
        super().__init__(actuals, "Import Actuals")
        self.plan_id = plan_id
        self.skipped = 0

    def changes(self, conn: Connection) -> list[RowChange]:
        booked = stored.booked_references(conn, self.plan_id, (a.reference for a in self.actuals))
        fresh = [a for a in self.actuals if not a.reference or a.reference not in booked]
        self.skipped = len(self.actuals) - len(fresh)
        self.actuals = fresh
        return super().changes(conn)


def import_actuals(
    workspace: Any, plan_id: int, path: Path, mapping: ColumnMapping | None = None
) -> ImportResult:
    """Read ``path`` and book its rows on the plan, all or nothing."""
    table = read_actuals_file(path, mapping)
    snap = workspace.snapshot(plan_id)
    batch = f"{Path(path).name} {now_stamp()}"
    found = read_actuals(table, snap.plan, snap.lines, workspace.taxonomy(), batch)
    command = ImportActuals(found, plan_id)
    workspace.apply(command)
    return ImportResult(len(command.actuals), command.skipped, batch)


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
