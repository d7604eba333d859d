"""Drawing one frame of the timeline: only the rows and periods in view are touched.

The view works out where things are (:class:`Frame`); these functions paint the
date grid, the bars, the dependency arrows, the today line, the labels and the
cost strip from it. Each frame costs the same whether the plan has a hundred lines
or ten thousand.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette, QPen, QPolygonF

from app.services.timeline_layout import Row, RowKind, TimelineLayout
from ui.theme import CATEGORY_COLOURS, error_colour, is_dark
from ui.timeline.scale import DateScale, coarse_label, ticks

ROW = 22
HEADER = 38
STRIP = 46
LABEL = 230
INDENT = 14
TOGGLE = 18
"""Room left of a row's label for a group's ▸/▾ (a click there collapses it)."""
HANDLE = 5
"""Pixels at each end of a bar that stretch it instead of moving it."""


@dataclass
class Colours:
    base: QColor
    text: QColor
    muted: QColor
    grid: QColor
    header: QColor
    outside: QColor
    selected: QColor
    phase: QColor
    error: QColor
    today: QColor
    categories: dict[str, QColor] = field(default_factory=dict)

    @classmethod
    def from_palette(cls, pal: QPalette) -> Colours:
        dark = is_dark()
        text = pal.color(QPalette.ColorRole.Text)
        grid = QColor(text)
        grid.setAlpha(28)
        outside = QColor(text)
        outside.setAlpha(14)
        selected = QColor(pal.color(QPalette.ColorRole.Highlight))
        selected.setAlpha(70)
        muted = QColor(text)
        muted.setAlpha(150)
        return cls(
            base=pal.color(QPalette.ColorRole.Base),
            text=text,
            muted=muted,
            grid=grid,
            header=pal.color(QPalette.ColorRole.Window),
            outside=outside,
            selected=selected,
            phase=QColor("#9AA8BD" if dark else "#4A5568"),
            error=error_colour(),
            today=QColor("#FF6B6B" if dark else "#D32F2F"),
            categories={k: QColor(v) for k, v in CATEGORY_COLOURS.items()},
        )

    def of(self, row: Row) -> QColor:
        return self.categories.get(row.colour, self.phase)


@dataclass
class Frame:
    """Where everything is in this frame."""

    width: int
    height: int
    scale: DateScale
    left: float
    """Content x at the left edge of the bar area (the horizontal scroll)."""
    top: int
    """Content y at the top of the body (the vertical scroll)."""
    layout: TimelineLayout
    today: date
    preview: dict[int, tuple[date, date]] = field(default_factory=dict)
    """Rows being dragged, drawn at their new dates."""
    selected: int | None = None
    ghosts: Mapping[str, tuple[date, date]] = field(default_factory=dict)
    """A baseline's dates by row key, drawn as ghost bars under today's bars."""

    @property
    def body_bottom(self) -> int:
        return self.height - STRIP

    def sx(self, day: date | int) -> float:
        """Screen x of the start of a day."""
        return LABEL + self.scale.x(day) - self.left

    def sy(self, row: int) -> float:
        """Screen y of the top of a row."""
        return HEADER + row * ROW - self.top

    def visible_rows(self) -> range:
        first = max(0, self.top // ROW)
        last = min(len(self.layout.rows), (self.top + self.body_bottom - HEADER) // ROW + 1)
        return range(first, last)

    def span(self, index: int) -> tuple[date | None, date | None]:
        if index in self.preview:
            return self.preview[index]
        row = self.layout.rows[index]
        return row.start, row.end

    def bar(self, index: int) -> tuple[float, float] | None:
        start, end = self.span(index)
        if start is None or end is None:
            return None
        x0 = self.sx(start)
        return x0, max(self.sx(end.toordinal() + 1), x0 + 2)

    def day_range(self) -> tuple[int, int]:
        first = int(self.scale.day_at(self.left)) - 1
        last = int(self.scale.day_at(self.left + self.width - LABEL)) + 1
        return first, last


def label_x(depth: int) -> int:
    """Where a row's label starts (after the room for a group's ▸/▾)."""
    return TOGGLE + depth * INDENT


def paint(p: QPainter, f: Frame, c: Colours, month_totals: Mapping[int, int], digits: int) -> None:
    p.fillRect(0, 0, f.width, f.height, c.base)
    p.setClipRect(LABEL, HEADER, f.width - LABEL, f.body_bottom - HEADER)
    _horizon(p, f, c)
    _grid(p, f, c)
    _selection(p, f, c)
    if f.ghosts:
        _ghosts(p, f, c)
    _bars(p, f, c)
    _arrows(p, f, c)
    _today(p, f, c)
    p.setClipping(False)
    _header(p, f, c)
    _labels(p, f, c)
    _strip(p, f, c, month_totals, digits)


def _horizon(p: QPainter, f: Frame, c: Colours) -> None:
    start, end = f.layout.horizon
    left, right = f.sx(start), f.sx(end.toordinal() + 1)
    if left > LABEL:
        p.fillRect(QRectF(LABEL, HEADER, left - LABEL, f.body_bottom - HEADER), c.outside)
    if right < f.width:
        p.fillRect(QRectF(right, HEADER, f.width - right, f.body_bottom - HEADER), c.outside)


def _grid(p: QPainter, f: Frame, c: Colours) -> None:
    fine, _coarse = f.scale.unit()
    first, last = f.day_range()
    p.setPen(QPen(c.grid, 1))
    for tick in ticks(fine, first, last):
        x = round(f.sx(tick.day)) + 0.5
        p.drawLine(QPointF(x, HEADER), QPointF(x, f.body_bottom))


def _selection(p: QPainter, f: Frame, c: Colours) -> None:
    if f.selected is not None and f.selected in f.visible_rows():
        p.fillRect(QRectF(LABEL, f.sy(f.selected), f.width - LABEL, ROW), c.selected)


def _bars(p: QPainter, f: Frame, c: Colours) -> None:
    p.setPen(Qt.PenStyle.NoPen)
    rows = f.layout.rows
    for index in f.visible_rows():
        bounds = f.bar(index)
        if bounds is None:
            continue
        x0, x1 = bounds
        if x1 < LABEL or x0 > f.width:
            continue
        row, y = rows[index], f.sy(index)
        colour = c.of(row)
        if row.kind is RowKind.GROUP:
            _summary(p, x0, x1, y, colour)
        elif row.kind is RowKind.PHASE:
            p.setBrush(colour)
            p.drawRoundedRect(QRectF(x0, y + 5, x1 - x0, ROW - 10), 2, 2)
            if row.milestone:
                _diamond(p, x1, y + ROW / 2, 6, c.text)
                p.setPen(Qt.PenStyle.NoPen)
        else:
            fill = QColor(colour)
            if row.follows_phase:
                fill.setAlpha(150)
            p.setBrush(fill)
            p.drawRect(QRectF(x0, y + 5, x1 - x0, ROW - 10))
            if row.follows_phase:  # dates follow the phase: shown with a link stripe
                p.setBrush(QBrush(c.base, Qt.BrushStyle.BDiagPattern))
                p.drawRect(QRectF(x0, y + 5, x1 - x0, ROW - 10))
            elif row.end_follows_compute:
                _derived_end(p, x0, x1, y, c)
        if row.flag:
            p.setPen(QPen(c.error, 1.5, Qt.PenStyle.DashLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(QRectF(x0 - 1, y + 3.5, x1 - x0 + 2, ROW - 7))
            p.setPen(Qt.PenStyle.NoPen)


def _ghosts(p: QPainter, f: Frame, c: Colours) -> None:
    """Each line's baseline dates: a pale outlined bar a little taller than today's, so
    a line that moved shows where it was."""
    fill = QColor(c.text)
    fill.setAlpha(40)
    p.setPen(QPen(c.muted, 1, Qt.PenStyle.DashLine))
    p.setBrush(fill)
    rows = f.layout.rows
    for index in f.visible_rows():
        span = f.ghosts.get(rows[index].key)
        if span is None:
            continue
        x0 = f.sx(span[0])
        x1 = max(f.sx(span[1].toordinal() + 1), x0 + 2)
        if x1 < LABEL or x0 > f.width:
            continue
        y = f.sy(index)
        p.drawRect(QRectF(x0, y + 2.5, x1 - x0, ROW - 5))
    p.setPen(Qt.PenStyle.NoPen)


def _derived_end(p: QPainter, x0: float, x1: float, y: float, c: Colours) -> None:
    """A run whose end its compute sets: the end cross-hatched and open (an arrow head)."""
    cap = min(12.0, (x1 - x0) / 2)
    p.setBrush(QBrush(c.base, Qt.BrushStyle.DiagCrossPattern))
    p.drawRect(QRectF(x1 - cap, y + 5, cap, ROW - 10))
    p.setBrush(c.text)
    mid = y + ROW / 2
    p.drawPolygon(QPolygonF([QPointF(x1, mid - 4), QPointF(x1 + 5, mid), QPointF(x1, mid + 4)]))


def _summary(p: QPainter, x0: float, x1: float, y: float, colour: QColor) -> None:
    """A group's span: a thin bar with a notch hanging at each end."""
    p.setBrush(colour.darker(115))
    top, low = y + 7, y + 12
    p.drawRect(QRectF(x0, top, x1 - x0, low - top))
    for x, d in ((x0, 1), (x1, -1)):
        p.drawPolygon(QPolygonF([QPointF(x, low), QPointF(x + 5 * d, low), QPointF(x, low + 5)]))


