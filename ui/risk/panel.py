"""The Risk dock's content: the simulation of the open plan, kept up to date in the background.

A change to the plan's lines starts a new simulation (debounced, one at a time); the
last result stays shown, marked out of date, until the new one arrives. A plan with
no ranged line, or a range that does not hold its line's total, shows the engine's
message instead of the charts. "Set contingency to P80" (or the chosen percentile)
stores the plan's contingency percentage as one undoable step.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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
from app.domain.plan import PlanSnapshot
from app.engine.risk import PERCENTILES, RiskResult
from app.services.line_fields import grouped_amount
from ui.background import Cancelled, Progress
from ui.context import AppContext
from ui.risk.charts import DistributionChart, TornadoChart

RUNS = 10_000
SEED = 1
DEBOUNCE_MS = 400
CHOICES = (50, 70, 80, 90, 95)
"""Percentiles the contingency can be set to."""


def contingency_pct(result: RiskResult, percentile: int) -> Decimal:
    """(Pxx − base) / base × 100, two decimals, never below 0."""
    if result.base <= 0:
        return Decimal("0.00")
    pct = Decimal(result.percentiles[percentile] - result.base) * 100 / Decimal(result.base)
    return max(Decimal("0.00"), pct.quantize(Decimal("0.01"), ROUND_HALF_UP))


def _simulate(snapshot: PlanSnapshot) -> RiskResult:
    from app.engine.risk import simulate

    return simulate(snapshot, runs=RUNS, seed=SEED)


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
        self._inputs: object = None
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
        if self._ctx.plan is None or self._inputs == self._key():
            return
        self.out_of_date = self.result is not None or bool(self.message)
        self._update_button()
        self._show_status()
        self._timer.start()

    def _key(self) -> object:
        plan = self._ctx.plan
        assert plan is not None
        return (plan.id, plan.currency, tuple(self._ctx.lines.values()))

    def rerun(self) -> None:
        """Simulate the plan as it is now, in the background (after the running one)."""
        plan = self._ctx.plan
        if plan is None:
            return
        if self._running:
            self._pending = True
            return
        self._inputs = self._key()
        snapshot = PlanSnapshot(
            plan, tuple(self._ctx.phases.values()), tuple(self._ctx.plan_lines())
        )
        self._running = True
        self.runs_started += 1
        self._show_status()

        def work(progress: Progress) -> RiskResult:
            progress.check()
            return _simulate(snapshot)

        self._ctx.background.run(
            f"Simulating the risk of {plan.name}", work, self._on_done, self._on_failed
        )

    def _finished(self) -> bool:
        """The job ended; True if its result is the plan's latest."""
        self._running = False
        if self._pending or self._inputs != (self._key() if self._ctx.plan else None):
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
        plan = self._ctx.plan
        digits = self.result.digits if self.result else 2
        return f"{grouped_amount(minor, digits)} {plan.currency if plan else ''}".strip()

    def _show_result(self, result: RiskResult) -> None:
        scale = float(10**result.digits)
        self.distribution.show_result(result, scale)
        self.tornado.show_result(result)
        rows = [("Base (subtotal)", result.base, None), ("Mean", result.mean, None)]
        rows += [(f"P{p}", result.percentiles[p], p) for p in PERCENTILES]
        for row, (name, amount, p) in enumerate(rows):
            pct = f"{contingency_pct(result, p):f}" if p is not None else ""
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

    def _update_button(self) -> None:
        p = self.percentile()
        self.set_button.setText(f"Set contingency to P{p}")
        enabled = self.result is not None and not self.out_of_date
        self.set_button.setEnabled(enabled)
        if self.result is not None:
            pct = contingency_pct(self.result, p)
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
        pct = contingency_pct(result, p)
        if pct == plan.contingency_pct:
            return True
        return self._ctx.run(
            EditPlan(plan.id, contingency_pct=pct), f"Set contingency to P{p} ({pct:f} %)"
        )
