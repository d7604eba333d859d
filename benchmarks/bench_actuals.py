"""Actuals: importing 100,000 rows (CSV and xlsx) and ``variance`` of a 10,000-line plan
with 100,000 actuals, each in a fresh CLI process, start-up included. Prints figures.

Targets (issue 11): CSV import <= 3 s; xlsx import <= 1.5 x a bare openpyxl read-only
pass over the same cells (also a fresh process); variance <= 2 s; peak <= 300 MB each.
"""

from __future__ import annotations

import csv
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import xlsxwriter

from app.services.workspace import Workspace
from benchmarks.bench_compare import child
from benchmarks.large_plan import store_large_plan

ROWS = 100_000
HEADERS = ["Date", "Amount", "Line", "Category", "Section", "Reference", "Description"]


def actual_rows(names: list[str]) -> list[list[str]]:
    """Half booked to a line by name, half to a category and section; each its invoice."""
    places = [("computing", "cloud"), ("human", "technical_team"), ("data", "training_data")]
    rows = []
    for i in range(ROWS):
        day = f"2027-{1 + i % 12:02d}-{1 + i % 28:02d}"
        amount = f"{10 + i % 997}.{i % 100:02d}"
        if i % 2:
            line, (category, section) = names[i % len(names)], ("", "")
        else:
            line, (category, section) = "", places[i % len(places)]
        rows.append([day, amount, line, category, section, f"INV-{i:06d}", "bench"])
    return rows


def bare_openpyxl_pass(path: Path) -> tuple[float, float, float]:
    code = (
        "import resource, sys, openpyxl\n"
        f"wb = openpyxl.load_workbook({str(path)!r}, read_only=True, data_only=True)\n"
        "n = sum(1 for _ in wb.active.iter_rows(values_only=True))\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    )
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, int(done.stderr.strip().splitlines()[-1]) / 1024, cpu


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder) / "base.db"
        plan_id = store_large_plan(base)
        workspace = Workspace.open(base)
        counts = Counter(line.name for line in workspace.snapshot(plan_id).lines)
        workspace.close()
        names = [n for n, c in counts.items() if c == 1]
        rows = actual_rows(names)
        csv_path = Path(folder) / "actuals.csv"
        with csv_path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADERS)
            writer.writerows(rows)
        xlsx_path = Path(folder) / "actuals.xlsx"
        book = xlsxwriter.Workbook(str(xlsx_path), {"constant_memory": True})
        sheet = book.add_worksheet("Actuals")
        sheet.write_row(0, 0, HEADERS)
        for r, row in enumerate(rows, start=1):
            sheet.write_string(r, 0, row[0])
            sheet.write_number(r, 1, float(row[1]))
            for c in range(2, 7):
                sheet.write_string(r, c, row[c])
        book.close()

        results: dict[str, list[tuple[float, float, float]]] = {"csv": [], "xlsx": [], "bare": []}
        for _ in range(2):
            for kind, path in (("csv", csv_path), ("xlsx", xlsx_path)):
                db = Path(folder) / f"{kind}.db"
                for stale in Path(folder).glob(f"{kind}.db*"):
                    stale.unlink()
                shutil.copy(base, db)
                args = ["--db", str(db), "actuals", "import", "Large plan", str(path), "--json"]
                results[kind].append(child(args))
            results["bare"].append(bare_openpyxl_pass(xlsx_path))
        db = Path(folder) / "csv.db"
        variance = [child(["--db", str(db), "variance", "Large plan", "--json"]) for _ in range(3)]
        summary = [child(["--db", str(db), "summary", "Large plan", "--json"]) for _ in range(3)]

    def figures(found: list[tuple[float, float, float]]) -> tuple[float, float, float]:
        return min(f[0] for f in found), max(f[1] for f in found), min(f[2] for f in found)

    csv_wall, csv_peak, csv_cpu = figures(results["csv"])
    xlsx_wall, xlsx_peak, xlsx_cpu = figures(results["xlsx"])
    bare_wall, bare_peak, bare_cpu = figures(results["bare"])
    var_wall, var_peak, var_cpu = figures(variance)
    sum_wall, _, sum_cpu = figures(summary)
    print(f"plan: 10,000 lines; {ROWS:,} actuals (half to a line by name, half to a category)")
    print("wall and CPU seconds (user + system; the fairer figure on a busy machine)")
    print(
        f"actuals import CSV:  {csv_wall:6.2f} s wall, {csv_cpu:5.2f} s CPU (target <= 3 s), "
        f"peak {csv_peak:.0f} MB (target <= 300 MB)"
    )
    print(
        f"actuals import xlsx: {xlsx_wall:6.2f} s wall, {xlsx_cpu:5.2f} s CPU = "
        f"{xlsx_wall / bare_wall:.2f} x wall, {xlsx_cpu / bare_cpu:.2f} x CPU of the bare "
        f"openpyxl pass ({bare_wall:.2f} s wall, {bare_cpu:.2f} s CPU; target <= 1.5 x), "
        f"peak {xlsx_peak:.0f} MB (bare {bare_peak:.0f} MB; target <= 300 MB)"
    )
    print(
        f"variance CLI:        {var_wall:6.2f} s wall, {var_cpu:5.2f} s CPU (target <= 2 s), "
        f"peak {var_peak:.0f} MB (target <= 300 MB); summary CLI for scale {sum_wall:.2f} s "
        f"wall, {sum_cpu:.2f} s CPU"
    )


if __name__ == "__main__":
    main()
