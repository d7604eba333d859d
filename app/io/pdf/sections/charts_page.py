"""The charts page: monthly cost by category, cumulative spend, category shares."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from app.io.pdf import charts
from app.io.pdf.flow import heading
from app.io.pdf.pack import Pack
from app.io.pdf.styles import make_styles


def flowables(pack: Pack) -> list[Flowable]:
    styles = make_styles()
    w = pack.page.frame_width
    return [
        *heading("Charts", styles.h1),
        *heading("Monthly cost by category", styles.h2, 1),
        charts.monthly_by_category(pack, w, 250),
        Spacer(1, 4),
        *heading("Cumulative spend", styles.h2, 1),
        charts.cumulative(pack, w, 175),
        Spacer(1, 4),
        *heading("Share of the subtotal by category", styles.h2, 1),
        charts.category_shares(pack, w, 150),
    ]
