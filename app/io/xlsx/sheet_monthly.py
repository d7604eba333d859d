"""The Monthly sheet: every line × every month, as formulas over the line's drivers.

Lines come grouped by category, in the category sheets' order, so the Summary adds a
contiguous block per category. Each formula's stored value is the engine's cell.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date
from fractions import Fraction
from typing import Any

from xlsxwriter.utility import xl_col_to_name

from app.domain.cost_models import LABELS
from app.domain.plan import CostModel, Line
from app.engine.calendar import days_in_month, month_index
from app.io.xlsx.compute_formulas import compute_values
from app.io.xlsx.context import ExportContext
from app.io.xlsx.exact import amount_value
from app.io.xlsx.formulas import cell, month_template, rate_formulas, start_month_formula
from app.io.xlsx.layout import (
    DRIVER_PREFIX,
    MONTHLY,
    MONTHLY_COLUMNS,
    MONTHLY_DAYS_ROW,
    MONTHLY_FIRST_ROW,
    MONTHLY_HEADER_ROW,
    MONTHLY_INDEX_ROW,
    MONTHLY_LAST_DAY_ROW,
    MONTHLY_TITLE_ROW,
    fx_name,
    index_of,
    serial,
)
from app.io.xlsx.serving_months import serving_template
from app.io.xlsx.writing import set_up_printing, set_widths, write_text

_COL = index_of(MONTHLY_COLUMNS)


def first_day(month: int) -> date:
    return date(month // 12, month % 12 + 1, 1)


def last_day(month: int) -> date:
    year, mon = month // 12, month % 12 + 1
    return date(year, mon, calendar.monthrange(year, mon)[1])


def write_monthly(ctx: ExportContext) -> None:
    ws = ctx.add_sheet(MONTHLY)
    st = ctx.styles
    plan = ctx.snapshot.plan
    ws.write_string(MONTHLY_TITLE_ROW, 0, f"Monthly cost by line, {plan.currency}", st.subtitle)
    # Hidden helper rows the month formulas read; rows must be written top to bottom.
    helpers: list[tuple[int, str, Callable[[int], Any]]] = [
        (MONTHLY_INDEX_ROW, "Month index", lambda m: m),
        (MONTHLY_LAST_DAY_ROW, "Last day", last_day),
        (MONTHLY_DAYS_ROW, "Days", days_in_month),
    ]
    for row, label, value_of in helpers:
        ws.set_row(row, None, None, {"hidden": True})
        ws.write_string(row, 0, label, st.helper)
        for month in ctx.months:
            value = value_of(month)
            if isinstance(value, date):
                ws.write_datetime(row, ctx.month_col(month), value, st.date)
            else:
                ws.write_number(row, ctx.month_col(month), value, st.helper)
    ws.set_row(MONTHLY_HEADER_ROW, 30)
    for c, column in enumerate(MONTHLY_COLUMNS):
        ws.write_string(MONTHLY_HEADER_ROW, c, column.header, st.header)
    for month in ctx.months:
        ws.write_datetime(MONTHLY_HEADER_ROW, ctx.month_col(month), first_day(month), st.month)
    letters = [(m, xl_col_to_name(ctx.month_col(m))) for m in ctx.months]
    last_letter = letters[-1][1]
    first_letter = letters[0][1]
    for sheet in ctx.sheets.values():
        label = ctx.taxonomy.label(sheet.category)
        for index, line in sheet.lines:
            row = ctx.monthly_row[index]
            _write_row(ctx, ws, row, index, line, label, letters)
            total = ctx.budget.line_total(index + 1)
            ws.write_formula(
                row,
                _COL["total"],
                f"=ROUND(SUM({first_letter}{row + 1}:{last_letter}{row + 1}),{ctx.digits})",
                st.money,
                amount_value(total, ctx.digits),
            )
    widths: dict[int, float] = {_COL["name"]: 34}
    set_widths(ws, MONTHLY_COLUMNS, widths)
    ws.set_column(ctx.month_col(ctx.first_month), ctx.month_col(ctx.last_month), 15)
    ws.freeze_panes(MONTHLY_FIRST_ROW, _COL["name"] + 1)
    last_row = MONTHLY_FIRST_ROW + max(len(ctx.snapshot.lines), 1) - 1
    ws.autofilter(MONTHLY_HEADER_ROW, 0, last_row, ctx.month_col(ctx.last_month))
    set_up_printing(ws, plan.name, MONTHLY_HEADER_ROW)


def _write_row(
    ctx: ExportContext,
    ws: Any,
    row: int,
    index: int,
    line: Line,
    category_label: str,
    letters: list[tuple[int, str]],
) -> None:
    st = ctx.styles
    model = CostModel(line.cost_model)
    category, sheet_row = ctx.sheet_row[index]
    sheet = ctx.sheets[category]
    ws.write_string(row, _COL["category"], category_label, st.text)
    write_text(ws, row, _COL["name"], line.name, st.text, "name", f"line {line.name!r}")
    ws.write_string(row, _COL["cost_model"], LABELS[model], st.text)
    for key, day in (("start", line.start), ("end", line.end)):
        source = cell(sheet.name, sheet.col[key], sheet_row)
        ws.write_formula(row, _COL[key], f"={source}", st.date, serial(day))

    def driver(key: str) -> str:
        return cell(sheet.name, sheet.col[DRIVER_PREFIX + key], sheet_row)

    rate, step = rate_formulas(model, driver)
    rate_value, step_value = _rate_values(line, model)
    fx_value = Fraction(1)
    if line.currency not in (None, ctx.snapshot.plan.currency):  # times its named rate
        fx = fx_name(line.currency)
        fx_value = Fraction(*ctx.budget.fx(line))
        rate, rate_value = f"=({rate[1:]})*{fx}", rate_value * fx_value
        if model is CostModel.VOLUME and step is not None:
            step, step_value = f"=({step[1:]})*{fx}", step_value * fx_value
    ws.write_formula(row, _COL["rate"], rate, st.price, float(rate_value))
    if step is not None:
        fmt = st.money if model is CostModel.VOLUME else st.decimal
        ws.write_formula(row, _COL["step"], step, fmt, float(step_value))
    ws.write_formula(
        row, _COL["start_month"], start_month_formula(row), st.helper, month_index(line.start)
    )
    first, amounts = ctx.cost(index)
    template = month_template(model, ctx.snapshot.plan.capex_view, row, ctx.digits)
    if model is CostModel.SERVING:
        template = serving_template(line, row, driver, ctx.digits, amounts, float(fx_value))
    digits, grid = ctx.digits, st.grid
    last = first + len(amounts) - 1
    if template is None:
        for month, _ in letters:
            if first <= month <= last:
                ws.write_number(
                    row, ctx.month_col(month), amounts[month - first] / 10**digits, grid
                )
        return
    parts = template.split("{c}")
    for month, letter in letters:
        value = amounts[month - first] / 10**digits if first <= month <= last else 0
        ws.write_formula(row, ctx.month_col(month), letter.join(parts), grid, value)


def _rate_values(line: Line, model: CostModel) -> tuple[Fraction, Fraction]:
    """The stored values of the rate and growth-or-life cells, exactly as the engine has them."""

    def d(key: str) -> Fraction:
        return Fraction(line.drivers[key])

    if model is CostModel.RECURRING:
        per = 12 if line.drivers["period"] == "year" else 1
        return d("quantity") * d("unit_cost") / per, Fraction(0)
    if model is CostModel.USAGE:
        return d("quantity") * d("hours_per_month") * d("utilization") * d("unit_cost"), Fraction(0)
    if model is CostModel.STAFF:
        return d("fte") * d("annual_cost") * (1 + d("overhead_pct") / 100) / 12, Fraction(0)
    if model is CostModel.VOLUME:
        return d("volume") * d("unit_cost"), d("growth_per_month") * d("unit_cost")
    if model is CostModel.PURCHASE:
        return d("quantity") * d("unit_cost"), d("useful_life_months")
    if model in (CostModel.TRAINING_RUN, CostModel.SERVING):
        return compute_values(line)
    return d("quantity") * d("unit_cost"), Fraction(0)
