"""A pack with people costs withheld shows pay only as category and section totals."""

from __future__ import annotations

from app.domain.plan import CostModel
from app.domain.taxonomy import CATEGORY_KEYS, standard_taxonomy
from tests.io.pdf.conftest import Sample
from tests.io.pdf.pdftools import amounts, grouped, text_pages


def _people(sample: Sample) -> list[int]:
    return [
        line.id or 0
        for line in sample.snapshot.lines
        if line.category == "human" or line.cost_model is CostModel.STAFF
    ]


def test_no_staff_figure_appears(sample: Sample) -> None:
    budget = sample.budget
    totals = budget.totals()
    # Totals the pack may show; a person alone in a section shows as that section.
    allowed = {*totals.by_category.values(), *totals.by_section.values()}
    text = "\n".join(text_pages(sample.redacted))
    shown = set(amounts(text))
    people = [ln for ln in sample.snapshot.lines if (ln.id or 0) in _people(sample)]
    assert len(people) == 8  # six in Human Resources, two staff lines elsewhere
    for line in people:
        cells = budget.cells[line.id or 0].amounts
        secret = {budget.line_total(line.id or 0), *cells} - set(allowed)
        leaked = {grouped(a, 2) for a in secret} & shown
        assert not leaked, (line.name, leaked)
        # nor the salary the line was built from, nor the catalogue's pay rate
        for driver in ("annual_cost",):
            if driver in line.drivers:
                assert line.drivers[driver] not in text, line.name
        if line.catalogue_price:
            assert f"USD {line.catalogue_price}" not in text, line.name
        assert line.name not in _category_table_text(sample), line.name


def _category_table_text(sample: Sample) -> str:
    pages = text_pages(sample.redacted)
    start = next(i for i, p in enumerate(pages) if "Cost by category" in p)
    end = next(i for i, p in enumerate(pages) if "Plan settings" in p)
    return "\n".join(pages[start:end])


def test_category_and_section_totals_still_appear(sample: Sample) -> None:
    totals = sample.budget.totals()
    taxonomy = standard_taxonomy()
    rows = [" ".join(r.split()) for r in _category_table_text(sample).splitlines()]
    for category in CATEGORY_KEYS:
        label = f"{taxonomy.label(category)}: category total"
        row = next(r for r in rows if r.startswith(label))
        assert amounts(row[len(label) :]) == [grouped(totals.by_category[category], 2)]
    for (category, section), amount in totals.by_section.items():
        label = f"{taxonomy.label(category, section)}: section total"
        row = next(r for r in rows if r.startswith(label))
        assert amounts(row[len(label) :]) == [grouped(amount, 2)]
    assert "3 people-cost line(s) withheld" in " ".join(rows)


def test_other_lines_keep_their_figures(sample: Sample) -> None:
    budget = sample.budget
    text = _category_table_text(sample)
    others = [ln for ln in sample.snapshot.lines if (ln.id or 0) not in _people(sample)]
    for line in others:
        assert grouped(budget.line_total(line.id or 0), 2) in text, line.name


def test_the_unredacted_pack_shows_the_salaries(sample: Sample) -> None:
    """The check above would pass on an empty file; this one shows it can fail."""
    text = "\n".join(text_pages(sample.pdf))
    for line_id in _people(sample):
        assert grouped(sample.budget.line_total(line_id), 2) in text
    assert "people costs withheld" not in text
    assert "people costs withheld" in text_pages(sample.redacted)[0].splitlines()[0]
