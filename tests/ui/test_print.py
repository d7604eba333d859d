"""File → Print…: the pack is built in the background, shown in Qt's print preview, and
what reaches the printer is the pack's own pages, one for one.

No printer is installed here, so the printer is Qt's PDF output to a file: the tests
count its pages with pdfinfo and compare what is on them with poppler's own rendering
of the pack.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from app.domain.errors import BadInput
from app.io.pdf import render_pack
from app.io.pdf.raster import PageRaster, page_count
from tests.io.pdf.pdftools import page_count as pdfinfo_pages
from tests.io.pdf.pdftools import page_size
from ui import prompts
from ui.main_window import MainWindow
from ui.pack_dialog import PackDialog, PackOptions
from ui.print_preview import PREVIEW_DPI, PREVIEW_MEMORY, PackPreview, preview_dpi

A4_POINTS = (595.28, 841.89)


def _choose(monkeypatch: pytest.MonkeyPatch, options: PackOptions | None) -> list[str]:
    """Answer the pack dialog with ``options``; returns the titles it was asked under."""
    asked: list[str] = []

    def ask(_parent: object, _store: object, title: str, _accept: str) -> PackOptions | None:
        asked.append(title)
        return options

    monkeypatch.setattr(PackDialog, "ask", staticmethod(ask))
    return asked


def _open_preview(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, options: PackOptions
) -> PackPreview:
    _choose(monkeypatch, options)
    monkeypatch.setattr(prompts, "show_error", lambda *_a: pytest.fail(f"error shown: {_a}"))
    with qtbot.waitSignal(window.ctx.background.job_ended, timeout=60_000):
        window.actions["file.print"].trigger()
    preview = window.files.preview
    assert preview is not None
    return preview


def _print_to_pdf(preview: PackPreview, target: Path, dpi: int = 96) -> None:
    """What Print in the preview does: paint the pages on the printer (here a PDF file)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    printer.setResolution(dpi)
    printer.setPageLayout(preview.printer().pageLayout())
    preview.paintRequested.emit(printer)


def _grey(pdf: Path, page: int, tmp_path: Path, dpi: int = 100) -> np.ndarray:
    """Page ``page`` of ``pdf`` as poppler draws it, in grey."""
    stem = tmp_path / f"{pdf.stem}-{page}"
    pages = ["-f", str(page), "-l", str(page), "-singlefile"]
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", *pages, str(pdf), str(stem)], check=True)
    data = stem.with_suffix(".pgm").read_bytes()
    match = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", data)
    assert match, data[:20]
    width, height = int(match.group(1)), int(match.group(2))
    return np.frombuffer(data[match.end() :], np.uint8).reshape(height, width).astype(float)


