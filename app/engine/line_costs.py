"""One line's cost in each month, as DESIGN.md's cost semantics fix it.

All arithmetic is on exact integer ratios; each line-month is rounded half-up to the
currency's minor unit exactly once. ``spread`` and ``purchase`` round their total
first and share it out by largest remainder, ties going to the earlier month.

A line priced in another currency is worked out exactly in it, multiplied by the plan's
rate and rounded once: the rate is part of the exact ``scale`` every model multiplies by.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from app.domain.money import ratio, round_half_up
from app.domain.plan import CapexView, CostModel, Line
from app.engine.calendar import active_days, days_in_month, month_index, month_lengths
from app.engine.compute import accelerator_hours, serving_accelerators


@dataclass(frozen=True, slots=True)
class LineCost:
    """A line's cells: ``amounts[i]`` minor units in month ``first + i``."""

    first: int
    amounts: tuple[int, ...]

    @property
    def last(self) -> int:
        return self.first + len(self.amounts) - 1

    @property
    def total(self) -> int:
        return sum(self.amounts)

    def amount(self, month: int) -> int:
        i = month - self.first
        return self.amounts[i] if 0 <= i < len(self.amounts) else 0


Ratio = tuple[int, int]


def _r(line: Line, driver: str) -> Ratio:
    return _text_ratio(line.drivers[driver])


@lru_cache(maxsize=8192)
def _text_ratio(text: str) -> Ratio:
    """A driver's text as an exact ratio; planners reuse the same prices, so it is cached."""
    return ratio(Decimal(text))


def _mul(*parts: Ratio) -> Ratio:
    num, den = 1, 1
    for n, d in parts:
        num *= n
        den *= d
    return num, den


def line_cost(line: Line, digits: int, capex_view: CapexView, fx: Ratio = (1, 1)) -> LineCost:
    """The line's cells in minor units of a currency with ``digits`` decimal places.

    ``fx`` is the exact rate from the line's currency to the plan's (1 for the plan's own).
    """
    scale = (fx[0] * 10**digits, fx[1])
    return _MODELS[CostModel(line.cost_model)](line, scale, capex_view)


def _prorated(line: Line, rate: Ratio, scale: Ratio) -> LineCost:
    """A monthly rate times the share of each month the line is active."""
    num, den = rate[0] * scale[0], rate[1] * scale[1]
    first, last = month_index(line.start), month_index(line.end)
    full = round_half_up(num, den)

    def part(month: int, active: int) -> int:
        dim = days_in_month(month)
        return full if active == dim else round_half_up(num * active, den * dim)

    if first == last:
        return LineCost(first, (part(first, line.end.day - line.start.day + 1),))
    head = part(first, days_in_month(first) - line.start.day + 1)
    tail = part(last, line.end.day)
    return LineCost(first, (head, *([full] * (last - first - 1)), tail))


def _one_time(line: Line, scale: Ratio, _view: CapexView) -> LineCost:
    num, den = _mul(_r(line, "quantity"), _r(line, "unit_cost"), scale)
    return LineCost(month_index(line.start), (round_half_up(num, den),))


def _recurring(line: Line, scale: Ratio, _view: CapexView) -> LineCost:
    per = (1, 12) if line.drivers["period"] == "year" else (1, 1)
    return _prorated(line, _mul(_r(line, "quantity"), _r(line, "unit_cost"), per), scale)


def _usage(line: Line, scale: Ratio, _view: CapexView) -> LineCost:
    rate = _mul(
        _r(line, "quantity"),
        _r(line, "hours_per_month"),
        _r(line, "utilization"),
        _r(line, "unit_cost"),
    )
    return _prorated(line, rate, scale)


def _staff(line: Line, scale: Ratio, _view: CapexView) -> LineCost:
    on, od = _r(line, "overhead_pct")
    loaded = (100 * od + on, 100 * od)
    return _prorated(line, _mul(_r(line, "fte"), _r(line, "annual_cost"), loaded, (1, 12)), scale)


