"""``compare`` of two 10,000-line plans, start-up included. Prints figures against targets.

Targets (issue 11): ``budgetwright compare A B --json`` <= 1.5 s wall, start-up
included, and <= 300 MB peak. Side b is a scenario of side a with a tenth of its lines
edited, a hundred deleted and a hundred added; the same against a baseline.
"""

from __future__ import annotations

import resource
import sys
import tempfile
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.services import line_commands as lc
from app.services.versions import CreateScenario, save_baseline
from app.services.workspace import Workspace
from benchmarks.bench_core import child as run_child
from benchmarks.large_plan import store_large_plan


def child(args: list[str]) -> tuple[float, float, float]:
    """Wall seconds, peak MB and CPU seconds (user + system) of a fresh CLI process;
    on a busy machine CPU time is the fairer figure."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, peak = run_child(args)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, peak, cpu


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        plan_id = store_large_plan(db)
        workspace = Workspace.open(db)
        save_baseline(workspace, plan_id, "Approved v1")
        scenario = CreateScenario(plan_id, "Scenario")
        workspace.apply(scenario)
        assert scenario.plan_id is not None
        lines = workspace.snapshot(scenario.plan_id).lines
        edited = [
            replace(line, name=f"{line.name} (edited)", end=line.start)
            if line.cost_model.value in ("staff", "recurring", "usage")
            else replace(line, drivers={**line.drivers, "unit_cost": str(Decimal(line.drivers["unit_cost"]) + 1)})
            for line in lines[::10]
            if "unit_cost" in line.drivers or line.cost_model.value == "staff"
        ]  # fmt: skip
        workspace.apply(lc.EditLines(edited))
        workspace.apply(lc.DeleteLines([line.id or 0 for line in lines[5::100]]))
        added = [replace(line, id=None, name=f"New {line.name}") for line in lines[7:107]]
        workspace.apply(lc.AddLines(scenario.plan_id, added))
        workspace.apply(lc.EditLines(edited[:500]))  # the plan itself moves away too
        workspace.close()

        runs = [
            child(["--db", str(db), "compare", "Large plan", "Scenario", "--json"])
            for _ in range(3)
        ]
        summaries = [child(["--db", str(db), "summary", "Large plan", "--json"]) for _ in range(3)]
        against = [
            child(["--db", str(db), "compare", "Large plan", "--baseline", "Approved v1", "--json"])
            for _ in range(3)
        ]
    print(f"plans: 10,000 lines each; {len(edited):,} lines edited, 100 deleted, 100 added")
    for label, found in (
        ("compare A B CLI:       ", runs),
        ("compare --baseline CLI:", against),
        ("summary CLI (for scale):", summaries),
    ):
        wall, peak, _ = min(found)
        print(
            f"{label} {wall:6.2f} s wall, {min(f[2] for f in found):5.2f} s CPU "
            f"(target <= 1.5 s, start-up included), peak {peak:.0f} MB (target <= 300 MB)"
        )


if __name__ == "__main__":
    main()
