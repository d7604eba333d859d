"""The terminal summary prints each category's share as the window and the pack do."""

from __future__ import annotations

from app.domain.taxonomy import CATEGORY_KEYS, standard_taxonomy
from app.services.summary import summary_text


def test_a_share_on_a_half_tenth_rounds_up_as_everywhere_else() -> None:
    by_category = dict.fromkeys(CATEGORY_KEYS, "0.00")
    by_category["computing"] = "0.50"  # 6.25 % of 8.00
    by_category["human"] = "7.50"  # 93.75 %
    summary = {
        "plan": "Shares",
        "lines": 2,
        "currency": "USD",
        "subtotal": "8.00",
        "contingency": "0.00",
        "total": "8.00",
        "by_category": by_category,
    }
    rows = summary_text(summary, standard_taxonomy()).splitlines()
    computing = next(r for r in rows if r.startswith("Computing"))
    human = next(r for r in rows if r.startswith("Human"))
    assert computing.endswith("0.50    6.3 %")  # not 6.2 (half to even)
    assert human.endswith("7.50   93.8 %")
