"""After LibreOffice recalculates every formula, the workbook still shows the engine's
figures to the cent; and a driver edited in the workbook flows through to the total.

All workbooks of this module go through one LibreOffice run (about two seconds each
start), made by the module fixture.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from app.domain.money import minor_digits
from app.domain.plan import CapexView, CostModel, Line, Phase, Plan, PlanSnapshot
from app.domain.taxonomy import CATEGORY_KEYS
from app.engine.budget import Budget
from app.io.xlsx import read_workbook, write_workbook
from app.services.workspace import Workspace
from tests.io.xlsx.conftest import Recalc
from tests.io.xlsx.facts import facts
from tests.strategies import PLACES

SAMPLE = "Support assistant: fine-tune and serve"
PRICES = ["0.0000025", "0.00099", "0.005", "2.5E-7", "1234.5678", "2.99", "0.125", "19.995"]


def generated_plan(seed: int, currency: str, capex: CapexView) -> PlanSnapshot:
    """A plan with every cost model, sub-cent prices, leap days and lines past the horizon."""
    rng = random.Random(seed)
    plan = Plan(
        None,
        f"Generated {seed}",
        currency,
        date(2027, 11, 1),
        date(2029, 3, 31),
        contingency_pct=Decimal("12.5"),
        capex_view=capex,
    )
    phase = Phase(-1, 0, "build", "Build", date(2028, 2, 29), date(2028, 9, 30), 0)
    lines = []
    for i in range(60):
        model = list(CostModel)[i % len(CostModel)]
        start = rng.choice([date(2028, 2, 29), date(2027, 10, 17), date(2028, 1, 31)]) + timedelta(
            rng.randint(0, 40)
        )
        end = start + timedelta(rng.randint(0, 700))
        price = rng.choice(PRICES)
        drivers = {
            CostModel.ONE_TIME: {"quantity": "3.5", "unit_cost": price},
            CostModel.RECURRING: {
                "quantity": "7",
                "unit_cost": price,
                "period": rng.choice(["month", "year"]),
            },
            CostModel.USAGE: {
                "quantity": "8",
                "hours_per_month": "730",
                "utilization": "0.85",
                "unit_cost": price,
            },
            CostModel.STAFF: {"fte": "0.75", "annual_cost": "123456.78", "overhead_pct": "17.5"},
            CostModel.VOLUME: {"volume": "5000", "growth_per_month": "1500", "unit_cost": price},
            CostModel.SPREAD: {"quantity": "120", "unit_cost": price},
            CostModel.PURCHASE: {
                "quantity": "5",
                "unit_cost": price,
                "useful_life_months": str(rng.randint(1, 36)),
            },
            CostModel.TRAINING_RUN: {
                "parameters": "7000000000",
                "tokens": "2000000000",
                **(
                    {"peak_tflops": "989", "mfu": "0.4", "goodput": "0.9"}
                    if i % 2
                    else {"tokens_per_second": "3000"}
                ),
                "accelerators": "8",
                "unit_cost": price,
                "power_watts": "700",
            },
            CostModel.SERVING: {
                "tokens_per_month": "2000000000",
                "growth_per_month": "500000000",
                "tokens_per_second": "800",
                "peak_to_average": "3",
                "min_accelerators": "1",
                "unit_cost": price,
            },
        }[model]
        category, section, item = PLACES[(i * 7) % len(PLACES)]
        follows = i % 9 == 0
        lines.append(
            Line(
                None,
                0,
                category,
                section,
                item,
                f"Line {i} ✓",
                model,
                drivers,
                phase.start if follows else start,
                phase.end if follows else end,
                phase_id=-1 if follows else None,
                dates_from_phase=follows,
                position=i,
            )
        )
    return PlanSnapshot(plan, (phase,), tuple(lines))


def edit_workbook(path: Path, target: Path) -> None:
    """What a finance partner does: more GPUs, a higher contingency, a longer phase."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Computing Resources"]
    header = {c.value: c.column for c in ws[2]}
    ws.cell(3, header["Quantity"]).value = 9
    wb["Summary"]["B8"].value = 0.15
    wb["Phases"]["D4"].value = date(2027, 7, 31)  # development ends a month later
    wb.save(target)


@dataclass
class Case:
    snapshot: PlanSnapshot
    written: Path
    recalculated: Path = Path()


