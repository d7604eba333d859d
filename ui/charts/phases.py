"""Cost by phase: one horizontal bar per phase in timeline order, then the lines in no phase."""

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
        super().__init__(ctx, parent, money_axis="bottom")
        self.setObjectName("chart-phases")
        self.bars = pg.BarGraphItem(
            x0=np.zeros(1), y=np.zeros(1), width=np.zeros(1), height=0.7, pen=pg.mkPen(None)
        )
        self.plot.addItem(self.bars)
        self.plot.getPlotItem().invertY(True)
        self.names: list[str] = []
        self.values: list[int] = []
        """Each phase's cost in minor units (the engine's ``by_phase``)."""

    def apply_palette(self) -> None:
        super().apply_palette()
        self.plot.showGrid(x=True, y=False, alpha=0.15)

    def draw(self) -> None:
        totals = self._ctx.totals
        assert totals is not None
        phases = sorted(self._ctx.phases.values(), key=lambda p: (p.position, p.id or 0))
        self.names = [p.name for p in phases]
        self.values = [totals.by_phase.get(p.id, 0) for p in phases]
        if totals.by_phase.get(None, 0) or not phases:
            self.names.append(NO_PHASE)
            self.values.append(totals.by_phase.get(None, 0))
        count = len(self.values)
        widths = np.array(self.values, dtype=np.float64) / self.scale()
        colour = pg.mkColor("#9AA8BD" if is_dark() else "#4A5568")
        self.bars.setOpts(
            x0=np.zeros(count), y=np.arange(count, dtype=np.float64), width=widths, brush=colour
        )
        left = self.plot.getAxis("left")
        left.setTicks([[(float(i), _short_name(n)) for i, n in enumerate(self.names)]])
        top = float(widths.max()) if count else 0.0
        self.plot.setXRange(0, top * 1.1 if top > 0 else 1, padding=0)
        self.plot.setYRange(-0.6, max(count - 0.4, 0.6), padding=0)

    def describe(self, x: float, y: float) -> str:
        i = round(y)
        if 0 <= i < len(self.values) and abs(y - i) <= 0.35:
            return f"{self.names[i]}: {self.money(self.values[i])}"
        return ""


def _short_name(name: str) -> str:
    return name if len(name) <= 22 else name[:21] + "…"
