"""The planner's resource taxonomy: eight categories, their sections and items.

The taxonomy is data (``resources/taxonomy.json``, made from the user's own
document); keys are part of the file format, labels are the document's words.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache

from app.domain.errors import InvalidValue
from app.paths import resource

CATEGORY_KEYS: tuple[str, ...] = (
    "computing",
    "human",
    "data",
    "software",
    "infrastructure",
    "time",
    "documentation",
    "support",
)


def item_key(label: str) -> str:
    """The item key of a label: lower case, parentheses dropped, other runs one underscore.

    >>> item_key("Training GPUs (A100, H100, etc.)")
    'training_gpus'
    """
    without_notes = re.sub(r"\([^)]*\)", "", label)
    return re.sub(r"[^a-z0-9]+", "_", without_notes.lower()).strip("_")


@dataclass(frozen=True)
class Item:
    key: str
    label: str
    custom: bool = False


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    items: tuple[Item, ...]

    def item(self, key: str) -> Item | None:
        return next((i for i in self.items if i.key == key), None)


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    sections: tuple[Section, ...]

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)


@dataclass(frozen=True)
class Taxonomy:
    """Categories in the document's order; look-ups by key."""

    categories: tuple[Category, ...]
    _index: dict[str, Category] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._index.update({c.key: c for c in self.categories})

    def category(self, key: str) -> Category:
        try:
            return self._index[key]
        except KeyError:
            raise InvalidValue("category", key, f"not one of {', '.join(CATEGORY_KEYS)}") from None

    def section(self, category: str, section: str) -> Section:
        found = self.category(category).section(section)
        if found is None:
            keys = ", ".join(s.key for s in self.category(category).sections)
            raise InvalidValue("section", section, f"not a section of {category} ({keys})")
        return found

    def check(self, category: str, section: str, item: str) -> None:
        """Raise :class:`InvalidValue` unless the three keys name an item of the taxonomy."""
        if self.section(category, section).item(item) is None:
            raise InvalidValue("item", item, f"not an item of {category}/{section}")

    def label(self, category: str, section: str | None = None, item: str | None = None) -> str:
        """The document's words for a key (falls back to the key for unknown items)."""
        cat = self.category(category)
        if section is None:
            return cat.label
        sec = self.section(category, section)
        if item is None:
            return sec.label
        found = sec.item(item)
        return found.label if found else item

    def with_items(self, extra: list[tuple[str, str, str]]) -> Taxonomy:
        """This taxonomy plus a planner's own items, given as (category, section, label)."""
        added: dict[tuple[str, str], list[Item]] = {}
        for category, section, label in extra:
            self.section(category, section)
            added.setdefault((category, section), []).append(Item(item_key(label), label, True))
        return Taxonomy(
            tuple(
                Category(
                    c.key,
                    c.label,
                    tuple(
                        Section(s.key, s.label, s.items + tuple(_new(s, added.get((c.key, s.key)))))
                        for s in c.sections
                    ),
                )
                for c in self.categories
            )
        )


def _new(section: Section, items: list[Item] | None) -> list[Item]:
    known = {i.key for i in section.items}
    return [i for i in items or [] if i.key not in known]


@cache
def standard_taxonomy() -> Taxonomy:
    """The taxonomy shipped in ``resources/taxonomy.json``."""
    raw = json.loads(resource("taxonomy.json").read_text(encoding="utf-8"))
    return Taxonomy(
        tuple(
            Category(
                c["key"],
                c["label"],
                tuple(
                    Section(
                        s["key"], s["label"], tuple(Item(i["key"], i["label"]) for i in s["items"])
                    )
                    for s in c["sections"]
                ),
            )
            for c in raw["categories"]
        )
    )
