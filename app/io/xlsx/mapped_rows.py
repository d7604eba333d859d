"""Reading each row of a planner's sheet as a line, through a column mapping.

Every cell that cannot be read becomes a :class:`Problem` with sheet and cell; rows
that are totals are skipped and said so. The plan (name, currency, horizon) comes from
the mapping's ``[plan]`` table or, failing that, from the lines themselves.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import partial
from typing import Any

from app.domain.cost_models import DRIVERS
from app.domain.errors import InvalidValue
from app.domain.plan import CostModel, Line, Plan
from app.domain.taxonomy import Taxonomy
from app.domain.validation import check_line, parse_decimal
from app.io.xlsx.cells import (
    DateOrder,
    address,
    date_of,
    decimal_of,
    is_blank,
    numeric_date_parts,
    text_of,
)
from app.io.xlsx.currency import foreign_currency
from app.io.xlsx.mapping import ColumnMapping, normalise_header
from app.io.xlsx.problems import Problem
from app.io.xlsx.resolve import Resolver, cost_model, implied_period, period, section_in_words
from app.io.xlsx.table import SheetTable, TableRow

BUILT_IN_DEFAULTS = {
    "quantity": "1",
    "period": "month",
    "utilization": "1",
    "overhead_pct": "0",
    "growth_per_month": "0",
    "hours_per_month": "730",
}
PERCENT_FIELDS = frozenset({"overhead_pct"})
_TOTAL_ROW = re.compile(r"^\s*(grand\s+)?(sub\s*-?\s*)?totals?\b", re.IGNORECASE)
MONEY_FIELDS = ("amount", *sorted({s.key for specs in DRIVERS.values() for s in specs if s.money}))


@dataclass(frozen=True)
class RowPreview:
    """What one sheet row becomes: a line, its problems, or why it was skipped."""

    row: int  # 1-based, as the spreadsheet shows it
    line: Line | None
    problems: tuple[Problem, ...] = ()
    skipped: str = ""


class RowReader:
    def __init__(self, table: SheetTable, mapping: ColumnMapping, taxonomy: Taxonomy) -> None:
        self.table = table
        self.mapping = mapping
        self.taxonomy = taxonomy
        self.resolver = Resolver(taxonomy)
        self.mapping_problems: list[Problem] = []
        self.columns = self._columns()
        order = self._date_order()
        self.orders = {"start": order, "end": order}

    # ---- Mapping

    def _problem(self, cell: str, field_name: str, value: object, reason: str) -> Problem:
        return Problem(self.table.sheet, cell, field_name, value, reason)

    def _columns(self) -> dict[str, int]:
        headers = self.table.headers
        exact = {h: i for i, h in reversed(list(enumerate(headers))) if h}
        normal = {normalise_header(h): i for i, h in reversed(list(enumerate(headers))) if h}
        found = {}
        for field_name, header in self.mapping.columns.items():
            col = exact.get(header.strip())
            if col is None:
                col = normal.get(normalise_header(header))
            if col is None and re.fullmatch(r"[A-Za-z]{1,3}", header.strip()):
                col = _column_index(header.strip().upper())
            if col is None:
                shown = ", ".join(h for h in headers if h)
                self.mapping_problems.append(
                    self._problem("-", field_name, header, f"no column has this header ({shown})")
                )
                continue
            found[field_name] = col
        if "name" not in found:
            self.mapping_problems.append(
                self._problem("-", "name", None, "map a column to the line name")
            )
        if "category" not in found and "category" not in self.mapping.defaults:
            self.mapping_problems.append(
                self._problem(
                    "-", "category", None, "map a category column or give defaults.category"
                )
            )
        return found

    def _date_order(self) -> DateOrder:
        """The sheet's day/month order, from any date text that settles it (13/03 is day first)."""
        if self.mapping.date_order is not DateOrder.AUTO:
            return self.mapping.date_order
        cols = [self.columns[f] for f in ("start", "end") if f in self.columns]
        for row in self.table.rows:
            for col in cols:
                value = row.value(col)
                parts = numeric_date_parts(value) if isinstance(value, str) else None
                if parts is not None and parts[0] > 12 >= parts[1]:
                    return DateOrder.DMY
                if parts is not None and parts[1] > 12 >= parts[0]:
                    return DateOrder.MDY
        return DateOrder.AUTO

    # ---- Rows

    def read(self, row: TableRow) -> RowPreview:
        number = row.row + 1
        problems: list[Problem] = []
        name_col = self.columns.get("name")
        name = text_of(row.value(name_col)).strip() if name_col is not None else ""
        texts = [v for v in row.values if isinstance(v, str)]
        if _TOTAL_ROW.match(name) or (not name and any(_TOTAL_ROW.match(t) for t in texts)):
            return RowPreview(number, None, skipped="a total row")
        if not name:
            if all(isinstance(v, int | float) or is_blank(v) for v in row.values):
                return RowPreview(number, None, skipped="no line name (a total row?)")
            cell = address(row.row, name_col if name_col is not None else 0)
            return RowPreview(
                number, None, (self._problem(cell, "name", "", "a line needs a name"),)
            )

        def attempt(field_name: str, read: Callable[[], Any]) -> Any:
            try:
                return read()
            except (ValueError, ArithmeticError) as exc:
                col = self._column_of(field_name)
                raw = row.value(col) if col is not None else None
                cell = address(row.row, col if col is not None else name_col or 0)
                problems.append(self._problem(cell, field_name, text_of(raw), str(exc)))
                return None

        line = attempt("name", lambda: self._line(row, name, attempt))
        return RowPreview(number, line, tuple(problems))

    def _column_of(self, field_name: str) -> int | None:
        """The column a field is read from (a unit cost from the amount when no column)."""
        if field_name == "unit_cost" and "unit_cost" not in self.columns:
            return self.columns.get("amount")
        return self.columns.get(field_name)

    def _text(self, row: TableRow, field_name: str) -> str | None:
        if field_name in self.columns:
            raw = row.value(self.columns[field_name])
            if not is_blank(raw):
                text = text_of(raw).strip()
                return self.mapping.values.get(field_name, {}).get(text, text)
        return self.mapping.defaults.get(field_name)

    def _written(self, row: TableRow, field_name: str) -> str:
        """A cell's own text, before any ``[values]`` translation."""
        col = self.columns.get(field_name)
        return text_of(row.value(col)).strip() if col is not None else ""

    def _line(
        self, row: TableRow, name: str, attempt: Callable[[str, Callable[[], Any]], Any]
    ) -> Line | None:
        category, section = self._place(row, name, attempt)
        if category is None or section is None:
            return None
        item_text = self._text(row, "item")
        item = (
            attempt("item", lambda: self.resolver.item(category, section, item_text))
            if item_text
            else self.resolver.first_item(category, section)
        )
        model_text = self._text(row, "cost_model")
        implied = None
        if model_text:
            found = attempt("cost_model", lambda: cost_model(model_text))
            if found is None:
                return None
            model, implied = found
            if model is CostModel.RECURRING and implied is None:
                # "Annual" translated to "recurring" is still a cost per year.
                implied = implied_period(self._written(row, "cost_model"))
        else:
            model = self._inferred_model()
        drivers: dict[str, str] = {}
        for spec in DRIVERS[model]:
            value = attempt(spec.key, partial(self._driver, row, spec.key, implied))
            if value is None:
                return None
            drivers[spec.key] = value
        start_ok, start = self._date(row, "start", attempt)
        end_ok, end = self._date(row, "end", attempt)
        if item is None or not start_ok or not end_ok:
            return None
        if end is None and model in (CostModel.ONE_TIME, CostModel.PURCHASE) and start is not None:
            end = start
        return Line(
            id=None,
            plan_id=0,
            category=category,
            section=section,
            item=item,
            name=name,
            cost_model=model,
            drivers=drivers,
            start=start or date.min,
            end=end or date.min,
            vendor=self._text(row, "vendor") or "",
            notes=self._text(row, "notes") or "",
        )

    def _place(
        self, row: TableRow, name: str, attempt: Callable[[str, Callable[[], Any]], Any]
    ) -> tuple[str | None, str | None]:
        text = self._text(row, "category")
        found = attempt("category", lambda: self.resolver.category(text or ""))
        if found is None:
            return None, None
        category, section = found
        section_text = self._text(row, "section")
        if section_text:
            section = attempt("section", lambda: self.resolver.section(category, section_text))
            return category, section
        if section is None:
            section = section_in_words(category, name) or self.resolver.first_section(category)
        return category, section

    def _inferred_model(self) -> CostModel:
        mapped = set(self.columns) | set(self.mapping.defaults)
        for key, model in (
            ("fte", CostModel.STAFF),
            ("annual_cost", CostModel.STAFF),
            ("hours_per_month", CostModel.USAGE),
            ("volume", CostModel.VOLUME),
            ("useful_life_months", CostModel.PURCHASE),
            ("period", CostModel.RECURRING),
        ):
            if key in mapped:
                return model
        return CostModel.ONE_TIME

    def _driver(self, row: TableRow, key: str, implied_period: str | None) -> str:
        if key == "period":
            text = self._text(row, "period")
            return period(text) if text else implied_period or BUILT_IN_DEFAULTS["period"]
        if key == "unit_cost" and "unit_cost" not in self.columns and "amount" in self.columns:
            key_used = "amount"
        else:
            key_used = key
        col = self.columns.get(key_used)
        raw = row.value(col) if col is not None else None
        if is_blank(raw):
            fallback = self.mapping.defaults.get(key) or BUILT_IN_DEFAULTS.get(key)
            if fallback is None:
                raise ValueError("missing: this cost model needs it")
            try:
                parse_decimal(key, fallback)
            except InvalidValue as exc:
                raise ValueError(f"the default {fallback!r} {exc.reason}") from None
            return fallback
        percent = key in PERCENT_FIELDS
        text = decimal_of(raw, percent=percent, decimal_comma=self.mapping.decimal_comma)
        if (
            percent
            and col is not None
            and isinstance(raw, int | float)
            and "%" in row.number_format(col)
        ):
            text = _tidy(Decimal(text) * 100)
        if key == "unit_cost" and key_used == "amount" and "quantity" in self.columns:
            text = self._unit_from_amount(row, text)
        return text

    def _unit_from_amount(self, row: TableRow, amount: str) -> str:
        quantity = decimal_of(
            row.value(self.columns["quantity"]), decimal_comma=self.mapping.decimal_comma
        )
        try:
            unit = Decimal(amount) / Decimal(quantity)
        except (InvalidOperation, ZeroDivisionError):
            raise ValueError("the amount cannot be shared over the quantity") from None
        if unit * Decimal(quantity) != Decimal(amount):
            raise ValueError(
                f"{amount} is not a whole multiple of the quantity {quantity}; map a unit cost"
            )
        return _tidy(unit)

    def _date(
        self, row: TableRow, key: str, attempt: Callable[[str, Callable[[], Any]], Any]
    ) -> tuple[bool, date | None]:
        """Whether the cell reads, and its date (None when the row gives none)."""
        col = self.columns.get(key)
        raw = row.value(col) if col is not None else None
        if is_blank(raw):
            return True, None
        found = attempt(
            key, lambda: date_of(raw, self.table.epoch, self.orders[key], end_of_month=key == "end")
        )
        return found is not None, found

    def complete(self, preview: RowPreview, row: TableRow, plan: Plan) -> RowPreview:
        """Fill the plan's dates into lines without their own, then check every rule."""
        line = preview.line
        if line is None:
            return preview
        foreign = [
            self._problem(address(row.row, col), key, text_of(row.value(col)), reason)
            for key in MONEY_FIELDS
            if (col := self.columns.get(key)) is not None
            and (reason := foreign_currency(row.value(col), row.number_format(col), plan.currency))
        ]
        if foreign:
            return RowPreview(preview.row, None, (*preview.problems, *foreign))
        line = replace(
            line,
            start=plan.start if line.start == date.min else line.start,
            end=plan.end if line.end == date.min else line.end,
        )
        try:
            check_line(line, self.taxonomy)
        except InvalidValue as exc:
            found = self._column_of(exc.field)
            col = found if found is not None else self.columns.get("name", 0)
            problem = self._problem(address(preview.row - 1, col), exc.field, exc.value, exc.reason)
            return RowPreview(preview.row, None, (*preview.problems, problem))
        return replace(preview, line=line)


def _tidy(value: Decimal) -> str:
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1
