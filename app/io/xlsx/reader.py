"""Reading a workbook Budgetwright wrote back into the plan it came from.

Plan settings come from the Summary's named cells, phases from the Phases sheet and
lines from the category sheets (found by the tags in their hidden key rows, so a
renamed sheet still reads). Monthly, Summary totals and Assumptions are derived and
ignored: the engine recomputes them. Hidden ids come back on the plan, phases and
lines so a re-import can update the plan in place.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
from openpyxl.utils.exceptions import CellCoordinatesException

from app.domain.cost_models import all_driver_keys
from app.domain.errors import BadInput, InvalidValue
from app.domain.fx import check_line_currency
from app.domain.plan import CapexView, FxRate, Line, Phase, Plan, PlanSnapshot
from app.domain.taxonomy import Taxonomy, standard_taxonomy
from app.domain.validation import check_line, check_phase, check_plan, check_rates
from app.io.xlsx.cells import (
    address,
    date_of,
    decimal_of,
    flag_of,
    hidden_id,
    is_blank,
    text_of,
)
from app.io.xlsx.exact import same_number
from app.io.xlsx.layout import (
    CATEGORY_TAG,
    DRIVER_PREFIX,
    EXACT_PREFIX,
    FIRST_DATA_ROW,
    FORMAT_MARK,
    FORMAT_VERSION,
    META,
    NAME_CAPEX,
    NAME_CONTINGENCY_PCT,
    NAME_CURRENCY,
    NAME_DESCRIPTION,
    NAME_END,
    NAME_NOTES,
    NAME_PLAN,
    NAME_START,
    PHASE_COLUMNS,
    PHASES_TAG,
    RATES,
    line_columns,
)
from app.io.xlsx.problems import Problems
from app.io.xlsx.read_lines import LabelIndex, LineSheetReader, ReadLine, with_position
from app.io.xlsx.read_rates import read_rates
from app.io.xlsx.rows import first_row, stream_rows
from app.io.xlsx.sheet_phases import depends_text
from app.io.xlsx.sheet_rates import FIRST_ROW as RATES_FIRST_ROW

_PLAN_FIELDS = {
    "name": NAME_PLAN,
    "description": NAME_DESCRIPTION,
    "currency": NAME_CURRENCY,
    "start": NAME_START,
    "end": NAME_END,
    "capex_view": NAME_CAPEX,
    "contingency_pct": NAME_CONTINGENCY_PCT,
    "notes": NAME_NOTES,
}


def meta_of(wb: Any, path: Path) -> dict[str, str] | None:
    """The hidden sheet's keys and values, or None when Budgetwright did not write the file."""
    if META not in wb.sheetnames:
        return None
    meta = {
        text_of(cells[0]): text_of(cells[1]) if len(cells) > 1 else ""
        for _, cells in stream_rows(wb[META], path, max_col=2, limit=100)
        if cells and not is_blank(cells[0])
    }
    return meta if meta.get("format") == FORMAT_MARK else None


def read_own(wb: Any, path: Path, meta: dict[str, str], taxonomy: Taxonomy | None) -> PlanSnapshot:
    version = meta.get("version", "")
    if not version.isdigit() or int(version) > FORMAT_VERSION:
        raise BadInput(f"{path}: written by a newer Budgetwright (workbook version {version})")
    problems = Problems(str(path))
    plan = _read_plan(wb, path, meta, problems)
    rates = read_rates(wb, path, meta, problems)
    if plan is not None and rates:
        plan = _with_rates(plan, rates, problems)
    categories = {c.key for c in (taxonomy or standard_taxonomy()).categories}
    tagged = _tagged(wb, path, problems, categories)
    phases = _read_phases(wb, path, tagged, problems)
    lines = _read_lines(wb, path, tagged, phases, taxonomy, problems, plan)
    problems.raise_if_any()
    assert plan is not None
    return PlanSnapshot(plan, tuple(phases), tuple(lines))


# ---- Plan settings


