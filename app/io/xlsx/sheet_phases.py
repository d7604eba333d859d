"""The Phases sheet (the timeline, each phase's cost) and the Assumptions sheet
(the catalogue prices the lines use, with their sources and dates)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from xlsxwriter.utility import quote_sheetname, xl_col_to_name

from app.domain.plan import CatalogueEntry
from app.io.xlsx.context import ExportContext
from app.io.xlsx.exact import amount_value, cell_number
from app.io.xlsx.layout import (
    ASSUMPTION_COLUMNS,
    ASSUMPTIONS,
    EXACT_PREFIX,
    FIRST_DATA_ROW,
    HEADER_ROW,
    PHASE_COLUMNS,
    PHASES,
    PHASES_TAG,
    index_of,
)
from app.io.xlsx.writing import (
    key_and_header_rows,
    set_up_printing,
    set_widths,
    text_width,
    visible_count,
    write_text,
)

_P = index_of(PHASE_COLUMNS)
_A = index_of(ASSUMPTION_COLUMNS)


def depends_text(keys: Sequence[str]) -> str:
    return ", ".join(keys)


def write_phases(ctx: ExportContext) -> None:
    ws = ctx.add_sheet(PHASES)
    st = ctx.styles
    key_and_header_rows(ws, PHASE_COLUMNS, st, PHASES_TAG)
    cost_terms = _cost_terms(ctx)
    for position, phase in enumerate(ctx.snapshot.phases):
        row = FIRST_DATA_ROW + position
        where = f"sheet {PHASES}, phase {phase.key!r}"
        write_text(ws, row, _P["key"], phase.key, st.text, "key", where)
        write_text(ws, row, _P["name"], phase.name, st.text, "name", where)
        ws.write_datetime(row, _P["start"], phase.start, st.date)
        ws.write_datetime(row, _P["end"], phase.end, st.date)
        ws.write_boolean(row, _P["milestone"], phase.milestone, st.flag)
        shown = depends_text(phase.depends_on)
        write_text(ws, row, _P["depends_on"], shown, st.text, "depends_on", where)
        if _split_keys(shown) != list(phase.depends_on):
            exact = json.dumps(list(phase.depends_on), ensure_ascii=False)
            write_text(ws, row, _P[EXACT_PREFIX + "depends_on"], exact, None, "depends_on", where)
        cost = ctx.totals.by_phase.get(phase.id, 0)
        key_cell = f"$A{row + 1}"
        formula = "+".join(t.replace("{key}", key_cell) for t in cost_terms) or "0"
        ws.write_formula(
            row,
            _P["cost"],
            f"=ROUND({formula},{ctx.digits})",
            st.money,
            amount_value(cost, ctx.digits),
        )
        if phase.id is not None and phase.id > 0:
            ws.write_number(row, _P["id"], phase.id)
    phases = ctx.snapshot.phases
    widths = {_P["name"]: text_width([p.name for p in phases], 20, 40)}
    set_widths(ws, PHASE_COLUMNS, widths)
    ws.freeze_panes(FIRST_DATA_ROW, 0)
    last_row = FIRST_DATA_ROW + max(len(phases), 1) - 1
    ws.autofilter(HEADER_ROW, 0, last_row, visible_count(PHASE_COLUMNS) - 1)
    set_up_printing(ws, ctx.snapshot.plan.name, HEADER_ROW)


def _split_keys(text: str) -> list[str]:
    return [k.strip() for k in text.split(",") if k.strip()]


def _cost_terms(ctx: ExportContext) -> list[str]:
    """One SUMIF per category sheet with lines: its Total column where Phase is the key."""
    terms = []
    for sheet in ctx.sheets.values():
        if not sheet.lines:
            continue
        ref = quote_sheetname(sheet.name)
        phase = xl_col_to_name(sheet.col["phase"])
        total = xl_col_to_name(sheet.col["total"])
        terms.append(f"SUMIF({ref}!${phase}:${phase},{{key}},{ref}!${total}:${total})")
    return terms


def write_assumptions(ctx: ExportContext, catalogue: Sequence[CatalogueEntry]) -> None:
    """One row per catalogue price the lines copied (key, price and date as copied)."""
    ws = ctx.add_sheet(ASSUMPTIONS)
    st = ctx.styles
    entries = {e.key: e for e in catalogue}
    used: dict[tuple[str, str | None, date | None], int] = {}
    for line in ctx.snapshot.lines:
        if line.catalogue_ref is not None:
            key = (line.catalogue_ref, line.catalogue_price, line.catalogue_as_of)
            used[key] = used.get(key, 0) + 1
    ws.set_row(0, 30)
    for c, column in enumerate(ASSUMPTION_COLUMNS):
        ws.write_string(0, c, column.header, st.header)
    for offset, ((ref, price, as_of), count) in enumerate(sorted(used.items(), key=_order)):
        row = 1 + offset
        entry = entries.get(ref)
        where = f"sheet {ASSUMPTIONS}, price {ref!r}"
        write_text(ws, row, _A["ref"], ref, st.text, "catalogue_ref", where)
        if price is not None:
            ws.write_number(row, _A["price"], cell_number(price), st.price)
        if as_of is not None:
            ws.write_datetime(row, _A["as_of"], as_of, st.date)
        ws.write_number(row, _A["lines"], count, st.decimal)
        if entry is None:
            ws.write_string(row, _A["source"], "not in the catalogue any more", st.text)
            continue
        _write_entry(ws, row, entry, st, where)
    set_widths(ws, ASSUMPTION_COLUMNS)
    ws.freeze_panes(1, 1)
    ws.autofilter(0, 0, max(len(used), 1), len(ASSUMPTION_COLUMNS) - 1)
    set_up_printing(ws, ctx.snapshot.plan.name, 0)


def _order(item: tuple[tuple[str, str | None, date | None], int]) -> tuple[str, str, str]:
    (ref, price, as_of), _ = item
    return ref, price or "", as_of.isoformat() if as_of else ""


def _write_entry(ws: Any, row: int, entry: CatalogueEntry, st: Any, where: str) -> None:
    write_text(ws, row, _A["name"], entry.name, st.text, "name", where)
    write_text(ws, row, _A["unit"], entry.unit, st.text, "unit", where)
    write_text(ws, row, _A["currency"], entry.currency, st.text, "currency", where)
    write_text(ws, row, _A["source"], entry.source, st.text, "source", where)
    ws.write_boolean(row, _A["uncertain"], entry.uncertain, st.flag)
    ws.write_number(row, _A["catalogue_price"], cell_number(entry.price), st.price)
    ws.write_datetime(row, _A["catalogue_as_of"], entry.as_of, st.date)
