"""One sheet per category: every line, every driver in its own column.

These are the cells a planner edits. Drivers are numbers (with an exact-text twin in a
hidden column when the number alone would not give the typed text back), dates are
dates (formulas on the Phases sheet when the line follows a phase), and the Total is a
live reference to the line's row on the Monthly sheet.
"""

from __future__ import annotations

from typing import Any

from app.domain.cost_models import LABELS, PERIODS
from app.domain.plan import CostModel, Line
from app.io.xlsx.context import ExportContext, LineSheet
from app.io.xlsx.energy_formulas import energy_cells
from app.io.xlsx.exact import amount_value, cell_number, needs_twin
from app.io.xlsx.formulas import cell
from app.io.xlsx.layout import (
    CATEGORY_TAG,
    DRIVER_PREFIX,
    EXACT_PREFIX,
    FIRST_DATA_ROW,
    HEADER_ROW,
    MONEY_DRIVERS,
    MONTHLY,
    MONTHLY_COLUMNS,
    PHASE_COLUMNS,
    PHASES,
    index_of,
    serial,
)
from app.io.xlsx.writing import (
    SPARE_ROWS,
    key_and_header_rows,
    set_up_printing,
    set_widths,
    text_width,
    visible_count,
    write_text,
)

_MONTHLY_TOTAL = index_of(MONTHLY_COLUMNS)["total"]
_PHASE_COL = index_of(PHASE_COLUMNS)


def write_line_sheet(ctx: ExportContext, sheet: LineSheet) -> None:
    ws = ctx.add_sheet(sheet.name)
    key_and_header_rows(ws, sheet.columns, ctx.styles, CATEGORY_TAG + sheet.category)
    keys = {p.id: p.key for p in ctx.snapshot.phases if p.id is not None}
    for position, (index, line) in enumerate(sheet.lines):
        _write_line(ctx, ws, sheet, sheet.row_of(position), index, line, keys)
    last_row = FIRST_DATA_ROW + max(len(sheet.lines), 1) - 1
    _finish(ctx, ws, sheet, last_row)


def _write_line(
    ctx: ExportContext,
    ws: Any,
    sheet: LineSheet,
    row: int,
    index: int,
    line: Line,
    phase_keys: dict[int, str],
) -> None:
    st, col, tax = ctx.styles, sheet.col, ctx.taxonomy
    where = f"sheet {sheet.name}, line {line.name!r}"
    write_text(ws, row, col["name"], line.name, st.text, "name", where)
    ws.write_string(row, col["section"], tax.label(line.category, line.section), st.text)
    ws.write_string(row, col["item"], tax.label(line.category, line.section, line.item), st.text)
    ws.write_string(row, col["cost_model"], LABELS[CostModel(line.cost_model)], st.text)
    if line.phase_id is not None and line.phase_id in phase_keys:
        ws.write_string(row, col["phase"], phase_keys[line.phase_id], st.text)
    ws.write_boolean(row, col["dates_from_phase"], line.dates_from_phase, st.flag)
    if "dates_fixed" in col:
        ws.write_boolean(row, col["dates_fixed"], line.dates_fixed, st.flag)
    _write_dates(ctx, ws, sheet, row, line)
    price = st.price
    if "currency" in col:
        ws.write_string(row, col["currency"], line.currency or ctx.snapshot.plan.currency, st.text)
        if line.currency is not None:
            price = ctx.price_style(line.currency)
    for key, text in line.drivers.items():
        c = col.get(DRIVER_PREFIX + key)
        if c is None:
            continue
        if key == "period":
            ws.write_string(row, c, text, st.text)
            continue
        ws.write_number(row, c, cell_number(text), price if key in MONEY_DRIVERS else st.decimal)
        if needs_twin(text):
            ws.write_string(row, col[EXACT_PREFIX + DRIVER_PREFIX + key], text)
    total = cell(MONTHLY, _MONTHLY_TOTAL, ctx.monthly_row[index])
    _, amounts = ctx.cost(index)
    ws.write_formula(
        row, col["total"], f"={total}", st.money, amount_value(sum(amounts), ctx.digits)
    )
    if "energy_kwh" in col and "power_watts" in line.drivers:

        def here(key: str) -> str:
            return cell(sheet.name, col[DRIVER_PREFIX + key], row)

        for key, formula, value in energy_cells(line, here):
            if formula is None:
                ws.write_number(row, col[key], value, st.decimal)
            else:
                ws.write_formula(row, col[key], formula, st.decimal, value)
    write_text(ws, row, col["vendor"], line.vendor, st.text, "vendor", where)
    if line.catalogue_ref is not None:
        ws.write_string(row, col["catalogue_ref"], line.catalogue_ref, st.text)
    if line.catalogue_as_of is not None:
        ws.write_datetime(row, col["catalogue_as_of"], line.catalogue_as_of, st.date)
    for key in ("catalogue_price", "low_estimate", "high_estimate"):
        text = getattr(line, key)
        if text is None:
            continue
        ws.write_number(row, col[key], cell_number(text), st.price)
        if needs_twin(text):
            ws.write_string(row, col[EXACT_PREFIX + key], text)
    write_text(ws, row, col["notes"], line.notes, st.text, "notes", where)
    if line.id is not None:
        ws.write_number(row, col["id"], line.id)
    ws.write_number(row, col["position"], index)


def _write_dates(ctx: ExportContext, ws: Any, sheet: LineSheet, row: int, line: Line) -> None:
    """Dates, or references to the phase's dates when the line follows its phase."""
    phase_row = ctx.phase_row.get(line.phase_id) if line.phase_id is not None else None
    for key, day in (("start", line.start), ("end", line.end)):
        if line.dates_from_phase and phase_row is not None:
            source = cell(PHASES, _PHASE_COL[key], phase_row)
            ws.write_formula(row, sheet.col[key], f"={source}", ctx.styles.date, serial(day))
        else:
            ws.write_datetime(row, sheet.col[key], day, ctx.styles.date)


def _finish(ctx: ExportContext, ws: Any, sheet: LineSheet, last_row: int) -> None:
    columns, col = sheet.columns, sheet.col
    lines = [line for _, line in sheet.lines]
    widths = {
        col["name"]: text_width([line.name for line in lines], 24),
        col["vendor"]: text_width([line.vendor for line in lines], 12, 30),
        col["notes"]: text_width([line.notes for line in lines], 30, 50),
    }
    set_widths(ws, columns, widths)
    ws.freeze_panes(FIRST_DATA_ROW, col["name"] + 1)
    ws.autofilter(HEADER_ROW, 0, last_row, visible_count(columns) - 1)
    spare = last_row + SPARE_ROWS
    ws.data_validation(
        FIRST_DATA_ROW,
        col["cost_model"],
        spare,
        col["cost_model"],
        {"validate": "list", "source": list(LABELS.values()), "error_type": "warning"},
    )
    if DRIVER_PREFIX + "period" in col:
        c = col[DRIVER_PREFIX + "period"]
        ws.data_validation(
            FIRST_DATA_ROW, c, spare, c, {"validate": "list", "source": list(PERIODS)}
        )
    keys = [p.key for p in ctx.snapshot.phases]
    if keys and len(",".join(keys)) < 250 and not any("," in k for k in keys):
        c = col["phase"]
        ws.data_validation(
            FIRST_DATA_ROW,
            c,
            spare,
            c,
            {"validate": "list", "source": keys, "error_type": "warning"},
        )
    set_up_printing(ws, ctx.snapshot.plan.name, HEADER_ROW)
