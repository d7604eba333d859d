"""Help > About: the version, and every bundled library with its version and licence."""

from __future__ import annotations

from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.about import Library, libraries, version
from app.paths import APP_NAME

HEADERS = ("Library", "Version", "Licence")


def _rows() -> list[Library]:
    """The libraries, with Qt itself (it comes inside PySide6, under its licence)."""
    rows = libraries()
    pyside = next((lib for lib in rows if lib.name.lower().startswith("pyside6")), None)
    if pyside is not None:
        rows.append(Library("Qt (in PySide6)", qVersion(), pyside.licence))
    return rows


class AboutDialog(QDialog):
    """Which Budgetwright this is and what it is built from."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about-dialog")
        self.setWindowTitle(f"About {APP_NAME}")
        self.version = version()
        heading = QLabel(
            f"<h2>{APP_NAME} {self.version}</h2>"
            "<p>Budget every resource a generative-AI project needs.</p>"
        )
        heading.setObjectName("about-heading")
        heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        note = QLabel(
            f"{APP_NAME} runs on these libraries; each keeps its own licence, whose "
            "text ships with it (Qt's and PySide6's LGPL-3.0 in the bundle's licenses folder)."
        )
        note.setWordWrap(True)
        rows = _rows()
        self.table = QTableWidget(len(rows), len(HEADERS))
        self.table.setObjectName("about-libraries")
        self.table.setAccessibleName("Bundled libraries and their licences")
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for row, lib in enumerate(rows):
            for column, text in enumerate((lib.name, lib.version, lib.licence)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        buttons.button(QDialogButtonBox.StandardButton.Close).setFocus()
        self.resize(620, 520)

    def licences(self) -> dict[str, str]:
        """Library name to licence, as listed."""
        return {
            self.table.item(row, 0).text(): self.table.item(row, 2).text()
            for row in range(self.table.rowCount())
        }
