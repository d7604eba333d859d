"""Sorting and filtering a category's table without touching the plan's own order.

Sorting compares real values (numbers as numbers, blanks last); clearing the sort
indicator shows the lines in plan order again. The filter matches any part of a
line's name, vendor, notes, item or catalogue price, and can keep to one section and
to the lines that cost something in one month (a month clicked in a chart).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from ui.editors.line_model import LineTableModel

Index = QModelIndex | QPersistentModelIndex


class LineFilterProxy(QSortFilterProxyModel):
    """The table's view of a :class:`LineTableModel`: filtered by text and section, sorted."""

    def __init__(self, source: LineTableModel) -> None:
        super().__init__()
        self._source = source
        self._text = ""
        self._section: str | None = None
        self._month: int | None = None
        self.setSourceModel(source)
        self.setDynamicSortFilter(True)

    @property
    def text(self) -> str:
        return self._text

    @property
    def section(self) -> str | None:
        return self._section

    @property
    def month(self) -> int | None:
        """The month (``year * 12 + month - 1``) whose costing lines are shown, or None."""
        return self._month

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip().lower()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_section(self, section: str | None) -> None:
        self.beginFilterChange()
        self._section = section
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_month(self, month: int | None) -> None:
        if month == self._month:
            return
        self.beginFilterChange()
        self._month = month
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._section is not None and self._source.line(source_row).section != self._section:
            return False
        if self._month is not None and not self._source.costs_in(source_row, self._month):
            return False
        if not self._text:
            return True
        haystack = self._source.search_text(source_row)
        return all(word in haystack for word in self._text.split())

    def lessThan(self, source_left: Index, source_right: Index) -> bool:
        left = self._source.sort_key(source_left.row(), source_left.column())
        right = self._source.sort_key(source_right.row(), source_right.column())
        return bool(left < right)
