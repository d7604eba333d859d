"""How the pack looks: colours, paragraph styles and table styles, all in the shipped fonts.

Kept in one place so every section reads alike, and so no style ever falls back to
reportlab's default Helvetica (which would not be embedded).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from app.domain.colours import CATEGORY_COLOURS as CATEGORY_COLOURS_HEX
from app.domain.taxonomy import CATEGORY_KEYS
from app.io.pdf.fonts import SANS, SANS_BOLD, register

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#5f6b7a")
RULE = colors.HexColor("#c5ccd6")
HEADER_FILL = colors.HexColor("#e8edf3")
TOTAL_FILL = colors.HexColor("#f3f5f8")
ACCENT = colors.HexColor("#2f5d8a")
WARNING = colors.HexColor("#a15c00")

# The window's category colours (one table for both, in app.domain.colours).
CATEGORY_COLOURS = {key: colors.HexColor(CATEGORY_COLOURS_HEX[key]) for key in CATEGORY_KEYS}

BODY_SIZE = 9.0
CELL_SIZE = 7.5
CELL_LEADING = 9.0
UNCERTAIN = "⚠"
"""The mark set beside every price the catalogue calls uncertain."""


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle


@cache
def make_styles() -> Styles:
    """The pack's paragraph styles (built once; they are never changed)."""
    register()

    def style(name: str, **kw: object) -> ParagraphStyle:
        base: dict[str, object] = {
            "fontName": SANS,
            "fontSize": BODY_SIZE,
            "leading": BODY_SIZE * 1.3,
            "textColor": INK,
            "alignment": TA_LEFT,
        }
        base.update(kw)
        return ParagraphStyle(name, **base)

    return Styles(
        title=style("title", fontName=SANS_BOLD, fontSize=24, leading=30, spaceAfter=10),
        subtitle=style("subtitle", fontSize=11, leading=15, textColor=MUTED, spaceAfter=6),
        h1=style(
            "h1",
            fontName=SANS_BOLD,
            fontSize=15,
            leading=19,
            spaceBefore=16,
            spaceAfter=8,
            textColor=ACCENT,
        ),
        h2=style("h2", fontName=SANS_BOLD, fontSize=11, leading=14, spaceBefore=10, spaceAfter=5),
        body=style("body", spaceAfter=5),
        note=style("note", fontSize=7.5, leading=9.5, textColor=MUTED, spaceBefore=3),
        cell=style("cell", fontSize=CELL_SIZE, leading=CELL_LEADING),
        cell_bold=style("cell_bold", fontName=SANS_BOLD, fontSize=CELL_SIZE, leading=CELL_LEADING),
    )


_WRAP_ANYWHERE: dict[str, ParagraphStyle] = {}


def wrapping_anywhere(style: ParagraphStyle) -> ParagraphStyle:
    """``style`` breaking lines between any two characters, as CJK text needs (it has
    no spaces to break at); used only for text that holds such characters."""
    found = _WRAP_ANYWHERE.get(style.name)
    if found is None:
        found = _WRAP_ANYWHERE[style.name] = style.clone(f"{style.name}-cjk", wordWrap="CJK")
    return found
