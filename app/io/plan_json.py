"""The JSON plan file (``*.budget.json``): a whole plan as text, for exact round trips.

Writing is deterministic (fixed key order, drivers as entered), so export → import →
export gives the same bytes. Reading names the field at fault (``lines[3].drivers.fte``).
"""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.domain.errors import BadInput, InvalidValue
from app.domain.fx import check_line_currency
from app.domain.money import is_known_currency
from app.domain.plan import CapexView, CostModel, FxRate, Line, Phase, Plan, PlanSnapshot
from app.domain.validation import (
    MAX_TEXT,
    check_phase_links,
    check_rates,
    key_text,
    parse_decimal,
    parse_iso_date,
    shortened,
)
from app.io.atomic import write_atomically

FORMAT = "budgetwright-plan"
VERSION = 1
MAX_BYTES = 200 * 1024 * 1024


# ---- Writing


def to_document(snapshot: PlanSnapshot) -> dict[str, Any]:
    plan = snapshot.plan
    keys = {p.id: p.key for p in snapshot.phases}
    return {
        "format": FORMAT,
        "version": VERSION,
        "name": plan.name,
        "description": plan.description,
        "currency": plan.currency,
        "start": plan.start.isoformat(),
        "end": plan.end.isoformat(),
        "contingency_pct": str(plan.contingency_pct),
        "capex_view": plan.capex_view.value,
        "notes": plan.notes,
        **_rates_doc(plan.fx_rates),
        "phases": [_phase_doc(p) for p in snapshot.phases],
        "lines": [_line_doc(line, keys, plan.currency) for line in snapshot.lines],
    }


def _rates_doc(rates: tuple[FxRate, ...]) -> dict[str, Any]:
    """``fx_rates`` (code → decimal string, as DESIGN.md fixes) and, beside it,
    ``fx_sources`` (code → source and as-of date), both only when the plan has rates."""
    if not rates:
        return {}
    ordered = sorted(rates, key=lambda r: r.currency)
    return {
        "fx_rates": {r.currency: r.rate for r in ordered},
        "fx_sources": {
            r.currency: {"source": r.source, "as_of": r.as_of.isoformat() if r.as_of else None}
            for r in ordered
        },
    }


def _phase_doc(phase: Phase) -> dict[str, Any]:
    return {
        "key": phase.key,
        "name": phase.name,
        "start": phase.start.isoformat(),
        "end": phase.end.isoformat(),
        "milestone": phase.milestone,
        "depends_on": list(phase.depends_on),
    }


def _line_doc(line: Line, phase_keys: dict[int | None, str], currency: str) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "category": line.category,
        "section": line.section,
        "item": line.item,
        "name": line.name,
        "cost_model": line.cost_model.value,
        "drivers": dict(line.drivers),
        "start": line.start.isoformat(),
        "end": line.end.isoformat(),
    }
    if line.currency is not None and line.currency != currency:
        doc["currency"] = line.currency
    if line.phase_id is not None:
        doc["phase"] = phase_keys[line.phase_id]
        doc["dates_from_phase"] = line.dates_from_phase
    if line.dates_fixed:
        doc["dates_fixed"] = True
    doc["vendor"] = line.vendor
    doc["notes"] = line.notes
    if line.catalogue_ref is not None:
        doc["catalogue"] = {
            "ref": line.catalogue_ref,
            "price": line.catalogue_price,
            "as_of": line.catalogue_as_of.isoformat() if line.catalogue_as_of else None,
        }
        if line.catalogue_currency is not None:
            doc["catalogue"]["currency"] = line.catalogue_currency
    if line.low_estimate is not None or line.high_estimate is not None:
        doc["estimate"] = {"low": line.low_estimate, "high": line.high_estimate}
    return doc


def dumps(snapshot: PlanSnapshot) -> str:
    return json.dumps(to_document(snapshot), ensure_ascii=False, indent=2) + "\n"


def write_file(snapshot: PlanSnapshot, path: Path) -> None:
    """Write the plan file whole or not at all."""
    write_atomically(path, dumps(snapshot).encode("utf-8"))


# ---- Reading
#
# The keys each object may hold; the schema (resources/budget-plan.schema.json) says the
# same, and tests/io/test_plan_schema.py checks that the two agree on many mutants.

