"""Starting the window: the Qt application, settings, crash reporting, the first plan.

The window is shown first and the database opened in the background afterwards, so
it appears as fast as a bare Qt window does; the plan fills it a moment later, with
a progress bar while a large one loads.
"""

from __future__ import annotations

import faulthandler
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType
from typing import TextIO

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QThread
from PySide6.QtWidgets import QApplication, QMessageBox

from app.paths import APP_NAME, DbTarget, data_folder
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.settings import WindowSettings
from ui.theme import app_icon

ORGANIZATION = "Budgetwright"
_crash_log: TextIO | None = None


def prepare_names() -> None:
    """Organization and application names, before the first QSettings is made."""
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setOrganizationDomain("budgetwright.org")
    QCoreApplication.setApplicationName(APP_NAME)


def _report(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    text = "".join(traceback.format_exception(kind, exc, tb))
    sys.stderr.write(text)
    app = QApplication.instance()
    if app is not None and QThread.currentThread() == app.thread():
        QMessageBox.critical(
            None,
            f"{APP_NAME}: unexpected error",
            f"Something went wrong; your saved changes are safe.\n\n{kind.__name__}: {exc}",
        )


def install_crash_reporting(log_dir: Path) -> None:
    """Unexpected errors are logged and shown; a hard crash leaves a trace in the log."""
    global _crash_log
    log_dir.mkdir(parents=True, exist_ok=True)
    _crash_log = (log_dir / "crash.log").open("a", encoding="utf-8")
    faulthandler.enable(file=_crash_log)
    sys.excepthook = _report
    threading.excepthook = lambda args: _report(
        args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback
    )


def prepare_app(app: QApplication) -> None:
    """The look every window shares: the icon. The widgets' own touches of colour
    (:mod:`ui.theme`) follow the palette; the main window redoes them when it changes.
    """
    app.setWindowIcon(app_icon())


def build_window(db_path: DbTarget, settings: QSettings | None = None) -> MainWindow:
    """The window over a database; the database opens once the window has been drawn.

    A small plan is read before the first paint (a few milliseconds, no SQLAlchemy), so
    its figures are drawn with the window. Opening the database imports the store in a
    worker thread; starting it only after the first paint keeps that import from
    competing with drawing the window.
    """
    ctx = AppContext(WindowSettings(settings or QSettings()))
    window = MainWindow(ctx)
    ctx.preview(db_path)
    window.first_painted.connect(lambda: ctx.start(db_path), Qt.ConnectionType.SingleShotConnection)
    return window


def import_when_ready(window: MainWindow, path: Path) -> None:
    """Import ``path`` (a plan file or workbook) once the database is open for edits.

    A new database says so with ``plan_opened``; one whose plan was previewed first,
    with ``ready``. Whichever comes first with the workspace open starts the import.
    """
    ctx = window.ctx
    pending = [path]

    def when_open(*_args: object) -> None:
        if ctx.workspace is not None and pending:
            window.files.import_path(pending.pop())

    ctx.bus.plan_opened.connect(when_open)
    ctx.bus.ready.connect(when_open)


def run(db_path: DbTarget, open_file: Path | None = None) -> int:
    """``budgetwright`` with no subcommand: the window on the last plan used.

    With ``open_file`` (a plan file or workbook double-clicked in the file manager),
    the file is imported as soon as the database is open, as if dropped on the window.
    """
    prepare_names()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    prepare_app(app)
    install_crash_reporting(db_path.parent if isinstance(db_path, Path) else data_folder())
    window = build_window(db_path)
    ctx = window.ctx
    # A database that cannot be opened (damaged, not ours, from a newer app) has been
    # reported by the window; with nothing to show, the app ends with status 2.
    ctx.bus.open_failed.connect(lambda _reason: app.exit(2) if ctx.workspace is None else None)
    if open_file is not None:
        import_when_ready(window, open_file)
    window.show()
    return int(app.exec())
