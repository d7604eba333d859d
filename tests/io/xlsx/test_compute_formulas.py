"""Compute lines in the workbook as live formulas: serving's months wherever a spreadsheet
lands on the engine's cents (numbers where a float sits a hair from a whole accelerator),
and a training run's energy and CO₂."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from app.domain.plan import CostModel, Line, PlanSnapshot
from app.io import plan_json
from app.io.xlsx import write_workbook
from app.paths import resource
from tests.io.xlsx.conftest import Recalc
from tests.io.xlsx.test_recalc import assert_engine_figures


def serving(name: str, **drivers: str) -> Line:
    base = {
        "tokens_per_month": "2000000000",
        "growth_per_month": "500000000",
        "tokens_per_second": "800",
        "unit_cost": "2.25",
    }
    return Line(
        None,
        0,
        "computing",
        "cloud",
        "aws_gcp_azure_options",
        name,
        CostModel.SERVING,
        {**base, **drivers},
        date(2027, 1, 15),
        date(2028, 3, 10),
    )


def snapshot() -> PlanSnapshot:
    sample = plan_json.read_file(resource("sample.budget.json"))
    extra = (
        serving("Peak and floor", peak_to_average="1.5", min_accelerators="2"),
        serving("Falling to nothing", growth_per_month="-300000000"),
        # 2,592,000 tokens a day at 1 token/s: 11 accelerators exactly in a 30-day month
        serving(
            "At capacity", tokens_per_month="28512000", growth_per_month="0", tokens_per_second="1"
        ),
        # the same demand as 25,920,000 × 1.1: 11.000000000000002 in doubles
        serving(
            "A hair over",
            tokens_per_month="25920000",
            growth_per_month="0",
            tokens_per_second="1",
            peak_to_average="1.1",
        ),
    )
    return replace(sample, lines=(*sample.lines, *extra))


def month_cells(path: Path, name: str) -> list[object]:
    ws = openpyxl.load_workbook(path)["Monthly"]
    row = next(r for r in ws.iter_rows(min_row=6, values_only=True) if r[1] == name)
    return [v for v in row[9:] if v not in (None, 0)]


def test_serving_months_are_formulas_unless_a_float_would_round_otherwise(
    tmp_path: Path,
) -> None:
    plan = snapshot()
    out = tmp_path / "serving.xlsx"
    write_workbook(plan, [], out)
    for name in ("Inference: L40S fleet sized by demand", "Peak and floor", "At capacity"):
        cells = month_cells(out, name)
        assert cells and all(str(v).startswith("=ROUND(MAX(") for v in cells), name
    assert all(isinstance(v, int | float) for v in month_cells(out, "A hair over"))


@pytest.mark.slow
def test_libreoffice_recalculates_serving_months_to_the_engines_cents(
    recalc: Recalc, tmp_path: Path
) -> None:
    plan = snapshot()
    out = tmp_path / "serving.xlsx"
    write_workbook(plan, [], out)
    (recalculated,) = recalc([out])
    assert_engine_figures(out, plan)
    assert_engine_figures(recalculated, plan)


def energy_of(path: Path, data_only: bool) -> tuple[object, object]:
    sheet = openpyxl.load_workbook(path, data_only=data_only)["Time Resources"]
    keys = [c.value for c in sheet[1]]
    run = next(r for r in sheet.iter_rows(min_row=3, values_only=True) if r[0] and "run" in r[0])
    row = dict(zip(keys, run, strict=False))
    return row["energy_kwh"], row["co2_kg"]


@pytest.mark.slow
def test_a_runs_energy_and_co2_are_formulas_libreoffice_agrees_with(
    recalc: Recalc, tmp_path: Path
) -> None:
    out = tmp_path / "energy.xlsx"
    write_workbook(snapshot(), [], out)
    kwh, co2 = energy_of(out, data_only=False)
    assert str(kwh).startswith("=ROUND(") and str(co2).startswith("=ROUND(")
    (recalculated,) = recalc([out])
    # 3,276.79 GPU-hours × 0.7 kW × 1.2 PUE = 2,752.500 kWh; × 0.390 kg per kWh
    assert energy_of(recalculated, data_only=True) == (2752.5, 1073.475)
    # a planner's edit flows: twice the power, twice the energy (2 × 2,752.49972)
    wb = openpyxl.load_workbook(out)
    sheet = wb["Time Resources"]
    keys = {c.value: c.column for c in sheet[1]}
    for r in range(3, sheet.max_row + 1):
        if "run" in str(sheet.cell(r, 1).value):
            sheet.cell(r, keys["driver.power_watts"]).value = 1400
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    (again,) = recalc([edited])
    assert energy_of(again, data_only=True) == (5504.999, 2146.95)  # 5,504.99944 exact
