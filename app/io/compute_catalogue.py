"""What the shipped catalogue says about accelerators and grids, read without a database.

Accelerator entries (kinds ``accelerator_rental`` and ``accelerator_purchase``) carry
in ``specs`` the decimal strings ``bf16_dense_tflops``, ``fp8_dense_tflops`` (absent
when the part has no FP8) and ``tdp_w``. ``grid-intensity.json`` lists typical grid
intensities by region, each with its year and source.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.domain.errors import BadInput
from app.paths import resource

GRID_FORMAT = "budgetwright-grid-intensity"
ACCELERATOR_KINDS = ("accelerator_rental", "accelerator_purchase")


@dataclass(frozen=True)
class AcceleratorSpec:
    """The drivers picking an accelerator fills, each as the catalogue writes it."""

    key: str
    name: str
    peak_tflops: str
    power_watts: str | None
    hourly_rate: str | None  # rental entries only
    currency: str
    source: str


def accelerator_spec(entry: Mapping[str, Any], precision: str = "bf16") -> AcceleratorSpec | None:
    """The spec of a catalogue entry (a dict or a CatalogueEntry's fields), or None.

    None when the entry is not an accelerator or gives no peak at ``precision``.
    """
    if entry.get("kind") not in ACCELERATOR_KINDS:
        return None
    specs = entry.get("specs") or {}
    peak = specs.get(f"{precision}_dense_tflops")
    if peak is None:
        return None
    hourly = "hour" in str(entry.get("unit", "")).lower()
    return AcceleratorSpec(
        key=str(entry["key"]),
        name=str(entry.get("name", entry["key"])),
        peak_tflops=str(peak),
        power_watts=str(specs["tdp_w"]) if "tdp_w" in specs else None,
        hourly_rate=str(entry["price"]) if hourly else None,
        currency=str(entry.get("currency", "")),
        source=str(entry.get("source", "")),
    )


def shipped_entry(key: str) -> Mapping[str, Any] | None:
    """The shipped catalogue's entry of this key, read straight from resources/."""
    raw = json.loads(resource("catalogue.json").read_text(encoding="utf-8"))
    for entry in raw["entries"]:
        if entry.get("key") == key:
            return dict(entry)
    return None


@dataclass(frozen=True)
class GridIntensity:
    key: str
    region: str
    kg_co2_per_kwh: str
    year: int
    source: str
    as_of: str


def grid_intensities(path: Path | None = None) -> list[GridIntensity]:
    """The typical grid intensities offered as picks (empty when the file is absent)."""
    path = path or resource("grid-intensity.json")
    if not path.exists():
        return []
    raw = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict) or raw.get("format") != GRID_FORMAT:
        raise BadInput(f"{path}: not a {GRID_FORMAT} file")
    try:
        return [
            GridIntensity(
                str(e["key"]),
                str(e["region"]),
                str(e["kg_co2_per_kwh"]),
                int(e["year"]),
                str(e["source"]),
                str(e["as_of"]),
            )
            for e in raw["entries"]
        ]
    except (KeyError, TypeError, ValueError) as exc:
        raise BadInput(f"{path}: an entry lacks {exc}") from None
