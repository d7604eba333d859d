"""The one way the window runs slow work: a thread pool, a cancel flag, signals home.

Work runs in a pool thread and never touches a widget; it reports progress through
a :class:`Progress` and its result (or error) comes back as a signal on an object the
GUI thread owns (a runnable that owned its own signals would be destroyed on the
wrong thread). The status bar shows every running job and can cancel it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class Cancelled(Exception):
    """Raised inside work whose job was cancelled; the job ends without a result."""


class Progress:
    """Handed to the work: report how far it is, and ask whether to stop."""

    def __init__(self, signals: JobSignals, flag: threading.Event) -> None:
        self._signals = signals
        self._flag = flag

    @property
    def cancelled(self) -> bool:
        return self._flag.is_set()

    def check(self) -> None:
        """Stop here (raise :class:`Cancelled`) if the planner cancelled."""
        if self._flag.is_set():
            raise Cancelled

    def report(self, done: int, total: int) -> None:
        _emit(self._signals.progressed, done, total, flag=self._flag)


class JobSignals(QObject):
    """A job's news, delivered on the GUI thread."""

    finished = Signal(object)
    """The work returned this result."""
    failed = Signal(object)
    """The work raised this exception (``Cancelled`` when it was cancelled)."""
    progressed = Signal(int, int)
    """The work is ``done`` of ``total`` steps in."""


class Job:
    """One piece of slow work as the window sees it: a title, progress and a cancel flag."""

    def __init__(self, title: str, signals: JobSignals) -> None:
        self.title = title
        self.signals = signals
        self.flag = threading.Event()

    def cancel(self) -> None:
        self.flag.set()

    @property
    def cancelled(self) -> bool:
        return self.flag.is_set()


class _Task(QRunnable):
    def __init__(self, job: Job, work: Callable[[Progress], Any]) -> None:
        super().__init__()
        self._job = job
        self._work = work

    def run(self) -> None:
        progress = Progress(self._job.signals, self._job.flag)
        try:
            result = self._work(progress)
        except BaseException as exc:  # noqa: BLE001 - every failure is reported to the window
            _emit(self._job.signals.failed, exc, flag=self._job.flag)
        else:
            _emit(self._job.signals.finished, result, flag=self._job.flag)


def _emit(signal: Any, *args: object, flag: threading.Event) -> None:
    """Send news home, unless home is gone (the window closed while the work ran)."""
    try:
        signal.emit(*args)
    except RuntimeError:  # the signals object was deleted with the window: nobody listens
        flag.set()


class BackgroundWork(QObject):
    """Runs work off the GUI thread and tells the window what is running."""

    job_started = Signal(object)
    """A job began (the status bar shows its title and a cancel button)."""
    job_progressed = Signal(object, int, int)
    """A job moved on: ``job, done, total``."""
    job_ended = Signal(object)
    """A job finished, failed or was cancelled."""

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._jobs: list[Job] = []
        self._handlers: dict[
            QObject, tuple[Job, Callable[[Any], None], Callable[[BaseException], None]]
        ] = {}

    @property
    def jobs(self) -> tuple[Job, ...]:
        return tuple(self._jobs)

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def run(
        self,
        title: str,
        work: Callable[[Progress], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
    ) -> Job:
        """Start ``work`` in the pool; ``done``/``failed`` are called on the GUI thread."""
        signals = JobSignals(self)
        job = Job(title, signals)
        # Slots of this object, not lambdas: Qt drops the connections with the object.
        signals.progressed.connect(self._on_job_progressed)
        signals.finished.connect(self._on_job_finished)
        signals.failed.connect(self._on_job_failed)
        self._handlers[signals] = (job, done, failed)
        self._jobs.append(job)
        self.job_started.emit(job)
        self._pool.start(_Task(job, work))
        return job

    def cancel_all(self) -> None:
        for job in self._jobs:
            job.cancel()

    def wait(self, msecs: int = 5000) -> bool:
        """Cancel what runs and wait for the pool (at quit, before the database closes)."""
        self.cancel_all()
        return bool(self._pool.waitForDone(msecs))

    def _on_job_progressed(self, done: int, total: int) -> None:
        handler = self._handlers.get(self.sender())
        if handler is not None:
            self.job_progressed.emit(handler[0], done, total)

    def _on_job_finished(self, result: object) -> None:
        handler = self._handlers.pop(self.sender(), None)
        if handler is not None:
            job, done, _failed = handler
            self._end(job, lambda: done(result))

    def _on_job_failed(self, exc: BaseException) -> None:
        handler = self._handlers.pop(self.sender(), None)
        if handler is not None:
            job, _done, failed = handler
            self._end(job, lambda: failed(exc))

    def _end(self, job: Job, deliver: Callable[[], None]) -> None:
        if job in self._jobs:
            self._jobs.remove(job)
        try:
            deliver()
        finally:
            self.job_ended.emit(job)
            job.signals.deleteLater()
