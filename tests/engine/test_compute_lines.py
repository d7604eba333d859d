"""training_run and serving, worked out by hand: DESIGN.md "Compute-sized lines" and
"Energy and CO₂". Each expected figure is computed in the comment beside it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from fractions import Fraction

import pytest

from app.domain.errors import InvalidValue
from app.domain.plan import CapexView, CostModel, Line
from app.domain.taxonomy import standard_taxonomy
from app.domain.validation import check_line
from app.engine.budget import Budget
from app.engine.compute import (
    accelerator_hours,
    compute_end,
    energy,
    follow_compute,
    round_places,
    window_too_short,
)
from app.engine.line_costs import line_cost
from tests.factories import plan


def run(start: date, end: date, line_id: int = 1, **drivers: str) -> Line:
    return Line(
        line_id,
        1,
        "computing",
        "hardware",
        "training_gpus",
        "Pre-training",
        CostModel.TRAINING_RUN,
        drivers,
        start,
        end,
    )


def serving(start: date, end: date, line_id: int = 1, **drivers: str) -> Line:
    return Line(
        line_id,
        1,
        "computing",
        "cloud",
        "aws_gcp_azure_options",
        "Serving",
        CostModel.SERVING,
        drivers,
        start,
        end,
    )


def cents(line: Line) -> tuple[int, tuple[int, ...]]:
    cost = line_cost(line, 2, CapexView.CASH)
    return cost.first, cost.amounts


# 6 × 1e9 × 1e9 = 6e18 FLOPs; 1000 TFLOPS × 0.5 = 5e14 FLOP/s → 12,000 s = 10/3 hours
SHORT = {
    "parameters": "1000000000",
    "tokens": "1000000000",
    "peak_tflops": "1000",
    "mfu": "0.5",
    "accelerators": "1",
    "unit_cost": "2",
}


def test_a_run_of_less_than_a_day_costs_its_hours_in_one_day() -> None:
    line = run(date(2027, 3, 10), date(2027, 3, 10), **SHORT)
    assert Fraction(*accelerator_hours(line.drivers)) == Fraction(10, 3)
    # ⌈(10/3) ÷ 1 ÷ 24⌉ = 1 day: ends the day it starts
    assert compute_end(line.start, line.drivers) == date(2027, 3, 10)
    # 10/3 h × 2 = 6.666… → 6.67 rounded once
    assert cents(line) == (2027 * 12 + 2, (667,))
    assert not window_too_short(line)


def test_flops_per_token_and_goodput_scale_the_hours() -> None:
    drivers = {**SHORT, "flops_per_token": "8", "goodput": "0.8"}
    # 8/6 × 1/0.8 × 10/3 = 50/9 hours
    assert Fraction(*accelerator_hours(drivers)) == Fraction(50, 9)


# measured throughput: 864,000,000 tokens ÷ (1000 tokens/s × 3600) = 240 accelerator-hours
MEASURED = {
    "parameters": "7000000000",
    "tokens": "864000000",
    "tokens_per_second": "1000",
    "accelerators": "2",
    "unit_cost": "1.25",
}


def test_a_run_over_a_month_end_is_shared_by_active_days() -> None:
    start = date(2027, 1, 29)
    # 240 h ÷ 2 accelerators ÷ 24 = 5 days: 29, 30, 31 Jan, 1, 2 Feb
    end = compute_end(start, MEASURED)
    assert end == date(2027, 2, 2)
    line = run(start, end, **MEASURED)
    # 240 × 1.25 = 300.00 → 30,000 cents; days 3 and 2 → 18,000 and 12,000
    assert cents(line) == (2027 * 12, (18000, 12000))


def test_the_rounded_total_is_shared_by_largest_remainder() -> None:
    # 240 h × 0.0042083 = 1.009992 → 1.01 = 101 cents over 2 + 1 days:
    # 67.33 and 33.67 → 67 and 33, the leftover cent to the larger remainder (Feb) → 67, 34
    line = run(date(2027, 1, 30), date(2027, 2, 1), **{**MEASURED, "unit_cost": "0.0042083"})
    assert cents(line) == (2027 * 12, (67, 34))


def test_a_run_over_a_leap_day_counts_it() -> None:
    # 6 days of compute from 27 Feb 2028: 27, 28, 29 Feb and 1, 2, 3 Mar
    drivers = {**MEASURED, "tokens": "1036800000"}  # 288 h ÷ 2 ÷ 24 = 6 days
    end = compute_end(date(2028, 2, 27), drivers)
    assert end == date(2028, 3, 3)
    # 288 × 1.25 = 360.00 shared 3 : 3
    assert cents(run(date(2028, 2, 27), end, **drivers))[1] == (18000, 18000)


def test_dates_follow_compute_unless_fixed() -> None:
    line = run(date(2027, 1, 29), date(2027, 12, 31), **MEASURED)
    assert follow_compute(line).end == date(2027, 2, 2)
    fixed = replace(line, dates_fixed=True)
    assert follow_compute(fixed) is fixed


def test_a_fixed_window_too_short_is_flagged_not_refused() -> None:
    # 240 accelerator-hours need 5 days on 2 accelerators; 4 days give 192
    line = replace(run(date(2027, 1, 1), date(2027, 1, 4), **MEASURED), dates_fixed=True)
    check_line(line, standard_taxonomy())
    assert window_too_short(line)
    budget = Budget(plan(), [line])
    assert budget.short_windows == {1}
    # the engine uses the stored dates all the same: 300.00 over 4 January days
    assert budget.cells[1].amounts == (30000,)
    budget.update([replace(line, end=date(2027, 1, 5))])
    assert budget.short_windows == set()


def test_a_run_is_sized_one_way_only() -> None:
    taxonomy = standard_taxonomy()
    both = run(date(2027, 1, 1), date(2027, 1, 9), **{**MEASURED, "mfu": "0.4"})
    with pytest.raises(InvalidValue, match="either"):
        check_line(both, taxonomy)
    neither = {k: v for k, v in SHORT.items() if k != "mfu"}
    with pytest.raises(InvalidValue) as err:
        check_line(run(date(2027, 1, 1), date(2027, 1, 9), **neither), taxonomy)
    assert err.value.field == "mfu"
    for key, bad in (("mfu", "0"), ("mfu", "1.01"), ("goodput", "0"), ("accelerators", "1.5")):
        with pytest.raises(InvalidValue) as err:
            check_line(run(date(2027, 1, 1), date(2027, 1, 9), **{**SHORT, key: bad}), taxonomy)
        assert err.value.field == key


# Serving at 1000 tokens/s per accelerator: a 28-day month holds 1000 × 86,400 × 28
# = 2,419,200,000 tokens per accelerator; 29 days 2,505,600,000; 31 days 2,678,400,000.
SERVE = {
    "tokens_per_month": "2419200000",
    "growth_per_month": "0",
    "tokens_per_second": "1000",
    "unit_cost": "2",
}


def test_demand_exactly_at_an_accelerators_capacity_needs_one() -> None:
    line = serving(date(2027, 2, 1), date(2027, 2, 28), **SERVE)
    # 1 × 24 × 28 × 2 = 1344.00
    assert cents(line) == (2027 * 12 + 1, (134400,))
    one_more = serving(
        date(2027, 2, 1), date(2027, 2, 28), **{**SERVE, "tokens_per_month": "2419200001"}
    )
    assert cents(one_more)[1] == (268800,)


def test_a_leap_february_holds_more_per_accelerator() -> None:
    # 2,505,600,000 fits one accelerator in February 2028 (29 days), not in 2027
    drivers = {**SERVE, "tokens_per_month": "2505600000"}
    assert cents(serving(date(2028, 2, 1), date(2028, 2, 29), **drivers))[1] == (1 * 24 * 29 * 200,)
    assert cents(serving(date(2027, 2, 1), date(2027, 2, 28), **drivers))[1] == (2 * 24 * 28 * 200,)


def test_peak_to_average_and_partial_months() -> None:
    # January from the 15th: 17 active days; demand 1e9 × 3 peak ÷ 2,678,400,000 → ⌈1.12⌉ = 2
    drivers = {**SERVE, "tokens_per_month": "1000000000", "peak_to_average": "3"}
    line = serving(date(2027, 1, 15), date(2027, 1, 31), **drivers)
    # 2 × 24 × 17 × 2 = 1632.00
    assert cents(line)[1] == (163200,)


def test_negative_growth_down_to_zero() -> None:
    drivers = {
        **SERVE,
        "tokens_per_month": "3000000000",
        "growth_per_month": "-1500000000",
        "unit_cost": "0.5",
    }
    line = serving(date(2027, 1, 1), date(2027, 3, 31), **drivers)
    check_line(line, standard_taxonomy())
    # Jan 3e9 ÷ 2,678,400,000 → 2; Feb 1.5e9 ÷ 2,419,200,000 → 1; Mar 0 → 0
    # 2 × 24 × 31 × 0.5 = 744.00; 1 × 24 × 28 × 0.5 = 336.00; 0
    assert cents(line)[1] == (74400, 33600, 0)
    floor = serving(line.start, line.end, **{**drivers, "min_accelerators": "1"})
    assert cents(floor)[1] == (74400, 33600, 37200)
    with pytest.raises(InvalidValue) as err:
        check_line(replace(line, end=date(2027, 4, 1)), standard_taxonomy())
    assert err.value.field == "growth_per_month"


def test_serving_rounds_each_month_half_up() -> None:
    # 1 × 24 × 31 × 0.0000625 = 0.0465 → 0.05 (half-up of 4.65 cents)
    line = serving(date(2027, 1, 1), date(2027, 1, 31), **{**SERVE, "unit_cost": "0.0000625"})
    assert cents(line)[1] == (5,)


def test_energy_and_co2_of_each_kind_of_line() -> None:
    # training: 240 accelerator-hours × 700 W ÷ 1000 × 1.2 PUE = 201.6 kWh; × 0.4 = 80.64 kg
    power = {"power_watts": "700", "pue": "1.2", "grid_kgco2_per_kwh": "0.4"}
    training = run(date(2027, 1, 29), date(2027, 2, 2), **MEASURED, **power)
    assert energy(training) == (Fraction("201.6"), Fraction("80.64"))
    # serving: Feb 2027 one accelerator × 24 × 28 = 672 h × 0.7 kW = 470.4 kWh (PUE 1, grid 0)
    serve = serving(date(2027, 2, 1), date(2027, 2, 28), **SERVE, power_watts="700")
    assert energy(serve) == (Fraction("470.4"), Fraction(0))
    # usage: 8 × 730 h × 0.5 × (31/31 + 14/28) = 4380 h × 0.3 kW × 1.5 = 1971 kWh; × 0.1
    usage = Line(
        3,
        1,
        "computing",
        "cloud",
        "aws_gcp_azure_options",
        "GPUs",
        CostModel.USAGE,
        {
            "quantity": "8",
            "hours_per_month": "730",
            "utilization": "0.5",
            "unit_cost": "2",
            "power_watts": "300",
            "pue": "1.5",
            "grid_kgco2_per_kwh": "0.1",
        },
        date(2027, 1, 1),
        date(2027, 2, 14),
    )
    assert energy(usage) == (Fraction(1971), Fraction("197.1"))
    budget = Budget(plan(), [training, replace(serve, id=2), usage])
    assert budget.energy_kwh() == Fraction("201.6") + Fraction("470.4") + 1971
    assert budget.co2_kg() == Fraction("80.64") + Fraction("197.1")
    assert budget.energy_kwh("data") == 0
    budget.update(removed=[3])
    assert budget.energy_kwh() == Fraction(672)
    assert round_places(Fraction(1, 2000)) == round_places(Fraction("0.001"))


def test_a_line_without_power_has_no_energy() -> None:
    line = run(date(2027, 1, 29), date(2027, 2, 2), **MEASURED)
    assert energy(line) == (0, 0)
    assert Budget(plan(), [line]).energy_kwh() == 0
