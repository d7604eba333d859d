"""Training runs and serving lines through the workbook and back, drivers exact."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import openpyxl

from app.io import plan_json
from app.io.xlsx import read_workbook, write_workbook
from app.paths import resource


def test_compute_lines_come_back_exactly_with_their_fixed_dates(tmp_path: Path) -> None:
    sample = plan_json.read_file(resource("sample.budget.json"))
    lines = tuple(
        replace(ln, dates_fixed=True) if ln.cost_model == "training_run" else ln
        for ln in sample.lines
    )
    snapshot = replace(sample, lines=lines)
    out = tmp_path / "compute.xlsx"
    write_workbook(snapshot, [], out)
    back = read_workbook(out)
    before = {ln.name: ln for ln in snapshot.lines}
    for line in back.lines:
        old = before[line.name]
        assert (line.cost_model, dict(line.drivers), line.start, line.end) == (
            old.cost_model,
            dict(old.drivers),
            old.start,
            old.end,
        ), line.name
        assert line.dates_fixed == old.dates_fixed, line.name


def test_the_workbook_shows_hours_energy_and_co2_beside_the_drivers(tmp_path: Path) -> None:
    sample = plan_json.read_file(resource("sample.budget.json"))
    out = tmp_path / "sample.xlsx"
    write_workbook(sample, [], out)
    wb = openpyxl.load_workbook(out, data_only=True)
    sheet = wb["Time Resources"]
    keys = [c.value for c in sheet[1]]
    run = next(r for r in sheet.iter_rows(min_row=3, values_only=True) if r[0] and "run" in r[0])
    row = dict(zip(keys, run, strict=False))
    assert row["driver.parameters"] == 70_000_000_000
    assert row["energy_kwh"] == 2752.5 and row["co2_kg"] == 1073.475
    monthly = wb["Monthly"]
    header = [c.value for c in monthly[5]]
    found = next(r for r in monthly.iter_rows(min_row=6, values_only=True) if r[1] == run[0])
    cells = dict(zip(header, found, strict=False))
    # accelerator-hours and the run's whole cost, both live formulas of its drivers
    assert round(cells["Growth or life"], 2) == 3276.79
    assert round(cells["Rate or amount"], 2) == 9797.59
    formulas = openpyxl.load_workbook(out)["Monthly"]
    step = next(r for r in formulas.iter_rows(min_row=6) if r[1].value == run[0])
    assert str(step[header.index("Growth or life")].value).startswith("=IF(")
