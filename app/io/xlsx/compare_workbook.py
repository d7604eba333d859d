"""``compare ... --xlsx FILE``: both sides of a compare and a sheet of their differences.

Each side's sheet holds its figures (the engine's, to the cent) with its subtotal,
contingency and total as formulas; the Delta sheet takes both sides by reference and
works out b − a in formulas, so a finance partner who changes a figure on a side sees
the difference follow. Every formula is written with its value, for viewers that
never recalculate. Column B of every sheet holds the row's key (a category key,
``subtotal``, ``contingency_pct``, ``contingency``, ``total``, or a ``YYYY-MM`` month).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from app.domain.money import minor_digits
from app.domain.taxonomy import CATEGORY_KEYS, Taxonomy, standard_taxonomy
from app.io.atomic import replacing
from app.io.xlsx.styles import Styles, make_styles
from app.io.xlsx.writing import write_text

SIDE_SHEETS = ("Side A", "Side B")
DELTA_SHEET = "Delta"
FIRST = 4
"""The row (0-based) of the first category: rows above are the title and the header."""
AMOUNT = 2
"""The column of a side's amounts (C)."""


def _rows(result: Mapping[str, Any]) -> dict[str, int]:
    """Where each key sits, the same on the three sheets."""
    keys = [*CATEGORY_KEYS, "subtotal", "contingency_pct", "contingency", "total"]
    rows = {key: FIRST + i for i, key in enumerate(keys)}
    month_row = FIRST + len(keys) + 2
    for i, month in enumerate(result["by_month"]):
        rows[month] = month_row + i
    return rows


def write_compare_workbook(
    result: Mapping[str, Any],
    contingency_pct: tuple[Decimal, Decimal],
    path: Path,
    *,
    taxonomy: Taxonomy | None = None,
) -> None:
    """Write the compare object ``result`` (see :func:`app.services.compare.compare`) to
    ``path``; ``contingency_pct`` is each side's contingency in percent (a, b)."""
    taxonomy = taxonomy or standard_taxonomy()
    digits = minor_digits(result["currency"])
    with replacing(Path(path)) as temp:
        workbook = xlsxwriter.Workbook(str(temp), {"strings_to_formulas": False})
        try:
            styles = make_styles(workbook, result["currency"], digits)
            workbook.set_properties(
                {
                    "title": f"{result['b']} against {result['a']}",
                    "subject": "Budget comparison",
                    "comments": "Written by Budgetwright",
                }
            )
            rows = _rows(result)
            for index, (side, sheet) in enumerate(zip("ab", SIDE_SHEETS, strict=True)):
                _write_side(
                    workbook, sheet, side, result, contingency_pct[index], rows, digits,
                    styles, taxonomy,
                )  # fmt: skip
            _write_delta(workbook, result, contingency_pct, rows, styles, taxonomy)
        finally:
            workbook.close()


def _number(text: str) -> float:
    return float(Decimal(text))


def _cell(row: int, col: int = AMOUNT) -> str:
    return str(xl_rowcol_to_cell(row, col))


def _header(ws: Any, row: int, labels: list[str], styles: Styles) -> None:
    for col, text in enumerate(labels):
        ws.write_string(row, col, text, styles.header)


def _write_side(
    workbook: Any,
    sheet: str,
    side: str,
    result: Mapping[str, Any],
    pct: Decimal,
    rows: Mapping[str, int],
    digits: int,
    styles: Styles,
    taxonomy: Taxonomy,
) -> None:
    ws = workbook.add_worksheet(sheet)
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 22)
    ws.set_column(2, 2, 18)
    write_text(ws, 0, 0, f"Side {side}: {result[side]}", styles.title, "name", sheet)
    ws.write_string(1, 0, f"Amounts in {result['currency']}; months before contingency")
    _header(ws, FIRST - 1, ["Category", "Key", "Amount"], styles)
    for key in CATEGORY_KEYS:
        row = rows[key]
        ws.write_string(row, 0, taxonomy.label(key), styles.label)
        ws.write_string(row, 1, key, styles.helper)
        ws.write_number(row, AMOUNT, _number(result["by_category"][key][side]), styles.money)
    first, last = rows[CATEGORY_KEYS[0]], rows[CATEGORY_KEYS[-1]]
    sub, pct_row, cont, total = (
        rows[k] for k in ("subtotal", "contingency_pct", "contingency", "total")
    )
    subtotal = _number(result["subtotal"][side])
    grand = _number(result["total"][side])
    formulas = [
        (sub, "Subtotal", f"=SUM({_cell(first)}:{_cell(last)})", subtotal),
        (cont, "Contingency", f"=ROUND({_cell(sub)}*{_cell(pct_row)},{digits})", grand - subtotal),
        (total, "Total", f"={_cell(sub)}+{_cell(cont)}", grand),
    ]
    for row, label, formula, value in formulas:
        ws.write_string(row, 0, label, styles.total_label)
        ws.write_string(row, 1, label.lower(), styles.helper)
        ws.write_formula(row, AMOUNT, formula, styles.total_money, value)
    ws.write_string(pct_row, 0, "Contingency (% of the subtotal)", styles.label)
    ws.write_string(pct_row, 1, "contingency_pct", styles.helper)
    ws.write_number(pct_row, AMOUNT, float(pct / 100), styles.input_percent)
    months = list(result["by_month"])
    if months:
        _header(ws, rows[months[0]] - 1, ["Month", "Key", "Amount"], styles)
    for month in months:
        row = rows[month]
        ws.write_string(row, 0, month, styles.label)
        ws.write_string(row, 1, month, styles.helper)
        ws.write_number(row, AMOUNT, _number(result["by_month"][month][side]), styles.grid)
    ws.freeze_panes(FIRST, 0)


