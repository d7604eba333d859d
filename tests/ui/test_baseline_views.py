"""A baseline drawn against the plan: ghost bars on the timeline where the baseline's
dates were, and the baseline's cumulative curve on the cumulative cost chart."""

from __future__ import annotations

import os
from itertools import accumulate
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.services.versions import baseline_budget
from tests.ui.conftest import open_window
from tests.ui.helpers import settle
from tests.versions_setup import BASELINE, diverged
from ui.main_window import MainWindow
from ui.timeline.painting import LABEL, ROW

SHOTS = os.environ.get("BUDGETWRIGHT_SHOTS", "")
"""A folder to save what the tests draw, for a person to look at (unset: nothing saved)."""


@pytest.fixture
def ids(db_path: Path) -> dict[str, int]:
    return diverged(db_path)


@pytest.fixture
def window(qtbot: QtBot, ids: dict[str, int], db_path: Path, settings_path: Path) -> MainWindow:
    window = open_window(qtbot, db_path, settings_path)
    if window.ctx.plan is None or window.ctx.plan.id != ids["sample"]:
        with qtbot.waitSignal(window.ctx.bus.plan_opened, timeout=10_000):
            window.ctx.open_plan(ids["sample"])
        qtbot.waitUntil(lambda: not window.ctx.loading, timeout=10_000)
    return window


def test_a_baseline_whose_dates_differ_shows_as_ghost_bars(
    window: MainWindow, ids: dict[str, int]
) -> None:
    window.resize(1400, 900)
    window.schedule.show_timeline()
    settle()
    pane = window.schedule.timeline()
    view = pane.view
    view.set_zoom(3.0)
    key = f"line:{ids['moved']}"
    index = view.layout_.row_of(key) if view.layout_ else None
    assert index is not None
    view.ensure_visible(index)
    settle()
    row = view.rows[index]
    assert row.start is not None and row.end is not None
    before = view.viewport().grab().toImage()
    assert view.frame().ghosts == {}

    pane.baseline.choose(BASELINE)
    settle()
    assert window.ctx.baseline.name == BASELINE
    frame = view.frame()
    start, end = frame.ghosts[key]
    assert (start, end) != (row.start, row.end) and start < row.start  # moved two months on
    # where only the baseline's bar lies (before today's bar starts), the pixels changed
    after = view.viewport().grab().toImage()
    x = round((frame.sx(start) + frame.sx(row.start)) / 2)
    assert LABEL < x < frame.sx(row.start)
    y = round(frame.sy(index) + ROW / 2)
    assert after.pixelColor(x, y) != before.pixelColor(x, y)
    if SHOTS:
        pane.grab().save(f"{SHOTS}/timeline-ghosts.png")

    pane.baseline.choose(None)
    settle()
    assert view.frame().ghosts == {}
    assert view.viewport().grab().toImage().pixelColor(x, y) == before.pixelColor(x, y)


def test_the_cumulative_chart_draws_the_baselines_curve(
    window: MainWindow, ids: dict[str, int]
) -> None:
    window.schedule.show_charts()
    settle()
    chart = window.schedule.charts().cumulative
    assert chart.baseline_values == []
    window.schedule.show_timeline()
    settle()
    window.schedule.timeline().baseline.choose(BASELINE)
    settle()
    ws = window.ctx.workspace
    assert ws is not None
    frozen = baseline_budget(ws, ids["sample"], BASELINE).totals().by_month
    assert chart.baseline_values == list(accumulate(frozen.get(m, 0) for m in chart.months))
    assert chart.baseline_values != chart.values
    assert chart.baseline_values[-1] == sum(frozen.values())
    xs, _ys = chart.baseline_curve.getData()
    assert len(xs) == len(chart.months)
    assert "Baseline Approved v1" in chart.describe(len(chart.months) - 1, 0)
    if SHOTS:
        chart.grab().save(f"{SHOTS}/cumulative-baseline.png")
