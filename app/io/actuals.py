"""Reading actuals files (CSV or xlsx): the cells of each row, by field, with their place.

Columns are found from their headers (``ACTUAL_SYNONYMS``) or named in a mapping TOML
in the line import's style (``app.io.xlsx.mapping``; docs/actuals.md). Nothing here
knows the plan: the service resolves lines, categories and currencies, and reports
every problem with its row and column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xlsxwriter.utility import xl_col_to_name

from app.domain.errors import BadInput
from app.io.xlsx.cells import is_blank, text_of
from app.io.xlsx.mapping import ColumnMapping, guess_columns, load_mapping, normalise_header

ACTUAL_FIELDS: tuple[str, ...] = (
    "date",
    "amount",
    "line",
    "category",
    "section",
    "reference",
    "currency",
    "description",
)

# Header words for each field, most specific first (compared after normalising).
ACTUAL_SYNONYMS: dict[str, tuple[str, ...]] = {
    "date": (
        "date",
        "booked on",
        "booking date",
        "invoice date",
        "posting date",
        "payment date",
        "transaction date",
        "paid on",
        "value date",
    ),
    "amount": ("amount", "net amount", "spent", "cost", "total", "value", "sum", "paid"),
    "line": ("line", "budget line", "line item", "line name", "name", "item"),
    "category": ("category", "cost category", "resource type", "type"),
    "section": ("section", "subcategory", "sub category"),
    "reference": (
        "reference",
        "ref",
        "invoice",
        "invoice number",
        "invoice no",
        "document",
        "voucher",
        "receipt",
    ),
    "currency": ("currency", "ccy", "cur", "currency code"),
    "description": ("description", "memo", "details", "narrative", "text", "notes", "comment"),
}
HEADER_SEARCH_ROWS = 20
MAX_ACTUAL_ROWS = 1_000_000
MAX_ACTUAL_COLUMNS = 64


@dataclass(frozen=True)
class ActualsTable:
    """The data rows of an actuals file and which column feeds which field.

    ``rows`` are ``(row number as the file shows it, cells)``; ``columns`` field → 0-based
    column. ``epoch`` is the workbook's date epoch (None for CSV).
    """

    source: str
    header_row: int
    columns: dict[str, int]
    rows: list[tuple[int, Sequence[Any]]]
    mapping: ColumnMapping


def column_name(col: int) -> str:
    """``B`` for column 1."""
    return str(xl_col_to_name(col))


def load_actuals_mapping(path: Path) -> ColumnMapping:
    """A mapping TOML whose columns feed actuals' fields (``date``, ``amount``, ...)."""
    return load_mapping(path, ACTUAL_FIELDS)


def read_actuals_file(path: Path, mapping: ColumnMapping | None = None) -> ActualsTable:
    """The rows of a CSV or xlsx actuals file; refuses a file it cannot read at all."""
    path = Path(path)
    mapping = mapping or ColumnMapping()
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        grid: Iterator[tuple[int, Sequence[Any]]] = _xlsx_rows(path, mapping)
    else:
        grid = _csv_rows(path)
    return _table(str(path), grid, mapping)


