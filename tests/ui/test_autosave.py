"""Every edit is stored as it is made: killing the process loses nothing shown as saved.

The window runs in a child process (offscreen), edits a line through its table, waits
for the saved indicator, reports, and is killed with SIGKILL; a fresh workspace then
finds the edit in the database.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.ui.helpers import stored_lines

SAMPLE = "Support assistant: fine-tune and serve"

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    from ui.application import prepare_names
    from ui.context import AppContext
    from ui.main_window import MainWindow
    from ui.settings import WindowSettings

    prepare_names()
    app = QApplication([])
    db, ini = Path(sys.argv[1]), sys.argv[2]
    ctx = AppContext(WindowSettings(QSettings(ini, QSettings.Format.IniFormat)))
    window = MainWindow(ctx)
    window.show()
    ctx.start(db)
    while ctx.workspace is None or ctx.loading:
        app.processEvents()
    window.navigator.select("human")
    editor = window.editors.current()
    for fte in ("2.5", "3", "3.25"):
        row = next(r for r in range(editor.model.rowCount()) if editor.model.line(r).name == "ML engineers")
        col = next(i for i, c in enumerate(editor.columns) if c.key == "fte")
        assert editor.model.setData(editor.model.index(row, col), fte)
        app.processEvents()
        assert window.status.saved_text.startswith("✓ Saved"), window.status.saved_text
        print("saved", fte, flush=True)
    time.sleep(60)
    """
)


def test_killing_the_window_loses_nothing_that_was_shown_as_saved(tmp_path: Path) -> None:
    db = tmp_path / "budgets.db"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db), str(tmp_path / "settings.ini")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert child.stdout is not None
        saved = []
        while len(saved) < 3:
            line = child.stdout.readline()
            assert line, child.stderr.read() if child.stderr else "child ended"
            saved.append(line.split()[1])
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(10)
        for stream in (child.stdout, child.stderr):
            if stream is not None:
                stream.close()
    assert child.returncode == -signal.SIGKILL
    assert saved == ["2.5", "3", "3.25"]
    assert stored_lines(db, SAMPLE)["ML engineers"].drivers["fte"] == "3.25"
