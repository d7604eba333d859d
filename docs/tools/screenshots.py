"""Render the window on the sample plan, one screenshot per category, into a folder.

``make screenshots`` runs this offscreen: a fresh database (the sample plan), a
desktop-sized virtual screen, and the window grabbed for each category (with a
typical line selected so the detail form shows), plus the main view in a dark
palette. Usage: ``python docs/tools/screenshots.py OUT_DIR``.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

WIDTH, HEIGHT = 1440, 900

# The line shown in each category's detail form (a name prefix), or None for the first.
SELECTED = {
    "computing": "Fine-tuning cluster",
    "human": "ML engineers",
    "data": "Dataset lake",
    "software": "Weights & Biases",
    "infrastructure": "Checkpoints on S3",
    "time": "Fine-tuning reruns",
    "documentation": "API and integration guide",
    "support": "Help-desk seats",
}


def _virtual_screen(folder: Path) -> None:
    """Give the offscreen platform a desktop-sized screen (its default is 800 x 600)."""
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") != "offscreen":
        return
    screen = folder / "screen.json"
    screen.write_text(
        json.dumps(
            {
                "synthesizedWindowIcon": False,
                "windowFrameMargins": False,
                "screens": [
                    {
                        "name": "desktop",
                        "x": 0,
                        "y": 0,
                        "width": 1920,
                        "height": 1200,
                        "logicalDpi": 96,
                        "logicalBaseDpi": 96,
                        "dpr": 1,
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"


def _settle(app: object, seconds: float = 0.25) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.01)


def _schedule_shots(app: Any, window: Any, out: Path, suffix: str) -> list[Path]:
    """The window with the timeline and charts docks, the whole timeline, the timeline
    zoomed to the plan's second quarter, and each chart."""
    from datetime import date

    schedule = window.schedule
    schedule.show_timeline()
    schedule.show_charts()
    _settle(app)
    pane, charts = schedule.timeline(), schedule.charts()
    written = [out / f"main-timeline{suffix}.png"]
    window.grab().save(str(written[-1]))
    dock = schedule.timeline_dock
    dock.setFloating(True)  # tall enough for every row of the sample plan
    rows = len(pane.view.rows)
    dock.resize(WIDTH, min(1150, 150 + rows * 22))
    _settle(app)
    pane.view.fit()
    _settle(app)
    written.append(out / f"timeline{suffix}.png")
    pane.grab().save(str(written[-1]))
    plan = window.ctx.plan
    year = plan.start.year
    pane.view.show_span(date(year, 4, 1), date(year, 6, 30))
    _settle(app)
    written.append(out / f"timeline-quarter{suffix}.png")
    pane.grab().save(str(written[-1]))
    pane.view.fit()
    dock.setFloating(False)
    _settle(app)
    side = schedule.charts_dock
    side.setFloating(True)  # wide enough for the axes' labels (docked, it is a narrow column)
    side.resize(640, 460)
    _settle(app)
    for chart in charts.charts:
        charts.setCurrentWidget(chart)
        _settle(app, 0.15)
        written.append(out / f"{chart.objectName()}{suffix}.png")
        charts.grab().save(str(written[-1]))
    charts.setCurrentIndex(0)
    side.setFloating(False)
    _settle(app)
    return written


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="budgetwright-shots-"))
    _virtual_screen(work)

    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    from app.domain.taxonomy import CATEGORY_KEYS
    from ui.application import prepare_app, prepare_names
    from ui.context import AppContext
    from ui.main_window import MainWindow
    from ui.settings import WindowSettings

    prepare_names()
    app = QApplication([sys.argv[0]])
    app.setStyle("Fusion")
    prepare_app(app)
    settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(WindowSettings(settings))
    window = MainWindow(ctx)
    window.resize(WIDTH, HEIGHT)
    window.show()
    ctx.start(work / "budgets.db")
    deadline = time.monotonic() + 60
    while ctx.plan is None and time.monotonic() < deadline:
        app.processEvents()
    if ctx.plan is None:
        print("the sample plan did not open", file=sys.stderr)
        return 1

    # the planner's usual place rather than this run's temporary folder
    window.status.show_database("~/.local/share/Budgetwright/budgets.db")
    written = []
    for number, category in enumerate(CATEGORY_KEYS, start=1):
        window.navigator.select(category)
        editor = window.editors.current()
        assert editor is not None
        wanted = SELECTED.get(category, "")
        line = next((ln for ln in editor.model.lines() if ln.name.startswith(wanted)), None)
        if line is not None and line.id is not None:
            editor.select_lines([line.id])
        _settle(app)
        path = out / f"{number}-{category}.png"
        window.grab().save(str(path))
        written.append(path)
        if category == "computing":
            window.grab().save(str(out / "main.png"))
            written.append(out / "main.png")

    window.navigator.select("computing")
    written += _schedule_shots(app, window, out, "")

    dark = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2d30"),
        (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Base, "#1f2124"),
        (QPalette.ColorRole.AlternateBase, "#26282b"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.Button, "#35373b"),
        (QPalette.ColorRole.ButtonText, "#e6e6e6"),
        (QPalette.ColorRole.Highlight, "#3d6fb4"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
        (QPalette.ColorRole.ToolTipBase, "#35373b"),
        (QPalette.ColorRole.ToolTipText, "#e6e6e6"),
        (QPalette.ColorRole.PlaceholderText, "#9a9a9a"),
        (QPalette.ColorRole.Mid, "#4a4c50"),
        (QPalette.ColorRole.Midlight, "#3a3c40"),
    ):
        dark.setColor(role, QColor(colour))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        dark.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6f7277"))
    app.setPalette(dark)  # as a desktop switching to dark does; the window follows
    _settle(app)
    window.grab().save(str(out / "main-dark.png"))
    written.append(out / "main-dark.png")
    written += _schedule_shots(app, window, out, "-dark")

    stack = ctx.undo_stack
    if stack.count():
        print("unexpected edits:", [stack.text(i) for i in range(stack.count())], file=sys.stderr)
    window.close()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"))
