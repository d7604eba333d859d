"""Colours, icons and fonts: one look that follows the system's light or dark palette.

Category colours are mid-tones that read on both light and dark backgrounds; every
other colour comes from the palette, so a dark desktop gets a dark window.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPalette

ICONS = Path(__file__).resolve().parent / "icons"

CATEGORY_COLOURS: dict[str, str] = {
    "computing": "#4E79A7",
    "human": "#E8833A",
    "data": "#59A14F",
    "software": "#A26BB0",
    "infrastructure": "#3E9E9A",
    "time": "#C9A227",
    "documentation": "#8C6D55",
    "support": "#D9534F",
}

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


def style_sheet() -> str:
    """Small touches the palette alone cannot give; colours still come from the palette."""
    error = error_colour().name()
    return f"""
    QLineEdit[invalid="true"], QDateEdit[invalid="true"] {{
        border: 2px solid {error}; border-radius: 3px;
    }}
    QLabel[role="message"] {{
        color: {error}; padding: 4px 6px;
        border: 1px solid {error}; border-radius: 4px;
    }}
    QLabel[role="hint"] {{ color: palette(placeholder-text); }}
    QLabel[role="heading"] {{ font-weight: 600; }}
    QFrame[role="card"] {{
        background: palette(base); border: 1px solid palette(mid); border-radius: 6px;
    }}
    QTableView {{ gridline-color: palette(midlight); }}
    QTableView::item:selected:!active {{ background: palette(midlight); color: palette(text); }}
    """
