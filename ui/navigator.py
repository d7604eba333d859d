"""The navigator: the eight categories and their sections, each with its subtotal.

Choosing a category shows its editor; choosing a section also narrows the editor to
that section. Subtotals are the budget's own (sums of rounded cells), refreshed
after every edit.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from app.domain.taxonomy import CATEGORY_KEYS, Taxonomy
from app.services.line_fields import grouped_amount
from ui.context import AppContext
from ui.theme import category_icon, number_font

Index = QModelIndex | QPersistentModelIndex
ROLE = Qt.ItemDataRole
TOP = 0  # internal id of category rows; a section row stores its category row + 1
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
HANDLED = frozenset(
    {
        ROLE.DisplayRole,
        ROLE.AccessibleTextRole,
        ROLE.DecorationRole,
        ROLE.TextAlignmentRole,
        ROLE.FontRole,
        ROLE.ToolTipRole,
    }
)


class NavigatorModel(QAbstractItemModel):
    """Categories (top level) and sections (children); columns: name and amount."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self._ctx = ctx
        self._taxonomy: Taxonomy = ctx.taxonomy
        self._font = number_font(QFont())

    def keys(self, index: Index) -> tuple[str, str | None]:
        """``(category, section or None)`` of a row."""
        if index.internalId() == TOP:
            return CATEGORY_KEYS[index.row()], None
        category = CATEGORY_KEYS[index.internalId() - 1]
        return category, self._taxonomy.category(category).sections[index.row()].key

    def index_of(self, category: str, section: str | None = None) -> QModelIndex:
        row = CATEGORY_KEYS.index(category)
        top = self.index(row, 0)
        if section is None:
            return top
        sections = [s.key for s in self._taxonomy.category(category).sections]
        return self.index(sections.index(section), 0, top)

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, TOP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == TOP:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, TOP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        if not parent.isValid():
            return len(CATEGORY_KEYS)
        if parent.internalId() == TOP and parent.column() == 0:
            return len(self._taxonomy.category(CATEGORY_KEYS[parent.row()]).sections)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = ROLE.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != ROLE.DisplayRole:
            return None
        if section == 0:
            return "Category"
        plan = self._ctx.plan
        return f"Amount ({plan.currency})" if plan else "Amount"

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = ROLE.DisplayRole) -> Any:
        if not index.isValid() or role not in HANDLED:
            return None
        category, section = self.keys(index)
        if role == ROLE.DisplayRole or role == ROLE.AccessibleTextRole:
            if index.column() == 0:
                return self._taxonomy.label(category, section)
            return self._amount(category, section)
        if role == ROLE.DecorationRole and index.column() == 0 and section is None:
            return category_icon(category)
        if role == ROLE.TextAlignmentRole and index.column() == 1:
            return RIGHT
        if role == ROLE.FontRole and index.column() == 1:
            return self._font
        if role == ROLE.ToolTipRole and index.column() == 0:
            return f"Show {self._taxonomy.label(category, section)}"
        return None

    def _amount(self, category: str, section: str | None) -> str:
        totals, budget = self._ctx.totals, self._ctx.budget
        if totals is None or budget is None:
            return ""
        if section is None:
            return grouped_amount(totals.by_category.get(category, 0), budget.digits)
        return grouped_amount(totals.by_section.get((category, section), 0), budget.digits)

    def refresh(self) -> None:
        """New amounts (and a new taxonomy or currency) everywhere."""
        self._taxonomy = self._ctx.taxonomy
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 1)
        last = len(CATEGORY_KEYS) - 1
        self.dataChanged.emit(self.index(0, 0), self.index(last, 1))
        for row in range(len(CATEGORY_KEYS)):
            parent = self.index(row, 0)
            count = self.rowCount(parent)
            if count:
                self.dataChanged.emit(self.index(0, 0, parent), self.index(count - 1, 1, parent))


class Navigator(QTreeView):
    """The tree of categories and sections; tells the window which one was chosen."""

    chosen = Signal(str, object)
    """The planner chose ``(category, section or None)``."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigator")
        self.setAccessibleName("Categories and sections")
        self.navigator_model = NavigatorModel(ctx)
        self.setModel(self.navigator_model)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(False)
        self.setIconSize(QSize(20, 20))
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        # wide enough for "99,999,999.99" without measuring every row
        header.resizeSection(1, self.fontMetrics().horizontalAdvance("99,999,999.99") + 16)
        self.selectionModel().currentChanged.connect(
            lambda current, _previous: self._on_current_changed(current)
        )
        for event in (ctx.bus.totals_changed, ctx.bus.plan_changed, ctx.bus.plan_opened):
            event.connect(lambda _value: self.navigator_model.refresh())
        self.expandAll()

    def select(self, category: str, section: str | None = None) -> None:
        index = self.navigator_model.index_of(category, section)
        if self.currentIndex() != index:
            self.setCurrentIndex(index)

    def _on_current_changed(self, current: QModelIndex) -> None:
        if current.isValid():
            category, section = self.navigator_model.keys(current.siblingAtColumn(0))
            self.chosen.emit(category, section)
