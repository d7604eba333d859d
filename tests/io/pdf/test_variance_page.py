"""``pdf PLAN --variance``: a budget-vs-actual page with the variance command's figures,
before the sign-off; without the flag the pack is as before."""

from __future__ import annotations

import json
from pathlib import Path

from app.domain.taxonomy import standard_taxonomy
from app.services.workspace import Workspace
from tests.cli.test_cli import SAMPLE, run
from tests.io.pdf.pdftools import text_pages

CSV = (
    "Date,Amount,Line,Category,Reference\n"
    "2027-01-31,53000,ML engineers,,PAY-1\n"
    "2027-02-28,58000.25,ML engineers,,PAY-2\n"
    "2027-02-10,30000,,computing,GPU-2\n"
)


def test_the_variance_page_shows_the_commands_figures(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    Workspace.open(db).close()
    spent = tmp_path / "spent.csv"
    spent.write_text(CSV, encoding="utf-8")
    assert run("actuals", "import", SAMPLE, str(spent), db=db).returncode == 0
    out = tmp_path / "pack.pdf"
    done = run(
        "pdf", SAMPLE, "--variance", "--sections", "summary,signoff", "--out", str(out), db=db
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(run("variance", SAMPLE, "--json", db=db).stdout)
    pages = text_pages(out)
    [page] = [p for p in pages if "Budget vs actual" in p]
    assert pages.index(page) == len(pages) - 2  # before the sign-off
    words = " ".join(page.split())
    assert f"To the end of {report['as_of']}" in words
    taxonomy = standard_taxonomy()
    for key, figures in report["by_category"].items():
        row = [taxonomy.label(key)] + [
            ("+" if k == "variance_to_date" and float(figures[k]) > 0 else "")
            + f"{float(figures[k]):,.2f}"
            for k in ("budget_to_date", "actual_to_date", "variance_to_date",
                      "budget_at_completion", "forecast_at_completion")
        ]  # fmt: skip
        assert " ".join(row) in words, key
    for month, figures in report["by_month"].items():
        assert f"{month} {float(figures['budget']):,.2f} {float(figures['actual']):,.2f}" in words
    plain = tmp_path / "plain.pdf"
    assert (
        run("pdf", SAMPLE, "--sections", "summary,signoff", "--out", str(plain), db=db).returncode
        == 0
    )
    assert not any("Budget vs actual" in p for p in text_pages(plain))
