"""The Summary sheet: plan settings as named input cells, then the totals.

A category × month grid adds the Monthly sheet's blocks, a year table adds the grid,
and subtotal, contingency (from the named ``ContingencyPct`` input) and total follow.
Every total is a live formula whose stored value is the engine's figure.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from app.domain.plan import CapexView
from app.domain.taxonomy import CATEGORY_KEYS
from app.engine.calendar import year_of
from app.io.xlsx.context import ExportContext
from app.io.xlsx.exact import amount_value
from app.io.xlsx.layout import (
    MONTHLY,
    NAME_CAPEX,
    NAME_CONTINGENCY,
    NAME_CONTINGENCY_PCT,
    NAME_CURRENCY,
    NAME_DESCRIPTION,
    NAME_END,
    NAME_NOTES,
    NAME_PLAN,
    NAME_START,
    NAME_SUBTOTAL,
    NAME_TOTAL,
    SUMMARY,
)
from app.io.xlsx.sheet_monthly import first_day
from app.io.xlsx.writing import set_up_printing, write_text

SETTINGS_ROW = 3
GRID_TITLE_ROW = 10
GRID_HEADER_ROW = 11
GRID_FIRST_ROW = 12
LABEL_COL = 0
FIRST_MONTH_COL = 1
TOTALS_LABEL_COL = 3


def _name(ctx: ExportContext, name: str, row: int, col: int) -> None:
    ref = xl_rowcol_to_cell(row, col, row_abs=True, col_abs=True)
    ctx.workbook.define_name(name, f"={SUMMARY}!{ref}")


def write_summary(ctx: ExportContext) -> None:
    ws = ctx.add_sheet(SUMMARY)
    st, plan = ctx.styles, ctx.snapshot.plan
    where = "Summary"
    write_text(ws, 0, 0, plan.name, st.title, "name", where)
    _name(ctx, NAME_PLAN, 0, 0)
    write_text(ws, 1, 0, plan.description, st.text, "description", where)
    _name(ctx, NAME_DESCRIPTION, 1, 0)
    settings: list[tuple[str, str, Any, Any]] = [
        ("Currency", NAME_CURRENCY, plan.currency, st.input_text),
        ("Start", NAME_START, plan.start, st.input_date),
        ("End", NAME_END, plan.end, st.input_date),
        ("Capex view", NAME_CAPEX, plan.capex_view.value, st.input_text),
        ("Contingency", NAME_CONTINGENCY_PCT, float(plan.contingency_pct / 100), st.input_percent),
        ("Notes", NAME_NOTES, plan.notes, st.text),
    ]
    for offset, (label, name, value, fmt) in enumerate(settings):
        row = SETTINGS_ROW + offset
        ws.write_string(row, LABEL_COL, label, st.bold_label)
        if isinstance(value, str):
            write_text(ws, row, 1, value, fmt, name, where)
        elif isinstance(value, float):
            ws.write_number(row, 1, value, fmt)
        else:
            ws.write_datetime(row, 1, value, fmt)
        _name(ctx, name, row, 1)
        if offset < 3:
            # Rows go strictly downwards (constant-memory writing): the totals sit beside.
            _write_total_row(ctx, ws, offset)
    ws.data_validation(
        SETTINGS_ROW + 3,
        1,
        SETTINGS_ROW + 3,
        1,
        {"validate": "list", "source": [str(v) for v in CapexView]},
    )
    _write_month_grid(ctx, ws)
    _write_year_table(ctx, ws)
    ws.set_column(LABEL_COL, LABEL_COL, 30)
    last_col = FIRST_MONTH_COL + len(ctx.months)
    ws.set_column(FIRST_MONTH_COL, last_col, 17)
    ws.freeze_panes(0, 1)
    ws.activate()
    set_up_printing(ws, plan.name, None, gridlines=False)


def _grand_cell(ctx: ExportContext) -> str:
    """The grid's bottom-right cell: the plan subtotal."""
    ref: str = xl_rowcol_to_cell(
        GRID_FIRST_ROW + len(CATEGORY_KEYS), FIRST_MONTH_COL + len(ctx.months)
    )
    return ref


