"""What the shipped catalogue says about accelerators and grids, read without a database.

Accelerator entries (kinds ``accelerator_rental`` and ``accelerator_purchase``) carry
in ``specs`` the decimal strings ``bf16_dense_tflops``, ``fp8_dense_tflops`` (absent
when the part has no FP8) and ``tdp_w``. Older parts (T4, V100) give
``fp16_dense_tflops`` instead of BF16; some (Trainium, Inferentia) publish no power.
A pick fills what the entry gives and names what it lacks. ``grid-intensity.json`` lists typical grid
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


PRECISIONS = ("bf16", "fp8", "fp16")
"""Precisions a catalogue accelerator may give a dense peak for, the usual first."""

PRECISION_LABELS = {"bf16": "BF16", "fp8": "FP8", "fp16": "FP16"}


@dataclass(frozen=True)
class AcceleratorSpec:
    """The drivers picking an accelerator fills, each as the catalogue writes it."""

    key: str
    name: str
    peak_tflops: str | None  # None: no peak at the precision asked for
    power_watts: str | None
    hourly_rate: str | None  # rental entries only
    currency: str
    source: str
    precision: str = "bf16"
    precisions: tuple[str, ...] = ()
    """Every precision the entry gives a peak for, in ``PRECISIONS`` order."""

    def missing(self) -> list[str]:
        """What the catalogue does not give for this part, in a planner's words."""
        out = []
        if self.peak_tflops is None:
            given = ", ".join(PRECISION_LABELS[p] for p in self.precisions) or "no precision"
            out.append(
                f"no {PRECISION_LABELS.get(self.precision, self.precision)} peak (it gives {given})"
            )
        if self.power_watts is None:
            out.append("no power in watts (not published)")
        return out


def precisions_of(entry: Mapping[str, Any]) -> tuple[str, ...]:
    """The precisions a catalogue accelerator gives a dense peak for."""
    specs = entry.get("specs") or {}
    return tuple(p for p in PRECISIONS if f"{p}_dense_tflops" in specs)


def accelerator_spec(
    entry: Mapping[str, Any], precision: str | None = None
) -> AcceleratorSpec | None:
    """The spec of a catalogue entry (a dict or a CatalogueEntry's fields), or None.

    None when the entry is not an accelerator. Without ``precision`` the first the
    part has (BF16, else FP8, else FP16); a precision it lacks leaves the peak None.
    """
    if entry.get("kind") not in ACCELERATOR_KINDS:
        return None
    specs = entry.get("specs") or {}
    given = precisions_of(entry)
    chosen = precision or (given[0] if given else "bf16")
    peak = specs.get(f"{chosen}_dense_tflops")
    hourly = "hour" in str(entry.get("unit", "")).lower()
    return AcceleratorSpec(
        key=str(entry["key"]),
        name=str(entry.get("name", entry["key"])),
        peak_tflops=None if peak is None else str(peak),
        power_watts=str(specs["tdp_w"]) if "tdp_w" in specs else None,
        hourly_rate=str(entry["price"]) if hourly else None,
        currency=str(entry.get("currency", "")),
        source=str(entry.get("source", "")),
        precision=chosen,
        precisions=given,
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
