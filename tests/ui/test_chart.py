"""The monthly chart: follows edits, follows the palette, survives many repaints.

The repaint smoke test guards against platform-pitfalls R1 (PySide6 6.12 on Python
3.11 drops a reference to None on every painter call and aborts after a few hundred
pyqtgraph repaints); a dependency bump that brings it back fails here loudly.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor, QPalette
from pytestqt.qtbot import QtBot

from tests.ui.helpers import line_named, show, type_into_cell
from ui.main_window import MainWindow


def test_a_pyqtgraph_plot_repaints_a_thousand_times(qtbot: QtBot) -> None:
    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    plot.resize(400, 300)
    plot.show()
    qtbot.waitExposed(plot)
    curve = plot.plot(np.arange(200, dtype=np.float64), np.zeros(200))
    bars = pg.BarGraphItem(x=np.arange(12, dtype=np.float64), height=np.ones(12), width=0.8)
    plot.addItem(bars)
    rng = np.random.default_rng(7)
    for i in range(1000):
        curve.setData(np.arange(200, dtype=np.float64), rng.random(200))
        bars.setOpts(height=rng.random(12) * (i + 1))
        plot.repaint()
    assert plot.isVisible()


def test_the_chart_stacks_each_category_month_by_month(qtbot: QtBot, window: MainWindow) -> None:
    chart = window.summary.chart
    qtbot.waitUntil(lambda: chart.redraws > 0)
    totals = window.ctx.totals
    assert totals is not None
    first, last = window.ctx.budget.month_range()  # type: ignore[union-attr]
    human = chart.series("human")
    assert len(human) == last - first + 1 == 12
    # heights are the totals in currency units (January: 82,690.12 of people)
    assert human[0] == totals.by_category_month[("human", first)] / 100
    # stacked: each category's bars start where the one below ends
    assert chart.bars["human"].opts["y0"][0] == chart.series("computing")[0]
    before = chart.redraws
    editor = show(window, "human")
    ml = line_named(editor, "ML engineers")
    type_into_cell(qtbot, editor, ml.id, "fte", "4")  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: chart.redraws > before)
    assert chart.series("human")[0] > human[0]


def test_the_chart_takes_its_colours_from_the_palette(window: MainWindow) -> None:
    chart = window.summary.chart
    dark = QPalette(chart.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e0e0e0"))
    chart.setPalette(dark)
    chart.apply_palette()
    assert chart.plot.backgroundBrush().color().name() == "#1e1e1e"
    assert chart.plot.getAxis("left").textPen().color().name() == "#e0e0e0"
