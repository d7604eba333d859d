"""The pack's fonts: DejaVu Sans for Latin, Greek and Cyrillic, Droid Sans Fallback for CJK.

Every font in a pack is a TrueType file shipped in ``resources/fonts`` and embedded
as a subset, so a printer or a reader never substitutes a font that lacks a name's
glyphs. reportlab has no font fallback of its own: text is cut into runs, each run
set in the first font that has all its characters (:func:`runs`). reportlab's
standard fonts (Helvetica...) are never used, since they are not embedded.
"""

from __future__ import annotations

from functools import cache
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.paths import resource

SANS = "BW-Sans"
SANS_BOLD = "BW-Sans-Bold"
CJK = "BW-CJK"

_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    CJK: "DroidSansFallback.ttf",
}


@cache
def register() -> None:
    """Register the Latin fonts (cheap); the CJK font is loaded on first use."""
    for name in (SANS, SANS_BOLD):
        pdfmetrics.registerFont(TTFont(name, str(resource(f"fonts/{_FILES[name]}"))))
    pdfmetrics.registerFontFamily(
        SANS, normal=SANS, bold=SANS_BOLD, italic=SANS, boldItalic=SANS_BOLD
    )


@cache
def _cjk() -> None:
    pdfmetrics.registerFont(TTFont(CJK, str(resource(f"fonts/{_FILES[CJK]}"))))


@cache
def _coverage(font: str) -> frozenset[int]:
    register()
    if font == CJK:
        _cjk()
    face = pdfmetrics.getFont(font).face
    return frozenset(face.charToGlyph)


def latin_only(text: str, font: str = SANS) -> bool:
    """True when ``font`` has every character of ``text`` (the common, fast case)."""
    if text.isascii():
        return True
    covered = _coverage(font)
    return all(ord(c) in covered or c.isspace() for c in text)


def runs(text: str, font: str = SANS) -> list[tuple[str, str]]:
    """``text`` cut into ``(font, piece)`` runs: the main font where it has the glyph,
    the CJK font for the rest. Characters neither font has stay in the main font."""
    if latin_only(text, font):
        return [(font, text)] if text else []
    main, fallback = _coverage(font), _coverage(CJK)
    out: list[tuple[str, str]] = []
    for char in text:
        code = ord(char)
        use = CJK if code not in main and code in fallback and not char.isspace() else font
        if out and out[-1][0] == use:
            out[-1] = (use, out[-1][1] + char)
        else:
            out.append((use, char))
    return out


def width(text: str, size: float, font: str = SANS) -> float:
    """The printed width of ``text`` in points, across its runs."""
    return float(sum(pdfmetrics.stringWidth(piece, f, size) for f, piece in runs(text, font)))


def markup(text: str, font: str = SANS) -> str:
    """``text`` as Paragraph markup: escaped, with fallback runs wrapped in ``<font>``."""
    parts = []
    for used, piece in runs(text, font):
        safe = escape(piece).replace("\n", "<br/>")
        parts.append(safe if used == font else f'<font name="{used}">{safe}</font>')
    return "".join(parts)


def ellipsize(text: str, size: float, room: float, font: str = SANS) -> str:
    """``text`` cut short with an ellipsis so that it fits in ``room`` points."""
    if width(text, size, font) <= room:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if width(text[:middle].rstrip() + "…", size, font) <= room:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"
