"""The lines table of a category editor: selection, editing keys, column widths, delegates.

A plain QTableView set up once; which delegate edits a column follows from the
column's kind (money, dates, choices, catalogue picks), so every category gets the
same editing behaviour for the same kind of field.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QTableView

from app.services.line_columns import ColumnSpec, FieldKind
from ui.editors.delegates import (
    AmountDelegate,
    CatalogueDelegate,
    CheckedDelegate,
    Checker,
    ChoiceDelegate,
    DateDelegate,
    TextDelegate,
)
from ui.editors.line_filter import LineFilterProxy
from ui.theme import set_role

WIDTHS = {
    FieldKind.TEXT: 220,
    FieldKind.ITEM: 180,
    FieldKind.MODEL: 116,
    FieldKind.CATALOGUE: 180,
    FieldKind.DATE: 116,
    FieldKind.PHASE: 130,
    FieldKind.UNIT: 90,
    FieldKind.CURRENCY: 110,
}
"""Starting widths of text-like columns; every column is at least as wide as its title."""


def delegate_for(
    column: ColumnSpec, check: Checker, sources: Callable[[str], str], parent: QObject
) -> CheckedDelegate | None:
    """The cell editor for a kind of field (none for computed cells and tick boxes)."""
    kind = column.kind
    if not column.editable or kind is FieldKind.FLAG:
        return None
    if kind is FieldKind.CATALOGUE:
        return CatalogueDelegate(check, sources, parent)
    if kind in (
        FieldKind.ITEM,
        FieldKind.MODEL,
        FieldKind.PERIOD,
        FieldKind.PHASE,
        FieldKind.CURRENCY,
    ):
        return ChoiceDelegate(check, parent)
    if kind is FieldKind.DATE:
        return DateDelegate(check, parent)
    if column.numeric:
        return AmountDelegate(check, parent)
    return TextDelegate(check, parent=parent)


class LineTable(QTableView):
    """Rows are lines; several can be selected; typing starts editing the current cell."""

    def __init__(
        self,
        proxy: LineFilterProxy,
        columns: Sequence[ColumnSpec],
        title: str,
        check: Checker,
        sources: Callable[[str], str],
        scoped_actions: Sequence[QAction] = (),
    ) -> None:
        super().__init__()
        set_role(self, "selection")
        self.setAccessibleName(f"{title} lines")
        self.setModel(proxy)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.setAlternatingRowColors(True)
        self.setSortingEnabled(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        header = self.horizontalHeader()
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setHighlightSections(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.verticalHeader().hide()
        self.delegates: list[CheckedDelegate] = []
        metrics = header.fontMetrics()
        for col, column in enumerate(columns):
            shown = str(proxy.headerData(col, Qt.Orientation.Horizontal) or column.title)
            fitted = metrics.horizontalAdvance(shown) + 28  # room for the sort arrow
            header.resizeSection(col, max(WIDTHS.get(column.kind, 72), fitted))
            delegate = delegate_for(column, check, sources, self)
            if delegate is not None:
                self.setItemDelegateForColumn(col, delegate)
                self.delegates.append(delegate)
        for action in scoped_actions:
            self.addAction(action)  # Delete deletes lines only while the table has focus
        # titles change with the plan ("Rate" becomes "Rate (USD)"): widen to fit them
        proxy.headerDataChanged.connect(lambda *_args: self.fit_titles())
        proxy.modelReset.connect(self.fit_titles)

    def fit_titles(self) -> None:
        """Widen any column narrower than its title (a title is never cut mid-word)."""
        header = self.horizontalHeader()
        metrics = header.fontMetrics()
        model = self.model()
        for col in range(model.columnCount()):
            shown = str(model.headerData(col, Qt.Orientation.Horizontal) or "")
            fitted = metrics.horizontalAdvance(shown) + 28  # room for the sort arrow
            if header.sectionSize(col) < fitted:
                header.resizeSection(col, fitted)
