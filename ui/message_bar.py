"""A bar above the editors saying why a value was refused (or why saving failed).

It stays until the next change is stored or the planner dismisses it; screen
readers hear it as an alert.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

from ui.theme import set_role


class MessageBar(QWidget):
    """One sentence about the last refused value; hidden otherwise."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        set_role(self.label, "message")
        self.label.setWordWrap(True)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.label.setAccessibleName("Why the last value was refused")
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton()
        close.setText("×")
        close.setAutoRaise(True)
        close.setToolTip("Dismiss")
        close.setAccessibleName("Dismiss message")
        close.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        layout.addWidget(self.label, 1)
        layout.addWidget(close)
        self.hide()

    @property
    def text(self) -> str:
        return self.label.text() if self.isVisibleTo(self.parentWidget()) else ""

    def show_refusal(self, message: str) -> None:
        self.label.setText(f"Not stored: {message}")
        self.setAccessibleDescription(self.label.text())
        self.show()

    def show_failure(self, message: str) -> None:
        self.label.setText(f"The database did not take the last change: {message}")
        self.show()

    def dismiss(self) -> None:
        self.label.clear()
        self.hide()
