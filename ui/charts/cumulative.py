"""The plan's cumulative cost month by month: the S-curve."""

from __future__ import annotations

from itertools import accumulate

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.engine.calendar import month_index, month_label
from ui.charts.base import LiveChart
from ui.context import AppContext
from ui.monthly_chart import _month_ticks, _years
from ui.theme import CATEGORY_COLOURS, error_colour

DASH = Qt.PenStyle.DashLine
BASELINE_COLOUR = "#D9822B"
"""A baseline's curve: an orange that stands apart from the plan's blue in both themes."""


class CumulativeChart(LiveChart):
    """Cost to date at the end of each month of the plan (before contingency)."""

    title = "Cumulative cost"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("chart-cumulative")
        colour = pg.mkColor(CATEGORY_COLOURS["computing"])
        fill = pg.mkColor(CATEGORY_COLOURS["computing"])
        fill.setAlpha(50)
        self.curve = pg.PlotDataItem(
            pen=pg.mkPen(colour, width=2),
            fillLevel=0,
            brush=fill,
            symbol="o",
            symbolSize=4,
            symbolBrush=colour,
            symbolPen=None,
        )
        self.plot.addItem(self.curve)
        self.baseline_curve = pg.PlotDataItem(
            pen=pg.mkPen(pg.mkColor(BASELINE_COLOUR), width=2, style=DASH)
        )
        self.baseline_curve.setZValue(-1)
        self.plot.addItem(self.baseline_curve)
        self.baseline_label = pg.TextItem(anchor=(1, 1), color=pg.mkColor(BASELINE_COLOUR))
        self.plot.addItem(self.baseline_label, ignoreBounds=True)
        self.baseline_label.hide()
        self.baseline_values: list[int] = []
        """The chosen baseline's cost to date at the end of each month (empty: none)."""
        ctx.baseline.changed.connect(self.refresh)
        self.months: list[int] = []
        self._axis: tuple[int, int] | None = None
        self.values: list[int] = []
        """Cost to date at the end of each month, in minor units (the engine's figures)."""
        # What was spent to date, month by month to the last month with an actual
        self.actuals_curve = pg.PlotDataItem(
            pen=pg.mkPen(pg.mkColor(error_colour()), width=2, style=Qt.PenStyle.DashLine),
            symbol="s",
            symbolSize=5,
            symbolBrush=pg.mkColor(error_colour()),
            symbolPen=None,
        )
        self.plot.addItem(self.actuals_curve)
        self.actual_values: list[int] = []
        """Actual spend to date at the end of each month up to the last actual."""
        self._spent: tuple[int, dict[int, int]] | None = None
        ctx.bus.actuals_changed.connect(self._forget_actuals)
        ctx.bus.plan_opened.connect(self._forget_actuals)

    def draw(self) -> None:
        totals, plan = self._ctx.totals, self._ctx.plan
        assert totals is not None and plan is not None
        # the horizon, widened to any month with a cost (without visiting every line)
        first, last = month_index(plan.start), month_index(plan.end)
        baseline = self._ctx.baseline
        for months in (totals.by_month, baseline.by_month if baseline.name else {}):
            if months:
                first, last = min(first, min(months)), max(last, max(months))
        spent = self._actuals()
        if spent:
            first, last = min(first, min(spent)), max(last, max(spent))
        self.months = list(range(first, last + 1))
        self.values = list(accumulate(totals.by_month.get(m, 0) for m in self.months))
        x = np.arange(len(self.months), dtype=np.float64)
        y = np.array(self.values, dtype=np.float64) / self.scale()
        self.curve.setData(x, y)
        self.baseline_values = (
            list(accumulate(baseline.by_month.get(m, 0) for m in self.months))
            if baseline.name
            else []
        )
        top = float(y[-1]) if len(y) else 0.0
        if self.baseline_values:
            ghost = np.array(self.baseline_values, dtype=np.float64) / self.scale()
            self.baseline_curve.setData(x, ghost)
            top = max(top, float(ghost[-1]))
            self.baseline_label.setText(f"Baseline: {baseline.name}")
            self.baseline_label.setPos(float(x[-1]), float(ghost[-1]))
            self.baseline_label.show()
        else:
            self.baseline_curve.setData([], [])
            self.baseline_label.hide()
        shown = [m for m in self.months if m <= max(spent)] if spent else []
        self.actual_values = list(accumulate(spent.get(m, 0) for m in shown))
        spent_y = np.array(self.actual_values, dtype=np.float64) / self.scale()
        self.actuals_curve.setData(x[: len(shown)], spent_y)
        if len(spent_y):
            top = max(top, float(spent_y[-1]))
        axis = (self.months[0], self.months[-1]) if self.months else None
        if axis != self._axis:  # (an axis label costs more than the curve: set on change)
            self._axis = axis
            bottom = self.plot.getAxis("bottom")
            bottom.setTicks([_month_ticks(self.months)])
            bottom.setLabel(_years(self.months) if self.months else "")
        self.plot.setXRange(-0.5, max(len(self.months) - 0.5, 0.5), padding=0)
        self.plot.setYRange(0, top * 1.08 if top > 0 else 1)

    def _actuals(self) -> dict[int, int]:
        """The open plan's actuals by month, read once after each change to them."""
        plan, workspace = self._ctx.plan, self._ctx.workspace
        if plan is None or plan.id is None or workspace is None:
            return {}
        if self._spent is None or self._spent[0] != plan.id:
            from app.services.actuals import monthly_actuals

            self._spent = (plan.id, monthly_actuals(workspace, plan.id))
        return self._spent[1]

    def _forget_actuals(self, _value: object = None) -> None:
        self._spent = None
        self.refresh()

    def _month_at(self, x: float) -> int | None:
        i = round(x)
        return i if 0 <= i < len(self.months) else None

    def describe(self, x: float, y: float) -> str:
        i = self._month_at(x)
        if i is None:
            return ""
        text = f"By end of {month_label(self.months[i])}: {self.money(self.values[i])}"
        if self.baseline_values:
            then = self.baseline_values[i]
            text += f"\nBaseline {self._ctx.baseline.name}: {self.money(then)}"
        if i < len(self.actual_values):
            text += f"; spent {self.money(self.actual_values[i])}"
        return text

    def clicked(self, x: float, y: float) -> None:
        i = self._month_at(x)
        if i is not None:
            self.month_clicked.emit(self.months[i])
