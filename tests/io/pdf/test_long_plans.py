"""Plans with many lines: tables run over pages with the header repeated, every line
printed once, and nothing spills past a column or the page edge."""

from __future__ import annotations

import itertools
import os
import re
import subprocess
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain.errors import BadInput
from app.domain.plan import CostModel, Line, Plan, PlanSnapshot
from app.engine.budget import Budget
from app.io.pdf import write_pack
from tests.io.pdf.pdftools import grouped, page_count, qpdf_check, text_pages

HEADER = "Line Model Drivers Start End Monthly rate Total (EUR)"
WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


def _long_plan(count: int) -> PlanSnapshot:
    start = date(2027, 1, 1)
    plan = Plan(None, "Long plan", "EUR", start, date(2028, 12, 31), contingency_pct=Decimal(5))
    places = [
        ("computing", "cloud", "aws_gcp_azure_options", CostModel.USAGE),
        ("software", "development_tools", "version_control", CostModel.RECURRING),
        ("data", "training_data", "volume_requirements", CostModel.ONE_TIME),
    ]
    drivers = {
        CostModel.USAGE: {
            "quantity": "8",
            "hours_per_month": "220",
            "utilization": "0.85",
            "unit_cost": "2.99",
        },
        CostModel.RECURRING: {"quantity": "3", "unit_cost": "0.0000025", "period": "year"},
        CostModel.ONE_TIME: {"quantity": "1234.5", "unit_cost": "1999.995"},
    }
    lines = []
    for i in range(count):
        category, section, item, model = places[i % len(places)]
        name = f"Line {i:04d} " + ("with a rather long descriptive name " * (i % 3))
        if i % 7 == 0:
            name += "https://example.com/a/very/long/unbroken/reference/that/cannot/wrap"
        first = start + timedelta(days=(i * 37) % 600)
        lines.append(
            Line(
                None,
                0,
                category,
                section,
                item,
                name.strip(),
                model,
                drivers[model],
                first,
                first + timedelta(days=(i * 53) % 400),
                vendor="Vendor" if i % 2 else "",
                position=i,
            )
        )
    return PlanSnapshot(plan, (), tuple(lines))


@pytest.fixture(scope="module")
def long_pack(tmp_path_factory: pytest.TempPathFactory) -> tuple[PlanSnapshot, Path]:
    snapshot = _long_plan(300)
    out = tmp_path_factory.mktemp("long") / "long.pdf"
    write_pack(snapshot, [], out, sections=["timeline", "categories"])
    return snapshot, out


def test_tables_run_over_pages_with_the_header_on_each(
    long_pack: tuple[PlanSnapshot, Path],
) -> None:
    _, pdf = long_pack
    assert qpdf_check(pdf).returncode == 0
    pages = text_pages(pdf)
    table_pages = [
        p for p in pages if "category total" in p or "section total" in p or "Line 0" in p
    ]
    table_pages = [p for p in table_pages if "Phase or line" not in p]
    assert len(table_pages) > 5
    for page in table_pages:
        rows = [" ".join(r.split()) for r in page.splitlines() if r.strip()]
        heads = [r for r in rows if r == HEADER]
        if any(r.startswith("Line 0") for r in rows):
            # a page with lines on it starts them under the column titles, once
            assert len(heads) >= 1
            first_head = rows.index(HEADER)
            first_line = next(i for i, r in enumerate(rows) if r.startswith("Line 0"))
            assert first_head < first_line


def test_every_line_is_printed_once_with_the_engines_total(
    long_pack: tuple[PlanSnapshot, Path],
) -> None:
    snapshot, pdf = long_pack
    ids = list(range(1, len(snapshot.lines) + 1))
    budget = Budget(
        snapshot.plan,
        [Line(**{**ln.__dict__, "id": i}) for ln, i in zip(snapshot.lines, ids, strict=True)],
    )
    pages = text_pages(pdf)
    tables = [p for p in pages if "Phase or line" not in p]
    rows = [" ".join(r.split()) for p in tables for r in p.splitlines() if r.strip()]
    for number, line in zip(ids, snapshot.lines, strict=True):
        key = line.name[:9] + " "  # "Line 0042 "
        found = [r for r in rows if r.startswith(key) or r == key.strip()]
        assert len(found) == 1, (key, found)
        assert found[0].split()[-1] == grouped(budget.line_total(number), 2)
    timeline = "\n".join(p for p in pages if "Phase or line" in p)
    assert all(line.name[:9] in timeline for line in snapshot.lines)


def test_nothing_spills_past_the_margins_or_into_the_next_column(
    long_pack: tuple[PlanSnapshot, Path],
) -> None:
    _, pdf = long_pack
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    for page_text in html.split("<page ")[1:]:
        size = PAGE.search("<page " + page_text)
        assert size
        width = float(size.group(1))
        by_baseline: dict[float, list[tuple[float, float, str]]] = {}
        for x0, _y0, x1, y1, word in WORD.findall(page_text):
            left, right = float(x0), float(x1)
            assert left >= 36 - 0.5 and right <= width - 36 + 0.5, word
            by_baseline.setdefault(round(float(y1), 1), []).append((left, right, word))
        for words in by_baseline.values():
            words.sort()
            for (_, right, word), (left, _, after) in itertools.pairwise(words):
                assert left >= right - 0.1, (word, after)


def test_the_page_count_is_in_every_footer(long_pack: tuple[PlanSnapshot, Path]) -> None:
    _, pdf = long_pack
    total = page_count(pdf)
    pages = text_pages(pdf)
    assert len(pages) == total
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in page


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_a_read_only_folder_is_refused_without_a_trace(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(BadInput, match="cannot write"):
            write_pack(_long_plan(3), [], folder / "p.pdf")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_a_name_too_long_for_a_page_is_cut_short_not_fatal(tmp_path: Path) -> None:
    snapshot = _long_plan(2)
    lines = (Line(**{**snapshot.lines[0].__dict__, "name": "word " * 4000}), snapshot.lines[1])
    out = tmp_path / "long-name.pdf"
    write_pack(PlanSnapshot(snapshot.plan, (), lines), [], out)
    assert qpdf_check(out).returncode == 0
    assert "word word…" in " ".join(" ".join(text_pages(out)).split())
