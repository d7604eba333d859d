"""The monthly chart: follows edits, follows the palette, survives many repaints.

The repaint smoke test guards against platform-pitfalls R1 (PySide6 6.12 on Python
3.11 drops a reference to None on every painter call and aborts after a few hundred
pyqtgraph repaints); a dependency bump that brings it back fails here loudly.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtGui import QColor, QPalette
from pytestqt.qtbot import QtBot

from app.domain.colours import CATEGORY_COLOURS as DOMAIN_COLOURS
from tests.ui.helpers import line_named, show, type_into_cell
from ui.main_window import MainWindow
from ui.monthly_chart import tick_labels
from ui.theme import CATEGORY_COLOURS


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


def test_axis_labels_never_repeat_a_value() -> None:
    assert tick_labels([1500.0, 2000.0, 2500.0]) == ["1.5k", "2k", "2.5k"]
    assert tick_labels([0.0, 50_000.0, 100_000.0]) == ["0", "50k", "100k"]
    assert tick_labels([1_000_000.0, 1_250_000.0, 1_500_000.0]) == ["1M", "1.25M", "1.5M"]
    assert tick_labels([0.0, 2.0, 4.0]) == ["0", "2", "4"]


@given(
    start=st.integers(min_value=0, max_value=10**9),
    step=st.sampled_from([1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000]),
    count=st.integers(min_value=2, max_value=12),
    power=st.integers(min_value=0, max_value=4),
)
def test_evenly_spaced_ticks_read_differently(
    start: int, step: int, count: int, power: int
) -> None:
    spacing = step * 10**power
    values = [float(start * spacing + i * spacing) for i in range(count)]
    labels = tick_labels(values)
    assert len(set(labels)) == len(labels), (values, labels)


def test_the_window_and_the_pdf_pack_share_the_category_colours() -> None:
    from app.io.pdf.styles import CATEGORY_COLOURS as PDF_COLOURS

    for category, hex_ in CATEGORY_COLOURS.items():
        assert PDF_COLOURS[category].hexval().lower() == "0x" + hex_[1:].lower()
    assert CATEGORY_COLOURS is DOMAIN_COLOURS
