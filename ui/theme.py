"""Colours, icons and fonts: one look that follows the system's light or dark palette.

Category colours are mid-tones that read on both light and dark backgrounds; every
other colour comes from the palette, so a dark desktop gets a dark window.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QIcon,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QApplication, QFrame, QWidget

from app.domain.colours import CATEGORY_COLOURS

__all__ = ["CATEGORY_COLOURS"]  # the window's colours are the pack's (app.domain.colours)

ICONS = Path(__file__).resolve().parent / "icons"


ERROR = "#C62828"
ERROR_DARK = "#FF8A80"


@cache
def category_icon(category: str) -> QIcon:
    return QIcon(str(ICONS / f"{category}.svg"))


@cache
def app_icon() -> QIcon:
    return QIcon(str(ICONS / "budgetwright.svg"))


def palette() -> QPalette:
    return QGuiApplication.palette()


def is_dark() -> bool:
    """True when the window background is darker than its text (a dark desktop theme)."""
    pal = palette()
    return (
        pal.color(QPalette.ColorRole.Window).lightness()
        < pal.color(QPalette.ColorRole.WindowText).lightness()
    )


def error_colour() -> QColor:
    return QColor(ERROR_DARK if is_dark() else ERROR)


def muted_colour() -> QColor:
    """Text that matters less (cells a line's cost model does not use, hints)."""
    return palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)


def scaled_font(base: QFont, factor: float, bold: bool = False) -> QFont:
    font = QFont(base)
    size = base.pointSizeF()
    if size > 0:
        font.setPointSizeF(size * factor)
    font.setBold(bold)
    return font


def number_font(base: QFont) -> QFont:
    """Figures in columns line up: tabular digits where the font has them."""
    font = QFont(base)
    font.setFeature(QFont.Tag("tnum"), 1)
    return font


# ---- Looks given to single widgets
#
# No application-wide style sheet: one makes Qt style every widget through its
# style-sheet engine, which made building the window a third slower. The few
# touches below are given to the widgets that need them.

ROLES = ("heading", "hint", "message", "selection")


def set_role(widget: QWidget, role: str) -> None:
    """Give a widget one of the looks in :data:`ROLES` (redone by :func:`restyle`).

    heading: semi-bold text; hint: the palette's placeholder colour; message: a
    framed sentence in the error colour; selection: a table whose selected rows
    turn quiet (not highlighted) while another widget has the focus.
    """
    if role not in ROLES:
        raise ValueError(f"no look called {role!r}")
    widget.setProperty("role", role)
    if role == "heading":
        font = widget.font()
        font.setWeight(QFont.Weight.DemiBold)
        widget.setFont(font)
    elif role == "hint":
        widget.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    elif role == "message":
        error = error_colour().name()
        widget.setStyleSheet(
            f"QLabel {{ color: {error}; padding: 4px 6px;"
            f" border: 1px solid {error}; border-radius: 4px; }}"
        )
    else:
        pal = widget.palette()
        system = palette()
        inactive = QPalette.ColorGroup.Inactive
        pal.setColor(
            inactive, QPalette.ColorRole.Highlight, system.color(QPalette.ColorRole.Midlight)
        )
        pal.setColor(
            inactive, QPalette.ColorRole.HighlightedText, system.color(QPalette.ColorRole.Text)
        )
        widget.setPalette(pal)


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    """Show (or clear) the red frame on a field holding a refused value."""
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    _frame_invalid(widget)


def _frame_invalid(widget: QWidget) -> None:
    if widget.property("invalid"):
        error = error_colour().name()
        # line and date edits only, as ever (a framed combo box loses its native arrow)
        widget.setStyleSheet(
            f'QLineEdit[invalid="true"], QDateEdit[invalid="true"] {{'
            f" border: 2px solid {error}; border-radius: 3px; }}"
        )
    else:
        widget.setStyleSheet("")


def restyle() -> None:
    """Redo the looks that hold a colour once a new palette is in effect (the main
    window calls this on its PaletteChange, e.g. after the desktop went dark)."""
    for widget in QApplication.allWidgets():
        role = widget.property("role")
        if role in ("message", "selection"):
            set_role(widget, role)
        if widget.property("invalid"):
            _frame_invalid(widget)


class Card(QFrame):
    """A panel drawn as a rounded box in the palette's base colour."""

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        painter.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(pal.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
