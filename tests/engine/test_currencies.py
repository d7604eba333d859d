"""A EUR plan with USD and GBP lines agrees to the cent with the hand-worked fixture."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from app.domain.errors import InvalidValue
from app.domain.fx import to_plan_minor
from app.domain.money import format_amount
from app.engine.budget import Budget
from app.engine.calendar import month_label
from tests.currency_fixture import BY_LINE, BY_MONTH, CONTINGENCY, LINES, PLAN, SUBTOTAL, TOTAL


def _budget() -> Budget:
    return Budget(PLAN, [replace(line, id=i + 1) for i, line in enumerate(LINES)])


def test_each_line_month_matches_the_hand_worked_figures() -> None:
    budget = _budget()
    for i, line in enumerate(LINES):
        cost = budget.cells[i + 1]
        shown = {
            month_label(cost.first + k): format_amount(a, 2)
            for k, a in enumerate(cost.amounts)
            if a
        }
        assert shown == BY_LINE[line.name], line.name


def test_months_and_totals_match_the_hand_worked_figures() -> None:
    budget = _budget()
    totals = budget.totals()
    assert {month_label(m): format_amount(a, 2) for m, a in totals.by_month.items()} == BY_MONTH
    assert format_amount(totals.subtotal, 2) == SUBTOTAL
    assert format_amount(totals.contingency, 2) == CONTINGENCY
    assert format_amount(totals.total, 2) == TOTAL


def test_a_rate_change_recomputes_only_through_the_rate() -> None:
    budget = _budget()
    dearer = tuple(replace(r, rate="1.00") if r.currency == "USD" else r for r in PLAN.fx_rates)
    budget.set_plan(replace(PLAN, fx_rates=dearer))
    assert format_amount(budget.line_total(1), 2) == "2322.58"  # 1000 × 10/31 + 2 000
    budget.set_plan(PLAN)
    assert format_amount(budget.subtotal, 2) == SUBTOTAL


def test_a_line_in_a_currency_without_a_rate_is_refused_naming_it() -> None:
    line = replace(LINES[0], id=1, currency="CHF")
    with pytest.raises(InvalidValue) as caught:
        Budget(PLAN, [line])
    assert "CHF" in str(caught.value) and "has no rate" in str(caught.value)


def test_to_plan_minor_converts_and_rounds_once() -> None:
    assert to_plan_minor(Decimal("100"), "USD", PLAN) == 9200
    assert to_plan_minor(Decimal("100.005"), "GBP", PLAN) == 11701
    assert to_plan_minor(Decimal("12.345"), "EUR", PLAN) == 1235
    with pytest.raises(InvalidValue):
        to_plan_minor(Decimal("1"), "JPY", PLAN)
