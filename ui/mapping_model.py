"""The mapping dialog's preview: each sheet row, the line it makes, or why it cannot.

A thin table over the core's :class:`RowPreview` values. The first column's check box
says whether the row is imported; unticking a row the planner does not want (a row
that cannot be read, say) is how rows are skipped explicitly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QPalette

from app.domain.cost_models import LABELS
from app.domain.errors import InvalidValue
from app.domain.taxonomy import Taxonomy
from app.io.xlsx import RowPreview

Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("Import", "Row", "Line", "Category", "Cost model", "Dates", "Amount", "Problems")
AMOUNT = COLUMNS.index("Amount")
RIGHT_ALIGNED = (1, AMOUNT)
SKIPPED_BY_YOU = "left out by you"


def problems_text(row: RowPreview) -> str:
    """The row's problems as the planner fixes them: sheet, cell and reason."""
    if row.problems:
        return "; ".join(str(p) for p in row.problems)
    return f"skipped: {row.skipped}" if row.skipped else ""


class RowPreviewModel(QAbstractTableModel):
    """Rows of the planner's sheet as read through the current mapping."""

    inclusion_changed = Signal(int, bool)
    """The planner ticked or unticked a row: (1-based row number, imported)."""

    def __init__(self, taxonomy: Taxonomy, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._taxonomy = taxonomy
        self._rows: tuple[RowPreview, ...] = ()
        self._names: Mapping[int, str] = {}
        self._amounts: Mapping[int, str] = {}

    def set_rows(
        self,
        rows: Sequence[RowPreview],
        names: Mapping[int, str],
        amounts: Mapping[int, str] | None = None,
    ) -> None:
        """Show ``rows``; ``names`` is each row's line name as typed (for rows with no line),
        ``amounts`` each readable row's cost, as shown (by 1-based sheet row)."""
        self.beginResetModel()
        self._rows = tuple(rows)
        self._names = dict(names)
        self._amounts = dict(amounts or {})
        self.endResetModel()

    def row_preview(self, row: int) -> RowPreview:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0 and self._checkable(self._rows[index.row()]):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    @staticmethod
    def _checkable(row: RowPreview) -> bool:
        return not row.skipped or row.skipped == SKIPPED_BY_YOU

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == 0 and self._checkable(row):
            skipped = row.skipped == SKIPPED_BY_YOU
            return Qt.CheckState.Unchecked if skipped else Qt.CheckState.Checked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.problems and column == len(COLUMNS) - 1:
                return QBrush(Qt.GlobalColor.darkRed)
            if row.skipped:
                return QPalette().brush(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in RIGHT_ALIGNED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: RowPreview, column: int) -> str:
        line = row.line
        if column == 0:
            return ""
        if column == 1:
            return str(row.row)
        if column == len(COLUMNS) - 1:
            return problems_text(row)
        if column == 2:
            return line.name if line is not None else self._names.get(row.row, "")
        if line is None:
            return ""
        if column == 3:
            return self._place(line.category, line.section)
        if column == 4:
            return LABELS[line.cost_model]
        if column == AMOUNT:
            return self._amounts.get(row.row, "")
        return f"{line.start.isoformat()} to {line.end.isoformat()}"

    def _place(self, category: str, section: str) -> str:
        try:
            return f"{self._taxonomy.label(category)} · {self._taxonomy.label(category, section)}"
        except InvalidValue:  # the row's problems say what is wrong with it
            return f"{category} · {section}"

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0 or not index.isValid():
            return False
        row = self._rows[index.row()]
        if not self._checkable(row):
            return False
        state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(int(value))
        self.inclusion_changed.emit(row.row, state == Qt.CheckState.Checked)
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None
