"""The one table of category colours, shared by the window and the PDF pack.

Mid-tones that read on light and dark backgrounds and in print; a planner who sees
Human in orange in the window finds it in orange in the pack.
"""

from __future__ import annotations

from app.domain.taxonomy import CATEGORY_KEYS

CATEGORY_COLOURS: dict[str, str] = {
    "computing": "#4E79A7",
    "human": "#E8833A",
    "data": "#59A14F",
    "software": "#A26BB0",
    "infrastructure": "#3E9E9A",
    "time": "#C9A227",
    "documentation": "#8C6D55",
    "support": "#D9534F",
}
"""``#RRGGBB`` of each category, in :data:`CATEGORY_KEYS` order."""

assert tuple(CATEGORY_COLOURS) == CATEGORY_KEYS