def _diamond(p: QPainter, x: float, y: float, r: float, colour: QColor) -> None:
    p.setBrush(colour)
    p.setPen(Qt.PenStyle.NoPen)
    p.drawPolygon(
        QPolygonF([QPointF(x, y - r), QPointF(x + r, y), QPointF(x, y + r), QPointF(x - r, y)])
    )


def _arrows(p: QPainter, f: Frame, c: Colours) -> None:
    shown = f.visible_rows()
    for arrow in f.layout.arrows:
        low, high = sorted((arrow.source, arrow.target))
        if high < shown.start or low >= shown.stop:
            continue
        source, target = f.bar(arrow.source), f.bar(arrow.target)
        if source is None or target is None:
            continue
        colour = c.error if arrow.late else c.muted
        p.setPen(QPen(colour, 1.3))
        p.setBrush(Qt.BrushStyle.NoBrush)
        x0, y0 = source[1], f.sy(arrow.source) + ROW / 2
        x1, y1 = target[0], f.sy(arrow.target) + ROW / 2
        above = y1 - ROW / 2 if y1 > y0 else y1 + ROW / 2
        points = [QPointF(x0, y0), QPointF(x0 + 6, y0), QPointF(x0 + 6, above)]
        points += [QPointF(x1 - 9, above), QPointF(x1 - 9, y1), QPointF(x1, y1)]
        p.drawPolyline(QPolygonF(points))
        p.setBrush(colour)
        p.setPen(Qt.PenStyle.NoPen)
        head = [QPointF(x1, y1), QPointF(x1 - 5, y1 - 3.5), QPointF(x1 - 5, y1 + 3.5)]
        p.drawPolygon(QPolygonF(head))


