"""Editing compute-sized lines as a planner does: switch a line to a training run, pick
an accelerator, change the tokens, type an end date."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from app.domain.plan import CatalogueEntry, CostModel, Plan
from app.domain.taxonomy import standard_taxonomy
from app.domain.validation import check_line
from app.engine.budget import Budget
from app.engine.compute import compute_end
from app.services.compute_fields import accelerator_drivers, accelerator_of
from app.services.line_columns import CATEGORY_COLUMNS, detail_fields
from app.services.line_fields import EditContext, new_line, with_value

PLAN = Plan(1, "Plan", "USD", date(2027, 1, 1), date(2027, 12, 31))
H100 = CatalogueEntry(
    7,
    "h100_sxm_rental",
    "accelerator_rental",
    "NVIDIA H100 SXM5 80GB (cloud, per GPU-hour)",
    "GPU-hour",
    "3.00",
    "USD",
    "accelerators.csv",
    date(2026, 3, 1),
    category="computing",
    cost_model="usage",
    specs={"bf16_dense_tflops": "989", "fp8_dense_tflops": "1979", "tdp_w": "700"},
)
CTX = EditContext(PLAN, standard_taxonomy(), {H100.key: H100})
COLUMNS = {c.key: c for c in CATEGORY_COLUMNS["computing"]}


def test_a_line_switched_to_a_training_run_is_complete_and_ends_with_its_compute() -> None:
    line = new_line("computing", CTX)
    run = with_value(line, COLUMNS["cost_model"], "training_run", CTX)
    check_line(run, CTX.taxonomy)
    assert run.cost_model == CostModel.TRAINING_RUN
    assert run.end == compute_end(run.start, run.drivers)
    assert not run.dates_fixed


def test_picking_an_accelerator_fills_peak_power_and_rate_and_keeps_the_run() -> None:
    run = with_value(new_line("computing", CTX), COLUMNS["cost_model"], "training_run", CTX)
    picked = with_value(run, COLUMNS["catalogue"], H100.key, CTX)
    assert picked.cost_model == CostModel.TRAINING_RUN
    assert picked.drivers["peak_tflops"] == "989"
    assert picked.drivers["power_watts"] == "700"
    assert picked.drivers["unit_cost"] == "3.00"
    assert picked.catalogue_ref == H100.key
    fields = {c.driver for c in detail_fields("computing", picked) if c.field == "driver"}
    assert {"parameters", "tokens", "peak_tflops", "mfu", "power_watts"} <= fields


def test_more_tokens_move_the_end_until_the_planner_types_one() -> None:
    run = with_value(new_line("computing", CTX), COLUMNS["cost_model"], "training_run", CTX)
    tokens = next(c for c in detail_fields("computing", run) if c.driver == "tokens")
    longer = with_value(run, tokens, "1400000000000", CTX)
    assert longer.end > run.end
    assert longer.end == compute_end(longer.start, longer.drivers)
    fixed = with_value(longer, COLUMNS["end"], "2027-01-03", CTX)
    assert fixed.dates_fixed and fixed.end == date(2027, 1, 3)
    still = with_value(fixed, tokens, "2800000000000", CTX)
    assert still.end == date(2027, 1, 3), "a fixed window stays"
    budget = Budget(PLAN, [replace(still, id=1)])
    assert budget.short_windows == {1}, "too short for the compute: flagged, not refused"


def test_a_usage_line_picking_an_accelerator_still_becomes_usage() -> None:
    line = new_line("computing", CTX)
    picked = with_value(line, COLUMNS["catalogue"], H100.key, CTX)
    assert picked.cost_model == CostModel.USAGE
    assert "power_watts" not in picked.drivers


T4 = replace(
    H100,
    id=8,
    key="t4_rental",
    name="NVIDIA T4 16GB (cloud, per GPU-hour)",
    price="0.526",
    specs={"fp16_dense_tflops": "65", "tdp_w": "70"},
)
TRAINIUM = replace(
    H100,
    id=9,
    key="trainium1_rental",
    name="AWS Trainium (per chip-hour)",
    unit="chip-hour",
    price="1.34",
    specs={"bf16_dense_tflops": "190", "fp8_dense_tflops": "190"},
)
OLDER = EditContext(PLAN, standard_taxonomy(), {e.key: e for e in (H100, T4, TRAINIUM)})


def test_a_part_without_bf16_or_power_fills_what_it_has_and_keeps_the_run() -> None:
    run = with_value(new_line("computing", OLDER), COLUMNS["cost_model"], "training_run", OLDER)
    t4 = with_value(run, COLUMNS["catalogue"], T4.key, OLDER)
    assert t4.cost_model == CostModel.TRAINING_RUN, "a T4 does not turn the run into usage"
    assert (t4.drivers["peak_tflops"], t4.drivers["power_watts"]) == ("65", "70")
    assert t4.drivers["unit_cost"] == "0.526"
    trainium = with_value(t4, COLUMNS["catalogue"], TRAINIUM.key, OLDER)
    assert trainium.cost_model == CostModel.TRAINING_RUN
    assert trainium.drivers["peak_tflops"] == "190"
    assert trainium.drivers["power_watts"] == "70", "no published power: the typed one stays"
    spec = accelerator_of(TRAINIUM)
    assert spec is not None and spec.missing() == ["no power in watts (not published)"]
    t4_spec = accelerator_of(T4)
    assert t4_spec is not None and t4_spec.precisions == ("fp16",)
    bf16 = accelerator_of(T4, "bf16")
    assert bf16 is not None and bf16.peak_tflops is None
    assert accelerator_drivers(run, H100, "fp8")["peak_tflops"] == "1979"


def test_energy_drivers_are_offered_in_the_form_and_cleared_back_out() -> None:
    usage = new_line("computing", CTX)
    assert usage.cost_model == CostModel.USAGE and "power_watts" not in usage.drivers
    fields = {c.driver: c for c in detail_fields("computing", usage) if c.field == "driver"}
    assert {"power_watts", "pue", "grid_kgco2_per_kwh"} <= set(fields)
    powered = with_value(usage, fields["power_watts"], "700", CTX)
    assert powered.drivers["power_watts"] == "700"
    again = {c.driver: c for c in detail_fields("computing", powered) if c.field == "driver"}
    cleared = with_value(powered, again["power_watts"], "", CTX)
    assert "power_watts" not in cleared.drivers
    staff = {c.driver for c in detail_fields("human", new_line("human", CTX))}
    assert "power_watts" not in staff, "only models with energy offer it"
