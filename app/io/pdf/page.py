"""The page every section sits on: a header naming the plan, a footer with the date
generated and "Page X of Y".

Y is not known until the last page is laid out. Rather than lay the pack out twice
or keep every page in memory, each footer draws a form XObject that is defined once
at the end, when the count is known (PDF allows forward references to forms).
"""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from typing import Any

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from app.io.pdf.fonts import SANS, SANS_BOLD, ellipsize, runs, width
from app.io.pdf.pack import Pack
from app.io.pdf.styles import MUTED, RULE

PAGE_COUNT_FORM = "bw-page-count"

# Page streams Flate-compressed only, without reportlab's ASCII85 layer: smaller files,
# and its pure-Python encoder took a quarter of a 10,000-line pack's time.
rl_config.useA85 = 0
_HEADER_SIZE = 8.0


class TextRuns:
    """Many strings in one PDF text object: far fewer operators than one ``drawString``
    each, which is what keeps a timeline of 10,000 lines quick. Call :meth:`close` once."""

    def __init__(self, canv: Canvas) -> None:
        self.canv = canv
        self.text = canv.beginText()
        self._font: tuple[str, float] | None = None
        self._colour: object = None

    def colour(self, colour: object) -> None:
        if colour is not self._colour:
            self.text.setFillColor(colour)
            self._colour = colour

    def put(
        self, x: float, y: float, value: str, size: float, font: str = SANS, anchor: str = "start"
    ) -> None:
        """``value`` at ``x, y`` with CJK fallback runs; anchor ``start``, ``middle``, ``end``."""
        if anchor != "start":
            x -= width(value, size, font) / (2 if anchor == "middle" else 1)
        self.text.setTextOrigin(x, y)
        for used, piece in runs(value, font):
            if self._font != (used, size):
                self.text.setFont(used, size)
                self._font = (used, size)
            self.text.textOut(piece)

    def close(self) -> None:
        self.canv.drawText(self.text)


class _PackCanvas(Canvas):  # type: ignore[misc]
    """A canvas that, on saving, defines the page-count form the footers refer to."""

    def save(self) -> None:
        pages = self.getPageNumber() - (0 if self._code else 1)
        self.beginForm(PAGE_COUNT_FORM)
        self.setFont(SANS, _HEADER_SIZE)
        self.setFillColor(MUTED)
        self.drawString(0, 0, str(pages))
        self.endForm()
        super().save()


def _decorate(pack: Pack) -> Callable[[Canvas, BaseDocTemplate], None]:
    page = pack.page
    page_width, page_height = page.size
    left, right = page.margin_x, page_width - page.margin_x
    top_rule = page_height - page.margin_top + 14
    bottom_rule = page.margin_bottom - 16
    right_note = "Budget pack" + (" · people costs withheld" if pack.redact else "")
    room = right - left - width(right_note, _HEADER_SIZE) - 24
    title = ellipsize(pack.plan_name, _HEADER_SIZE, room, SANS_BOLD)
    generated = f"Generated {pack.generated.isoformat()} by Budgetwright"

    def on_page(canv: Canvas, doc: BaseDocTemplate) -> None:
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(left, top_rule, right, top_rule)
        canv.line(left, bottom_rule, right, bottom_rule)
        number = f"Page {canv.getPageNumber()} of "
        # Left-aligned at a fixed place, so that the count drawn later follows it.
        start = right - width("Page 0000 of 0000", _HEADER_SIZE)
        words = TextRuns(canv)
        words.colour(MUTED)
        words.put(left, top_rule + 5, title, _HEADER_SIZE, SANS_BOLD)
        words.put(right, top_rule + 5, right_note, _HEADER_SIZE, anchor="end")
        words.put(left, bottom_rule - 11, generated, _HEADER_SIZE)
        words.put(start, bottom_rule - 11, number, _HEADER_SIZE)
        words.close()
        canv.translate(start + width(number, _HEADER_SIZE), bottom_rule - 11)
        canv.doForm(PAGE_COUNT_FORM)
        canv.restoreState()

    return on_page


def render(pack: Pack, story: list[Flowable]) -> bytes:
    """Lay the story out on the pack's pages and return the PDF."""
    out = BytesIO()
    page = pack.page
    doc = BaseDocTemplate(
        out,
        pagesize=page.size,
        leftMargin=page.margin_x,
        rightMargin=page.margin_x,
        topMargin=page.margin_top,
        bottomMargin=page.margin_bottom,
        title=f"{pack.plan_name}: budget pack",
        author="Budgetwright",
        subject=f"Budget of {pack.plan_name} in {pack.currency}",
        creator="Budgetwright",
        initialFontName=SANS,
        initialFontSize=9,
        initialLeading=11,
        lang="en",
    )
    frame = Frame(
        page.margin_x,
        page.margin_bottom,
        page.frame_width,
        page.frame_height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="pack", frames=[frame], onPage=_decorate(pack))])
    build: Any = doc.build
    build(story, canvasmaker=_PackCanvas)
    return out.getvalue()
