"""The status bar: the database file, whether everything is saved, and running work.

Every change is stored as it is made, so "Saved" means it: the indicator turns to
"Saved" only after the database has committed the change. An edit refused because
another window or program changed the plan first keeps "NOT saved" showing until the
next change is stored.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QToolButton, QWidget

from app.services.line_fields import counted
from ui.background import Job
from ui.context import AppContext

NOTICE_MS = 10_000
REFUSED = "⚠ Last change NOT saved: changed elsewhere"


class StatusBar(QStatusBar):
    """Database path, saved indicator, and a progress bar with Cancel for background work."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setSizeGripEnabled(True)
        self.database = QLabel()
        self.database.setAccessibleName("Database file")
        self.database.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.addWidget(self.database, 1)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Progress of background work")
        self.progress.setMaximumWidth(180)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.addPermanentWidget(self.progress)
        self.cancel = QToolButton()
        self.cancel.setText("Cancel")
        self.cancel.setAccessibleName("Cancel background work")
        self.cancel.clicked.connect(ctx.background.cancel_all)
        self.cancel.hide()
        self.addPermanentWidget(self.cancel)
        self.lines = QLabel()
        self.lines.setAccessibleName("Lines in the plan")
        self.addPermanentWidget(self.lines)
        self.saved = QLabel()
        self.saved.setObjectName("saved-indicator")
        self.saved.setAccessibleName("Saved state")
        self.addPermanentWidget(self.saved)

        bus = ctx.bus
        bus.loading.connect(lambda name: self._show_state(f"Opening {name}…"))
        bus.plan_opened.connect(lambda _opened: self._on_saved(opened=True))
        bus.ready.connect(lambda: self._on_saved(opened=True))
        bus.saved.connect(self._on_saved)
        bus.save_failed.connect(lambda reason: self._show_state("⚠ Last change NOT saved"))
        ctx.watch.changed_elsewhere.connect(self._on_changed_elsewhere)
        self._refused = False
        self._notice = ""
        bus.open_failed.connect(lambda reason: self._show_state("⚠ Not opened"))
        work = ctx.background
        work.job_started.connect(self._on_job_started)
        work.job_progressed.connect(self._on_job_progressed)
        work.job_ended.connect(lambda _job: self._on_job_ended())

    def show_database(self, path: str) -> None:
        self.database.setText(path)
        self.database.setToolTip(f"Every change is stored in {path} as it is made")

    @property
    def saved_text(self) -> str:
        return self.saved.text()

    def _show_state(self, text: str) -> None:
        self.saved.setText(text)

    def _on_saved(self, opened: bool = False) -> None:
        self.lines.setText(counted(len(self._ctx.lines), "line"))
        if opened and self._refused:
            self._show_state(REFUSED)  # reopened after a refusal: the refusal still stands
            return
        self._refused = False
        stamp = time.strftime("%H:%M:%S")
        self._show_state("✓ All changes saved" if opened else f"✓ Saved at {stamp}")

    def _on_changed_elsewhere(self, sentence: str, refused: bool) -> None:
        self.lines.setText(f"{len(self._ctx.lines):,} lines")
        self._refused = self._refused or refused
        self._show_state(REFUSED if self._refused else "↻ Changed elsewhere; reloaded")
        self.saved.setToolTip(sentence)
        self.showMessage(sentence, NOTICE_MS)
        self._notice = sentence  # shown again if a job's end clears it

    def _on_job_started(self, job: Job) -> None:
        self.progress.setRange(0, 0)
        self.progress.setToolTip(job.title)
        self.progress.show()
        self.cancel.show()
        self.showMessage(job.title + "…")

    def _on_job_progressed(self, job: Job, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _on_job_ended(self) -> None:
        if not self._ctx.background.busy:
            self.progress.hide()
            self.cancel.hide()
            self.clearMessage()
            if self._notice:
                self.showMessage(self._notice, NOTICE_MS)
                self._notice = ""
