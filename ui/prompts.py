"""Every question the window asks the planner, in one place.

Modal questions block a test run, so the window asks only through these functions;
tests replace the one they need (and any other modal dialog fails the test).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

Button = QMessageBox.StandardButton


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """A line of text (a plan's new name), or None if the planner cancelled."""
    value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return value.strip() if ok and value.strip() else None


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """Yes or no to something that cannot be undone; No is the default."""
    answer = QMessageBox.question(parent, title, text, Button.Yes | Button.No, Button.No)
    return answer == Button.Yes


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def ask_open_path(parent: QWidget | None, title: str, filters: str) -> Path | None:
    path, _filter = QFileDialog.getOpenFileName(parent, title, "", filters)
    return Path(path) if path else None


def ask_save_path(parent: QWidget | None, title: str, suggested: str, filters: str) -> Path | None:
    path, _filter = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return Path(path) if path else None
