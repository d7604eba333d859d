"""Any plan at all (odd names, four currencies, sub-cent prices, leap days, empty plans)
makes a valid pack whose headline figures and line totals are the engine's."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings

from app.domain.money import minor_digits
from app.domain.plan import PlanSnapshot
from app.domain.taxonomy import CATEGORY_KEYS, standard_taxonomy
from app.engine.budget import Budget
from app.io.pdf import with_line_ids, write_pack
from tests.io.pdf.pdftools import amounts, fonts, grouped, qpdf_check, text_pages
from tests.strategies import snapshots


@settings(max_examples=12)
@given(snapshots(max_lines=10))
def test_any_plan_makes_a_valid_pack_with_the_engines_figures(snapshot: PlanSnapshot) -> None:
    snapshot = with_line_ids(snapshot)
    budget = Budget(snapshot.plan, snapshot.lines)
    totals = budget.totals()
    digits = minor_digits(snapshot.plan.currency)
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "any.pdf"
        write_pack(snapshot, [], out, sections=["summary", "categories"])
        assert qpdf_check(out).returncode == 0
        assert all(f["emb"] == "yes" for f in fonts(out))
        pages = text_pages(out)
    rows = [" ".join(r.split()) for p in pages for r in p.splitlines()]
    shown = {a for r in rows for a in amounts(r)}
    taxonomy = standard_taxonomy()
    for category in CATEGORY_KEYS:
        expected = grouped(totals.by_category[category], digits)
        label = taxonomy.label(category)
        summary_row = next(r for r in rows if r.startswith(label) and amounts(r[len(label) :]))
        assert amounts(summary_row[len(label) :])[0] == expected
        if any(line.category == category for line in snapshot.lines):
            label += ": category total"
            row = next(r for r in rows if r.startswith(label))
            assert amounts(row[len(label) :]) == [expected]
    for figure in (totals.subtotal, totals.contingency, totals.total):
        assert grouped(figure, digits) in shown
    for line in snapshot.lines:
        assert grouped(budget.line_total(line.id or 0), digits) in shown, line.name