def _write_delta(
    workbook: Any,
    result: Mapping[str, Any],
    contingency_pct: tuple[Decimal, Decimal],
    rows: Mapping[str, int],
    styles: Styles,
    taxonomy: Taxonomy,
) -> None:
    ws = workbook.add_worksheet(DELTA_SHEET)
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 22)
    ws.set_column(2, 4, 18)
    write_text(ws, 0, 0, f"{result['b']} against {result['a']}", styles.title, "name", DELTA_SHEET)
    ws.write_string(1, 0, f"Amounts in {result['currency']}; delta = b − a")
    sides = [f"a: {result['a']}", f"b: {result['b']}"]
    _header(ws, FIRST - 1, ["Category", "Key", *sides, "Delta (b − a)"], styles)
    a_ref, b_ref = (f"'{sheet}'!" for sheet in SIDE_SHEETS)
    figures: dict[str, Mapping[str, str]] = {
        **result["by_category"],
        "subtotal": result["subtotal"],
        "total": result["total"],
    }
    for key, trio in figures.items():
        _delta_row(ws, rows[key], key, taxonomy.label(key) if key in CATEGORY_KEYS else
                   key.capitalize(), trio, (a_ref, b_ref), styles, key in ("subtotal", "total"))  # fmt: skip
    a_total, b_total = (Decimal(result["total"][s]) for s in "ab")
    a_sub, b_sub = (Decimal(result["subtotal"][s]) for s in "ab")
    contingency = {
        "a": str(a_total - a_sub),
        "b": str(b_total - b_sub),
        "delta": str((b_total - b_sub) - (a_total - a_sub)),
    }
    _delta_row(ws, rows["contingency"], "contingency", "Contingency", contingency,
               (a_ref, b_ref), styles, True)  # fmt: skip
    pct_row = rows["contingency_pct"]
    ws.write_string(pct_row, 0, "Contingency (% of the subtotal)", styles.label)
    ws.write_string(pct_row, 1, "contingency_pct", styles.helper)
    for col, ref, pct in ((2, a_ref, contingency_pct[0]), (3, b_ref, contingency_pct[1])):
        value = float(pct / 100)
        ws.write_formula(pct_row, col, f"={ref}{_cell(pct_row)}", styles.input_percent, value)
    months = list(result["by_month"])
    if months:
        _header(ws, rows[months[0]] - 1, ["Month", "Key", *sides, "Delta (b − a)"], styles)
    for month in months:
        _delta_row(ws, rows[month], month, month, result["by_month"][month], (a_ref, b_ref),
                   styles, False)  # fmt: skip
    row = (max(rows.values()) + 3) if months else rows["total"] + 3
    _write_lines(ws, row, result, styles, taxonomy)
    ws.freeze_panes(FIRST, 0)
    ws.activate()


def _delta_row(
    ws: Any,
    row: int,
    key: str,
    label: str,
    trio: Mapping[str, str],
    refs: tuple[str, str],
    styles: Styles,
    bold: bool,
) -> None:
    fmt = styles.total_money if bold else styles.money
    ws.write_string(row, 0, label, styles.total_label if bold else styles.label)
    ws.write_string(row, 1, key, styles.helper)
    ws.write_formula(row, 2, f"={refs[0]}{_cell(row)}", fmt, _number(trio["a"]))
    ws.write_formula(row, 3, f"={refs[1]}{_cell(row)}", fmt, _number(trio["b"]))
    ws.write_formula(row, 4, f"={_cell(row, 3)}-{_cell(row, 2)}", fmt, _number(trio["delta"]))


def _write_lines(
    ws: Any, row: int, result: Mapping[str, Any], styles: Styles, taxonomy: Taxonomy
) -> None:
    """The lines added, removed and changed: their totals, and b − a as a formula."""
    lines = result["lines"]
    ws.write_string(row, 0, "Lines added, removed and changed", styles.subtitle)
    _header(ws, row + 1, ["Line", "Change", "a", "b", "Delta (b − a)", "Category"], styles)
    row += 2
    listed = [("added", line) for line in lines["added"]]
    listed += [("removed", line) for line in lines["removed"]]
    listed += [("changed", line) for line in lines["changed"]]
    for change, line in listed:
        write_text(ws, row, 0, line["name"], styles.label, "name", f"{DELTA_SHEET} row {row + 1}")
        ws.write_string(row, 1, change, styles.helper)
        for col, side in ((2, "a"), (3, "b")):
            if side in line:
                ws.write_number(row, col, _number(line[side]), styles.money)
        delta = Decimal(line.get("b", "0")) - Decimal(line.get("a", "0"))
        ws.write_formula(
            row, 4, f"=N({_cell(row, 3)})-N({_cell(row, 2)})", styles.money, float(delta)
        )
        ws.write_string(row, 5, taxonomy.label(line["category"]), styles.label)
        row += 1
    if not listed:
        ws.write_string(row, 0, "No line differs.", styles.helper)
