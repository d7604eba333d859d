"""The risk page: the Monte Carlo percentiles of the subtotal, its cumulative curve, the
tornado of the lines that drive the spread, and the method in one paragraph.

The simulation is the ``risk`` command's default (10,000 runs, seed 1, beta-PERT), so
the page and the command agree. Only pooled figures and variance shares are shown: no
line's own amounts, so a pack with salaries redacted stays redacted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.graphics.shapes import Drawing, Group, Line, PolyLine, Rect
from reportlab.platypus import Flowable, Spacer

from app.domain.errors import BadInput, InvalidValue
from app.io.pdf.charts import Axis, Plot, _drawing, label
from app.io.pdf.flow import heading, text
from app.io.pdf.pack import Pack
from app.io.pdf.styles import ACCENT, MUTED, RULE, make_styles
from app.io.pdf.tables import Column, simple_table

if TYPE_CHECKING:
    from app.engine.risk import RiskResult

RUNS, SEED = 10_000, 1
MARKED = (50, 80, 90)


def flowables(pack: Pack) -> list[Flowable]:
    from app.engine.risk import PERCENTILES, simulate

    styles = make_styles()
    story: list[Flowable] = [*heading("Risk", styles.h1)]
    try:
        result = simulate(pack.snapshot, pack.budget, runs=RUNS, seed=SEED)
    except (InvalidValue, BadInput) as exc:
        story.append(
            text(
                f"No simulation: {exc}. Give lines a low and a high estimate (their total "
                "cost, optimistic and pessimistic) to see the percentiles of the budget.",
                styles.note,
            )
        )
        return story
    story.append(
        text(
            f"Method: each of the {len(result.ranged)} lines with a range is drawn "
            f"{RUNS:,} times, independently, from a beta-PERT distribution (λ = 4) between its "
            "low and high estimates with its computed total as the most likely value; the "
            "other lines are fixed. Each draw scales the line's months in proportion, and "
            "the percentiles below are those of the resulting subtotal (before contingency), "
            f"rounded to the minor unit. Seed {SEED}: the figures are repeatable.",
            styles.body,
        )
    )
    w = pack.page.frame_width
    cols = [Column("", w - 220), Column("Subtotal", 110, True), Column("Over the base", 110, True)]
    rows = [["Base (the plan's subtotal)", pack.money(result.base), ""]]
    rows.append(["Mean", pack.money(result.mean), pack.money(max(0, result.mean - result.base))])
    for p in PERCENTILES:
        amount = result.percentiles[p]
        rows.append([f"P{p}", pack.money(amount), pack.money(max(0, amount - result.base))])
    story += [
        simple_table(cols, rows),
        Spacer(1, 6),
        text(
            f"Contingency for 80 % confidence: {pack.with_code(result.contingency_p80)}"
            f" ({result.contingency_pct(80):f} % of the subtotal; the plan sets {pack.snapshot.plan.contingency_pct} %).",
            styles.body,
        ),
        *heading("Cumulative probability of the subtotal", styles.h2, 1),
        _curve(pack, result, w, 170),
        Spacer(1, 4),
        *heading("Lines that drive the spread (share of the variance)", styles.h2, 1),
        _tornado(pack, result, w),
    ]
    return story


def _curve(pack: Pack, result: RiskResult, total_width: float, height: float) -> Drawing:
    values = result.subtotals
    low, high = int(values[0]), int(values[-1]) + 1
    step = max(1, (high - low) // 4)
    axis = Axis(low - step // 4, high + step // 4, step)
    drawing = _drawing(total_width, height)
    plot = Plot(52, 24, total_width - 70, height - 34)
    group = Group()
    for share in (0, 25, 50, 75, 100):
        y = plot.bottom + plot.height * share / 100
        group.add(Line(plot.left, y, plot.left + plot.width, y, strokeColor=RULE, strokeWidth=0.4))
        group.add(label(plot.left - 4, y - 2.5, f"{share} %", anchor="end", colour=MUTED))
    count = len(values)
    points = 200
    coords: list[float] = []
    for i in range(points + 1):
        value = float(values[min(count - 1, i * (count - 1) // points)])
        x = plot.left + plot.width * (value - axis.low) / (axis.high - axis.low)
        coords += [x, plot.bottom + plot.height * i / points]
    group.add(PolyLine(coords, strokeColor=ACCENT, strokeWidth=1.6))
    for p in MARKED:
        amount = result.percentiles[p]
        x = plot.left + plot.width * (amount - axis.low) / (axis.high - axis.low)
        y = plot.bottom + plot.height * p / 100
        group.add(
            Line(x, plot.bottom, x, y, strokeColor=MUTED, strokeWidth=0.6, strokeDashArray=[2, 2])
        )
        group.add(Rect(x - 2, y - 2, 4, 4, fillColor=ACCENT, strokeColor=None))
        group.add(label(x - 4, y + 3, f"P{p} {pack.money(amount)}", anchor="end", colour=ACCENT))
    group.add(label(plot.left, 6, pack.money(int(values[0])), colour=MUTED))
    group.add(
        label(plot.left + plot.width, 6, pack.money(int(values[-1])), anchor="end", colour=MUTED)
    )
    group.add(
        label(
            plot.left + plot.width / 2,
            6,
            f"subtotal, {pack.currency}",
            anchor="middle",
            colour=MUTED,
        )
    )
    drawing.add(group)
    return drawing


def _tornado(pack: Pack, result: RiskResult, total_width: float) -> Drawing:
    drivers = result.drivers
    row = 15.0
    height = row * len(drivers) + 6
    drawing = _drawing(total_width, height)
    group = Group()
    names = total_width * 0.45
    room = total_width - names - 50
    top = max((float(d.share) for d in drivers), default=1.0) or 1.0
    for i, driver in enumerate(drivers):
        y = height - row * (i + 1)
        name = driver.line.name
        if len(name) > 60:
            name = name[:59] + "…"
        group.add(label(names - 6, y + 3, name, anchor="end"))
        bar = room * float(driver.share) / top
        group.add(Rect(names, y + 1, bar, row - 4, fillColor=ACCENT, strokeColor=None))
        group.add(label(names + bar + 4, y + 3, f"{float(driver.share) * 100:.1f} %", colour=MUTED))
    drawing.add(group)
    return drawing
