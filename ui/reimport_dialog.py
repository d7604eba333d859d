"""What re-importing a workbook would change in the plan it came from, before it happens.

A workbook exported from a plan carries hidden ids; read back, it can update that plan
in place. The planner sees every change first (settings, lines added, changed with
before → after, removed, phases) and chooses: update the plan (one undoable step),
import the workbook as a new plan, or cancel.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.cost_models import LABELS
from app.domain.plan import Line, Phase, Plan
from app.services.reimport import LineChange, ReimportPreview
from ui.theme import set_role

Index = QModelIndex | QPersistentModelIndex


class Choice(IntEnum):
    """The planner's answer (the dialog's result code)."""

    CANCEL = 0
    UPDATE = 1
    IMPORT_NEW = 2


@dataclass(frozen=True)
class ChangeRow:
    """One line of the list: what kind of change, to what, and the details."""

    kind: str
    subject: str
    details: str


COLUMNS = ("Change", "Line or setting", "Before → after")
FIELD_NAMES = {
    "contingency_pct": "Contingency %",
    "capex_view": "Capital costs shown as",
    "cost_model": "cost model",
    "dates_from_phase": "dates from phase",
    "catalogue_ref": "catalogue price",
    "catalogue_price": "catalogue unit price",
    "catalogue_as_of": "catalogue date",
    "low_estimate": "low estimate",
    "high_estimate": "high estimate",
}
"""Field names as the planner reads them, where the key is not already plain words."""


def _field(name: str) -> str:
    return FIELD_NAMES.get(name, name.replace("_", " "))


def _shown(value: object) -> str:
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value) or "(none)"
    return str(value)


def _line_details(change: LineChange) -> str:
    before, after = change.before, change.after
    parts: list[str] = []
    for name in change.fields:
        if name == "drivers":
            keys = dict.fromkeys([*before.drivers, *after.drivers])
            for key in keys:
                old, new = before.drivers.get(key), after.drivers.get(key)
                if old != new:
                    parts.append(f"{_field(key)}: {_shown(old)} → {_shown(new)}")
        elif name == "phase":
            parts.append("phase changed")
        elif name == "order":
            parts.append("moved in the list")
        else:
            parts.append(
                f"{_field(name)}: {_shown(getattr(before, name))} → {_shown(getattr(after, name))}"
            )
    return "; ".join(parts)


def change_rows(current: Plan, incoming: Plan, preview: ReimportPreview) -> list[ChangeRow]:
    """The preview as rows a planner reads: settings first, then lines, then phases."""
    rows = [
        ChangeRow(
            "Setting",
            _field(name).capitalize(),
            f"{_shown(getattr(current, name))} → {_shown(getattr(incoming, name))}",
        )
        for name in preview.plan_fields
    ]
    rows += [ChangeRow("Added", _line_name(line), _line_summary(line)) for line in preview.added]
    rows += [ChangeRow("Changed", c.before.name, _line_details(c)) for c in preview.changed]
    rows += [
        ChangeRow("Removed", _line_name(line), f"was {_line_summary(line)}")
        for line in preview.removed
    ]
    rows += [
        ChangeRow("Phase added", _phase_name(p), _phase_dates(p)) for p in preview.phases_added
    ]
    rows += [
        ChangeRow("Phase changed", _phase_name(p), _phase_dates(p)) for p in preview.phases_changed
    ]
    rows += [ChangeRow("Phase removed", _phase_name(p), "") for p in preview.phases_removed]
    return rows


def _line_name(line: Line) -> str:
    return f"{line.name} ({line.category})"


def _line_summary(line: Line) -> str:
    drivers = ", ".join(f"{_field(k)} {v}" for k, v in line.drivers.items())
    dates = f"{line.start.isoformat()} to {line.end.isoformat()}"
    return f"{LABELS[line.cost_model].lower()}: {drivers}; {dates}"


def _phase_name(phase: Phase) -> str:
    return f"{phase.name} ({phase.key})"


def _phase_dates(phase: Phase) -> str:
    return f"{phase.start.isoformat()} to {phase.end.isoformat()}"


class ChangeListModel(QAbstractTableModel):
    """A thin read-only view of the change rows."""

    def __init__(self, rows: list[ChangeRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows = rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        row = self._rows[index.row()]
        return (row.kind, row.subject, row.details)[index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None


def _headline(name: str, preview: ReimportPreview) -> str:
    if preview.unchanged:
        return f"The workbook matches “{name}” exactly: nothing would change."
    counts = [
        (len(preview.plan_fields), "setting", "settings"),
        (len(preview.added), "line added", "lines added"),
        (len(preview.changed), "line changed", "lines changed"),
        (len(preview.removed), "line removed", "lines removed"),
        (
            len(preview.phases_added) + len(preview.phases_changed) + len(preview.phases_removed),
            "phase changed",
            "phases changed",
        ),
    ]
    said = ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts if n)
    return f"This workbook was exported from “{name}”. Updating the plan from it: {said}."


class ReimportDialog(QDialog):
    """The changes a re-import makes, and Update / Import as a new plan / Cancel."""

    def __init__(
        self, current: Plan, incoming: Plan, preview: ReimportPreview, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Update Plan from Workbook")
        self.setObjectName("reimport-dialog")
        self.headline = QLabel(_headline(current.name, preview))
        self.headline.setWordWrap(True)
        self.model = ChangeListModel(change_rows(current, incoming, preview), self)
        self.table = QTableView()
        set_role(self.table, "selection")
        self.table.setTabKeyNavigation(False)
        self.table.setObjectName("reimport-changes")
        self.table.setAccessibleName("Changes the update makes")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(1, 330)
        self.table.setVisible(not preview.unchanged)
        note = QLabel("Updating is one step: Edit → Undo restores the plan as it is now.")
        set_role(note, "hint")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.update_button = QPushButton(f"&Update “{current.name}”")
        self.update_button.setObjectName("reimport-update")
        self.update_button.setEnabled(not preview.unchanged)
        self.new_button = QPushButton("Import as a &New Plan…")
        self.new_button.setObjectName("reimport-new")
        self.buttons.addButton(self.update_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.new_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.update_button.clicked.connect(lambda: self.done(Choice.UPDATE))
        self.new_button.clicked.connect(lambda: self.done(Choice.IMPORT_NEW))
        self.buttons.rejected.connect(self.reject)
        if not preview.unchanged:
            self.update_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.resize(900, 420)

    @classmethod
    def ask(
        cls, parent: QWidget | None, current: Plan, incoming: Plan, preview: ReimportPreview
    ) -> Choice:
        """Ask modally; Cancel (or closing the dialog) changes nothing."""
        dialog = cls(current, incoming, preview, parent)
        try:
            result = dialog.exec()
        finally:
            dialog.deleteLater()
        return Choice(result) if result in tuple(Choice) else Choice.CANCEL
