"""The assumptions behind the figures: the plan's settings, its exchange rates and every
catalogue price the lines use, with its source and as-of date, uncertain ones flagged."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Flowable

from app.domain.plan import Line
from app.domain.price_book import is_stale
from app.engine.contracted import yearly_rounding
from app.io.pdf.flow import heading, text
from app.io.pdf.numbers import span
from app.io.pdf.pack import Pack
from app.io.pdf.sections.cover import CAPEX_WORDS
from app.io.pdf.styles import UNCERTAIN, make_styles
from app.io.pdf.tables import Column, PagedTable, make_row


@dataclass(frozen=True)
class _Used:
    """One catalogue price as the lines copied it (a line keeps its own copy)."""

    ref: str
    price: str
    as_of: str


STALE = "stale"
"""The word under an as-of date the planner's threshold calls old."""


def flowables(pack: Pack) -> list[Flowable]:
    styles = make_styles()
    plan = pack.snapshot.plan
    totals = pack.totals
    story: list[Flowable] = [*heading("Assumptions", styles.h1)]
    story += heading("Plan settings", styles.h2, 1)
    flagged = len(pack.budget.flagged)
    by_the_year = _by_the_year(pack)
    currency = (
        f"{plan.currency}, amounts in its minor unit, rounded half-up once per line and month; "
        "every total adds those months"
    )
    if by_the_year:
        currency += (
            ", so a price by the year can come to a few cents more or less than contracted "
            "(see Prices by the year)"
        )
    settings = [
        ["Currency", currency],
        ["Horizon", span(plan.start, plan.end)],
        [
            "Contingency",
            f"{plan.contingency_pct} % of the subtotal ({pack.headline(totals.subtotal, True)}) "
            f"= {pack.headline(totals.contingency, True)}",
        ],
        ["Capital spend", CAPEX_WORDS[plan.capex_view.value]],
        ["Outside the horizon", f"{flagged} line(s); their costs still count"],
    ]
    w = pack.page.frame_width
    cols = [Column("Setting", 110), Column("Value", w - 110)]
    story.append(PagedTable(cols, [make_row(r, cols) for r in settings]))
    story += by_the_year
    story += _rates(pack)
    if plan.notes:
        story += heading("Plan notes", styles.h2, 1)
        story.append(text(plan.notes, styles.body))
    story += heading("Catalogue prices used", styles.h2, 1)
    story += _prices(pack)
    return story


def _rates(pack: Pack) -> list[Flowable]:
    """The plan's fixed exchange rates with their sources and dates, and the lines using each."""
    plan = pack.snapshot.plan
    if not plan.fx_rates:
        return []
    styles = make_styles()
    using: defaultdict[str, int] = defaultdict(int)
    for line in pack.snapshot.lines:
        if line.currency is not None:
            using[line.currency] += 1
    w = pack.page.frame_width
    cols = [
        Column("Currency", 60),
        Column(f"{plan.currency} per unit", 90, numeric=True),
        Column("Source", w - 60 - 90 - 60 - 40),
        Column("As of", 60),
        Column("Lines", 40, numeric=True),
    ]
    rows = [
        make_row(
            [
                r.currency,
                r.rate,
                r.source or "no source given",
                r.as_of.isoformat() if r.as_of else "",
                str(using[r.currency]),
            ],
            cols,
        )
        for r in plan.fx_rates
    ]
    note = (
        f"Lines priced in another currency are worked out in it, multiplied by its fixed rate "
        f"and rounded once to the {plan.currency} minor unit; every figure in this pack is in "
        f"{plan.currency}."
    )
    return [
        *heading("Exchange rates", styles.h2, 1),
        PagedTable(cols, rows),
        text(note, styles.note),
    ]


