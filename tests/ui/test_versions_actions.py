"""Plan → New Scenario and Plan → Save Baseline, clicked as a planner clicks them."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.services.compare import Side, compare
from app.services.versions import baseline_snapshot, line_origins, list_baselines
from app.services.workspace import Workspace
from ui import prompts
from ui.main_window import MainWindow


def test_new_scenario_opens_a_copy_that_compares_line_by_line(
    qtbot: QtBot, window: MainWindow, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = window.ctx.plan
    assert source is not None and source.id is not None
    monkeypatch.setattr(prompts, "ask_text", lambda *_a, **_k: "Rent instead")
    with qtbot.waitSignal(window.ctx.bus.plan_opened, timeout=10_000):
        window.actions["plan.scenario"].trigger()
    scenario = window.ctx.plan
    assert scenario is not None and scenario.name == "Rent instead" and scenario.id is not None
    assert len(window.ctx.lines) == 33
    ws = window.ctx.workspace
    assert ws is not None
    assert len(line_origins(ws, scenario.id)) == 33
    a, b = ws.snapshot(source.id), ws.snapshot(scenario.id)
    result = compare(Side(a.plan.name, a), Side(b.plan.name, b, line_origins(ws, scenario.id)))
    assert result["lines"] == {"added": [], "removed": [], "changed": []}


def test_save_baseline_freezes_the_plan_and_refuses_a_name_twice(
    window: MainWindow, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = window.ctx.plan
    assert plan is not None and plan.id is not None
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(prompts, "ask_text", lambda *_a, **_k: "Approved v1")
    monkeypatch.setattr(prompts, "show_info", lambda _p, title, text: shown.append(("i", text)))
    monkeypatch.setattr(prompts, "show_error", lambda _p, title, text: shown.append(("e", text)))
    window.actions["plan.baseline"].trigger()
    window.actions["plan.baseline"].trigger()
    assert shown[0][0] == "i" and "Approved v1" in shown[0][1]
    assert shown[1][0] == "e" and "already has a baseline" in shown[1][1]
    ws = window.ctx.workspace
    assert ws is not None
    assert [b.name for b in list_baselines(ws, plan.id)] == ["Approved v1"]
    assert len(baseline_snapshot(ws, plan.id, "Approved v1").lines) == 33
    other = Workspace.open(db_path)
    assert [b.name for b in list_baselines(other, plan.id)] == ["Approved v1"]
    other.close()
