"""A plan's cost cells and every total the views and exports show.

Totals are sums of rounded line-month cells, so the window, the workbook and the
PDF agree to the cent. An edit recomputes only the lines it touched.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeVar

from app.domain.fx import Ratio, rate_ratio
from app.domain.money import minor_digits, ratio, round_half_up
from app.domain.plan import Line, Plan
from app.domain.taxonomy import CATEGORY_KEYS
from app.engine.calendar import month_index, year_of
from app.engine.compute import energy, window_too_short
from app.engine.line_costs import LineCost, line_cost
from app.engine.month_sums import MonthSums

PhaseKey = int | None
K = TypeVar("K")


@dataclass(frozen=True, slots=True)
class _Place:
    category: str
    section: str
    item: str
    phase_id: PhaseKey


@dataclass(frozen=True)
class Totals:
    """Every total of a plan in minor units; zero entries left out except categories."""

    subtotal: int
    contingency: int
    total: int
    by_category: Mapping[str, int]
    by_section: Mapping[tuple[str, str], int]
    by_item: Mapping[tuple[str, str, str], int]
    by_phase: Mapping[PhaseKey, int]
    by_month: Mapping[int, int]
    by_year: Mapping[int, int]
    by_category_month: Mapping[tuple[str, int], int]


class Budget:
    """Cells (line × month) and totals for one plan, kept current edit by edit."""

    def __init__(self, plan: Plan, lines: Iterable[Line] = ()) -> None:
        self.plan = plan
        self.digits = minor_digits(plan.currency)
        self._rates = _rates(plan)
        self._reset()
        for line in lines:
            self._add(line)

    def _reset(self) -> None:
        self.cells: dict[int, LineCost] = {}
        self.flagged: set[int] = set()
        self.short_windows: set[int] = set()
        """Training runs whose fixed dates are shorter than their compute needs."""
        # Energy is worked out when first asked for, line by line, and kept until the
        # line changes; a category's sum is redone only after one of its lines changed.
        self._powered: dict[str, set[int]] = {}
        self._line_energy: dict[int, tuple[Fraction, Fraction]] = {}
        self._category_energy: dict[str, tuple[Fraction, Fraction]] = {}
        self._places: dict[int, _Place] = {}
        self._lines: dict[int, Line] = {}
        self._category_month: dict[str, MonthSums] = {c: MonthSums() for c in CATEGORY_KEYS}
        self._category: Counter[str] = Counter(dict.fromkeys(CATEGORY_KEYS, 0))
        self._section: Counter[tuple[str, str]] = Counter()
        self._item: Counter[tuple[str, str, str]] = Counter()
        self._phase: Counter[PhaseKey] = Counter()

    # ---- Public API

    def update(self, changed: Iterable[Line] = (), removed: Iterable[int] = ()) -> None:
        """Recompute the changed lines and drop the removed ones; nothing else is touched."""
        for line_id in removed:
            self._remove(line_id)
        for line in changed:
            assert line.id is not None
            self._remove(line.id)
            self._add(line)

    def set_plan(self, plan: Plan) -> None:
        """Take new plan settings; recomputes every line only if the cells depend on them."""
        again = (plan.currency, plan.capex_view, plan.fx_rates) != (
            self.plan.currency,
            self.plan.capex_view,
            self.plan.fx_rates,
        )
        horizon = (plan.start, plan.end) != (self.plan.start, self.plan.end)
        self.plan = plan
        self.digits = minor_digits(plan.currency)
        self._rates = _rates(plan)
        if again:
            lines = list(self._lines.values())
            self._reset()
            for line in lines:
                self._add(line)
        elif horizon:
            self.flagged = {i for i, line in self._lines.items() if self._outside(line)}

    @property
    def subtotal(self) -> int:
        return sum(self._category.values())

    @property
    def contingency(self) -> int:
        num, den = ratio(self.plan.contingency_pct)
        return round_half_up(self.subtotal * num, den * 100)

    @property
    def total(self) -> int:
        return self.subtotal + self.contingency

    def fx(self, line: Line) -> Ratio:
        """The exact rate from the line's currency to the plan's; refused without one."""
        if line.currency is None:
            return 1, 1
        found = self._rates.get(line.currency)
        if found is None:
            found = rate_ratio(self.plan, line.currency)  # raises, naming the currency
        return found

    def line_total(self, line_id: int) -> int:
        return self.cells[line_id].total

    def category_months(self, category: str) -> Mapping[int, int]:
        return dict(self._category_month[category].items())

    def month_range(self) -> tuple[int, int]:
        """First and last month of the horizon, widened to any cell outside it."""
        first, last = month_index(self.plan.start), month_index(self.plan.end)
        for cost in self.cells.values():
            first, last = min(first, cost.first), max(last, cost.last)
        return first, last

    def energy_kwh(self, category: str | None = None) -> Fraction:
        """Exact kWh of the plan (or of one category)."""
        return self._energy_sum(0, category)

    def co2_kg(self, category: str | None = None) -> Fraction:
        """Exact kg CO₂ of the plan (or of one category)."""
        return self._energy_sum(1, category)

    def line_energy(self, line_id: int) -> tuple[Fraction, Fraction]:
        """A line's exact kWh and kg CO₂ (zero without power)."""
        found = self._line_energy.get(line_id)
        if found is None:
            found = self._line_energy[line_id] = energy(self._lines[line_id])
        return found

    def _energy_sum(self, which: int, category: str | None) -> Fraction:
        categories = [category] if category is not None else list(self._powered)
        total = Fraction(0)
        for key in categories:
            sums = self._category_energy.get(key)
            if sums is None:
                kwh, co2 = Fraction(0), Fraction(0)
                for line_id in self._powered.get(key, ()):
                    line_kwh, line_co2 = self.line_energy(line_id)
                    kwh += line_kwh
                    co2 += line_co2
                sums = self._category_energy[key] = (kwh, co2)
            total += sums[which]
        return total

    def totals(self) -> Totals:
        by_month: Counter[int] = Counter()
        by_category_month: dict[tuple[str, int], int] = {}
        for category, months in self._category_month.items():
            for month, amount in months.items():
                by_month[month] += amount
                by_category_month[category, month] = amount
        by_year: Counter[int] = Counter()
        for month, amount in by_month.items():
            by_year[year_of(month)] += amount
        subtotal, contingency = self.subtotal, self.contingency
        return Totals(
            subtotal=subtotal,
            contingency=contingency,
            total=subtotal + contingency,
            by_category=dict(self._category),
            by_section=_nonzero(self._section),
            by_item=_nonzero(self._item),
            by_phase=_nonzero(self._phase),
            by_month=dict(sorted(_nonzero(by_month).items())),
            by_year=dict(sorted(_nonzero(by_year).items())),
            by_category_month=by_category_month,
        )

    # ---- Internals

    def _outside(self, line: Line) -> bool:
        cost = self.cells[line.id] if line.id is not None else None
        if line.start < self.plan.start or line.end > self.plan.end:
            return True
        return cost is not None and cost.last > month_index(self.plan.end)

    def _add(self, line: Line) -> None:
        assert line.id is not None
        cost = line_cost(line, self.digits, self.plan.capex_view, self.fx(line))
        place = _Place(line.category, line.section, line.item, line.phase_id)
        self.cells[line.id] = cost
        self._places[line.id] = place
        self._lines[line.id] = line
        self._count(place, cost, +1)
        if self._outside(line):
            self.flagged.add(line.id)
        if "power_watts" in line.drivers:
            self._powered.setdefault(line.category, set()).add(line.id)
            self._category_energy.pop(line.category, None)
        if window_too_short(line):
            self.short_windows.add(line.id)

    def _remove(self, line_id: int) -> None:
        cost = self.cells.pop(line_id, None)
        if cost is None:
            return
        self._count(self._places.pop(line_id), cost, -1)
        line = self._lines.pop(line_id)
        self.flagged.discard(line_id)
        self.short_windows.discard(line_id)
        self._line_energy.pop(line_id, None)
        powered = self._powered.get(line.category)
        if powered is not None and line_id in powered:
            powered.discard(line_id)
            self._category_energy.pop(line.category, None)

    def _count(self, place: _Place, cost: LineCost, sign: int) -> None:
        total = sign * cost.total
        self._category[place.category] += total
        self._section[place.category, place.section] += total
        self._item[place.category, place.section, place.item] += total
        self._phase[place.phase_id] += total
        self._category_month[place.category].add(cost.first, cost.amounts, sign)


def _rates(plan: Plan) -> dict[str, Ratio]:
    """The plan's rates as exact ratios by currency, its own currency at 1."""
    found = {r.currency: rate_ratio(plan, r.currency) for r in plan.fx_rates}
    found[plan.currency] = (1, 1)
    return found


def _nonzero(counts: Mapping[K, int]) -> dict[K, int]:
    return {k: v for k, v in counts.items() if v}
