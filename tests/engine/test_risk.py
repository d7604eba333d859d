"""Monte Carlo risk: the simulated subtotal against what probability theory says."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date
from decimal import Decimal
from statistics import NormalDist

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.errors import BadInput, InvalidValue
from app.domain.plan import CostModel, Line, PlanSnapshot
from app.engine.risk import Dist, risk_json, simulate
from tests.factories import line, plan

DAY = date(2027, 3, 1)


def one_time(line_id: int, cost: str, low: str | None = None, high: str | None = None) -> Line:
    made = line(CostModel.ONE_TIME, DAY, DAY, line_id, quantity="1", unit_cost=cost)
    return replace(made, name=f"Line {line_id}", low_estimate=low, high_estimate=high)


def snapshot(*lines: Line) -> PlanSnapshot:
    return PlanSnapshot(plan(), (), tuple(lines))


# ---- Reference beta quantiles, without scipy: the regularized incomplete beta by its
# continued fraction (Numerical Recipes' betacf), inverted by bisection.


def _betacf(a: float, b: float, x: float) -> float:
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1)
    d = 1 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1 + numerator * d
            d = 1 / (d if abs(d) > tiny else tiny)
            c = 1 + numerator / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1) < 1e-15:
            break
    return h


def beta_cdf(a: float, b: float, x: float) -> float:
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1) / (a + b + 2):
        return front * _betacf(a, b, x) / a
    return 1 - front * _betacf(b, a, 1 - x) / b


def beta_quantile(a: float, b: float, p: float) -> float:
    lo, hi = 0.0, 1.0
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if beta_cdf(a, b, mid) < p else (lo, mid)
    return (lo + hi) / 2


def test_the_reference_beta_is_right() -> None:
    assert beta_cdf(1, 1, 0.3) == pytest.approx(0.3)
    assert beta_cdf(2, 1, 0.5) == pytest.approx(0.25)  # x²
    assert beta_quantile(3, 3, 0.5) == pytest.approx(0.5)


# ---- The analytic checks of issue 12


def test_the_mean_is_the_pert_mean_within_half_a_percent() -> None:
    lines = [
        one_time(1, "1000", "800", "1500"),
        one_time(2, "50000", "49000", "90000"),
        one_time(3, "2000", "100", "2100"),
        one_time(4, "700", "700", "7000"),
        one_time(5, "12345.67"),  # fixed
    ]
    result = simulate(snapshot(*lines), runs=10_000, seed=3)
    expected = 12345.67 + sum(
        (float(x.low_estimate) + 4 * float(x.drivers["unit_cost"]) + float(x.high_estimate)) / 6
        for x in lines[:4]
        if x.low_estimate is not None and x.high_estimate is not None
    )
    assert result.mean / 100 == pytest.approx(expected, rel=0.005)
    assert result.base == 6604567
    assert len(result.ranged) == 4


def test_the_triangular_mean_is_a_third_of_low_mode_high() -> None:
    lines = [one_time(1, "1000", "800", "3000"), one_time(2, "500", "100", "600")]
    result = simulate(snapshot(*lines), runs=20_000, seed=5, dist=Dist.TRIANGULAR)
    assert result.mean / 100 == pytest.approx((800 + 1000 + 3000 + 100 + 500 + 600) / 3, rel=0.005)


@pytest.mark.parametrize(("low", "mode", "high"), [(800, 1000, 2000), (0, 900, 1000), (5, 5, 9)])
def test_one_line_has_the_beta_quantiles(low: int, mode: int, high: int) -> None:
    result = simulate(snapshot(one_time(1, str(mode), str(low), str(high))), runs=100_000, seed=11)
    r = (mode - low) / (high - low)
    for p, value in result.percentiles.items():
        reference = low + (high - low) * beta_quantile(1 + 4 * r, 1 + 4 * (1 - r), p / 100)
        assert abs(value / 100 - reference) <= 0.005 * (high - low), p


def test_one_line_triangular_has_the_triangular_quantiles() -> None:
    low, mode, high = 100.0, 400.0, 1100.0
    result = simulate(
        snapshot(one_time(1, "400", "100", "1100")), runs=100_000, seed=2, dist=Dist.TRIANGULAR
    )
    r = (mode - low) / (high - low)
    for p, value in result.percentiles.items():
        u = p / 100
        q = math.sqrt(u * r) if u < r else 1 - math.sqrt((1 - u) * (1 - r))
        assert abs(value / 100 - (low + (high - low) * q)) <= 0.005 * (high - low), p


def test_many_independent_lines_are_nearly_normal() -> None:
    lines = [
        one_time(i, str(1000 + 10 * i), str(900 + 5 * i), str(1600 + 30 * i)) for i in range(1, 301)
    ]
    result = simulate(snapshot(*lines), runs=20_000, seed=8)
    mean = variance = 0.0
    for x in lines:
        a, m, b = (
            float(v) for v in (x.low_estimate or 0, x.drivers["unit_cost"], x.high_estimate or 0)
        )
        mu = (a + 4 * m + b) / 6
        mean += mu
        variance += (mu - a) * (b - mu) / 7
    normal = NormalDist(mean, math.sqrt(variance))
    sigma = normal.stdev
    assert abs(result.percentiles[50] / 100 - normal.inv_cdf(0.5)) < 0.05 * sigma
    assert abs(result.percentiles[80] / 100 - normal.inv_cdf(0.8)) < 0.05 * sigma
    assert abs(result.percentiles[90] / 100 - normal.inv_cdf(0.9)) < 0.07 * sigma


def test_the_same_seed_gives_the_same_result_and_another_seed_another() -> None:
    plan_ = snapshot(one_time(1, "1000", "800", "1500"), one_time(2, "300", "10", "900"))
    first = risk_json(simulate(plan_, seed=42), "p", "USD")
    assert risk_json(simulate(plan_, seed=42), "p", "USD") == first
    other = risk_json(simulate(plan_, seed=43), "p", "USD")
    assert other["p50"] != first["p50"] and other["mean"] != first["mean"]
    assert other["base"] == first["base"]


# ---- Drivers and the JSON object


def test_drivers_share_the_variance_in_order() -> None:
    # symmetric ranges: PERT variance ((b - a) / 6)², so widths 1 : 2 share 0.2 : 0.8
    lines = [one_time(1, "100", "99.5", "100.5"), one_time(2, "100", "99", "101"), one_time(3, "5")]
    result = simulate(snapshot(*lines))
    assert [(d.line.name, d.share) for d in result.drivers] == [
        ("Line 2", Decimal("0.8000")),
        ("Line 1", Decimal("0.2000")),
    ]


def test_at_most_ten_drivers() -> None:
    lines = [one_time(i, "100", "50", str(100 + i)) for i in range(1, 16)]
    drivers = risk_json(simulate(snapshot(*lines)), "p", "USD")["drivers"]
    assert [d["name"] for d in drivers] == [f"Line {i}" for i in range(15, 5, -1)]
    assert set(drivers[0]) == {"name", "category", "share"}


def test_json_keys_and_contingency() -> None:
    result = risk_json(simulate(snapshot(one_time(1, "1000", "900", "3000"))), "P", "USD")
    assert list(result) == [
        "plan", "currency", "runs", "seed", "dist", "base", "mean",
        "p10", "p50", "p70", "p80", "p90", "p95",
        "contingency_p80", "contingency_pct_p80", "ranged_lines", "drivers",
    ]  # fmt: skip
    assert result["base"] == "1000.00"
    contingency = Decimal(result["p80"]) - Decimal("1000.00")
    assert Decimal(result["contingency_p80"]) == contingency > 0
    assert result["contingency_pct_p80"] == f"{contingency / 10:.2f}"


def test_contingency_is_never_below_zero() -> None:
    result = risk_json(simulate(snapshot(one_time(1, "1000", "100", "1000"))), "P", "USD")
    assert result["contingency_p80"] == "0.00"
    assert result["contingency_pct_p80"] == "0.00"


# ---- Three-point validation


@pytest.mark.parametrize(
    ("low", "high", "field", "reason"),
    [
        ("1200", "1500", "low_estimate", "is above the line's total 1000.00"),
        ("100", "900", "high_estimate", "is below the line's total 1000.00"),
        ("1100", "900", "high_estimate", "is below the low 1100"),
        ("1000.01", None, "low_estimate", "is above"),
    ],
)
def test_a_range_must_hold_the_most_likely(
    low: str | None, high: str | None, field: str, reason: str
) -> None:
    with pytest.raises(InvalidValue) as error:
        simulate(snapshot(one_time(1, "1000"), one_time(7, "1000", low, high)))
    assert error.value.field == field
    assert reason in str(error.value)
    assert "line 'Line 7'" in str(error.value)


def test_one_sided_ranges_run_from_the_most_likely() -> None:
    result = simulate(snapshot(one_time(1, "1000", None, "1600")), runs=20_000)
    assert 1000_00 <= result.percentiles[10] < result.percentiles[95] <= 1600_00
    assert result.mean / 100 == pytest.approx((1000 * 5 + 1600) / 6, rel=0.005)


def test_no_ranged_line_is_refused() -> None:
    with pytest.raises(BadInput, match="no line has a range"):
        simulate(snapshot(one_time(1, "1000"), one_time(2, "50", "50", "50")))


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 10**6), st.integers(0, 10**6), st.integers(1, 10**6)),
        min_size=1,
        max_size=8,
    ),
    st.sampled_from(list(Dist)),
    st.integers(0, 2**32),
)
def test_percentiles_are_ordered_and_inside_the_ranges(
    ranges: list[tuple[int, int, int]], dist: Dist, seed: int
) -> None:
    lines = [
        one_time(i + 1, str(low + up), str(low), str(low + up + extra))
        for i, (low, up, extra) in enumerate(ranges)
    ]
    result = simulate(snapshot(*lines), runs=500, seed=seed, dist=dist)
    values = list(result.percentiles.values())
    assert values == sorted(values)
    lowest = sum(low for low, _, _ in ranges) * 100
    highest = sum(low + up + extra for low, up, extra in ranges) * 100
    assert lowest <= values[0] <= values[-1] <= highest
    assert lowest <= result.mean <= highest
    assert sum(d.share for d in result.drivers) <= Decimal("1.0005")
