"""Monte Carlo risk on a 10,000-line, 60-month plan with every line ranged.

Target (issue 12): `budgetwright risk` with 10,000 runs in <= 3 s, start-up included,
and <= 400 MB peak memory. Also prints the simulation alone, in-process.
"""

from __future__ import annotations

import resource
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.domain.money import from_minor
from app.domain.plan import PlanSnapshot
from app.engine.budget import Budget
from app.engine.risk import Dist, simulate
from benchmarks.bench_core import child
from benchmarks.large_plan import large_plan


def ranged_plan(count: int = 10_000) -> PlanSnapshot:
    """:func:`large_plan` with every line ranged: low 80 % to 100 %, high 100 % to 200 %
    of its total (a mix of skews)."""
    snapshot = large_plan(count)
    lines = [replace(line, id=i + 1) for i, line in enumerate(snapshot.lines)]
    budget = Budget(snapshot.plan, lines)
    ranged = []
    for index, line in enumerate(lines):
        assert line.id is not None
        total = from_minor(budget.line_total(line.id), budget.digits)
        low = (total * Decimal(80 + index % 21) / 100).quantize(Decimal("0.01"), "ROUND_FLOOR")
        high = (total * Decimal(100 + index % 101) / 100).quantize(Decimal("0.01"), "ROUND_CEILING")
        ranged.append(replace(line, id=None, low_estimate=str(low), high_estimate=str(high)))
    return replace(snapshot, lines=tuple(ranged))


def main() -> None:
    from app.services.plan_commands import ImportPlan
    from app.services.workspace import Workspace

    snapshot = ranged_plan()
    in_process = []
    for dist in (Dist.PERT, Dist.TRIANGULAR):
        for _ in range(2):
            started = time.perf_counter()
            simulate(snapshot, runs=10_000, seed=1, dist=dist)
            in_process.append((dist, time.perf_counter() - started))
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "risk.db"
        workspace = Workspace.open(db)
        workspace.apply(ImportPlan(snapshot, workspace.taxonomy()))
        workspace.close()
        runs = [child(["--db", str(db), "risk", "Large plan", "--json"]) for _ in range(3)]
        summaries = [child(["--db", str(db), "summary", "Large plan"]) for _ in range(3)]
        big = child(["--db", str(db), "risk", "Large plan", "--json", "--runs", "100000"])
    print(f"plan: {len(snapshot.lines):,} lines, every one ranged; 10,000 runs")
    for dist in Dist:
        times = [t for d, t in in_process if d is dist]
        print(
            f"simulate ({dist}, in-process, plan costs included): {min(times):6.2f} s  (median {statistics.median(times):.2f})"
        )
    wall = min(w for w, _ in runs)
    print(
        f"risk CLI:        {wall:6.2f} s  (target <= 3 s, start-up included), peak {max(p for _, p in runs):.0f} MB (target <= 400 MB)"
    )
    print(
        f"summary CLI:     {min(summaries)[0]:6.2f} s  (the same start-up and plan loading, for comparison)"
    )
    print(f"risk 100,000 runs: {big[0]:6.2f} s, peak {big[1]:.0f} MB (memory stays bounded)")
    print(f"this process peak: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
