"""Core hot paths on a 10,000-line, 60-month plan. Prints figures against the targets.

Targets (issue 2): full recompute <= 0.3 s; one-line edit recompute <= 5 ms;
`budgetwright summary` (start-up included) <= 1.5 s wall and <= 200 MB peak;
JSON import <= 3 s. Issue 10: the same with a third of the lines training runs or
serving; `budgetwright estimate` <= 0.5 s, start-up included.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.engine.budget import Budget
from app.io import plan_json
from benchmarks.large_plan import COMPUTE, large_plan


def best(times: list[float]) -> float:
    return min(times)


def child(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak MB of a fresh process running the CLI."""
    code = (
        "import resource, sys, time; from ui.launcher import main; "
        f"rc = main({args!r}); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); sys.exit(rc)"
    )
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    wall = time.perf_counter() - started
    return wall, int(done.stderr.strip().splitlines()[-1]) / 1024


def main() -> None:
    snapshot = large_plan()
    lines = [replace(line, id=i + 1) for i, line in enumerate(snapshot.lines)]
    full = []
    for _ in range(5):
        started = time.perf_counter()
        budget = Budget(snapshot.plan, lines)
        budget.totals()
        full.append(time.perf_counter() - started)
    cells = sum(len(c.amounts) for c in budget.cells.values())
    edits = []
    for i in range(200):
        line = lines[(i * 37) % len(lines)]
        edited = replace(line, name=f"{line.name}*")
        started = time.perf_counter()
        budget.update(changed=[edited])
        edits.append(time.perf_counter() - started)
    compute_edits = []
    compute_lines = [line for line in lines if line.cost_model in COMPUTE]
    for i in range(200):
        line = compute_lines[(i * 37) % len(compute_lines)]
        edited = replace(line, drivers={**line.drivers, "unit_cost": f"{1 + i % 7}.5"})
        started = time.perf_counter()
        budget.update(changed=[edited])
        compute_edits.append(time.perf_counter() - started)
    started = time.perf_counter()
    budget.energy_kwh(), budget.co2_kg()
    energy_time = time.perf_counter() - started
    totals = []
    for _ in range(20):
        started = time.perf_counter()
        budget.totals()
        totals.append(time.perf_counter() - started)

    with tempfile.TemporaryDirectory() as folder:
        plan_file = Path(folder) / "large.budget.json"
        plan_json.write_file(snapshot, plan_file)
        reads = []
        for _ in range(5):
            started = time.perf_counter()
            plan_json.read_file(plan_file)
            reads.append(time.perf_counter() - started)
        db = Path(folder) / "bench.db"
        imports = []
        for attempt in range(3):
            target = Path(folder) / f"i{attempt}.db"
            imports.append(child(["--db", str(target), "import", str(plan_file)])[0])
        child(["--db", str(db), "import", str(plan_file)])
        summaries = [child(["--db", str(db), "summary", "Large plan"]) for _ in range(3)]
    training = "estimate training --parameters 405e9 --tokens 15.6e12 --accelerator"
    training += " h100_sxm_rental --mfu 0.38 --goodput 0.9 --accelerators 16384 --grid 0.4 --json"
    serving = "estimate serving --start 2027-01 --months 60 --tokens-per-month 2e9"
    serving += " --growth-per-month 5e8 --tokens-per-second 800 --rate 2.25"
    serving += " --api-price-per-million 0.6 --json"
    estimates = [child(command.split())[0] for command in (training, serving) * 3]

    print(f"plan: {len(lines):,} lines, {cells:,} line-month cells, 60 months")
    print(
        f"full recompute:        {best(full) * 1000:8.1f} ms  (target <= 300 ms; median {statistics.median(full) * 1000:.1f})"
    )
    print(
        f"one-line edit:         {statistics.median(edits) * 1000:8.3f} ms  (target <= 5 ms; max {max(edits) * 1000:.3f})"
    )
    print(
        f"compute-line edit:     {statistics.median(compute_edits) * 1000:8.3f} ms  (target <= 5 ms; max {max(compute_edits) * 1000:.3f})"
    )
    print(
        f"plan energy and CO2:   {energy_time * 1000:8.3f} ms  ({len(compute_lines):,} compute lines)"
    )
    print(f"all totals after edit: {statistics.median(totals) * 1000:8.1f} ms")
    wall, peak = min(summaries)
    print(
        f"summary CLI:           {wall:8.2f} s   (target <= 1.5 s), peak {peak:.0f} MB (target <= 200 MB)"
    )
    print(
        f"JSON import CLI:       {best(imports):8.2f} s   (target <= 3 s, start-up and new database included)"
    )
    print(f"JSON read and checks:  {best(reads) * 1000:8.1f} ms  (in-process, part of the import)")
    print(
        f"estimate CLI:          {max(estimates):8.2f} s   (target <= 0.5 s, start-up included; slowest of 6)"
    )
    print(
        f"this process peak:     {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:8.0f} MB"
    )


if __name__ == "__main__":
    main()
