"""The timeline: phases, then every line by category, as bars over the months.

Drawn straight onto the canvas, one page of rows at a time, with the month scale
repeated at the top of each page: a plan of ten thousand lines stays a few seconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable, Spacer

from app.domain.taxonomy import CATEGORY_KEYS
from app.engine.calendar import days_in_month, month_index
from app.io.pdf.flow import heading, text
from app.io.pdf.fonts import SANS, SANS_BOLD, ellipsize, width
from app.io.pdf.numbers import MONTHS
from app.io.pdf.pack import Pack
from app.io.pdf.page import TextRuns
from app.io.pdf.styles import ACCENT, CATEGORY_COLOURS, HEADER_FILL, INK, MUTED, RULE, make_styles

ROW = 11.0
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

    def __init__(self, bars: Sequence[Bar], scale: Scale) -> None:
        super().__init__()
        self.bars = list(bars)
        self.scale = scale
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
        return [Timeline(self.bars[:count], self.scale), Timeline(self.bars[count:], self.scale)]

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
        canv.setStrokeColor(MUTED)
        canv.setLineWidth(0.5)
        canv.line(0, body, self.width, body)
        canv.restoreState()

    def _draw_bar(self, bar: Bar, y: float, words: TextRuns) -> None:
        canv, scale = self.canv, self.scale
        font = SANS_BOLD if bar.group else SANS
        indent = 2 if bar.group else 8
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
        canv.rect(x0, y + 2.5, x1 - x0, ROW - 5, stroke=0, fill=1)
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


def flowables(pack: Pack) -> list[Flowable]:
    styles = make_styles()
    plan = pack.snapshot.plan
    first, last = pack.budget.month_range()
    for line in pack.snapshot.lines:
        first = min(first, month_index(line.start))
        last = max(last, month_index(line.end))
    scale = Scale(
        first,
        last,
        LABEL_ROOM,
        pack.page.frame_width - LABEL_ROOM,
        (month_index(plan.start), month_index(plan.end)),
    )
    bars: list[Bar] = [Bar("Phases", group=True)]
    for phase in pack.snapshot.phases:
        bars.append(Bar(phase.name, phase.start, phase.end, ACCENT, milestone=phase.milestone))
    for category in CATEGORY_KEYS:
        lines = pack.lines_by_category[category]
        if not lines:
            continue
        colour = CATEGORY_COLOURS[category]
        bars.append(Bar(pack.label(category), group=True))
        bars += [Bar(line.name, line.start, line.end, colour) for line in lines]
    note = (
        "Each bar runs from a line's start date to its end date; shaded months lie outside "
        "the plan's horizon. A diamond marks a milestone phase."
    )
    return [
        *heading("Timeline", styles.h1),
        text(note, styles.note),
        Spacer(1, 6),
        Timeline(bars, scale),
    ]