PLAN_KEYS = frozenset(
    {"format", "version", "name", "currency", "start", "end", "contingency_pct"}
    | {"capex_view", "phases", "lines", "description", "notes", "fx_rates", "fx_sources"}
)
PLAN_REQUIRED = PLAN_KEYS - {"description", "notes", "fx_rates", "fx_sources"}
FX_SOURCE_KEYS = frozenset({"source", "as_of"})
PHASE_KEYS = frozenset({"key", "name", "start", "end", "milestone", "depends_on"})
PHASE_REQUIRED = frozenset({"key", "name", "start", "end"})
LINE_REQUIRED = frozenset(
    {"category", "section", "item", "name", "cost_model", "drivers", "start", "end"}
)
LINE_KEYS = LINE_REQUIRED | {"phase", "dates_from_phase", "dates_fixed", "vendor", "notes"}
LINE_KEYS |= {"catalogue", "estimate", "currency"}
CATALOGUE_KEYS = frozenset({"ref", "price", "as_of", "currency"})
ESTIMATE_KEYS = frozenset({"low", "high"})

MODELS = frozenset(m.value for m in CostModel)
CAPEX_VIEWS = frozenset(v.value for v in CapexView)
_NONE: frozenset[str] = frozenset()
_TWICE = "\0twice"  # marks an object that named a key twice (see _no_twice)


