"""The plan's phases as a table: name, dates, dependencies, milestone, lines following.

A thin adapter over frozen Phase values; an edit becomes an ``EditPhase`` command,
which also moves every line that takes its dates from the phase.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.domain.errors import InvalidValue
from app.domain.plan import Phase
from app.services.phase_fields import PHASE_COLUMNS, depends_text, early_start, phase_with_value
from ui.context import AppContext
from ui.theme import error_colour

Index = QModelIndex | QPersistentModelIndex
ROLE = Qt.ItemDataRole
MILESTONE = next(i for i, c in enumerate(PHASE_COLUMNS) if c.key == "milestone")
LINES = next(i for i, c in enumerate(PHASE_COLUMNS) if c.key == "lines")


class PhaseTableModel(QAbstractTableModel):
    """One row per phase in timeline order."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self._ctx = ctx
        self._rows: list[Phase] = []
        self._counts: dict[int | None, int] = {}

    def phase(self, row: int) -> Phase:
        return self._rows[row]

    def row_of(self, phase_id: int) -> int | None:
        return next((r for r, p in enumerate(self._rows) if p.id == phase_id), None)

    def reset(self, phases: list[Phase]) -> None:
        self.beginResetModel()
        self._rows = sorted(phases, key=lambda p: (p.position, p.id or 0))
        self._count()
        self.endResetModel()

    def update(self, phases: list[Phase]) -> None:
        """New phase values: rows change in place when the phases are the same ones."""
        ordered = sorted(phases, key=lambda p: (p.position, p.id or 0))
        if [p.id for p in ordered] != [p.id for p in self._rows]:
            self.reset(ordered)
            return
        self._rows = ordered
        self._count()
        if self._rows:
            last = len(PHASE_COLUMNS) - 1
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, last))

    def refresh_counts(self) -> None:
        self._count()
        if self._rows:
            self.dataChanged.emit(self.index(0, LINES), self.index(len(self._rows) - 1, LINES))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(PHASE_COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = ROLE.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(PHASE_COLUMNS):
            if role == ROLE.DisplayRole:
                return PHASE_COLUMNS[section].title
            if role == ROLE.TextAlignmentRole and section == LINES:
                return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == MILESTONE:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() == LINES:
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = ROLE.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(
            self._rows
        ):  # (cheaper than checkIndex)
            return None
        phase = self._rows[index.row()]
        key = PHASE_COLUMNS[index.column()].key
        if role in (ROLE.DisplayRole, ROLE.EditRole):
            if key == "milestone":
                return None
            if key == "lines":
                return str(self._following(phase)) if role == ROLE.DisplayRole else None
            if key == "depends_on":
                return depends_text(phase, self._rows)
            value = getattr(phase, key)
            if isinstance(value, date):
                return value.isoformat() if role == ROLE.DisplayRole else value
            return value
        if role == ROLE.CheckStateRole and key == "milestone":
            return Qt.CheckState.Checked if phase.milestone else Qt.CheckState.Unchecked
        if role == ROLE.TextAlignmentRole and key == "lines":
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if key in ("start", "depends_on") and role in (ROLE.ForegroundRole, ROLE.ToolTipRole):
            early = early_start(phase, self._rows)
            if role == ROLE.ForegroundRole:
                return error_colour() if early else None
            if early:
                return f"{phase.name} {early}"
            if key == "depends_on":
                return "Phases this one waits for, by name, separated by commas"
        return None

    def setData(self, index: Index, value: Any, role: int = ROLE.EditRole) -> bool:
        if not index.isValid():
            return False
        key = PHASE_COLUMNS[index.column()].key
        if role == ROLE.CheckStateRole and key == "milestone":
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != ROLE.EditRole or key in ("milestone", "lines"):
            return False
        return self.edit(index.row(), key, value)

    def check(self, row: int, key: str, value: object) -> Phase:
        """The phase with the value entered (raises InvalidValue with the reason)."""
        return phase_with_value(self._rows[row], key, value, self._rows)

    def edit(self, row: int, key: str, value: object) -> bool:
        from app.services.phase_commands import EditPhase

        phase = self._rows[row]
        try:
            new = self.check(row, key, value)
        except InvalidValue as exc:
            self._ctx.refuse(exc)
            return False
        if new == phase:
            return True
        title = next(c.title for c in PHASE_COLUMNS if c.key == key)
        moved = key in ("start", "end")
        text = f"Move phase {phase.name}" if moved else f"Edit phase {phase.name}: {title}"
        return self._ctx.run(EditPhase(new), text, f"phase:{phase.id}:{key}")

    def _following(self, phase: Phase) -> int:
        return self._counts.get(phase.id, 0)

    def _count(self) -> None:
        counts: dict[int | None, int] = {}
        for line in self._ctx.lines.values():
            if line.dates_from_phase:
                counts[line.phase_id] = counts.get(line.phase_id, 0) + 1
        self._counts = counts
