"""Printing the budget pack: the very PDF the export writes, page by page onto the printer.

Qt (without QtPdf) cannot draw a PDF, so each page is rasterised with PDFium
(:mod:`app.io.pdf.raster`) and drawn to fit the printable area, keeping its aspect.
The planner sees the pages in Qt's print preview and prints through Qt's print dialog;
what comes out of the printer is the pack, figure for figure.

The preview keeps every page it shows in memory, so it gets a screen resolution
(lower for a pack of hundreds of pages); the printer gets its own resolution, up to
:data:`PRINT_DPI`.
"""

from __future__ import annotations

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPaintEngine,
    QPainter,
)
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QWidget

from app.io.pdf.raster import POINTS_PER_INCH, PageImage, PageRaster

PRINT_DPI = 300.0
"""The most a page is rasterised at for a printer: text is crisp on paper at 300 dpi,
and 600 dpi took four times as long (over a second a page) on the GUI thread."""
PREVIEW_DPI = (48.0, 144.0)
"""The preview's resolution: sharp at 150 % zoom for a pack of up to ~80 pages, and
lowered towards the floor for longer packs so all pages fit PREVIEW_MEMORY."""
PREVIEW_MEMORY = 512 * 1024 * 1024
"""Bytes the preview's pages may take together (three a pixel)."""

PREFERRED_SIZE = (900, 1000)
PAGE_SIZES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}


def prepare_printer(printer: QPrinter, paper: str, name: str) -> None:
    """Paper of the pack, portrait, the smallest margins the printer allows.

    The pack carries its own margins; the printer's only keep the image clear of
    what the hardware cannot reach.
    """
    printer.setDocName(name)
    printer.setFullPage(False)
    layout = QPageLayout(
        QPageSize(PAGE_SIZES.get(paper, QPageSize.PageSizeId.A4)),
        QPageLayout.Orientation.Portrait,
        QMarginsF(0, 0, 0, 0),
        QPageLayout.Unit.Millimeter,
    )
    printer.setPageLayout(layout)


def paint_pack(printer: QPrinter, data: bytes) -> int:
    """Draw every page of the PDF ``data`` on ``printer``; returns the pages drawn."""
    painter = QPainter()
    if not painter.begin(printer):
        return 0  # the printer refused (a file it cannot write): Qt has said why
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        # Scaled smoothly, and kept lossless: Qt's PDF output (the print path on Linux)
        # would otherwise store pages as JPEG, with smudges around every figure.
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.setRenderHint(QPainter.RenderHint.LosslessImageRendering)
        area = printer.pageLayout().paintRectPixels(printer.resolution())
        with PageRaster(data) as raster:
            dpi = min(float(printer.resolution()), _ceiling(painter, raster))
            for index in range(len(raster)):
                if index and not printer.newPage():
                    return index
                page = raster.render(index, dpi)
                target = _fitted(page, area.width(), area.height())
                painter.drawImage(target, _image(page), _covered(page))
            return len(raster)
    finally:
        painter.end()
        QGuiApplication.restoreOverrideCursor()


def _ceiling(painter: QPainter, raster: PageRaster) -> float:
    """The highest resolution worth rendering at: the print preview records the pages
    as pictures and keeps them all; a printer takes each page as it comes."""
    engine = painter.paintEngine()
    if engine is None or engine.type() != QPaintEngine.Type.Picture:
        return PRINT_DPI
    return preview_dpi(len(raster), raster.points(0) if len(raster) else (595.0, 842.0))


def preview_dpi(pages: int, points: tuple[float, float]) -> float:
    """The preview's resolution for ``pages`` pages of ``points``: as sharp as
    PREVIEW_MEMORY allows for them all, within PREVIEW_DPI."""
    width, height = (side / POINTS_PER_INCH for side in points)
    pixels = PREVIEW_MEMORY / 3 / max(pages, 1)
    low, high = PREVIEW_DPI
    return max(low, min(high, float((pixels / (width * height)) ** 0.5)))


def _fitted(page: PageImage, width: int, height: int) -> QRectF:
    """The largest rectangle of the page's aspect inside ``width`` x ``height``, centred."""
    page_w, page_h = page.points
    scale = min(width / page_w, height / page_h)
    w, h = page_w * scale, page_h * scale
    return QRectF((width - w) / 2, (height - h) / 2, w, h)


def _covered(page: PageImage) -> QRectF:
    """The pixels that show the page: PDFium rounds the bitmap up to whole pixels, so its
    last row and column may reach a fraction of a pixel past the page's edge."""
    scale = page.dpi / POINTS_PER_INCH
    return QRectF(0, 0, page.points[0] * scale, page.points[1] * scale)


def _image(page: PageImage) -> QImage:
    """The page as a QImage that owns its pixels (the preview keeps it after we return)."""
    view = QImage(page.pixels, page.width, page.height, page.stride, QImage.Format.Format_RGB888)
    dots_per_metre = round(page.dpi / 0.0254)
    image = view.copy()
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    return image


class PackPreview(QPrintPreviewDialog):
    """Qt's print preview of a rendered pack; Print goes through Qt's print dialog."""

    def __init__(self, data: bytes, paper: str, name: str, parent: QWidget | None = None) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer, paper, name)
        super().__init__(printer, parent)
        self._printer = printer  # the dialog does not own it: it lives as long as we do
        self.setObjectName("print-preview")
        self.setWindowTitle(f"Print Preview — {name}")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.data = data
        self.paintRequested.connect(self._on_paint_requested)
        self._fit_to_screen()

    @property
    def preview(self) -> QPrintPreviewWidget:
        widget = self.findChild(QPrintPreviewWidget)
        assert widget is not None
        return widget

    def _fit_to_screen(self) -> None:
        """Room to read a whole page at once, but never more than the screen has."""
        screen = (self.parentWidget() or self).screen()
        room = screen.availableGeometry() if screen is not None else None
        width, height = PREFERRED_SIZE
        if room is not None:
            width, height = min(width, room.width() * 9 // 10), min(height, room.height() * 9 // 10)
        self.resize(width, height)

    def _on_paint_requested(self, printer: QPrinter) -> None:
        paint_pack(printer, self.data)


def show_preview(parent: QWidget | None, data: bytes, paper: str, name: str) -> PackPreview:
    """Open the preview over ``parent`` without blocking (window-modal; deleted on close)."""
    dialog = PackPreview(data, paper, name, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.open()
    return dialog
