"""Small building blocks the sections share: headings that are also bookmarks, and
paragraphs of the planner's own text (escaped, with CJK fallback)."""

from __future__ import annotations

from itertools import count

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from app.io.pdf.fonts import latin_only, markup
from app.io.pdf.styles import wrapping_anywhere

_keys = count()


class Bookmark(Flowable):  # type: ignore[misc]
    """An entry in the PDF's outline pointing at where it is placed."""

    def __init__(self, title: str, level: int = 0) -> None:
        super().__init__()
        self.title = title
        self.level = level
        self.key = f"bw-{next(_keys)}"
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.title, self.key, level=self.level, closed=True)


def text(value: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (a plan name, a note): escaped, never read as markup."""
    if not latin_only(value, style.fontName):
        style = wrapping_anywhere(style)
    return Paragraph(markup(value, style.fontName), style)


def heading(
    title: str, style: ParagraphStyle, level: int = 0, room: float = 80.0
) -> list[Flowable]:
    """A heading that also appears in the PDF outline. It starts a new page unless
    ``room`` points are left below it, so it is never stranded at the foot of a page
    (``keepWithNext`` would instead push a whole long table after it to the next page)."""
    return [CondPageBreak(room), Bookmark(title, level), text(title, style)]
