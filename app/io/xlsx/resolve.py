"""Reading a planner's words as taxonomy keys, cost models and billing periods.

"Compute", "Cloud Resources", "GPU" and ``computing`` all name the computing
category; "Monthly" is a recurring cost per month; "Salary" is staff. Each resolver
raises ``ValueError`` with the choices when the text names nothing it knows.
"""

from __future__ import annotations

from itertools import pairwise

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

# Billing words: each names a cost model, and a recurring one its period as well.
MODEL_WORDS = {
    "one off": CostModel.ONE_TIME,
    "one-off": CostModel.ONE_TIME,
    "one time": CostModel.ONE_TIME,
    "one-time": CostModel.ONE_TIME,
    "onetime": CostModel.ONE_TIME,
    "once": CostModel.ONE_TIME,
    "fixed": CostModel.ONE_TIME,
    "monthly": CostModel.RECURRING,
    "per month": CostModel.RECURRING,
    "month": CostModel.RECURRING,
    "pm": CostModel.RECURRING,
    "pcm": CostModel.RECURRING,
    "mo": CostModel.RECURRING,
    "annual": CostModel.RECURRING,
    "annually": CostModel.RECURRING,
    "yearly": CostModel.RECURRING,
    "per year": CostModel.RECURRING,
    "per annum": CostModel.RECURRING,
    "year": CostModel.RECURRING,
    "pa": CostModel.RECURRING,
    "yr": CostModel.RECURRING,
    "subscription": CostModel.RECURRING,
    "hourly": CostModel.USAGE,
    "per hour": CostModel.USAGE,
    "hour": CostModel.USAGE,
    "h": CostModel.USAGE,
    "hr": CostModel.USAGE,
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
    "pcm": "month",
    "year": "year",
    "yearly": "year",
    "annual": "year",
    "annually": "year",
    "per year": "year",
    "per annum": "year",
    "yr": "year",
    "pa": "year",
}

# Words that name a section of a category, whatever else the text says ("Infra storage").
SECTION_WORDS: dict[str, dict[str, str]] = {
    "infrastructure": {
        "storage": "storage",
        "backup": "storage",
        "backups": "storage",
        "network": "network",
        "networking": "network",
        "bandwidth": "network",
        "cdn": "network",
        "security": "security",
        "firewall": "security",
    },
    "data": {
        "annotation": "data_quality",
        "annotations": "data_quality",
        "labelling": "data_quality",
        "labeling": "data_quality",
        "labels": "data_quality",
        "quality": "data_quality",
        "storage": "data_infrastructure",
        "warehouse": "data_infrastructure",
        "lake": "data_infrastructure",
        "pipeline": "data_infrastructure",
    },
    "human": {
        "annotation": "domain_experts",
        "annotators": "domain_experts",
        "labelling": "domain_experts",
        "labeling": "domain_experts",
        "labellers": "domain_experts",
    },
    "software": {"security": "support_software", "database": "support_software"},
    "computing": {"storage": "cloud", "network": "cloud", "networking": "cloud"},
}
# A section word alone, as a category cell: the category it most often means.
SECTION_ONLY = {
    "storage": ("infrastructure", "storage"),
    "network": ("infrastructure", "network"),
    "networking": ("infrastructure", "network"),
    "security": ("infrastructure", "security"),
    "annotation": ("data", "data_quality"),
    "labelling": ("data", "data_quality"),
    "labeling": ("data", "data_quality"),
}


def _clean(text: str) -> str:
    """Lower case, single spaces; "/" and "_" as spaces, dots dropped ("p.a." is "pa")."""
    text = text.strip().lower().replace("/", " ").replace("_", " ").replace(".", "")
    return " ".join(text.split())


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
        if clean in SECTION_ONLY:
            return SECTION_ONLY[clean]
        first, _, rest = clean.partition(" ")
        if first in self.categories:
            category = self.categories[first]
            return category, section_in_words(category, rest)
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
        worded = section_in_words(category, text)
        if worded is not None:
            return worded
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


def section_in_words(category: str, text: str) -> str | None:
    """The section a word of ``text`` names in ``category`` ("Object storage": storage)."""
    words = SECTION_WORDS.get(category, {})
    return next((words[w] for w in _clean(text).split() if w in words), None)


def cost_model(text: str) -> tuple[CostModel, str | None]:
    """A cost model (and a period when the word implied one: "Annual" → per year)."""
    clean = _clean(text)
    for model, label in LABELS.items():
        if clean in (_clean(label), _clean(model.value)):
            return model, None
    word = MODEL_WORDS.get(clean) or MODEL_WORDS.get(clean.removeprefix("a ").strip())
    if word is None:
        raise ValueError(f"not a cost model ({', '.join(m.value for m in CostModel)})")
    return word, PERIOD_WORDS.get(clean) if word is CostModel.RECURRING else None


def implied_period(text: str) -> str | None:
    """The period a billing text names anywhere in it ("Annual licence": year), if any."""
    clean = _clean(text)
    if clean in PERIOD_WORDS:
        return PERIOD_WORDS[clean]
    single = clean.split()
    pairs = [f"{a} {b}" for a, b in pairwise(single)]
    for words in (single, pairs):
        found = {PERIOD_WORDS[w] for w in words if w in PERIOD_WORDS and w not in _AMBIGUOUS}
        if len(found) == 1:
            return found.pop()
    return None


_AMBIGUOUS = frozenset({"mo", "pm", "pa", "yr"})  # too short to trust inside a phrase


def period(text: str) -> str:
    clean = _clean(text).removeprefix("per ").strip() or _clean(text)
    found = PERIOD_WORDS.get(clean) or PERIOD_WORDS.get(_clean(text))
    if found is None:
        raise ValueError("must be month or year (monthly, annual, ...)")
    return found
