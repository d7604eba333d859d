"""Streaming a worksheet's rows with a ceiling, so a million-row sheet is refused fast.

openpyxl's read-only mode trusts the ``<dimension>`` a file declares; Google Sheets
writes none and some writers lie. We check the declared size first (instant refusal),
then ignore it and count rows ourselves while streaming.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from app.domain.errors import BadInput
from app.io.xlsx.safety import guarded

MAX_ROWS = 100_000
MAX_COLUMNS = 256
_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
_CHUNK = 1 << 20
_MARGIN = 32
_SMALLEST_ROW = len(b'<row r="1"/>')

Row = tuple[Any, ...]


def too_many_rows(path: Path, sheet: str, rows: int) -> BadInput:
    return BadInput(
        f"{path}, sheet {sheet}: more than {MAX_ROWS:,} rows ({rows:,} found); "
        "a plan holds at most that many lines"
    )


def stream_rows(
    ws: Any,
    path: Path,
    *,
    first: int = 0,
    max_col: int = MAX_COLUMNS,
    values_only: bool = True,
    limit: int = MAX_ROWS,
) -> Iterator[tuple[int, Row]]:
    """``(0-based row, cells)`` for every row from ``first`` down, refusing past ``limit``."""
    name = ws.title
    with guarded(path, f"sheet {name}", lambda: broken_cell(ws)):
        declared = _declared_rows(ws)
        if declared > limit + first:
            raise too_many_rows(path, name, declared)
        counted = count_rows(ws, limit + first)
        if counted > limit + first:
            raise too_many_rows(path, name, counted)
        ws.reset_dimensions()
        rows = ws.iter_rows(min_row=first + 1, max_col=max_col, values_only=values_only)
        for offset, cells in enumerate(rows):
            if offset >= limit:
                raise too_many_rows(path, name, first + offset + 1)
            yield first + offset, tuple(cells)


def count_rows(ws: Any, ceiling: int) -> int:
    """The ``<row>`` elements of a read-only sheet's XML, counted up to just past ``ceiling``.

    A byte scan: far faster than parsing, so a sheet whose dimension lies is refused fast.
    """
    source = getattr(ws, "_get_source", None)
    if source is None:
        return 0
    if _part_size(ws) < ceiling * _SMALLEST_ROW:
        return 0  # too small to hold that many rows: no need to look
    count = 0
    tail = b""
    with source() as part:
        while chunk := part.read(_CHUNK):
            data = tail + chunk
            edge = max(0, len(data) - _MARGIN)
            count += sum(1 for m in _ROW.finditer(data, 0, len(data)) if m.start() < edge)
            tail = data[edge:]
            if count > ceiling:
                return count
    return count + len(_ROW.findall(tail))


def _part_size(ws: Any) -> int:
    """The inflated size of a read-only sheet's XML part (large when unknown)."""
    try:
        return int(ws.parent._archive.getinfo(ws._worksheet_path).file_size)
    except (AttributeError, KeyError):
        return 1 << 62


def _declared_rows(ws: Any) -> int:
    try:
        declared = ws.max_row
    except (ValueError, TypeError):
        return 0
    return int(declared or 0)


def first_row(ws: Any, path: Path, max_col: int = MAX_COLUMNS) -> Row:
    """The sheet's first row (the key row of sheets Budgetwright wrote)."""
    with guarded(path, f"sheet {ws.title}", lambda: broken_cell(ws)):
        ws.reset_dimensions()
        for cells in ws.iter_rows(min_row=1, max_row=1, max_col=max_col, values_only=True):
            return tuple(cells)
    return ()


_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_ATTR = re.compile(rb'\b(r|t)="([^"]*)"')
_V = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")


def broken_cell(ws: Any) -> str | None:
    """The first cell openpyxl cannot read (a typed value it cannot cast), or None.

    Asked only after a sheet failed to stream, to name the cell rather than the sheet.
    """
    source = getattr(ws, "_get_source", None)
    if source is None:
        return None
    strings = len(getattr(ws.parent, "shared_strings", ()) or ())
    with source() as part:
        data = part.read(64 << 20)  # a failure is near the start in all but huge sheets
    for match in _CELL.finditer(data):
        attrs = dict(_ATTR.findall(match.group(1)))
        value = _V.search(match.group(2) or b"")
        if value is None or not value.group(1):
            continue
        if not _casts(attrs.get(b"t", b"n"), value.group(1).decode("utf-8", "replace"), strings):
            ref: bytes = attrs.get(b"r", b"?")
            return ref.decode("ascii", "replace")
    return None


def _casts(kind: bytes, text: str, strings: int) -> bool:
    """Whether openpyxl reads ``text`` as a cell of type ``kind`` (as its parser does)."""
    try:
        if kind == b"n":
            float(text) if any(c in text for c in ".Ee") else int(text)
        elif kind == b"s":
            return 0 <= int(text) < strings
        elif kind == b"b":
            int(text)
        elif kind == b"d":
            from openpyxl.utils.datetime import from_ISO8601

            from_ISO8601(text)
    except (ValueError, TypeError, OverflowError):
        return False
    return True
