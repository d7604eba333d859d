"""The Budget vs Actual dock, built the first time it is shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow, QWidget

from ui.context import AppContext
from ui.side_dock import SideDock

if TYPE_CHECKING:
    from ui.variance.panel import VariancePanel

WIDTH = 560


class VarianceDock(SideDock):
    """The window's Budget vs Actual dock (right) and its View-menu toggle."""

    def __init__(self, window: QMainWindow, ctx: AppContext) -> None:
        self._ctx = ctx
        super().__init__(
            window, "Budget vs Actual", "variance-dock", "view.variance", WIDTH, self._make
        )

    def panel(self) -> VariancePanel:
        from ui.variance.panel import VariancePanel

        panel = self.dock.ensure_built()
        assert isinstance(panel, VariancePanel)
        return panel

    def _make(self) -> QWidget:
        from ui.variance.panel import VariancePanel

        return VariancePanel(self._ctx)
