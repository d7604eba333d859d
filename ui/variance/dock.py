"""The Budget vs Actual dock, built the first time it is shown."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QWidget

from ui.context import AppContext
from ui.timeline.dock import LazyDock

if TYPE_CHECKING:
    from ui.variance.panel import VariancePanel

WIDTH = 560


class VarianceDock(QObject):
    """The window's Budget vs Actual dock (right) and its View-menu toggle."""

    def __init__(self, window: QMainWindow, ctx: AppContext) -> None:
        super().__init__(window)
        self._window = window
        self._ctx = ctx
        self.dock = LazyDock("Budget vs Actual", "variance-dock", self._make, window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()

    def connect_actions(self, actions: Mapping[str, QAction]) -> None:
        self.dock.visibilityChanged.connect(actions["view.variance"].setChecked)

    def toggle(self) -> None:
        if self.dock.isVisible():
            self.dock.hide()
        else:
            self.show()

    def show(self) -> None:
        dock, window = self.dock, self._window
        first = dock.content is None
        dock.show()
        dock.raise_()
        if first:
            QTimer.singleShot(
                0, lambda: window.resizeDocks([dock], [WIDTH], Qt.Orientation.Horizontal)
            )

    def panel(self) -> VariancePanel:
        from ui.variance.panel import VariancePanel

        panel = self.dock.ensure_built()
        assert isinstance(panel, VariancePanel)
        return panel

    def _make(self) -> QWidget:
        from ui.variance.panel import VariancePanel

        return VariancePanel(self._ctx)
