"""Each cost model, hand-computed, including the edges a planner hits: one-day lines,
lines across a year end, 29 February, and half-cent rounding."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.plan import CapexView, CostModel
from app.engine.line_costs import largest_remainder, line_cost
from tests.factories import line

D = date
CASH, AMORTIZED = CapexView.CASH, CapexView.AMORTIZED


def cells(
    model: CostModel,
    start: date,
    end: date,
    view: CapexView = CASH,
    digits: int = 2,
    **drivers: str,
) -> list[int]:
    return list(line_cost(line(model, start, end, **drivers), digits, view).amounts)


def test_one_time_lands_whole_in_the_start_month() -> None:
    cost = line_cost(
        line(CostModel.ONE_TIME, D(2027, 3, 15), D(2027, 9, 1), quantity="3", unit_cost="1999.995"),
        2,
        CASH,
    )
    assert cost.first == 2027 * 12 + 2
    assert cost.amounts == (599999,)  # 5999.985 rounds half-up to 5999.99


def test_recurring_monthly_full_and_partial_months() -> None:
    # 2 seats x 100/month, 15 Jan to 10 Mar: Jan 17/31, Feb full, Mar 10/31
    assert cells(
        CostModel.RECURRING,
        D(2027, 1, 15),
        D(2027, 3, 10),
        quantity="2",
        unit_cost="100",
        period="month",
    ) == [10968, 20000, 6452]


def test_recurring_yearly_is_a_twelfth_a_month() -> None:
    assert cells(
        CostModel.RECURRING,
        D(2027, 1, 1),
        D(2027, 2, 28),
        quantity="1",
        unit_cost="779",
        period="year",
    ) == [6492, 6492]  # 64.9166.. each


def test_usage_multiplies_all_four_drivers() -> None:
    # 8 GPUs x 200 h x 0.85 x 2.99 = 4066.40 a month
    assert cells(
        CostModel.USAGE,
        D(2027, 3, 1),
        D(2027, 4, 30),
        quantity="8",
        hours_per_month="200",
        utilization="0.85",
        unit_cost="2.99",
    ) == [406640, 406640]


def test_staff_loads_overhead_and_prorates_by_day() -> None:
    # 2 x 180000 x 1.3 / 12 = 39000 a month; 17 of 31 days in January
    assert cells(
        CostModel.STAFF,
        D(2027, 1, 15),
        D(2027, 2, 28),
        fte="2",
        annual_cost="180000",
        overhead_pct="30",
    ) == [2138710, 3900000]


def test_volume_grows_per_month_since_start() -> None:
    # (1000 + 500k) x 0.023: 23.00, 34.50, 46.00; last month 15 of 31 days
    assert cells(
        CostModel.VOLUME,
        D(2027, 1, 1),
        D(2027, 3, 15),
        volume="1000",
        growth_per_month="500",
        unit_cost="0.023",
    ) == [2300, 3450, 2226]


def test_spread_shares_by_active_days_and_adds_up_exactly() -> None:
    # 1000.00 over 10 Jan..9 Mar 2027: 22 + 28 + 9 = 59 days
    amounts = cells(CostModel.SPREAD, D(2027, 1, 10), D(2027, 3, 9), quantity="1", unit_cost="1000")
    assert amounts == [37288, 47458, 15254]
    assert sum(amounts) == 100000


def test_spread_of_one_day() -> None:
    assert cells(
        CostModel.SPREAD, D(2027, 5, 5), D(2027, 5, 5), quantity="1", unit_cost="10.005"
    ) == [1001]


def test_purchase_cash_is_all_in_the_start_month() -> None:
    assert cells(
        CostModel.PURCHASE,
        D(2027, 2, 3),
        D(2027, 2, 3),
        quantity="4",
        unit_cost="4500",
        useful_life_months="36",
    ) == [1800000]


def test_purchase_amortized_equal_months_extra_cents_go_first() -> None:
    amounts = cells(
        CostModel.PURCHASE,
        D(2027, 2, 3),
        D(2027, 2, 3),
        AMORTIZED,
        quantity="1",
        unit_cost="100",
        useful_life_months="3",
    )
    assert amounts == [3334, 3333, 3333]


def test_a_line_of_one_day_in_a_monthly_model() -> None:
    # 31 Jan only: 1/31 of 310.00
    assert cells(
        CostModel.RECURRING,
        D(2027, 1, 31),
        D(2027, 1, 31),
        quantity="1",
        unit_cost="310",
        period="month",
    ) == [1000]


def test_a_line_crossing_the_year_end() -> None:
    cost = line_cost(
        line(
            CostModel.RECURRING,
            D(2026, 12, 16),
            D(2027, 1, 16),
            quantity="1",
            unit_cost="310",
            period="month",
        ),
        2,
        CASH,
    )
    assert cost.first == 2026 * 12 + 11
    assert cost.amounts == (16000, 16000)  # 16/31 of 310 in each month


def test_29_february_counts_as_a_day() -> None:
    # 2028 is a leap year: February has 29 days
    assert cells(
        CostModel.RECURRING,
        D(2028, 2, 29),
        D(2028, 2, 29),
        quantity="1",
        unit_cost="290",
        period="month",
    ) == [1000]
    assert cells(CostModel.SPREAD, D(2028, 2, 28), D(2028, 3, 1), quantity="1", unit_cost="3") == [
        200,
        100,
    ]


def test_sub_cent_token_prices_stay_exact() -> None:
    # 1,000,000 x 0.0000025 = 2.50 exactly, no float drift
    assert cells(
        CostModel.ONE_TIME, D(2027, 1, 1), D(2027, 1, 1), quantity="1000000", unit_cost="0.0000025"
    ) == [250]


def test_half_cent_rounds_up_once_per_cell() -> None:
    assert cells(
        CostModel.ONE_TIME, D(2027, 1, 1), D(2027, 1, 1), quantity="1", unit_cost="0.005"
    ) == [1]
    assert cells(
        CostModel.ONE_TIME, D(2027, 1, 1), D(2027, 1, 1), quantity="1", unit_cost="0.0049999"
    ) == [0]


def test_currencies_without_minor_units() -> None:
    assert cells(
        CostModel.ONE_TIME, D(2027, 1, 1), D(2027, 1, 1), digits=0, quantity="1", unit_cost="1000.5"
    ) == [1001]


@pytest.mark.parametrize(
    ("total", "weights", "shares"),
    [
        (100, [1, 1, 1], [34, 33, 33]),
        (2, [1, 1, 1], [1, 1, 0]),
        (10, [1, 2], [3, 7]),
        (0, [5, 5], [0, 0]),
        (7, [3], [7]),
    ],
)
def test_largest_remainder(total: int, weights: list[int], shares: list[int]) -> None:
    assert largest_remainder(total, weights) == shares
