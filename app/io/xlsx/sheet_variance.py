"""The Variance sheet: budget against actual with live formulas (DESIGN.md; issue 11).

The as-of month is an input cell (``YYYYMM``): change it and every figure follows.
Each month's budget per category sums the category's block of the Monthly sheet; the
actuals are SUMIFS over the Actuals sheet. Variance is actual − budget (positive: an
overspend); the forecast at completion is the actual to date plus the budget after
as-of. Each formula's stored value is the ``variance`` command's figure.
"""

from __future__ import annotations

from typing import Any

from xlsxwriter.utility import xl_col_to_name

from app.domain.taxonomy import CATEGORY_KEYS
from app.engine.variance import Variance
from app.io.xlsx.context import ExportContext
from app.io.xlsx.exact import amount_value
from app.io.xlsx.layout import MONTHLY, NAME_CONTINGENCY
from app.io.xlsx.sheet_actuals import AMOUNT, CATEGORY, MONTH, ActualsRange
from app.io.xlsx.writing import set_up_printing

VARIANCE = "Variance"
AS_OF = "$B$2"
CATEGORY_HEADER_ROW = 4
CATEGORY_HEADERS = (
    "Category",
    "Key",
    "Budget to date",
    "Actual to date",
    "Variance to date",
    "Budget at completion",
    "Forecast at completion",
)
MONTH_HEADER_ROW = CATEGORY_HEADER_ROW + len(CATEGORY_KEYS) + 3
BUDGET_COL = 1 + len(CATEGORY_KEYS)  # month table: A month, B.. categories, then these
ACTUAL_COL = BUDGET_COL + 1


def yyyymm(month: int) -> int:
    return (month // 12) * 100 + month % 12 + 1


def write_variance(ctx: ExportContext, result: Variance, actuals: ActualsRange) -> None:
    ws: Any = ctx.add_sheet(VARIANCE)
    st, d = ctx.styles, ctx.digits
    plan = ctx.snapshot.plan
    ws.set_column(0, 0, 24)
    ws.set_column(1, ACTUAL_COL + 1, 16)
    ws.write_string(0, 0, f"Budget vs actual, {plan.currency}", st.title)
    ws.write_string(1, 0, "As of (YYYYMM)", st.bold_label)
    as_of = result.as_of if result.as_of is not None else max(result.months)
    ws.write_number(1, 1, yyyymm(as_of), st.input_text)
    ws.write_string(
        1, 2, "Months up to this one count as spent; change it and the figures follow.", st.text
    )
    ws.write_string(2, 0, "Contingency (apart)", st.label)
    ws.write_formula(2, 1, f"={NAME_CONTINGENCY}", st.money, amount_value(result.contingency, d))
    months = list(result.months)
    first_row = MONTH_HEADER_ROW + 1  # 0-based row of the first month
    last_row = first_row + len(months) - 1

    def month_range(col: int) -> str:
        letter = xl_col_to_name(col)
        return f"${letter}${first_row + 1}:${letter}${last_row + 1}"

    # ---- Categories (their formulas read the month table below)
    for col, header in enumerate(CATEGORY_HEADERS):
        ws.write_string(CATEGORY_HEADER_ROW, col, header, st.header)
    amount, category, month_no = (actuals.column(c) for c in (AMOUNT, CATEGORY, MONTH))
    for i, key in enumerate(CATEGORY_KEYS):
        row = CATEGORY_HEADER_ROW + 1 + i
        r = row + 1
        c = result.categories[key]
        planned = month_range(1 + i)
        ws.write_string(row, 0, ctx.taxonomy.label(key), st.label)
        ws.write_string(row, 1, key, st.helper)
        cells = (
            (f'=SUMIFS({planned},{month_range(0)},"<="&{AS_OF})', c.budget_to_date),
            (f'=SUMIFS({amount},{category},B{r},{month_no},"<="&{AS_OF})', c.actual_to_date),
            (f"=D{r}-C{r}", c.variance_to_date),
            (f"=SUM({planned})", c.budget_at_completion),
            (f"=D{r}+F{r}-C{r}", c.forecast_at_completion),
        )
        for col, (formula, value) in enumerate(cells, start=2):
            ws.write_formula(row, col, formula, st.money, amount_value(value, d))
    total_row = CATEGORY_HEADER_ROW + 1 + len(CATEGORY_KEYS)
    ws.write_string(total_row, 0, "Total", st.total_label)
    ws.write_blank(total_row, 1, None, st.total_label)
    totals = (
        result.budget_to_date,
        result.actual_to_date,
        result.actual_to_date - result.budget_to_date,
        result.budget_at_completion,
        result.forecast_at_completion,
    )
    for col, value in enumerate(totals, start=2):
        letter = xl_col_to_name(col)
        span = f"{letter}{CATEGORY_HEADER_ROW + 2}:{letter}{total_row}"
        ws.write_formula(total_row, col, f"=SUM({span})", st.total_money, amount_value(value, d))

    # ---- Months: budget per category (the Monthly sheet's blocks), actual, variance
    ws.write_string(MONTH_HEADER_ROW - 1, 0, "By month", st.subtitle)
    ws.write_string(MONTH_HEADER_ROW, 0, "Month (YYYYMM)", st.header)
    for i, key in enumerate(CATEGORY_KEYS):
        ws.write_string(MONTH_HEADER_ROW, 1 + i, f"Budget: {ctx.taxonomy.label(key)}", st.header)
    for col, header in (
        (BUDGET_COL, "Budget"),
        (ACTUAL_COL, "Actual"),
        (ACTUAL_COL + 1, "Variance"),
    ):
        ws.write_string(MONTH_HEADER_ROW, col, header, st.header)
    by_category_month = ctx.totals.by_category_month
    for offset, month in enumerate(months):
        row = first_row + offset
        r = row + 1
        budget, actual = result.months[month]
        ws.write_number(row, 0, yyyymm(month), st.helper)
        for i, key in enumerate(CATEGORY_KEYS):
            shown = amount_value(by_category_month.get((key, month), 0), d)
            block = ctx.monthly_block.get(key)
            if block is None or month not in ctx.months:
                ws.write_number(row, 1 + i, shown, st.money)
                continue
            letter = xl_col_to_name(ctx.month_col(month))
            formula = f"=ROUND(SUM({MONTHLY}!{letter}{block[0] + 1}:{letter}{block[1] + 1}),{d})"
            ws.write_formula(row, 1 + i, formula, st.money, shown)
        last_category = xl_col_to_name(len(CATEGORY_KEYS))
        ws.write_formula(
            row, BUDGET_COL, f"=SUM(B{r}:{last_category}{r})", st.money, amount_value(budget, d)
        )
        ws.write_formula(
            row, ACTUAL_COL, f"=SUMIFS({amount},{month_no},A{r})", st.money,
            amount_value(actual, d),
        )  # fmt: skip
        budget_cell = f"{xl_col_to_name(BUDGET_COL)}{r}"
        actual_cell = f"{xl_col_to_name(ACTUAL_COL)}{r}"
        ws.write_formula(
            row, ACTUAL_COL + 1, f"={actual_cell}-{budget_cell}", st.money,
            amount_value(actual - budget, d),
        )  # fmt: skip
    ws.freeze_panes(CATEGORY_HEADER_ROW + 1, 1)
    set_up_printing(ws, plan.name, None)
