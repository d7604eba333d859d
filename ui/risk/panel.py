"""The Risk dock's content: the simulation of the open plan, kept up to date in the background.

A change to the plan's lines starts a new simulation (debounced, one at a time); the
last result stays shown, marked out of date, until the new one arrives. A plan with
no ranged line, or a range that does not hold its line's total, shows the engine's
message instead of the charts. "Set contingency to P80" (or the chosen percentile)
stores the plan's contingency percentage as one undoable step.
"""

from __future__ import annotations

import gc
import operator
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGraphicsOpacityEffect,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import BadInput, InvalidValue
from app.domain.money import format_display
from app.domain.plan import Line, Plan, PlanSnapshot
from app.engine.line_costs import LineCost
from app.engine.risk import PERCENTILES, RiskResult
from app.services.line_fields import grouped_amount
from ui.background import Cancelled, Progress
from ui.context import AppContext
from ui.risk.charts import DistributionChart, TornadoChart

RUNS = 10_000
SEED = 1
DEBOUNCE_MS = 400
SWITCH_INTERVAL_S = 0.0005
STALE_OPACITY = 0.45
"""How faint an out-of-date result is drawn."""
CHOICES = (50, 70, 80, 90, 95)
"""Percentiles the contingency can be set to."""


@dataclass(frozen=True)
class FrozenTotals:
    """The window's line totals as they were when a simulation started.

    The budget's cells are frozen values replaced (never changed) by an edit, so a
    shallow copy of the dict, made on the GUI thread in a blink, is a consistent view
    a pool thread can read while the window's budget moves on; the simulation then does
    not work out 10,000 lines' costs again.
    """

    digits: int
    subtotal: int
    cells: Mapping[int, LineCost]

    def line_total(self, line_id: int) -> int:
        return self.cells[line_id].total


@dataclass(frozen=True)
class Inputs:
    """What a simulation depends on: the plan settings that move line totals and the
    lines (the same objects while nothing changed: compared by identity, not field by
    field, so checking 10,000 unchanged lines takes well under a millisecond)."""

    settings: tuple[object, ...]
    lines: tuple[Line, ...]

    def same_as(self, other: Inputs | None) -> bool:
        return (
            other is not None
            and self.settings == other.settings
            and len(self.lines) == len(other.lines)
            and all(map(operator.is_, self.lines, other.lines))
        )


@contextmanager
def _gui_friendly() -> Iterator[None]:
    """Keep the GUI thread's waits for the GIL short while the simulation runs.

    Reading 10,000 lines' ranges is Python in the pool thread; meanwhile each time the
    GUI thread comes back from Qt into Python (a slot, a model's ``data``, a paint) it
    waits for the pool thread to let go of the GIL, up to the switch interval (5 ms by
    default): a repaint that enters Python a few dozen times stalled for hundreds of
    milliseconds (``benchmarks/bench_risk_window.py``); at 0.5 ms it stays within a
    frame. The cyclic garbage collector is paused too: the run's allocations otherwise
    set off a full collection of the whole loaded plan in the pool thread (100-300 ms
    with the GIL held at 10,000 lines); what is left to collect waits until it ends.
    """
    previous = sys.getswitchinterval()
    collecting = gc.isenabled()
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
        sys.setswitchinterval(previous)


def _simulate(plan: Plan, lines: tuple[Line, ...], totals: FrozenTotals) -> RiskResult:
    """The simulation of the lines in plan order (a pool thread's work), as the CLI runs it."""
    from app.engine.risk import simulate

    ordered = tuple(sorted(lines, key=lambda line: (line.position, line.id or 0)))
    return simulate(PlanSnapshot(plan, (), ordered), totals, runs=RUNS, seed=SEED)