def _by_the_year(pack: Pack) -> list[Flowable]:
    """Lines priced by the year that run a whole year or more: the contracted yearly
    figure next to its twelve rounded months (see :mod:`app.engine.contracted`)."""
    digits = pack.budget.digits
    rows = []
    for line in pack.snapshot.lines:
        rounding = None if pack.withheld(line) else yearly_rounding(line, digits)
        if rounding is None or pack.budget.cells[line.id or 0].amounts.count(rounding.month) < 12:
            continue
        rows.append(
            [
                line.name,
                pack.money(rounding.contracted),
                pack.money(rounding.month),
                pack.money(rounding.months),
                pack.money(rounding.difference),
            ]
        )
    if not rows:
        return []
    styles = make_styles()
    amount = pack.amount_room(70.0)
    w = pack.page.frame_width
    cols = [
        Column("Line", w - 4 * amount),
        Column("Contracted", amount, numeric=True),
        Column("Month", amount, numeric=True),
        Column("12 months", amount, numeric=True),
        Column("Difference", amount, numeric=True),
    ]
    note = (
        "Contracted: the yearly price as agreed; Month: a month of it, rounded to the cent "
        "once, as every cell is; 12 months: a full year as the budget adds it. Every total "
        "adds months, so it can differ from the contracted figure by a few cents (at most "
        "half a cent a month)."
    )
    if digits != 2:
        note = note.replace("the cent", "the currency's minor unit").replace(
            "half a cent", "half a minor unit"
        )
    return [
        *heading("Prices by the year", styles.h2, 1),
        PagedTable(cols, [make_row(r, cols) for r in rows]),
        text(note, styles.note),
    ]


def _prices(pack: Pack) -> list[Flowable]:
    styles = make_styles()
    used: dict[_Used, list[Line]] = defaultdict(list)
    estimates = 0
    for line in pack.snapshot.lines:
        if line.catalogue_ref:
            as_of = line.catalogue_as_of.isoformat() if line.catalogue_as_of else ""
            used[_Used(line.catalogue_ref, line.catalogue_price or "", as_of)].append(line)
        else:
            estimates += 1
    w = pack.page.frame_width
    cols = [
        Column("Price", w - 330),
        Column("Unit price", 70, numeric=True),
        Column("As of", 50),
        Column("Source", 170),
        Column("Lines", 40, numeric=True),
    ]
    rows = []
    uncertain = 0
    stale = 0
    pay = 0

    def order(u: _Used) -> tuple[str, str, str, str]:
        entry = pack.catalogue.get(u.ref)
        return ((entry.name if entry else u.ref).casefold(), u.ref, u.as_of, u.price)

    for key in sorted(used, key=order):
        lines = used[key]
        if any(pack.withheld(ln) for ln in lines):
            # A pay rate, its name or its source's wording would give a salary away
            # (the shipped catalogue says what each named rate is).
            pay += 1
            continue
        entry = pack.catalogue.get(key.ref)
        name = entry.name if entry else key.ref
        unit = f" per {entry.unit}" if entry and entry.unit else ""
        source = entry.source if entry else "no longer in the catalogue"
        price = f"{entry.currency} {key.price}" if entry else key.price
        mark = ""
        if entry and entry.uncertain:
            mark = f" {UNCERTAIN}"
            uncertain += 1
        if entry and entry.price != key.price:
            source += f" (catalogue now {entry.price})"
        as_of = key.as_of
        if key.as_of and is_stale(date.fromisoformat(key.as_of), pack.generated, pack.stale_months):
            as_of += f"\n{STALE}"
            stale += 1
        rows.append(
            make_row(
                [f"{name}{mark}\n{key.ref}{unit}", price, as_of, source, str(len(lines))], cols
            )
        )
    story: list[Flowable] = []
    if rows:
        story.append(PagedTable(cols, rows))
    notes = [
        f"{len(rows) + pay} catalogue price(s) used; {estimates} line(s) carry the planner's "
        "own estimate.",
        "Prices are as copied into the lines; a later catalogue change never alters this budget.",
    ]
    if uncertain:
        notes.append(
            f"{UNCERTAIN} {uncertain} price(s) the catalogue marks uncertain: check them before relying "
            "on the figures that use them."
        )
    if stale:
        notes.append(
            f"{STALE}: {stale} price(s) copied {pack.stale_months} months or more before "
            f"{pack.generated}; check them or reprice from a newer price book."
        )
    if pay:
        notes.append(
            f"{pay} price(s) used by people-cost lines are withheld: name, rate and source."
        )
    story += [text(n, styles.note) for n in notes]
    return story
