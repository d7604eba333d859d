"""Seeded mutants of the shipped sample plan file, for the schema and fuzz tests."""

from __future__ import annotations

import copy
import json
import random
from typing import Any

from app.paths import resource

SAMPLE_TEXT = resource("sample.budget.json").read_text(encoding="utf-8")
SAMPLE: dict[str, Any] = json.loads(SAMPLE_TEXT)

VALUES: list[Any] = [
    None,
    True,
    False,
    1,
    1.5,
    -3,
    "",
    " ",
    "x",
    "0",
    "1",
    "-1",
    "1.5",
    "12.50",
    "1e3",
    "0e999999999",
    "1e400",
    "1_000",
    " 5 ",
    "\u0665",
    "\uff15",
    "NaN",
    "0" * 50 + "1",
    "0" * 100_000 + "1",
    "2027-01-01",
    "2027-02-30",
    "20270101",
    "2027-W01-1",
    "2027-1-1",
    "month",
    "year",
    "USD",
    "usd",
    "cash",
    "staff",
    "computing",
    "research",
    "a\ud800b",
    "a & b; =1+1",
    [],
    ["research"],
    ["nowhere"],
    {},
    {"ref": "x"},
    {"low": "1", "high": "2"},
]


def objects(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Every JSON object in the document: the plan, phases, lines and what lines hold."""
    found = [document, *document["phases"]]
    for line in document["lines"]:
        found.append(line)
        found += [v for v in line.values() if isinstance(v, dict)]
    return found


def mutant(rng: random.Random) -> dict[str, Any]:
    """The sample with one or two keys dropped, added, renamed or given another value."""
    document: dict[str, Any] = copy.deepcopy(SAMPLE)
    for _ in range(rng.choice((1, 1, 1, 2))):
        target = rng.choice(objects(document))
        kind = rng.randrange(5)
        if kind == 0 and target:
            del target[rng.choice(sorted(target))]
        elif kind == 1:
            odd = ["colour", "Name", "contingency", "currency", "phase", "fx", "a\nb", "\ud800"]
            target[rng.choice(odd)] = "1"
        elif kind == 2 and target:
            key = rng.choice(sorted(target))
            target[key.upper() if rng.random() < 0.5 else key[:-1]] = target.pop(key)
        elif target:
            target[rng.choice(sorted(target))] = rng.choice(VALUES)
    return document


def text_mutant(rng: random.Random) -> str:
    """The sample's text cut, spliced or garbled: what a bad merge or an editor leaves."""
    text = SAMPLE_TEXT
    at = rng.randrange(len(text))
    kind = rng.randrange(7)
    if kind == 0:
        return text[:at]
    if kind == 1:
        return text[:at] + text[at + rng.randint(1, 40) :]
    if kind == 2:
        return text[:at] + rng.choice('{}[]",:\\0e-. \u00a0\ud800x') + text[at:]
    if kind == 3:
        end = at + rng.randint(1, 200)
        return text[:end] + text[at:]  # a slice written twice, keys and all
    if kind == 4:
        depth = rng.choice((50, 1000, 5000))
        return text.replace('"notes": ', '"notes": ' + "[" * depth + "]" * depth + ', "x": ', 1)
    if kind == 5:
        return text.replace('"name": "', '"name": "\\ud800', rng.randint(1, 3))
    return text.replace('"', "'", rng.randint(1, 3))


def any_mutant(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return json.dumps(mutant(rng), ensure_ascii=rng.random() < 0.5, indent=1)
    return text_mutant(rng)
