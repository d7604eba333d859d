"""The timeline: phases, then every line by category and phase, as bars over the months.

The rows, bars, summary spans, milestones, arrows and flags come from
:func:`app.services.timeline_layout.layout`, the function the window's timeline
draws from, so the two cannot disagree. Drawn straight onto the canvas, one page of
rows at a time, with the month scale repeated at the top of each page: a plan of ten
thousand lines stays a few seconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable, Spacer

from app.engine.calendar import days_in_month, month_index
from app.io.pdf.flow import heading, text
from app.io.pdf.fonts import SANS, SANS_BOLD, ellipsize, width
from app.io.pdf.numbers import MONTHS
from app.io.pdf.pack import Pack
from app.io.pdf.page import TextRuns
from app.io.pdf.styles import ACCENT, CATEGORY_COLOURS, HEADER_FILL, INK, MUTED, RULE, make_styles
from app.services.timeline_layout import Arrow, Row, RowKind, layout

LATE = Color(0.78, 0.16, 0.16)
"""Flags: a line outside the horizon, a phase starting before one it waits for ends."""

ROW = 10.0
HEADER = 24.0
LABEL_ROOM = 170.0
SIZE = 7.0
OUTSIDE = Color(0.93, 0.94, 0.96)
"""The shade of months outside the plan's horizon: visible, yet bars stay readable on it."""


@dataclass(frozen=True)
class Bar:
    label: str
    start: date | None = None
    end: date | None = None
    colour: Color = ACCENT
    group: bool = False
    milestone: bool = False
    depth: int = 1
    flagged: bool = False
    index: int = 0
    """The row's place in the whole layout (arrows name rows by it)."""


@dataclass(frozen=True)
class Scale:
    """Months ``first``..``last`` across ``width`` points starting at ``left``."""

    first: int
    last: int
    left: float
    width: float
    horizon: tuple[int, int]

    @property
    def slot(self) -> float:
        return self.width / (self.last - self.first + 1)

    def x(self, day: date) -> float:
        index = month_index(day)
        within = (day.day - 1) / days_in_month(index)
        return self.left + (index - self.first + within) * self.slot


