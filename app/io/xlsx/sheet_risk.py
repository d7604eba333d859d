"""The Risk sheet: the Monte Carlo percentiles of the subtotal, and each ranged line's
three points with its PERT mean (a + 4m + b) / 6 and standard deviation (b − a) / 6 as
live formulas (the most likely is the line's Total cell on its category sheet).

The sheet carries no tag, so re-importing the workbook ignores it. A plan without a
ranged line, or with a range that does not hold its line's total, gets a one-line note
instead of figures: the export never fails over risk.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from xlsxwriter.utility import quote_sheetname, xl_rowcol_to_cell

from app.domain.errors import BadInput, InvalidValue
from app.io.xlsx.context import ExportContext
from app.io.xlsx.exact import amount_value
from app.io.xlsx.layout import NAME_SUBTOTAL
from app.io.xlsx.writing import set_up_printing, write_text

RISK = "Risk"
RUNS, SEED = 10_000, 1
PERCENTILE_ROW = 4
HEADERS = ("Line", "Category", "Low", "Most likely", "High", "PERT mean", "Std deviation")
WIDTHS = (44, 16, 15, 15, 15, 15, 15)


def write_risk(ctx: ExportContext) -> None:
    from app.engine.risk import PERCENTILES, Dist, simulate

    ws = ctx.add_sheet(RISK)
    st = ctx.styles
    for col, width in enumerate(WIDTHS):
        ws.set_column(col, col, width)
    ws.write_string(0, 0, "Risk: Monte Carlo of the subtotal", st.title)
    stand_ins = replace(
        ctx.snapshot, lines=tuple(replace(x, id=i + 1) for i, x in enumerate(ctx.snapshot.lines))
    )
    try:
        result = simulate(stand_ins, ctx.budget, runs=RUNS, seed=SEED, dist=Dist.PERT)
    except (InvalidValue, BadInput) as exc:
        write_text(ws, 2, 0, f"No simulation: {exc}", st.text, "risk", RISK)
        return
    ws.write_string(
        1,
        0,
        f"{RUNS:,} runs, seed {SEED}: each ranged line drawn independently from a beta-PERT "
        "(λ = 4) between its low and high, its total the most likely; percentiles of the "
        "plan's subtotal.",
        st.text,
    )
    digits = ctx.digits
    ws.write_string(3, 0, "Subtotal", st.header)
    ws.write_string(3, 2, "Amount", st.header)
    ws.write_string(3, 3, "Over the base", st.header)
    base_cell = xl_rowcol_to_cell(PERCENTILE_ROW, 2, row_abs=True, col_abs=True)
    ws.write_string(PERCENTILE_ROW, 0, "Base (the plan's subtotal)", st.bold_label)
    ws.write_formula(
        PERCENTILE_ROW, 2, f"={NAME_SUBTOTAL}", st.money, amount_value(result.base, digits)
    )
    rows = [("Mean", result.mean)] + [(f"P{p}", result.percentiles[p]) for p in PERCENTILES]
    for offset, (label, amount) in enumerate(rows, start=1):
        row = PERCENTILE_ROW + offset
        ws.write_string(row, 0, label, st.label)
        ws.write_number(row, 2, amount_value(amount, digits), st.money)
        cell = xl_rowcol_to_cell(row, 2)
        ws.write_formula(
            row,
            3,
            f"=MAX(0,{cell}-{base_cell})",
            st.money,
            amount_value(max(0, amount - result.base), digits),
        )
    _write_lines(ctx, ws, PERCENTILE_ROW + len(rows) + 2, result.ranged)
    set_up_printing(ws, ctx.snapshot.plan.name, None)


def _write_lines(ctx: ExportContext, ws: Any, top: int, ranged: Any) -> None:
    st, digits = ctx.styles, ctx.digits
    for col, header in enumerate(HEADERS):
        ws.write_string(top, col, header, st.header)
    first = top + 1
    for row, item in enumerate(ranged, start=first):
        line = item.line
        assert line.id is not None
        index = line.id - 1
        category, sheet_row = ctx.sheet_row[index]
        sheet = ctx.sheets[category]
        total = f"={quote_sheetname(sheet.name)}!{xl_rowcol_to_cell(sheet_row, sheet.col['total'])}"
        low = float(item.low) / 10**digits
        high = float(item.high) / 10**digits
        mode = amount_value(item.mode, digits)
        write_text(ws, row, 0, line.name, st.text, "name", f"{RISK}!A{row + 1}")
        ws.write_string(row, 1, ctx.taxonomy.label(line.category), st.text)
        ws.write_number(row, 2, low, st.money)
        ws.write_formula(row, 3, total, st.money, mode)
        ws.write_number(row, 4, high, st.money)
        a, m, b = (xl_rowcol_to_cell(row, c) for c in (2, 3, 4))
        ws.write_formula(row, 5, f"=({a}+4*{m}+{b})/6", st.money, (low + 4 * mode + high) / 6)
        ws.write_formula(row, 6, f"=({b}-{a})/6", st.money, (high - low) / 6)
    last = first + len(ranged) - 1
    total_row = last + 1
    ws.write_string(total_row, 0, "Ranged lines together", st.total_label)
    for col in range(1, 5):
        ws.write_blank(total_row, col, None, st.total_label)
    means = f"{xl_rowcol_to_cell(first, 5)}:{xl_rowcol_to_cell(last, 5)}"
    sds = f"{xl_rowcol_to_cell(first, 6)}:{xl_rowcol_to_cell(last, 6)}"
    mean_sum = sum((float(r.low) + 4 * r.mode + float(r.high)) / 6 for r in ranged) / 10**digits
    sd_sum = sum(((float(r.high) - float(r.low)) / 6) ** 2 for r in ranged) ** 0.5 / 10**digits
    ws.write_formula(total_row, 5, f"=SUM({means})", st.total_money, mean_sum)
    ws.write_formula(total_row, 6, f"=SQRT(SUMSQ({sds}))", st.total_money, sd_sum)
