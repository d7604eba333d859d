"""The executive summary: the three headline figures, then the subtotal cut by
category, by year and by phase, and the ten costliest lines."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from app.domain.taxonomy import CATEGORY_KEYS
from app.io.pdf.flow import heading, text
from app.io.pdf.numbers import span
from app.io.pdf.pack import PEOPLE_CATEGORY, Pack
from app.io.pdf.redaction import PEOPLE
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
                ["Subtotal", pack.headline(totals.subtotal), ""],
                [
                    f"Contingency ({plan.contingency_pct} % of the subtotal)",
                    pack.headline(totals.contingency),
                    "",
                ],
                ["Total", pack.headline(totals.total), ""],
            ],
            total_rows=1,
        )
    )

    story += heading("By category", styles.h2, 1)
    story.append(_share_table(pack, "Category", _by_category(pack), amount, pct))

    story += heading("By year", styles.h2, 1)
    story.append(_share_table(pack, "Year", _by_year(pack), amount, pct))

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


Part = tuple[str, str, str]
"""A row of a breakdown: its name, amount and share of the subtotal, as printed."""


def _part(pack: Pack, name: str, value: int) -> Part:
    return (name, pack.money(value), pack.share(value))


def _people(pack: Pack, name: str) -> Part:
    """The pool of people costs as one row of a breakdown."""
    pool = pack.redaction.people
    return (name, pack.headline(pool), pack.share(pool) if pack.redaction.pool_safe else "")


def _by_category(pack: Pack) -> list[Part]:
    if not pack.redact:
        return [_part(pack, pack.label(c), pack.totals.by_category[c]) for c in CATEGORY_KEYS]
    parts = []
    for category in CATEGORY_KEYS:
        if category == PEOPLE_CATEGORY:
            parts.append(_people(pack, PEOPLE))
            continue
        name = pack.label(category)
        if any(pack.withheld(ln) for ln in pack.lines_by_category[category]):
            name += " (without its people costs)"
        parts.append(_part(pack, name, pack.shown.by_category[category]))
    return parts


def _by_year(pack: Pack) -> list[Part]:
    if not pack.redact or pack.redaction.years_safe:
        return [_part(pack, str(y), a) for y, a in pack.totals.by_year.items()]
    parts = [_part(pack, f"{y} without people costs", a) for y, a in pack.shown.by_year.items()]
    return [*parts, _people(pack, "People costs (all years)")]


def _share_table(pack: Pack, title: str, parts: list[Part], amount: float, pct: float) -> Flowable:
    """Parts of the subtotal with their amounts and shares, and the subtotal below."""
    subtotal = pack.totals.subtotal
    rows = [list(part) for part in parts]
    rows.append(["Subtotal", pack.headline(subtotal), pack.share(subtotal)])
    cols = [
        Column(title, pack.page.frame_width - amount - pct),
        Column(pack.currency, amount, True),
        Column("Share", pct, True),
    ]
    return simple_table(cols, rows, total_rows=1)


def _phases(pack: Pack, amount: float, pct: float) -> Flowable:
    totals = pack.shown
    dates = 120.0
    rows = []
    without = " without people costs" if pack.redact else ""
    for phase in pack.snapshot.phases:
        value = totals.by_phase.get(phase.id, 0)
        name = phase.name + (" (milestone)" if phase.milestone else "") + without
        rows.append([name, span(phase.start, phase.end), pack.money(value), pack.share(value)])
    unphased = totals.by_phase.get(None, 0)
    if unphased or not rows:
        rows.append(
            ["Not tied to a phase" + without, "", pack.money(unphased), pack.share(unphased)]
        )
    if pack.redact:
        label, figure, part = _people(pack, "People costs (all phases)")
        rows.append([label, "", figure, part])
    subtotal = pack.totals.subtotal
    rows.append(["Subtotal", "", pack.headline(subtotal), pack.share(subtotal)])
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
                pack.share(value),
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
        notes.append(
            "People costs are withheld from this list and from every category, year, phase "
            "and line figure; they are pooled in one People costs figure, so that no printed "
            "amount, nor the difference of two, is one person's pay."
        )
    story += [text(n, styles.note) for n in notes]
    return story
