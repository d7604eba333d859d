"""A yearly price next to its twelve rounded months: the contracted figure a finance
partner expects, and the cents DESIGN.md's once-per-month rounding adds or takes."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from app.domain.plan import CapexView, CostModel
from app.engine.contracted import yearly_rounding
from app.engine.line_costs import line_cost
from tests.factories import line
from tests.strategies import DRIVERS

YEAR = (date(2027, 1, 1), date(2027, 12, 31))


def test_two_engineers_at_246_250_with_30_percent_overhead() -> None:
    staff = line(CostModel.STAFF, *YEAR, fte="2", annual_cost="246250", overhead_pct="30")
    rounding = yearly_rounding(staff, 2)
    assert rounding is not None
    assert (rounding.contracted, rounding.month, rounding.months) == (64025000, 5335417, 64025004)
    assert rounding.difference == 4
    assert rounding.note() == (
        "Contracted 640,250.00 a year. Each month is rounded to the cent once (53,354.17), "
        "so 12 months add to 640,250.04."
    )
    # the budget's cells are the rounded months: the rule is unchanged
    assert line_cost(staff, 2, CapexView.CASH).total == rounding.months


def test_a_price_that_divides_into_whole_cents_needs_no_note() -> None:
    staff = line(CostModel.STAFF, *YEAR, fte="1", annual_cost="120000", overhead_pct="0")
    assert yearly_rounding(staff, 2) is None
    monthly = line(CostModel.RECURRING, *YEAR, quantity="1", unit_cost="10", period="month")
    assert yearly_rounding(monthly, 2) is None


def test_a_yen_price_rounds_to_the_whole_unit() -> None:
    licence = line(CostModel.RECURRING, *YEAR, quantity="1", unit_cost="100000", period="year")
    rounding = yearly_rounding(licence, 0)
    assert rounding is not None
    assert rounding.note() == (
        "Contracted 100,000 a year. Each month is rounded to the whole unit once (8,333), "
        "so 12 months add to 99,996."
    )


@given(
    model=st.sampled_from([CostModel.STAFF, CostModel.RECURRING]),
    data=st.data(),
    digits=st.sampled_from([0, 2, 3]),
)
def test_the_months_are_the_budget_s_cells_and_differ_by_under_six_units(
    model: CostModel, data: st.DataObject, digits: int
) -> None:
    drivers = data.draw(DRIVERS[model])
    yearly = line(model, *YEAR, **drivers)
    cells = line_cost(yearly, digits, CapexView.CASH)
    rounding = yearly_rounding(yearly, digits)
    if rounding is None:
        return
    assert cells.total == rounding.months
    # each month is off by at most half a unit: twelve of them by at most six
    assert 0 < abs(rounding.difference) <= 6
