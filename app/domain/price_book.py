"""Dated versions of the price book, and a catalogue entry as the shipped file writes it.

The shipped ``resources/catalogue.json`` is the first version; each import adds one.
A version is kept whole and never edited; the current price book (``catalogue_entry``)
starts as the latest version and takes the planner's own edits.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.domain.plan import CatalogueEntry

CATALOGUE_FORMAT = "budgetwright-catalogue"
UNCERTAIN_REASON = "uncertain_reason"
"""Kept in an entry's specs, so the price card can say why a figure is approximate."""

REQUIRED_FIELDS = ("key", "kind", "name", "unit", "price", "currency", "source", "as_of")
"""The columns every catalogue file (JSON or CSV) must give for each entry."""

OPTIONAL_FIELDS = (
    "uncertain",
    UNCERTAIN_REASON,
    "category",
    "section",
    "item",
    "cost_model",
    "driver",
    "specs",
)


@dataclass(frozen=True)
class PriceBook:
    """One dated version of the price book with every entry it held."""

    id: int | None
    label: str
    as_of: date
    """The newest ``as_of`` among its entries: how current its prices are."""
    imported_at: str
    source: str
    """Where it came from: the file imported, or the shipped catalogue."""
    entries: tuple[CatalogueEntry, ...]

    @property
    def name(self) -> str:
        return self.label


def entry_document(entry: CatalogueEntry) -> dict[str, Any]:
    """The entry as ``catalogue.json`` writes it (ids are the database's, left out)."""
    specs = dict(entry.specs)
    reason = specs.pop(UNCERTAIN_REASON, None)
    doc: dict[str, Any] = {
        "key": entry.key,
        "kind": entry.kind,
        "name": entry.name,
        "unit": entry.unit,
        "price": entry.price,
        "currency": entry.currency,
        "source": entry.source,
        "as_of": entry.as_of.isoformat(),
        "uncertain": entry.uncertain,
    }
    if reason is not None:
        doc[UNCERTAIN_REASON] = reason
    for name in ("category", "section", "item", "cost_model", "driver"):
        doc[name] = getattr(entry, name)
    doc["specs"] = specs
    return doc


def entry_from_document(doc: Mapping[str, Any], entry_id: int | None = None) -> CatalogueEntry:
    """An entry from a checked document (see ``app.io.catalogue_file`` for checking)."""
    specs = {str(k): str(v) for k, v in (doc.get("specs") or {}).items()}
    if doc.get(UNCERTAIN_REASON):
        specs[UNCERTAIN_REASON] = str(doc[UNCERTAIN_REASON])
    return CatalogueEntry(
        id=entry_id,
        key=str(doc["key"]),
        kind=str(doc["kind"]),
        name=str(doc["name"]),
        unit=str(doc["unit"]),
        price=str(doc["price"]),
        currency=str(doc["currency"]),
        source=str(doc["source"]),
        as_of=date.fromisoformat(str(doc["as_of"])),
        uncertain=bool(doc.get("uncertain", False)),
        category=str(doc.get("category") or ""),
        section=str(doc.get("section") or ""),
        item=str(doc.get("item") or ""),
        cost_model=str(doc.get("cost_model") or ""),
        driver=str(doc.get("driver") or "unit_cost"),
        specs=specs,
    )


def months_old(as_of: date, today: date) -> int:
    """Whole calendar months from ``as_of`` to ``today`` (a day short of a month is 0)."""
    months = (today.year - as_of.year) * 12 + today.month - as_of.month
    return months - 1 if today.day < as_of.day else months


def is_stale(as_of: date | None, today: date, threshold_months: int) -> bool:
    """A price dated ``threshold_months`` or more before ``today`` is stale."""
    return as_of is not None and months_old(as_of, today) >= threshold_months


STALE_MONTHS = 6
"""The default age, in months, from which a price is marked stale."""
