"""The database's plans as a list model, shared by the plan switcher and the Open Plan dialog."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from app.domain.plan import Plan

Index = QModelIndex | QPersistentModelIndex
PLAN_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class PlanListModel(QAbstractListModel):
    """The database's plans by name (for the switcher and the open dialog)."""

    def __init__(self) -> None:
        super().__init__()
        self._plans: list[Plan] = []

    def reset(self, plans: tuple[Plan, ...] | list[Plan]) -> None:
        self.beginResetModel()
        self._plans = list(plans)
        self.endResetModel()

    def plan(self, row: int) -> Plan:
        return self._plans[row]

    def row_of(self, plan_id: int | None) -> int:
        return next((r for r, p in enumerate(self._plans) if p.id == plan_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._plans)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(
            self._plans
        ):  # (cheaper than checkIndex)
            return None
        plan = self._plans[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return plan.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{plan.name}\n{plan.currency}, {plan.start} to {plan.end}"
        if role == PLAN_ID_ROLE:
            return plan.id
        return None
