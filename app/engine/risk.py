"""Monte Carlo risk of a plan's subtotal from its lines' three-point estimates.

DESIGN.md "Risk": a line's low and high estimates are its total cost in the plan's
currency; its engine total is the most likely. Each ranged line is drawn from a
beta-PERT (λ = 4) or a triangular distribution, independently, and a draw scales the
line's months in proportion, so the subtotal of a run is the fixed lines' total plus
the sum of the ranged lines' draws.

How a draw is made, so that 10,000 lines × 10,000 runs stay fast and small: a PERT's
shape depends only on where the most likely sits in its range, ``r = (m − a)/(b − a)``.
Each line takes the nearest of ``SHAPES`` tabulated shapes and each run picks one of
``STRATA`` equally likely strata of its distribution (inverse-transform sampling with
a stratum's middle quantile); the tiny difference between the tabulated and the exact
mean is added back per line, so the simulated mean is unbiased. Runs are drawn in
chunks of at most ``CHUNK`` values; only one subtotal per run is kept.

Everything here is Qt-free; amounts are minor units of the plan's currency.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any, Protocol

import numpy as np

from app.domain.errors import BadInput, InvalidValue
from app.domain.money import from_minor
from app.domain.plan import Line, PlanSnapshot
from app.domain.validation import parse_decimal
from app.engine.budget import Budget

PERCENTILES = (10, 50, 70, 80, 90, 95)
SHAPES = 257
"""Tabulated positions of the most likely in the range (r = 0, 1/256, …, 1)."""
STRATA = 2048
"""Equally likely strata of each line's distribution a run chooses from."""
CHUNK = 1 << 20
"""Most values drawn at once (runs × ranged lines in one chunk)."""
MAX_RUNS = 1_000_000
DRIVERS = 10


class Dist(StrEnum):
    PERT = "pert"
    TRIANGULAR = "triangular"


class LineTotals(Protocol):
    """What the simulation reads of a plan's costs: a :class:`Budget`, or a frozen copy
    of one that a background thread can read while the window's budget moves on."""

    digits: int

    @property
    def subtotal(self) -> int: ...

    def line_total(self, line_id: int) -> int: ...


@dataclass(frozen=True)
class RangedLine:
    """A line with a range: low, most likely (the engine total) and high, in minor units."""

    line: Line
    low: Decimal
    mode: int
    high: Decimal


@dataclass(frozen=True)
class Driver:
    line: Line
    share: Decimal
    """The line's variance over the sum of all ranged lines' variances (four decimals)."""


