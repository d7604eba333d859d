"""A planner's sheet as a table: the header row found, merged cells filled, formats kept.

Title rows, merged banners and blank rows come before the headers in real budgets,
so the header row is the one among the first rows that reads most like known
headers. A value merged over several cells (a category spanning its lines) counts
for each of them.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl.utils.cell import range_boundaries

from app.domain.errors import BadInput
from app.io.xlsx.cells import is_blank, text_of
from app.io.xlsx.mapping import header_score
from app.io.xlsx.rows import stream_rows
from app.io.xlsx.safety import check_file, guarded, opened_workbook

HEADER_SEARCH_ROWS = 30
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


@dataclass(frozen=True)
class TableRow:
    """One row below the headers: 0-based row number, cell values and number formats."""

    row: int
    values: tuple[Any, ...]
    formats: tuple[str, ...]

    def value(self, col: int) -> Any:
        return self.values[col] if col < len(self.values) else None

    def number_format(self, col: int) -> str:
        return self.formats[col] if col < len(self.formats) else "General"


@dataclass(frozen=True)
class SheetTable:
    """The headers and rows of one sheet, as the mapping dialog previews them."""

    path: Path
    sheet: str
    sheets: tuple[str, ...]
    header_row: int  # 0-based
    headers: tuple[str, ...]
    rows: tuple[TableRow, ...]
    epoch: datetime


def read_table(path: Path, sheet: str | None = None, header_row: int | None = None) -> SheetTable:
    """The table of ``sheet`` (the first visible one by default).

    ``header_row`` is 1-based as the spreadsheet shows it; by default it is found.
    """
    path = Path(path)
    parts = {name: part for part, name in check_file(path).items()}
    with opened_workbook(path) as wb:
        names = tuple(ws.title for ws in wb.worksheets if ws.sheet_state == "visible")
        if sheet is None:
            if not names:
                raise BadInput(f"{path}: the workbook has no visible sheet")
            sheet = names[0]
        if sheet not in wb.sheetnames:
            raise BadInput(f"{path}: no sheet named {sheet!r} (sheets: {', '.join(names)})")
        grid = [
            (row, tuple(c.value for c in cells), tuple(c.number_format or "General" for c in cells))
            for row, cells in stream_rows(wb[sheet], path, values_only=False)
        ]
        epoch = wb.epoch
    grid = _fill_merged(path, parts.get(sheet), grid)
    header = _header_row(grid) if header_row is None else header_row - 1
    headers: tuple[str, ...] = ()
    body = []
    for row, values, formats in grid:
        if row == header:
            headers = tuple(text_of(v).strip() for v in values)
        elif row > header and not all(is_blank(v) for v in values):
            body.append(TableRow(row, values, formats))
    while headers and not headers[-1]:
        headers = headers[:-1]
    if not headers:
        raise BadInput(f"{path}, sheet {sheet}: no header row found (row {header + 1} is empty)")
    return SheetTable(path, sheet, names, header, headers, tuple(body), epoch)


def _header_row(grid: list[tuple[int, tuple[Any, ...], tuple[str, ...]]]) -> int:
    best, best_score = None, 1
    fallback = None
    for row, values, _ in grid[:HEADER_SEARCH_ROWS]:
        texts = [v if isinstance(v, str) else "" for v in values]
        score = header_score(texts)
        if score > best_score:
            best, best_score = row, score
        if fallback is None and sum(1 for t in texts if t.strip()) >= 2:
            fallback = row
    if best is not None:
        return best
    return fallback if fallback is not None else (grid[0][0] if grid else 0)


Grid = list[tuple[int, tuple[Any, ...], tuple[str, ...]]]


def _fill_merged(path: Path, part: str | None, grid: Grid) -> Grid:
    """Give every cell of a merged range the value of its top-left cell."""
    ranges = merged_ranges(path, part) if part else []
    if not ranges or not grid:
        return grid
    rows = {row: (list(values), formats) for row, values, formats in grid}
    for min_col, min_row, max_col, max_row in ranges:
        anchor = rows.get(min_row - 1)
        if anchor is None or min_col - 1 >= len(anchor[0]):
            continue
        value = anchor[0][min_col - 1]
        for r in range(min_row - 1, max_row):
            if r not in rows:
                continue
            values = rows[r][0]
            for c in range(min_col - 1, min(max_col, len(values))):
                if values[c] is None:
                    values[c] = value
    return [(row, tuple(rows[row][0]), rows[row][1]) for row, _, _ in grid]


def merged_ranges(path: Path, part: str) -> list[tuple[int, int, int, int]]:
    """Merged ranges of a worksheet part, read by streaming the XML (no parser needed)."""
    found: list[tuple[int, int, int, int]] = []
    with guarded(path), zipfile.ZipFile(path) as archive, archive.open(part) as source:
        tail = b""
        while chunk := source.read(1 << 20):
            data = tail + chunk
            cut = keep = max(0, len(data) - 200)  # an element is shorter than the margin
            for match in _MERGE.finditer(data):
                if match.end() <= cut:
                    found.append(_bounds(match.group(1)))
                else:
                    keep = min(keep, match.start())
                    break
            tail = data[keep:]
        found += [_bounds(m) for m in _MERGE.findall(tail)]
    return found


def _bounds(ref: bytes) -> tuple[int, int, int, int]:
    min_col, min_row, max_col, max_row = range_boundaries(ref.decode("ascii"))
    return int(min_col or 1), int(min_row or 1), int(max_col or 1), int(max_row or 1)
