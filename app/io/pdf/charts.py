"""The pack's charts as vector drawings: monthly cost stacked by category, cumulative
spend, and each category's share.

Drawn from reportlab.graphics shapes rather than its chart classes, so every string
is set in the shipped font (the chart classes default to Helvetica in many places,
and Helvetica is never embedded). Values stay in integer minor units; only the
positions on the page are fractional.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from reportlab.graphics.shapes import Drawing, Group, Line, PolyLine, Rect, String, Wedge
from reportlab.lib.colors import Color, white

from app.domain.money import from_minor
from app.domain.taxonomy import CATEGORY_KEYS
from app.io.pdf.fonts import SANS, SANS_BOLD, width
from app.io.pdf.numbers import month_short
from app.io.pdf.pack import PEOPLE_CATEGORY, Pack
from app.io.pdf.redaction import PEOPLE
from app.io.pdf.styles import ACCENT, CATEGORY_COLOURS, INK, MUTED, RULE

TICK_SIZE = 7.0
LABEL_SIZE = 7.5


def label(
    x: float,
    y: float,
    value: str,
    size: float = TICK_SIZE,
    anchor: str = "start",
    colour: Color = INK,
    bold: bool = False,
) -> String:
    return String(
        x,
        y,
        value,
        fontName=SANS_BOLD if bold else SANS,
        fontSize=size,
        fillColor=colour,
        textAnchor=anchor,
    )


def _drawing(total_width: float, height: float) -> Drawing:
    """A drawing whose initial font is the shipped one (reportlab's default is Helvetica)."""
    return Drawing(total_width, height, initialFontName=SANS, initialFontSize=TICK_SIZE)


def nice_step(extent: int, target: int = 5) -> int:
    """A round tick step (1, 2 or 5 × 10^k minor units) giving about ``target`` ticks."""
    raw = max(1, -(-extent // target))
    power = int(10 ** (len(str(raw)) - 1))
    for multiple in (1, 2, 5, 10):
        if multiple * power >= raw:
            return multiple * power
    return 10 * power


def compact(amount: int, digits: int) -> str:
    """An axis tick for people: ``250k``, ``1.5M``, ``400``."""
    value = from_minor(amount, digits)
    for limit, suffix in ((Decimal(10**9), "bn"), (Decimal(10**6), "M"), (Decimal(10**3), "k")):
        if abs(value) >= limit:
            scaled = (value / limit).normalize()
            return f"{scaled:f}{suffix}"
    return f"{value.normalize():f}"


@dataclass(frozen=True)
class Axis:
    """A value axis from ``low`` to ``high`` (minor units) in round steps."""

    low: int
    high: int
    step: int

    @classmethod
    def spanning(cls, low: int, high: int) -> Axis:
        low, high = min(low, 0), max(high, 0)
        if low == high:
            high = low + 100
        step = nice_step(high - low)
        return cls(low // step * step, -(-high // step) * step, step)

    def ticks(self) -> range:
        return range(self.low, self.high + 1, self.step)

    def at(self, value: int, bottom: float, height: float) -> float:
        return bottom + height * (value - self.low) / (self.high - self.low)


@dataclass(frozen=True)
class Plot:
    """Where the plotting area sits inside a drawing."""

    left: float
    bottom: float
    width: float
    height: float


def _value_axis(group: Group, axis: Axis, plot: Plot, digits: int, title: str) -> None:
    for tick in axis.ticks():
        y = axis.at(tick, plot.bottom, plot.height)
        colour = MUTED if tick == 0 else RULE
        group.add(
            Line(plot.left, y, plot.left + plot.width, y, strokeColor=colour, strokeWidth=0.4)
        )
        group.add(label(plot.left - 4, y - 2.5, compact(tick, digits), anchor="end", colour=MUTED))
    title_label = label(0, 0, title, LABEL_SIZE, anchor="middle", colour=MUTED)
    rotated = Group(title_label)
    rotated.translate(8, plot.bottom + plot.height / 2)
    rotated.rotate(90)
    group.add(rotated)


def _month_axis(group: Group, months: Sequence[int], plot: Plot) -> None:
    slot = plot.width / len(months)
    every = next((k for k in (1, 2, 3, 6, 12, 24, 60, 120) if slot * k >= 30), 240)
    for i, month in enumerate(months):
        if (month % 12) % every == 0 if every <= 12 else (month // 12) % (every // 12) == 0:
            x = plot.left + slot * (i + 0.5)
            group.add(Line(x, plot.bottom, x, plot.bottom - 3, strokeColor=MUTED, strokeWidth=0.4))
            group.add(label(x, plot.bottom - 11, month_short(month), anchor="middle", colour=MUTED))
    group.add(
        label(plot.left + plot.width / 2, plot.bottom - 24, "Month", LABEL_SIZE, "middle", MUTED)
    )


def _legend(
    group: Group, entries: Sequence[tuple[Color, str]], left: float, top: float, room: float
) -> None:
    """Swatches and names in as many columns as fit in ``room`` points."""
    widest = max(width(name, LABEL_SIZE) for _, name in entries) + 16
    columns = max(1, min(len(entries), int(room // widest)))
    for i, (colour, name) in enumerate(entries):
        x = left + (i % columns) * widest
        y = top - (i // columns) * 11
        group.add(Rect(x, y, 7, 7, fillColor=colour, strokeColor=None))
        group.add(label(x + 10, y, name, LABEL_SIZE))


def monthly_by_category(pack: Pack, total_width: float, height: float) -> Drawing:
    """Each month's cost as a bar stacked by category."""
    first, last = pack.budget.month_range()
    months = list(range(first, last + 1))
    cells = _monthly_cells(pack)
    ups = [sum(max(cells.get((c, m), 0), 0) for c in CATEGORY_KEYS) for m in months]
    downs = [sum(min(cells.get((c, m), 0), 0) for c in CATEGORY_KEYS) for m in months]
    axis = Axis.spanning(min(downs), max(ups))
    drawing = _drawing(total_width, height)
    entries = [(CATEGORY_COLOURS[c], _name(pack, c)) for c in CATEGORY_KEYS]
    legend_rows = 2 if total_width < 700 else 1
    plot = Plot(52, 34, total_width - 60, height - 34 - 14 * legend_rows - 6)
    group = Group()
    _value_axis(group, axis, plot, pack.budget.digits, f"{pack.currency} per month")
    slot = plot.width / len(months)
    bar = slot * 0.72
    for i, month in enumerate(months):
        x = plot.left + slot * i + (slot - bar) / 2
        up, down = 0, 0
        for category in CATEGORY_KEYS:
            amount = cells.get((category, month), 0)
            if not amount:
                continue
            base = up if amount > 0 else down
            y0 = axis.at(base, plot.bottom, plot.height)
            y1 = axis.at(base + amount, plot.bottom, plot.height)
            colour = CATEGORY_COLOURS[category]
            group.add(Rect(x, min(y0, y1), bar, abs(y1 - y0), fillColor=colour, strokeColor=None))
            if amount > 0:
                up += amount
            else:
                down += amount
    _month_axis(group, months, plot)
    _legend(group, entries, plot.left, height - 10, plot.width)
    drawing.add(group)
    return drawing


def _monthly_cells(pack: Pack) -> Mapping[tuple[str, int], int]:
    """Each category's cost by month; with pay withheld, the lines shown whole, and all
    people costs pooled in the people category's place when every month has two paid
    lines or more (otherwise they are not shown by month at all)."""
    if not pack.redact:
        return pack.totals.by_category_month
    cells = dict(pack.shown.by_category_month)
    if pack.redaction.months_safe:
        shown = pack.shown.by_month
        for month, amount in pack.totals.by_month.items():
            if amount != shown.get(month, 0):
                cells[PEOPLE_CATEGORY, month] = amount - shown.get(month, 0)
    return cells


def _name(pack: Pack, category: str) -> str:
    if not pack.redact or category != PEOPLE_CATEGORY:
        return pack.label(category)
    return PEOPLE if pack.redaction.months_safe else "People costs (not shown by month)"


def _by_month(pack: Pack) -> Mapping[int, int]:
    if not pack.redact or pack.redaction.months_safe:
        return pack.totals.by_month
    return pack.shown.by_month


def cumulative(pack: Pack, total_width: float, height: float) -> Drawing:
    """Spend to date, month by month, against the total with contingency."""
    first, last = pack.budget.month_range()
    months = list(range(first, last + 1))
    running, points = 0, []
    by_month = _by_month(pack)
    for month in months:
        running += by_month.get(month, 0)
        points.append(running)
    total = pack.totals.total
    # the dashed total only means something over the curve of every cost
    with_total = by_month is pack.totals.by_month
    ends = (*points, total) if with_total else (*points, points[0])
    axis = Axis.spanning(min(ends), max(ends))
    drawing = _drawing(total_width, height)
    plot = Plot(52, 34, total_width - 60, height - 34 - 20)
    group = Group()
    _value_axis(group, axis, plot, pack.budget.digits, f"{pack.currency}, cumulative")
    slot = plot.width / len(months)
    y_total = axis.at(total, plot.bottom, plot.height) if with_total else -100.0
    if with_total:
        group.add(
            Line(
                plot.left,
                y_total,
                plot.left + plot.width,
                y_total,
                strokeColor=MUTED,
                strokeWidth=0.8,
                strokeDashArray=[3, 2],
            )
        )
    coords: list[float] = []
    for i, value in enumerate(points):
        coords += [plot.left + slot * (i + 0.5), axis.at(value, plot.bottom, plot.height)]
    group.add(PolyLine(coords, strokeColor=ACCENT, strokeWidth=1.6))
    for x, y in zip(coords[::2], coords[1::2], strict=True):
        group.add(Rect(x - 1.5, y - 1.5, 3, 3, fillColor=ACCENT, strokeColor=None))
    end_label = f"{pack.money(points[-1])} by {month_short(months[-1])}"
    # Above the last point, or above the dashed total when the two are too close.
    y_end = coords[-1] + 5
    if y_total - 11 < y_end < y_total + 4:
        y_end = y_total + 4
    group.add(label(coords[-2] - 4, y_end, end_label, anchor="end", colour=ACCENT))
    _month_axis(group, months, plot)
    entries = [(ACCENT, "Cumulative cost (without people costs)")]
    if with_total:
        entries = [
            (ACCENT, "Cumulative cost (before contingency)"),
            (MUTED, f"Total with contingency: {pack.with_code(total)}"),
        ]
    _legend(group, entries, plot.left, height - 10, plot.width)
    drawing.add(group)
    return drawing


def _category_parts(pack: Pack) -> Mapping[str, int]:
    """The subtotal by category; with pay withheld, people costs pooled in the people
    category's place (left out when the pool is one person's pay)."""
    if not pack.redact:
        return pack.totals.by_category
    parts = dict(pack.shown.by_category)
    parts[PEOPLE_CATEGORY] = pack.redaction.people if pack.redaction.pool_safe else 0
    return parts


def category_shares(pack: Pack, total_width: float, height: float) -> Drawing:
    """A pie of the subtotal by category, its legend giving each amount and share."""
    totals = pack.totals
    parts = _category_parts(pack)
    drawing = _drawing(total_width, height)
    group = Group()
    radius = min(height / 2 - 8, 85)
    cx, cy = radius + 10, height / 2
    positive = sum(max(a, 0) for a in parts.values())
    angle = 90.0
    for category in CATEGORY_KEYS:
        amount = parts[category]
        if amount <= 0 or positive == 0:
            continue
        sweep = 360.0 * amount / positive
        colour = CATEGORY_COLOURS[category]
        if sweep >= 359.999:
            group.add(Wedge(cx, cy, radius, 0, 360, fillColor=colour, strokeColor=white))
        else:
            group.add(
                Wedge(
                    cx,
                    cy,
                    radius,
                    angle - sweep,
                    angle,
                    fillColor=colour,
                    strokeColor=white,
                    strokeWidth=0.8,
                )
            )
        angle -= sweep
    if positive == 0:
        group.add(Wedge(cx, cy, radius, 0, 360, fillColor=None, strokeColor=RULE))
    left = cx + radius + 30
    right = total_width - 4
    row = 13.0
    top = cy + row * len(CATEGORY_KEYS) / 2
    group.add(label(left + 12, top + 4, "Category", LABEL_SIZE, colour=MUTED, bold=True))
    group.add(label(right - 52, top + 4, pack.currency, LABEL_SIZE, "end", MUTED, True))
    group.add(label(right, top + 4, "Share", LABEL_SIZE, "end", MUTED, True))
    for i, category in enumerate(CATEGORY_KEYS):
        y = top - row * (i + 1)
        amount = parts[category]
        pool = pack.redact and category == PEOPLE_CATEGORY
        group.add(Rect(left, y, 8, 8, fillColor=CATEGORY_COLOURS[category], strokeColor=None))
        group.add(label(left + 12, y, PEOPLE if pool else pack.label(category), LABEL_SIZE))
        figure = pack.headline(pack.redaction.people) if pool else pack.money(amount)
        group.add(label(right - 52, y, figure, LABEL_SIZE, "end"))
        group.add(label(right, y, pack.share(amount), LABEL_SIZE, "end"))
    y = top - row * (len(CATEGORY_KEYS) + 1) - 2
    group.add(Line(left, y + row - 3, right, y + row - 3, strokeColor=MUTED, strokeWidth=0.5))
    group.add(label(left + 12, y, "Subtotal", LABEL_SIZE, bold=True))
    subtotal = pack.headline(totals.subtotal)
    group.add(label(right - 52, y, subtotal, LABEL_SIZE, "end", bold=True))
    drawing.add(group)
    return drawing
