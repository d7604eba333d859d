"""What typed text means in a line's or a phase's field (Qt-free rules the editors share)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import InvalidValue
from app.domain.plan import CatalogueEntry, CostModel, FxRate, Phase, Plan
from app.domain.taxonomy import standard_taxonomy
from app.services.line_columns import CATEGORY_COLUMNS, detail_fields
from app.services.line_fields import (
    EditContext,
    NeedsRate,
    counted,
    display_text,
    edit_text,
    grouped_amount,
    new_line,
    normalize_number,
    refusal,
    with_value,
)
from app.services.phase_fields import new_phase, phase_with_value

PLAN = Plan(1, "Plan", "USD", date(2027, 1, 1), date(2027, 12, 31))
H100 = CatalogueEntry(
    7,
    "lambda_h100_sxm",
    "accelerator_rental",
    "H100 SXM on Lambda",
    "GPU-hour",
    "2.99",
    "USD",
    "Lambda price list",
    date(2026, 3, 1),
    category="computing",
    cost_model="usage",
    specs={"memory_gb": "80"},
)
EURO = CatalogueEntry(
    8,
    "eu_gpu",
    "accelerator_rental",
    "EU GPU",
    "GPU-hour",
    "2",
    "EUR",
    "x",
    date(2026, 1, 1),
    category="computing",
)
PHASE = Phase(3, 1, "testing", "Testing", date(2027, 7, 1), date(2027, 8, 31))
CTX = EditContext(PLAN, standard_taxonomy(), {H100.key: H100, EURO.key: EURO}, {3: PHASE})
COLUMNS = {c.key: c for c in CATEGORY_COLUMNS["computing"]}


def _refused(key: str, value: object) -> str:
    with pytest.raises(InvalidValue) as caught:
        with_value(new_line("computing", CTX), COLUMNS[key], value, CTX)
    return refusal(caught.value)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("1,000", "1000"), ("0,5", "0.5"), (" 12 ", "12"), ("USD 4", "4"), ("$4.50", "4.50")],
)
def test_planner_writing_is_read_exactly(typed: str, stored: str) -> None:
    line = with_value(new_line("computing", CTX), COLUMNS["quantity"], typed, CTX)
    assert line.drivers["quantity"] == stored


def test_utilization_is_shown_and_typed_as_a_percentage() -> None:
    line = with_value(new_line("computing", CTX), COLUMNS["utilization"], "85 %", CTX)
    assert line.drivers["utilization"] == "0.85"
    assert display_text(line, COLUMNS["utilization"], CTX) == "85 %"
    assert _refused("utilization", "140 %").startswith("Utilization: “140 %” must be at most 100 %")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("85", "0.85"),
        ("85 %", "0.85"),
        ("85%", "0.85"),
        ("0.85", "0.85"),
        ("1", "1"),
        ("100", "1"),
        ("1 %", "0.01"),
        ("0,5", "0.5"),
        ("62.5", "0.625"),
    ],
)
def test_a_utilization_above_1_is_a_percentage_and_1_or_less_a_fraction(
    typed: str, stored: str
) -> None:
    line = with_value(new_line("computing", CTX), COLUMNS["utilization"], typed, CTX)
    assert line.drivers["utilization"] == stored


def test_a_percent_field_takes_the_percent_with_or_without_its_sign() -> None:
    staff = new_line("human", CTX)
    overhead = {c.key: c for c in CATEGORY_COLUMNS["human"]}["overhead_pct"]
    assert staff.cost_model == CostModel.STAFF
    for typed in ("30", "30 %", "30%"):
        line = with_value(staff, overhead, typed, CTX)
        assert line.drivers["overhead_pct"] == "30"
    line = with_value(staff, overhead, "0.5", CTX)
    assert line.drivers["overhead_pct"] == "0.5", "an overhead is a percent: 0.5 is half a per cent"


def test_a_huge_percentage_is_refused_not_expanded() -> None:
    assert "Utilization" in _refused("utilization", "1e999999999")
    assert "Utilization" in _refused("utilization", "1e999999999 %")


def test_refusals_say_why_in_the_planners_words() -> None:
    assert _refused("quantity", "eight") == "Count: “eight” is not a number"
    assert _refused("quantity", "-1") == "Count: “-1” must not be negative"
    assert _refused("end", "2026-01-01") == "End: “2026-01-01” is before the start 2027-01-01"
    assert _refused("end", "soon") == "End: “soon” is not a date (write it as YYYY-MM-DD)"
    assert "does not apply" in _refused("useful_life_months", "36")
    assert "is worked out" in _refused("total", "5")


def test_a_catalogue_pick_copies_price_and_date_and_asks_for_a_missing_rate() -> None:
    line = with_value(new_line("computing", CTX), COLUMNS["catalogue"], H100.key, CTX)
    assert line.drivers["unit_cost"] == "2.99"
    assert (line.catalogue_price, line.catalogue_as_of, line.name) == (
        "2.99",
        date(2026, 3, 1),
        H100.name,
    )
    with pytest.raises(NeedsRate) as caught:
        with_value(new_line("computing", CTX), COLUMNS["catalogue"], EURO.key, CTX)
    assert caught.value.currency == "EUR" and "has no rate for it" in refusal(caught.value)


def test_a_catalogue_pick_in_a_currency_with_a_rate_keeps_its_currency() -> None:
    plan = replace(PLAN, fx_rates=(FxRate("EUR", "1.08", "ECB", date(2026, 11, 30)),))
    ctx = replace(CTX, plan=plan)
    line = with_value(new_line("computing", ctx), COLUMNS["catalogue"], EURO.key, ctx)
    assert (line.currency, line.drivers["unit_cost"]) == ("EUR", "2")
    assert display_text(line, COLUMNS["currency"], ctx) == "EUR"
    assert display_text(line, COLUMNS["unit_cost@one_time+recurring+spread+usage"], ctx) == "EUR 2"
    back = with_value(line, COLUMNS["currency"], "USD", ctx)
    assert back.currency is None  # the plan's own
    with pytest.raises(NeedsRate):
        with_value(line, COLUMNS["currency"], "GBP", ctx)


def test_following_a_phase_takes_its_dates_and_typing_a_date_stops_following() -> None:
    line = with_value(new_line("time", CTX), COLUMNS_TIME["phase"], 3, CTX)
    assert line.phase_id == 3 and not line.dates_from_phase
    line = with_value(line, COLUMNS_TIME["dates_from_phase"], True, CTX)
    assert (line.start, line.end, line.dates_from_phase) == (PHASE.start, PHASE.end, True)
    line = with_value(line, COLUMNS_TIME["end"], date(2027, 8, 15), CTX)
    assert (line.end, line.dates_from_phase) == (date(2027, 8, 15), False)
    with pytest.raises(InvalidValue, match="choose the line's phase first"):
        with_value(new_line("time", CTX), COLUMNS_TIME["dates_from_phase"], True, CTX)


COLUMNS_TIME = {c.key: c for c in CATEGORY_COLUMNS["time"]}


def test_changing_the_cost_model_keeps_shared_drivers() -> None:
    line = with_value(new_line("computing", CTX), COLUMNS["quantity"], "8", CTX)
    line = with_value(line, COLUMNS["cost_model"], "purchase", CTX)
    assert line.cost_model is CostModel.PURCHASE
    assert line.drivers == {"quantity": "8", "unit_cost": "0", "useful_life_months": "36"}


def test_the_detail_form_shows_every_driver_with_the_tables_titles() -> None:
    staff = with_value(new_line("computing", CTX), COLUMNS["cost_model"], "staff", CTX)
    titles = [c.title for c in detail_fields("computing", staff)]
    assert {"FTE", "Annual cost", "Overhead %"} <= set(titles)
    usage = new_line("computing", CTX)
    assert "Count" in [c.title for c in detail_fields("computing", usage)]


@given(st.decimals(min_value=0, max_value=10**9, places=4, allow_nan=False, allow_infinity=False))
def test_what_an_editor_shows_reads_back_to_the_same_driver(value: Decimal) -> None:
    column = COLUMNS["hours_per_month"] if value <= 744 else COLUMNS["quantity"]
    line = with_value(new_line("computing", CTX), column, str(value), CTX)
    again = with_value(line, column, edit_text(line, column), CTX)
    shown = with_value(line, column, display_text(line, column, CTX), CTX)
    assert again.drivers == line.drivers == shown.drivers


def test_amounts_are_grouped_to_the_cent() -> None:
    assert grouped_amount(134720227, 2) == "1,347,202.27"
    assert grouped_amount(-5, 2) == "-0.05"
    assert grouped_amount(1234, 0) == "1,234"
    assert normalize_number("abc") == "abc"


def test_phase_edits_refuse_loops_unknown_phases_and_reversed_dates() -> None:
    research = Phase(1, 1, "research", "Research", date(2027, 1, 1), date(2027, 2, 28))
    dev = Phase(
        2,
        1,
        "development",
        "Development",
        date(2027, 3, 1),
        date(2027, 6, 30),
        depends_on=("research",),
    )
    phases = [research, dev]
    assert phase_with_value(dev, "depends_on", "", phases).depends_on == ()
    with pytest.raises(InvalidValue, match="loop"):
        phase_with_value(research, "depends_on", "Development", phases)
    with pytest.raises(InvalidValue, match="no phase of this plan is called that"):
        phase_with_value(dev, "depends_on", "Launch", phases)
    with pytest.raises(InvalidValue, match="is before the start"):
        phase_with_value(dev, "end", "2027-02-01", phases)
    added = new_phase(PLAN, phases)
    assert (added.start, added.depends_on, added.key) == (
        date(2027, 7, 1),
        ("development",),
        "new_phase",
    )


def test_counts_read_1_line_and_2_lines() -> None:
    assert [counted(n, "line") for n in (0, 1, 2, 1200)] == [
        "0 lines",
        "1 line",
        "2 lines",
        "1,200 lines",
    ]