@pytest.fixture(scope="module")
def cases(recalc: Recalc, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Case]:
    folder = tmp_path_factory.mktemp("workbooks")
    workspace = Workspace.open(folder / "budget.db")
    plan = workspace.find_plan(SAMPLE)
    assert plan.id is not None
    sample = workspace.snapshot(plan.id)
    catalogue = workspace.catalogue()
    workspace.close()
    amortized_yen = replace(
        sample,
        plan=replace(
            sample.plan,
            currency="JPY",
            capex_view=CapexView.AMORTIZED,
            contingency_pct=Decimal("12.5"),
        ),
    )
    plans = {
        "sample": sample,
        "yen_amortized": amortized_yen,
        "dinar_cash": generated_plan(1, "BHD", CapexView.CASH),
        "euro_amortized": generated_plan(2, "EUR", CapexView.AMORTIZED),
    }
    found = {}
    for name, snapshot in plans.items():
        path = folder / f"{name}.xlsx"
        write_workbook(snapshot, catalogue, path)
        found[name] = Case(snapshot, path)
    edited = folder / "edited.xlsx"
    edit_workbook(found["sample"].written, edited)
    found["edited"] = Case(sample, edited)
    converted = recalc([case.written for case in found.values()])
    for case, path in zip(found.values(), converted, strict=True):
        case.recalculated = path
    return found


def in_minor(value: Any, digits: int) -> int:
    assert isinstance(value, int | float) and not isinstance(value, bool), value
    return int((Decimal(repr(value)) * 10**digits).quantize(Decimal(1)))


def assert_engine_figures(path: Path, snapshot: PlanSnapshot) -> None:
    """Every total and every line-month cell of the workbook equals the engine's."""
    lines = tuple(replace(x, id=i + 1) for i, x in enumerate(snapshot.lines))
    budget = Budget(snapshot.plan, lines)
    totals = budget.totals()
    d = minor_digits(snapshot.plan.currency)
    wb = openpyxl.load_workbook(path, data_only=True)
    errors = [
        f"{ws.title}!{c.coordinate}"
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.data_type == "e"
    ]
    assert not errors, errors
    summary = wb["Summary"]
    assert in_minor(summary["E4"].value, d) == totals.subtotal
    assert in_minor(summary["E5"].value, d) == totals.contingency
    assert in_minor(summary["E6"].value, d) == totals.total
    first, last = budget.month_range()
    months = range(first, last + 1)
    for r, key in enumerate(CATEGORY_KEYS):
        row = [summary.cell(13 + r, 2 + i).value for i in range(len(months) + 1)]
        assert [in_minor(v, d) for v in row[:-1]] == [
            totals.by_category_month.get((key, m), 0) for m in months
        ], key
        assert in_minor(row[-1], d) == totals.by_category[key]
    order = sorted(lines, key=lambda x: CATEGORY_KEYS.index(x.category))
    monthly = list(wb["Monthly"].iter_rows(min_row=6, values_only=True))
    assert len(monthly) == len(order)
    for line, row in zip(order, monthly, strict=True):
        assert line.id is not None
        cost = budget.cells[line.id]
        assert in_minor(row[8], d) == cost.total, line.name
        cells = [0 if v is None else in_minor(v, d) for v in row[9 : 9 + len(months)]]
        assert cells == [cost.amount(m) for m in months], line.name


@pytest.mark.slow
@pytest.mark.parametrize("name", ["sample", "yen_amortized", "dinar_cash", "euro_amortized"])
def test_libreoffice_recalculates_to_the_engines_cents(cases: dict[str, Case], name: str) -> None:
    case = cases[name]
    assert_engine_figures(case.written, case.snapshot)  # stored values, before
    assert_engine_figures(case.recalculated, case.snapshot)  # recomputed by LibreOffice


@pytest.mark.slow
def test_a_driver_edited_in_the_workbook_flows_to_the_total(cases: dict[str, Case]) -> None:
    case = cases["edited"]
    edited = read_workbook(case.recalculated)
    first = edited.lines[0]
    assert first.drivers["quantity"] == "9"
    assert edited.plan.contingency_pct == Decimal("15")
    development = next(p for p in edited.phases if p.key == "development")
    assert development.end == date(2027, 7, 31)
    assert first.dates_from_phase and first.end == date(2027, 7, 31), "the line follows its phase"
    assert_engine_figures(case.recalculated, edited)
    before = Budget(case.snapshot.plan, case.snapshot.lines).total
    after = Budget(
        edited.plan, tuple(replace(x, id=i + 1) for i, x in enumerate(edited.lines))
    ).total
    assert after > before


@pytest.mark.slow
@pytest.mark.parametrize("name", ["sample", "dinar_cash", "euro_amortized"])
def test_a_workbook_saved_by_libreoffice_imports_identically(
    cases: dict[str, Case], name: str
) -> None:
    case = cases[name]
    assert facts(read_workbook(case.recalculated)) == facts(case.snapshot)
