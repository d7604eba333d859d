"""Team mode (issue 13) against a local PostgreSQL server, with SQLite side by side.

Targets, on PostgreSQL: opening a 10,000-line plan (database opened, plan read, budget
computed, as the window does) <= 2 s; a one-line edit committed and seen by a second
client <= 1 s; ``budgetwright summary`` of that plan <= 2 s with start-up included.
The server is a throwaway cluster on a unix socket (Debian's ``postgresql``).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.paths import DbTarget, ServerUrl, db_target
from app.services.line_commands import EditLines
from app.services.plan_loading import open_workspace
from app.services.workspace import Workspace
from app.store import repository
from benchmarks.large_plan import store_large_plan
from tests import pg_cluster

ROOT = Path(__file__).resolve().parent.parent
EDITS = 20


def opening(target: DbTarget, plan_id: int) -> float:
    started = time.perf_counter()
    opened = open_workspace(target, plan_id)
    elapsed = time.perf_counter() - started
    assert len(opened.opened.snapshot.lines) == 10_000
    opened.workspace.close()
    return elapsed


def edit_seen(target: DbTarget, plan_id: int) -> list[float]:
    """Seconds from one client's edit to the other client reading it (polling every 5 ms)."""
    first, second = Workspace.open(target), Workspace.open(target)
    try:
        line = first.snapshot(plan_id).lines[1234]
        assert line.id is not None
        second.changed_elsewhere()
        times = []
        for n in range(EDITS):
            edited = replace(line, notes=f"edit {n}")
            started = time.perf_counter()
            first.apply(EditLines([edited]))
            while not second.changed_elsewhere():
                time.sleep(0.005)
            seen = second.read(lambda c, i=line.id: repository.get_line(c, i))
            times.append(time.perf_counter() - started)
            assert seen.notes == f"edit {n}"
            line = seen
    finally:
        first.close()
        second.close()
    return times


def summary(target: DbTarget) -> float:
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "ui.launcher",
            "--db",
            str(target.url if isinstance(target, ServerUrl) else target),
            "summary",
            "Large plan",
        ],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    return time.perf_counter() - started


def measure(target: DbTarget) -> dict[str, float]:
    started = time.perf_counter()
    plan_id = store_large_plan(target)  # type: ignore[arg-type]
    stored = time.perf_counter() - started
    opens = [opening(target, plan_id) for _ in range(3)]
    edits = edit_seen(target, plan_id)
    summaries = [summary(target) for _ in range(3)]
    return {
        "store": stored,
        "open": min(opens),
        "open_worst": max(opens),
        "edit": statistics.median(edits),
        "edit_worst": max(edits),
        "summary": min(summaries),
        "summary_worst": max(summaries),
    }


def main() -> None:
    cluster = pg_cluster.start()
    if cluster is None:
        print(f"skipped: {pg_cluster.SKIP_REASON}")
        return
    try:
        with tempfile.TemporaryDirectory() as folder:
            sqlite = measure(Path(folder) / "bench.db")
            server = measure(db_target(cluster.new_database()))
    finally:
        cluster.stop()
    rows = (
        ("store the 10,000-line plan", "store", None, ""),
        ("open the plan (best of 3)", "open", 2.0, "open_worst"),
        ("edit seen by 2nd client (median)", "edit", 1.0, "edit_worst"),
        ("summary CLI, start-up incl.", "summary", 2.0, "summary_worst"),
    )
    print(f"{'':34} {'SQLite':>9} {'PostgreSQL':>11}   target (PostgreSQL)")
    for label, key, target, worst in rows:
        limit = f"<= {target:g} s" if target else ""
        if worst:
            limit += f"; worst {sqlite[worst]:.3f} / {server[worst]:.3f} s"
        print(f"{label:34} {sqlite[key]:8.3f}s {server[key]:10.3f}s   {limit}")


if __name__ == "__main__":
    main()
