"""Edit ▸ Preferences: how old a copied price may be before it is marked stale."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.settings import WindowSettings
from ui.theme import set_role


class PreferencesDialog(QDialog):
    """The window's preferences (the stale-price threshold)."""

    def __init__(self, settings: WindowSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferences")
        self.setWindowTitle("Preferences")
        self.settings = settings
        self.stale_months = QSpinBox()
        self.stale_months.setRange(1, 120)
        self.stale_months.setSuffix(" months")
        self.stale_months.setValue(settings.stale_months())
        self.stale_months.setAccessibleName("Mark prices stale after")
        label = QLabel("Mark prices &stale after")
        label.setBuddy(self.stale_months)
        hint = QLabel(
            "A copied catalogue price this old or older is marked stale in the price card "
            "and on the PDF pack's assumptions page."
        )
        hint.setWordWrap(True)
        set_role(hint, "hint")
        form = QFormLayout()
        form.addRow(label, self.stale_months)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def accept(self) -> None:
        self.settings.set_stale_months(self.stale_months.value())
        super().accept()

    @classmethod
    def ask(cls, settings: WindowSettings, parent: QWidget | None) -> bool:
        return cls(settings, parent).exec() == QDialog.DialogCode.Accepted
