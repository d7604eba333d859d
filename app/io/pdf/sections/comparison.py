"""The comparison page (``pdf PLAN --baseline NAME``): the plan now against one of its
baselines, by category and in total, the monthly difference as a chart, and the lines
added, removed and changed.

The figures are the ``compare`` command's object, so the page and ``compare --json``
agree to the cent. In a pack with salaries redacted, people costs and their lines are
withheld here as everywhere else.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from reportlab.graphics.shapes import Drawing, Group, Rect
from reportlab.lib import colors
from reportlab.platypus import Flowable, Spacer

from app.domain.money import to_minor
from app.domain.taxonomy import CATEGORY_KEYS
from app.io.pdf.charts import Axis, Plot, _drawing, _legend, _month_axis, _value_axis
from app.io.pdf.flow import heading, text
from app.io.pdf.pack import PEOPLE_CATEGORY, Pack
from app.io.pdf.redaction import REDACTED
from app.io.pdf.styles import ACCENT, make_styles
from app.io.pdf.tables import Column, simple_table

LESS = colors.HexColor("#2e7d32")
"""A month that costs less than in the baseline."""


def _minor(pack: Pack, value: str) -> int:
    return to_minor(Decimal(value), pack.budget.digits)


def _signed(pack: Pack, value: str) -> str:
    amount = _minor(pack, value)
    return ("+" if amount > 0 else "") + pack.money(amount)


def flowables(pack: Pack) -> list[Flowable]:
    result = pack.comparison
    assert result is not None
    styles = make_styles()
    w = pack.page.frame_width
    story: list[Flowable] = [*heading(f"Against the baseline “{result['a']}”", styles.h1)]
    story.append(
        text(
            f"a is the baseline “{result['a']}” as it was saved; b is the plan “{result['b']}” "
            f"as it is now. Delta = b − a, in {result['currency']}: a positive delta costs "
            "more than the baseline.",
            styles.body,
        )
    )
    amount = 95.0
    cols = [
        Column("Category", w - 3 * amount),
        Column("a (baseline)", amount, True),
        Column("b (now)", amount, True),
        Column("Delta", amount, True),
    ]
    rows = [
        _trio_row(pack, pack.label(key), result["by_category"][key], key) for key in CATEGORY_KEYS
    ]
    rows.append(_trio_row(pack, "Subtotal", result["subtotal"], "pool"))
    rows.append(_trio_row(pack, "Total (with contingency)", result["total"], "pool"))
    story += [simple_table(cols, rows, total_rows=2), Spacer(1, 4)]
    story += heading("Monthly difference (b − a, before contingency)", styles.h2, 1)
    story.append(_monthly_chart(pack, result["by_month"], w, 170))
    story += heading("Lines added, removed and changed", styles.h2, 1)
    story += _lines(pack, result["lines"], w)
    return story


def _trio_row(pack: Pack, label: str, trio: Mapping[str, str], key: str) -> list[str]:
    hidden = pack.redact and (
        key == PEOPLE_CATEGORY or (key == "pool" and not pack.redaction.pool_safe)
    )
    if hidden:
        return [label, REDACTED, REDACTED, REDACTED]
    return [
        label,
        pack.money(_minor(pack, trio["a"])),
        pack.money(_minor(pack, trio["b"])),
        _signed(pack, trio["delta"]),
    ]


def _lines(
    pack: Pack, lines: Mapping[str, Sequence[Mapping[str, str]]], w: float
) -> list[Flowable]:
    styles = make_styles()
    amount = 80.0
    listed: list[list[str]] = []
    withheld = 0
    for change in ("added", "removed", "changed"):
        for line in lines[change]:
            if pack.redact and line["category"] == PEOPLE_CATEGORY:
                withheld += 1
                continue
            a, b = line.get("a", "0"), line.get("b", "0")
            delta = str(Decimal(b) - Decimal(a))
            listed.append(
                [
                    line["name"],
                    change,
                    pack.label(line["category"]),
                    pack.money(_minor(pack, a)) if "a" in line else "",
                    pack.money(_minor(pack, b)) if "b" in line else "",
                    _signed(pack, delta),
                ]
            )
    out: list[Flowable] = []
    if listed:
        cols = [
            Column("Line", w - 3 * amount - 50 - 110),
            Column("Change", 50),
            Column("Category", 110),
            Column("a", amount, True),
            Column("b", amount, True),
            Column("Delta", amount, True),
        ]
        out.append(simple_table(cols, listed))
    else:
        out.append(text("No line differs from the baseline.", styles.body))
    if withheld:
        out.append(
            text(f"{withheld} people-cost line(s) withheld (salaries redacted).", styles.note)
        )
    return out


def _monthly_chart(
    pack: Pack, by_month: Mapping[str, Mapping[str, str]], total_width: float, height: float
) -> Drawing:
    months = [int(k[:4]) * 12 + int(k[5:7]) - 1 for k in by_month]
    deltas = [_minor(pack, v["delta"]) for v in by_month.values()]
    drawing = _drawing(total_width, height)
    if not months:
        return drawing
    axis = Axis.spanning(min(deltas), max(deltas))
    plot = Plot(52, 34, total_width - 60, height - 34 - 20)
    group = Group()
    _value_axis(group, axis, plot, pack.budget.digits, f"{pack.currency}, b − a")
    slot = plot.width / len(months)
    zero = axis.at(0, plot.bottom, plot.height)
    for i, delta in enumerate(deltas):
        if not delta:
            continue
        y = axis.at(delta, plot.bottom, plot.height)
        group.add(
            Rect(
                plot.left + slot * (i + 0.15),
                min(y, zero),
                slot * 0.7,
                abs(y - zero),
                fillColor=ACCENT if delta > 0 else LESS,
                strokeColor=None,
            )
        )
    _month_axis(group, months, plot)
    entries = [(ACCENT, "Costs more than the baseline"), (LESS, "Costs less than the baseline")]
    _legend(group, entries, plot.left, height - 10, plot.width)
    drawing.add(group)
    return drawing