def _no_twice(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object as a dict, remembering a key written twice (``json`` keeps the last)."""
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                obj[_TWICE] = key
                break
            seen.add(key)
    return obj


class _Reader:
    """Typed access to a JSON object that names the path of whatever is wrong.

    ``label`` says which object this is (``lines[7] ('ML engineers')``) and ``prefix``
    where inside it (``catalogue.``); errors read ``lines[7] ('ML engineers'): vendor``.
    """

    def __init__(
        self,
        data: Any,
        label: str,
        keys: frozenset[str],
        required: frozenset[str] = frozenset(),
        prefix: str = "",
    ) -> None:
        self.label = label
        self.prefix = prefix
        if not isinstance(data, dict):
            what = prefix.rstrip(".") or label or "document"
            raise self._located(InvalidValue(what, type(data).__name__, "must be a JSON object"))
        self.data = data
        if _TWICE in data:
            raise self.fail(key_text(data[_TWICE]), None, "is written twice in one object")
        unknown = data.keys() - keys
        if unknown:
            raise self.fail(key_text(min(unknown)), None, "is not a key of the plan file format")
        missing = required - data.keys()
        if missing:
            raise self.fail(min(missing), None, "is missing")

    def _located(self, error: InvalidValue) -> InvalidValue:
        return error.at(self.label) if self.label else error

    def fail(self, key: str, value: object, reason: str) -> InvalidValue:
        quoted = shortened(value) if isinstance(value, str) else value
        return self._located(InvalidValue(f"{self.prefix}{key}", quoted, reason))

    def child(self, key: str, keys: frozenset[str]) -> _Reader:
        return _Reader(self.data[key], self.label, keys, prefix=f"{self.prefix}{key}.")

    def text(self, key: str, default: Any = ..., nullable: bool = False) -> Any:
        if key not in self.data:
            return default
        value = self.data[key]
        if value is None and nullable:
            return None
        if not isinstance(value, str):
            raise self.fail(key, value, "must be text")
        if len(value) > MAX_TEXT:
            raise self.fail(key, value, f"is longer than {MAX_TEXT:,} characters")
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                reason = f"holds a lone surrogate ({value[exc.start]!r}), not a character"
                raise self.fail(key, value, reason) from None
        return value

    def name(self, key: str) -> str:
        value: str = self.text(key)
        if not value.strip():
            raise self.fail(key, value, "must not be empty")
        return value

    def day(self, key: str, default: Any = ..., nullable: bool = False) -> Any:
        value = self.text(key, default, nullable)
        if value is None or value is default:
            return value
        try:
            return parse_iso_date(key, value)
        except InvalidValue as exc:
            raise self.fail(key, exc.value, exc.reason) from None

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(key, value, "must be true or false")
        return value

    def decimal_text(self, key: str, default: Any = ..., nullable: bool = False) -> Any:
        value = self.text(key, default, nullable)
        if value is None or value is default:
            return value
        try:
            parse_decimal(key, value)
        except InvalidValue as exc:
            raise self.fail(key, exc.value, exc.reason) from None
        return value

    def items(self, key: str) -> list[Any]:
        value = self.data[key]
        if not isinstance(value, list):
            raise self.fail(key, type(value).__name__, "must be a list")
        return value


def loads(text: str, source: str = "plan file") -> PlanSnapshot:
    """A plan snapshot (no ids) from the file's text, or an error naming the field."""
    try:
        data = json.loads(text, parse_float=Decimal, parse_int=Decimal, object_pairs_hook=_no_twice)
    except json.JSONDecodeError as exc:
        raise BadInput(
            f"{source}: not valid JSON (line {exc.lineno}, column {exc.colno})"
        ) from None
    except RecursionError:
        raise BadInput(f"{source}: nested too deeply; not a plan file") from None
    try:
        return _snapshot(_Reader(data, "", PLAN_KEYS, PLAN_REQUIRED))
    except InvalidValue as exc:
        raise exc.at(source) from None


def read_file(path: Path) -> PlanSnapshot:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise BadInput(f"{path}: larger than {MAX_BYTES // 2**20} MB; not a plan file")
        raw = path.read_bytes()
    except OSError as exc:
        raise BadInput(f"{path}: cannot be read ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadInput(f"{path}: not UTF-8 text; not a plan file") from None
    return loads(text, str(path))


def _snapshot(doc: _Reader) -> PlanSnapshot:
    if doc.data["format"] != FORMAT:
        raise doc.fail("format", doc.data["format"], f"must be {FORMAT!r}")
    version = doc.data["version"]
    if not isinstance(version, Decimal) or version != VERSION:
        raise doc.fail("version", version, f"this app reads version {VERSION}")
    capex = doc.text("capex_view")
    if capex not in CAPEX_VIEWS:
        raise doc.fail("capex_view", capex, "must be cash or amortized")
    plan = Plan(
        id=None,
        name=doc.name("name"),
        currency=doc.text("currency"),
        start=doc.day("start"),
        end=doc.day("end"),
        description=doc.text("description", ""),
        contingency_pct=Decimal(doc.decimal_text("contingency_pct")),
        capex_view=CapexView(capex),
        notes=doc.text("notes", ""),
        fx_rates=_rates(doc),
    )
    try:
        check_rates(plan)
    except InvalidValue as exc:
        raise doc.fail(exc.field, exc.value, exc.reason) from None
    phases = [_phase(data, position) for position, data in enumerate(doc.items("phases"))]
    by_key = {p.key: p for p in phases}
    for position, phase in enumerate(phases):
        if by_key[phase.key] is not phase:
            raise InvalidValue("key", phase.key, "another phase has this key").at(
                f"phases[{position}]"
            )
    check_phase_links(phases, lambda p: f"phases[{p.position}] ({p.key!r})")
    lines = [_line(data, position, by_key) for position, data in enumerate(doc.items("lines"))]
    for position, line in enumerate(lines):
        if line.currency == plan.currency:
            lines[position] = line = replace(line, currency=None)
        try:
            check_line_currency(line, plan)
        except InvalidValue as exc:
            raise exc.at(f"lines[{position}] ({line.name!r})") from None
    return PlanSnapshot(plan, tuple(phases), tuple(lines))


def _rates(doc: _Reader) -> tuple[FxRate, ...]:
    if "fx_rates" not in doc.data:
        if "fx_sources" in doc.data:
            raise doc.fail("fx_sources", None, "names sources of rates the file does not give")
        return ()
    given = doc.data["fx_rates"]
    table = doc.child("fx_rates", frozenset(given) - {_TWICE} if isinstance(given, dict) else _NONE)
    sources = None
    if "fx_sources" in doc.data:
        given = doc.data["fx_sources"]
        sources = doc.child("fx_sources", frozenset(given) if isinstance(given, dict) else _NONE)
        extra = sources.data.keys() - table.data.keys() - {_TWICE}
        if extra:
            raise sources.fail(key_text(min(extra)), None, "has no rate in fx_rates")
    found = []
    for code in sorted(table.data):
        rate = table.decimal_text(code)
        source, as_of = "", None
        if sources is not None and code in sources.data:
            about = sources.child(code, FX_SOURCE_KEYS)
            source = about.text("source", "")
            as_of = about.day("as_of", None, nullable=True)
        found.append(FxRate(code, rate, source, as_of))
    return tuple(found)


def _phase(data: Any, position: int) -> Phase:
    p = _Reader(data, f"phases[{position}]", PHASE_KEYS, PHASE_REQUIRED)
    deps = p.data.get("depends_on", [])
    if not isinstance(deps, list) or not all(isinstance(d, str) for d in deps):
        raise p.fail("depends_on", deps, "must be a list of phase keys")
    return Phase(
        -(position + 1),
        0,
        p.name("key"),
        p.name("name"),
        p.day("start"),
        p.day("end"),
        position,
        p.flag("milestone"),
        tuple(deps),
    )


def _line(data: Any, position: int, phases: dict[str, Phase]) -> Line:
    name = data.get("name") if isinstance(data, dict) else None
    label = f"lines[{position}]"
    if isinstance(name, str) and len(name) <= 200:
        label = f"{label} ({name!r})"
    r = _Reader(data, label, LINE_KEYS, LINE_REQUIRED)
    model = r.text("cost_model")
    if model not in MODELS:
        raise r.fail("cost_model", model, "not a cost model")
    drivers = r.data["drivers"]
    if isinstance(drivers, dict) and _TWICE in drivers:
        raise r.fail(f"drivers.{key_text(drivers[_TWICE])}", None, "is written twice in one object")
    if not isinstance(drivers, dict) or not all(isinstance(v, str) for v in drivers.values()):
        raise r.fail("drivers", drivers, "must map driver names to decimal strings")
    start, end = r.day("start"), r.day("end")
    phase_key = r.text("phase", None)
    phase = phases.get(phase_key) if phase_key is not None else None
    if phase_key is not None and phase is None:
        raise r.fail("phase", phase_key, "no phase has this key")
    follows = r.flag("dates_from_phase")
    if follows and phase is None:
        raise r.fail("dates_from_phase", True, "the line names no phase to follow")
    if follows and phase is not None and (start, end) != (phase.start, phase.end):
        field, value = ("start", start) if start != phase.start else ("end", end)
        reason = f"the line follows phase {phase.key!r} ({phase.start} to {phase.end})"
        raise r.fail(field, value.isoformat(), f"{reason} but carries other dates")
    catalogue = r.child("catalogue", CATALOGUE_KEYS) if "catalogue" in r.data else None
    if catalogue is not None and "ref" not in catalogue.data:
        raise catalogue.fail("ref", None, "is missing")
    copied_in = catalogue.text("currency", None) if catalogue else None
    if copied_in is not None and not is_known_currency(copied_in):
        assert catalogue is not None
        raise catalogue.fail("currency", copied_in, "not an ISO 4217 currency code")
    estimate = r.child("estimate", ESTIMATE_KEYS) if "estimate" in r.data else None
    return Line(
        id=None,
        plan_id=0,
        category=r.text("category"),
        section=r.text("section"),
        item=r.text("item"),
        name=r.name("name"),
        cost_model=CostModel(model),
        drivers=drivers,
        start=start,
        end=end,
        phase_id=phase.id if phase is not None else None,
        dates_from_phase=follows,
        dates_fixed=r.flag("dates_fixed"),
        vendor=r.text("vendor", ""),
        notes=r.text("notes", ""),
        catalogue_ref=catalogue.name("ref") if catalogue else None,
        catalogue_price=catalogue.decimal_text("price", None, nullable=True) if catalogue else None,
        catalogue_as_of=catalogue.day("as_of", None, nullable=True) if catalogue else None,
        catalogue_currency=copied_in,
        low_estimate=estimate.decimal_text("low", None, nullable=True) if estimate else None,
        high_estimate=estimate.decimal_text("high", None, nullable=True) if estimate else None,
        position=position,
        currency=r.text("currency", None),
    )
