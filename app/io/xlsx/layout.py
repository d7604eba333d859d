"""Where everything sits in a Budgetwright workbook: sheets, rows, columns, names.

The writer and the reader share this one description, so a column moves in one place.
Every sheet that carries plan data has a hidden first row of machine keys: the reader
finds its columns by key, which survives a planner inserting or moving columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from app.domain.cost_models import DRIVERS, all_driver_keys, all_specs
from app.domain.plan import CostModel, Line

FORMAT_MARK = "budgetwright-workbook"
FORMAT_VERSION = 1

SUMMARY = "Summary"
PHASES = "Phases"
MONTHLY = "Monthly"
ASSUMPTIONS = "Assumptions"
RATES = "Rates"
META = "_budgetwright"

# Excel limits this app must respect.
MAX_CELL_TEXT = 32_767
MAX_SHEET_NAME = 31

# Marks in a key row that say what a sheet holds.
CATEGORY_TAG = "category="
PHASES_TAG = "sheet=phases"

# Defined names of the Summary's input and total cells.
NAME_PLAN = "PlanName"
NAME_DESCRIPTION = "PlanDescription"
NAME_CURRENCY = "PlanCurrency"
NAME_START = "PlanStart"
NAME_END = "PlanEnd"
NAME_CAPEX = "CapexView"
NAME_CONTINGENCY_PCT = "ContingencyPct"
NAME_NOTES = "PlanNotes"
# Not "Subtotal": that is a spreadsheet function's name.
NAME_SUBTOTAL = "PlanSubtotal"
NAME_CONTINGENCY = "PlanContingency"
NAME_TOTAL = "PlanTotal"
FX_NAME_PREFIX = "FX_"
"""``FX_USD``: the named input cell of the plan's rate for USD (Rates sheet)."""


def fx_name(currency: str) -> str:
    return FX_NAME_PREFIX + currency


# Rows (0-based) of the sheets with a key row.
KEY_ROW = 0
HEADER_ROW = 1
FIRST_DATA_ROW = 2

# Monthly sheet rows: title, three hidden helper rows, the header of month start dates.
MONTHLY_TITLE_ROW = 0
MONTHLY_INDEX_ROW = 1
MONTHLY_LAST_DAY_ROW = 2
MONTHLY_DAYS_ROW = 3
MONTHLY_HEADER_ROW = 4
MONTHLY_FIRST_ROW = 5

EXACT_PREFIX = "exact."
DRIVER_PREFIX = "driver."


class Kind(StrEnum):
    """How a column's cells are written and read back."""

    TEXT = "text"
    DATE = "date"
    DECIMAL = "decimal"
    MONEY = "money"
    FLAG = "flag"
    CHOICE = "choice"
    FORMULA = "formula"
    ID = "id"
    EXACT = "exact"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: Kind
    width: float = 14
    hidden: bool = False


# Column headers and money formats come from the drivers' own description; the first
# label wins where models share a key ("Unit cost", not "Cost per hour").
_DRIVER_HEADERS: dict[str, str] = {}
for _model in DRIVERS:
    for _spec in all_specs(_model):
        _DRIVER_HEADERS.setdefault(_spec.key, _spec.label)
MONEY_DRIVERS = frozenset(s.key for m in DRIVERS for s in all_specs(m) if s.money)

# Decimal fields of a line that are not drivers; each may carry an exact-text twin.
LINE_DECIMALS = ("catalogue_price", "low_estimate", "high_estimate")


# Worked out by the engine (exact, reported half-up to 0.001); never read back.
ENERGY_COLUMNS = (
    Column("energy_kwh", "Energy (kWh)", Kind.FORMULA, 14),
    Column("co2_kg", "CO₂ (kg)", Kind.FORMULA, 12),
)


def driver_keys_for(lines: Sequence[Line]) -> tuple[str, ...]:
    """The driver columns a category sheet needs: those of its lines' models, or all."""
    models = {CostModel(line.cost_model) for line in lines}
    wanted = {spec.key for model in models for spec in all_specs(model)}
    keys = all_driver_keys()
    return tuple(k for k in keys if k in wanted) if wanted else keys


