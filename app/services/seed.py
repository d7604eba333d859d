"""What a brand-new database starts with: the shipped catalogue and the sample plan."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from app.domain.plan import CatalogueEntry
from app.domain.price_book import PriceBook
from app.domain.taxonomy import standard_taxonomy
from app.io import plan_json
from app.paths import resource
from app.services.changes import RowChange, write
from app.services.command import now_stamp
from app.services.plan_commands import ImportPlan

if TYPE_CHECKING:
    from app.services.workspace import Workspace

SAMPLE = "sample.budget.json"


UNCERTAIN_REASON = "uncertain_reason"


def _specs(e: dict[str, Any]) -> dict[str, str]:
    """The entry's specs; an ``uncertain_reason`` travels with them so the price card can say why."""
    specs = {k: str(v) for k, v in e.get("specs", {}).items()}
    if e.get(UNCERTAIN_REASON):
        specs[UNCERTAIN_REASON] = str(e[UNCERTAIN_REASON])
    return specs


def shipped_catalogue() -> list[CatalogueEntry]:
    raw = json.loads(resource("catalogue.json").read_text(encoding="utf-8"))
    return [
        CatalogueEntry(
            id=index + 1,
            key=e["key"],
            kind=e["kind"],
            name=e["name"],
            unit=e["unit"],
            price=e["price"],
            currency=e["currency"],
            source=e["source"],
            as_of=date.fromisoformat(e["as_of"]),
            uncertain=bool(e.get("uncertain", False)),
            category=e.get("category", ""),
            section=e.get("section", ""),
            item=e.get("item", ""),
            cost_model=e.get("cost_model", ""),
            driver=e.get("driver", "unit_cost"),
            specs=_specs(e),
        )
        for index, e in enumerate(raw["entries"])
    ]


def shipped_price_book(entries: list[CatalogueEntry]) -> PriceBook:
    """The shipped catalogue as the first dated version of the price book."""
    return PriceBook(
        id=1,
        label="Shipped catalogue",
        as_of=max(e.as_of for e in entries),
        imported_at=now_stamp(),
        source="resources/catalogue.json",
        entries=tuple(replace(e, id=None) for e in entries),
    )


def seed_new_database(workspace: Workspace) -> None:
    """Copy the catalogue and import the sample plan, in one transaction."""
    sample = plan_json.read_file(resource(SAMPLE))
    with workspace.db.transaction() as conn:
        entries = shipped_catalogue()
        write(conn, [RowChange(None, entry) for entry in entries])
        write(conn, [RowChange(None, shipped_price_book(entries))])
        ImportPlan(sample, standard_taxonomy()).apply(conn)
