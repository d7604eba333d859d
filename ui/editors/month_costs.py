"""One line's cost month by month, exactly the budget's cells, for the detail form."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.engine.calendar import month_label
from app.services.line_fields import grouped_amount

Index = QModelIndex | QPersistentModelIndex
ROLE = Qt.ItemDataRole
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class MonthCostModel(QAbstractTableModel):
    """Rows are the months a line costs something in; columns: month and amount."""

    def __init__(self) -> None:
        super().__init__()
        self._first = 0
        self._amounts: tuple[int, ...] = ()
        self._digits = 2
        self._currency = ""

    def show(self, first: int, amounts: tuple[int, ...], digits: int, currency: str) -> None:
        self.beginResetModel()
        self._first, self._amounts = first, amounts
        self._digits, self._currency = digits, currency
        self.endResetModel()

    def clear(self) -> None:
        self.show(0, (), self._digits, self._currency)

    def total(self) -> int:
        return sum(self._amounts)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._amounts)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = ROLE.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < 2:
            return None
        if role == ROLE.DisplayRole:
            return "Month" if section == 0 else f"Cost ({self._currency})"
        if role == ROLE.TextAlignmentRole and section == 1:
            return RIGHT
        return None

    def data(self, index: Index, role: int = ROLE.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(
            self._amounts
        ):  # (cheaper than checkIndex)
            return None
        month = self._first + index.row()
        amount = self._amounts[index.row()]
        if role in (ROLE.DisplayRole, ROLE.AccessibleTextRole):
            if index.column() == 0:
                return month_label(month)
            return grouped_amount(amount, self._digits)
        if role == ROLE.TextAlignmentRole and index.column() == 1:
            return RIGHT
        return None
