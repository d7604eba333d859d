"""Tables that run over many pages in linear time, with the header on every page.

reportlab's ``Table`` re-lays out the whole remainder each time it splits, which
grows with the square of the rows (20,000 rows: 25 s). :class:`PagedTable` knows
every row's height in advance (cells are plain text whose line count is known, or a
paragraph wrapped once), so at each page it takes exactly the rows that fit and
draws them under the column titles itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from app.io.pdf.fonts import SANS, SANS_BOLD, latin_only, markup
from app.io.pdf.styles import (
    CELL_LEADING,
    CELL_SIZE,
    HEADER_FILL,
    INK,
    MUTED,
    RULE,
    TOTAL_FILL,
    make_styles,
    wrapping_anywhere,
)

PAD_X = 3.0
PAD_TOP = 2.0
PAD_BOTTOM = 2.5
Kind = Literal["body", "group", "total", "note", "header"]
Cell = object
"""A cell: plain text (``str``, lines split by newlines) or a ``Paragraph``."""


@dataclass(frozen=True)
class Column:
    title: str
    width: float
    numeric: bool = False


@dataclass(frozen=True)
class Row:
    """A table row: its cells, how it is set (a line, a group heading, a total, a note)
    and its height in points, measured once."""

    cells: tuple[Cell, ...]
    kind: Kind
    height: float
    span: int = 1
    """How many columns the first cell covers."""


_BOLD_KINDS = ("group", "total", "header")


def make_row(texts: Sequence[str], columns: Sequence[Column], kind: Kind = "body") -> Row:
    """Measure and build a row. A ``group`` or ``note`` row's text spans the whole
    table; a ``total`` row's label spans the empty cells after it."""
    font = SANS_BOLD if kind in _BOLD_KINDS else SANS
    texts = list(texts) if kind == "body" else [*texts, *[""] * (len(columns) - len(texts))]
    span = 1
    if kind in ("group", "note"):
        span = len(columns)
    elif kind == "total":
        while span < len(columns) - 1 and not texts[span]:
            span += 1
    room = sum(c.width for c in columns[:span]) - 2 * PAD_X
    made = [_cell(texts[0], room, font)]
    made += [
        _Made(t, CELL_LEADING) if c.numeric else _cell(t, c.width - 2 * PAD_X, font)
        for t, c in zip(texts[span:], columns[span:], strict=True)
    ]  # an amount is never broken over lines: its column is made wide enough
    cells = (made[0].cell, *("" for _ in range(span - 1)), *(m.cell for m in made[1:]))
    height = max(m.height for m in made) + PAD_TOP + PAD_BOTTOM
    return Row(cells, kind, height, span)


@dataclass(frozen=True)
class _Made:
    cell: Cell
    height: float


MAX_CELL = 600
"""Characters a cell shows at most: a longer text could not fit on one page."""


def _cell(text: str, room: float, font: str) -> _Made:
    """Plain text, wrapped at spaces, when the font has every glyph (fast to lay out);
    a paragraph with fallback runs when it does not (CJK names)."""
    if len(text) > MAX_CELL:
        text = text[: MAX_CELL - 1] + "…"
    plain = _plain(text, font, room)
    if plain is not None:
        return plain
    styles = make_styles()
    style = wrapping_anywhere(styles.cell_bold if font == SANS_BOLD else styles.cell)
    para = Paragraph(markup(text, font), style)
    _, height = para.wrap(room, 1e9)
    return _Made(para, max(height, CELL_LEADING))


@lru_cache(maxsize=8192)
def _plain(text: str, font: str, room: float) -> _Made | None:
    """The cell as wrapped plain text, or None when the font lacks a glyph of it.
    Cached: dates, models, drivers and item labels repeat down a long table."""
    if not latin_only(text, font):
        return None
    lines = wrap(text, font, CELL_SIZE, room)
    return _Made("\n".join(lines), len(lines) * CELL_LEADING)


