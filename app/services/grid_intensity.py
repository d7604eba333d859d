"""Typical grid carbon intensities by region, shipped in ``resources/grid-intensity.json``.

Each figure is a public source's annual average for one region (kg CO₂ per kWh), offered as a
pick for a line's ``grid_kgco2_per_kwh``; the source, data year and date travel with it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.paths import resource

GRID_INTENSITY = "grid-intensity.json"
FORMAT = "budgetwright-grid-intensity"


@dataclass(frozen=True)
class GridIntensity:
    key: str
    region: str
    kg_co2_per_kwh: Decimal
    year: int
    source: str
    as_of: date


def shipped_grid_intensities() -> list[GridIntensity]:
    """The shipped regions, in file order."""
    raw = json.loads(resource(GRID_INTENSITY).read_text(encoding="utf-8"))
    if raw.get("format") != FORMAT:
        raise ValueError(f"{GRID_INTENSITY}: format is not {FORMAT!r}")
    return [
        GridIntensity(
            key=e["key"],
            region=e["region"],
            kg_co2_per_kwh=Decimal(e["kg_co2_per_kwh"]),
            year=int(e["year"]),
            source=e["source"],
            as_of=date.fromisoformat(e["as_of"]),
        )
        for e in raw["entries"]
    ]
