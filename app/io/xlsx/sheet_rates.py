"""The Rates sheet: the plan's exchange rates as named input cells.

Each rate sits in a cell named ``FX_<code>`` (``FX_USD``); every Monthly rate of a line
priced in that currency multiplies by the name, so changing a rate in Excel or
LibreOffice recomputes the line's months and every total. The exact text of each rate
is kept in the hidden sheet, so a rate the planner leaves alone reads back as entered.
"""

from __future__ import annotations

import json
from typing import Any

from xlsxwriter.utility import xl_rowcol_to_cell

from app.domain.money import minor_digits
from app.domain.plan import FxRate
from app.io.xlsx.context import ExportContext
from app.io.xlsx.exact import cell_number
from app.io.xlsx.formulas import sheet_ref
from app.io.xlsx.layout import RATES, fx_name
from app.io.xlsx.styles import price_format
from app.io.xlsx.writing import set_up_printing, write_text

HEADER_ROW = 1
FIRST_ROW = 2
RATE_COL, SOURCE_COL, AS_OF_COL = 1, 2, 3


def write_rates(ctx: ExportContext) -> None:
    """The Rates sheet, when the plan has rates; nothing otherwise."""
    plan = ctx.snapshot.plan
    if not plan.fx_rates:
        return
    ws: Any = ctx.add_sheet(RATES)
    st = ctx.styles
    ws.write_string(
        0, 0, f"Exchange rates: {plan.currency} per one unit, fixed for the plan", st.subtitle
    )
    headers = ("Currency", f"Rate ({plan.currency} per unit)", "Source", "As of")
    for c, text in enumerate(headers):
        ws.write_string(HEADER_ROW, c, text, st.header)
    rate_format = ctx.workbook.add_format(
        {
            "font_name": "Calibri",
            "font_size": 10,
            "num_format": price_format(plan.currency, minor_digits(plan.currency)),
            "bg_color": "#FFF2CC",
            "border": 1,
        }
    )
    for offset, rate in enumerate(plan.fx_rates):
        row = FIRST_ROW + offset
        where = f"sheet {RATES}, rate {rate.currency}"
        ws.write_string(row, 0, rate.currency, st.text)
        ws.write_number(row, RATE_COL, cell_number(rate.rate), rate_format)
        write_text(ws, row, SOURCE_COL, rate.source, st.text, "source", where)
        if rate.as_of is not None:
            ws.write_datetime(row, AS_OF_COL, rate.as_of, st.date)
        ref = xl_rowcol_to_cell(row, RATE_COL, row_abs=True, col_abs=True)
        ctx.workbook.define_name(fx_name(rate.currency), f"={sheet_ref(RATES)}!{ref}")
    ws.set_column(0, 0, 10)
    ws.set_column(1, 1, 22)
    ws.set_column(2, 2, 50)
    ws.set_column(3, 3, 12)
    set_up_printing(ws, plan.name, HEADER_ROW)


def rates_meta(rates: tuple[FxRate, ...]) -> str:
    """The rates' exact text for the hidden sheet: ``{"USD": "0.92", ...}``."""
    return json.dumps({r.currency: r.rate for r in rates}, ensure_ascii=False)
