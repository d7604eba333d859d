"""Variance worked by hand to the cent, month by month (issue 11 point 5's JSON)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.errors import InvalidValue
from app.domain.plan import CostModel, Line, Plan
from app.domain.taxonomy import CATEGORY_KEYS
from app.engine.variance import SpentRow, spent_by_category_month, variance

SOFTWARE = ("software", "development_tools", "version_control")
DATA = ("data", "training_data", "volume_requirements")
PLAN = Plan(1, "Pilot", "USD", date(2027, 1, 1), date(2027, 4, 30), contingency_pct=Decimal("10"))
LINES = (
    # 2 x 10.50 a month, January to April: 21.00 a month
    Line(1, 1, *SOFTWARE, "Git hosting", CostModel.RECURRING,
         {"quantity": "2", "unit_cost": "10.50", "period": "month"},
         date(2027, 1, 1), date(2027, 4, 30)),
    # 3 x 333.335 = 1000.005, rounded half up once: 1000.01 in February
    Line(2, 1, *DATA, "Labels", CostModel.ONE_TIME, {"quantity": "3", "unit_cost": "333.335"},
         date(2027, 2, 10), date(2027, 2, 10)),
)  # fmt: skip
SPENT: list[SpentRow] = [
    (date(2027, 1, 20), "25.00", "USD", "software", 1),
    (date(2027, 2, 11), "990.004", "USD", "data", 2),  # rounds to 990.00
    (date(2027, 2, 12), "0.005", "USD", "software", 1),  # rounds half up to 0.01
    (date(2027, 3, 5), "40", "USD", "computing", None),  # booked to a category, no line
    (date(2027, 5, 2), "7.50", "USD", "software", 1),  # after the plan's last month
]
CATEGORIES = {1: "software", 2: "data"}


def _report(as_of: int | None = None) -> dict[str, object]:
    spent = spent_by_category_month(PLAN, SPENT, CATEGORIES)
    return variance(PLAN, LINES, spent, as_of).as_json()


def _zero() -> dict[str, str]:
    return dict.fromkeys(
        (
            "budget_to_date",
            "actual_to_date",
            "variance_to_date",
            "budget_at_completion",
            "forecast_at_completion",
        ),
        "0.00",
    )


def test_a_hand_worked_variance_as_of_the_last_actual() -> None:
    report = _report()
    assert report["by_month"] == {
        "2027-01": {"budget": "21.00", "actual": "25.00", "variance": "4.00"},
        "2027-02": {"budget": "1021.01", "actual": "990.01", "variance": "-31.00"},
        "2027-03": {"budget": "21.00", "actual": "40.00", "variance": "19.00"},
        "2027-04": {"budget": "21.00", "actual": "0.00", "variance": "-21.00"},
        "2027-05": {"budget": "0.00", "actual": "7.50", "variance": "7.50"},
    }
    by_category = report["by_category"]
    assert isinstance(by_category, dict) and list(by_category) == list(CATEGORY_KEYS)
    assert by_category["computing"] == _zero() | {
        "actual_to_date": "40.00",
        "variance_to_date": "40.00",
        "forecast_at_completion": "40.00",
    }
    assert {k: v for k, v in report.items() if k not in ("by_month", "by_category")} == {
        "plan": "Pilot",
        "currency": "USD",
        "as_of": "2027-05",  # the last month with an actual
        "budget_at_completion": "1084.01",
        "budget_to_date": "1084.01",
        # 25.00 + 990.00 + 0.01 + 40.00 + 7.50
        "actual_to_date": "1062.51",
        "variance_to_date": "-21.50",
        "forecast_at_completion": "1062.51",
        "variance_at_completion": "-21.50",
        "contingency": "108.40",  # 10 % of 1084.01, apart from the budget
    }


def test_a_hand_worked_variance_as_of_february() -> None:
    report = _report(2027 * 12 + 1)
    assert report["as_of"] == "2027-02"
    assert report["budget_to_date"] == "1042.01"  # 21.00 + 1021.01
    assert report["actual_to_date"] == "1015.01"  # 25.00 + 990.00 + 0.01
    assert report["variance_to_date"] == "-27.00"
    # actual to date + the budget of March and April (the May actual is after as-of)
    assert report["forecast_at_completion"] == "1057.01"
    assert report["variance_at_completion"] == "-27.00"
    by_category = report["by_category"]
    assert isinstance(by_category, dict)
    assert by_category["software"] == {
        "budget_to_date": "42.00",
        "actual_to_date": "25.01",
        "variance_to_date": "-16.99",
        "budget_at_completion": "84.00",
        "forecast_at_completion": "67.01",
    }
    assert by_category["data"] == {
        "budget_to_date": "1000.01",
        "actual_to_date": "990.00",
        "variance_to_date": "-10.01",
        "budget_at_completion": "1000.01",
        "forecast_at_completion": "990.00",
    }
    assert by_category["computing"] == _zero()  # its actual is in March, after as-of
    # every month is shown whatever the as-of month
    assert list(report["by_month"]) == ["2027-01", "2027-02", "2027-03", "2027-04", "2027-05"]  # type: ignore[call-overload]


def test_no_actuals_means_no_as_of_and_the_budget_as_forecast() -> None:
    report = variance(PLAN, LINES, {}).as_json()
    assert report["as_of"] is None
    assert (report["budget_to_date"], report["actual_to_date"]) == ("0.00", "0.00")
    assert report["forecast_at_completion"] == report["budget_at_completion"] == "1084.01"


def test_an_actual_follows_its_line_into_another_category() -> None:
    moved = spent_by_category_month(PLAN, SPENT[:1], {1: "infrastructure"})
    assert moved == {("infrastructure", 2027 * 12): 2500}
    gone = spent_by_category_month(PLAN, SPENT[:1], {})  # the line was deleted
    assert gone == {("software", 2027 * 12): 2500}


def test_an_actual_in_a_currency_without_a_rate_is_refused() -> None:
    with pytest.raises(InvalidValue, match="EUR"):
        spent_by_category_month(PLAN, [(date(2027, 1, 1), "1", "EUR", "data", None)], {})


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 5),
            st.sampled_from(CATEGORY_KEYS),
            st.decimals(min_value=-10_000, max_value=10_000, places=2),
        ),
        max_size=30,
    ),
    st.integers(2027 * 12 - 1, 2027 * 12 + 5),
)
def test_the_totals_are_the_sums_of_their_parts(
    rows: list[tuple[int, str, Decimal]], as_of: int
) -> None:
    spent_rows: list[SpentRow] = [
        (date(2027, 1 + m, 1), str(a), "USD", c, None) for m, c, a in rows
    ]
    result = variance(PLAN, LINES, spent_by_category_month(PLAN, spent_rows, {}), as_of)
    months = result.months
    assert sum(a for _, a in months.values()) == sum(round(a * 100) for _, _, a in rows)
    assert sum(b for b, _ in months.values()) == result.budget_at_completion == 108401
    assert result.actual_to_date == sum(
        round(a * 100) for m, _, a in rows if 2027 * 12 + m <= as_of
    )
    # forecast = actual to date + budget after as-of, so the two variances agree
    assert (
        result.forecast_at_completion - result.budget_at_completion
        == result.actual_to_date - result.budget_to_date
    )