class RiskPanel(QWidget):
    """Percentiles, histogram, S-curve and tornado of the open plan's subtotal."""

    result_shown = Signal(object)
    """A new result (or the engine's message, a ``str``) is shown."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("risk-panel")
        self._ctx = ctx
        self.result: RiskResult | None = None
        self.message = ""
        self.out_of_date = False
        self._inputs: Inputs | None = None
        self._running = False
        self._pending = False
        self.runs_started = 0

        self.status = QLabel()
        self.status.setObjectName("risk-status")
        self.status.setWordWrap(True)
        self.choice = QComboBox()
        self.choice.setAccessibleName("Percentile for the contingency")
        for p in CHOICES:
            self.choice.addItem(f"P{p}", p)
        self.choice.setCurrentIndex(CHOICES.index(80))
        self.set_button = QPushButton()
        self.set_button.clicked.connect(self.set_contingency)
        self.choice.currentIndexChanged.connect(self._update_button)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Contingency at"))
        bar.addWidget(self.choice)
        bar.addWidget(self.set_button)
        bar.addStretch(1)

        self.distribution = DistributionChart()
        self.tornado = TornadoChart()
        self.table = QTableWidget(len(PERCENTILES) + 2, 3)
        self.table.setHorizontalHeaderLabels(["", "Subtotal", "Contingency %"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.distribution, "Distribution")
        self.tabs.addTab(self.tornado, "Drivers")
        self.tabs.addTab(self.table, "Percentiles")
        self.notice = QLabel()
        self.notice.setObjectName("risk-message")
        self.notice.setWordWrap(True)
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._fade = QGraphicsOpacityEffect(self.tabs)
        self._fade.setOpacity(STALE_OPACITY)
        self._fade.setEnabled(False)
        self.tabs.setGraphicsEffect(self._fade)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tabs)
        self.stack.addWidget(self.notice)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.status)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.rerun)
        for signal in (ctx.bus.totals_changed, ctx.bus.plan_opened):
            signal.connect(lambda _value: self.plan_changed())
        self._update_button()
        self._show_status()
        self.plan_changed()

    # ---- Keeping up

    def plan_changed(self) -> None:
        """The plan may have changed: if its lines did, simulate again after a pause."""
        if self._ctx.plan is None or self._current().same_as(self._inputs):
            return
        self.out_of_date = self.result is not None or bool(self.message)
        self._update_button()
        self._show_status()
        self._timer.start()

    def _current(self) -> Inputs:
        """The inputs as the window holds them now (their contingency is not one)."""
        plan = self._ctx.plan
        assert plan is not None
        settings = (plan.id, plan.currency, plan.capex_view, plan.start, plan.end)
        return Inputs(settings, tuple(self._ctx.lines.values()))

    def rerun(self) -> None:
        """Simulate the plan as it is now, in the background (after the running one).

        Only copies are made here (the GUI thread must not stall on a 10,000-line
        plan): the lines' tuple and the budget's cells; sorting, checking the ranges
        and drawing happen in the pool thread.
        """
        plan, budget = self._ctx.plan, self._ctx.budget
        if plan is None or budget is None:
            return
        if self._running:
            self._pending = True
            return
        inputs = self._inputs = self._current()
        totals = FrozenTotals(budget.digits, budget.subtotal, dict(budget.cells))
        self._running = True
        self.runs_started += 1
        self._show_status()

        def work(progress: Progress) -> RiskResult:
            progress.check()
            with _gui_friendly():
                return _simulate(plan, inputs.lines, totals)

        self._ctx.background.run(
            f"Simulating the risk of {plan.name}", work, self._on_done, self._on_failed
        )

    def _finished(self) -> bool:
        """The job ended; True if its result is the plan's latest."""
        self._running = False
        if self._pending or self._ctx.plan is None or not self._current().same_as(self._inputs):
            self._pending = False
            self.rerun()
            return False
        return True

    def _on_done(self, result: object) -> None:
        assert isinstance(result, RiskResult)
        latest = self._finished()
        self.result, self.message = result, ""
        self.out_of_date = not latest
        self._show_result(result)
        self.result_shown.emit(result)

    def _on_failed(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            self._running = False
            return
        latest = self._finished()
        known = isinstance(exc, (BadInput, InvalidValue))
        self.result = None
        self.message = str(exc) if known else f"The simulation failed: {exc}"

        self.out_of_date = not latest
        self.notice.setText(self.message)
        self.stack.setCurrentWidget(self.notice)
        self._update_button()
        self._show_status()
        self.result_shown.emit(self.message)

    # ---- Showing

    def money(self, minor: int) -> str:
        """An amount as the rest of the window writes it: ``USD 1,234.56``."""
        plan = self._ctx.plan
        digits = self.result.digits if self.result else 2
        return (
            format_display(minor, digits, plan.currency) if plan else grouped_amount(minor, digits)
        )

    def _show_result(self, result: RiskResult) -> None:
        scale = float(10**result.digits)
        self.distribution.show_result(result, scale)
        self.tornado.show_result(result)
        rows = [("Base (subtotal)", result.base, None), ("Mean", result.mean, None)]
        rows += [(f"P{p}", result.percentiles[p], p) for p in PERCENTILES]
        for row, (name, amount, p) in enumerate(rows):
            pct = f"{result.contingency_pct(p):f}" if p is not None else ""
            amount_text = grouped_amount(amount, result.digits)
            for column, text in enumerate((name, amount_text, pct)):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        currency = self._ctx.plan.currency if self._ctx.plan else ""
        self.table.setHorizontalHeaderLabels(["", f"Subtotal ({currency})", "Contingency %"])
        self.table.resizeColumnsToContents()
        self.stack.setCurrentWidget(self.tabs)
        self._update_button()
        self._show_status()

    def _show_status(self) -> None:
        result = self.result
        if result is None and not self.message:
            text = "Simulating…" if self._running else "No simulation yet"
        elif result is None:
            text = "Cannot simulate"
        else:
            text = (
                f"{result.runs:,} runs, {len(result.ranged)} ranged lines · "
                f"P80 {self.money(result.percentiles[80])}"
            )
        if self.out_of_date:
            text += " · out of date, simulating again…"
        self.status.setText(text)
        # the last result stays readable but visibly stale until the new one arrives
        self._fade.setEnabled(self.out_of_date)

    def _update_button(self) -> None:
        p = self.percentile()
        self.set_button.setText(f"Set contingency to P{p}")
        enabled = self.result is not None and not self.out_of_date
        self.set_button.setEnabled(enabled)
        if self.result is not None:
            pct = self.result.contingency_pct(p)
            self.set_button.setToolTip(f"Set the plan's contingency to {pct:f} % (P{p})")

    # ---- Contingency

    def percentile(self) -> int:
        return int(self.choice.currentData())

    def set_contingency(self) -> bool:
        """Store the chosen percentile's contingency as one undoable step."""
        from app.services.plan_commands import EditPlan

        plan, result = self._ctx.plan, self.result
        if plan is None or plan.id is None or result is None or not self._ctx.finish_editing():
            return False
        p = self.percentile()
        pct = result.contingency_pct(p)
        if pct == plan.contingency_pct:
            return True
        return self._ctx.run(
            EditPlan(plan.id, contingency_pct=pct), f"Set contingency to P{p} ({pct:f} %)"
        )
