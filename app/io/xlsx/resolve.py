"""Reading a planner's words as taxonomy keys, cost models and billing periods.

"Compute", "Cloud Resources", "GPU" and ``computing`` all name the computing
category; "Monthly" is a recurring cost per month; "Salary" is staff. Each resolver
raises ``ValueError`` with the choices when the text names nothing it knows.
"""

from __future__ import annotations

from app.domain.cost_models import LABELS
from app.domain.plan import CostModel
from app.domain.taxonomy import Taxonomy, item_key

CATEGORY_WORDS = {
    "compute": "computing",
    "computing": "computing",
    "gpu": "computing",
    "gpus": "computing",
    "cloud": "computing",
    "hardware": "computing",
    "people": "human",
    "staff": "human",
    "staffing": "human",
    "personnel": "human",
    "salaries": "human",
    "team": "human",
    "labour": "human",
    "labor": "human",
    "licences": "software",
    "licenses": "software",
    "tools": "software",
    "saas": "software",
    "infra": "infrastructure",
    "hosting": "infrastructure",
    "docs": "documentation",
}

MODEL_WORDS = {
    "one off": CostModel.ONE_TIME,
    "one-off": CostModel.ONE_TIME,
    "once": CostModel.ONE_TIME,
    "fixed": CostModel.ONE_TIME,
    "monthly": CostModel.RECURRING,
    "annual": CostModel.RECURRING,
    "annually": CostModel.RECURRING,
    "yearly": CostModel.RECURRING,
    "subscription": CostModel.RECURRING,
    "hourly": CostModel.USAGE,
    "salary": CostModel.STAFF,
    "fte": CostModel.STAFF,
    "capex": CostModel.PURCHASE,
    "purchase": CostModel.PURCHASE,
    "spread": CostModel.SPREAD,
}

PERIOD_WORDS = {
    "month": "month",
    "monthly": "month",
    "per month": "month",
    "mo": "month",
    "pm": "month",
    "year": "year",
    "yearly": "year",
    "annual": "year",
    "annually": "year",
    "per year": "year",
    "yr": "year",
    "pa": "year",
}


def _clean(text: str) -> str:
    return " ".join(text.strip().lower().replace("/", " ").replace("_", " ").split())


class Resolver:
    """Looks a planner's text up in the taxonomy (keys, labels, and common words)."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.categories: dict[str, str] = dict(CATEGORY_WORDS)
        self.sections: dict[str, tuple[str, str]] = {}
        for category in taxonomy.categories:
            label = category.label.lower()
            for text in (category.key, label, label.removesuffix(" resources")):
                self.categories[_clean(text)] = category.key
            for section in category.sections:
                for text in (section.key, section.label):
                    self.sections[_clean(text)] = (category.key, section.key)

    def category(self, text: str) -> tuple[str, str | None]:
        """The category a text names, and a section when the text named one."""
        clean = _clean(text)
        if clean in self.categories:
            return self.categories[clean], None
        if clean in self.sections:
            return self.sections[clean]
        first = clean.split(" ")[0] if clean else ""
        if first in self.categories:
            return self.categories[first], None
        labels = ", ".join(c.label for c in self.taxonomy.categories)
        raise ValueError(f"not a category ({labels})")

    def section(self, category: str, text: str) -> str:
        clean = _clean(text)
        found = self.sections.get(clean)
        if found is not None and found[0] == category:
            return found[1]
        for section in self.taxonomy.category(category).sections:
            if _clean(section.label).startswith(clean) and clean:
                return section.key
        labels = ", ".join(s.label for s in self.taxonomy.category(category).sections)
        raise ValueError(f"not a section of {category} ({labels})")

    def item(self, category: str, section: str, text: str) -> str:
        clean = _clean(text)
        for item in self.taxonomy.section(category, section).items:
            if clean in (_clean(item.key), _clean(item.label), _clean(item_key(item.label))):
                return item.key
        raise ValueError(f"not an item of {category}/{section}")

    def first_section(self, category: str) -> str:
        return self.taxonomy.category(category).sections[0].key

    def first_item(self, category: str, section: str) -> str:
        return self.taxonomy.section(category, section).items[0].key


def cost_model(text: str) -> tuple[CostModel, str | None]:
    """A cost model (and a period when the word implied one: "Annual" → per year)."""
    clean = _clean(text)
    for model, label in LABELS.items():
        if clean in (_clean(label), _clean(model.value)):
            return model, None
    word = MODEL_WORDS.get(clean)
    if word is None:
        raise ValueError(f"not a cost model ({', '.join(m.value for m in CostModel)})")
    return word, PERIOD_WORDS.get(clean) if word is CostModel.RECURRING else None


def period(text: str) -> str:
    clean = _clean(text).removeprefix("per ").strip() or _clean(text)
    found = PERIOD_WORDS.get(clean) or PERIOD_WORDS.get(_clean(text))
    if found is None:
        raise ValueError("must be month or year (monthly, annual, ...)")
    return found
