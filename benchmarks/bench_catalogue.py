"""``catalogue diff`` and ``reprice --dry-run`` on a 10,000-line plan, start-up included.

Targets (issue 16): each <= 1.5 s wall, start-up included. Every line with a
``unit_cost`` copies its price from one of 60 catalogue entries; a newer price book
then changes a third of those entries, so about a third of the priced lines differ.
Prints figures against the targets (CPU seconds too: the fairer figure on a busy machine).
"""

from __future__ import annotations

import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.domain.plan import CatalogueEntry, Line
from app.services.plan_commands import ImportPlan
from app.services.price_book import ImportPriceBook
from app.services.reprice import preview
from app.services.workspace import Workspace
from benchmarks.bench_compare import child
from benchmarks.large_plan import large_plan

ENTRIES = 60
COPIED = date(2026, 1, 15)


def _entries(day: date, bump: int = 0) -> list[CatalogueEntry]:
    """60 hourly prices; with ``bump``, every third one costs ``bump`` cents more."""
    return [
        CatalogueEntry(
            None,
            f"bench_price_{k}",
            "accelerator_rental",
            f"Bench price {k}",
            "hour",
            f"{1 + k / 10 + (bump / 100 if k % 3 == 0 else 0):.2f}",
            "USD",
            "Benchmark: generated price list, https://example.org/prices",
            day,
            driver="unit_cost",
        )
        for k in range(ENTRIES)
    ]


def priced_plan() -> tuple[object, int]:
    """The large plan with every unit_cost line priced from the catalogue."""
    snapshot = large_plan()
    prices = _entries(COPIED)
    lines: list[Line] = []
    priced = 0
    for index, line in enumerate(snapshot.lines):
        if "unit_cost" in line.drivers:
            entry = prices[index % ENTRIES]
            line = replace(
                line,
                drivers={**line.drivers, "unit_cost": entry.price},
                catalogue_ref=entry.key,
                catalogue_price=entry.price,
                catalogue_as_of=entry.as_of,
                catalogue_currency=entry.currency,
            )
            priced += 1
        lines.append(line)
    return replace(snapshot, lines=tuple(lines)), priced


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        workspace = Workspace.open(db)
        snapshot, priced = priced_plan()
        workspace.apply(ImportPriceBook(_entries(COPIED), "bench-january.csv"))
        command = ImportPlan(snapshot, workspace.taxonomy())  # type: ignore[arg-type]
        workspace.apply(command)
        workspace.apply(ImportPriceBook(_entries(date(2026, 11, 15), bump=25), "bench-nov.csv"))
        assert command.plan_id is not None
        stored = workspace.snapshot(command.plan_id)
        catalogue = workspace.catalogue()
        inside = []
        for _ in range(3):
            started = time.perf_counter()
            found = preview(stored, catalogue)
            inside.append(time.perf_counter() - started)
        workspace.close()

        base = ["--db", str(db)]
        diffs = [child([*base, "catalogue", "diff", "Large plan", "--json"]) for _ in range(3)]
        dry = [child([*base, "reprice", "Large plan", "--dry-run", "--json"]) for _ in range(3)]
        summaries = [child([*base, "summary", "Large plan", "--json"]) for _ in range(3)]
    print(
        f"plan: 10,000 lines, {priced:,} priced from {ENTRIES} catalogue entries; "
        f"{len(found.changes):,} lines differ from the newer price book"
    )
    print(f"reprice preview in process (engine included): {min(inside):6.2f} s")
    for label, runs in (
        ("catalogue diff --json CLI:      ", diffs),
        ("reprice --dry-run --json CLI:   ", dry),
        ("summary --json CLI (for scale): ", summaries),
    ):
        wall, peak, _ = min(runs)
        print(
            f"{label} {wall:6.2f} s wall, {min(r[2] for r in runs):5.2f} s CPU "
            f"(target <= 1.5 s, start-up included), peak {peak:.0f} MB"
        )


if __name__ == "__main__":
    main()