def _named_cells(wb: Any, problems: Problems) -> dict[str, tuple[str, int, int]]:
    """Each plan setting's (sheet, row, column); a name that is not one cell is a problem."""
    found = {}
    for field, name in _PLAN_FIELDS.items():
        where = _named_cell(wb, name)
        if isinstance(where, str):
            problems.add("Summary", name, field, None, where)
        else:
            found[field] = where
    return found


def _named_cell(wb: Any, name: str) -> tuple[str, int, int] | str:
    """Where a defined name points, or why it points nowhere a setting can be read."""
    if name not in wb.defined_names:
        return f"the named cell {name} is missing"
    defined = wb.defined_names[name]
    try:
        destinations = list(defined.destinations)
    except (ValueError, TypeError, AttributeError):
        destinations = []
    if len(destinations) != 1:
        return f"the named cell {name} is broken (it refers to {defined.attr_text!r})"
    sheet, coordinate = destinations[0]
    try:
        letters, row = coordinate_from_string(coordinate.replace("$", ""))
    except CellCoordinatesException:
        return f"the named cell {name} refers to {coordinate!r}, not one cell"
    if sheet not in wb.sheetnames:
        return f"the named cell {name} refers to sheet {sheet!r}, which the workbook lacks"
    return sheet, row - 1, column_index_from_string(letters) - 1


def _read_plan(wb: Any, path: Path, meta: dict[str, str], problems: Problems) -> Plan | None:
    cells = _named_cells(wb, problems)
    if problems:
        return None
    values: dict[tuple[str, int, int], Any] = {}
    for sheet in {c[0] for c in cells.values()}:
        wanted = {(r, c) for s, r, c in cells.values() if s == sheet}
        last_col = max(c for _, c in wanted) + 1
        for row, row_cells in stream_rows(wb[sheet], path, max_col=last_col):
            for r, c in wanted:
                if r == row and c < len(row_cells):
                    values[sheet, r, c] = row_cells[c]
    raw = {field: values.get(cells[field]) for field in _PLAN_FIELDS}

    def at(field: str) -> str:
        sheet, row, col = cells[field]
        return f"{sheet}|{address(row, col)}"

    def parse(field: str, convert: Callable[[Any], Any]) -> Any:
        try:
            return convert(raw[field])
        except (ValueError, ArithmeticError) as exc:
            sheet, cell = at(field).split("|")
            problems.add(sheet, cell, field, text_of(raw[field]), str(exc) or "cannot be read")
            return None

    plan_id = meta.get("plan_id", "")
    known_id = plan_id.isascii() and plan_id.isdigit() and len(plan_id) <= 18
    values_read = {
        "name": text_of(raw["name"]),
        "description": text_of(raw["description"]),
        "currency": text_of(raw["currency"]).strip().upper(),
        "start": parse("start", date_of),
        "end": parse("end", date_of),
        "capex_view": parse("capex_view", lambda v: CapexView(text_of(v).strip().lower())),
        "contingency_pct": parse(
            "contingency_pct", lambda v: _percent(v, meta.get("contingency_pct", ""))
        ),
        "notes": text_of(raw["notes"]),
    }
    if any(v is None for v in values_read.values()):
        return None
    plan = Plan(
        id=int(plan_id) if known_id else None,
        created_at=meta.get("plan_created_at", ""),
        **values_read,
    )
    try:
        check_plan(plan)
    except InvalidValue as exc:
        sheet, cell = at(exc.field).split("|") if exc.field in cells else ("Summary", "-")
        problems.add_invalid(sheet, cell, exc)
        return None
    return plan


def _with_rates(plan: Plan, rates: tuple[FxRate, ...], problems: Problems) -> Plan | None:
    with_rates = replace(plan, fx_rates=rates)
    try:
        check_rates(with_rates)
    except InvalidValue as exc:
        code = exc.field.removeprefix("fx_rates.")
        row = next(i for i, r in enumerate(rates) if r.currency == code)
        problems.add(
            RATES, address(RATES_FIRST_ROW + row, 1), f"rate {code}", exc.value, exc.reason
        )
        return None
    return with_rates


