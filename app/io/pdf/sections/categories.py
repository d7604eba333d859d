"""A section per category: every line with its drivers, dates, monthly rate and total,
grouped by section with section totals.

With redaction, people costs (the human category, staff lines anywhere) are left
out of the rows, and a section or category total that holds any of them is
withheld too: with the other lines printed whole, it would give their pay away
(see :mod:`app.io.pdf.redaction`).
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, Spacer

from app.domain.cost_models import LABELS
from app.domain.plan import CostModel, Line
from app.domain.taxonomy import CATEGORY_KEYS
from app.io.pdf.flow import heading, text
from app.io.pdf.numbers import day, driver_text
from app.io.pdf.pack import Pack
from app.io.pdf.redaction import WITHHELD
from app.io.pdf.styles import UNCERTAIN, make_styles
from app.io.pdf.tables import Column, PagedTable, Row, make_row

FIXED = {"model": 50.0, "start": 51.0, "end": 51.0, "rate": 62.0, "total": 64.0}


def columns(pack: Pack) -> list[Column]:
    """The line table's columns: amounts as wide as the plan's largest figure needs,
    the width left shared between name and drivers."""
    rate = pack.amount_room(FIXED["rate"])
    total = pack.amount_room(FIXED["total"])
    fixed = FIXED["model"] + FIXED["start"] + FIXED["end"] + rate + total
    free = pack.page.frame_width - fixed
    name = round(free * 0.56)
    return [
        Column("Line", name),
        Column("Model", FIXED["model"]),
        Column("Drivers", free - name),
        Column("Start", FIXED["start"]),
        Column("End", FIXED["end"]),
        Column("Monthly rate", rate, numeric=True),
        Column(f"Total ({pack.currency})", total, numeric=True),
    ]


def line_cells(pack: Pack, line: Line) -> list[str]:
    """One line as the table shows it (also what the benchmark lays out bare)."""
    about = pack.label(line.category, line.section, line.item)
    if line.vendor:
        about += f" · {line.vendor}"
    assert line.id is not None
    if line.id in pack.budget.flagged:
        about += " · outside the horizon"
    rate = pack.monthly_rate(line)
    return [
        f"{line.name}\n{about}",
        LABELS[CostModel(line.cost_model)],
        driver_text(line) + pack.flag(line),
        day(line.start),
        day(line.end),
        "–" if rate is None else pack.money(rate),
        pack.money(pack.total_of(line)),
    ]


def category_rows(pack: Pack, category: str, cols: Sequence[Column]) -> list[Row]:
    totals = pack.totals
    lines = pack.lines_by_category[category]
    rows: list[Row] = []
    sections = list(pack.taxonomy.category(category).sections)
    for section in sections:
        members = [ln for ln in lines if ln.section == section.key]
        if not members:
            continue
        rows.append(make_row([section.label], cols, "group"))
        shown = [ln for ln in members if not pack.withheld(ln)]
        rows += [make_row(line_cells(pack, ln), cols) for ln in shown]
        hidden = len(members) - len(shown)
        if hidden:
            rows.append(
                make_row(
                    [
                        f"{hidden} people-cost line(s) withheld; their cost is in the "
                        "executive summary's People costs figure."
                    ],
                    cols,
                    "note",
                )
            )
        amount = totals.by_section.get((category, section.key), 0)
        shown_total = WITHHELD if hidden else pack.money(amount)
        rows.append(_total_row(f"{section.label}: section total", shown_total, cols))
    amount = totals.by_category[category]
    withheld = any(pack.withheld(ln) for ln in lines)
    shown_total = WITHHELD if withheld else pack.money(amount)
    rows.append(_total_row(f"{pack.label(category)}: category total", shown_total, cols))
    return rows


def _total_row(label: str, amount: str, cols: Sequence[Column]) -> Row:
    return make_row([label, *[""] * (len(cols) - 2), amount], cols, "total")


def _about(pack: Pack, amount: int, lines: Sequence[Line]) -> str:
    """The line under a category's heading: its total, share and count of lines."""
    hidden = sum(1 for ln in lines if pack.withheld(ln))
    if not hidden:
        part = pack.share(amount)
        of = f" · {part} of the subtotal" if part else ""
        return f"{pack.with_code(amount)}{of} · {len(lines)} line(s)"
    if hidden == len(lines):
        return f"{len(lines)} line(s), all people costs: withheld"
    return f"Total withheld · {len(lines)} line(s), {hidden} of them people costs (withheld)"


def flowables(pack: Pack) -> list[Flowable]:
    styles = make_styles()
    totals = pack.totals
    cols = columns(pack)
    story: list[Flowable] = [*heading("Cost by category", styles.h1)]
    legend = (
        "Drivers are shown exactly as entered. Monthly rate: the cost of a full month while "
        "the line runs (volume lines: their first month; amortized purchases: the first "
        f"month's share); – for one-off and spread costs. {UNCERTAIN} marks a catalogue price "
        "the catalogue calls uncertain (see Assumptions)."
    )
    if pack.redact:
        legend += (
            " People costs are withheld, and so is every section and category total that "
            "holds any: they appear only pooled, in the executive summary."
        )
    story.append(text(legend, styles.note))
    for category in CATEGORY_KEYS:
        amount = totals.by_category[category]
        lines = pack.lines_by_category[category]
        story += heading(pack.label(category), styles.h2, 1, room=110)
        story.append(text(_about(pack, amount, lines), styles.body))
        if lines:
            story.append(PagedTable(cols, category_rows(pack, category, cols)))
        story.append(Spacer(1, 6))
    return story