def wrap(text: str, font: str, size: float, room: float) -> list[str]:
    """``text`` in lines no wider than ``room``: broken at spaces, and a word too long
    for a line (a URL, a part number) broken between characters."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        if stringWidth(paragraph, font, size) <= room:
            out.append(paragraph)  # most cells: one measure instead of one per word
            continue
        for line in simpleSplit(paragraph, font, size, room) or [""]:
            while stringWidth(line, font, size) > room and len(line) > 1:
                cut = len(line) - 1
                while cut > 1 and stringWidth(line[:cut], font, size) > room:
                    cut -= 1
                out.append(line[:cut])
                line = line[cut:]
            out.append(line)
    return out


class PagedTable(Flowable):  # type: ignore[misc]
    """Rows that flow over as many pages as they need, the header repeated on each.

    It draws itself rather than building a reportlab ``Table``: one text object per
    page instead of one per cell makes a 10,000-line plan's tables about twice as fast.
    """

    def __init__(self, columns: Sequence[Column], rows: Sequence[Row]) -> None:
        super().__init__()
        self.columns = tuple(columns)
        self.rows = list(rows)
        self.header = make_row([c.title for c in columns], columns, "header")
        self.width = sum(c.width for c in columns)
        self._height = self.header.height + sum(r.height for r in self.rows)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.height = self._height
        return self.width, self._height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        room = avail_height - self.header.height - 0.5
        count = 0
        for row in self.rows:
            if row.height > room:
                break
            room -= row.height
            count += 1
        if count == 0:
            return []
        if count < len(self.rows) and self.rows[count - 1].kind == "group" and count > 1:
            count -= 1  # a group heading never ends a page
        return [
            PagedTable(self.columns, self.rows[:count]),
            PagedTable(self.columns, self.rows[count:]),
        ]

    def draw(self) -> None:
        canv = self.canv
        rows = [self.header, *self.rows]
        tops = []
        top = self._height
        for row in rows:
            tops.append(top)
            top -= row.height
        canv.saveState()
        for row, top in zip(rows, tops, strict=True):
            fill = _FILLS.get(row.kind)
            if fill is not None:
                canv.setFillColor(fill)
                canv.rect(0, top - row.height, self.width, row.height, stroke=0, fill=1)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.25)
        canv.lines(
            [(0, t - r.height, self.width, t - r.height) for r, t in zip(rows, tops, strict=True)]
        )
        canv.setStrokeColor(MUTED)
        canv.setLineWidth(0.6)
        strong = [(0, tops[0] - self.header.height, self.width, tops[0] - self.header.height)]
        strong += [
            (0, t, self.width, t) for r, t in zip(rows, tops, strict=True) if r.kind == "total"
        ]
        canv.lines(strong)
        self._draw_text(rows, tops)
        canv.restoreState()

    def _draw_text(self, rows: Sequence[Row], tops: Sequence[float]) -> None:
        canv = self.canv
        lefts = [0.0]
        for column in self.columns:
            lefts.append(lefts[-1] + column.width)
        text = canv.beginText()
        font, colour = "", INK
        text.setFillColor(colour)
        paragraphs: list[tuple[Paragraph, float, float]] = []
        for row, top in zip(rows, tops, strict=True):
            want_font = SANS_BOLD if row.kind in _BOLD_KINDS else SANS
            if want_font != font:
                font = want_font
                text.setFont(font, CELL_SIZE, CELL_LEADING)
            want_colour = MUTED if row.kind == "note" else INK
            if want_colour != colour:
                colour = want_colour
                text.setFillColor(colour)
            baseline = top - PAD_TOP - CELL_SIZE
            index = 0
            while index < len(row.cells):
                cell = row.cells[index]
                span = row.span if index == 0 else 1
                left, right = lefts[index] + PAD_X, lefts[index + span] - PAD_X
                numeric = self.columns[index].numeric and span == 1
                if isinstance(cell, Paragraph):
                    paragraphs.append((cell, left, top - PAD_TOP - cell.height))
                elif isinstance(cell, str) and cell and numeric:
                    for k, line in enumerate(cell.split("\n")):
                        x = right - stringWidth(line, font, CELL_SIZE)
                        text.setTextOrigin(x, baseline - k * CELL_LEADING)
                        text.textOut(line)
                elif isinstance(cell, str) and cell:
                    text.setTextOrigin(left, baseline)
                    text.textLines(cell.split("\n"))  # each one leading below the last
                index += span
        canv.drawText(text)
        for para, x, y in paragraphs:
            para.drawOn(canv, x, y)


_FILLS = {"header": HEADER_FILL, "group": TOTAL_FILL, "total": TOTAL_FILL}


def simple_table(
    columns: Sequence[Column], rows: Sequence[Sequence[str]], *, total_rows: int = 0
) -> PagedTable:
    """A small table of figures whose last ``total_rows`` rows are totals."""
    made = [
        make_row(texts, columns, "total" if i >= len(rows) - total_rows else "body")
        for i, texts in enumerate(rows)
    ]
    return PagedTable(columns, made)