@dataclass(frozen=True)
class RiskResult:
    runs: int
    seed: int
    dist: Dist
    digits: int
    base: int
    mean: int
    percentiles: dict[int, int]
    ranged: tuple[RangedLine, ...]
    drivers: tuple[Driver, ...]
    subtotals: Any
    """Every run's subtotal in minor units (float64 numpy array, sorted), for charts."""

    def percentile(self, p: float) -> int:
        """Any percentile of the simulated subtotal, rounded half-up to the minor unit."""
        return _half_up(float(np.percentile(self.subtotals, p)))

    @property
    def contingency_p80(self) -> int:
        return max(0, self.percentiles[80] - self.base)

    def contingency_pct(self, percentile: int = 80) -> Decimal:
        """(Pxx − base) / base × 100, rounded half-up to two decimals, never below 0:
        the one figure the report, the Risk dock and the PDF print."""
        if self.base <= 0:
            return Decimal("0.00")
        over = max(0, self.percentiles[percentile] - self.base)
        return (Decimal(over) * 100 / Decimal(self.base)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def three_point_lines(lines: Sequence[Line], budget: LineTotals) -> tuple[RangedLine, ...]:
    """The plan's ranged lines, checked: low ≤ most likely ≤ high.

    A line with neither estimate is fixed; with only one, the other side is the most
    likely; an equal low and high (which then equal the most likely) is fixed.
    """
    ranged = []
    for line in lines:
        if line.low_estimate is None and line.high_estimate is None:
            continue
        assert line.id is not None
        where = f"line {line.name!r}"
        mode = budget.line_total(line.id)
        low = _estimate(line, "low_estimate", budget.digits, mode)
        high = _estimate(line, "high_estimate", budget.digits, mode)
        shown = from_minor(mode, budget.digits)
        if line.low_estimate is not None and line.high_estimate is not None and low > high:
            raise InvalidValue(
                "high_estimate", line.high_estimate, f"is below the low {line.low_estimate}"
            ).at(where)
        if low > mode:
            raise InvalidValue(
                "low_estimate", line.low_estimate, f"is above the line's total {shown}"
            ).at(where)
        if high < mode:
            raise InvalidValue(
                "high_estimate", line.high_estimate, f"is below the line's total {shown}"
            ).at(where)
        if low < high:
            ranged.append(RangedLine(line, low, mode, high))
    return tuple(ranged)


def _estimate(line: Line, field: str, digits: int, mode: int) -> Decimal:
    text = getattr(line, field)
    if text is None:
        return Decimal(mode)
    return parse_decimal(field, text, any_spelling=True).scaleb(digits)


def simulate(
    snapshot: PlanSnapshot,
    budget: LineTotals | None = None,
    *,
    runs: int = 10_000,
    seed: int = 1,
    dist: Dist = Dist.PERT,
) -> RiskResult:
    """Draw ``runs`` subtotals of the plan; the same seed gives the same result."""
    if not 1 <= runs <= MAX_RUNS:
        raise InvalidValue("runs", runs, f"must be between 1 and {MAX_RUNS:,}")
    lines = _with_ids(snapshot.lines)
    budget = budget or Budget(snapshot.plan, lines)
    ranged = three_point_lines(lines, budget)
    if not ranged:
        raise BadInput(
            f"plan {snapshot.plan.name!r}: no line has a range (low and high estimates); "
            "nothing to simulate"
        )
    base = budget.subtotal
    low = np.array([float(r.low) for r in ranged])
    high = np.array([float(r.high) for r in ranged])
    width = high - low
    mode = np.array([float(r.mode) for r in ranged])
    shape = (mode - low) / width
    rows = np.rint(shape * (SHAPES - 1)).astype(np.int64)
    table, row_means = _table(dist, np.unique(rows))
    exact_mean = (1 + 4 * shape) / 6 if dist is Dist.PERT else (1 + shape) / 3
    # The fixed lines, the lows and each line's small mean correction are the same in
    # every run: one constant.
    constant = (
        float(base - sum(r.mode for r in ranged))
        + float(low.sum())
        + float((width * (exact_mean - row_means[rows])).sum())
    )
    subtotals = _draw(table, rows, width.astype(np.float32), runs, seed) + constant
    subtotals.sort()
    return RiskResult(
        runs=runs,
        seed=seed,
        dist=dist,
        digits=budget.digits,
        base=base,
        mean=_half_up(float(subtotals.mean())),
        percentiles={p: _half_up(float(np.percentile(subtotals, p))) for p in PERCENTILES},
        ranged=ranged,
        drivers=_drivers(ranged, low, mode, high, dist),
        subtotals=subtotals,
    )


def _with_ids(lines: Sequence[Line]) -> list[Line]:
    return [
        line if line.id is not None else replace(line, id=-1 - i) for i, line in enumerate(lines)
    ]


def _draw(table: Any, rows: Any, width: Any, runs: int, seed: int) -> Any:
    """Each run's sum of ``width × tabulated draw`` over the ranged lines (float64)."""
    rng = np.random.default_rng(seed)
    count = len(rows)
    offsets = (rows * STRATA).astype(np.int32 if table.size < 2**31 else np.int64)
    flat = table.ravel()
    step = max(1, CHUNK // count)
    out = np.empty(runs)
    for start in range(0, runs, step):
        size = min(step, runs - start)
        picks = rng.integers(0, STRATA, size=(size, count), dtype=offsets.dtype)
        picks += offsets
        draws = flat.take(picks)
        draws *= width
        out[start : start + size] = draws.sum(axis=1, dtype=np.float64)
    return out


def _table(dist: Dist, used: Any) -> tuple[Any, Any]:
    """Middle quantiles of each stratum (float32, SHAPES × STRATA; only the used rows
    are filled) and each row's mean, on [0, 1]."""
    table = np.zeros((SHAPES, STRATA), dtype=np.float32)
    means = np.zeros(SHAPES)
    u = (np.arange(STRATA) + 0.5) / STRATA
    for row in used:
        r = row / (SHAPES - 1)
        if dist is Dist.TRIANGULAR:
            values = np.where(u < r, np.sqrt(u * r), 1 - np.sqrt((1 - u) * (1 - r)))
        else:
            values = _pert_quantiles(r, u)
        table[row] = values
        means[row] = float(table[row].astype(np.float64).mean())
    return table, means


_GRID = np.linspace(0.0, 1.0, 8193)


def _pert_quantiles(r: float, u: Any) -> Any:
    """Quantiles of Beta(1 + 4r, 1 + 4(1 − r)) at ``u``, by inverting its CDF on a fine grid."""
    alpha, beta = 1 + 4 * r, 1 + 4 * (1 - r)
    x = _GRID
    pdf = np.power(x, alpha - 1) * np.power(1 - x, beta - 1)  # exponents 0 to 4: no overflow
    cdf = np.concatenate(([0.0], np.cumsum((pdf[1:] + pdf[:-1]) / 2)))
    cdf /= cdf[-1]
    return np.interp(u, cdf, x)


def _drivers(
    ranged: Sequence[RangedLine], low: Any, mode: Any, high: Any, dist: Dist
) -> tuple[Driver, ...]:
    """The ten lines with the largest variance; exact variances of each distribution."""
    if dist is Dist.PERT:
        mean = (low + 4 * mode + high) / 6
        variance = (mean - low) * (high - mean) / 7
    else:
        variance = (low**2 + mode**2 + high**2 - low * mode - low * high - mode * high) / 18
    total = float(variance.sum())
    order = sorted(range(len(ranged)), key=lambda i: (-variance[i], ranged[i].line.position, i))
    return tuple(
        Driver(
            ranged[i].line,
            Decimal(float(variance[i]) / total if total else 0).quantize(
                Decimal("0.0001"), ROUND_HALF_UP
            ),
        )
        for i in order[:DRIVERS]
    )


def _half_up(value: float) -> int:
    return int(Decimal(value).quantize(Decimal(1), ROUND_HALF_UP))


def risk_json(result: RiskResult, plan: str, currency: str) -> dict[str, Any]:
    """The ``risk --json`` object, keys as issue 12 fixes them."""

    def money(amount: int) -> str:
        return f"{from_minor(amount, result.digits):f}"

    contingency = result.contingency_p80
    pct = f"{result.contingency_pct(80):f}" if result.base else None
    return {
        "plan": plan,
        "currency": currency,
        "runs": result.runs,
        "seed": result.seed,
        "dist": str(result.dist),
        "base": money(result.base),
        "mean": money(result.mean),
        **{f"p{p}": money(result.percentiles[p]) for p in PERCENTILES},
        "contingency_p80": money(contingency),
        "contingency_pct_p80": pct,
        "ranged_lines": len(result.ranged),
        "drivers": [
            {"name": d.line.name, "category": d.line.category, "share": f"{d.share:f}"}
            for d in result.drivers
        ],
    }