def _percent(value: Any, exact: str) -> Decimal:
    """The contingency percent: the stored exact text while the cell still shows it."""
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if exact and number and same_number(value, str(Decimal(exact) / 100)):
        return Decimal(exact)
    if is_blank(value):
        raise ValueError("is empty; write 0 % for no contingency")
    return _tidy(Decimal(decimal_of(value)) * 100)


def _tidy(value: Decimal) -> Decimal:
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


# ---- Phases


def _tagged(
    wb: Any, path: Path, problems: Problems, categories: set[str]
) -> list[tuple[str, dict[str, int], str]]:
    """Sheets whose hidden key row carries a tag: (name, columns by key, tag).

    A key row of a line or phase sheet without a readable tag, a tag naming no
    category, and two sheets with one tag are problems: their lines would be lost
    or counted twice.
    """
    found = []
    seen: dict[str, str] = {}
    for name in wb.sheetnames:
        if name == META:
            continue
        keys = [text_of(v) for v in first_row(wb[name], path)]
        marks = [k for k in keys if k.startswith((PHASES_TAG, CATEGORY_TAG))]
        if not marks:
            if _SHEET_KEYS.issubset(keys) or _PHASE_KEYS.issubset(keys):
                at = _tag_column(keys)
                shown = keys[at] if at < len(keys) else ""
                problems.add(
                    name, address(0, at), "tag", shown, "the hidden sheet tag is missing or damaged"
                )
            continue
        columns = {k: i for i, k in enumerate(keys) if k}
        tag = marks[0]
        cell = address(0, columns[tag])
        if tag.startswith(CATEGORY_TAG) and tag.removeprefix(CATEGORY_TAG) not in categories:
            problems.add(name, cell, "tag", tag, "the hidden sheet tag names no category")
            continue
        if tag in seen:
            problems.add(
                name, cell, "tag", tag, f"sheet {seen[tag]} has the same tag (a copied sheet?)"
            )
            continue
        seen[tag] = name
        found.append((name, columns, tag))
    return found


_SHEET_KEYS = {"name", "cost_model"}
_PHASE_KEYS = {"key", "milestone"}
_KNOWN_PREFIXES = (DRIVER_PREFIX, EXACT_PREFIX)


def _tag_column(keys: list[str]) -> int:
    """Where a damaged tag sits: the first key the writer never writes, else after the last."""
    known = {c.key for c in line_columns(all_driver_keys())} | {c.key for c in PHASE_COLUMNS}
    for index, key in enumerate(keys):
        if key and key not in known and not key.startswith(_KNOWN_PREFIXES):
            return index
    return max((i for i, k in enumerate(keys) if k), default=-1) + 1


def _read_phases(
    wb: Any, path: Path, tagged: list[tuple[str, dict[str, int], str]], problems: Problems
) -> list[Phase]:
    sheets = [t for t in tagged if t[2] == PHASES_TAG]
    if not sheets:
        return []
    name, col, _ = sheets[0]
    phases: list[Phase] = []
    seen: dict[str, str] = {}
    for row, cells in stream_rows(
        wb[name], path, first=FIRST_DATA_ROW, max_col=max(col.values()) + 1
    ):

        def get(key: str, cells: tuple[Any, ...] = cells) -> Any:
            c = col.get(key)
            return cells[c] if c is not None and c < len(cells) else None

        if all(is_blank(get(k)) for k in ("key", "name", "start", "end")):
            continue
        phase = _phase(name, row, col, get, len(phases), problems)
        if phase is None:
            continue
        if phase.key in seen:
            problems.add(
                name,
                address(row, col["key"]),
                "key",
                phase.key,
                f"another phase has this key (row {seen[phase.key]})",
            )
            continue
        seen[phase.key] = str(row + 1)
        phases.append(phase)
    keys = set(seen)
    for phase in phases:
        for key in phase.depends_on:
            if key not in keys:
                row = int(seen[phase.key]) - 1
                problems.add(
                    name,
                    address(row, col.get("depends_on", col.get("key", 0))),
                    "depends_on",
                    key,
                    f"phase {phase.key!r} depends on a phase that does not exist",
                )
    return phases


