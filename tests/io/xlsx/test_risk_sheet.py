"""The workbook's Risk sheet: the simulated percentiles and each range as formulas."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from app.engine.risk import risk_json, simulate
from app.io.xlsx import read_workbook, write_workbook
from app.services.workspace import Workspace

SAMPLE = "Support assistant: fine-tune and serve"


def test_the_risk_sheet_has_the_cli_percentiles_and_live_pert_formulas(
    workspace: Workspace, tmp_path: Path
) -> None:
    plan = workspace.find_plan(SAMPLE)
    assert plan.id is not None
    snapshot = workspace.snapshot(plan.id)
    path = tmp_path / "b.xlsx"
    write_workbook(snapshot, workspace.catalogue(), path)
    report = risk_json(simulate(snapshot, workspace.budget(plan.id)), plan.name, plan.currency)

    values = openpyxl.load_workbook(path, data_only=True)["Risk"]
    rows = {r[0]: r for r in values.iter_rows(values_only=True) if r[0]}
    for key in ("p10", "p50", "p80", "p95", "mean"):
        label = "Mean" if key == "mean" else key.upper()
        assert rows[label][2] == pytest.approx(float(report[key]), abs=0.005)
    assert rows["Base (the plan's subtotal)"][2] == pytest.approx(float(report["base"]))
    assert rows["P80"][3] == pytest.approx(float(report["contingency_p80"]), abs=0.01)
    line = rows["Fine-tuning cluster: 8x H100 SXM"]
    assert line[1:5] == ("Computing Resources", 14000, pytest.approx(17892.16), 32000)
    assert line[5] == pytest.approx((14000 + 4 * 17892.16 + 32000) / 6)
    assert line[6] == pytest.approx(3000)

    formulas = openpyxl.load_workbook(path)["Risk"]
    cells = {r[0].value: r for r in formulas.iter_rows() if r[0].value}
    row = cells["Fine-tuning cluster: 8x H100 SXM"]
    n = row[0].row
    assert row[3].value.startswith("='Computing Resources'!")
    assert (row[5].value, row[6].value) == (f"=(C{n}+4*D{n}+E{n})/6", f"=(E{n}-C{n})/6")
    assert cells["Base (the plan's subtotal)"][2].value == "=PlanSubtotal"
    # The sheet is ignored on the way back in: the plan reads back whole.
    back = read_workbook(path)
    assert len(back.lines) == len(snapshot.lines)


def test_a_plan_without_ranges_gets_a_note(workspace: Workspace, tmp_path: Path) -> None:
    plan = workspace.find_plan(SAMPLE)
    assert plan.id is not None
    snapshot = workspace.snapshot(plan.id)
    fixed = replace(
        snapshot,
        lines=tuple(replace(x, low_estimate=None, high_estimate=None) for x in snapshot.lines),
    )
    path = tmp_path / "b.xlsx"
    write_workbook(fixed, workspace.catalogue(), path)
    sheet = openpyxl.load_workbook(path)["Risk"]
    assert "No simulation: plan" in str(sheet["A3"].value)
    assert "no line has a range" in str(sheet["A3"].value)
