"""The assumptions page marks a copied price stale from the planner's threshold, counted
from the date the pack was generated."""

from __future__ import annotations

from pathlib import Path

from app.io.pdf import write_pack
from tests.io.pdf.conftest import GENERATED, Sample
from tests.io.pdf.pdftools import text_pages


def _assumptions(sample: Sample, path: Path, months: int) -> str:
    write_pack(
        sample.snapshot,
        sample.catalogue,
        path,
        sections=["assumptions"],
        generated=GENERATED,
        stale_months=months,
    )
    return "\n".join(text_pages(path))


def test_prices_older_than_the_threshold_are_marked_stale(sample: Sample, tmp_path: Path) -> None:
    text = _assumptions(sample, tmp_path / "six.pdf", 6)
    # EBS gp3 was copied as of 2021-01-13, H100 on Lambda as of 2026-03-01 (10 months
    # before the pack's date 2027-01-04), GitHub Team as of 2026-09-20 (3 months)
    assert "stale: " in text and "copied 6 months or more before 2027-01-04" in text
    lines = text.splitlines()
    ebs = next(i for i, row in enumerate(lines) if "2021-01-13" in row)
    team = next(i for i, row in enumerate(lines) if "2026-09-20" in row)
    assert "stale" in lines[ebs + 1] and "stale" not in lines[team + 1]

    relaxed = _assumptions(sample, tmp_path / "ten-years.pdf", 120)
    assert "stale" not in relaxed