def _volume(line: Line, scale: Ratio, _view: CapexView) -> LineCost:
    vn, vd = _r(line, "volume")
    gn, gd = _r(line, "growth_per_month")
    un, ud = _r(line, "unit_cost")
    first = month_index(line.start)
    base_den = vd * gd * ud * scale[1]
    days = active_days(line.start, line.end)
    lengths = month_lengths(first, first + len(days))
    base, step = vn * gd * un * scale[0], gn * vd * un * scale[0]
    amounts = tuple(
        round_half_up((base + step * k) * active, base_den * dim)
        for k, (active, dim) in enumerate(zip(days, lengths, strict=True))
    )
    return LineCost(first, amounts)


def _rounded_total(line: Line, scale: Ratio) -> int:
    num, den = _mul(_r(line, "quantity"), _r(line, "unit_cost"), scale)
    return round_half_up(num, den)


def largest_remainder(total: int, weights: list[int]) -> list[int]:
    """``total`` shared in proportion to ``weights`` so the shares add up to it exactly.

    Leftover units go to the largest remainders; ties go to the earlier position.
    """
    whole = sum(weights)
    if total >= 0 and len(weights) == 1:
        return [total]
    pairs = [divmod(total * w, whole) for w in weights]
    shares = [q for q, _ in pairs]
    leftover = total - sum(shares)
    if leftover:
        remainders = [r for _, r in pairs]
        # a stable sort keeps equal remainders in month order, so ties go to the earlier
        order = sorted(range(len(weights)), key=remainders.__getitem__, reverse=True)
        for i in order[:leftover]:
            shares[i] += 1
    return shares


def _spread(line: Line, scale: Ratio, _view: CapexView) -> LineCost:
    days = active_days(line.start, line.end)
    shares = largest_remainder(_rounded_total(line, scale), days)
    return LineCost(month_index(line.start), tuple(shares))


def _purchase(line: Line, scale: Ratio, view: CapexView) -> LineCost:
    total = _rounded_total(line, scale)
    if view is CapexView.CASH:
        return LineCost(month_index(line.start), (total,))
    months = int(line.number("useful_life_months"))
    return LineCost(month_index(line.start), tuple(largest_remainder(total, [1] * months)))


def _training_run(line: Line, scale: Ratio, _view: CapexView) -> LineCost:
    """accelerator_hours × unit_cost, rounded once, shared over the active days as spread."""
    hn, hd = accelerator_hours(line.drivers)
    un, ud = _r(line, "unit_cost")
    days = active_days(line.start, line.end)
    shares = largest_remainder(round_half_up(hn * un * scale[0], hd * ud * scale[1]), days)
    return LineCost(month_index(line.start), tuple(shares))


def _serving(line: Line, scale: Ratio, _view: CapexView) -> LineCost:
    """accelerators × 24 × active days × unit_cost, rounded half-up each month."""
    un, ud = _r(line, "unit_cost")
    first = month_index(line.start)
    days = active_days(line.start, line.end)
    counts = serving_accelerators(line.drivers, first, len(days))
    # round half-up of a × 24 × d × unit_cost, all terms non-negative: (2n + den) // 2den
    step, half = 48 * un * scale[0], ud * scale[1]
    amounts = tuple((a * d * step + half) // (2 * half) for a, d in zip(counts, days, strict=True))
    return LineCost(first, amounts)


_MODELS: dict[CostModel, Callable[[Line, Ratio, CapexView], LineCost]] = {
    CostModel.ONE_TIME: _one_time,
    CostModel.RECURRING: _recurring,
    CostModel.USAGE: _usage,
    CostModel.STAFF: _staff,
    CostModel.VOLUME: _volume,
    CostModel.SPREAD: _spread,
    CostModel.PURCHASE: _purchase,
    CostModel.TRAINING_RUN: _training_run,
    CostModel.SERVING: _serving,
}
