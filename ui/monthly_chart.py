"""Monthly cost stacked by category: one long-lived bar item per category.

Bars are updated in place (``setOpts``), at most every few tens of milliseconds, so
a burst of edits redraws once. Heights are floats only because pixels are: the
figures themselves are in the tables, to the cent.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.domain.taxonomy import CATEGORY_KEYS
from app.engine.calendar import month_label
from ui.context import AppContext
from ui.theme import CATEGORY_COLOURS

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
REDRAW_MS = 40


class MoneyAxis(pg.AxisItem):
    """Left axis in thousands or millions (``250k``, ``1.2M``)."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return tick_labels([v * scale for v in values])


def tick_labels(values: list[float]) -> list[str]:
    """Short labels (``250k``, ``1.2M``) with as many decimals as the ticks need to be
    read exactly, so no two read the same (``1.5k, 2k, 2.5k``, never ``2k, 2k, 2k``)."""
    largest = max((abs(v) for v in values), default=0.0)
    unit, suffix = (1e6, "M") if largest >= 1e6 else (1e3, "k") if largest >= 1e3 else (1.0, "")
    scaled = [v / unit for v in values]
    labels: list[str] = []
    for decimals in range(0, 10):
        labels = [_short(x, decimals) for x in scaled]
        exact = all(abs(round(x, decimals) - x) <= 1e-9 * max(1.0, abs(x)) for x in scaled)
        if exact and len(set(labels)) == len(labels):
            break
    return [text if text == "0" else text + suffix for text in labels]


def _short(value: float, decimals: int) -> str:
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def style_plot(plot: pg.PlotWidget, pal: QPalette) -> None:
    """A chart's background, axes and grid in the window's palette (light or dark)."""
    plot.setBackground(pal.color(QPalette.ColorRole.Base))
    pen = pg.mkPen(pal.color(QPalette.ColorRole.Text))
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setPen(pen)
        axis.setTextPen(pen)
    plot.showGrid(x=False, y=True, alpha=0.15)


class MonthlyChart(QWidget):
    """The open plan's cost per month, stacked by category, in the category colours."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.plot = pg.PlotWidget(axisItems={"left": MoneyAxis("left")})
        self.plot.setAccessibleName("Monthly cost by category (chart)")
        self.plot.setAccessibleDescription("Bars per month, stacked by category")
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setMouseEnabled(x=False, y=False)
        # not interactive: no tab stop (the figures are in the tables beside it)
        self.plot.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.plot.viewport().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.plot.viewport().setAccessibleName("Monthly cost chart")
        self.plot.setMinimumHeight(170)
        item = self.plot.getPlotItem()
        item.setContentsMargins(2, 6, 6, 2)
        # pyqtgraph makes its options menu without a parent; tie it to the plot so it
        # goes with the window instead of outliving it
        item.ctrlMenu.setParent(self.plot, item.ctrlMenu.windowFlags())
        self.bars: dict[str, pg.BarGraphItem] = {}
        for category in CATEGORY_KEYS:
            colour = pg.mkColor(CATEGORY_COLOURS[category])
            item = pg.BarGraphItem(
                x=np.zeros(1), height=np.zeros(1), width=0.8, brush=colour, pen=pg.mkPen(None)
            )
            self.plot.addItem(item)
            self.bars[category] = item
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.redraws = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REDRAW_MS)
        self._timer.timeout.connect(self.redraw)
        self._drawn: object = None  # the totals the bars show
        ctx.bus.totals_changed.connect(self._on_bus_totals_changed)
        # a plan just opened is drawn at once, with the rest of the window
        ctx.bus.plan_opened.connect(lambda _opened: self.redraw())
        self.apply_palette()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # the desktop went dark, say
            self.apply_palette()

    def apply_palette(self) -> None:
        """Background and axes from the window's palette (light or dark)."""
        style_plot(self.plot, self.palette())

    def _on_bus_totals_changed(self, totals: object) -> None:
        if totals is not self._drawn:
            self._timer.start()

    def redraw(self) -> None:
        """Bars from the current totals (called through a short timer after edits)."""
        self._timer.stop()
        totals, budget = self._ctx.totals, self._ctx.budget
        self._drawn = totals
        if totals is None or budget is None:
            return
        first, last = budget.month_range()
        months = list(range(first, last + 1))
        x = np.arange(len(months), dtype=np.float64)
        scale = float(10**budget.digits)
        base = np.zeros(len(months), dtype=np.float64)
        cells = totals.by_category_month
        for category in CATEGORY_KEYS:
            heights = np.array([cells.get((category, m), 0) for m in months], dtype=np.float64)
            heights /= scale
            self.bars[category].setOpts(x=x, height=heights, y0=base.copy(), width=0.8)
            base += heights
        bottom = self.plot.getAxis("bottom")
        bottom.setTicks([_month_ticks(months)])
        bottom.setLabel(_years(months) if months else "")
        self.plot.setXRange(-0.7, max(len(months) - 0.3, 0.7), padding=0)
        self.plot.setYRange(0, float(base.max()) * 1.08 if len(base) and base.max() > 0 else 1)
        self.redraws += 1

    def series(self, category: str) -> Any:
        """The heights drawn for a category (for tests and screenshots)."""
        return self.bars[category].opts["height"]


def _month_ticks(months: list[int]) -> list[tuple[float, str]]:
    """Quarter starts labelled (``Jan``, ``Apr``, ...); only Januaries on long plans."""
    step = 3 if len(months) <= 36 else 12
    return [(float(i), MONTHS[m % 12]) for i, m in enumerate(months) if m % step == 0]


def _years(months: list[int]) -> str:
    first, last = month_label(months[0])[:4], month_label(months[-1])[:4]
    return first if first == last else f"{first}–{last}"
