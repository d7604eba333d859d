"""Each category's share of the plan: horizontal bars in the category colours."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from app.domain.money import share
from app.domain.taxonomy import CATEGORY_KEYS
from ui.charts.base import LiveChart
from ui.context import AppContext
from ui.theme import CATEGORY_COLOURS


class ShareChart(LiveChart):
    title = "Category shares"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, money_axis="bottom")
        self.setObjectName("chart-shares")
        brushes = [pg.mkBrush(CATEGORY_COLOURS[c]) for c in CATEGORY_KEYS]
        n = len(CATEGORY_KEYS)
        self.bars = pg.BarGraphItem(
            x0=np.zeros(n),
            y=np.arange(n, dtype=np.float64),
            height=0.7,
            width=np.zeros(n),
            brushes=brushes,
            pen=pg.mkPen(None),
        )
        self.plot.addItem(self.bars)
        self.plot.getPlotItem().invertY(True)
        self.plot.showGrid(x=True, y=False, alpha=0.15)
        self.values: dict[str, int] = {}
        """Each category's amount in minor units (the engine's ``by_category``)."""

    def apply_palette(self) -> None:
        super().apply_palette()
        self.plot.showGrid(x=True, y=False, alpha=0.15)

    def draw(self) -> None:
        totals = self._ctx.totals
        assert totals is not None
        self.values = {c: totals.by_category.get(c, 0) for c in CATEGORY_KEYS}
        widths = np.array([self.values[c] for c in CATEGORY_KEYS], dtype=np.float64) / self.scale()
        self.bars.setOpts(width=widths)
        subtotal = totals.subtotal
        labels = [
            (
                float(i),
                f"{self._ctx.taxonomy.label(c).replace(' Resources', '')} "
                f"{share(self.values[c], subtotal)}",
            )
            for i, c in enumerate(CATEGORY_KEYS)
        ]
        self.plot.getAxis("left").setTicks([labels])
        top = float(widths.max()) if len(widths) else 0.0
        self.plot.setXRange(0, top * 1.1 if top > 0 else 1, padding=0)
        self.plot.setYRange(-0.6, len(CATEGORY_KEYS) - 0.4, padding=0)

    def _category_at(self, y: float) -> str | None:
        i = round(y)
        return CATEGORY_KEYS[i] if 0 <= i < len(CATEGORY_KEYS) and abs(y - i) <= 0.4 else None

    def describe(self, x: float, y: float) -> str:
        category = self._category_at(y)
        if category is None or self._ctx.totals is None:
            return ""
        amount = self.values.get(category, 0)
        part = share(amount, self._ctx.totals.subtotal)
        return f"{self._ctx.taxonomy.label(category)}: {self.money(amount)} ({part})"

    def clicked(self, x: float, y: float) -> None:
        category = self._category_at(y)
        if category is not None:
            self.category_clicked.emit(category)
