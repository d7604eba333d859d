"""The workbook's formulas, written out as text.

Each Monthly cell recomputes DESIGN.md's cost semantics from the line's drivers, so a
planner who edits a driver sees the change flow to the Summary's total. ``ROUND`` in
Excel and LibreOffice rounds halves away from zero, which is half-up for the
non-negative amounts a plan holds. ``spread`` cannot share its total by largest
remainder in a plain formula; its months are written as the engine's numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from xlsxwriter.utility import quote_sheetname, xl_col_to_name

from app.domain.plan import CapexView, CostModel
from app.io.xlsx.compute_formulas import compute_formulas
from app.io.xlsx.layout import (
    MONTHLY_COLUMNS,
    MONTHLY_DAYS_ROW,
    MONTHLY_HEADER_ROW,
    MONTHLY_INDEX_ROW,
    MONTHLY_LAST_DAY_ROW,
    index_of,
)

_M = {key: xl_col_to_name(i) for key, i in index_of(MONTHLY_COLUMNS).items()}
_INDEX = MONTHLY_INDEX_ROW + 1
_LAST = MONTHLY_LAST_DAY_ROW + 1
_DAYS = MONTHLY_DAYS_ROW + 1
_FIRST = MONTHLY_HEADER_ROW + 1

Ref = Callable[[str], str]


def sheet_ref(sheet: str) -> str:
    """A sheet name as formulas write it (quoted when it has spaces)."""
    quoted: str = quote_sheetname(sheet)
    return quoted


def cell(sheet: str, col: int, row: int) -> str:
    """An absolute reference such as ``'Computing Resources'!$K$7`` (0-based in)."""
    return f"{sheet_ref(sheet)}!${xl_col_to_name(col)}${row + 1}"


def rate_formulas(model: CostModel, driver: Ref) -> tuple[str, str | None]:
    """The Monthly sheet's rate and growth-or-life cells of a line, from its drivers.

    ``driver(key)`` gives the reference of a driver cell on the line's category sheet.
    """
    if model is CostModel.STAFF:
        loaded = f"(1+{driver('overhead_pct')}/100)"
        return f"={driver('fte')}*{driver('annual_cost')}*{loaded}/12", None
    if model is CostModel.VOLUME:
        u = driver("unit_cost")
        return f"={driver('volume')}*{u}", f"={driver('growth_per_month')}*{u}"
    if model in (CostModel.TRAINING_RUN, CostModel.SERVING):
        return compute_formulas(model, driver)
    q, u = driver("quantity"), driver("unit_cost")
    if model is CostModel.RECURRING:
        return f'={q}*{u}/IF({driver("period")}="year",12,1)', None
    if model is CostModel.USAGE:
        return f"={q}*{driver('hours_per_month')}*{driver('utilization')}*{u}", None
    if model is CostModel.PURCHASE:
        return f"={q}*{u}", f"={driver('useful_life_months')}"
    return f"={q}*{u}", None  # one_time, spread


def month_template(model: CostModel, view: CapexView, row: int, digits: int) -> str | None:
    """A Monthly cell's formula with ``{c}`` for its column letter; None for number cells.

    ``row`` is the 0-based row of the line on the Monthly sheet.
    """
    r = row + 1
    start, end, rate, step, first = (
        f"${_M['start']}{r}",
        f"${_M['end']}{r}",
        f"${_M['rate']}{r}",
        f"${_M['step']}{r}",
        f"${_M['start_month']}{r}",
    )
    active = f"MAX(0,MIN({end},{{c}}${_LAST})-MAX({start},{{c}}${_FIRST})+1)"
    if model in (CostModel.RECURRING, CostModel.USAGE, CostModel.STAFF):
        return f"=ROUND({rate}*{active}/{{c}}${_DAYS},{digits})"
    if model is CostModel.VOLUME:
        k = f"({{c}}${_INDEX}-{first})"
        return f"=ROUND(({rate}+{step}*{k})*{active}/{{c}}${_DAYS},{digits})"
    if model is CostModel.ONE_TIME or (model is CostModel.PURCHASE and view is CapexView.CASH):
        return f"=IF({{c}}${_INDEX}={first},ROUND({rate},{digits}),0)"
    if model is CostModel.PURCHASE:
        scale = 10**digits
        k = f"({{c}}${_INDEX}-{first})"
        whole = f"ROUND({rate}*{scale},0)"
        share = f"(INT({whole}/{step})+IF({k}<MOD({whole},{step}),1,0))/{scale}"
        return f"=IF(AND({k}>=0,{k}<{step}),{share},0)"
    return None  # spread: largest-remainder shares are written as numbers


@dataclass(frozen=True)
class MonthRefs:
    """Pieces of a Monthly cell formula for a line's row, ``{c}`` for the column letter."""

    k: str  # months since the line's start month
    days: str  # days in the month
    active: str  # days of the month the line is active
    rate: str  # the line's rate cell


def month_template_refs(row: int) -> MonthRefs:
    r = row + 1
    start, end = f"${_M['start']}{r}", f"${_M['end']}{r}"
    return MonthRefs(
        k=f"({{c}}${_INDEX}-${_M['start_month']}{r})",
        days=f"{{c}}${_DAYS}",
        active=f"MAX(0,MIN({end},{{c}}${_LAST})-MAX({start},{{c}}${_FIRST})+1)",
        rate=f"${_M['rate']}{r}",
    )


def start_month_formula(row: int) -> str:
    """The month index (year × 12 + month − 1) of the line's start, as the engine counts."""
    start = f"${_M['start']}{row + 1}"
    return f"=YEAR({start})*12+MONTH({start})-1"