def line_columns(driver_keys: Sequence[str], currency: bool = True) -> tuple[Column, ...]:
    """A category sheet's columns, visible first, then the hidden ones the reader needs.

    ``currency``: a Currency column, for a sheet with a line in another currency.
    """
    visible = [
        Column("name", "Line", Kind.TEXT, 34),
        Column("section", "Section", Kind.TEXT, 22),
        Column("item", "Item", Kind.TEXT, 26),
        Column("cost_model", "Cost model", Kind.CHOICE, 16),
        Column("phase", "Phase", Kind.TEXT, 13),
        Column("dates_from_phase", "Dates from phase", Kind.FLAG, 10),
        Column("start", "Start", Kind.DATE, 12),
        Column("end", "End", Kind.DATE, 12),
    ]
    if "tokens" in driver_keys:  # training runs: their end follows the compute unless fixed
        visible.append(Column("dates_fixed", "Dates fixed", Kind.FLAG, 10))
    if currency:
        visible.append(Column("currency", "Currency", Kind.TEXT, 10))
    for key in driver_keys:
        kind = Kind.CHOICE if key == "period" else Kind.DECIMAL
        visible.append(Column(DRIVER_PREFIX + key, _DRIVER_HEADERS[key], kind, 13))
    visible += [
        Column("total", "Total", Kind.FORMULA, 17),
        *(ENERGY_COLUMNS if "power_watts" in driver_keys else ()),
        Column("vendor", "Vendor", Kind.TEXT, 16),
        Column("catalogue_ref", "Catalogue price key", Kind.TEXT, 22),
        Column("catalogue_price", "Catalogue price", Kind.DECIMAL, 13),
        Column("catalogue_as_of", "Price as of", Kind.DATE, 12),
        Column("low_estimate", "Low estimate", Kind.DECIMAL, 13),
        Column("high_estimate", "High estimate", Kind.DECIMAL, 13),
        Column("notes", "Notes", Kind.TEXT, 48),
    ]
    hidden = [
        Column("id", "Line id", Kind.ID, 8, hidden=True),
        Column("position", "Order", Kind.ID, 8, hidden=True),
    ]
    hidden += [
        Column(EXACT_PREFIX + DRIVER_PREFIX + k, f"Exact {k}", Kind.EXACT, 8, hidden=True)
        for k in driver_keys
        if k != "period"
    ]
    hidden += [
        Column(EXACT_PREFIX + k, f"Exact {k}", Kind.EXACT, 8, hidden=True) for k in LINE_DECIMALS
    ]
    return tuple(visible + hidden)


PHASE_COLUMNS: tuple[Column, ...] = (
    Column("key", "Key", Kind.TEXT, 14),
    Column("name", "Phase", Kind.TEXT, 28),
    Column("start", "Start", Kind.DATE, 12),
    Column("end", "End", Kind.DATE, 12),
    Column("milestone", "Milestone", Kind.FLAG, 10),
    Column("depends_on", "Depends on", Kind.TEXT, 24),
    Column("cost", "Cost", Kind.FORMULA, 18),
    Column("id", "Phase id", Kind.ID, 8, hidden=True),
    Column(EXACT_PREFIX + "depends_on", "Exact depends on", Kind.EXACT, 8, hidden=True),
)

MONTHLY_COLUMNS: tuple[Column, ...] = (
    Column("category", "Category", Kind.TEXT, 22),
    Column("name", "Line", Kind.TEXT, 34),
    Column("cost_model", "Cost model", Kind.TEXT, 16),
    Column("start", "Start", Kind.DATE, 12),
    Column("end", "End", Kind.DATE, 12),
    Column("rate", "Rate or amount", Kind.MONEY, 16),
    Column("step", "Growth or life", Kind.DECIMAL, 12),
    Column("start_month", "Start month", Kind.ID, 8, hidden=True),
    Column("total", "Total", Kind.FORMULA, 18),
)
MONTHLY_FIRST_MONTH_COL = len(MONTHLY_COLUMNS)

ASSUMPTION_COLUMNS: tuple[Column, ...] = (
    Column("ref", "Catalogue price key", Kind.TEXT, 26),
    Column("name", "Resource", Kind.TEXT, 40),
    Column("unit", "Unit", Kind.TEXT, 14),
    Column("price", "Price used", Kind.DECIMAL, 14),
    Column("currency", "Currency", Kind.TEXT, 9),
    Column("as_of", "As of", Kind.DATE, 12),
    Column("source", "Source", Kind.TEXT, 60),
    Column("uncertain", "Uncertain", Kind.FLAG, 10),
    Column("catalogue_price", "Catalogue price now", Kind.DECIMAL, 14),
    Column("catalogue_as_of", "Catalogue as of", Kind.DATE, 12),
    Column("lines", "Lines using it", Kind.DECIMAL, 10),
)


def index_of(columns: Sequence[Column]) -> dict[str, int]:
    return {c.key: i for i, c in enumerate(columns)}


def sheet_title(label: str, taken: set[str]) -> str:
    """A legal, unique worksheet name from a label (31 characters, no ``[]:*?/\\``)."""
    clean = "".join("_" if ch in "[]:*?/\\" else ch for ch in label).strip("'") or "Sheet"
    clean = clean[:MAX_SHEET_NAME]
    name, n = clean, 2
    while name.lower() in {t.lower() for t in taken}:
        suffix = f" ({n})"
        name = clean[: MAX_SHEET_NAME - len(suffix)] + suffix
        n += 1
    taken.add(name)
    return name


EXCEL_EPOCH = date(1899, 12, 30)


def serial(day: date) -> int:
    """A date as the spreadsheet serial number stored in a cell (1900 date system)."""
    return (day - EXCEL_EPOCH).days
