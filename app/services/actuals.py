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
from app.domain.errors import BadInput, EditConflict, InvalidValue
from app.domain.money import is_known_currency
from app.domain.plan import Line, Plan
from app.domain.taxonomy import Taxonomy
from app.engine.variance import Variance, spent_by_category_month, variance
from app.io.actuals import ActualsTable, column_name, read_actuals_file
from app.io.xlsx.cells import DateOrder, date_of, decimal_of, text_of
from app.io.xlsx.mapping import ColumnMapping
from app.io.xlsx.resolve import Resolver
from app.services.changes import ChangeSet, RowChange
from app.services.command import Command, now_stamp
from app.store import actuals as stored
from app.store import repository
from app.store.repository import ACTUAL

MAX_LISTED = 20
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


Placed = Line | stored.LinePlace
"""A line as booking by name needs it (a whole line, or only its id, name and place)."""


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
            f"add a rate for {code} in Plan Settings, or book it in {plan.currency}"
        )
    return None


Booked = tuple[date, str, str, str, str, int | None, str, str]
"""An import row resolved: (booked on, amount, currency, category, section, line id,
reference, description)."""


@dataclass(frozen=True)
class _Refused:
    field: str
    value: object
    reason: str


_Place = tuple[str, str, int | None] | _Refused
_FIELDS = ("date", "amount", "currency", "line", "category", "section", "reference", "description")


class _Rows:
    """Reads and resolves the rows of one table against one plan.

    Places (line, category, section) and currencies repeat across rows: each distinct
    one is resolved once, so 100,000 rows read in well under a second.
    """

    def __init__(
        self, table: ActualsTable, plan: Plan, lines: Sequence[Placed], taxonomy: Taxonomy
    ) -> None:
        self.table = table
        self.plan = plan
        self.mapping: ColumnMapping = table.mapping
        self.resolver = Resolver(taxonomy)
        self.problems: list[str] = []
        named: dict[str, list[Placed]] = defaultdict(list)
        for line in lines:
            named[line.name.strip().casefold()].append(line)
        self.named = named
        self.order = self.mapping.date_order
        self.readers = [
            (
                table.columns.get(f),
                self.mapping.defaults.get(f),
                self.mapping.values.get(f) or None,
            )
            for f in _FIELDS
        ]
        self.places: dict[tuple[object, object, object], _Place] = {}
        self.currencies: dict[str, str | None] = {}

    def problem(self, number: int, field: str, value: object, reason: str) -> None:
        col = self.table.columns.get(field)
        place = f"row {number}" if col is None else f"row {number}, column {column_name(col)}"
        shown = "" if value in (None, "") else f" = {text_of(value)!r}"
        self.problems.append(f"{place} ({field}){shown}: {reason}")

    def values(self, cells: Sequence[Any]) -> list[Any]:
        """The row's cell for each of ``_FIELDS``: stripped, defaulted, translated."""
        width = len(cells)
        out = []
        for col, default, translate in self.readers:
            value = cells[col] if col is not None and col < width else None
            if value.__class__ is str:
                value = value.strip() or None
            if value is None:
                value = default
            elif translate is not None and value.__class__ is str:
                value = translate.get(value, value)
            out.append(value)
        return out

    def read(self, number: int, cells: Sequence[Any]) -> Booked | None:
        day_v, amount_v, currency_v, line_v, category_v, section_v, ref, text = self.values(cells)
        day = self._date(number, day_v)
        amount = self._amount(number, amount_v)
        currency = self._currency(number, currency_v)
        key = (line_v, category_v, section_v)
        place = self.places.get(key)
        if place is None:
            place = self.places[key] = self._place(line_v, category_v, section_v)
        if isinstance(place, _Refused):
            self.problem(number, place.field, place.value, place.reason)
            return None
        if day is None or amount is None or currency is None:
            return None
        category, section, line_id = place
        return (
            day,
            amount,
            currency,
            category,
            section,
            line_id,
            "" if ref is None else text_of(ref),
            "" if text is None else text_of(text),
        )

    def _date(self, number: int, value: Any) -> date | None:
        if value.__class__ is str and len(value) == 10:
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
        if value.__class__ is str and _PLAIN_NUMBER.fullmatch(value):
            return str(value)
        if value is None:
            self.problem(number, "amount", None, "is empty")
            return None
        try:
            return decimal_of(value, decimal_comma=self.mapping.decimal_comma)
        except ValueError as exc:
            self.problem(number, "amount", value, str(exc))
            return None

    def _currency(self, number: int, value: Any) -> str | None:
        code = self.plan.currency if value is None else text_of(value).strip().upper()
        if code not in self.currencies:
            self.currencies[code] = check_currency(self.plan, code)
        reason = self.currencies[code]
        if reason is not None:
            self.problem(number, "currency", code, reason)
            return None
        return code

    def _place(self, line_text: Any, category_text: Any, section_text: Any) -> _Place:
        """(category, section, line id), or why the row cannot be booked."""
        if line_text is not None:
            name = text_of(line_text).strip()
            found = self.named.get(name.casefold(), [])
            if len(found) == 1:
                line = found[0]
                return line.category, line.section, line.id
            if found:
                return _Refused(
                    "line", name, f"{len(found)} lines have this name; book it to a category"
                )
            if category_text is None:
                return _Refused("line", name, "no line of the plan has this name")
        if category_text is None:
            return _Refused("category", None, "give a line name or a category")
        try:
            category, section = self.resolver.category(text_of(category_text))
        except ValueError as exc:
            return _Refused("category", category_text, str(exc))
        if section_text is not None:
            try:
                section = self.resolver.section(category, text_of(section_text))
            except ValueError as exc:
                return _Refused("section", section_text, str(exc))
        return category, section or "", None


def read_actuals(
    table: ActualsTable, plan: Plan, lines: Sequence[Placed], taxonomy: Taxonomy
) -> list[Booked]:
    """Every row of the table resolved against the plan, or :class:`ActualsRefused`."""
    rows = _Rows(table, plan, lines, taxonomy)
    if rows.order is DateOrder.AUTO:
        rows.order = _date_order(table)
    read = rows.read
    found = [read(number, cells) for number, cells in table.rows]
    if rows.problems:
        raise ActualsRefused(table.source, rows.problems)
    return [b for b in found if b is not None]


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