def _csv_rows(path: Path) -> Iterator[tuple[int, Sequence[Any]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise BadInput(f"{path}: cannot be read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise BadInput(f"{path}: not UTF-8 text; save the CSV as UTF-8") from None
    head = text[:4096]
    delimiter = max(",;\t", key=lambda d: head.split("\n", 1)[0].count(d))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    yield from enumerate(reader, start=1)


def _xlsx_rows(path: Path, mapping: ColumnMapping) -> Iterator[tuple[int, Sequence[Any]]]:
    from app.io.xlsx.rows import stream_rows
    from app.io.xlsx.safety import opened_workbook

    with opened_workbook(path) as wb:
        names = [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"]
        sheet = mapping.sheet or ("Actuals" if "Actuals" in names else names[0] if names else None)
        if sheet is None:
            raise BadInput(f"{path}: the workbook has no visible sheet")
        if sheet not in wb.sheetnames:
            raise BadInput(f"{path}: no sheet named {sheet!r} (sheets: {', '.join(names)})")
        ws = wb[sheet]
        width = min(ws.max_column or MAX_ACTUAL_COLUMNS, MAX_ACTUAL_COLUMNS)
        rows = stream_rows(ws, path, max_col=width, limit=MAX_ACTUAL_ROWS)
        for row, cells in rows:
            yield row + 1, cells


def _table(
    source: str, grid: Iterator[tuple[int, Sequence[Any]]], mapping: ColumnMapping
) -> ActualsTable:
    head: list[tuple[int, Sequence[Any]]] = []
    for number, cells in grid:
        head.append((number, cells))
        if len(head) >= HEADER_SEARCH_ROWS or (
            mapping.header_row is not None and number >= mapping.header_row
        ):
            break
    if not any(not all(is_blank(c) for c in cells) for _, cells in head):
        raise BadInput(f"{source}: row 1, column A: the file is empty (no header, no actuals)")
    header_row, headers = _headers(head, mapping)
    columns = _columns(source, header_row, headers, mapping)
    rows = [(n, c) for n, c in head if n > header_row and not _blank(c)]
    rows += ((n, c) for n, c in grid if not _blank(c))
    if not rows:
        raise BadInput(
            f"{source}: row {header_row + 1}, column A: no actuals below the header row "
            f"(row {header_row})"
        )
    return ActualsTable(source, header_row, columns, rows, mapping)


def _blank(cells: Sequence[Any]) -> bool:
    try:
        return not "".join(cells).strip()  # text cells (every CSV row): one C call
    except TypeError:
        return all(map(is_blank, cells))


def _headers(
    head: list[tuple[int, Sequence[Any]]], mapping: ColumnMapping
) -> tuple[int, list[str]]:
    if mapping.header_row is not None:
        for number, cells in head:
            if number == mapping.header_row:
                return number, [text_of(c).strip() for c in cells]
        raise BadInput(f"header_row {mapping.header_row}: the file has fewer rows")
    best, best_score = head[0][0], 0
    for number, cells in head:
        score = len(guess_columns([text_of(c) for c in cells], ACTUAL_SYNONYMS))
        if score > best_score:
            best, best_score = number, score
    cells = next(c for n, c in head if n == best)
    return best, [text_of(c).strip() for c in cells]


def _columns(
    source: str, header_row: int, headers: list[str], mapping: ColumnMapping
) -> dict[str, int]:
    found = {
        k: v for k, v in guess_columns(headers, ACTUAL_SYNONYMS).items() if k not in mapping.columns
    }
    exact = {h: i for i, h in reversed(list(enumerate(headers))) if h}
    normal = {normalise_header(h): i for i, h in reversed(list(enumerate(headers))) if h}
    for field_name, header in mapping.columns.items():
        col = exact.get(header.strip(), normal.get(normalise_header(header)))
        letters = header.strip().upper()
        if col is None and letters.isalpha() and len(letters) <= 3:
            col = _column_index(letters)
        if col is None:
            shown = ", ".join(h for h in headers if h)
            raise BadInput(
                f"{source}: row {header_row}: columns.{field_name} = {header!r}: "
                f"no column has this header ({shown})"
            )
        found = {k: v for k, v in found.items() if v != col}
        found[field_name] = col
    missing = [f for f in ("date", "amount") if f not in found and f not in mapping.defaults]
    if "line" not in found and "category" not in found and "category" not in mapping.defaults:
        missing.append("line or category")
    if missing:
        shown = ", ".join(h for h in headers if h) or "none"
        raise BadInput(
            f"{source}: row {header_row}: no {' and no '.join(missing)} column "
            f"(headers: {shown}); name it in a mapping file (--map)"
        )
    return found


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1
