"""Writing a plan as a workbook a finance partner can keep working in.

XlsxWriter writes each formula together with its value (openpyxl cannot), so a viewer
that never recalculates still shows the engine's figures. Rows stream out in order
(constant memory), and the file appears whole or not at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import xlsxwriter

from app.domain.actual import Actual
from app.domain.errors import InvalidValue
from app.domain.money import minor_digits
from app.domain.plan import CatalogueEntry, PlanSnapshot
from app.domain.taxonomy import CATEGORY_KEYS, Taxonomy, standard_taxonomy
from app.io.atomic import replacing
from app.io.xlsx.context import ExportContext, build_context
from app.io.xlsx.layout import FORMAT_MARK, FORMAT_VERSION, META
from app.io.xlsx.sheet_lines import write_line_sheet
from app.io.xlsx.sheet_monthly import write_monthly
from app.io.xlsx.sheet_phases import write_assumptions, write_phases
from app.io.xlsx.sheet_rates import rates_meta, write_rates
from app.io.xlsx.sheet_risk import write_risk
from app.io.xlsx.sheet_summary import write_summary
from app.io.xlsx.styles import DATE_FORMAT, make_styles

_OPTIONS = {
    "constant_memory": True,
    "strings_to_numbers": False,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "default_date_format": DATE_FORMAT,
}


def write_workbook(
    snapshot: PlanSnapshot,
    catalogue: Sequence[CatalogueEntry],
    path: Path,
    *,
    taxonomy: Taxonomy | None = None,
    actuals: Sequence[Actual] = (),
) -> None:
    """Write ``snapshot`` to ``path`` (.xlsx); ``taxonomy`` supplies a planner's own items' labels.

    With ``actuals`` (the plan's), the workbook gains an Actuals and a Variance sheet.
    """
    taxonomy = taxonomy or standard_taxonomy()
    for number, line in enumerate(snapshot.lines, start=1):
        if line.category not in CATEGORY_KEYS:
            raise InvalidValue("category", line.category, "not a category", f"line {number}")
    plan = snapshot.plan
    with replacing(Path(path)) as temp:
        workbook = xlsxwriter.Workbook(str(temp), _OPTIONS)
        try:
            styles = make_styles(workbook, plan.currency, minor_digits(plan.currency))
            ctx = build_context(snapshot, taxonomy, workbook, styles)
            _write_sheets(ctx, catalogue, actuals)
        finally:
            workbook.close()


def _write_sheets(
    ctx: ExportContext, catalogue: Sequence[CatalogueEntry], actuals: Sequence[Actual]
) -> None:
    plan = ctx.snapshot.plan
    ctx.workbook.set_properties(
        {"title": plan.name, "subject": "Budget", "comments": "Written by Budgetwright"}
    )
    write_summary(ctx)
    for sheet in ctx.sheets.values():
        write_line_sheet(ctx, sheet)
    write_phases(ctx)
    write_monthly(ctx)
    write_assumptions(ctx, catalogue)
    write_rates(ctx)
    write_risk(ctx)
    if actuals:
        _write_actuals(ctx, actuals)
    _write_meta(ctx)


def _write_actuals(ctx: ExportContext, actuals: Sequence[Actual]) -> None:
    from app.engine.variance import spent_by_category_month, variance
    from app.io.xlsx.sheet_actuals import write_actuals
    from app.io.xlsx.sheet_variance import write_variance

    snapshot = ctx.snapshot
    categories = {x.id: x.category for x in snapshot.lines if x.id is not None}
    rows = [(a.booked_on, a.amount, a.currency, a.category, a.line_id) for a in actuals]
    spent = spent_by_category_month(snapshot.plan, rows, categories)
    result = variance(snapshot.plan, snapshot.lines, spent)
    write_variance(ctx, result, write_actuals(ctx, actuals))


def _write_meta(ctx: ExportContext) -> None:
    """A very hidden sheet that says the workbook is ours and which plan it came from."""
    plan = ctx.snapshot.plan
    ws: Any = ctx.add_sheet(META)
    rows = [
        ("format", FORMAT_MARK),
        ("version", str(FORMAT_VERSION)),
        ("plan_id", "" if plan.id is None else str(plan.id)),
        ("plan_created_at", plan.created_at),
        ("contingency_pct", str(plan.contingency_pct)),
        ("fx_rates", rates_meta(plan.fx_rates) if plan.fx_rates else ""),
    ]
    for row, (key, value) in enumerate(rows):
        ws.write_string(row, 0, key)
        if value:
            ws.write_string(row, 1, value)
    ws.very_hidden()
