"""How fast the timeline and the live charts are on a 10,000-line, 60-month plan.

One offscreen child process opens the window on the large plan, then measures:

* the timeline (and the charts) shown: from asking for them to their first paint,
  once the plan is open; budget 1 s;
* each frame while scrolling, panning and zooming the timeline; budget 16 ms;
* each frame of a drag (a mouse move and its repaint); budget 16 ms;
* the drop's recompute: from the stored change to the budget, the totals, the
  navigator, the summary and the shown chart brought up to date; budget 30 ms. The
  whole drop (the SQLite write included, as for any edit) and the next turn of the
  event loop (repaints) are reported beside it;
* each chart's refresh after an edit (the median of ten, the slowest also shown);
  budget 16 ms;
* the window's peak memory; budget 350 MB.

With ``--baseline``, a baseline of the plan (every line moved a month later than
it was frozen) is chosen first, so every frame also draws its ghost bars and the
cumulative chart its curve; the time to choose it is reported (``baseline_call_ms`` on
the GUI thread, ``baseline_chosen_ms`` until it is drawn: a large plan's baseline is
read in the background).

Usage: ``python benchmarks/bench_timeline.py [--lines N] [--baseline] [--json]``. Exit status 1
when a budget is missed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_window import PAINT_WATCH, _run, _settings, report  # noqa: E402

BUDGETS = {
    "timeline_shown_s": 1.0,
    "scroll_frame_ms": 16.0,
    "pan_frame_ms": 16.0,
    "zoom_frame_ms": 16.0,
    "drag_frame_ms": 16.0,
    "drop_recompute_ms": 30.0,
    "chart_refresh_ms": 16.0,
    "peak_mb": 350.0,
}

CHILD = PAINT_WATCH + textwrap.dedent(
    """
    import json, resource, statistics, time
    from pathlib import Path
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    from ui.application import build_window, prepare_app, prepare_names
    from ui.timeline.painting import HEADER, ROW

    def ms(start):
        return (time.perf_counter() - start) * 1000

    prepare_names()
    app = QApplication([])
    prepare_app(app)
    window = build_window(Path(sys.argv[1]), QSettings(sys.argv[2], QSettings.Format.IniFormat))
    window.resize(1440, 900)
    wait_painted(app, window)
    ctx = window.ctx
    while ctx.workspace is None or ctx.loading or ctx.totals is None:
        app.processEvents()
    results = {}
    start = time.perf_counter()
    window.schedule.show_timeline()
    view = window.schedule.timeline().view
    watch = FirstPaint()
    view.viewport().installEventFilter(watch)
    while not watch.seen:
        app.processEvents()
    results["timeline_shown_s"] = time.perf_counter() - start
    start = time.perf_counter()
    window.schedule.show_charts()
    chart = window.schedule.charts().cumulative
    watch = FirstPaint()
    chart.plot.viewport().installEventFilter(watch)
    while not watch.seen:
        app.processEvents()
    results["charts_shown_s"] = time.perf_counter() - start
    for _ in range(20):
        app.processEvents()
    if len(sys.argv) > 3:
        start = time.perf_counter()
        window.schedule.timeline().baseline.choose(sys.argv[3])
        results["baseline_call_ms"] = ms(start)  # the GUI thread's share: read in the background
        while ctx.baseline.name != sys.argv[3]:
            app.processEvents()
        results["baseline_chosen_ms"] = ms(start)
        assert len(view.frame().ghosts) == len(ctx.lines), "no ghost bars"
    results["rows"] = len(view.rows)
    vp = view.viewport()

    def frames(change, count=60):
        out = []
        for n in range(count):
            change(n)
            start = time.perf_counter()
            vp.repaint()
            out.append(ms(start))
        return out

    vbar, hbar = view.verticalScrollBar(), view.horizontalScrollBar()
    results["scroll_frame_ms"] = frames(lambda n: vbar.setValue(n * 997 % max(vbar.maximum(), 1)))
    view.set_zoom(4.0)
    results["pan_frame_ms"] = frames(
        lambda n: hbar.setValue(hbar.minimum() + n * 131 % max(hbar.maximum() - hbar.minimum(), 1))
    )
    zooms = []
    for n in range(40):
        start = time.perf_counter()
        view.set_zoom(view.scale.px_per_day * (1.15 if n < 20 else 1 / 1.15), 700)
        vp.repaint()
        zooms.append(ms(start))
    results["zoom_frame_ms"] = zooms
    view.set_zoom(4.0)
    lines = ctx.plan_lines()
    # a line of its own dates, long enough to grab by its middle (not by an end)
    line = next(
        l
        for l in lines[len(lines) // 2 :]
        if not l.dates_from_phase and (l.end - l.start).days >= 30
    )
    index = view.layout_.row_of(f"line:{line.id}")
    view.ensure_visible(index)
    view.scroll_to_day(line.start)
    app.processEvents()
    x0, x1 = view.frame().bar(index)
    y = HEADER + index * ROW - vbar.value() + ROW // 2
    x = int((x0 + x1) / 2)
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x, y))
    drags = []
    for n in range(1, 41):
        start = time.perf_counter()
        QTest.mouseMove(vp, QPoint(x + n * 2, y))
        vp.repaint()
        drags.append(ms(start))
    results["drag_frame_ms"] = drags
    totals_before = ctx.totals
    publish = ctx.publish

    def timed_publish(changes):
        begun = time.perf_counter()
        publish(changes)  # budget, totals, navigator, summary, editors, shown chart
        results["drop_recompute_ms"] = ms(begun)

    ctx.publish = timed_publish
    start = time.perf_counter()
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x + 80, y))
    results["drop_ms"] = ms(start)
    assert ctx.totals is not totals_before, "the drop stored nothing"
    assert ctx.lines[line.id].start != line.start
    start = time.perf_counter()
    app.processEvents()
    results["relayout_after_drop_ms"] = ms(start)
    pane = window.schedule.charts()
    refresh = {}
    for chart in pane.charts:
        pane.setCurrentWidget(chart)
        app.processEvents()
        times = []
        for _ in range(10):
            start = time.perf_counter()
            chart.redraw()
            times.append(ms(start))
        refresh[chart.objectName()] = [statistics.median(times), max(times)]
    results["chart_refresh_ms"] = refresh
    results["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("detail " + json.dumps(results), flush=True)
    window.close()
    """
)


def _with_baseline(db: Path, plan_id: int) -> str:
    """Freeze the plan as a baseline, then move every line of its own dates a month on."""
    from dataclasses import replace
    from datetime import timedelta

    from app.services import line_commands as lc
    from app.services.versions import save_baseline
    from app.services.workspace import Workspace

    name = "Approved"
    ws = Workspace.open(db)
    try:
        save_baseline(ws, plan_id, name)
        month = timedelta(days=30)
        moved = [
            replace(line, start=line.start + month, end=line.end + month)
            for line in ws.snapshot(plan_id).lines
            if not line.dates_from_phase
        ]
        ws.apply(lc.EditLines(moved))
    finally:
        ws.close()
    return name


def measure(folder: Path, lines: int, baseline: bool = False) -> dict[str, float]:
    from benchmarks.large_plan import store_large_plan

    db = folder / "large.db"
    plan_id = store_large_plan(db, lines)
    extra = [_with_baseline(db, plan_id)] if baseline else []
    ini = _settings(folder, plan_id)
    _run(CHILD, str(db), ini, *extra)  # warm up (bytecode, file cache)
    ini = _settings(folder, plan_id)  # afresh: the docks are not restored open
    detail = _run(CHILD, str(db), ini, *extra)["detail"]
    assert isinstance(detail, dict)
    out: dict[str, float] = {"lines": float(lines), "rows": float(detail["rows"])}
    out["timeline_shown_s"] = float(detail["timeline_shown_s"])
    out["charts_shown_s"] = float(detail["charts_shown_s"])
    for key in ("scroll_frame_ms", "pan_frame_ms", "zoom_frame_ms", "drag_frame_ms"):
        out[key] = max(detail[key])
        out[key.replace("_ms", "_median_ms")] = statistics.median(detail[key])
    out["drop_ms"] = float(detail["drop_ms"])
    out["drop_recompute_ms"] = float(detail["drop_recompute_ms"])
    out["relayout_after_drop_ms"] = float(detail["relayout_after_drop_ms"])
    charts = detail["chart_refresh_ms"]
    for name, (median, most) in charts.items():
        out[f"refresh_{name}_median_ms"] = float(median)
        out[f"refresh_{name}_max_ms"] = float(most)
    out["chart_refresh_ms"] = max(median for median, _most in charts.values())
    out["peak_mb"] = float(detail["peak_mb"])
    for key in ("baseline_call_ms", "baseline_chosen_ms"):
        if key in detail:
            out[key] = float(detail[key])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=10_000, help="lines of the large plan")
    parser.add_argument(
        "--baseline", action="store_true", help="draw a baseline's ghost bars in every frame"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="budgetwright-bench-") as tmp:
        results = measure(Path(tmp), args.lines, args.baseline)
    return report(results, BUDGETS, as_json=args.json, width=30)


if __name__ == "__main__":
    sys.exit(main())
