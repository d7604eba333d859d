"""Column mappings: which column of a planner's own sheet holds which line field.

A mapping is data (``ColumnMapping``), guessed from the headers for the window's
dialog or read from a TOML file for ``budgetwright import FILE.xlsx --map M.toml``.
docs/excel.md documents the TOML keys.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from app.domain.cost_models import all_driver_keys
from app.domain.errors import BadInput, InvalidValue
from app.io.xlsx.cells import DateOrder

# Fields a column can feed; "amount" is a line's whole cost (unit cost with quantity 1).
LINE_FIELDS: tuple[str, ...] = (
    "name",
    "category",
    "section",
    "item",
    "cost_model",
    "start",
    "end",
    "vendor",
    "notes",
    "amount",
    *all_driver_keys(),
)
PLAN_FIELDS = ("name", "description", "currency", "start", "end", "contingency_pct", "capex_view")

# Header words that suggest a field, most specific first; compared after normalising.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": (
        "line item",
        "line",
        "item",
        "description",
        "name",
        "resource",
        "expense",
        "cost item",
        "title",
    ),
    "category": ("category", "resource type", "type", "group", "cost category"),
    "section": ("section", "subcategory", "sub category"),
    "item": ("taxonomy item", "budget item"),
    "cost_model": ("cost model", "cost type", "billing", "model"),
    "quantity": ("quantity", "qty", "units", "count", "seats", "gpus"),
    "unit_cost": (
        "unit cost",
        "unit price",
        "price",
        "rate",
        "cost per unit",
        "price per unit",
        "unit rate",
        "hourly rate",
    ),
    "amount": ("amount", "total cost", "total", "cost", "budget", "estimate", "value"),
    "period": ("period", "frequency", "billing period"),
    "hours_per_month": ("hours per month", "hours month", "hours"),
    "utilization": ("utilization", "utilisation"),
    "fte": ("fte", "headcount", "ftes"),
    "annual_cost": ("annual cost", "salary", "annual salary", "yearly cost"),
    "overhead_pct": ("overhead", "overhead pct", "burden", "on cost", "oncost"),
    "volume": ("volume",),
    "growth_per_month": ("growth per month", "growth", "monthly growth"),
    "useful_life_months": ("useful life", "life months", "depreciation months", "life"),
    "start": ("start date", "start", "from", "begin", "begins", "start month"),
    "end": ("end date", "end", "to", "until", "finish", "ends", "end month"),
    "vendor": ("vendor", "supplier", "provider"),
    "notes": ("notes", "note", "comments", "comment", "remarks", "assumptions", "description"),
}


def normalise_header(text: str) -> str:
    """``"Unit Price (USD)"`` → ``"unit price"``: lower case, no units or punctuation."""
    text = re.sub(r"\([^)]*\)|\[[^]]*\]", " ", text.lower())
    text = re.sub(r"[^\w]+", " ", text.replace("%", " pct "))
    return " ".join(text.split())


@dataclass(frozen=True)
class ColumnMapping:
    """How to read one sheet: where the headers are, which column feeds which field.

    ``columns`` maps a field to a header's text or a column letter; ``defaults`` gives
    values for fields no column feeds; ``values`` translates a field's cell text
    (``{"category": {"GPU rental": "computing"}}``).
    """

    columns: Mapping[str, str] = field(default_factory=dict)
    sheet: str | None = None
    header_row: int | None = None  # 1-based, as the spreadsheet numbers rows
    defaults: Mapping[str, str] = field(default_factory=dict)
    plan: Mapping[str, str] = field(default_factory=dict)
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    date_order: DateOrder = DateOrder.AUTO
    decimal_comma: bool = False


def guess_columns(
    headers: Sequence[str], synonyms: Mapping[str, Sequence[str]] = SYNONYMS
) -> dict[str, int]:
    """Field → column index for the headers that look like a field (each used once).

    ``synonyms`` lists each field's header words (the line import's by default).
    """
    normal = [normalise_header(h) for h in headers]
    found: dict[str, int] = {}
    taken: set[int] = set()
    # Exact synonym matches first, then headers that contain a synonym as whole words.
    for exact in (True, False):
        for field_name, words in synonyms.items():
            if field_name in found:
                continue
            for word in words:
                col = next(
                    (
                        i
                        for i, h in enumerate(normal)
                        if i not in taken and h and (h == word if exact else _contains(h, word))
                    ),
                    None,
                )
                if col is not None:
                    found[field_name] = col
                    taken.add(col)
                    break
    if "unit_cost" in found:
        found.pop("amount", None)  # a total column beside a unit price is derived
    return found


def _contains(header: str, word: str) -> bool:
    return re.search(rf"\b{re.escape(word)}\b", header) is not None


def header_score(cells: Sequence[str]) -> int:
    """How many cells of a row read as a known header (to find the header row)."""
    return len(guess_columns(cells))


# ---- TOML


def load_mapping(path: Path, fields: Sequence[str] = LINE_FIELDS) -> ColumnMapping:
    """A mapping from a TOML file; errors name the file and the key at fault.

    ``fields`` are what its columns may feed (a line's fields by default).
    """
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise BadInput(f"{path}: cannot be read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise BadInput(f"{path}: not UTF-8 text; not a mapping file") from None
    except tomllib.TOMLDecodeError as exc:
        raise BadInput(f"{path}: not valid TOML ({exc})") from None
    try:
        return mapping_from_dict(data, fields)
    except InvalidValue as exc:
        raise exc.at(str(path)) from None


def mapping_from_dict(
    data: Mapping[str, Any], fields: Sequence[str] = LINE_FIELDS
) -> ColumnMapping:
    known = {
        "sheet",
        "header_row",
        "columns",
        "defaults",
        "plan",
        "values",
        "date_order",
        "decimal_comma",
    }
    for key in data:
        if key not in known:
            raise InvalidValue(key, None, f"not a mapping key ({', '.join(sorted(known))})")
    columns = _table(data, "columns", fields)
    defaults = _table(data, "defaults", fields)
    plan = _table(data, "plan", PLAN_FIELDS)
    values_raw = data.get("values", {})
    if not isinstance(values_raw, dict):
        raise InvalidValue("values", values_raw, "must be a table of tables")
    values = {}
    for field_name, table in values_raw.items():
        if field_name not in fields or not isinstance(table, dict):
            raise InvalidValue(
                f"values.{field_name}", None, "must name a field and map text to text"
            )
        values[field_name] = {str(k): str(v) for k, v in table.items()}
    header_row = data.get("header_row")
    if header_row is not None and (not isinstance(header_row, int) or header_row < 1):
        raise InvalidValue("header_row", header_row, "must be a row number (1 or more)")
    sheet = data.get("sheet")
    if sheet is not None and not isinstance(sheet, str):
        raise InvalidValue("sheet", sheet, "must be a sheet name")
    order = data.get("date_order", "auto")
    try:
        date_order = DateOrder(order if order == "auto" else str(order).upper())
    except ValueError:
        raise InvalidValue("date_order", order, "must be auto, DMY, MDY or YMD") from None
    comma = data.get("decimal_comma", False)
    if not isinstance(comma, bool):
        raise InvalidValue("decimal_comma", comma, "must be true or false")
    return ColumnMapping(columns, sheet, header_row, defaults, plan, values, date_order, comma)


def _table(data: Mapping[str, Any], key: str, allowed: Sequence[str]) -> dict[str, str]:
    raw = data.get(key, {})
    if not isinstance(raw, dict):
        raise InvalidValue(key, raw, "must be a table")
    out = {}
    for name, value in raw.items():
        if name not in allowed:
            raise InvalidValue(f"{key}.{name}", value, f"not a field ({', '.join(allowed)})")
        if isinstance(value, bool) or not isinstance(value, str | int | float | date):
            raise InvalidValue(f"{key}.{name}", value, "must be text, a number or a date")
        out[name] = value.isoformat() if isinstance(value, date) else str(value)
    return out