def _today(p: QPainter, f: Frame, c: Colours) -> None:
    x = f.sx(f.today) + f.scale.px_per_day / 2
    if LABEL <= x <= f.width:
        p.setPen(QPen(c.today, 1.5))
        p.drawLine(QPointF(x, HEADER), QPointF(x, f.body_bottom))


def _header(p: QPainter, f: Frame, c: Colours) -> None:
    p.fillRect(QRectF(0, 0, f.width, HEADER), c.header)
    fine, coarse = f.scale.unit()
    first, last = f.day_range()
    p.setClipRect(LABEL, 0, f.width - LABEL, HEADER)
    half = HEADER / 2
    p.setPen(QPen(c.grid, 1))
    p.drawLine(QPointF(LABEL, half), QPointF(f.width, half))
    fine_ticks = ticks(fine, first, last)
    for a, b in itertools.pairwise(fine_ticks):
        x0, x1 = f.sx(a.day), f.sx(b.day)
        p.setPen(QPen(c.grid, 1))
        p.drawLine(QPointF(round(x0) + 0.5, half), QPointF(round(x0) + 0.5, HEADER))
        if x1 - x0 >= p.fontMetrics().horizontalAdvance(a.label) + 4:
            p.setPen(c.muted)
            p.drawText(QRectF(x0, half, x1 - x0, half), Qt.AlignmentFlag.AlignCenter, a.label)
    coarse_ticks = ticks(coarse, first, last)
    for a, b in itertools.pairwise(coarse_ticks):
        x0, x1 = f.sx(a.day), f.sx(b.day)
        p.setPen(QPen(c.grid, 1))
        p.drawLine(QPointF(round(x0) + 0.5, 0), QPointF(round(x0) + 0.5, half))
        text = coarse_label(coarse, a.day)
        left = max(x0, LABEL)  # the period's name stays in view while it is
        if x1 - left >= p.fontMetrics().horizontalAdvance(text) + 8:
            p.setPen(c.text)
            p.drawText(
                QRectF(left + 4, 0, x1 - left - 4, half), Qt.AlignmentFlag.AlignVCenter, text
            )
    p.setClipping(False)
    p.setPen(QPen(c.muted, 1))
    p.drawLine(QPointF(0, HEADER - 0.5), QPointF(f.width, HEADER - 0.5))


