"""The risk panel's charts: the subtotal's histogram and S-curve, and the drivers' tornado.

They draw a :class:`~app.engine.risk.RiskResult` as it is; every figure they mark is
the engine's own (minor units, shown in the plan's currency).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.engine.risk import RiskResult
from ui.monthly_chart import MoneyAxis, style_plot

MARKED = (50, 80, 90)
"""The percentiles marked on the histogram and the S-curve."""
BINS = 40
CURVE_POINTS = 400
ROWS = 10
"""Rows the tornado has room for (the engine gives at most ten drivers)."""


def _plot(left: pg.AxisItem | None = None, bottom: pg.AxisItem | None = None) -> pg.PlotWidget:
    axes = {}
    if left is not None:
        axes["left"] = left
    if bottom is not None:
        axes["bottom"] = bottom
    plot = pg.PlotWidget(axisItems=axes)
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.setMouseEnabled(x=False, y=False)
    plot.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    plot.setMinimumHeight(140)
    item = plot.getPlotItem()
    item.setContentsMargins(2, 6, 8, 2)
    # pyqtgraph makes its options menu without a parent: tie it to the plot
    item.ctrlMenu.setParent(plot, item.ctrlMenu.windowFlags())
    return plot


class DistributionChart(QWidget):
    """How often each subtotal came out (bars) and how likely it is not to be exceeded."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.histogram = _plot(bottom=MoneyAxis("bottom"))
        self.histogram.setAccessibleName("Histogram of the simulated subtotal (chart)")
        self.histogram.setLabel("left", "runs")
        self.curve_plot = _plot(left=None, bottom=MoneyAxis("bottom"))
        self.curve_plot.setAccessibleName("Chance the subtotal is not exceeded (chart)")
        self.curve_plot.setLabel("left", "%")
        self.curve_plot.setYRange(0, 100, padding=0.02)
        self.bars = pg.BarGraphItem(x=[], height=[], width=1.0)
        self.histogram.addItem(self.bars)
        self.curve = pg.PlotDataItem([], [])
        self.curve_plot.addItem(self.curve)
        self.markers: dict[int, tuple[pg.InfiniteLine, pg.InfiniteLine]] = {}
        for i, p in enumerate(MARKED):
            # labels staggered in height so that close percentiles stay readable
            lines = (
                pg.InfiniteLine(angle=90, label=f"P{p}", labelOpts={"position": 0.95 - 0.09 * i}),
                pg.InfiniteLine(angle=90, label=f"P{p}", labelOpts={"position": 0.08 + 0.14 * i}),
            )
            self.histogram.addItem(lines[0], ignoreBounds=True)
            self.curve_plot.addItem(lines[1], ignoreBounds=True)
            self.markers[p] = lines
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.histogram, 3)
        layout.addWidget(self.curve_plot, 2)
        self.apply_palette()

    def show_result(self, result: RiskResult, scale: float) -> None:
        values = np.asarray(result.subtotals) / scale
        counts, edges = np.histogram(values, bins=BINS)
        self.bars.setOpts(
            x=(edges[:-1] + edges[1:]) / 2, height=counts, width=float(edges[1] - edges[0])
        )
        picks = np.linspace(0, len(values) - 1, min(CURVE_POINTS, len(values))).astype(int)
        self.curve.setData(values[picks], (picks + 1) * 100.0 / len(values))
        for p, lines in self.markers.items():
            for line in lines:
                line.setPos(result.percentiles[p] / scale)
        for plot in (self.histogram, self.curve_plot):
            plot.setXRange(float(edges[0]), float(edges[-1]), padding=0.03)
        self.histogram.enableAutoRange(axis="y")

    def apply_palette(self) -> None:
        pal = self.palette()
        accent = pal.color(QPalette.ColorRole.Highlight)
        text = pal.color(QPalette.ColorRole.Text)
        for plot in (self.histogram, self.curve_plot):
            style_plot(plot, pal)
        fill = QColor(accent)
        fill.setAlpha(150)
        self.bars.setOpts(brush=pg.mkBrush(fill), pen=pg.mkPen(accent))
        self.curve.setPen(pg.mkPen(accent, width=2))
        for lines in self.markers.values():
            for line in lines:
                line.setPen(pg.mkPen(text, style=Qt.PenStyle.DashLine))
                line.label.setColor(text)

    def changeEvent(self, event: Any) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.apply_palette()


class NameAxis(pg.AxisItem):
    """A left axis that names the bars (``names[i]`` at ``y = i``)."""

    def __init__(self) -> None:
        super().__init__("left")
        self.names: list[str] = []

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        out = []
        for v in values:
            i = round(v)
            out.append(self.names[i] if abs(v - i) < 1e-6 and 0 <= i < len(self.names) else "")
        return out


class TornadoChart(QWidget):
    """The top drivers: each line's share of the subtotal's variance, largest on top."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names = NameAxis()
        self.plot = _plot(left=self.names)
        self.plot.setAccessibleName("Lines that drive the spread (chart)")
        self.plot.setLabel("bottom", "share of variance (%)")
        self.bars = pg.BarGraphItem(x0=[], y=[], width=[], height=0.6)
        self.plot.addItem(self.bars)
        self.shares: list[float] = []
        # each bar's share written at its end: the axis gives only a scale
        self.values = [pg.TextItem(anchor=(0, 0.5)) for _ in range(ROWS)]
        for item in self.values:
            self.plot.addItem(item, ignoreBounds=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.apply_palette()

    def show_result(self, result: RiskResult) -> None:
        drivers = list(reversed(result.drivers))  # the largest at the top
        self.shares = [float(d.share) * 100 for d in drivers]
        self.names.names = [_short(d.line.name) for d in drivers]
        count = len(drivers)
        self.bars.setOpts(x0=[0.0] * count, y=list(range(count)), width=self.shares)
        self.names.setTicks([[(i, self.names.names[i]) for i in range(count)]])
        rows = max(count, ROWS)  # bars keep one thickness, the largest at the top
        self.plot.setYRange(count - rows - 0.5, count - 0.5, padding=0)
        widest = max(self.shares, default=100.0)
        self.plot.setXRange(0, widest, padding=0.05)
        for i, item in enumerate(self.values):
            item.setVisible(i < count)
            if i < count:
                # after a short bar, inside the end of a long one (a narrow dock has no
                # room to the right of the longest)
                inside = self.shares[i] > widest * 0.6
                item.setAnchor((1, 0.5) if inside else (0, 0.5))
                item.setText(f"{self.shares[i]:.1f} %")
                item.setPos(self.shares[i], i)
        # the whole names (the axis shortens long ones) with their shares
        self.plot.setToolTip(
            "\n".join(f"{d.line.name}: {float(d.share) * 100:.1f} %" for d in result.drivers)
        )

    def apply_palette(self) -> None:
        pal = self.palette()
        style_plot(self.plot, pal)
        self.plot.showGrid(x=True, y=False, alpha=0.15)
        accent = pal.color(QPalette.ColorRole.Highlight)
        fill = QColor(accent)
        fill.setAlpha(180)
        self.bars.setOpts(brush=pg.mkBrush(fill), pen=pg.mkPen(accent))
        for item in self.values:
            item.setColor(pal.color(QPalette.ColorRole.Text))

    def changeEvent(self, event: Any) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.apply_palette()


def _short(name: str, width: int = 28) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"
