"""The time editor: the plan's phases above the time lines (training runs, maintenance).

Phases are edited in place (name, start, end, what they depend on, milestone); a
line elsewhere in the plan can take its dates from a phase, and moving the phase
here moves those lines, all in one undoable step.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import InvalidValue
from app.domain.plan import Phase
from app.services.line_fields import refusal
from app.services.phase_fields import PHASE_COLUMNS, new_phase
from ui.editors.category_editor import CategoryEditor
from ui.editors.delegates import DateDelegate, TextDelegate
from ui.editors.phase_model import PhaseTableModel
from ui.editors.registry import register
from ui.theme import set_role


@register
class TimeEditor(CategoryEditor):
    category = "time"
    blurb = "Phases of the project, training runs and maintenance effort."

    def top_panel(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 4)
        row = QHBoxLayout()
        heading = QLabel("Phases")
        set_role(heading, "heading")
        row.addWidget(heading)
        hint = QLabel(
            "Lines following a phase move with it. Red: starts before what it waits for ends."
        )
        set_role(hint, "hint")
        hint.setToolTip(hint.text())
        # may be cut short on a narrow window rather than widen it
        hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        row.addWidget(hint, 1)
        self.add_phase_button = QPushButton("Add Pha&se")
        self.add_phase_button.setAccessibleName("Add phase")
        self.add_phase_button.clicked.connect(self.add_phase)
        row.addWidget(self.add_phase_button)
        self.delete_phase_button = QPushButton("Dele&te Phase")
        self.delete_phase_button.setAccessibleName("Delete phase")
        self.delete_phase_button.clicked.connect(self.delete_phase)
        row.addWidget(self.delete_phase_button)
        layout.addLayout(row)

        self.phases = PhaseTableModel(self._ctx)
        self.phase_table = QTableView()
        set_role(self.phase_table, "selection")
        self.phase_table.setObjectName("table-phases")
        self.phase_table.setAccessibleName("Phases")
        self.phase_table.setModel(self.phases)
        self.phase_table.verticalHeader().hide()
        self.phase_table.setAlternatingRowColors(True)
        self.phase_table.setTabKeyNavigation(False)
        self.phase_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.phase_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.phase_table.horizontalHeader()
        # the name keeps its width and the table scrolls when narrow (a stretched
        # name column shrank to a few letters beside the fixed ones)
        header.setStretchLastSection(True)
        metrics = header.fontMetrics()
        for col, width in ((0, 180), (1, 116), (2, 116), (3, 200), (4, 84), (5, 110)):
            title = PHASE_COLUMNS[col].title
            header.resizeSection(col, max(width, metrics.horizontalAdvance(title) + 28))
        self._phase_delegates = [
            TextDelegate(self._check_phase, parent=self),
            DateDelegate(self._check_phase, self),
            DateDelegate(self._check_phase, self),
            TextDelegate(self._check_phase, parent=self),
        ]
        for col, delegate in enumerate(self._phase_delegates):
            delegate.refused.connect(self._ctx.bus.edit_refused)
            self.phase_table.setItemDelegateForColumn(col, delegate)
        layout.addWidget(self.phase_table)

        bus = self._ctx.bus
        bus.plan_opened.connect(lambda _opened: self._reload_phases())
        bus.phases_changed.connect(lambda phases: self.phases.update(list(phases)))
        bus.lines_changed.connect(lambda _changed, _removed: self.phases.refresh_counts())
        self._reload_phases()
        return panel

    def _reload_phases(self) -> None:
        current = self.phase_table.currentIndex()
        self.phases.reset(list(self._ctx.phases.values()))
        if current.isValid() and current.row() < self.phases.rowCount():
            self.phase_table.setCurrentIndex(self.phases.index(current.row(), current.column()))

    def _check_phase(self, index: QModelIndex, value: object) -> str | None:
        try:
            self.phases.check(index.row(), PHASE_COLUMNS[index.column()].key, value)
        except InvalidValue as exc:
            return refusal(exc)
        return None

    def selected_phase(self) -> Phase | None:
        index = self.phase_table.currentIndex()
        return self.phases.phase(index.row()) if index.isValid() else None

    def add_phase(self) -> int | None:
        from app.services.phase_commands import AddPhase

        plan = self._ctx.plan
        if plan is None:
            return None
        phase = new_phase(plan, list(self._ctx.phases.values()))
        command = AddPhase(phase)
        if not self._ctx.run(command, f"Add phase {phase.name}") or command.phase_id is None:
            return None
        row = self.phases.row_of(command.phase_id)
        if row is not None:
            self.phase_table.setCurrentIndex(self.phases.index(row, 0))
            self.phase_table.edit(self.phases.index(row, 0))
        return command.phase_id

    def delete_phase(self) -> bool:
        from app.services.phase_commands import DeletePhase

        phase = self.selected_phase()
        if phase is None or phase.id is None:
            return False
        return self._ctx.run(DeletePhase(phase.id), f"Delete phase {phase.name}")
