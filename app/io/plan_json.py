"""The JSON plan file (``*.budget.json``): a whole plan as text, for exact round trips.

Writing is deterministic (fixed key order, drivers as entered), so export → import →
export gives the same bytes. Reading names the field at fault (``lines[3].drivers.fte``).
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.domain.errors import BadInput, InvalidValue
from app.domain.plan import CapexView, CostModel, Line, Phase, Plan, PlanSnapshot
from app.domain.validation import parse_decimal
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
        "phases": [_phase_doc(p) for p in snapshot.phases],
        "lines": [_line_doc(line, keys) for line in snapshot.lines],
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


def _line_doc(line: Line, phase_keys: dict[int | None, str]) -> dict[str, Any]:
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
    if line.low_estimate is not None or line.high_estimate is not None:
        doc["estimate"] = {"low": line.low_estimate, "high": line.high_estimate}
    return doc


def dumps(snapshot: PlanSnapshot) -> str:
    return json.dumps(to_document(snapshot), ensure_ascii=False, indent=2) + "\n"


def write_file(snapshot: PlanSnapshot, path: Path) -> None:
    """Write the plan file whole or not at all."""
    write_atomically(path, dumps(snapshot).encode("utf-8"))


# ---- Reading


class _Reader:
    """Typed access to a JSON object that names the path of whatever is wrong."""

    def __init__(self, data: Any, where: str) -> None:
        if not isinstance(data, dict):
            raise InvalidValue(where or "document", type(data).__name__, "must be a JSON object")
        self.data = data
        self.where = where

    def _path(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def raw(self, key: str, default: Any = ...) -> Any:
        if key not in self.data:
            if default is ...:
                raise InvalidValue(self._path(key), None, "is missing")
            return default
        return self.data[key]

    def text(self, key: str, default: Any = ...) -> Any:
        value = self.raw(key, default)
        if value is not None and not isinstance(value, str):
            raise InvalidValue(self._path(key), value, "must be text")
        return value

    def day(self, key: str, default: Any = ...) -> Any:
        value = self.text(key, default)
        if value is None or value is default:
            return value
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise InvalidValue(self._path(key), value, "is not a date (YYYY-MM-DD)") from None

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.raw(key, default)
        if not isinstance(value, bool):
            raise InvalidValue(self._path(key), value, "must be true or false")
        return value

    def decimal_text(self, key: str, default: Any = ...) -> Any:
        value = self.text(key, default)
        if value is None or value is default:
            return value
        parse_decimal(self._path(key), value)
        return value

    def items(self, key: str) -> list[_Reader]:
        value = self.raw(key, [])
        if not isinstance(value, list):
            raise InvalidValue(self._path(key), type(value).__name__, "must be a list")
        return [_Reader(v, f"{self._path(key)}[{i}]") for i, v in enumerate(value)]


def loads(text: str, source: str = "plan file") -> PlanSnapshot:
    """A plan snapshot (no ids) from the file's text, or an error naming the field."""
    try:
        data = json.loads(text, parse_float=Decimal, parse_int=Decimal)
    except json.JSONDecodeError as exc:
        raise BadInput(
            f"{source}: not valid JSON (line {exc.lineno}, column {exc.colno})"
        ) from None
    try:
        return _snapshot(_Reader(data, ""))
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
    if doc.raw("format") != FORMAT:
        raise InvalidValue("format", doc.raw("format"), f"must be {FORMAT!r}")
    version = doc.raw("version")
    if not isinstance(version, Decimal) or version != VERSION:
        raise InvalidValue("version", version, f"this app reads version {VERSION}")
    capex = doc.text("capex_view", "cash")
    if capex not in tuple(CapexView):
        raise InvalidValue("capex_view", capex, "must be cash or amortized")
    plan = Plan(
        id=None,
        name=doc.text("name"),
        currency=doc.text("currency"),
        start=doc.day("start"),
        end=doc.day("end"),
        description=doc.text("description", ""),
        contingency_pct=Decimal(doc.decimal_text("contingency_pct", "0")),
        capex_view=CapexView(capex),
        notes=doc.text("notes", ""),
    )
    phases = []
    for position, p in enumerate(doc.items("phases")):
        deps = p.raw("depends_on", [])
        if not isinstance(deps, list) or not all(isinstance(d, str) for d in deps):
            raise InvalidValue(f"{p.where}.depends_on", deps, "must be a list of phase keys")
        phases.append(
            Phase(
                -(position + 1),
                0,
                p.text("key"),
                p.text("name"),
                p.day("start"),
                p.day("end"),
                position,
                p.flag("milestone"),
                tuple(deps),
            )
        )
    by_key = {p.key: p for p in phases}
    if len(by_key) != len(phases):
        raise InvalidValue("phases", [p.key for p in phases], "two phases share a key")
    lines = [_line(r, position, by_key) for position, r in enumerate(doc.items("lines"))]
    return PlanSnapshot(plan, tuple(phases), tuple(lines))


def _line(r: _Reader, position: int, phases: dict[str, Phase]) -> Line:
    model = r.text("cost_model")
    if model not in tuple(CostModel):
        raise InvalidValue(f"{r.where}.cost_model", model, "not a cost model")
    drivers = r.raw("drivers")
    if not isinstance(drivers, dict) or not all(isinstance(v, str) for v in drivers.values()):
        raise InvalidValue(
            f"{r.where}.drivers", drivers, "must map driver names to decimal strings"
        )
    phase_key = r.text("phase", None)
    if phase_key is not None and phase_key not in phases:
        raise InvalidValue(f"{r.where}.phase", phase_key, "no phase has this key")
    catalogue = (
        _Reader(r.raw("catalogue"), f"{r.where}.catalogue") if "catalogue" in r.data else None
    )
    estimate = _Reader(r.raw("estimate"), f"{r.where}.estimate") if "estimate" in r.data else None
    return Line(
        id=None,
        plan_id=0,
        category=r.text("category"),
        section=r.text("section"),
        item=r.text("item"),
        name=r.text("name"),
        cost_model=CostModel(model),
        drivers=drivers,
        start=r.day("start"),
        end=r.day("end"),
        phase_id=phases[phase_key].id if phase_key is not None else None,
        dates_from_phase=r.flag("dates_from_phase") if phase_key is not None else False,
        dates_fixed=r.flag("dates_fixed") if "dates_fixed" in r.data else False,
        vendor=r.text("vendor", ""),
        notes=r.text("notes", ""),
        catalogue_ref=catalogue.text("ref") if catalogue else None,
        catalogue_price=catalogue.decimal_text("price", None) if catalogue else None,
        catalogue_as_of=catalogue.day("as_of", None) if catalogue else None,
        low_estimate=estimate.decimal_text("low", None) if estimate else None,
        high_estimate=estimate.decimal_text("high", None) if estimate else None,
        position=position,
    )
