"""Invariants of the totals: every total is the sum of its cells; spread and purchase add
up to quantity x unit cost; incremental recompute equals a full one."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.money import ratio, round_half_up
from app.domain.plan import CapexView, CostModel, Line
from app.engine.budget import Budget
from app.engine.calendar import year_of
from app.engine.line_costs import line_cost
from tests.factories import plan
from tests.strategies import lines


@given(
    st.lists(lines(), max_size=15),
    st.sampled_from(list(CapexView)),
    st.sampled_from(["0", "10", "7.5"]),
)
def test_every_total_is_the_sum_of_its_cells(found: list[Line], view: CapexView, pct: str) -> None:
    found = [replace(line, id=i + 1) for i, line in enumerate(found)]
    budget = Budget(plan(capex=view, contingency=pct), found)
    totals = budget.totals()
    cells = {line.id: budget.cells[line.id] for line in found if line.id is not None}
    assert totals.subtotal == sum(c.total for c in cells.values())
    by_month: Counter[int] = Counter()
    by_category: Counter[str] = Counter()
    for line in found:
        assert line.id is not None
        cost = cells[line.id]
        by_category[line.category] += cost.total
        for offset, amount in enumerate(cost.amounts):
            by_month[cost.first + offset] += amount
    assert {k: v for k, v in by_month.items() if v} == dict(totals.by_month)
    assert all(totals.by_category[c] == by_category[c] for c in totals.by_category)
    assert sum(totals.by_year.values()) == totals.subtotal
    assert sum(totals.by_section.values()) == totals.subtotal
    assert sum(totals.by_item.values()) == totals.subtotal
    assert sum(totals.by_phase.values()) == totals.subtotal
    assert sum(totals.by_category_month.values()) == totals.subtotal
    for month, amount in totals.by_month.items():
        assert totals.by_year[year_of(month)] >= 0 and amount > 0
    num, den = ratio(Decimal(pct))
    assert totals.contingency == round_half_up(totals.subtotal * num, den * 100)
    assert totals.total == totals.subtotal + totals.contingency


@given(lines(), st.sampled_from(list(CapexView)))
def test_spread_and_purchase_add_up_to_quantity_times_unit_cost(
    line: Line, view: CapexView
) -> None:
    if line.cost_model not in (CostModel.SPREAD, CostModel.PURCHASE):
        line = replace(
            line,
            cost_model=CostModel.SPREAD,
            drivers={"quantity": "3", "unit_cost": line.drivers.get("unit_cost", "1")},
        )
    num, den = ratio(line.number("quantity") * line.number("unit_cost"))
    expected = round_half_up(num * 100, den)
    cost = line_cost(line, 2, view)
    assert cost.total == expected
    assert all(a >= 0 for a in cost.amounts)
    if line.cost_model is CostModel.PURCHASE and view is CapexView.AMORTIZED:
        assert len(cost.amounts) == int(line.number("useful_life_months"))
        assert max(cost.amounts) - min(cost.amounts) <= 1


@settings(max_examples=60)
@given(st.lists(lines(), min_size=1, max_size=10), st.data())
def test_incremental_recompute_equals_a_full_one(start: list[Line], data: st.DataObject) -> None:
    current = {i + 1: replace(line, id=i + 1) for i, line in enumerate(start)}
    budget = Budget(plan(contingency="10"), current.values())
    next_id = len(current) + 1
    for _ in range(data.draw(st.integers(1, 12))):
        action = data.draw(st.sampled_from(["add", "edit", "remove"]))
        if action == "add" or not current:
            line = replace(data.draw(lines()), id=next_id)
            current[next_id] = line
            next_id += 1
            budget.update(changed=[line])
        elif action == "edit":
            line_id = data.draw(st.sampled_from(sorted(current)))
            line = replace(data.draw(lines()), id=line_id)
            current[line_id] = line
            budget.update(changed=[line])
        else:
            line_id = data.draw(st.sampled_from(sorted(current)))
            del current[line_id]
            budget.update(removed=[line_id])
        full = Budget(plan(contingency="10"), current.values())
        assert budget.totals() == full.totals()
        assert budget.cells == full.cells
        assert budget.flagged == full.flagged
        assert budget.short_windows == full.short_windows
        assert all(budget.line_energy(i) == full.line_energy(i) for i in current)
        assert (budget.energy_kwh(), budget.co2_kg()) == (full.energy_kwh(), full.co2_kg())


def test_lines_outside_the_horizon_still_count_and_are_flagged() -> None:
    inside = Line(
        1,
        1,
        "software",
        "development_tools",
        "version_control",
        "Git",
        CostModel.ONE_TIME,
        {"quantity": "1", "unit_cost": "10"},
        date(2027, 6, 1),
        date(2027, 6, 1),
    )
    outside = replace(inside, id=2, start=date(2028, 3, 1), end=date(2028, 3, 1))
    budget = Budget(plan(), [inside, outside])
    assert budget.subtotal == 2000
    assert budget.flagged == {2}
    assert budget.totals().by_year == {2027: 1000, 2028: 1000}


def test_changing_the_capex_view_recomputes_purchases() -> None:
    gpu = Line(
        1,
        1,
        "computing",
        "hardware",
        "training_gpus",
        "H100",
        CostModel.PURCHASE,
        {"quantity": "1", "unit_cost": "1200", "useful_life_months": "12"},
        date(2027, 1, 1),
        date(2027, 1, 1),
    )
    budget = Budget(plan(), [gpu])
    assert budget.totals().by_month == {2027 * 12: 120000}
    budget.set_plan(plan(capex=CapexView.AMORTIZED))
    assert budget.totals().by_month == {2027 * 12 + m: 10000 for m in range(12)}
