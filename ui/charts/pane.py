"""The Charts dock's content: the live charts in tabs, their clicks passed on."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from ui.charts.base import LiveChart
from ui.charts.cumulative import CumulativeChart
from ui.charts.phases import PhaseChart
from ui.charts.shares import ShareChart
from ui.context import AppContext


class ChartsPane(QTabWidget):
    """Cumulative cost, cost by phase and category shares, one tab each."""

    category_clicked = Signal(str)
    """A category was clicked in a chart."""
    month_clicked = Signal(int)
    """A month was clicked in a chart (its index)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("charts-pane")
        self.setDocumentMode(True)
        self.cumulative = CumulativeChart(ctx)
        self.phases = PhaseChart(ctx)
        self.shares = ShareChart(ctx)
        self.charts: tuple[LiveChart, ...] = (self.cumulative, self.phases, self.shares)
        for chart in self.charts:
            self.addTab(chart, chart.title)
            chart.setToolTip("Right-click to copy the chart or save it as PNG or SVG")
            chart.category_clicked.connect(self.category_clicked)
            chart.month_clicked.connect(self.month_clicked)
