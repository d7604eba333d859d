"""The navigator: the eight categories and their sections, each with its subtotal.

Choosing a category shows its editor; choosing a section also narrows the editor to
that section. Subtotals are the budget's own (sums of rounded cells), refreshed
after every edit.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTreeView, QWidget

from app.domain.taxonomy import CATEGORY_KEYS
from app.services.line_fields import grouped_amount
from ui.context import AppContext
from ui.theme import category_icon, number_font

ROLE = Qt.ItemDataRole
CATEGORY_ROLE = ROLE.UserRole + 1
SECTION_ROLE = ROLE.UserRole + 2  # "" on a category's own row
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class NavigatorModel(QStandardItemModel):
    """Categories (top level) and sections (children); columns: name and amount.

    The tree is small and its shape comes from the taxonomy, so its texts live in Qt's
    own items: the view reads them without calling Python (a Python model answered
    some 1,500 calls for the first paint alone). :meth:`refresh` rewrites the texts,
    and a category's section rows if the taxonomy's sections are no longer the same.
    """

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self._ctx = ctx
        self._font = number_font(QFont())
        self.setColumnCount(2)
        for category in CATEGORY_KEYS:
            name, amount = _row(self._font, category)
            name.setIcon(category_icon(category))
            self.appendRow([name, amount])
        self.refresh()  # adds the sections

    def keys(self, index: QModelIndex) -> tuple[str, str | None]:
        """``(category, section or None)`` of a row."""
        name = index.siblingAtColumn(0)
        return name.data(CATEGORY_ROLE), name.data(SECTION_ROLE) or None

    def index_of(self, category: str, section: str | None = None) -> QModelIndex:
        top = self.index(CATEGORY_KEYS.index(category), 0)
        if section is None:
            return top
        sections = [s.key for s in self._ctx.taxonomy.category(category).sections]
        return self.index(sections.index(section), 0, top)

    def refresh(self) -> None:
        """New amounts (and a new taxonomy's labels or currency) everywhere."""
        ctx = self._ctx
        taxonomy, totals, budget, plan = ctx.taxonomy, ctx.totals, ctx.budget, ctx.plan
        self.setHorizontalHeaderLabels(
            ["Category", f"Amount ({plan.currency})" if plan else "Amount"]
        )

        def amount(value: int) -> str:
            return "" if budget is None else grouped_amount(value, budget.digits)

        for row, category in enumerate(CATEGORY_KEYS):
            name, total = self.item(row, 0), self.item(row, 1)
            _show(name, short_label(taxonomy.label(category)), taxonomy.label(category))
            total.setText(amount(totals.by_category.get(category, 0) if totals else 0))
            sections = taxonomy.category(category).sections
            keys = [s.key for s in sections]
            if [name.child(r, 0).data(SECTION_ROLE) for r in range(name.rowCount())] != keys:
                name.removeRows(0, name.rowCount())
                for key in keys:
                    name.appendRow(list(_row(self._font, category, key)))
            for child, section in enumerate(sections):
                _show(name.child(child, 0), taxonomy.label(category, section.key))
                by_section = totals.by_section.get((category, section.key), 0) if totals else 0
                name.child(child, 1).setText(amount(by_section))


def _row(font: QFont, category: str, section: str = "") -> tuple[QStandardItem, QStandardItem]:
    """A name and an amount item, selectable, not editable."""
    name, amount = QStandardItem(), QStandardItem()
    for item in (name, amount):
        item.setEditable(False)
        item.setDragEnabled(False)
        item.setDropEnabled(False)
    name.setData(category, CATEGORY_ROLE)
    name.setData(section, SECTION_ROLE)
    amount.setTextAlignment(RIGHT)
    amount.setFont(font)
    return name, amount


def short_label(label: str) -> str:
    """A category's name without the word every category shares ("Computing")."""
    return label.removesuffix(" Resources")


def _show(item: QStandardItem, label: str, full: str = "") -> None:
    if item.text() != label:
        item.setText(label)
        item.setToolTip(f"Show {full or label}")


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
        amount = self.fontMetrics().horizontalAdvance("99,999,999.99") + 16
        header.resizeSection(1, amount)
        # never so narrow that a category's name is cut (a section's may be, with "…")
        longest = max(
            self.fontMetrics().horizontalAdvance(short_label(ctx.taxonomy.label(k)))
            for k in CATEGORY_KEYS
        )
        scrollbar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        decoration = self.indentation() + self.iconSize().width() + 24 + scrollbar
        self.setMinimumWidth(longest + decoration + amount + 2 * self.frameWidth() + 4)
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
