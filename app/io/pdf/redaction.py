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
from functools import lru_cache

import numpy as np

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
    sizes = unknowns(paid)
    return Redaction(
        open=shown,
        people=sum(cost.total for _, cost in paid),
        pool_safe=not sizes.revealed([months]),
        years_safe=not sizes.revealed([[m for m in months if year_of(m) == y] for y in years]),
        months_safe=not sizes.revealed([[m] for m in months]),
    )


def revealed(paid: Sequence[tuple[Line, LineCost]], periods: Sequence[Sequence[int]]) -> bool:
    """Whether printing the pool's sum over each of ``periods`` (months, no month in two
    periods) lets a reader work out one paid line's size: see :class:`Unknowns`."""
    return unknowns(paid).revealed(periods)


@dataclass(frozen=True)
class Unknowns:
    """What a reader knows of the paid lines without their drivers: each line's shape
    up to its size. A line at a monthly rate costs each month in proportion to the
    days it runs there (the timeline shows its dates); any other line is taken as
    known up to its size. Lines of the same shape always appear together, so they
    count as one unknown, which gives away no one when two or more lines share it.

    Each printed period is an equation in the unknowns; one follows from them when
    its unit vector lies in their row space.
    """

    columns: list[tuple[int, tuple[int, ...]]]
    """Each unknown's first month and its shape month by month, as residues."""
    lines: list[int]
    """How many lines share each unknown."""

    def revealed(self, periods: Sequence[Sequence[int]]) -> bool:
        row_of = {m: i for i, period in enumerate(periods) for m in period}
        matrix = np.zeros((len(periods), len(self.columns)), dtype=np.int64)
        for j, (first, values) in enumerate(self.columns):
            for k, value in enumerate(values):
                i = row_of.get(first + k)
                if i is not None:
                    matrix[i, j] = (int(matrix[i, j]) + value) % _P
        return any(self.lines[j] == 1 for j in _isolated(matrix))


def unknowns(paid: Sequence[tuple[Line, LineCost]]) -> Unknowns:
    """The paid lines' unknowns (see :class:`Unknowns`); lines costing nothing give
    nothing away and are left out."""
    groups: dict[tuple[object, ...], int] = {}
    columns: dict[tuple[object, ...], tuple[int, tuple[int, ...]]] = {}
    for line, cost in paid:
        if not cost.total:
            continue
        if CostModel(line.cost_model) in _RATED:
            key: tuple[object, ...] = (line.start, line.end)
            if key not in columns:
                first = month_index(line.start)
                days = active_days(line.start, line.end)
                shares = (d * _inverse(days_in_month(first + i)) % _P for i, d in enumerate(days))
                columns[key] = (first, tuple(shares))
        else:
            key = (cost.first, cost.amounts)
            columns.setdefault(key, (cost.first, tuple(a % _P for a in cost.amounts)))
        groups[key] = groups.get(key, 0) + 1
    return Unknowns([columns[k] for k in groups], list(groups.values()))


_P = 2_147_483_647
"""A prime: the row reduction runs in the integers modulo it, exact and fast (the
products of two residues fit in 64 bits). It agrees with the reduction over the
rationals unless the prime divides one of the determinants involved: about one
chance in two thousand million."""


@lru_cache(maxsize=64)
def _inverse(value: int) -> int:
    return pow(value, -1, _P)


def _isolated(rows: np.ndarray) -> list[int]:
    """Columns whose unit vector lies in the row space: reduced to echelon form, a
    row holding a single non-zero entry."""
    rows = rows.copy()
    height, width = rows.shape
    top = 0
    for col in range(width):
        if top == height:
            break
        below = np.nonzero(rows[top:, col])[0]
        if not below.size:
            continue
        found = top + int(below[0])
        rows[[top, found]] = rows[[found, top]]
        rows[top] = rows[top] * pow(int(rows[top, col]), -1, _P) % _P
        factors = rows[:, col].copy()
        factors[top] = 0
        rows = (rows - (factors[:, None] * rows[top][None, :]) % _P) % _P
        top += 1
    counts = np.count_nonzero(rows[:top], axis=1)
    return [int(np.nonzero(rows[i])[0][0]) for i in range(top) if counts[i] == 1]
