"""The pack as a file a printer and a reader accept: valid PDF, every font embedded,
the expected pages, a header and a "page X of Y" footer on each."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from app.io.pdf import SECTIONS, write_pack
from tests.io.pdf.conftest import GENERATED, Sample
from tests.io.pdf.pdftools import fonts, page_count, page_size, qpdf_check, text_pages

SAMPLE_PAGES = 11
"""cover, summary, charts, timeline, three pages of category tables, two of assumptions
ending with the sign-off block"""


def test_qpdf_finds_no_error(sample: Sample) -> None:
    for pdf in (sample.pdf, sample.redacted):
        result = qpdf_check(pdf)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "No syntax or stream encoding errors" in result.stdout


def test_every_font_is_embedded_chart_labels_included(sample: Sample) -> None:
    found = fonts(sample.pdf)
    assert found, "the pack has text"
    assert all(f["emb"] == "yes" for f in found), found
    assert all(f["uni"] == "yes" for f in found), found  # text can be copied out
    assert not any("Helvetica" in f["name"] for f in found)
    # the charts page alone: its axis labels and legends are in the shipped font too
    charts = next(i for i, p in enumerate(text_pages(sample.pdf), 1) if "Cumulative spend" in p)
    only_charts = sample.pdf.with_name("charts-only.pdf")
    reader = PdfReader(sample.pdf)
    writer = PdfWriter()
    writer.add_page(reader.pages[charts - 1])
    with only_charts.open("wb") as out:
        writer.write(out)
    assert all(f["emb"] == "yes" for f in fonts(only_charts))


def test_sample_pack_has_its_pages_in_order(sample: Sample) -> None:
    assert page_count(sample.pdf) == SAMPLE_PAGES
    pages = text_pages(sample.pdf)
    firsts = [
        "Budget pack",
        "Executive summary",
        "Charts",
        "Timeline",
        "Cost by category",
        "Assumptions",
        "Compute and energy",
    ]
    # each section opens a page: its title is the first line under the header
    opening = [[ln.strip() for ln in p.splitlines() if ln.strip()][1] for p in pages]
    assert [t for t in opening if t in firsts] == firsts
    # the sign-off block follows the compute and energy page, on the same page when there is room
    last = [ln.strip() for ln in pages[-1].splitlines()]
    assert "Sign-off" in last
    assert "Approved by" in " ".join(last)


def test_every_page_has_the_header_and_a_page_x_of_y_footer(sample: Sample) -> None:
    pages = text_pages(sample.pdf)
    for number, page in enumerate(pages, start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert lines[0].startswith("Support assistant: fine-tune and serve"), number
        assert f"Generated {GENERATED.isoformat()} by Budgetwright" in lines[-1]
        assert lines[-1].endswith(f"Page {number} of {len(pages)}"), lines[-1]


def test_the_outline_lists_the_sections(sample: Sample) -> None:
    titles = [item.title for item in PdfReader(sample.pdf).outline if not isinstance(item, list)]
    assert titles[:3] == ["Cover", "Executive summary", "Charts"]
    assert "Assumptions" in titles and "Sign-off" in titles


def test_letter_paper_and_a_chosen_section(sample: Sample, tmp_path: Path) -> None:
    out = tmp_path / "letter.pdf"
    write_pack(sample.snapshot, sample.catalogue, out, paper="letter", sections=["summary"])
    assert page_size(out) == (612, 792)
    assert page_count(out) == 1
    text = text_pages(out)[0]
    assert "Executive summary" in text and "Page 1 of 1" in text
    assert page_size(sample.pdf) == (595.276, 841.89)


@pytest.mark.parametrize("section", SECTIONS)
def test_each_section_alone_is_a_valid_pack(sample: Sample, tmp_path: Path, section: str) -> None:
    out = tmp_path / f"{section}.pdf"
    write_pack(sample.snapshot, sample.catalogue, out, sections=[section])
    assert qpdf_check(out).returncode == 0
    assert all(f["emb"] == "yes" for f in fonts(out))


def test_sections_keep_the_packs_order_whatever_order_they_are_asked_in(
    sample: Sample, tmp_path: Path
) -> None:
    out = tmp_path / "two.pdf"
    write_pack(sample.snapshot, sample.catalogue, out, sections=["signoff", "cover"])
    pages = text_pages(out)
    assert "Budget pack" in pages[0] and "Sign-off" in pages[-1]
