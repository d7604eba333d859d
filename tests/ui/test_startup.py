"""The window is built and shown before the store is even imported; the launcher opens it."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    import ui.application as application

    application.prepare_names()
    app = QApplication([])
    window = application.build_window(Path(sys.argv[1]), QSettings(sys.argv[2], QSettings.Format.IniFormat))
    window.show()
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "sqlmodel", "alembic"))
    print("before", len(loaded), flush=True)
    while window.ctx.plan is None:
        app.processEvents()
    print("after", window.ctx.plan.name, "sqlalchemy" in sys.modules, flush=True)
    window.close()
    """
)


def _window_child(code: str, folder: Path) -> str:
    """What a fresh Python printed after running ``code`` over ``folder``'s database."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code, str(folder / "b.db"), str(folder / "s.ini")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    return done.stdout


def test_the_window_shows_before_the_database_layer_loads(tmp_path: Path) -> None:
    lines = _window_child(CHILD, tmp_path).splitlines()
    assert lines[0] == "before 0"
    assert lines[1] == "after Support assistant: fine-tune and serve True"


def test_the_launcher_hands_the_window_its_database(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import ui.application
    from ui.launcher import main

    opened: list[Path] = []
    monkeypatch.setattr(ui.application, "run", lambda db: opened.append(db) or 0)
    assert main(["--db", str(tmp_path / "x.db")]) == 0
    assert opened == [tmp_path / "x.db"]


FIRST_PAINT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from PySide6.QtCore import QEvent, QObject, QSettings
    from PySide6.QtWidgets import QApplication
    import ui.application as application

    class FirstPaint(QObject):
        seen = None
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and self.seen is None:
                chart = window.summary.chart
                self.seen = (
                    window.summary.total.text(),
                    window.navigator.navigator_model.index(1, 1).data(),
                    float(sum(chart.series(c).sum() for c in chart.bars)),
                )
            return False

    application.prepare_names()
    app = QApplication([])
    window = application.build_window(Path(sys.argv[1]), QSettings(sys.argv[2], QSettings.Format.IniFormat))
    watch = FirstPaint()
    window.installEventFilter(watch)
    window.show()
    while watch.seen is None:
        app.processEvents()
    print(*watch.seen, sep="|", flush=True)
    """
)


def test_a_small_plans_figures_are_in_the_first_paint(tmp_path: Path) -> None:
    """Total, subtotals and the chart's bars are drawn with the window, not after it."""
    from app.services.workspace import Workspace

    Workspace.open(tmp_path / "b.db").close()  # the sample plan, as after a first run
    total, human, bars = _window_child(FIRST_PAINT, tmp_path).strip().split("|")
    assert total == "USD 1,357,795.26"
    assert human == "1,016,032.78"
    assert float(bars) == pytest.approx(1_234_359.33, abs=0.005)  # the subtotal, in bars
