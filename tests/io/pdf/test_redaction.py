"""A pack with people costs withheld never prints a figure from which one person's
pay can be read: the tests read the pack as an attacker would and fail to find it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.plan import CostModel, Line, Phase, Plan, PlanSnapshot
from app.domain.taxonomy import CATEGORY_KEYS, standard_taxonomy
from app.engine.budget import Budget, Totals
from app.engine.calendar import active_days, days_in_month, month_index, year_of
from app.engine.line_costs import LineCost
from app.io.pdf import write_pack
from app.io.pdf.pack import is_people_cost
from app.io.pdf.redaction import revealed
from tests.io.pdf.conftest import GENERATED, Sample
from tests.io.pdf.pdftools import amounts, grouped, text_pages

Y27, Y28 = (date(2027, 1, 1), date(2027, 12, 31)), (date(2028, 1, 1), date(2028, 12, 31))


Span = tuple[date, date]


def _staff(
    name: str, place: str, fte: str, annual: str, span: Span, phase: int | None = None
) -> Line:
    category, section, item = place.split("/")
    drivers = {"fte": fte, "annual_cost": annual, "overhead_pct": "30"}
    model = CostModel.STAFF
    return Line(None, 1, category, section, item, name, model, drivers, *span, phase_id=phase)


def _tool(name: str, place: str, monthly: str, span: Span, phase: int | None = None) -> Line:
    category, section, item = place.split("/")
    drivers = {"quantity": "1", "unit_cost": monthly, "period": "month"}
    model = CostModel.RECURRING
    return Line(None, 1, category, section, item, name, model, drivers, *span, phase_id=phase)


def _plan(lines: list[Line], end: date = Y27[1], phases: tuple[Phase, ...] = ()) -> PlanSnapshot:
    plan = Plan(1, "Redaction test", "USD", Y27[0], end, contingency_pct=Decimal(10))
    numbered = tuple(replace(ln, id=i, position=i) for i, ln in enumerate(lines, start=1))
    return PlanSnapshot(plan, phases, numbered)


TEAM = "human/technical_team/ml_engineers"
SUPPORT = "human/support_team/project_managers"
QUALITY = "data/data_quality/annotation_tools"
CLOUD = "computing/cloud/container_services"

PLANS = {
    # One person alone in a section (Support Team), and one staff line in a section of
    # another category next to a tool (section total less the tool's is that pay).
    "one person in a section": _plan(
        [
            _staff("Engineer A", TEAM, "1", "180000", Y27),
            _staff("Engineer B", TEAM, "1", "150000", Y27),
            _staff("Support lead", SUPPORT, "1", "90000", Y27),
            _staff("Annotator", QUALITY, "0.5", "70000", Y27),
            _tool("Labelling tool", QUALITY, "1200", Y27),
            _tool("Cluster", CLOUD, "900", Y27),
        ]
    ),
    # Each phase holds one person and a tool: phase total less the tool is that pay.
    "one person in a phase": _plan(
        [
            _staff(
                "Researcher", TEAM, "1", "160000", (date(2027, 1, 1), date(2027, 6, 30)), phase=1
            ),
            _tool("Notebook service", CLOUD, "300", (date(2027, 1, 1), date(2027, 6, 30)), phase=1),
            _staff(
                "Operator", SUPPORT, "1", "95000", (date(2027, 7, 1), date(2027, 12, 31)), phase=2
            ),
            _tool(
                "Serving cluster", CLOUD, "2500", (date(2027, 7, 1), date(2027, 12, 31)), phase=2
            ),
        ],
        phases=(
            Phase(1, 1, "build", "Build", date(2027, 1, 1), date(2027, 6, 30)),
            Phase(2, 1, "run", "Run", date(2027, 7, 1), date(2027, 12, 31), position=1),
        ),
    ),
    # Two people all along; a third joins for 2028 (2028 less 2027 is that pay).
    "a hire in the second year": _plan(
        [
            _staff("Engineer A", TEAM, "1", "180000", (Y27[0], Y28[1])),
            _staff("Engineer B", TEAM, "1", "150000", (Y27[0], Y28[1])),
            _staff("Hire of 2028", TEAM, "1", "120000", Y28),
            _tool("Cluster", CLOUD, "900", (Y27[0], Y28[1])),
        ],
        end=Y28[1],
    ),
    # Two people until November, a contractor alone in December.
    "one person in a month": _plan(
        [
            _staff("Engineer A", TEAM, "1", "180000", (Y27[0], date(2027, 11, 30))),
            _staff("Engineer B", TEAM, "1", "150000", (Y27[0], date(2027, 11, 30))),
            _staff("December contractor", SUPPORT, "1", "84000", (date(2027, 12, 1), Y27[1])),
            _tool("Cluster", CLOUD, "900", Y27),
        ]
    ),
    # One paid line in the whole plan: even the subtotal is that pay.
    "one person in the plan": _plan(
        [
            _staff("Sole engineer", TEAM, "1", "175000", Y27),
            _tool("Cluster", CLOUD, "900", Y27),
            _tool("Labelling tool", QUALITY, "1200", Y27),
        ]
    ),
}


@dataclass(frozen=True)
class Written:
    snapshot: PlanSnapshot
    pdf: Path
    redacted: Path


@pytest.fixture(scope="module", params=[*PLANS, "sample"])
def written(
    request: pytest.FixtureRequest, sample: Sample, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Written]:
    if request.param == "sample":
        yield Written(sample.snapshot, sample.pdf, sample.redacted)
        return
    snapshot = PLANS[request.param]
    folder = tmp_path_factory.mktemp("redaction")
    pdf, redacted = folder / "pack.pdf", folder / "redacted.pdf"
    write_pack(snapshot, [], pdf, generated=GENERATED)
    write_pack(snapshot, [], redacted, generated=GENERATED, redact_salaries=True)
    yield Written(snapshot, pdf, redacted)


def _secrets(snapshot: PlanSnapshot) -> dict[int, str]:
    """Every figure of one person's pay: each paid line's total, years and months."""
    budget = Budget(snapshot.plan, snapshot.lines)
    out: dict[int, set[str]] = {}
    for line in snapshot.lines:
        if not is_people_cost(line):
            continue
        cost = budget.cells[line.id or 0]
        out.setdefault(cost.total, set()).add(f"{line.name}: total")
        years: dict[int, int] = {}
        for month, amount in enumerate(cost.amounts, cost.first):
            out.setdefault(amount, set()).add(f"{line.name}: month {month}")
            years[year_of(month)] = years.get(year_of(month), 0) + amount
        for year, amount in years.items():
            out.setdefault(amount, set()).add(f"{line.name}: {year}")
    out.pop(0, None)
    return {amount: " / ".join(sorted(names)) for amount, names in out.items()}


def _aggregates(totals: Totals) -> dict[str, int]:
    named = {
        "subtotal": totals.subtotal,
        "contingency": totals.contingency,
        "total": totals.total,
    }
    named.update({f"category {k}": v for k, v in totals.by_category.items()})
    named.update({f"section {k}": v for k, v in totals.by_section.items()})
    named.update({f"phase {k}": v for k, v in totals.by_phase.items()})
    named.update({f"year {k}": v for k, v in totals.by_year.items()})
    named.update({f"month {k}": v for k, v in totals.by_month.items()})
    return named


def _recover(snapshot: PlanSnapshot, pdf: Path) -> list[str]:
    """What an attacker reading ``pdf`` learns of one person's pay.

    They read every printed amount; every line shown whole they can recompute month by
    month, so a printed total less its open lines' part is the pay it holds. Pay is
    found when a printed amount, the difference of two printed amounts, such a pay
    part, or the difference of two pay parts equals one person's total, year or month.
    """
    text = "\n".join(text_pages(pdf))
    printed = {int(a.replace(",", "").replace(".", "")) for a in amounts(text)}
    secrets = _secrets(snapshot)
    found = [f"printed {secrets[a]}" for a in printed if a in secrets]
    found += [f"difference {secrets[a - b]}" for a in printed for b in printed if a - b in secrets]
    full = _aggregates(Budget(snapshot.plan, snapshot.lines).totals())
    open_lines = [ln for ln in snapshot.lines if not is_people_cost(ln)]
    known = _aggregates(Budget(snapshot.plan, open_lines).totals())
    words = text.split()
    # the total, or the contingency, gives the subtotal away (to the cent)
    shown = {name for name, amount in full.items() if grouped(amount, 2) in words}
    if shown & {"total", "contingency"}:
        shown.add("subtotal")
    parts = {
        name: full[name] - known.get(name, 0) for name in shown if full[name] != known.get(name, 0)
    }
    for name, part in parts.items():
        found += [f"{name} less its open lines: {secrets[part]}"] if part in secrets else []
        for other, second in parts.items():
            if part - second in secrets:
                found.append(f"{name} less {other}: {secrets[part - second]}")
    return found


def test_no_one_s_pay_can_be_recovered(written: Written) -> None:
    assert _recover(written.snapshot, written.redacted) == []


def test_the_attack_finds_pay_in_the_unredacted_pack(written: Written) -> None:
    """The attack above would pass on an empty file; here it finds every person."""
    found = " ".join(_recover(written.snapshot, written.pdf))
    for line in written.snapshot.lines:
        if is_people_cost(line):
            assert f"{line.name}: total" in found


def test_totals_that_hold_a_single_person_are_merged_or_redacted(tmp_path: Path) -> None:
    pages = text_pages(_write(tmp_path, "one person in the plan"))
    text = "\n".join(pages)
    rows = [" ".join(r.split()) for r in text.splitlines()]
    assert "Subtotal redacted" in rows
    assert "Total redacted" in rows
    assert "Contingency (10 % of the subtotal) redacted" in rows
    assert "People costs (all categories) redacted" in rows
    # the lines shown whole keep their figures
    assert any(r.startswith("Cluster") and r.endswith("900.00 10,800.00") for r in rows)


def test_a_hire_in_the_second_year_keeps_years_apart_from_pay(tmp_path: Path) -> None:
    text = "\n".join(text_pages(_write(tmp_path, "a hire in the second year")))
    rows = [" ".join(r.split()) for r in text.splitlines()]
    assert "2027 without people costs 10,800.00 1.0 %" in rows
    assert "2028 without people costs 10,800.00 1.0 %" in rows
    assert any(r.startswith("People costs (all years) ") for r in rows)
    assert any("People costs (not shown by month)" in r for r in rows)


def _write(folder: Path, name: str) -> Path:
    out = folder / "pack.pdf"
    write_pack(PLANS[name], [], out, generated=GENERATED, redact_salaries=True)
    return out


def _paid(*spans: tuple[date, date]) -> list[tuple[Line, LineCost]]:
    snapshot = _plan([_staff(f"P{i}", TEAM, "1", "120000", s) for i, s in enumerate(spans)], Y28[1])
    budget = Budget(snapshot.plan, snapshot.lines)
    return [(ln, budget.cells[ln.id or 0]) for ln in snapshot.lines]


def _months(first: date, last: date) -> list[list[int]]:
    return [[m] for m in range(month_index(first), month_index(last) + 1)]


def test_months_give_away_a_hire_even_with_two_people_in_every_month() -> None:
    july = (date(2027, 7, 1), Y27[1])
    assert revealed(_paid(Y27, Y27, july), _months(*Y27))
    assert not revealed(_paid(Y27, Y27, Y27), _months(*Y27))
    # the pool over the whole plan only gives the sum away
    whole = [[m for [m] in _months(*Y27)]]
    assert not revealed(_paid(Y27, Y27, july), whole)
    # two people who start and end together are one unknown: neither is given away
    assert not revealed(_paid(july, july, Y27, Y27), _months(*Y27))


def test_the_sample_keeps_its_section_totals_of_open_lines(sample: Sample) -> None:
    totals = Budget(sample.snapshot.plan, sample.snapshot.lines).totals()
    taxonomy = standard_taxonomy()
    text = "\n".join(text_pages(sample.redacted))
    rows = [" ".join(r.split()) for r in text.splitlines()]
    for category in CATEGORY_KEYS:
        label = f"{taxonomy.label(category)}: category total"
        row = next(r for r in rows if r.startswith(label))
        lines = [ln for ln in sample.snapshot.lines if ln.category == category]
        expected = (
            ["withheld"]
            if any(is_people_cost(ln) for ln in lines)
            else [grouped(totals.by_category[category], 2)]
        )
        assert row[len(label) :].split() == expected or amounts(row[len(label) :]) == expected
    assert (
        "3 people-cost line(s) withheld; their cost is in the executive summary's People costs figure."
        in rows
    )


def test_other_lines_keep_their_figures(sample: Sample) -> None:
    budget = sample.budget
    text = "\n".join(text_pages(sample.redacted))
    for line in sample.snapshot.lines:
        if not is_people_cost(line):
            assert grouped(budget.line_total(line.id or 0), 2) in text, line.name


def test_no_pay_rate_name_or_driver_is_printed(sample: Sample) -> None:
    text = "\n".join(text_pages(sample.redacted))
    catalogue = {entry.key: entry for entry in sample.catalogue}
    for line in sample.snapshot.lines:
        if not is_people_cost(line):
            continue
        assert line.drivers["annual_cost"] not in text, line.name
        if line.catalogue_ref:
            assert catalogue[line.catalogue_ref].name not in text, line.name
            assert f"USD {line.catalogue_price}" not in text, line.name
    assert "people costs withheld" in text_pages(sample.redacted)[0].splitlines()[0]
    assert "people costs withheld" not in "\n".join(text_pages(sample.pdf))


def _exactly(paid: list[tuple[Line, LineCost]], periods: list[list[int]]) -> bool:
    """``revealed`` over the rationals, slowly: each line its own unknown, a group of
    lines with the same dates one unknown."""
    groups: dict[tuple[date, date], int] = {}
    for line, _cost in paid:
        groups[line.start, line.end] = groups.get((line.start, line.end), 0) + 1
    keys = list(groups)

    def share(span: tuple[date, date], month: int) -> Fraction:
        days = active_days(*span)
        k = month - month_index(span[0])
        return Fraction(days[k], days_in_month(month)) if 0 <= k < len(days) else Fraction()

    rows = [
        [sum((share(key, m) for m in period), Fraction()) for key in keys] for period in periods
    ]
    top = 0
    for col in range(len(keys)):
        found = next((r for r in range(top, len(rows)) if rows[r][col]), None)
        if found is None:
            continue
        rows[top], rows[found] = rows[found], rows[top]
        rows[top] = [v / rows[top][col] for v in rows[top]]
        for r in range(len(rows)):
            if r != top and rows[r][col]:
                rows[r] = [a - rows[r][col] * b for a, b in zip(rows[r], rows[top], strict=True)]
        top += 1
    alone = [[j for j, v in enumerate(row) if v] for row in rows[:top]]
    return any(len(js) == 1 and groups[keys[js[0]]] == 1 for js in alone)


SPANS = st.tuples(st.integers(0, 23), st.integers(0, 23), st.integers(1, 28)).map(
    lambda t: (
        date(2027 + min(t[0], t[1]) // 12, min(t[0], t[1]) % 12 + 1, t[2]),
        date(2027 + max(t[0], t[1]) // 12, max(t[0], t[1]) % 12 + 1, 28),
    )
)


@settings(max_examples=150, deadline=None)
@given(spans=st.lists(SPANS, min_size=1, max_size=6), cut=st.sampled_from(["month", "year", "all"]))
def test_the_fast_check_agrees_with_exact_fractions(spans: list[Span], cut: str) -> None:
    paid = _paid(*spans)
    months = list(range(month_index(Y27[0]), month_index(Y28[1]) + 1))
    periods = {
        "month": [[m] for m in months],
        "year": [[m for m in months if year_of(m) == y] for y in (2027, 2028)],
        "all": [months],
    }[cut]
    assert revealed(paid, periods) == _exactly(paid, periods)
