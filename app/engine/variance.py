"""Budget against actual, by category and month (DESIGN.md; issue 11 point 5).

Budget is the subtotal's cells (contingency apart). To date means months up to and
including the as-of month (default: the last month with an actual). The forecast at
completion is the actual to date plus the budget of the months after as-of. Variance
is actual − budget, so positive means overspent. Each actual is converted to the
plan's currency and rounded half-up to its minor unit once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from app.domain.actual import rate_to_plan
from app.domain.errors import InvalidValue
from app.domain.money import format_amount, minor_digits, ratio, round_half_up
from app.domain.plan import CapexView, Line, Plan
from app.domain.taxonomy import CATEGORY_KEYS
from app.engine.calendar import month_index, month_label
from app.engine.line_costs import line_cost

SpentRow = tuple[date, str, str, str, int | None]
"""(booked on, amount, currency, category booked to, line id or None)."""


@dataclass(frozen=True)
class CategoryVariance:
    budget_to_date: int
    actual_to_date: int
    budget_at_completion: int
    forecast_at_completion: int

    @property
    def variance_to_date(self) -> int:
        return self.actual_to_date - self.budget_to_date


@dataclass(frozen=True)
class Variance:
    """Every figure of the variance report in the plan currency's minor units."""

    plan: Plan
    as_of: int | None  # month index, None: no actual and none asked for
    contingency: int
    categories: Mapping[str, CategoryVariance]
    months: Mapping[int, tuple[int, int]]  # month → (budget, actual), in month order

    @property
    def digits(self) -> int:
        return minor_digits(self.plan.currency)

    def _sum(self, name: str) -> int:
        return sum(getattr(c, name) for c in self.categories.values())

    @property
    def budget_at_completion(self) -> int:
        return self._sum("budget_at_completion")

    @property
    def budget_to_date(self) -> int:
        return self._sum("budget_to_date")

    @property
    def actual_to_date(self) -> int:
        return self._sum("actual_to_date")

    @property
    def forecast_at_completion(self) -> int:
        return self._sum("forecast_at_completion")

    def as_json(self) -> dict[str, Any]:
        """The ``variance --json`` object: exactly issue 11's keys, decimal strings."""
        d = self.digits

        def money(amount: int) -> str:
            return format_amount(amount, d)

        return {
            "plan": self.plan.name,
            "currency": self.plan.currency,
            "as_of": None if self.as_of is None else month_label(self.as_of),
            "budget_at_completion": money(self.budget_at_completion),
            "budget_to_date": money(self.budget_to_date),
            "actual_to_date": money(self.actual_to_date),
            "variance_to_date": money(self.actual_to_date - self.budget_to_date),
            "forecast_at_completion": money(self.forecast_at_completion),
            "variance_at_completion": money(
                self.forecast_at_completion - self.budget_at_completion
            ),
            "contingency": money(self.contingency),
            "by_category": {
                key: {
                    "budget_to_date": money(c.budget_to_date),
                    "actual_to_date": money(c.actual_to_date),
                    "variance_to_date": money(c.variance_to_date),
                    "budget_at_completion": money(c.budget_at_completion),
                    "forecast_at_completion": money(c.forecast_at_completion),
                }
                for key, c in self.categories.items()
            },
            "by_month": {
                month_label(m): {
                    "budget": money(b),
                    "actual": money(a),
                    "variance": money(a - b),
                }
                for m, (b, a) in self.months.items()
            },
        }


def spent_by_category_month(
    plan: Plan, rows: Iterable[SpentRow], line_categories: Mapping[int, str]
) -> Counter[tuple[str, int]]:
    """Each actual in the plan's minor units, summed by (category, month).

    An actual booked to a line counts in the line's category as it is now; one whose
    line is gone, or booked to a category, counts in the category it was booked to.
    """
    digits = minor_digits(plan.currency)
    scale = 10**digits
    rates: dict[str, tuple[int, int]] = {}
    sums: Counter[tuple[str, int]] = Counter()
    for day, amount, currency, category, line_id in rows:
        rate = rates.get(currency)
        if rate is None:
            found = rate_to_plan(plan, currency)
            if found is None:
                raise InvalidValue(
                    "currency", currency, f"the plan has no exchange rate for it (actual of {day})"
                )
            rate = rates[currency] = (found.numerator, found.denominator)
        minor = _plain_minor(amount, digits) if rate == (1, 1) else None
        if minor is None:
            num, den = ratio(Decimal(amount))
            minor = round_half_up(num * scale * rate[0], den * rate[1])
        if line_id is not None:
            category = line_categories.get(line_id, category)
        sums[(category, day.year * 12 + day.month - 1)] += minor
    return sums


def _plain_minor(amount: str, digits: int) -> int | None:
    """``"-12.5"`` as ``-1250`` minor units without Decimal (most amounts are plain);
    None for anything else (more places than the currency has, an exponent)."""
    whole, _, places = amount.partition(".")
    if len(places) > digits or (not places.isdigit() and places):
        return None
    try:
        return int(whole + places.ljust(digits, "0"))
    except ValueError:
        return None


def variance(
    plan: Plan,
    lines: Sequence[Line],
    spent: Mapping[tuple[str, int], int],
    as_of: int | None = None,
) -> Variance:
    """Budget vs actual of a plan; ``spent`` from :func:`spent_by_category_month`."""
    digits, view = minor_digits(plan.currency), CapexView(plan.capex_view)
    budget: Counter[tuple[str, int]] = Counter()
    for line in lines:
        cost = line_cost(line, digits, view)
        for i, amount in enumerate(cost.amounts):
            if amount:
                budget[(line.category, cost.first + i)] += amount
    return variance_of(plan, budget, spent, as_of)


def variance_of(
    plan: Plan,
    budget: Mapping[tuple[str, int], int],
    spent: Mapping[tuple[str, int], int],
    as_of: int | None = None,
) -> Variance:
    """Budget vs actual from the budget's cells summed by (category, month), as
    :class:`~app.engine.budget.Totals` keeps them (the window's, without recomputing)."""
    first, last = month_index(plan.start), month_index(plan.end)
    cost_months = [m for (_, m), amount in budget.items() if amount]
    if cost_months:
        first, last = min(first, *cost_months), max(last, *cost_months)
    actual_months = {m for (_, m), a in spent.items()}
    if as_of is None and actual_months:
        as_of = max(actual_months)
    cut = as_of if as_of is not None else first - 1
    b_all: Counter[str] = Counter()
    b_to: Counter[str] = Counter()
    a_to: Counter[str] = Counter()
    month_budget: Counter[int] = Counter()
    month_actual: Counter[int] = Counter()
    for (c, m), amount in budget.items():
        b_all[c] += amount
        month_budget[m] += amount
        if m <= cut:
            b_to[c] += amount
    for (c, m), amount in spent.items():
        month_actual[m] += amount
        if m <= cut:
            a_to[c] += amount
    categories = {
        key: CategoryVariance(b_to[key], a_to[key], b_all[key], a_to[key] + b_all[key] - b_to[key])
        for key in CATEGORY_KEYS
    }
    months = sorted(set(range(first, last + 1)) | actual_months)
    subtotal = sum(c.budget_at_completion for c in categories.values())
    num, den = ratio(plan.contingency_pct)
    contingency = round_half_up(subtotal * num, den * 100)
    return Variance(
        plan,
        as_of,
        contingency,
        categories,
        {m: (month_budget[m], month_actual[m]) for m in months},
    )
