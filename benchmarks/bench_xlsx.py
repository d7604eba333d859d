"""Excel export and import of a 10,000-line plan over 60 months, against the libraries bare.

    .venv/bin/python benchmarks/bench_xlsx.py [--lines 10000] [--runs 3]

Export is compared with XlsxWriter writing exactly the same cells (every value and
formula our export writes, recorded once, then replayed without formats, names or
validation). Import is compared with an openpyxl read-only pass over the same sheets.
Each measurement runs in a fresh process, so its peak memory (max RSS) is its own.
Targets: export and import within 1.5x their bare counterparts, peak RSS within 400 MB.
"""

from __future__ import annotations

import argparse
import multiprocessing
import pickle
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.domain.plan import PlanSnapshot
from benchmarks.large_plan import large_plan

START, END = date(2027, 1, 1), date(2031, 12, 31)  # 60 months
MAX_RATIO = 1.5
MAX_RSS_MB = 400


def _measure(task: Callable[..., Any], *args: Any) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of ``task(*args)`` run in a fresh process."""
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(1, maxtasksperchild=1) as pool:
        seconds, rss_kb = pool.apply(_timed, (task, *args))
    return seconds, rss_kb / 1024


def _in_child(task: Callable[..., Any], *args: Any) -> Any:
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(1, maxtasksperchild=1) as pool:
        return pool.apply(task, args)


def _timed(task: Callable[..., Any], *args: Any) -> tuple[float, int]:
    prepare = getattr(task, "prepare", None)
    state = prepare(*args) if prepare else args
    started = time.perf_counter()
    task(*state)
    seconds = time.perf_counter() - started
    return seconds, _peak_kb()


def _peak_kb() -> int:
    """This process's peak resident memory (VmHWM: reset by exec, unlike ru_maxrss)."""
    status = Path("/proc/self/status")
    if status.exists():
        for row in status.read_text().splitlines():
            if row.startswith("VmHWM:"):
                return int(row.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def export_ours(lines: int, target: str) -> None:
    from app.io.xlsx import write_workbook

    write_workbook(_plan_cache(lines), [], Path(target))


def _prepare_export(lines: int, target: str) -> tuple[int, str]:
    import app.io.xlsx  # noqa: F401

    _plan_cache(lines)  # generating the plan is not part of the export
    return lines, target


export_ours.prepare = _prepare_export  # type: ignore[attr-defined]

_PLANS: dict[int, PlanSnapshot] = {}


def _plan_cache(lines: int) -> PlanSnapshot:
    if lines not in _PLANS:
        _PLANS[lines] = large_plan(lines)
    return _PLANS[lines]


def record_cells(lines: int, target: str, recording: str) -> int:
    """Export once while recording every cell write, for the bare replay."""
    import xlsxwriter.worksheet as xw

    from app.io.xlsx import write_workbook

    calls: dict[str, list[tuple[Any, ...]]] = {}
    originals = {}
    for method in (
        "write_string",
        "write_number",
        "write_formula",
        "write_datetime",
        "write_boolean",
    ):
        original = getattr(xw.Worksheet, method)
        originals[method] = original

        def wrapper(
            self: Any, row: int, col: int, *args: Any, _m: str = method, _o: Any = original
        ) -> Any:
            rest = (
                (args[0], args[2] if len(args) > 2 else None)
                if _m == "write_formula"
                else (args[0],)
            )
            calls.setdefault(self.name, []).append((_m, row, col, *rest))
            return _o(self, row, col, *args)

        setattr(xw.Worksheet, method, wrapper)
    try:
        write_workbook(large_plan(lines), [], Path(target))
    finally:
        for method, original in originals.items():
            setattr(xw.Worksheet, method, original)
    Path(recording).write_bytes(pickle.dumps(calls, protocol=pickle.HIGHEST_PROTOCOL))
    return sum(len(c) for c in calls.values())


def export_bare(recording: dict[str, list[tuple[Any, ...]]], target: str, plain: bool) -> None:
    """The recorded cells, replayed; ``plain``: formulas taken as written, as our export does."""
    import xlsxwriter

    from app.io.xlsx.writing import plain_formulas

    workbook = xlsxwriter.Workbook(target, {"constant_memory": True})
    for sheet, calls in recording.items():
        ws = workbook.add_worksheet(sheet)
        if plain:
            plain_formulas(ws)
        for method, row, col, *rest in calls:
            if method == "write_formula":
                ws.write_formula(row, col, rest[0], None, rest[1])
            else:
                getattr(ws, method)(row, col, rest[0])
    workbook.close()


def _prepare_bare(recording: str, target: str, plain: bool) -> tuple[Any, str, bool]:
    import xlsxwriter  # noqa: F401

    return pickle.loads(Path(recording).read_bytes()), target, plain


export_bare.prepare = _prepare_bare  # type: ignore[attr-defined]


def import_ours(path: str) -> None:
    from app.io.xlsx import read_workbook

    read_workbook(Path(path))


def _prepare_import(path: str) -> tuple[str]:
    import app.io.xlsx  # noqa: F401  (loading modules is not part of reading)

    return (path,)


import_ours.prepare = _prepare_import  # type: ignore[attr-defined]


def read_bare(path: str, sheets: tuple[str, ...]) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for name in sheets:
        ws = wb[name]
        ws.reset_dimensions()
        for _ in ws.iter_rows(values_only=True):
            pass
    wb.close()


def _prepare_read(path: str, sheets: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    import openpyxl  # noqa: F401

    return path, sheets


read_bare.prepare = _prepare_read  # type: ignore[attr-defined]


def import_into_database(path: str, folder: str) -> None:
    from app.io.xlsx import read_workbook
    from app.services.plan_commands import ImportPlan
    from app.services.workspace import Workspace

    snapshot = read_workbook(Path(path))
    workspace = Workspace.open(Path(folder) / "bench.db", seed=False)
    workspace.apply(ImportPlan(snapshot, workspace.taxonomy()))
    workspace.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3, help="import runs of each reader")
    args = parser.parse_args()
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        ours, bare, recording = (
            str(Path(tmp) / n) for n in ("ours.xlsx", "bare.xlsx", "cells.pickle")
        )
        cells = _in_child(record_cells, args.lines, str(Path(tmp) / "recorded.xlsx"), recording)
        print(f"Plan: {args.lines:,} lines over 60 months; {cells:,} cells written")
        t_ours, m_ours = _measure(export_ours, args.lines, ours)
        t_bare, m_bare = _measure(export_bare, recording, bare, True)
        t_stock, _ = _measure(export_bare, recording, bare, False)
        size = Path(ours).stat().st_size / 2**20
        print(
            f"Export   ours {t_ours:6.2f} s  {m_ours:6.0f} MB   bare XlsxWriter {t_bare:6.2f} s  "
            f"{m_bare:6.0f} MB   ratio {t_ours / t_bare:.2f}   file {size:.1f} MB"
        )
        print(f"         (bare XlsxWriter with its stock formula rewriting: {t_stock:.2f} s)")
        failures += _check("export", t_ours / t_bare, m_ours)

        import openpyxl

        wb = openpyxl.load_workbook(ours, read_only=True)
        read = tuple(n for n in wb.sheetnames if n not in ("Monthly", "Assumptions"))
        wb.close()
        # import is short (about 2 s), so one busy moment moves its ratio: take the
        # median of a few runs of each, alternating
        ins, reads = [], []
        for _ in range(args.runs):
            ins.append(_measure(import_ours, ours))
            reads.append(_measure(read_bare, ours, read))
        t_in, t_read = statistics.median(t for t, _ in ins), statistics.median(t for t, _ in reads)
        m_in, m_read = max(m for _, m in ins), max(m for _, m in reads)
        print(
            f"Import   ours {t_in:6.2f} s  {m_in:6.0f} MB   bare openpyxl   {t_read:6.2f} s  "
            f"{m_read:6.0f} MB   ratio {t_in / t_read:.2f}   ({len(read)} sheets read; "
            f"median of {args.runs} runs)"
        )
        failures += _check("import", t_in / t_read, m_in)
        t_db, m_db = _measure(import_into_database, ours, tmp)
        print(f"Import into a new database (read + ImportPlan): {t_db:.2f} s, {m_db:.0f} MB")
    for failure in failures:
        print("FAILED:", failure)
    return 1 if failures else 0


def _check(what: str, ratio: float, rss: float) -> list[str]:
    found = []
    if ratio > MAX_RATIO:
        found.append(f"{what} takes {ratio:.2f}x the bare library (at most {MAX_RATIO}x)")
    if rss > MAX_RSS_MB:
        found.append(f"{what} peaks at {rss:.0f} MB (at most {MAX_RSS_MB} MB)")
    return found


if __name__ == "__main__":
    sys.exit(main())
