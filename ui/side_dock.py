"""A dock on the window's right, built the first time it is shown, with its View toggle.

The Risk and Budget vs Actual docks are this with their own panel: start-up pays for
neither panel (nor numpy) until the planner opens it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QWidget

from ui.timeline.dock import LazyDock


class SideDock(QObject):
    """A right-hand :class:`LazyDock` of ``width`` pixels, toggled by ``action``."""

    def __init__(
        self,
        window: QMainWindow,
        title: str,
        name: str,
        action: str,
        width: int,
        make: Callable[[], QWidget],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._action = action
        self._width = width
        self.dock = LazyDock(title, name, make, window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()

    def connect_actions(self, actions: Mapping[str, QAction]) -> None:
        self.dock.visibilityChanged.connect(actions[self._action].setChecked)

    def toggle(self) -> None:
        if self.dock.isVisible():
            self.dock.hide()
        else:
            self.show()

    def show(self) -> None:
        dock, window, width = self.dock, self._window, self._width
        first = dock.content is None
        dock.show()
        dock.raise_()
        if first:
            QTimer.singleShot(
                0, lambda: window.resizeDocks([dock], [width], Qt.Orientation.Horizontal)
            )
