"""``pdf PLAN --baseline NAME``: a comparison page whose deltas are ``compare --json``'s
to the cent (categories, subtotal, total and every line added, removed or changed)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from app.domain.taxonomy import CATEGORY_KEYS, standard_taxonomy
from tests.cli.test_cli import run
from tests.io.pdf.pdftools import qpdf_check, text_pages
from tests.versions_setup import AS_COPIED, BASELINE, SAMPLE, SCENARIO, diverged


def _money(value: str, signed: bool = False) -> str:
    amount = Decimal(value)
    return f"{amount:+,}" if signed and amount > 0 else f"{amount:,}"


def _page(pdf: Path) -> str:
    pages = [p for p in text_pages(pdf) if "Against the baseline" in p]
    assert len(pages) == 1
    return pages[0]


def _row(page: str, label: str) -> list[str]:
    [line] = [x for x in page.splitlines() if x.strip().startswith(label + "  ")]
    return line.split()[-3:]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("comparison") / "v.db"
    diverged(path)
    return path


@pytest.mark.parametrize(("plan", "baseline"), [(SAMPLE, BASELINE), (SCENARIO, AS_COPIED)])
def test_the_page_has_the_compare_commands_deltas_to_the_cent(
    db: Path, tmp_path: Path, plan: str, baseline: str
) -> None:
    pdf = tmp_path / "pack.pdf"
    done = run("pdf", plan, "--baseline", baseline, "--out", str(pdf), db=db)
    assert done.returncode == 0, done.stderr
    assert qpdf_check(pdf).returncode == 0
    result: dict[str, Any] = json.loads(
        run("compare", plan, "--baseline", baseline, "--json", db=db).stdout
    )
    page = _page(pdf)
    assert f"“{baseline}”" in page and f"“{plan}”" in page
    taxonomy = standard_taxonomy()
    rows = {taxonomy.label(key): result["by_category"][key] for key in CATEGORY_KEYS}
    rows |= {"Subtotal": result["subtotal"], "Total (with contingency)": result["total"]}
    for label, trio in rows.items():
        expected = [_money(trio["a"]), _money(trio["b"]), _money(trio["delta"], signed=True)]
        assert _row(page, label) == expected, label
    words = " ".join(page.split())
    lines = result["lines"]
    for line in lines["added"]:
        assert (
            f"added {taxonomy.label(line['category'])} {_money(line['b'])} {_money(line['b'], True)}"
            in words
        )
    for line in lines["removed"]:
        assert (
            f"removed {taxonomy.label(line['category'])} {_money(line['a'])} -{_money(line['a'])}"
            in words
        )
    for line in lines["changed"]:
        figures = f"{_money(line['a'])} {_money(line['b'])} {_money(line['delta'], True)}"
        assert f"changed {taxonomy.label(line['category'])} {figures}" in words
    assert lines["changed"]
    if plan == SCENARIO:
        assert lines["added"] and lines["removed"]
    assert "Monthly difference (b − a, before contingency)" in page


def test_without_baseline_the_pack_has_no_comparison_page(db: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "pack.pdf"
    assert run("pdf", SAMPLE, "--out", str(pdf), "--sections", "summary", db=db).returncode == 0
    assert not any("Against the baseline" in p for p in text_pages(pdf))


def test_an_unknown_baseline_is_refused_and_nothing_written(db: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "pack.pdf"
    done = run("pdf", SAMPLE, "--baseline", "No such", "--out", str(pdf), db=db)
    assert done.returncode == 2 and "no baseline named 'No such'" in done.stderr
    assert not pdf.exists()


def test_a_redacted_pack_withholds_people_costs_on_the_comparison_page(
    db: Path, tmp_path: Path
) -> None:
    pdf = tmp_path / "pack.pdf"
    args = ("pdf", SAMPLE, "--baseline", BASELINE, "--out", str(pdf), "--redact-salaries")
    assert run(*args, db=db).returncode == 0
    page = _page(pdf)
    assert _row(page, standard_taxonomy().label("human")) == ["redacted"] * 3
    result = json.loads(run("compare", SAMPLE, "--baseline", BASELINE, "--json", db=db).stdout)
    computing = result["by_category"]["computing"]
    assert _row(page, standard_taxonomy().label("computing"))[-1] == _money(
        computing["delta"], signed=True
    )
