"""The pack says why a yearly price's twelve rounded months add to a few cents more or
less than contracted: a table of the lines priced by the year on the assumptions page."""

from __future__ import annotations

from app.io.pdf.numbers import money
from tests.io.pdf.conftest import Sample
from tests.io.pdf.pdftools import text_pages


def _table(pages: list[str]) -> list[str]:
    rows = [" ".join(r.split()) for page in pages for r in page.splitlines() if r.strip()]
    start = rows.index("Prices by the year")
    end = next(i for i, r in enumerate(rows) if i > start and r.startswith("Contracted:"))
    return rows[start + 2 : end]


def test_the_engineers_contracted_year_and_its_cents(sample: Sample) -> None:
    rows = _table(text_pages(sample.pdf))
    assert rows == [
        "ML engineers 640,250.00 53,354.17 640,250.04 0.04",
        "MLOps engineer 85,975.50 7,164.63 85,975.56 0.06",
        "Project manager 68,198.00 5,683.17 68,198.04 0.04",
        "JetBrains All Products Pack 1,558.00 129.83 1,557.96 -0.04",
    ]
    # the year the category table shows is the twelve months, as DESIGN.md adds them
    assert money(64025004, 2) in "\n".join(text_pages(sample.pdf))
    text = " ".join(" ".join(page.split()) for page in text_pages(sample.pdf))
    assert "a price by the year can come to a few cents more or less than contracted" in text


def test_a_redacted_pack_lists_only_the_lines_it_shows(sample: Sample) -> None:
    rows = _table(text_pages(sample.redacted))
    assert rows == ["JetBrains All Products Pack 1,558.00 129.83 1,557.96 -0.04"]