def _likeness(a: np.ndarray, b: np.ndarray, block: int = 3) -> float:
    """How alike two drawings of a page are, 1 the same and 0 unrelated: the correlation
    of their ink in blocks of ``block`` pixels (two renderers never agree to the pixel)."""
    height = min(a.shape[0], b.shape[0]) // block * block
    width = min(a.shape[1], b.shape[1]) // block * block

    def blocks(image: np.ndarray) -> np.ndarray:
        shape = (height // block, block, width // block, block)
        return image[:height, :width].reshape(shape).mean(axis=(1, 3)).ravel()

    return float(np.corrcoef(blocks(a), blocks(b))[0, 1])


def test_print_shows_the_pack_in_a_preview_and_prints_every_page(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    options = PackOptions("a4", ("cover", "summary", "categories", "signoff"))
    preview = _open_preview(qtbot, window, monkeypatch, options)
    try:
        pack = tmp_path / "pack.pdf"
        pack.write_bytes(preview.data)
        pages = pdfinfo_pages(pack)
        assert pages >= 4
        assert preview.isVisible()
        assert preview.windowTitle() == "Print Preview — Support assistant: fine-tune and serve"
        assert preview.preview.pageCount() == pages  # the planner sees every page

        printed = tmp_path / "printed.pdf"
        _print_to_pdf(preview, printed, dpi=200)
        assert pdfinfo_pages(printed) == pages
        assert page_size(printed) == pytest.approx(A4_POINTS, abs=1)
        # Each printed page is the pack's page, in order, neither shifted nor shrunk:
        # poppler draws the two alike (text is drawn twice, so not to the pixel).
        for page in range(1, pages + 1):
            on_paper = _grey(printed, page, tmp_path)
            assert _likeness(on_paper, _grey(pack, page, tmp_path)) > 0.9, page
            other = page + 1 if page < pages else 1
            assert _likeness(on_paper, _grey(pack, other, tmp_path)) < 0.5, page
    finally:
        preview.close()


@pytest.mark.parametrize(("printer_dpi", "page_dpi"), [(150, 150), (300, 300), (1200, 300)])
def test_the_printer_gets_the_pages_at_its_own_resolution(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    printer_dpi: int,
    page_dpi: int,
) -> None:
    """Up to PRINT_DPI: beyond it a page takes seconds and looks no different on paper."""
    preview = _open_preview(qtbot, window, monkeypatch, PackOptions("letter", ("cover",)))
    try:
        printed = tmp_path / "printed.pdf"
        _print_to_pdf(preview, printed, dpi=printer_dpi)
        assert page_size(printed) == pytest.approx((612, 792), abs=1)
        listing = subprocess.run(
            ["pdfimages", "-list", str(printed)], check=True, capture_output=True, text=True
        ).stdout.splitlines()[2:]
        assert len(listing) == 1  # one image: the page
        columns = listing[0].split()
        assert columns[8] == "image"  # stored losslessly (Qt would use JPEG): no smudges
        assert (int(columns[12]), int(columns[13])) == (page_dpi, page_dpi)
    finally:
        preview.close()


def test_a_long_pack_is_previewed_at_a_lower_resolution_within_the_memory_allowed() -> None:
    a4 = A4_POINTS
    assert preview_dpi(9, a4) == PREVIEW_DPI[1]
    long = preview_dpi(400, a4)
    assert PREVIEW_DPI[0] < long < PREVIEW_DPI[1]
    pixels = (a4[0] / 72 * long) * (a4[1] / 72 * long)
    assert 400 * pixels * 3 <= PREVIEW_MEMORY * 1.001
    assert preview_dpi(100_000, a4) == PREVIEW_DPI[0]


def test_cancelling_the_pack_dialog_prints_nothing(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = _choose(monkeypatch, None)
    window.actions["file.print"].trigger()
    assert asked == ["Print Budget Pack"]
    assert not window.ctx.background.busy
    assert window.files.preview is None


def test_printing_leaves_no_files_behind(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp = Path(tempfile.gettempdir())
    before = set(temp.glob("budgetwright-print-*"))
    preview = _open_preview(qtbot, window, monkeypatch, PackOptions("a4", ("cover",)))
    preview.close()
    assert set(temp.glob("budgetwright-print-*")) == before


def test_a_closed_preview_is_gone(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    preview = _open_preview(qtbot, window, monkeypatch, PackOptions("a4", ("cover",)))
    with qtbot.waitSignal(preview.destroyed, timeout=5_000):
        preview.reject()


# ---- The rasteriser (no Qt)


def test_a_page_is_rendered_at_the_resolution_asked(tmp_path: Path) -> None:
    from app.services.workspace import Workspace

    workspace = Workspace.open(tmp_path / "b.db")
    try:
        plan = workspace.plans()[0]
        assert plan.id is not None
        data = render_pack(workspace.snapshot(plan.id), workspace.catalogue(), sections=["cover"])
    finally:
        workspace.close()
    assert page_count(data) == 1
    with PageRaster(data) as raster:
        assert raster.points(0) == pytest.approx(A4_POINTS, abs=0.01)
        image = raster.render(0, 72)
    assert (image.width, image.height) == (596, 842)  # points, rounded up, at 72 dpi
    assert image.stride >= image.width * 3
    assert len(image.pixels) == image.stride * image.height
    assert image.pixels[:3] == b"\xff\xff\xff"  # the paper is white
    assert set(image.pixels) - {255}  # and something is printed on it


def test_what_is_not_a_pdf_is_refused_by_name() -> None:
    with pytest.raises(BadInput, match="not a readable PDF"):
        PageRaster(b"not a pdf")
