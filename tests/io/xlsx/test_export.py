"""The exported workbook, opened the way a finance partner's tools open it.

Read with openpyxl: the formulas as written, and (``data_only``) the values a viewer
that never recalculates shows, which must be the engine's figures to the cent.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from app.domain.errors import BadInput, InvalidValue
from app.domain.money import format_amount
from app.domain.plan import CapexView, CostModel, PlanSnapshot
from app.domain.taxonomy import CATEGORY_KEYS, standard_taxonomy
from app.engine.budget import Budget
from app.engine.calendar import month_index
from app.io.xlsx import write_workbook
from app.services.workspace import Workspace

SAMPLE = "Support assistant: fine-tune and serve"
TAXONOMY = standard_taxonomy()


def sample(workspace: Workspace) -> PlanSnapshot:
    plan = workspace.find_plan(SAMPLE)
    assert plan.id is not None
    return workspace.snapshot(plan.id)


def cents(value: object) -> str:
    assert isinstance(value, int | float), value
    return f"{Decimal(repr(value)).quantize(Decimal('0.01'))}"


@pytest.fixture
def exported(workspace: Workspace, tmp_path: Path) -> tuple[PlanSnapshot, Path]:
    snapshot = sample(workspace)
    path = tmp_path / "Budget.xlsx"
    write_workbook(snapshot, workspace.catalogue(), path)
    return snapshot, path


def test_sheets_are_the_ones_a_finance_partner_expects(exported: tuple[PlanSnapshot, Path]) -> None:
    _, path = exported
    wb = openpyxl.load_workbook(path)
    visible = [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"]
    categories = [TAXONOMY.label(c) for c in CATEGORY_KEYS]
    assert visible == ["Summary", *categories, "Phases", "Monthly", "Assumptions", "Risk"]
    assert wb.active.title == "Summary"


def test_stored_values_are_the_engines_figures_without_recalculation(
    exported: tuple[PlanSnapshot, Path],
) -> None:
    snapshot, path = exported
    budget = Budget(snapshot.plan, snapshot.lines)
    totals = budget.totals()
    wb = openpyxl.load_workbook(path, data_only=True)
    names = {n: next(iter(wb.defined_names[n].destinations)) for n in wb.defined_names}

    def named(name: str) -> object:
        sheet, ref = names[name]
        return wb[sheet][ref.replace("$", "")].value

    assert cents(named("PlanTotal")) == "1357795.26"
    assert cents(named("PlanSubtotal")) == format_amount(totals.subtotal, 2)
    assert cents(named("PlanContingency")) == format_amount(totals.contingency, 2)
    summary = wb["Summary"]
    grid = {
        summary.cell(row, 1).value: [summary.cell(row, c).value for c in range(2, 15)]
        for row in range(13, 21)
    }
    for key in CATEGORY_KEYS:
        row = grid[TAXONOMY.label(key)]
        assert cents(row[-1]) == format_amount(totals.by_category[key], 2)
        months = [
            totals.by_category_month.get((key, month_index(date(2027, m, 1))), 0)
            for m in range(1, 13)
        ]
        assert [cents(v) for v in row[:-1]] == [format_amount(a, 2) for a in months]
    monthly = wb["Monthly"]
    by_name = {row[1]: row for row in monthly.iter_rows(min_row=6, values_only=True)}
    for line in snapshot.lines:
        assert line.id is not None
        assert cents(by_name[line.name][8]) == format_amount(budget.line_total(line.id), 2)
    computing = wb["Computing Resources"]
    header = [c.value for c in computing[2]]
    first = dict(zip(header, next(computing.iter_rows(min_row=3, values_only=True)), strict=False))
    first_line = snapshot.lines[0]
    assert first["Line"] == first_line.name and first_line.id is not None
    assert cents(first["Total"]) == format_amount(budget.line_total(first_line.id), 2)
    phases = {row[0]: row for row in wb["Phases"].iter_rows(min_row=3, values_only=True)}
    phase_ids = {p.key: p.id for p in snapshot.phases}
    for key, row in phases.items():
        assert cents(row[6]) == format_amount(totals.by_phase.get(phase_ids[key], 0), 2)


def test_totals_are_live_formulas_through_to_the_summary(
    exported: tuple[PlanSnapshot, Path],
) -> None:
    _, path = exported
    wb = openpyxl.load_workbook(path)
    names = {n: next(iter(wb.defined_names[n].destinations)) for n in wb.defined_names}
    assert names["ContingencyPct"] == ("Summary", "$B$8")
    summary = wb["Summary"]
    assert summary["E6"].value == "=PlanSubtotal+PlanContingency"
    assert summary["E5"].value == "=ROUND(PlanSubtotal*ContingencyPct,2)"
    assert summary["B13"].value == "=ROUND(SUM(Monthly!J6:J10),2)"
    monthly = wb["Monthly"]
    # First computing line: usage, its rate from its drivers on the category sheet.
    header = {c.value: c.column_letter for c in wb["Computing Resources"][2]}
    drivers = ("Quantity", "Hours per month", "Utilization (0–1)", "Unit cost")
    assert monthly["F6"].value == "=" + "*".join(
        f"'Computing Resources'!${header[d]}$3" for d in drivers
    )
    assert monthly["M6"].value == "=ROUND($F6*MAX(0,MIN($E6,M$3)-MAX($D6,M$5)+1)/M$4,2)"
    assert wb["Computing Resources"][f"{header['Total']}3"].value == "=Monthly!$I$6"
    # A line that follows its phase takes the Phases sheet's dates.
    assert wb["Computing Resources"]["G3"].value == "=Phases!$C$4"


def test_numbers_are_numbers_in_the_currency_format_and_dates_are_dates(
    exported: tuple[PlanSnapshot, Path],
) -> None:
    _, path = exported
    wb = openpyxl.load_workbook(path)
    ws = wb["Computing Resources"]
    header = {c.value: c.column for c in ws[2]}
    row = 3
    assert ws.cell(row, header["Quantity"]).value == 8
    assert ws.cell(row, header["Unit cost"]).value == pytest.approx(2.99)
    assert "[$USD]" in ws.cell(row, header["Unit cost"]).number_format
    assert isinstance(ws.cell(row, header["Price as of"]).value, datetime)
    assert ws.cell(row, header["Price as of"]).number_format == "yyyy-mm-dd"
    assert ws.cell(row, header["Total"]).number_format.startswith("[$USD] #,##0.00")
    assert wb["Summary"]["E6"].number_format.startswith("[$USD] #,##0.00")


def test_yen_amounts_have_no_decimals(workspace: Workspace, tmp_path: Path) -> None:
    snapshot = sample(workspace)
    yen = replace(snapshot, plan=replace(snapshot.plan, currency="JPY"))
    write_workbook(yen, [], tmp_path / "yen.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "yen.xlsx")
    assert wb["Summary"]["E6"].number_format.startswith("[$JPY] #,##0;")
    assert wb["Summary"]["E5"].value == "=ROUND(PlanSubtotal*ContingencyPct,0)"


def test_sheets_are_ready_to_filter_scroll_and_print(exported: tuple[PlanSnapshot, Path]) -> None:
    _, path = exported
    wb = openpyxl.load_workbook(path)
    for title in ("Computing Resources", "Phases", "Monthly", "Assumptions"):
        ws = wb[title]
        assert ws.freeze_panes, title
        assert ws.auto_filter.ref, title
        assert ws.page_setup.orientation == "landscape", title
        assert ws.page_setup.fitToWidth in (None, 1), title  # 1 is the default
        assert ws.page_setup.fitToHeight == 0, title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, title
        assert ws.print_title_rows, title
    lines = wb["Computing Resources"]
    assert lines.freeze_panes == "B3"
    assert lines.print_title_rows == "$2:$2"
    assert lines.column_dimensions["A"].width >= 30, "line names fit"
    assert lines.row_dimensions[1].hidden, "the key row is hidden"


def test_text_that_looks_like_a_formula_stays_text(workspace: Workspace, tmp_path: Path) -> None:
    snapshot = sample(workspace)
    hostile = ['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)", "=cmd|' /C calc'!A0"]
    lines = tuple(
        replace(line, name=hostile[i % len(hostile)], vendor=hostile[(i + 1) % len(hostile)])
        for i, line in enumerate(snapshot.lines[:10])
    )
    write_workbook(replace(snapshot, lines=lines), [], tmp_path / "hostile.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "hostile.xlsx")
    ws = wb["Computing Resources"]
    for row in ws.iter_rows(min_row=3, max_col=1):
        assert row[0].data_type == "s", row[0].value
        assert row[0].value in hostile


def test_text_longer_than_a_cell_is_refused_and_nothing_is_written(
    workspace: Workspace, tmp_path: Path
) -> None:
    snapshot = sample(workspace)
    line = replace(snapshot.lines[0], notes="x" * 40_000)
    path = tmp_path / "long.xlsx"
    with pytest.raises(InvalidValue, match="32,767 characters"):
        write_workbook(replace(snapshot, lines=(line,)), [], path)
    assert list(tmp_path.iterdir()) == [tmp_path / "budget.db"] or not path.exists()
    assert not any(p.name.startswith(".long.xlsx") for p in tmp_path.iterdir())


def test_a_missing_folder_is_named(workspace: Workspace, tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="does not exist"):
        write_workbook(sample(workspace), [], tmp_path / "nowhere" / "b.xlsx")


def test_assumptions_list_the_catalogue_prices_used(exported: tuple[PlanSnapshot, Path]) -> None:
    snapshot, path = exported
    wb = openpyxl.load_workbook(path)
    rows = list(wb["Assumptions"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert header[:7] == (
        "Catalogue price key",
        "Resource",
        "Unit",
        "Price used",
        "Currency",
        "As of",
        "Source",
    )
    used = {line.catalogue_ref for line in snapshot.lines if line.catalogue_ref}
    assert {row[0] for row in body} == used
    h100 = next(row for row in body if row[0] == "lambda_h100_sxm")
    assert h100[3] == pytest.approx(2.99)
    assert h100[5] == datetime(2026, 3, 1)
    assert h100[6], "the source is shown"
    assert h100[10] == 3, "three lines use it"


def test_every_cost_model_exports(workspace: Workspace, tmp_path: Path) -> None:
    snapshot = sample(workspace)
    models = {CostModel(line.cost_model) for line in snapshot.lines}
    assert models == set(CostModel)
    amortized = replace(snapshot, plan=replace(snapshot.plan, capex_view=CapexView.AMORTIZED))
    write_workbook(amortized, [], tmp_path / "amortized.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "amortized.xlsx", data_only=True)
    budget = Budget(amortized.plan, amortized.lines)
    assert cents(wb["Summary"]["E6"].value) == format_amount(budget.total, 2)