def _labels(p: QPainter, f: Frame, c: Colours) -> None:
    p.fillRect(QRectF(0, HEADER, LABEL, f.body_bottom - HEADER), c.header)
    p.setClipRect(0, HEADER, LABEL, f.body_bottom - HEADER)
    plain, bold = QFont(p.font()), QFont(p.font())
    bold.setBold(True)
    metrics_plain = p.fontMetrics()
    for index in f.visible_rows():
        row, y = f.layout.rows[index], f.sy(index)
        if index == f.selected:
            p.fillRect(QRectF(0, y, LABEL, ROW), c.selected)
        x = label_x(row.depth)
        group = row.kind is not RowKind.LINE
        p.setFont(bold if group else plain)
        if row.kind is RowKind.GROUP:
            p.setPen(c.muted)
            p.drawText(
                QRectF(x - 14, y, 12, ROW),
                Qt.AlignmentFlag.AlignVCenter,
                "▸" if row.collapsed else "▾",
            )
        p.setPen(c.error if row.flag else c.text)
        room = LABEL - x - 6
        text = row.label + (
            f"  ({row.line_count})" if row.kind is RowKind.GROUP and row.line_count else ""
        )
        metrics = p.fontMetrics() if group else metrics_plain
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(room))
        p.drawText(QRectF(x, y, room, ROW), Qt.AlignmentFlag.AlignVCenter, shown)
    p.setFont(plain)
    p.setClipping(False)
    p.setPen(QPen(c.muted, 1))
    p.drawLine(QPointF(LABEL - 0.5, 0), QPointF(LABEL - 0.5, f.height))


def _strip(p: QPainter, f: Frame, c: Colours, month_totals: Mapping[int, int], digits: int) -> None:
    """Each month's total under the bars."""
    top = f.body_bottom
    p.fillRect(QRectF(0, top, f.width, STRIP), c.header)
    p.setPen(QPen(c.muted, 1))
    p.drawLine(QPointF(0, top + 0.5), QPointF(f.width, top + 0.5))
    p.setPen(c.text)
    p.drawText(QRectF(6, top, LABEL - 12, STRIP), Qt.AlignmentFlag.AlignVCenter, "Cost per month")
    if not month_totals:
        return
    peak = max(month_totals.values()) or 1
    first, last = f.day_range()
    p.setClipRect(LABEL, top, f.width - LABEL, STRIP)
    scale = 10**digits
    for tick in ticks("month", first, last):
        day = date.fromordinal(tick.day)
        month = day.year * 12 + day.month - 1
        amount = month_totals.get(month, 0)
        nxt = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
        x0, x1 = f.sx(tick.day), f.sx(nxt)
        if amount:
            height = max(1.0, (STRIP - 18) * amount / peak)
            p.fillRect(QRectF(x0 + 1, top + STRIP - 3 - height, x1 - x0 - 2, height), c.phase)
            text = compact(amount / scale)
            if x1 - x0 >= p.fontMetrics().horizontalAdvance(text) + 4:
                p.setPen(c.text)
                p.drawText(QRectF(x0, top + 1, x1 - x0, 14), Qt.AlignmentFlag.AlignCenter, text)
    p.setClipping(False)


def compact(value: float) -> str:
    """A month's total in a few characters: ``950``, ``12.5k``, ``1.2M``."""
    size = abs(value)
    unit, suffix = (1e6, "M") if size >= 1e6 else (1e3, "k") if size >= 1e3 else (1.0, "")
    text = f"{value / unit:.1f}".removesuffix(".0")
    return text + suffix
