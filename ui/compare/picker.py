"""A drop-down of the open plan's baselines: the one the timeline and charts draw against."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from app.domain.errors import BudgetwrightError
from ui.compare.baseline import BaselineChoice

NONE = "No baseline"


class BaselinePicker(QComboBox):
    """Lists the baselines afresh each time it opens (one may have been saved since)."""

    def __init__(self, choice: BaselineChoice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("baseline-picker")
        self._choice = choice
        self.setAccessibleName("Baseline drawn as ghost bars")
        self.setToolTip("Draw a baseline of this plan as ghost bars under today's bars")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.fill()
        self.activated.connect(self._on_activated)
        choice.changed.connect(self.fill)

    def fill(self) -> None:
        """The baselines now, with the chosen one selected."""
        self.blockSignals(True)
        self.clear()
        self.addItem(NONE, None)
        for name in self._choice.names():
            self.addItem(f"Baseline: {name}", name)
        index = self.findData(self._choice.name) if self._choice.name is not None else 0
        self.setCurrentIndex(max(index, 0))
        self.blockSignals(False)

    def showPopup(self) -> None:
        self.fill()
        super().showPopup()

    def choose(self, name: str | None) -> None:
        """Pick ``name`` as a planner would (tests, and the View menu)."""
        self.fill()
        index = self.findData(name) if name is not None else 0
        if index >= 0:
            self.setCurrentIndex(index)
            self._on_activated(index)

    def _on_activated(self, index: int) -> None:
        name = self.itemData(index)
        try:
            self._choice.choose(name if isinstance(name, str) else None)
        except BudgetwrightError:
            self._choice.choose(None)
