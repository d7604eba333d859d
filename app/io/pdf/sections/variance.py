"""The budget-vs-actual page (``pdf PLAN --variance``): the ``variance`` command's
figures by category and by month, and the cumulative actual against the budget.

Variance is actual − budget: a positive figure (shown with its +) is an overspend.
Only category and month sums appear, so a pack with salaries redacted stays redacted.
"""

from __future__ import annotations

from itertools import accumulate

from reportlab.graphics.shapes import Drawing, Group, Line, PolyLine, Rect
from reportlab.platypus import Flowable, Spacer

from app.engine.calendar import month_label
from app.engine.variance import Variance
from app.io.pdf.charts import Axis, Plot, _drawing, _legend, _month_axis, _value_axis, label
from app.io.pdf.flow import heading, text
from app.io.pdf.pack import Pack
from app.io.pdf.styles import ACCENT, MUTED, WARNING, make_styles
from app.io.pdf.tables import Column, simple_table


def flowables(pack: Pack, result: Variance) -> list[Flowable]:
    styles = make_styles()
    story: list[Flowable] = [*heading("Budget vs actual", styles.h1)]
    if result.as_of is None:
        story.append(text("No actuals are booked on this plan yet.", styles.note))
        return story
    over = result.actual_to_date - result.budget_to_date
    story.append(
        text(
            f"To the end of {month_label(result.as_of)}, {pack.with_code(result.actual_to_date)} "
            f"was spent against {pack.with_code(result.budget_to_date)} budgeted: "
            f"{pack.money(abs(over))} {'over' if over > 0 else 'under'} budget. The forecast at "
            f"completion (spent to date plus the budget of the months after) is "
            f"{pack.with_code(result.forecast_at_completion)}, against a budget of "
            f"{pack.with_code(result.budget_at_completion)}; the contingency of "
            f"{pack.with_code(result.contingency)} is kept apart. Variance is actual − budget: "
            "a figure with a + is an overspend.",
            styles.body,
        )
    )
    w = pack.page.frame_width
    amount = (w - 130) / 5
    cols = [
        Column("Category", 130),
        *(
            Column(title, amount, True)
            for title in ("Budget to date", "Actual to date", "Variance", "Budget", "Forecast")
        ),
    ]
    rows = []
    for key, c in result.categories.items():
        figures = (c.budget_to_date, c.actual_to_date, c.variance_to_date,
                   c.budget_at_completion, c.forecast_at_completion)  # fmt: skip
        rows.append([pack.label(key), *(_shown(pack, f, i == 2) for i, f in enumerate(figures))])
    totals = (result.budget_to_date, result.actual_to_date, over,
              result.budget_at_completion, result.forecast_at_completion)  # fmt: skip
    rows.append(["Total", *(_shown(pack, f, i == 2) for i, f in enumerate(totals))])
    story += [
        simple_table(cols, rows, total_rows=1),
        Spacer(1, 6),
        *heading("Cumulative actual against the budget", styles.h2, 1),
        cumulative(pack, result, w, 170),
        Spacer(1, 6),
        *heading("By month", styles.h2, 1),
    ]
    month_cols = [
        Column("Month", 80),
        *(Column(t, 110, True) for t in ("Budget", "Actual", "Variance")),
    ]
    month_rows = [
        [month_label(m), pack.money(b), pack.money(a), _shown(pack, a - b, True)]
        for m, (b, a) in result.months.items()
    ]
    story.append(simple_table(month_cols, month_rows))
    return story


def _shown(pack: Pack, amount: int, signed: bool) -> str:
    return f"+{pack.money(amount)}" if signed and amount > 0 else pack.money(amount)


def cumulative(pack: Pack, result: Variance, total_width: float, height: float) -> Drawing:
    """The budget's cumulative curve over every month, the actual's up to as-of."""
    months = list(result.months)
    budget = list(accumulate(b for b, _ in result.months.values()))
    assert result.as_of is not None
    spent = list(accumulate(a for m, (_, a) in result.months.items() if m <= result.as_of))
    axis = Axis.spanning(min(*budget, *spent, 0), max(*budget, *spent, 0))
    drawing = _drawing(total_width, height)
    plot = Plot(52, 34, total_width - 60, height - 34 - 20)
    group = Group()
    _value_axis(group, axis, plot, pack.budget.digits, f"{pack.currency}, cumulative")
    slot = plot.width / len(months)
    for values, colour, dash in ((budget, ACCENT, None), (spent, WARNING, [3, 2])):
        coords: list[float] = []
        for i, value in enumerate(values):
            coords += [plot.left + slot * (i + 0.5), axis.at(value, plot.bottom, plot.height)]
        if len(coords) >= 4:
            group.add(PolyLine(coords, strokeColor=colour, strokeWidth=1.6, strokeDashArray=dash))
        for x, y in zip(coords[::2], coords[1::2], strict=True):
            group.add(Rect(x - 1.5, y - 1.5, 3, 3, fillColor=colour, strokeColor=None))
    cut = months.index(result.as_of) if result.as_of in months else len(months) - 1
    x = plot.left + slot * (cut + 0.5)
    group.add(Line(x, plot.bottom, x, plot.bottom + plot.height, strokeColor=MUTED,
                   strokeWidth=0.5, strokeDashArray=[1, 2]))  # fmt: skip
    group.add(label(x + 3, plot.bottom + plot.height - 8, f"as of {month_label(result.as_of)}",
                    colour=MUTED))  # fmt: skip
    _month_axis(group, months, plot)
    _legend(
        group,
        [(ACCENT, "Budget (before contingency)"), (WARNING, "Actual to date")],
        plot.left,
        height - 10,
        plot.width,
    )
    drawing.add(group)
    return drawing
