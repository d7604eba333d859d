"""Cost by phase: one bar per phase in timeline order, then the lines in no phase."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from ui.charts.base import LiveChart
from ui.context import AppContext
from ui.theme import is_dark

NO_PHASE = "No phase"


class PhaseChart(LiveChart):
    title = "Cost by phase"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("chart-phases")
        self.bars = pg.BarGraphItem(
            x=np.zeros(1), height=np.zeros(1), width=0.7, pen=pg.mkPen(None)
        )
        self.plot.addItem(self.bars)
        self.names: list[str] = []
        self.values: list[int] = []
        """Each phase's cost in minor units (the engine's ``by_phase``)."""

    def draw(self) -> None:
        totals = self._ctx.totals
        assert totals is not None
        phases = sorted(self._ctx.phases.values(), key=lambda p: (p.position, p.id or 0))
        self.names = [p.name for p in phases]
        self.values = [totals.by_phase.get(p.id, 0) for p in phases]
        if totals.by_phase.get(None, 0) or not phases:
            self.names.append(NO_PHASE)
            self.values.append(totals.by_phase.get(None, 0))
        x = np.arange(len(self.values), dtype=np.float64)
        heights = np.array(self.values, dtype=np.float64) / self.scale()
        colour = pg.mkColor("#9AA8BD" if is_dark() else "#4A5568")
        self.bars.setOpts(x=x, height=heights, width=0.7, brush=colour)
        bottom = self.plot.getAxis("bottom")
        bottom.setTicks([[(float(i), _short_name(n)) for i, n in enumerate(self.names)]])
        self.plot.setXRange(-0.6, max(len(self.values) - 0.4, 0.6), padding=0)
        top = float(heights.max()) if len(heights) else 0.0
        self.plot.setYRange(0, top * 1.1 if top > 0 else 1)

    def describe(self, x: float, y: float) -> str:
        i = round(x)
        if 0 <= i < len(self.values) and abs(x - i) <= 0.35:
            return f"{self.names[i]}: {self.money(self.values[i])}"
        return ""


def _short_name(name: str) -> str:
    return name if len(name) <= 14 else name[:13] + "…"