def _write_month_grid(ctx: ExportContext, ws: Any) -> None:
    """Categories × months, their totals, and the subtotal row."""
    st, d, totals = ctx.styles, ctx.digits, ctx.totals
    ws.write_string(GRID_TITLE_ROW, 0, "Cost by category and month", st.subtitle)
    ws.write_string(GRID_HEADER_ROW, 0, "Category", st.header)
    months = list(ctx.months)
    total_col = FIRST_MONTH_COL + len(months)
    for i, month in enumerate(months):
        ws.write_datetime(GRID_HEADER_ROW, FIRST_MONTH_COL + i, first_day(month), st.month)
    ws.write_string(GRID_HEADER_ROW, total_col, "Total", st.header_number)
    first_letter = xl_col_to_name(FIRST_MONTH_COL)
    last_letter = xl_col_to_name(total_col - 1)
    for r, category in enumerate(CATEGORY_KEYS):
        row = GRID_FIRST_ROW + r
        ws.write_string(row, 0, ctx.taxonomy.label(category), st.label)
        block = ctx.monthly_block.get(category)
        for i, month in enumerate(months):
            amount = totals.by_category_month.get((category, month), 0)
            if block is None:
                ws.write_number(row, FIRST_MONTH_COL + i, 0, st.grid)
                continue
            letter = xl_col_to_name(ctx.month_col(month))
            formula = f"=ROUND(SUM({MONTHLY}!{letter}{block[0] + 1}:{letter}{block[1] + 1}),{d})"
            ws.write_formula(row, FIRST_MONTH_COL + i, formula, st.grid, amount_value(amount, d))
        ws.write_formula(
            row,
            total_col,
            f"=ROUND(SUM({first_letter}{row + 1}:{last_letter}{row + 1}),{d})",
            st.money,
            amount_value(totals.by_category[category], d),
        )
    sub_row = GRID_FIRST_ROW + len(CATEGORY_KEYS)
    top, bottom = GRID_FIRST_ROW + 1, sub_row
    ws.write_string(sub_row, 0, "Subtotal", st.total_label)
    for i, column_month in enumerate([*months, None]):
        letter = xl_col_to_name(FIRST_MONTH_COL + i)
        value = totals.subtotal if column_month is None else totals.by_month.get(column_month, 0)
        ws.write_formula(
            sub_row,
            FIRST_MONTH_COL + i,
            f"=ROUND(SUM({letter}{top}:{letter}{bottom}),{d})",
            st.total_money,
            amount_value(value, d),
        )


def _write_total_row(ctx: ExportContext, ws: Any, offset: int) -> None:
    """Subtotal, contingency or total (by ``offset``), beside the first settings rows."""
    st, d, totals = ctx.styles, ctx.digits, ctx.totals
    rows = [
        ("Subtotal", NAME_SUBTOTAL, f"={_grand_cell(ctx)}", totals.subtotal, st.money),
        (
            "Contingency",
            NAME_CONTINGENCY,
            f"=ROUND({NAME_SUBTOTAL}*{NAME_CONTINGENCY_PCT},{d})",
            totals.contingency,
            st.money,
        ),
        ("Total", NAME_TOTAL, f"={NAME_SUBTOTAL}+{NAME_CONTINGENCY}", totals.total, st.total_money),
    ]
    label, name, formula, value, fmt = rows[offset]
    row = SETTINGS_ROW + offset
    label_fmt = st.total_label if name == NAME_TOTAL else st.bold_label
    ws.write_string(row, TOTALS_LABEL_COL, label, label_fmt)
    ws.write_formula(row, TOTALS_LABEL_COL + 1, formula, fmt, amount_value(value, d))
    _name(ctx, name, row, TOTALS_LABEL_COL + 1)


def _write_year_table(ctx: ExportContext, ws: Any) -> None:
    """Categories × years, each a sum of that year's months in the grid above."""
    st, d, totals = ctx.styles, ctx.digits, ctx.totals
    months_of: dict[int, list[int]] = defaultdict(list)
    for i, month in enumerate(ctx.months):
        months_of[year_of(month)].append(FIRST_MONTH_COL + i)
    years = sorted(months_of)
    title_row = GRID_FIRST_ROW + len(CATEGORY_KEYS) + 2
    header_row = title_row + 1
    ws.write_string(title_row, 0, "Cost by category and year", st.subtitle)
    ws.write_string(header_row, 0, "Category", st.header)
    for i, year in enumerate(years):
        ws.write_number(header_row, FIRST_MONTH_COL + i, year, st.header_number)
    total_col = FIRST_MONTH_COL + len(years)
    ws.write_string(header_row, total_col, "Total", st.header_number)
    by_year: dict[tuple[str, int], int] = defaultdict(int)
    for (category, month), amount in totals.by_category_month.items():
        by_year[category, year_of(month)] += amount
    labels: list[tuple[str | None, str]] = [(c, ctx.taxonomy.label(c)) for c in CATEGORY_KEYS]
    labels.append((None, "Subtotal"))
    for r, (row_category, label) in enumerate(labels):
        row = header_row + 1 + r
        grid_row = GRID_FIRST_ROW + r + 1
        money = st.total_money if row_category is None else st.money
        ws.write_string(row, 0, label, st.total_label if row_category is None else st.label)
        for i, year in enumerate(years):
            cols = months_of[year]
            span = f"{xl_col_to_name(cols[0])}{grid_row}:{xl_col_to_name(cols[-1])}{grid_row}"
            value = (
                totals.by_year.get(year, 0) if row_category is None else by_year[row_category, year]
            )
            ws.write_formula(
                row, FIRST_MONTH_COL + i, f"=ROUND(SUM({span}),{d})", money, amount_value(value, d)
            )
        first, last = xl_col_to_name(FIRST_MONTH_COL), xl_col_to_name(total_col - 1)
        value = totals.subtotal if row_category is None else totals.by_category[row_category]
        ws.write_formula(
            row,
            total_col,
            f"=ROUND(SUM({first}{row + 1}:{last}{row + 1}),{d})",
            money,
            amount_value(value, d),
        )
