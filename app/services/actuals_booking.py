"""Reading an actuals file's rows against a plan: which line, or category and section,
each row books to, in the plan's currency or one it has a rate for.

Every row at fault is collected with its row and column; any fault refuses the whole
file (:class:`ActualsRefused`), so nothing is ever half-imported.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.domain.actual import rate_to_plan
from app.domain.errors import BadInput
from app.domain.money import is_known_currency
from app.domain.plan import Line, Plan
from app.domain.taxonomy import Taxonomy
from app.io.actuals import ActualsTable, column_name
from app.io.xlsx.cells import DateOrder, date_of, decimal_of, text_of
from app.io.xlsx.mapping import ColumnMapping
from app.io.xlsx.resolve import Resolver
from app.store import actuals as stored

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
