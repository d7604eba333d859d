"""Everything the sheet writers share for one export: figures, rows and references.

Sheets refer to each other (a Monthly row reads its drivers from a category sheet, a
category sheet's total reads the Monthly row, the Summary adds Monthly blocks), so
every row is placed here once, before any sheet is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from app.domain.money import minor_digits
from app.domain.plan import Line, PlanSnapshot
from app.domain.taxonomy import CATEGORY_KEYS, Taxonomy
from app.engine.budget import Budget, Totals
from app.io.xlsx.layout import (
    ASSUMPTIONS,
    FIRST_DATA_ROW,
    MONTHLY,
    MONTHLY_FIRST_MONTH_COL,
    MONTHLY_FIRST_ROW,
    PHASES,
    RATES,
    SUMMARY,
    Column,
    driver_keys_for,
    index_of,
    line_columns,
    sheet_title,
)
from app.io.xlsx.styles import Styles, price_format
from app.io.xlsx.writing import plain_formulas


@dataclass(frozen=True)
class LineSheet:
    """One category's sheet: its name, columns and lines (with their snapshot index)."""

    category: str
    name: str
    columns: tuple[Column, ...]
    col: dict[str, int]
    lines: tuple[tuple[int, Line], ...]

    def row_of(self, position: int) -> int:
        return FIRST_DATA_ROW + position


@dataclass
class ExportContext:
    snapshot: PlanSnapshot
    taxonomy: Taxonomy
    budget: Budget
    totals: Totals
    workbook: Any
    styles: Styles
    first_month: int
    last_month: int
    sheets: dict[str, LineSheet] = field(default_factory=dict)
    sheet_row: dict[int, tuple[str, int]] = field(default_factory=dict)
    monthly_row: dict[int, int] = field(default_factory=dict)
    monthly_block: dict[str, tuple[int, int]] = field(default_factory=dict)
    phase_row: dict[int, int] = field(default_factory=dict)
    _prices: dict[str, Any] = field(default_factory=dict)

    @property
    def digits(self) -> int:
        return self.budget.digits

    @property
    def months(self) -> range:
        return range(self.first_month, self.last_month + 1)

    def month_col(self, month: int) -> int:
        """The Monthly sheet column of a month; the Summary grid uses the same offsets."""
        return MONTHLY_FIRST_MONTH_COL + month - self.first_month

    def add_sheet(self, name: str) -> Any:
        """A new worksheet that takes our formulas as written (see ``plain_formulas``)."""
        return plain_formulas(self.workbook.add_worksheet(name))

    def price_style(self, currency: str) -> Any:
        """A price cell's format in another currency than the plan's (made once)."""
        found = self._prices.get(currency)
        if found is None:
            number = price_format(currency, minor_digits(currency))
            found = self.workbook.add_format(
                {"font_name": "Calibri", "font_size": 10, "num_format": number}
            )
            self._prices[currency] = found
        return found

    def cost(self, index: int) -> tuple[int, tuple[int, ...]]:
        """A line's first month and amounts (minor units), by snapshot index."""
        cells = self.budget.cells[index + 1]
        return cells.first, cells.amounts


def build_context(
    snapshot: PlanSnapshot, taxonomy: Taxonomy, workbook: Any, styles: Styles
) -> ExportContext:
    """Place every row; lines are computed under stand-in ids (their index + 1)."""
    stand_ins = [replace(line, id=i + 1) for i, line in enumerate(snapshot.lines)]
    budget = Budget(snapshot.plan, stand_ins)
    first, last = budget.month_range()
    ctx = ExportContext(snapshot, taxonomy, budget, budget.totals(), workbook, styles, first, last)
    taken = {SUMMARY, PHASES, MONTHLY, ASSUMPTIONS, RATES}
    grouped: dict[str, list[tuple[int, Line]]] = {c: [] for c in CATEGORY_KEYS}
    for index, line in enumerate(snapshot.lines):
        grouped[line.category].append((index, line))
    monthly = MONTHLY_FIRST_ROW
    for category in CATEGORY_KEYS:
        members = grouped[category]
        foreign = any(line.currency is not None for _, line in members)
        columns = line_columns(driver_keys_for([line for _, line in members]), foreign)
        sheet = LineSheet(
            category,
            sheet_title(taxonomy.label(category), taken),
            columns,
            index_of(columns),
            tuple(members),
        )
        ctx.sheets[category] = sheet
        for position, (index, _) in enumerate(members):
            ctx.sheet_row[index] = (category, sheet.row_of(position))
            ctx.monthly_row[index] = monthly + position
        if members:
            ctx.monthly_block[category] = (monthly, monthly + len(members) - 1)
        monthly += len(members)
    for position, phase in enumerate(snapshot.phases):
        if phase.id is not None:
            ctx.phase_row[phase.id] = FIRST_DATA_ROW + position
    return ctx
