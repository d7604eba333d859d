"""The sample's training run and serving fleet, as a planner sees them beside the form."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.io.compute_catalogue import grid_intensities
from tests.ui.helpers import line_named, show, type_into_field
from ui.editors import compute_panel
from ui.main_window import MainWindow

RUN = "Final fine-tuning run: 70B on 8x H100 SXM"
SERVING = "Inference: L40S fleet sized by demand"


def test_a_training_run_shows_its_chain_from_model_to_co2(qtbot: QtBot, window: MainWindow) -> None:
    editor = show(window, "time")
    run = line_named(editor, RUN)
    editor.select_lines([run.id])
    panel = editor.detail.compute
    assert panel.isVisible()
    text = panel.body.text()
    # 6 × 70e9 × 10e9 = 4.2e21 FLOPs ÷ (989e12 × 0.4 × 0.9 × 3600) = 3,276.79 GPU-hours
    assert "4.2e+21 FLOPs" in text
    assert "3,276.79" in text
    assert "17.07" in text  # ÷ 8 ÷ 24 days
    assert "USD 9,797.59" in text
    assert "2,752.500 kWh" in text  # × 0.7 kW × 1.2 PUE
    assert "1,073.475 kg" in text  # × 0.390
    assert "0.14" in text and "far from compute-optimal" in text  # a fine-tune: 10B tokens on 70B
    editor.grab().save("/tmp/hc_training_panel.png")


def test_serving_shows_the_fleet_each_month_against_an_api(
    qtbot: QtBot, window: MainWindow
) -> None:
    editor = show(window, "computing")
    fleet = line_named(editor, SERVING)
    editor.select_lines([fleet.id])
    panel = editor.detail.compute
    assert panel.isVisible() and panel.api_price.isVisible()
    panel.api_price.setEditText("3.00")
    text = panel.body.text()
    # September: 2e9 × 3 ÷ (800 × 86,400 × 30) → 3 accelerators; 3 × 720 h × 2.25 = 4,860.00
    assert "<td>2027-09</td>" in text and "4,860.00" in text
    # the API: 2e9 × 3.00 ÷ 1e6 = 6,000.00, dearer every month
    assert "6,000.00" in text
    assert "Self-hosting stays cheaper from: <b>2027-09</b>" in text
    # at 2.50 October costs 6,696.00 self-hosted against 6,250.00: cheaper only from December
    panel.api_price.setEditText("2.50")
    assert "Self-hosting stays cheaper from: <b>2027-12</b>" in panel.body.text()
    panel.api_price.setEditText("0.60")
    assert "Self-hosting stays cheaper from: <b>never</b>" in panel.body.text()
    editor.grab().save("/tmp/hc_serving_panel.png")


def test_other_lines_show_no_panel(qtbot: QtBot, window: MainWindow) -> None:
    editor = show(window, "human")
    line = editor.model.lines()[0]
    editor.select_lines([line.id])
    assert not editor.detail.compute.isVisible()


def test_the_summary_shows_the_plans_energy_and_each_categorys(window: MainWindow) -> None:
    # run 2,752.500 kWh + fleet 5,231.520 kWh; CO2 at 0.390 kg per kWh
    assert window.summary.energy.text() == "Energy 7,984.020 kWh · CO₂ 3,113.768 kg"
    shares = window.summary.shares
    tips = {shares.item(r, 0).text(): shares.item(r, 0).toolTip() for r in range(8)}
    assert tips["Computing"] == "Energy 5,231.520 kWh · CO₂ 2,040.293 kg"
    assert tips["Time"] == "Energy 2,752.500 kWh · CO₂ 1,073.475 kg"
    assert tips["Human"] == ""


def test_a_grid_intensity_pick_sets_the_lines_grid(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    picks = tmp_path / "grid-intensity.json"
    picks.write_text(
        json.dumps(
            {
                "format": "budgetwright-grid-intensity",
                "version": 1,
                "entries": [
                    {
                        "key": "fr",
                        "region": "France",
                        "kg_co2_per_kwh": "0.056",
                        "year": 2023,
                        "source": "a fixture in the contract's shape",
                        "as_of": "2024-01-01",
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(compute_panel, "grid_intensities", lambda: grid_intensities(picks))
    editor = show(window, "time")
    run = line_named(editor, RUN)
    editor.select_lines([run.id])
    panel = editor.detail.compute
    assert panel.grid.isVisible() and panel.grid.count() == 2
    assert "France 2023: 0.056 kg/kWh" in panel.grid.itemText(1)
    panel.grid.activated.emit(1)
    stored = window.ctx.lines[run.id]
    assert stored.drivers["grid_kgco2_per_kwh"] == "0.056"
    # 2,752.500 kWh × 0.056 = 154.140 kg
    assert "154.140 kg" in editor.detail.compute.body.text()
    window.actions["edit.undo"].trigger()
    assert window.ctx.lines[run.id].drivers["grid_kgco2_per_kwh"] == "0.390"


USAGE = "Experiments: 2x A100 80GB"


def test_energy_drivers_can_be_added_to_a_usage_line_in_the_form(
    qtbot: QtBot, window: MainWindow
) -> None:
    editor = show(window, "computing")
    line = line_named(editor, USAGE)
    assert "power_watts" not in line.drivers
    editor.select_lines([line.id])
    assert not editor.detail.compute.isVisible()
    for key, text in (("power_watts", "400"), ("pue", "1.1"), ("grid_kgco2_per_kwh", "0.25")):
        type_into_field(qtbot, window, "computing", USAGE, key, text)
        qtbot.keyClick(editor.detail.fields[key].widget, Qt.Key.Key_Tab)
    stored = window.ctx.lines[line.id].drivers
    assert (stored["power_watts"], stored["pue"], stored["grid_kgco2_per_kwh"]) == (
        "400",
        "1.1",
        "0.25",
    )
    panel = editor.detail.compute
    assert panel.isVisible() and panel.grid.isVisible()
    # 2 GPUs × 160 h × 0.6 × 2 whole months = 384 GPU-hours × 0.4 kW × 1.1 PUE = 168.960 kWh
    text = panel.body.text()
    assert "168.960 kWh" in text
    assert "42.240 kg" in text  # × 0.25 kg per kWh
    editor.grab().save("/tmp/hc2_usage_energy.png")
    for _ in range(3):
        window.actions["edit.undo"].trigger()
    assert "power_watts" not in window.ctx.lines[line.id].drivers
    assert not panel.isVisible()


def test_clearing_an_energy_driver_leaves_it_out(qtbot: QtBot, window: MainWindow) -> None:
    editor, field = type_into_field(qtbot, window, "time", RUN, "grid_kgco2_per_kwh", "")
    field.clear()
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    run = line_named(editor, RUN)
    assert "grid_kgco2_per_kwh" not in window.ctx.lines[run.id].drivers
    assert "0.000 kg" in editor.detail.compute.body.text()  # no grid given: no CO₂


def test_a_runs_precision_sets_its_peak_and_a_part_says_what_it_lacks(
    qtbot: QtBot, window: MainWindow
) -> None:
    editor = show(window, "time")
    run = line_named(editor, RUN)
    editor.select_lines([run.id])
    pick = editor.detail.compute.precision
    assert pick.isVisible() and pick.combo.isVisible()
    labels = [pick.combo.itemText(i) for i in range(pick.combo.count())]
    # the sample typed 989; the catalogue's H100 SXM gives 989.5 at BF16 and 1979 at FP8
    assert labels == [
        "Peak as typed: 989 TFLOPS",
        "BF16: 989.5 TFLOPS dense",
        "FP8: 1979 TFLOPS dense",
    ]
    pick.combo.activated.emit(2)
    assert window.ctx.lines[run.id].drivers["peak_tflops"] == "1979"
    assert pick.combo.currentText() == "FP8: 1979 TFLOPS dense"
    assert not pick.note.isVisible()
    window.actions["edit.undo"].trigger()
    assert window.ctx.lines[run.id].drivers["peak_tflops"] == "989"

    catalogue = editor.detail.fields["catalogue"].column
    for key, peak in (("t4_rental", "65"), ("trainium1_rental", "190")):
        assert window.ctx.edit_line(window.ctx.lines[run.id], catalogue, key)
        stored = window.ctx.lines[run.id]
        assert stored.cost_model == "training_run" and stored.catalogue_ref == key
        assert stored.drivers["peak_tflops"] == peak
    assert stored.drivers["power_watts"] == "70", "the T4's 70 W; Trainium publishes none"
    assert pick.note.isVisible() and "no power in watts" in pick.note.text()
    assert "the 70 W shown is not the catalogue's" in pick.note.text()
    assert pick.combo.currentText() == "BF16: 190 TFLOPS dense"
    assert [pick.combo.itemText(i) for i in range(pick.combo.count())] == [
        "BF16: 190 TFLOPS dense",
        "FP8: 190 TFLOPS dense",
    ]
    editor.grab().save("/tmp/hc2_precision.png")
