"""Price book files as a planner would bring them: the shipped entries at new prices."""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from app.io.catalogue_file import COLUMNS
from app.paths import resource

NEW_AS_OF = "2026-11-15"


def shipped_documents() -> dict[str, dict[str, Any]]:
    raw = json.loads(resource("catalogue.json").read_text(encoding="utf-8"))
    return {e["key"]: e for e in raw["entries"]}


def repriced_documents(prices: Mapping[str, str], **fields: str) -> list[dict[str, Any]]:
    shipped = shipped_documents()
    return [
        {**shipped[key], "price": price, "as_of": NEW_AS_OF, **fields}
        for key, price in prices.items()
    ]


def write_json(path: Path, docs: list[dict[str, Any]]) -> Path:
    doc = {"format": "budgetwright-catalogue", "version": 1, "entries": docs}
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    return path


def write_csv(path: Path, docs: list[dict[str, Any]], columns: tuple[str, ...] = COLUMNS) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(columns)
        for doc in docs:
            row = []
            for name in columns:
                value = doc.get(name, "")
                if name == "specs":
                    value = json.dumps(value)
                elif isinstance(value, bool):
                    value = "true" if value else "false"
                row.append(value)
            out.writerow(row)
    return path