class Timeline(Flowable):  # type: ignore[misc]
    """Bars that flow over as many pages as they need, the month scale on each."""

    def __init__(self, bars: Sequence[Bar], scale: Scale, arrows: Sequence[Arrow] = ()) -> None:
        super().__init__()
        self.bars = list(bars)
        self.scale = scale
        self.arrows = list(arrows)
        self.width = scale.left + scale.width

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.height = HEADER + ROW * len(self.bars)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        count = int((avail_height - HEADER) // ROW)
        if count < 2:
            return []
        if count < len(self.bars) and self.bars[count - 1].group:
            count -= 1
        return [
            Timeline(self.bars[:count], self.scale, self.arrows),
            Timeline(self.bars[count:], self.scale, self.arrows),
        ]

    def draw(self) -> None:
        canv, scale = self.canv, self.scale
        top = self.height
        body = top - HEADER
        canv.saveState()
        canv.setFillColor(HEADER_FILL)
        canv.rect(0, body, self.width, HEADER, stroke=0, fill=1)
        words = TextRuns(canv)
        words.colour(MUTED)
        low, high = scale.horizon
        for month in range(scale.first, scale.last + 1):
            x = scale.left + (month - scale.first) * scale.slot
            if not low <= month <= high:
                canv.setFillColor(OUTSIDE)
                canv.rect(x, 0, scale.slot, body, stroke=0, fill=1)
            canv.setStrokeColor(RULE)
            canv.setLineWidth(0.6 if month % 12 == 0 else 0.25)
            canv.line(x, 0, x, body + (HEADER if month % 12 == 0 else HEADER / 2))
            year = str(month // 12)
            room = width(year, SIZE, SANS_BOLD) + 4
            if month % 12 == 0 or (month == scale.first and (12 - month % 12) * scale.slot > room):
                # at the right edge the year ends there rather than running off the page
                words.put(min(x + 2, self.width - room + 2), top - 9, year, SIZE, SANS_BOLD)
            name = MONTHS[month % 12]
            middle = x + scale.slot / 2
            if scale.slot >= 16:
                words.put(middle, body + 4, name, SIZE - 0.5, anchor="middle")
            elif scale.slot >= 6:
                words.put(middle, body + 4, name[0], SIZE - 0.5, anchor="middle")
        words.put(2, body + 4, "Phase or line", SIZE, SANS_BOLD)
        words.colour(INK)
        self._fill: Color | None = None
        for i, bar in enumerate(self.bars):
            self._draw_bar(bar, body - ROW * (i + 1), words)
        words.close()
        self._draw_arrows(body)
        canv.setStrokeColor(MUTED)
        canv.setLineWidth(0.5)
        canv.line(0, body, self.width, body)
        canv.restoreState()

    def _draw_bar(self, bar: Bar, y: float, words: TextRuns) -> None:
        canv, scale = self.canv, self.scale
        font = SANS_BOLD if bar.group else SANS
        indent = 2 + 6 * bar.depth
        words.put(
            indent, y + 3, ellipsize(bar.label, SIZE, LABEL_ROOM - indent - 4, font), SIZE, font
        )
        if bar.start is None or bar.end is None:
            return
        x0 = scale.x(bar.start)
        x1 = max(scale.x(bar.end + timedelta(days=1)), x0 + 2.5)
        if bar.colour is not self._fill:
            canv.setFillColor(bar.colour)
            self._fill = bar.colour
        if bar.group:  # a summary span: a thin bar with a notch at each end
            canv.rect(x0, y + ROW - 5, x1 - x0, 2.2, stroke=0, fill=1)
            for x, d in ((x0, 1), (x1, -1)):
                notch = canv.beginPath()
                notch.moveTo(x, y + ROW - 5)
                notch.lineTo(x + 3 * d, y + ROW - 5)
                notch.lineTo(x, y + ROW - 8)
                notch.close()
                canv.drawPath(notch, stroke=0, fill=1)
        else:
            canv.rect(x0, y + 2.5, x1 - x0, ROW - 5, stroke=0, fill=1)
        if bar.flagged:
            canv.setStrokeColor(LATE)
            canv.setLineWidth(0.6)
            canv.setDash(1.5, 1)
            canv.rect(x0 - 0.8, y + 1.7, x1 - x0 + 1.6, ROW - 3.4, stroke=1, fill=0)
            canv.setDash()
        if bar.milestone:
            path = canv.beginPath()
            mid = y + ROW / 2
            path.moveTo(x1, mid + 4)
            path.lineTo(x1 + 4, mid)
            path.lineTo(x1, mid - 4)
            path.lineTo(x1 - 4, mid)
            path.close()
            canv.setFillColor(INK)
            self._fill = INK
            canv.drawPath(path, stroke=0, fill=1)

    def _draw_arrows(self, body: float) -> None:
        """Finish-to-start arrows between phases whose rows are both on this page."""
        where = {bar.index: (i, bar) for i, bar in enumerate(self.bars)}
        canv, scale = self.canv, self.scale
        for arrow in self.arrows:
            if arrow.source not in where or arrow.target not in where:
                continue
            (i, source), (j, target) = where[arrow.source], where[arrow.target]
            if None in (source.start, source.end, target.start):
                continue
            assert source.end is not None and target.start is not None
            x0 = scale.x(source.end + timedelta(days=1))
            x1 = scale.x(target.start)
            y0, y1 = body - ROW * (i + 0.5), body - ROW * (j + 0.5)
            colour = LATE if arrow.late else MUTED
            canv.setStrokeColor(colour)
            canv.setLineWidth(0.5)
            above = y1 + ROW / 2 if y1 < y0 else y1 - ROW / 2
            path = canv.beginPath()
            path.moveTo(x0, y0)
            for x, y in ((x0 + 3, y0), (x0 + 3, above), (x1 - 4, above), (x1 - 4, y1), (x1, y1)):
                path.lineTo(x, y)
            canv.drawPath(path, stroke=1, fill=0)
            head = canv.beginPath()
            head.moveTo(x1, y1)
            head.lineTo(x1 - 2.5, y1 + 1.6)
            head.lineTo(x1 - 2.5, y1 - 1.6)
            head.close()
            canv.setFillColor(colour)
            self._fill = colour
            canv.drawPath(head, stroke=0, fill=1)


def _bar(row: Row, index: int) -> Bar:
    colour = CATEGORY_COLOURS.get(row.colour, ACCENT)
    return Bar(
        row.label,
        row.start,
        row.end,
        colour,
        group=row.kind is RowKind.GROUP,
        milestone=row.milestone,
        depth=row.depth,
        flagged=bool(row.flag),
        index=index,
    )


def flowables(pack: Pack) -> list[Flowable]:
    styles = make_styles()
    plan = pack.snapshot.plan
    lines = sorted(pack.snapshot.lines, key=lambda line: (line.position, line.id or 0))
    shape = layout(plan, pack.snapshot.phases, lines, pack.label)
    first, last = pack.budget.month_range()
    first = min(first, month_index(shape.first))
    last = max(last, month_index(shape.last))
    scale = Scale(
        first,
        last,
        LABEL_ROOM,
        pack.page.frame_width - LABEL_ROOM,
        (month_index(plan.start), month_index(plan.end)),
    )
    bars = [_bar(row, i) for i, row in enumerate(shape.rows)]
    note = (
        "Each bar runs from a line's start date to its end date, grouped by category and "
        "phase; shaded months lie outside the plan's horizon and a dashed red frame marks "
        "a line beyond it or a phase starting before one it waits for has ended. Arrows "
        "join a phase to the phases that wait for it; a diamond marks a milestone."
    )
    return [
        *heading("Timeline", styles.h1),
        text(note, styles.note),
        Spacer(1, 6),
        Timeline(bars, scale, shape.arrows),
    ]
