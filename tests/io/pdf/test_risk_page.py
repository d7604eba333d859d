"""The pack's risk page: the risk command's percentiles, a curve, a tornado, the method."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from app.engine.risk import risk_json, simulate
from app.io.pdf import write_pack
from tests.io.pdf.conftest import Sample
from tests.io.pdf.pdftools import page_count, text_pages


def _risk_page(pdf: Path) -> str:
    pages = [p for p in text_pages(pdf) if "Method: each of the" in p]
    assert len(pages) == 1
    return pages[0]


def test_the_risk_page_shows_the_commands_percentiles(sample: Sample) -> None:
    report = risk_json(simulate(sample.snapshot, sample.budget), "p", "USD")
    page = _risk_page(sample.pdf)
    for key in ("p10", "p50", "p80", "p95", "mean", "base"):
        assert f"{float(report[key]):,.2f}" in page, key
    assert f"Contingency for 80 % confidence: USD {float(report['contingency_p80']):,.2f}" in page
    # the percentage as the command rounds it (half-up on the exact figure, not a float)
    assert f"({report['contingency_pct_p80']} % of the subtotal" in " ".join(page.split())
    assert "Cumulative probability of the subtotal" in page
    assert "Preference pairs for DPO (20,000)" in page and "70.5 %" in page


def test_the_redacted_pack_has_the_same_pooled_risk_page(sample: Sample) -> None:
    def body(pdf: Path) -> str:
        words = " ".join(_risk_page(pdf).split())
        return words.replace(" · people costs withheld", "")  # the running header says so

    assert body(sample.redacted) == body(sample.pdf)


def test_a_plan_without_ranges_gets_a_note(sample: Sample, tmp_path: Path) -> None:
    fixed = replace(
        sample.snapshot,
        lines=tuple(
            replace(x, low_estimate=None, high_estimate=None) for x in sample.snapshot.lines
        ),
    )
    out = tmp_path / "risk.pdf"
    write_pack(fixed, sample.catalogue, out, sections=["risk"])
    assert page_count(out) == 1
    assert "No simulation: plan" in " ".join(text_pages(out)[0].split())
