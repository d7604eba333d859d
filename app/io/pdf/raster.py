"""PDF pages as pixels, for printing through a toolkit that cannot draw a PDF itself.

The window prints the very pack that :func:`app.io.pdf.render_pack` writes: rather
than lay the pages out a second time with the toolkit's painter (and risk a printout
that differs from the file by a line break or a cent), each page is rasterised with
PDFium and the image is what gets printed.

Nothing here knows about Qt: a page comes back as raw RGB bytes, its size in pixels
and in points, and the caller wraps them in whatever image type it paints with.
PDFium is not thread-safe, so a :class:`PageRaster` is used from one thread at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import TracebackType

import pypdfium2 as pdfium  # type: ignore[import-untyped]

from app.domain.errors import BadInput

POINTS_PER_INCH = 72.0
MAX_PIXELS = 40_000_000
"""The most pixels one page may have (an A4 page at 600 dpi has 35 million, 104 MB):
beyond it the resolution is lowered, so a printer that reports 2,400 dpi does not
ask for gigabytes of memory per page."""


@dataclass(frozen=True)
class PageImage:
    """One rendered page: ``height`` rows of ``stride`` bytes, three (R, G, B) per pixel."""

    width: int
    height: int
    stride: int
    pixels: bytes
    points: tuple[float, float]
    """The page's size in PDF points (1/72 inch), for fitting it to the paper."""
    dpi: float
    """The resolution it was rendered at (lower than asked when capped by MAX_PIXELS)."""


class PageRaster:
    """An open PDF whose pages can be rendered one at a time (close it, or use ``with``)."""

    def __init__(self, data: bytes) -> None:
        try:
            self._document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raise BadInput(f"the budget pack is not a readable PDF ({exc})") from None

    def __enter__(self) -> PageRaster:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._document.close()

    def __len__(self) -> int:
        return len(self._document)

    def points(self, index: int) -> tuple[float, float]:
        """Width and height of page ``index`` in points."""
        width, height = self._document.get_page_size(index)
        return float(width), float(height)

    def render(self, index: int, dpi: float) -> PageImage:
        """Page ``index`` at ``dpi`` dots per inch on white (text and lines anti-aliased)."""
        if dpi <= 0:
            raise BadInput(f"resolution: {dpi} dpi is not a resolution")
        points = self.points(index)
        dpi = min(dpi, capped_dpi(points))
        page = self._document[index]
        try:
            bitmap = page.render(
                scale=dpi / POINTS_PER_INCH,
                force_bitmap_format=pdfium.raw.FPDFBitmap_BGR,
                rev_byteorder=True,  # BGR with the byte order reversed: R, G, B
            )
            try:
                image = PageImage(
                    width=int(bitmap.width),
                    height=int(bitmap.height),
                    stride=int(bitmap.stride),
                    pixels=bytes(bitmap.buffer),
                    points=points,
                    dpi=dpi,
                )
            finally:
                bitmap.close()
        finally:
            page.close()
        if image.stride < image.width * 3 or len(image.pixels) < image.stride * image.height:
            raise BadInput(f"page {index + 1}: PDFium returned an unexpected pixel layout")
        return image


def capped_dpi(points: tuple[float, float]) -> float:
    """The highest resolution at which a page of ``points`` stays within MAX_PIXELS."""
    width, height = (side / POINTS_PER_INCH for side in points)
    return float((MAX_PIXELS / (width * height)) ** 0.5)


def page_count(data: bytes) -> int:
    """How many pages the PDF ``data`` has."""
    with PageRaster(data) as raster:
        return len(raster)
