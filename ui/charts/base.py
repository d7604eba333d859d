"""What every live chart shares: a themed plot, exact amounts on hover, copy and save.

A chart keeps the engine's own figures (minor units) beside what it plots, so hover
texts are to the cent and tests can compare the plot items with the engine. It
redraws straight after each change while it is shown, and on its next showing
otherwise.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QPalette
from PySide6.QtWidgets import QFileDialog, QMenu, QVBoxLayout, QWidget

from app.services.line_fields import grouped_amount
from ui.context import AppContext
from ui.monthly_chart import MoneyAxis, style_plot


class LiveChart(QWidget):
    """A pyqtgraph plot that follows the open plan's totals."""

    category_clicked = Signal(str)
    """The planner clicked a category's part of the chart."""
    month_clicked = Signal(int)
    """The planner clicked a month (its index)."""

    title = "Chart"

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, money_axis: str = "left"
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        axes = {money_axis: MoneyAxis(money_axis)}
        self.plot = pg.PlotWidget(axisItems=axes)
        self.plot.setAccessibleName(f"{self.title} (chart)")
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setMinimumHeight(160)
        item = self.plot.getPlotItem()
        item.setContentsMargins(2, 6, 8, 2)
        item.ctrlMenu.setParent(self.plot, item.ctrlMenu.windowFlags())
        self.hover = pg.TextItem(anchor=(0, 1))
        self.hover.setZValue(10)
        self.plot.addItem(self.hover, ignoreBounds=True)
        self.hover.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.redraws = 0
        self._stale = True
        self.plot.scene().sigMouseMoved.connect(self._on_scene_mouse_moved)
        self.plot.scene().sigMouseClicked.connect(self._on_scene_mouse_clicked)
        self.plot.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.plot.customContextMenuRequested.connect(self._on_context_menu)
        for signal in (ctx.bus.totals_changed, ctx.bus.plan_opened, ctx.bus.phases_changed):
            signal.connect(lambda _value: self.refresh())
        self.apply_palette()

    # ---- Keeping up

    def refresh(self) -> None:
        """Redraw now if shown, else when next shown."""
        self._stale = True
        if self.isVisible():
            self.redraw()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale:
            self.redraw()

    def redraw(self) -> None:
        self._stale = False
        if self._ctx.totals is None or self._ctx.budget is None:
            return
        self.draw()
        self.redraws += 1

    def draw(self) -> None:
        """Set the plot items from the context's totals (each chart its own)."""
        raise NotImplementedError

    def money(self, minor: int) -> str:
        budget, plan = self._ctx.budget, self._ctx.plan
        digits = budget.digits if budget else 2
        return f"{grouped_amount(minor, digits)} {plan.currency if plan else ''}".strip()

    def scale(self) -> float:
        budget = self._ctx.budget
        return float(10 ** (budget.digits if budget else 2))

    # ---- Hover and click

    def describe(self, x: float, y: float) -> str:
        """The exact figure at a point of the plot, or ""."""
        return ""

    def clicked(self, x: float, y: float) -> None:
        """A click at a point of the plot (emit category_clicked or month_clicked)."""

    def _point(self, pos: QPointF) -> QPointF | None:
        box = self.plot.getPlotItem().vb
        if not box.sceneBoundingRect().contains(pos):
            return None
        return box.mapSceneToView(pos)  # type: ignore[no-any-return]

    def _on_scene_mouse_moved(self, pos: QPointF) -> None:
        point = self._point(pos)
        text = self.describe(point.x(), point.y()) if point is not None else ""
        if text and point is not None:
            self.hover.setText(text, color=self.palette().color(QPalette.ColorRole.Text))
            self.hover.setPos(point)
            self.hover.show()
        else:
            self.hover.hide()

    def _on_scene_mouse_clicked(self, event: Any) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        point = self._point(event.scenePos())
        if point is not None:
            self.clicked(point.x(), point.y())

    # ---- Copy and save

    def _on_context_menu(self, pos: Any) -> None:
        menu = QMenu(self)
        for text, slot in (
            ("Copy chart", self.copy),
            ("Save as PNG…", lambda: self._save_dialog("png")),
            ("Save as SVG…", lambda: self._save_dialog("svg")),
        ):
            action = QAction(text, menu)
            action.triggered.connect(slot)
            menu.addAction(action)
        menu.exec(self.plot.mapToGlobal(pos))
        menu.deleteLater()

    def copy(self) -> None:
        QGuiApplication.clipboard().setPixmap(self.plot.grab())

    def _save_dialog(self, kind: str) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, f"Save {self.title}", f"{self.title}.{kind}", f"{kind.upper()} (*.{kind})"
        )
        if name:
            self.save(Path(name))

    def save(self, path: Path) -> None:
        """The chart as a PNG or SVG file (by the file's suffix)."""
        from pyqtgraph.exporters import ImageExporter, SVGExporter

        item = self.plot.getPlotItem()
        if path.suffix.lower() == ".svg":
            SVGExporter(item).export(str(path))
        else:
            exporter = ImageExporter(item)
            exporter.parameters()["width"] = max(800, self.plot.width() * 2)
            exporter.export(str(path))

    # ---- Looks

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.apply_palette()
            self.refresh()

    def apply_palette(self) -> None:
        style_plot(self.plot, self.palette())
