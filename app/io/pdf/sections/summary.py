"""The executive summary: the three headline figures, then the subtotal cut by
category, by year and by phase, and the ten costliest lines."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from app.domain.money import share
from app.domain.taxonomy import CATEGORY_KEYS
from app.io.pdf.flow import heading, text
from app.io.pdf.numbers import span
from app.io.pdf.pack import Pack
from app.io.pdf.styles import UNCERTAIN, make_styles
from app.io.pdf.tables import Column, simple_table

TOP = 10


def flowables(pack: Pack) -> list[Flowable]:
    styles = make_styles()
    totals = pack.totals
    code = pack.currency
    w = pack.page.frame_width
    amount, pct = pack.amount_room(90.0), 55.0
    story: list[Flowable] = [*heading("Executive summary", styles.h1)]

    plan = pack.snapshot.plan
    story.append(
        simple_table(
            [Column("Budget", w - amount - pct), Column(code, amount, True), Column("", pct)],
            [
                ["Subtotal", pack.money(totals.subtotal), ""],
                [
                    f"Contingency ({plan.contingency_pct} % of the subtotal)",
                    pack.money(totals.contingency),
                    "",
                ],
                ["Total", pack.money(totals.total), ""],
            ],
            total_rows=1,
        )
    )

    story += heading("By category", styles.h2, 1)
    by_category = [(pack.label(c), totals.by_category[c]) for c in CATEGORY_KEYS]
    story.append(_share_table(pack, "Category", by_category, amount, pct))

    story += heading("By year", styles.h2, 1)
    by_year = [(str(y), a) for y, a in totals.by_year.items()]
    story.append(_share_table(pack, "Year", by_year, amount, pct))

    story += heading("By phase", styles.h2, 1)
    story.append(_phases(pack, amount, pct))

    story += heading(f"The {TOP} costliest lines", styles.h2, 1)
    story += _costliest(pack, amount, pct)
    flagged = len(pack.budget.flagged)
    if flagged:
        story.append(Spacer(1, 4))
        story.append(
            text(
                f"{flagged} line(s) run outside the plan's horizon; their costs are counted "
                "in every total and marked in the category tables.",
                styles.note,
            )
        )
    return story


def _share_table(
    pack: Pack, title: str, parts: list[tuple[str, int]], amount: float, pct: float
) -> Flowable:
    """Parts of the subtotal with their amounts and shares, and the subtotal below."""
    subtotal = pack.totals.subtotal
    rows = [[name, pack.money(value), share(value, subtotal)] for name, value in parts]
    rows.append(["Subtotal", pack.money(subtotal), share(subtotal, subtotal)])
    cols = [
        Column(title, pack.page.frame_width - amount - pct),
        Column(pack.currency, amount, True),
        Column("Share", pct, True),
    ]
    return simple_table(cols, rows, total_rows=1)


def _phases(pack: Pack, amount: float, pct: float) -> Flowable:
    totals = pack.totals
    dates = 120.0
    rows = []
    for phase in pack.snapshot.phases:
        value = totals.by_phase.get(phase.id, 0)
        name = phase.name + (" (milestone)" if phase.milestone else "")
        rows.append(
            [name, span(phase.start, phase.end), pack.money(value), share(value, totals.subtotal)]
        )
    unphased = totals.by_phase.get(None, 0)
    if unphased or not rows:
        rows.append(
            ["Not tied to a phase", "", pack.money(unphased), share(unphased, totals.subtotal)]
        )
    rows.append(
        ["Subtotal", "", pack.money(totals.subtotal), share(totals.subtotal, totals.subtotal)]
    )
    w = pack.page.frame_width
    cols = [
        Column("Phase", w - dates - amount - pct),
        Column("Dates", dates),
        Column(pack.currency, amount, True),
        Column("Share", pct, True),
    ]
    return simple_table(cols, rows, total_rows=1)


def _costliest(pack: Pack, amount: float, pct: float) -> list[Flowable]:
    styles = make_styles()
    totals = pack.totals
    shown = [line for line in pack.snapshot.lines if not pack.withheld(line)]
    shown.sort(key=lambda ln: (-pack.total_of(ln), ln.position, ln.id or 0))
    rows = []
    for rank, line in enumerate(shown[:TOP], start=1):
        value = pack.total_of(line)
        rows.append(
            [
                str(rank),
                line.name + pack.flag(line),
                pack.label(line.category),
                pack.money(value),
                share(value, totals.subtotal),
            ]
        )
    w = pack.page.frame_width
    category = 125.0
    cols = [
        Column("#", 20),
        Column("Line", w - 20 - category - amount - pct),
        Column("Category", category),
        Column(pack.currency, amount, True),
        Column("Share", pct, True),
    ]
    story: list[Flowable] = [simple_table(cols, rows)]
    notes = []
    if any(pack.uncertain(line) for line in shown[:TOP]):
        notes.append(f"{UNCERTAIN} uses a catalogue price marked uncertain (see Assumptions).")
    if pack.redact:
        notes.append("People costs are withheld from this list; they are in the totals above.")
    story += [text(n, styles.note) for n in notes]
    return story
