"""The Actuals sheet: every actual of the plan, one row each, as the actuals import reads
them back (docs/actuals.md), with a live month number the Variance sheet sums by.

Written only when the plan has actuals. The sheet carries no tag, so re-importing the
workbook as a plan ignores it; ``actuals import`` takes it as an actuals file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.domain.actual import Actual
from app.domain.plan import Line
from app.engine.variance import spent_by_category_month
from app.io.xlsx.context import ExportContext
from app.io.xlsx.exact import amount_value
from app.io.xlsx.writing import set_up_printing, write_text

ACTUALS = "Actuals"
HEADERS = (
    "Date",
    "Amount",
    "Line",
    "Category",
    "Section",
    "Reference",
    "Currency",
    "Description",
    "Month number",
)
WIDTHS = (12, 15, 40, 16, 22, 16, 9, 36, 13)
AMOUNT, CATEGORY, MONTH = 1, 3, 8


@dataclass(frozen=True)
class ActualsRange:
    """Where the Variance sheet finds the actuals: rows ``first``..``last`` (1-based)."""

    first: int
    last: int

    def column(self, col: int) -> str:
        from xlsxwriter.utility import xl_col_to_name

        letter = xl_col_to_name(col)
        return f"{ACTUALS}!${letter}${self.first}:${letter}${self.last}"


def write_actuals(ctx: ExportContext, actuals: Sequence[Actual]) -> ActualsRange:
    """The Actuals sheet (plan currency amounts, each rounded once to its minor unit)."""
    ws: Any = ctx.add_sheet(ACTUALS)
    st = ctx.styles
    plan = ctx.snapshot.plan
    for col, width in enumerate(WIDTHS):
        ws.set_column(col, col, width)
    for col, header in enumerate(HEADERS):
        ws.write_string(0, col, header, st.header)
    lines: Mapping[int, Line] = {x.id: x for x in ctx.snapshot.lines if x.id is not None}
    names = Counter(x.name for x in ctx.snapshot.lines)
    for row, actual in enumerate(actuals, start=1):
        line = lines.get(actual.line_id) if actual.line_id is not None else None
        category = line.category if line is not None else actual.category
        section = line.section if line is not None else actual.section
        spent = spent_by_category_month(
            plan,
            [(actual.booked_on, actual.amount, actual.currency, category, None)],
            {},
        )
        minor = sum(spent.values())
        ws.write_datetime(row, 0, actual.booked_on, st.date)
        ws.write_number(row, AMOUNT, amount_value(minor, ctx.digits), st.money)
        # a name several lines share would not book back to one line: the place does
        shown = line.name if line is not None and names[line.name] == 1 else ""
        where = f"{ACTUALS}!A{row + 1}"
        write_text(ws, row, 2, shown, st.text, "line", where)
        ws.write_string(row, CATEGORY, category, st.text)
        ws.write_string(row, 4, section, st.text)
        write_text(ws, row, 5, actual.reference, st.text, "reference", where)
        ws.write_string(row, 6, actual.currency, st.text)
        write_text(ws, row, 7, actual.description, st.text, "description", where)
        day = actual.booked_on
        ws.write_formula(
            row, MONTH, f"=YEAR(A{row + 1})*100+MONTH(A{row + 1})", st.helper,
            day.year * 100 + day.month,
        )  # fmt: skip
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(len(actuals), 1), len(HEADERS) - 1)
    set_up_printing(ws, plan.name, 0)
    return ActualsRange(2, len(actuals) + 1)
