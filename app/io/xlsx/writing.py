"""Small helpers every sheet writer uses: safe text, key and header rows, print set-up."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.domain.errors import InvalidValue
from app.io.xlsx.layout import HEADER_ROW, KEY_ROW, MAX_CELL_TEXT, Column
from app.io.xlsx.styles import Styles

# Rows below the data that keep the drop-down lists, for lines a planner adds.
SPARE_ROWS = 500


def plain_formulas(ws: Any) -> Any:
    """Let a worksheet take our formulas as written.

    XlsxWriter runs some thirty regular expressions over every formula to prefix newer
    functions (``XLOOKUP`` and the like) with ``_xlfn.``; ours use none of them, and on
    a 600,000-cell Monthly sheet those expressions are most of the export's time.
    """

    def prepared(formula: str, expand_future_functions: bool = False) -> str:
        return formula[1:] if formula.startswith("=") else formula

    ws._prepare_formula = prepared
    return ws


def write_text(ws: Any, row: int, col: int, text: str, fmt: Any, field: str, where: str) -> None:
    """Planner text, always as a string cell: ``=cmd|...`` never becomes a formula."""
    if not text:
        return
    if len(text) > MAX_CELL_TEXT:
        raise InvalidValue(
            field,
            f"{len(text):,} characters",
            f"longer than the {MAX_CELL_TEXT:,} characters a spreadsheet cell holds",
            where,
        )
    ws.write_string(row, col, text, fmt)


def key_and_header_rows(
    ws: Any, columns: Sequence[Column], styles: Styles, tag: str | None = None
) -> None:
    """The hidden row of column keys (plus a tag saying what the sheet holds) and the header."""
    ws.set_row(KEY_ROW, None, None, {"hidden": True})
    for col, column in enumerate(columns):
        ws.write_string(KEY_ROW, col, column.key)
    if tag:
        ws.write_string(KEY_ROW, len(columns), tag)
    ws.set_row(HEADER_ROW, 30)
    for col, column in enumerate(columns):
        ws.write_string(HEADER_ROW, col, column.header, styles.header)


def set_widths(ws: Any, columns: Sequence[Column], widths: dict[int, float] | None = None) -> None:
    for col, column in enumerate(columns):
        width = (widths or {}).get(col, column.width)
        options = {"hidden": True} if column.hidden else {}
        ws.set_column(col, col, width, None, options)
    ws.set_column(len(columns), len(columns), None, None, {"hidden": True})  # the sheet's tag


def text_width(texts: Sequence[str], floor: float, cap: float = 60) -> float:
    """A column width that shows the longest text (first line) up to ``cap`` characters."""
    longest = max((len(t.split("\n", 1)[0]) for t in texts), default=0)
    return max(floor, min(cap, longest + 2))


def set_up_printing(
    ws: Any, plan_name: str, header_row: int | None, *, gridlines: bool = True
) -> None:
    """Landscape, one page wide, the header row on every page, names in the margins.

    Hidden columns (ids, exact texts) do not print.
    """
    ws.set_landscape()
    ws.set_paper(9)  # A4; Letter printers scale it, and fit-to-width keeps every column
    ws.fit_to_pages(1, 0)
    if header_row is not None:
        ws.repeat_rows(header_row)
    title = "".join(ch for ch in plan_name if ch >= " ").replace("&", "&&")[:100]
    ws.set_header(f"&L&8{title}&R&8&A")
    ws.set_footer("&R&8Page &P of &N")
    ws.hide_gridlines(0 if gridlines else 1)


def visible_count(columns: Sequence[Column]) -> int:
    return sum(1 for c in columns if not c.hidden)
