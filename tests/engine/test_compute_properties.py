"""Invariants of compute-sized lines: a run's months add up to its rounded total, serving
is rounded month by month, dates that follow compute fit it, energy is exact."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from app.domain.money import round_half_up
from app.domain.plan import CapexView, CostModel, Line
from app.domain.taxonomy import standard_taxonomy
from app.domain.validation import check_line
from app.engine.calendar import active_days, days_in_month, month_index
from app.engine.compute import (
    accelerator_hours,
    energy,
    follow_compute,
    serving_accelerators,
    unit_hours,
    window_too_short,
)
from app.engine.line_costs import line_cost
from tests.strategies import DRIVERS, lines

ONLY = st.sampled_from([CostModel.TRAINING_RUN, CostModel.SERVING])


def compute_lines() -> st.SearchStrategy[Line]:
    return st.tuples(lines(), ONLY, st.data()).map(
        lambda parts: replace(
            parts[0], cost_model=parts[1], drivers=parts[2].draw(DRIVERS[parts[1]])
        )
    )


@given(lines(), st.data(), st.sampled_from([0, 2, 3]))
def test_a_runs_months_add_up_to_its_rounded_total(
    line: Line, data: st.DataObject, digits: int
) -> None:
    line = replace(
        line,
        cost_model=CostModel.TRAINING_RUN,
        drivers=data.draw(DRIVERS[CostModel.TRAINING_RUN]),
    )
    hn, hd = accelerator_hours(line.drivers)
    unit = Fraction(line.drivers["unit_cost"])
    expected = round_half_up(hn * unit.numerator * 10**digits, hd * unit.denominator)
    cost = line_cost(line, digits, CapexView.CASH)
    assert cost.total == expected
    assert len(cost.amounts) == len(active_days(line.start, line.end))
    assert all(a >= 0 for a in cost.amounts)
    check_line(line, standard_taxonomy())


@given(lines(), st.data())
def test_dates_that_follow_compute_fit_it_and_no_more(line: Line, data: st.DataObject) -> None:
    line = replace(
        line,
        cost_model=CostModel.TRAINING_RUN,
        drivers=data.draw(DRIVERS[CostModel.TRAINING_RUN]),
    )
    followed = follow_compute(line)
    assert followed.start == line.start
    assert not window_too_short(followed)
    if followed.end > followed.start:
        one_day_less = replace(followed, end=followed.end.fromordinal(followed.end.toordinal() - 1))
        assert window_too_short(one_day_less)


@given(lines(), st.data())
def test_serving_is_rounded_month_by_month(line: Line, data: st.DataObject) -> None:
    line = replace(
        line, cost_model=CostModel.SERVING, drivers=data.draw(DRIVERS[CostModel.SERVING])
    )
    days = active_days(line.start, line.end)
    first = month_index(line.start)
    counts = serving_accelerators(line.drivers, first, len(days))
    unit = Fraction(line.drivers["unit_cost"])
    cost = line_cost(line, 2, CapexView.CASH)
    for k, (count, active) in enumerate(zip(counts, days, strict=True)):
        exact = count * 24 * active * unit * 100
        assert cost.amounts[k] == round_half_up(exact.numerator, exact.denominator)
        demand = (
            Fraction(line.drivers["tokens_per_month"])
            + Fraction(line.drivers["growth_per_month"]) * k
        )
        capacity = Fraction(line.drivers["tokens_per_second"]) * 86_400 * days_in_month(first + k)
        peak = demand * Fraction(line.drivers.get("peak_to_average", "1"))
        floor = int(line.drivers.get("min_accelerators", "0"))
        assert count >= floor and count * capacity >= peak
        assert count == floor or (count - 1) * capacity < peak


@given(compute_lines())
def test_energy_is_unit_hours_times_power_and_pue(line: Line) -> None:
    kwh, co2 = energy(line)
    if "power_watts" not in line.drivers:
        assert (kwh, co2) == (0, 0)
        return
    d = line.drivers
    expected = unit_hours(line) * Fraction(d["power_watts"]) / 1000 * Fraction(d.get("pue", "1"))
    assert kwh == expected
    assert co2 == expected * Fraction(d.get("grid_kgco2_per_kwh", "0"))