def _phase(
    sheet: str,
    row: int,
    col: dict[str, int],
    get: Callable[[str], Any],
    position: int,
    problems: Problems,
) -> Phase | None:
    def cell(key: str) -> str:
        return address(row, col.get(key, 0))

    try:
        start = date_of(get("start"))
    except ValueError as exc:
        problems.add(sheet, cell("start"), "start", text_of(get("start")), str(exc))
        return None
    try:
        end = date_of(get("end"))
    except ValueError as exc:
        problems.add(sheet, cell("end"), "end", text_of(get("end")), str(exc))
        return None
    try:
        milestone = flag_of(get("milestone"))
    except ValueError as exc:
        problems.add(sheet, cell("milestone"), "milestone", text_of(get("milestone")), str(exc))
        return None
    shown = text_of(get("depends_on"))
    exact = text_of(get(EXACT_PREFIX + "depends_on"))
    depends = [k.strip() for k in shown.split(",") if k.strip()]
    if exact:
        try:
            listed = json.loads(exact)
        except ValueError:
            listed = None
        if isinstance(listed, list) and depends_text(listed) == shown:
            depends = [str(k) for k in listed]
    try:
        phase_id = hidden_id(get("id"))
    except ValueError as exc:
        problems.add(sheet, cell("id"), "id", text_of(get("id")), str(exc))
        return None
    phase = Phase(
        id=phase_id if phase_id is not None and phase_id > 0 else -(position + 1),
        plan_id=0,
        key=text_of(get("key")).strip(),
        name=text_of(get("name")),
        start=start,
        end=end,
        position=position,
        milestone=milestone,
        depends_on=tuple(depends),
    )
    try:
        check_phase(phase)
    except InvalidValue as exc:
        problems.add_invalid(sheet, cell(exc.field), exc)
        return None
    return phase


# ---- Lines


def _read_lines(
    wb: Any,
    path: Path,
    tagged: list[tuple[str, dict[str, int], str]],
    phases: list[Phase],
    taxonomy: Taxonomy | None,
    problems: Problems,
    plan: Plan | None = None,
) -> list[Line]:
    labels = LabelIndex(taxonomy or standard_taxonomy())
    by_key = {p.key: p for p in phases}
    check = _line_check(taxonomy)
    if plan is not None:
        check = _with_currency_check(check, plan)
    found: list[ReadLine] = []
    sheets = [t for t in tagged if t[2].startswith(CATEGORY_TAG)]
    for order, (name, col, tag) in enumerate(sheets):
        category = tag.removeprefix(CATEGORY_TAG)
        reader = LineSheetReader(
            name, order, category, col, labels, by_key, wb.epoch, problems, check
        )
        for row, cells in stream_rows(
            wb[name], path, first=FIRST_DATA_ROW, max_col=max(col.values()) + 1
        ):
            read = reader.read_row(row, cells)
            if read is not None:
                found.append(read)
    found.sort(key=lambda r: r.order)
    seen: set[int] = set()
    lines = []
    for position, read in enumerate(found):
        line_id = read.line.id if read.line.id not in seen else None
        if line_id is not None:
            seen.add(line_id)
        line = with_position(read, position, line_id)
        if plan is not None and line.currency == plan.currency:
            line = replace(line, currency=None)
        lines.append(line)
    return lines


def _with_currency_check(check: Callable[[Line], None], plan: Plan) -> Callable[[Line], None]:
    """The line's rules, and a currency the plan has a rate for (named at its cell)."""

    def both(line: Line) -> None:
        check(line)
        check_line_currency(line, plan)

    return both


def _line_check(taxonomy: Taxonomy | None) -> Callable[[Line], None]:
    """Every rule of a line; without a given taxonomy, a planner's own items pass here
    (the import checks them against the database's items)."""
    if taxonomy is not None:
        return lambda line: check_line(line, taxonomy)

    @cache
    def widened(category: str, section: str, item: str) -> Taxonomy:
        base = standard_taxonomy()
        if base.section(category, section).item(item) is not None:
            return base
        return base.with_items([(category, section, item)])

    def check(line: Line) -> None:
        base = standard_taxonomy()
        base.section(line.category, line.section)
        check_line(line, widened(line.category, line.section, line.item))

    return check
