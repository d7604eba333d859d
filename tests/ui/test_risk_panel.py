"""The Risk dock: the engine's percentiles, an undoable contingency, re-runs after edits."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain.plan import PlanSnapshot
from app.engine.risk import RiskResult, simulate
from app.services.line_fields import grouped_amount
from tests.ui.helpers import settle
from ui.main_window import MainWindow
from ui.risk.panel import RUNS, SEED, RiskPanel


def risk_panel(qtbot: QtBot, window: MainWindow) -> RiskPanel:
    window.actions["view.risk"].trigger()
    settle()
    panel = window.risk.panel()
    qtbot.waitUntil(lambda: panel.result is not None or bool(panel.message), timeout=30_000)
    return panel


def engine(window: MainWindow) -> RiskResult:
    ctx = window.ctx
    assert ctx.plan is not None
    snapshot = PlanSnapshot(ctx.plan, tuple(ctx.phases.values()), tuple(ctx.plan_lines()))
    return simulate(snapshot, runs=RUNS, seed=SEED)


def test_the_panel_shows_the_engines_percentiles(qtbot: QtBot, window: MainWindow) -> None:
    assert window.risk.dock.content is None  # nothing built before it is asked for
    panel = risk_panel(qtbot, window)
    assert window.actions["view.risk"].isChecked()
    result = engine(window)
    assert panel.result is not None and not panel.out_of_date
    assert panel.result.percentiles == result.percentiles
    assert panel.result.base == result.base
    p80 = next(
        panel.table.item(r, 1).text()
        for r in range(panel.table.rowCount())
        if panel.table.item(r, 0).text() == "P80"
    )
    assert p80 == grouped_amount(result.percentiles[80], result.digits)
    markers = panel.distribution.markers[80]
    assert round(markers[0].value() * 100) == result.percentiles[80]
    assert len(panel.tornado.shares) == len(result.drivers)


def test_set_contingency_to_p80_and_undo(qtbot: QtBot, window: MainWindow) -> None:
    panel = risk_panel(qtbot, window)
    ctx = window.ctx
    assert ctx.plan is not None and panel.result is not None
    before = ctx.plan.contingency_pct
    expected = panel.result.contingency_pct(80)
    result = panel.result
    assert expected == max(
        Decimal(0),
        (Decimal(result.percentiles[80] - result.base) * 100 / result.base).quantize(
            Decimal("0.01")
        ),
    )
    assert expected != before
    assert panel.set_button.text() == "Set contingency to P80"
    qtbot.mouseClick(panel.set_button, Qt.MouseButton.LeftButton)
    assert ctx.plan.contingency_pct == expected
    assert ctx.workspace is not None and ctx.plan.id is not None
    stored = ctx.workspace.snapshot(ctx.plan.id).plan.contingency_pct
    assert stored == expected
    assert ctx.undo_stack.count() == 1
    window.actions["edit.undo"].trigger()
    settle()
    assert ctx.plan.contingency_pct == before
    assert ctx.workspace.snapshot(ctx.plan.id).plan.contingency_pct == before


def test_another_percentile(qtbot: QtBot, window: MainWindow) -> None:
    panel = risk_panel(qtbot, window)
    panel.choice.setCurrentIndex(panel.choice.findText("P95"))
    assert panel.set_button.text() == "Set contingency to P95"
    assert panel.result is not None
    expected = panel.result.contingency_pct(95)
    qtbot.mouseClick(panel.set_button, Qt.MouseButton.LeftButton)
    assert window.ctx.plan is not None and window.ctx.plan.contingency_pct == expected


def test_a_contingency_change_does_not_rerun(qtbot: QtBot, window: MainWindow) -> None:
    panel = risk_panel(qtbot, window)
    runs = panel.runs_started
    qtbot.mouseClick(panel.set_button, Qt.MouseButton.LeftButton)
    qtbot.wait(600)
    assert panel.runs_started == runs and not panel.out_of_date


def test_an_edit_marks_the_result_out_of_date_until_the_new_one(
    qtbot: QtBot, window: MainWindow
) -> None:
    panel = risk_panel(qtbot, window)
    ctx = window.ctx
    old = panel.result
    assert old is not None
    driver = old.drivers[0].line
    line = ctx.lines[driver.id]
    high = Decimal(line.high_estimate or "0")
    with qtbot.waitSignal(panel.result_shown, timeout=30_000):
        assert ctx.change_lines([replace(line, high_estimate=str(high * 2))], "Widen the range")
        assert panel.out_of_date
        assert "out of date" in panel.status.text()
        assert panel.result is old  # the last result stays shown meanwhile
        assert not panel.set_button.isEnabled()
        faded = panel.tabs.graphicsEffect()
        assert faded is not None and faded.isEnabled()  # drawn faint while stale
    assert not panel.out_of_date and panel.result is not old
    assert not faded.isEnabled()
    assert panel.result is not None
    assert panel.result.percentiles == engine(window).percentiles
    assert panel.result.percentiles[90] > old.percentiles[90]
    assert panel.set_button.isEnabled()


def test_a_plan_without_ranges_shows_the_engines_message(qtbot: QtBot, window: MainWindow) -> None:
    panel = risk_panel(qtbot, window)
    ctx = window.ctx
    ranged = [
        replace(line, low_estimate=None, high_estimate=None)
        for line in ctx.plan_lines()
        if line.low_estimate is not None or line.high_estimate is not None
    ]
    with qtbot.waitSignal(panel.result_shown, timeout=30_000):
        assert ctx.change_lines(ranged, "No ranges")
    assert panel.result is None
    assert "no line has a range" in panel.message
    assert panel.stack.currentWidget() is panel.notice
    assert not panel.set_button.isEnabled()


def test_a_capex_view_change_reruns(qtbot: QtBot, window: MainWindow) -> None:
    # it can move the lines' totals, the most likely of each range
    from app.domain.plan import CapexView
    from app.services.plan_commands import EditPlan

    panel = risk_panel(qtbot, window)
    ctx = window.ctx
    assert ctx.plan is not None and ctx.plan.id is not None and panel.result is not None
    runs = panel.runs_started
    with qtbot.waitSignal(panel.result_shown, timeout=30_000):
        assert ctx.run(EditPlan(ctx.plan.id, capex_view=CapexView.AMORTIZED), "Amortize")
        assert panel.out_of_date
    assert panel.result is not None and not panel.out_of_date
    assert panel.runs_started == runs + 1
    assert ctx.budget is not None and panel.result.base == ctx.budget.subtotal
    assert panel.result.percentiles == engine(window).percentiles


def test_the_tornado_writes_each_share_and_names_lines_in_full(
    qtbot: QtBot, window: MainWindow
) -> None:
    panel = risk_panel(qtbot, window)
    assert panel.result is not None
    drivers = panel.result.drivers
    shown = [item.textItem.toPlainText() for item in panel.tornado.values if item.isVisible()]
    assert shown == [f"{float(d.share) * 100:.1f} %" for d in reversed(drivers)]
    tip = panel.tornado.plot.toolTip()
    assert all(d.line.name in tip for d in drivers)
    assert panel.status.text().endswith(
        f"P80 USD {grouped_amount(panel.result.percentiles[80], 2)}"
    )
