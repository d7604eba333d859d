"""The cover: what the plan is, its currency and horizon, the date and the total."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from app.io.pdf.flow import Bookmark, text
from app.io.pdf.fonts import SANS, SANS_BOLD
from app.io.pdf.numbers import span
from app.io.pdf.pack import Pack
from app.io.pdf.styles import ACCENT, MUTED, RULE, WARNING, make_styles

CAPEX_WORDS = {
    "cash": "cash (purchases count in the month bought)",
    "amortized": "amortized (purchases spread over their useful life)",
}


def flowables(pack: Pack) -> list[Flowable]:
    styles = make_styles()
    plan = pack.snapshot.plan
    totals = pack.totals
    months = (plan.end.year - plan.start.year) * 12 + plan.end.month - plan.start.month + 1
    story: list[Flowable] = [Bookmark("Cover"), Spacer(1, 60)]
    story.append(text("Budget pack", styles.subtitle))
    story.append(text(plan.name, styles.title))
    if plan.description:
        story.append(text(plan.description, styles.body))
    story.append(Spacer(1, 24))
    facts = [
        ("Currency", plan.currency),
        ("Horizon", f"{span(plan.start, plan.end)} ({months} months)"),
        ("Phases", str(len(pack.snapshot.phases))),
        ("Resource lines", str(len(pack.snapshot.lines))),
        ("Contingency", f"{plan.contingency_pct} %"),
        ("Capital spend", CAPEX_WORDS[plan.capex_view.value]),
        ("Generated", pack.generated.isoformat()),
    ]
    story.append(_facts_table(pack, facts))
    story.append(Spacer(1, 28))
    story.append(_total_box(pack, totals.subtotal, totals.contingency, totals.total))
    if pack.redact:
        story.append(Spacer(1, 18))
        note = text(
            "People costs are withheld: pay (the human category and every staff line) "
            "appears only pooled, in one People costs figure, never by line, section, "
            "category or phase"
            + (
                "."
                if pack.redaction.pool_safe
                else "; with one paid line in the plan, that figure and the totals that "
                "hold it would be one person's pay, so they are redacted."
            ),
            styles.body,
        )
        note.style = note.style.clone("withheld", textColor=WARNING)
        story.append(note)
    return story


def _facts_table(pack: Pack, facts: list[tuple[str, str]]) -> Table:
    styles = make_styles()
    rows = [[text(k, styles.cell), text(v, styles.body)] for k, v in facts]
    table = Table(rows, colWidths=[110, pack.page.frame_width - 110], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), SANS, 9),
                ("TEXTCOLOR", (0, 0), (0, -1), MUTED),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _total_box(pack: Pack, subtotal: int, contingency: int, total: int) -> Table:
    rows = [
        ["Subtotal", pack.headline(subtotal, code=True)],
        [
            f"Contingency ({pack.snapshot.plan.contingency_pct} %)",
            pack.headline(contingency, code=True),
        ],
        ["Total", pack.headline(total, code=True)],
    ]
    table = Table(rows, colWidths=[200, 200], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), SANS, 10, 14),
                ("FONT", (0, -1), (-1, -1), SANS_BOLD, 16, 22),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("TEXTCOLOR", (0, -1), (-1, -1), ACCENT),
                ("LINEABOVE", (0, -1), (-1, -1), 1, ACCENT),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f6f8fb")),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table
