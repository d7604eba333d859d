"""The Risk dock, built the first time it is shown (start-up does not pay for numpy)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow, QWidget

from ui.context import AppContext
from ui.side_dock import SideDock

if TYPE_CHECKING:
    from ui.risk.panel import RiskPanel

WIDTH = 460


class RiskDock(SideDock):
    """The window's Risk dock (right) and its View-menu toggle."""

    def __init__(self, window: QMainWindow, ctx: AppContext) -> None:
        self._ctx = ctx
        super().__init__(window, "Risk", "risk-dock", "view.risk", WIDTH, self._make)

    def panel(self) -> RiskPanel:
        from ui.risk.panel import RiskPanel

        panel = self.dock.ensure_built()
        assert isinstance(panel, RiskPanel)
        return panel

    def _make(self) -> QWidget:
        from ui.risk.panel import RiskPanel

        return RiskPanel(self._ctx)
