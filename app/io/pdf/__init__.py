"""PDF budget packs: what gets printed, signed and circulated.

A pack is a cover, an executive summary, charts, a timeline, a section per
category, the assumptions and a sign-off block, in that order (a planner may leave
sections out). Every amount is the engine's, to the cent; every font is shipped and
embedded. The file is written whole or not at all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.platypus import Flowable, PageBreak

from app.domain.errors import BadInput
from app.domain.plan import CatalogueEntry, PlanSnapshot
from app.domain.price_book import STALE_MONTHS
from app.domain.taxonomy import Taxonomy, standard_taxonomy
from app.engine.variance import Variance
from app.io.atomic import write_atomically
from app.io.pdf import page
from app.io.pdf.pack import Pack, Page
from app.io.pdf.sections import (
    assumptions,
    categories,
    charts_page,
    comparison,
    compute,
    cover,
    risk,
    signoff,
    summary,
    timeline,
)
from app.io.pdf.sections import variance as variance_page

SECTIONS: tuple[str, ...] = (
    "cover",
    "summary",
    "charts",
    "timeline",
    "categories",
    "assumptions",
    "compute",
    "risk",
    "signoff",
)
PAPERS: dict[str, tuple[float, float]] = {"a4": A4, "letter": LETTER}

_BUILDERS: dict[str, Callable[[Pack], list[Flowable]]] = {
    "cover": cover.flowables,
    "summary": summary.flowables,
    "charts": charts_page.flowables,
    "timeline": timeline.flowables,
    "compute": compute.flowables,
    "categories": categories.flowables,
    "assumptions": assumptions.flowables,
    "risk": risk.flowables,
    "signoff": signoff.flowables,
    "comparison": comparison.flowables,
}
_FLOWS_ON = ("signoff",)
"""Sections that continue on the page before them when there is room."""


def write_pack(
    snapshot: PlanSnapshot,
    catalogue: Sequence[CatalogueEntry],
    path: Path,
    *,
    paper: str = "a4",
    sections: Sequence[str] | None = None,
    redact_salaries: bool = False,
    taxonomy: Taxonomy | None = None,
    generated: date | None = None,
    comparison: Mapping[str, Any] | None = None,
    stale_months: int = STALE_MONTHS,
    variance: Variance | None = None,
) -> None:
    """Write the plan's budget pack to ``path`` (replacing it only once it is complete).

    ``taxonomy`` gives the labels of the planner's own items; ``generated`` the date
    printed on every page (today by default); ``comparison`` (the ``compare`` object
    against a baseline) adds a comparison page after the summary; prices copied
    ``stale_months`` or more before it are marked stale on the assumptions page;
    ``variance`` adds the budget-vs-actual page (before the sign-off).
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path()
    if not folder.is_dir():
        raise BadInput(f"{path}: the folder {folder} does not exist")
    data = render_pack(
        snapshot,
        catalogue,
        paper=paper,
        sections=sections,
        redact_salaries=redact_salaries,
        taxonomy=taxonomy,
        generated=generated,
        comparison=comparison,
        stale_months=stale_months,
        variance=variance,
    )
    write_atomically(path, data)


def render_pack(
    snapshot: PlanSnapshot,
    catalogue: Sequence[CatalogueEntry],
    *,
    paper: str = "a4",
    sections: Sequence[str] | None = None,
    redact_salaries: bool = False,
    taxonomy: Taxonomy | None = None,
    generated: date | None = None,
    comparison: Mapping[str, Any] | None = None,
    stale_months: int = STALE_MONTHS,
    variance: Variance | None = None,
) -> bytes:
    """The pack as PDF bytes (what :func:`write_pack` writes)."""
    chosen = _chosen(sections)
    if paper not in PAPERS:
        raise BadInput(f"paper: unknown paper {paper!r} (known: {', '.join(PAPERS)})")
    pack = Pack(
        snapshot=with_line_ids(snapshot),
        catalogue={entry.key: entry for entry in catalogue},
        taxonomy=taxonomy or standard_taxonomy(),
        page=Page(PAPERS[paper]),
        generated=generated or date.today(),
        redact=redact_salaries,
        comparison=comparison,
        stale_months=stale_months,
    )
    if comparison is not None:
        after = [i + 1 for i, name in enumerate(chosen) if name in ("cover", "summary")]
        chosen.insert(max(after, default=0), "comparison")
    story: list[Flowable] = []
    for name in chosen:
        if name == "signoff" and variance is not None:  # the page comes before the sign-off
            story += [PageBreak()] if story else []
            story += variance_page.flowables(pack, variance)
            variance = None
        if story and name not in _FLOWS_ON:
            story.append(PageBreak())
        story += _BUILDERS[name](pack)
    if variance is not None:
        story += [PageBreak()] if story else []
        story += variance_page.flowables(pack, variance)
    return page.render(pack, story)


def _chosen(sections: Sequence[str] | None) -> list[str]:
    if sections is None:
        return list(SECTIONS)
    unknown = [s for s in sections if s not in SECTIONS]
    if unknown:
        raise BadInput(f"sections: unknown section {unknown[0]!r} (known: {', '.join(SECTIONS)})")
    if not sections:
        raise BadInput(f"sections: name at least one of {', '.join(SECTIONS)}")
    return [s for s in SECTIONS if s in sections]


def with_line_ids(snapshot: PlanSnapshot) -> PlanSnapshot:
    """A plan read from a file has no line ids yet; the engine keys its cells by id."""
    if all(line.id is not None for line in snapshot.lines):
        return snapshot
    lines = tuple(replace(line, id=index) for index, line in enumerate(snapshot.lines, start=1))
    return replace(snapshot, lines=lines)
