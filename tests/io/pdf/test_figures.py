"""Every amount a reader sees in the pack is the engine's, to the cent: the text is
taken back out of the PDF with pdftotext and compared figure by figure."""

from __future__ import annotations

from pathlib import Path

from app.domain.taxonomy import CATEGORY_KEYS, standard_taxonomy
from tests.io.pdf.conftest import Sample
from tests.io.pdf.pdftools import amounts, grouped, text_pages

PREFIX = 18


def _rows(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _page_with(pages: list[str], title: str) -> str:
    found = [p for p in pages if title in p]
    assert found, f"no page has {title!r}"
    return found[0]


def _row_amounts(rows: list[str], label: str) -> list[str]:
    """The amounts on the one row that starts with ``label``."""
    matches = [r for r in rows if r.startswith(label)]
    assert len(matches) == 1, (label, matches)
    return amounts(matches[0][len(label) :])


def _each_row_amounts(rows: list[str], label: str) -> list[list[str]]:
    """The amounts on every row that starts with ``label`` (there must be one)."""
    found = [amounts(r[len(label) :]) for r in rows if r.startswith(label)]
    assert found, label
    return found


def _category_pages(pdf: Path) -> list[str]:
    pages = text_pages(pdf)
    start = next(i for i, p in enumerate(pages) if "Cost by category" in p)
    end = next(i for i, p in enumerate(pages) if "Assumptions" in p and "Plan settings" in p)
    return pages[start:end]


def test_cover_shows_the_engines_subtotal_contingency_and_total(sample: Sample) -> None:
    totals = sample.budget.totals()
    rows = _rows(text_pages(sample.pdf)[0])
    assert "Support assistant: fine-tune and serve" in rows
    assert _row_amounts(rows, "Subtotal USD") == [grouped(totals.subtotal, 2)]
    assert _row_amounts(rows, "Contingency (10 %) USD") == [grouped(totals.contingency, 2)]
    assert _row_amounts(rows, "Total USD") == [grouped(totals.total, 2)]
    assert "USD 1,357,795.26" in " ".join(rows)


def test_summary_matches_the_engine_by_category_year_and_phase(sample: Sample) -> None:
    totals = sample.budget.totals()
    taxonomy = standard_taxonomy()
    rows = _rows(_page_with(text_pages(sample.pdf), "Executive summary"))
    # the headline table, and the foot of the category, year and phase tables
    subtotals = _each_row_amounts(rows, "Subtotal")
    assert len(subtotals) == 4
    assert all(found[0] == grouped(totals.subtotal, 2) for found in subtotals)
    assert _row_amounts(rows, "Contingency (10 % of the subtotal)") == [
        grouped(totals.contingency, 2)
    ]
    assert _row_amounts(rows, "Total") == [grouped(totals.total, 2)]
    for category in CATEGORY_KEYS:
        shown = _row_amounts(rows, taxonomy.label(category))
        assert shown[0] == grouped(totals.by_category[category], 2), category
    for year, amount in totals.by_year.items():
        assert _row_amounts(rows, str(year))[0] == grouped(amount, 2)
    for phase in sample.snapshot.phases:
        name = phase.name + (" (milestone)" if phase.milestone else "")
        # the dates column holds no amounts: the first amount is the phase's
        assert _row_amounts(rows, name)[0] == grouped(totals.by_phase.get(phase.id, 0), 2)
    assert _row_amounts(rows, "Not tied to a phase")[0] == grouped(totals.by_phase[None], 2)


def test_summary_lists_the_ten_costliest_lines_in_order(sample: Sample) -> None:
    budget = sample.budget
    rows = _rows(_page_with(text_pages(sample.pdf), "Executive summary"))
    ranked = sorted(sample.snapshot.lines, key=lambda ln: -budget.line_total(ln.id or 0))[:10]
    for rank, line in enumerate(ranked, start=1):
        shown = _row_amounts(rows, f"{rank} {line.name}")
        assert shown[0] == grouped(budget.line_total(line.id or 0), 2), line.name


def test_every_line_total_in_the_category_tables_is_the_engines(sample: Sample) -> None:
    budget = sample.budget
    rows = [r for page in _category_pages(sample.pdf) for r in _rows(page)]
    names = [line.name for line in sample.snapshot.lines]
    assert len({n[:PREFIX] for n in names}) == len(names), "prefixes must tell lines apart"
    for line in sample.snapshot.lines:
        shown = _row_amounts(rows, line.name[:PREFIX])
        assert shown[-1] == grouped(budget.line_total(line.id or 0), 2), line.name


def test_section_and_category_totals_in_the_tables_are_the_engines(sample: Sample) -> None:
    totals = sample.budget.totals()
    taxonomy = standard_taxonomy()
    rows = [r for page in _category_pages(sample.pdf) for r in _rows(page)]
    for category in CATEGORY_KEYS:
        label = f"{taxonomy.label(category)}: category total"
        assert _row_amounts(rows, label) == [grouped(totals.by_category[category], 2)]
    for (category, section), amount in totals.by_section.items():
        label = f"{taxonomy.label(category, section)}: section total"
        assert _row_amounts(rows, label) == [grouped(amount, 2)]


def test_monthly_rates_are_full_months_of_the_engine(sample: Sample) -> None:
    """A staff line running whole months shows the engine's cell for such a month."""
    budget = sample.budget
    rows = [r for page in _category_pages(sample.pdf) for r in _rows(page)]
    for line in sample.snapshot.lines:
        if line.cost_model.value not in ("staff", "recurring", "usage"):
            continue
        cells = budget.cells[line.id or 0].amounts
        full = cells[1] if len(cells) > 2 else None  # a middle month is always whole here
        if full is None:
            continue
        shown = _row_amounts(rows, line.name[:PREFIX])
        assert shown[-2] == grouped(full, 2), line.name
