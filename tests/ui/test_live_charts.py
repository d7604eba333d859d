"""The live charts show the engine's figures to the cent, after edits and undo, and export."""

from __future__ import annotations

from dataclasses import replace
from itertools import accumulate
from pathlib import Path

import numpy as np
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app.domain.taxonomy import CATEGORY_KEYS
from app.engine.budget import Budget, Totals
from tests.ui.helpers import settle
from ui.charts.base import LiveChart
from ui.charts.pane import ChartsPane
from ui.main_window import MainWindow


def charts(window: MainWindow) -> ChartsPane:
    window.schedule.show_charts()
    settle()
    return window.schedule.charts()


def engine(window: MainWindow) -> Totals:
    """The plan's totals worked out afresh (not the window's incremental budget)."""
    ctx = window.ctx
    assert ctx.plan is not None
    return Budget(ctx.plan, ctx.lines.values()).totals()


def cents(values: object) -> list[int]:
    return [round(float(v) * 100) for v in np.asarray(values)]


def shown(pane: ChartsPane, chart: LiveChart) -> None:
    pane.setCurrentWidget(chart)
    settle()


def assert_charts_match_engine(window: MainWindow, pane: ChartsPane) -> None:
    totals = engine(window)
    shown(pane, pane.cumulative)
    _x, y = pane.cumulative.curve.getData()
    months = pane.cumulative.months
    assert cents(y) == list(accumulate(totals.by_month.get(m, 0) for m in months))
    assert cents(y)[-1] == totals.subtotal
    shown(pane, pane.phases)
    phases = sorted(window.ctx.phases.values(), key=lambda p: p.position)
    expected = [totals.by_phase.get(p.id, 0) for p in phases]
    if totals.by_phase.get(None, 0):
        expected.append(totals.by_phase[None])
    assert cents(pane.phases.bars.opts["width"]) == expected
    shown(pane, pane.shares)
    widths = cents(pane.shares.bars.opts["width"])
    assert widths == [totals.by_category.get(c, 0) for c in CATEGORY_KEYS]


def test_charts_equal_the_engine_after_an_edit_and_after_undo(window: MainWindow) -> None:
    pane = charts(window)
    assert_charts_match_engine(window, pane)
    before = engine(window)
    ctx = window.ctx
    line = next(ln for ln in ctx.plan_lines() if ln.category == "computing")
    drivers = {**line.drivers, "quantity": "13"}
    assert ctx.change_lines([replace(line, drivers=drivers)], "Edit count")
    settle()
    assert engine(window).subtotal != before.subtotal
    assert_charts_match_engine(window, pane)
    ctx.undo_stack.undo()
    settle()
    assert engine(window) == before
    assert_charts_match_engine(window, pane)


def test_hover_shows_the_exact_amount(window: MainWindow) -> None:
    pane = charts(window)
    totals = engine(window)
    chart = pane.cumulative
    last = len(chart.months) - 1
    text = chart.describe(float(last), 0.0)
    assert text.endswith(f"{totals.subtotal // 100:,}.{totals.subtotal % 100:02d} USD")
    shown(pane, pane.shares)
    human = CATEGORY_KEYS.index("human")
    amount = totals.by_category["human"]
    assert f"{amount // 100:,}.{amount % 100:02d} USD" in pane.shares.describe(1.0, float(human))


def test_clicking_a_category_shows_its_editor(window: MainWindow) -> None:
    pane = charts(window)
    shown(pane, pane.shares)
    chart = pane.shares
    box = chart.plot.getPlotItem().vb
    row = CATEGORY_KEYS.index("data")
    scene = box.mapViewToScene(QPointF(float(chart.values["data"]) / 200, float(row)))
    point = chart.plot.mapFromScene(scene)
    QTest.mouseClick(chart.plot.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(point))
    settle()
    assert window.editors.category == "data"


def test_each_chart_copies_and_saves_as_png_and_svg(window: MainWindow, tmp_path: Path) -> None:
    pane = charts(window)
    for chart in pane.charts:
        shown(pane, chart)
        for suffix in ("png", "svg"):
            path = tmp_path / f"{chart.objectName()}.{suffix}"
            chart.save(path)
            assert path.stat().st_size > 1000
        assert (tmp_path / f"{chart.objectName()}.svg").read_text().lstrip().startswith("<?xml")
        chart.copy()
        assert not QGuiApplication.clipboard().pixmap().isNull()


def test_clicking_a_month_filters_the_editor_and_the_timeline(window: MainWindow) -> None:
    window.schedule.show_timeline()
    settle()
    view = window.schedule.timeline().view
    pane = charts(window)
    chart = pane.cumulative
    shown(pane, chart)
    ctx = window.ctx
    budget = ctx.budget
    assert budget is not None
    editor = window.editors.show_category("human")
    lines = ctx.category_lines("human")
    # a month in which some of the category's lines cost something and some do not
    i, month = next(
        (i, m)
        for i, m in enumerate(chart.months)
        if 0 < sum(budget.cells[line.id or 0].amount(m) != 0 for line in lines) < len(lines)
    )
    box = chart.plot.getPlotItem().vb
    scene = box.mapViewToScene(QPointF(float(i), float(chart.values[i]) / 200))
    point = chart.plot.mapFromScene(scene)
    QTest.mouseClick(chart.plot.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(point))
    settle()

    proxy = editor.proxy
    visible = {
        editor.model.line(proxy.mapToSource(proxy.index(r, 0)).row()).name
        for r in range(proxy.rowCount())
    }
    costing = {line.name for line in lines if budget.cells[line.id or 0].amount(month) != 0}
    assert visible == costing
    names = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    chip = editor.month_chip
    assert chip.isVisible()
    assert chip.text() == f"Month: {names[month % 12]} {month // 12} \N{MULTIPLICATION SIGN}"

    # the timeline shows the same lines (and follows the chip being cleared)
    idle = {line.id for line in lines if line.name not in costing}
    assert idle and idle <= view.hidden
    QTest.mouseClick(chip, Qt.MouseButton.LeftButton)
    settle()
    assert not chip.isVisible()
    assert proxy.rowCount() == len(lines)
    assert not view.hidden


def test_with_both_docks_open_category_names_and_the_editor_stay_readable(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.editors.show_category("time")  # (its phases table once kept the timeline short)
    window.editors.show_category("computing")
    for width, height in ((1024, 700), (1440, 900)):
        window.resize(width, height)
        qtbot.waitUntil(lambda w=width: window.width() == w)  # type: ignore[misc]
        window.schedule.show_timeline()
        window.schedule.show_charts()
        settle()
        QTest.qWait(50)
        settle()
        nav = window.navigator
        metrics = nav.fontMetrics()
        for row in range(nav.navigator_model.rowCount()):
            index = nav.navigator_model.index(row, 0)
            room = nav.visualRect(index).width() - nav.iconSize().width() - 8
            assert room >= metrics.horizontalAdvance(index.data()), (width, index.data())
        assert window.editors.width() >= 380, width
        summary = window.summary
        assert summary.visibleRegion().boundingRect().width() >= summary.minimumSizeHint().width()
        # the timeline dock gets the height it asks for (320 px or more): it shows rows
        assert window.schedule.timeline_dock.height() >= 300, width
        assert window.schedule.charts().width() >= 300, width
        window.schedule.charts_dock.hide()
        window.schedule.timeline_dock.hide()
