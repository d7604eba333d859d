"""Which figures a pack with people costs withheld may print.

A reader of a redacted pack sees every other line whole (drivers, dates, monthly
rate, total), so they can work out each of those lines' months. Any printed total
that mixes in people costs therefore gives away the people part of it; and the
difference of two totals gives away the people part of what one holds and the other
does not. One person's pay is safe only if every people part a reader can isolate
holds at least two people.

So the pack pools pay: people costs appear in no category, section, phase or line
figure, only in one "People costs" figure (all lines, the whole horizon), in the
plan's subtotal and total, and by year or by month only when no paid line's size
follows from those figures. The timeline shows every line's dates, and a line at a
monthly rate costs each month in proportion to the days it runs, so the months of
a plan where two people work all year and a third joins in July would give the
third one's pay away (July's pool less June's). With a single paid line in the
plan even the pool and the subtotal are that person's pay, and are printed as
"redacted".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from app.domain.plan import CostModel, Line
from app.engine.budget import Budget, Totals
from app.engine.calendar import active_days, days_in_month, month_index, year_of
from app.engine.line_costs import LineCost

REDACTED = "redacted"
WITHHELD = "withheld"
PEOPLE = "People costs (all categories)"
_RATED = (CostModel.RECURRING, CostModel.USAGE, CostModel.STAFF)


@dataclass(frozen=True)
class Redaction:
    """The figures a redacted pack may print, next to the full ones."""

    open: Totals
    """Totals of the lines shown whole (people costs left out)."""
    people: int
    """All people costs together: the pool."""
    pool_safe: bool
    """The pool is not one person's pay: it, the subtotal and the total may be printed."""
    years_safe: bool
    """The pool may be printed year by year (no person's pay follows from the years)."""
    months_safe: bool
    """The pool may be printed month by month."""


def redaction(budget: Budget, lines: Sequence[Line], people: set[int]) -> Redaction:
    """``budget``'s figures split into the open ``lines`` and the pool of ``people`` (ids)."""
    shown = Budget(budget.plan, [ln for ln in lines if ln.id not in people]).totals()
    paid = [(ln, budget.cells[ln.id]) for ln in lines if ln.id in people]
    months = sorted({m for _, cost in paid for m, a in enumerate(cost.amounts, cost.first) if a})
    years = sorted({year_of(m) for m in months})
    return Redaction(
        open=shown,
        people=sum(cost.total for _, cost in paid),
        pool_safe=not revealed(paid, [months]),
        years_safe=not revealed(paid, [[m for m in months if year_of(m) == y] for y in years]),
        months_safe=not revealed(paid, [[m] for m in months]),
    )


def shape(line: Line, cost: LineCost) -> tuple[Fraction, ...]:
    """What a reader knows of a paid line's months without its drivers: a line at a
    monthly rate costs each month in proportion to the days it runs there (the
    timeline shows its dates); any other line is taken as known up to its size."""
    if CostModel(line.cost_model) in _RATED:
        days = active_days(line.start, line.end)
        first = month_index(line.start)
        return tuple(Fraction(d, days_in_month(first + i)) for i, d in enumerate(days))
    return tuple(Fraction(a) for a in cost.amounts)


def revealed(paid: Sequence[tuple[Line, LineCost]], periods: Sequence[Sequence[int]]) -> bool:
    """Whether printing the pool's sum over each of ``periods`` (lists of months) lets
    a reader work out one paid line's size, given every line's shape.

    Each period is an equation in the lines' sizes; a line's size follows from them
    when its unit vector lies in their row space. Lines of the same shape always
    appear together, so they count as one unknown, which gives away no one when
    two or more lines share it.
    """
    groups: dict[tuple[int, tuple[Fraction, ...]], int] = {}
    for line, cost in paid:
        if cost.total:
            key = (month_index(line.start), shape(line, cost))
            groups[key] = groups.get(key, 0) + 1
    keys = list(groups)
    rows = []
    for period in periods:
        row = []
        for first, values in keys:
            row.append(
                sum((values[m - first] for m in period if 0 <= m - first < len(values)), Fraction())
            )
        rows.append(row)
    return any(groups[keys[j]] == 1 for j in _isolated(rows, len(keys)))


def _isolated(rows: list[list[Fraction]], width: int) -> list[int]:
    """Columns whose unit vector lies in the row space: reduced to echelon form, a
    row holding a single non-zero entry."""
    pivot_row = 0
    for col in range(width):
        found = next((r for r in range(pivot_row, len(rows)) if rows[r][col]), None)
        if found is None:
            continue
        rows[pivot_row], rows[found] = rows[found], rows[pivot_row]
        lead = rows[pivot_row][col]
        rows[pivot_row] = [v / lead for v in rows[pivot_row]]
        for r in range(len(rows)):
            if r != pivot_row and rows[r][col]:
                factor = rows[r][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[pivot_row], strict=True)]
        pivot_row += 1
    out = []
    for row in rows[:pivot_row]:
        nonzero = [j for j, v in enumerate(row) if v]
        if len(nonzero) == 1:
            out.append(nonzero[0])
    return out
