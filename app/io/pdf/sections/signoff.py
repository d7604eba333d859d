"""The sign-off block: who prepared, reviewed and approved the budget, and when."""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Table, TableStyle

from app.io.pdf.flow import heading, text
from app.io.pdf.fonts import SANS, SANS_BOLD
from app.io.pdf.pack import Pack
from app.io.pdf.styles import HEADER_FILL, INK, MUTED, make_styles

ROLES = ("Prepared by", "Reviewed by", "Approved by")


def flowables(pack: Pack) -> list[Flowable]:
    styles = make_styles()
    w = pack.page.frame_width
    widths = [80.0, (w - 160) * 0.45, (w - 160) * 0.55, 80.0]
    rows = [["", "Name and role", "Signature", "Date"]]
    rows += [[role, "", "", ""] for role in ROLES]
    table = Table(rows, colWidths=widths, rowHeights=[16, 38, 38, 38], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), SANS, 8.5),
                ("FONT", (0, 0), (-1, 0), SANS_BOLD, 8),
                ("FONT", (0, 1), (0, -1), SANS_BOLD, 8.5),
                ("TEXTCOLOR", (0, 0), (-1, -1), INK),
                ("TEXTCOLOR", (1, 0), (-1, 0), MUTED),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("GRID", (0, 0), (-1, -1), 0.5, MUTED),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    total = pack.headline(pack.totals.total, code=True)
    budget = f"the budget of {total}" if pack.redaction.pool_safe else "the budget"
    intro = text(
        f"Signing confirms {budget} (contingency included) as printed in this pack of "
        f"{pack.generated.isoformat()}.",
        styles.body,
    )
    return [CondPageBreak(220), KeepTogether([*heading("Sign-off", styles.h1), intro, table])]
