"""Rows to frozen values and back. The only place that knows both shapes."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from app.domain.actual import Actual
from app.domain.cost_models import DRIVERS
from app.domain.errors import DatabaseRefused, InvalidValue
from app.domain.plan import (
    CapexView,
    CatalogueEntry,
    CostModel,
    CustomItem,
    FxRate,
    Line,
    Phase,
    Plan,
)
from app.domain.price_book import PriceBook, entry_document, entry_from_document
from app.domain.validation import parse_decimal

Row = Mapping[Any, Any]


def _stored_decimal(where: str, field: str, text: str | None) -> str | None:
    """A decimal as stored, refused (not computed with) when it is out of bounds.

    A value such as ``0e999999999``, written by an older version, would hang every
    total; the database is refused with one line instead. An older spelling that is
    harmless (`` 5``) is left for the planner to correct.
    """
    # Short text without an exponent cannot be out of bounds: skip the parse (it is a
    # third of the time to read 10,000 lines).
    if text is not None and (len(text) > 15 or "e" in text or "E" in text):
        try:
            parse_decimal(field, text, any_spelling=True)
        except InvalidValue as exc:
            raise DatabaseRefused(
                f"{exc.at(where)}; the database holds a value this app cannot compute with"
            ) from None
    return text


def plan_value(row: Row) -> Plan:
    return Plan(
        id=row["id"],
        name=row["name"],
        currency=row["currency"],
        start=row["start"],
        end=row["end"],
        description=row["description"],
        contingency_pct=Decimal(
            str(_stored_decimal(f"plan {row['id']}", "contingency_pct", row["contingency_pct"]))
        ),
        capex_view=CapexView(row["capex_view"]),
        notes=row["notes"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        fx_rates=_rates_value(f"plan {row['id']}", row["fx_rates"]),
    )


def _rates_value(where: str, text: str) -> tuple[FxRate, ...]:
    found = []
    for r in json.loads(text or "[]"):
        _stored_decimal(where, f"fx_rates.{r['currency']}", r["rate"])
        as_of = date.fromisoformat(r["as_of"]) if r.get("as_of") else None
        found.append(FxRate(r["currency"], r["rate"], r.get("source", ""), as_of))
    return tuple(found)


def rates_text(rates: tuple[FxRate, ...]) -> str:
    """The rate table as stored: JSON text, decimals as strings, in currency order."""
    return json.dumps(
        [
            {
                "currency": r.currency,
                "rate": r.rate,
                "source": r.source,
                "as_of": r.as_of.isoformat() if r.as_of else None,
            }
            for r in sorted(rates, key=lambda r: r.currency)
        ],
        ensure_ascii=False,
    )


def plan_row(plan: Plan) -> dict[str, Any]:
    return {
        "id": plan.id,
        "name": plan.name,
        "description": plan.description,
        "currency": plan.currency,
        "start": plan.start,
        "end": plan.end,
        "contingency_pct": str(plan.contingency_pct),
        "capex_view": plan.capex_view.value,
        "notes": plan.notes,
        "created_at": plan.created_at,
        "updated_at": plan.updated_at,
        "fx_rates": rates_text(plan.fx_rates),
    }


def phase_value(row: Row) -> Phase:
    return Phase(
        id=row["id"],
        plan_id=row["plan_id"],
        key=row["key"],
        name=row["name"],
        start=row["start"],
        end=row["end"],
        position=row["position"],
        milestone=bool(row["milestone"]),
        depends_on=tuple(json.loads(row["depends_on"])),
    )


def phase_row(phase: Phase) -> dict[str, Any]:
    return {
        "id": phase.id,
        "plan_id": phase.plan_id,
        "key": phase.key,
        "name": phase.name,
        "start": phase.start,
        "end": phase.end,
        "position": phase.position,
        "milestone": phase.milestone,
        "depends_on": json.dumps(list(phase.depends_on), ensure_ascii=False),
    }


LINE_FIELDS = [
    "id",
    "plan_id",
    "category",
    "section",
    "item",
    "name",
    "start",
    "end",
    "phase_id",
    "vendor",
    "notes",
    "catalogue_ref",
    "catalogue_price",
    "catalogue_as_of",
    "catalogue_currency",
    "low_estimate",
    "high_estimate",
    "position",
    "currency",
]


def line_value(row: Row) -> Line:
    fields = {name: row[name] for name in LINE_FIELDS}
    model = CostModel(row["cost_model"])
    drivers = json.loads(row["drivers"])
    where = f"line {row['id']} ({row['name']!r})"
    for spec in DRIVERS[model]:
        if not spec.choices and isinstance(drivers.get(spec.key), str):
            _stored_decimal(where, spec.key, drivers[spec.key])
    for name in ("catalogue_price", "low_estimate", "high_estimate"):
        _stored_decimal(where, name, fields[name])
    return Line(
        cost_model=model,
        drivers=drivers,
        dates_from_phase=bool(row["dates_from_phase"]),
        dates_fixed=bool(row["dates_fixed"]),
        **fields,
    )


def line_row(line: Line) -> dict[str, Any]:
    row = {name: getattr(line, name) for name in LINE_FIELDS}
    row["cost_model"] = line.cost_model.value
    row["drivers"] = json.dumps(dict(line.drivers), ensure_ascii=False)
    row["dates_from_phase"] = line.dates_from_phase
    row["dates_fixed"] = line.dates_fixed
    return row


CATALOGUE_FIELDS = [
    "id",
    "key",
    "kind",
    "name",
    "unit",
    "price",
    "currency",
    "source",
    "as_of",
    "uncertain",
    "category",
    "section",
    "item",
    "cost_model",
    "driver",
]


def catalogue_value(row: Row) -> CatalogueEntry:
    fields = {name: row[name] for name in CATALOGUE_FIELDS}
    fields["uncertain"] = bool(fields["uncertain"])
    _stored_decimal(f"catalogue entry {row['key']!r}", "price", fields["price"])
    return CatalogueEntry(specs=json.loads(row["specs"]), **fields)


def catalogue_row(entry: CatalogueEntry) -> dict[str, Any]:
    row = {name: getattr(entry, name) for name in CATALOGUE_FIELDS}
    row["specs"] = json.dumps(dict(entry.specs), ensure_ascii=False)
    return row


def custom_item_value(row: Row) -> CustomItem:
    return CustomItem(row["id"], row["category"], row["section"], row["key"], row["label"])


def custom_item_row(item: CustomItem) -> dict[str, Any]:
    return {
        "id": item.id,
        "category": item.category,
        "section": item.section,
        "key": item.key,
        "label": item.label,
    }


def price_book_value(row: Row) -> PriceBook:
    entries = tuple(entry_from_document(doc) for doc in json.loads(row["entries"]))
    return PriceBook(
        row["id"], row["label"], row["as_of"], row["imported_at"], row["source"], entries
    )


def price_book_row(book: PriceBook) -> dict[str, Any]:
    return {
        "id": book.id,
        "label": book.label,
        "as_of": book.as_of,
        "imported_at": book.imported_at,
        "source": book.source,
        "entries": json.dumps([entry_document(e) for e in book.entries], ensure_ascii=False),
    }


ACTUAL_FIELDS = [
    "id",
    "plan_id",
    "booked_on",
    "amount",
    "currency",
    "category",
    "section",
    "line_id",
    "reference",
    "description",
    "batch",
]


def actual_value(row: Row) -> Actual:
    fields = {name: row[name] for name in ACTUAL_FIELDS}
    _stored_decimal(f"actual {row['id']}", "amount", fields["amount"])
    return Actual(**fields)


def actual_row(actual: Actual) -> dict[str, Any]:
    return {name: getattr(actual, name) for name in ACTUAL_FIELDS}
