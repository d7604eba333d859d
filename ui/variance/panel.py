"""Budget against actual: by category and by month, over-budget cells marked.

The figures are the ``variance`` command's (the same service), in the plan's currency;
variance is actual − budget, so a positive variance is an overspend and is marked.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import grouped
from app.engine.calendar import month_label
from app.engine.variance import SpentRow, Variance, spent_by_category_month, variance_of
from app.services.actuals import plan_variance, spent_rows
from ui.context import AppContext
from ui.theme import error_colour, set_role

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CATEGORY_COLUMNS = (
    "Category",
    "Budget to date",
    "Actual to date",
    "Variance",
    "Budget at completion",
    "Forecast",
)
MONTH_COLUMNS = ("Month", "Budget", "Actual", "Variance")
LAST_ACTUAL = "Last month with an actual"


class VariancePanel(QWidget):
    """Variance by category and by month of the open plan, as of a chosen month."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("variance-panel")
        self._ctx = ctx
        self.result: Variance | None = None
        self.over: set[tuple[str, int, int]] = set()
        """Cells marked over budget: (table, row, column), table "category" or "month"."""
        self._stale = True
        self._rows: tuple[int, list[SpentRow]] | None = None
        """The open plan's actuals as read after their last change."""
        layout = QVBoxLayout(self)
        pick = QHBoxLayout()
        label = QLabel("As of")
        self.as_of = QComboBox()
        self.as_of.setAccessibleName("Count actuals up to this month")
        label.setBuddy(self.as_of)
        pick.addWidget(label)
        pick.addWidget(self.as_of, 1)
        layout.addLayout(pick)
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.headline.setTextFormat(Qt.TextFormat.RichText)
        self.headline.setAccessibleName("Budget against actual to date")
        layout.addWidget(self.headline)
        split = QSplitter(Qt.Orientation.Vertical)
        self.categories = self._table(CATEGORY_COLUMNS, "Variance by category")
        self.months = self._table(MONTH_COLUMNS, "Variance by month")
        for heading, table in (("By category", self.categories), ("By month", self.months)):
            box = QWidget()
            inner = QVBoxLayout(box)
            inner.setContentsMargins(0, 0, 0, 0)
            title = QLabel(heading)
            set_role(title, "heading")
            inner.addWidget(title)
            inner.addWidget(table)
            split.addWidget(box)
        layout.addWidget(split, 1)
        self.note = QLabel(
            "Variance = actual − budget: a positive figure is an overspend (marked). "
            "Contingency is kept apart from the budget."
        )
        self.note.setWordWrap(True)
        set_role(self.note, "hint")
        layout.addWidget(self.note)
        self.as_of.activated.connect(lambda _i: self.refresh())
        bus = ctx.bus
        for signal in (bus.actuals_changed, bus.plan_opened):
            signal.connect(self._reread)
        bus.totals_changed.connect(self._changed)
        self.refresh()

    def _table(self, headers: tuple[str, ...], name: str) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(list(headers))
        table.setAccessibleName(name)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return table

    def _reread(self, _value: object = None) -> None:
        self._rows = None
        self._changed()

    def _changed(self, _value: object = None) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def chosen_month(self) -> int | None:
        data = self.as_of.currentData()
        return int(data) if isinstance(data, int) else None

    def refresh(self) -> None:
        self._stale = False
        ctx = self._ctx
        plan, workspace = ctx.plan, ctx.workspace
        if plan is None or plan.id is None or workspace is None:
            self.result = None
            self.headline.setText("No plan is open.")
            self.categories.setRowCount(0)
            self.months.setRowCount(0)
            return
        chosen = self.chosen_month()
        if self._rows is None or self._rows[0] != plan.id:
            self._rows = (plan.id, spent_rows(workspace, plan.id))
        totals = ctx.totals
        if totals is None:
            result = plan_variance(workspace, plan.id, chosen)
        else:  # the window's cells as they are: no line is worked out again
            categories = {i: line.category for i, line in ctx.lines.items()}
            spent = spent_by_category_month(plan, self._rows[1], categories)
            result = variance_of(plan, totals.by_category_month, spent, chosen)
        self.result = result
        self._fill_months_choice(result, chosen)
        self.over = set()
        self._show_headline(result)
        self._show_categories(result)
        self._show_months(result)

    def _fill_months_choice(self, result: Variance, chosen: int | None) -> None:
        self.as_of.blockSignals(True)
        self.as_of.clear()
        self.as_of.addItem(LAST_ACTUAL, None)
        for month in result.months:
            self.as_of.addItem(month_label(month), month)
        index = self.as_of.findData(chosen) if chosen is not None else 0
        self.as_of.setCurrentIndex(max(index, 0))
        self.as_of.blockSignals(False)

    def _money(self, amount: int) -> str:
        assert self.result is not None
        return grouped(amount, self.result.digits)

    def _show_headline(self, result: Variance) -> None:
        currency = result.plan.currency
        if result.as_of is None:
            self.headline.setText(
                f"No actuals yet. Budget at completion {currency} "
                f"{self._money(result.budget_at_completion)}."
            )
            return
        to_date = result.actual_to_date - result.budget_to_date
        at_end = result.forecast_at_completion - result.budget_at_completion
        word = "over" if to_date > 0 else "under"
        colour = error_colour().name()
        shown = f"<b>{self._money(abs(to_date))}</b> {word} budget"
        if to_date > 0:
            shown = f"<span style='color:{colour}'>{shown}</span>"
        self.headline.setText(
            f"To the end of {month_label(result.as_of)}: spent {currency} "
            f"{self._money(result.actual_to_date)} against {self._money(result.budget_to_date)} "
            f"budgeted, {shown}.<br>Forecast at completion {self._money(result.forecast_at_completion)} "
            f"({'+' if at_end > 0 else ''}{self._money(at_end)} against the budget of "
            f"{self._money(result.budget_at_completion)}); contingency apart: "
            f"{self._money(result.contingency)}."
        )

    def _cell(self, table: QTableWidget, row: int, col: int, amount: int, mark: bool) -> None:
        item = QTableWidgetItem(self._money(amount))
        item.setTextAlignment(RIGHT)
        if mark and amount > 0:
            item.setForeground(error_colour())
            font = QFont(item.font())
            font.setBold(True)
            item.setFont(font)
            item.setToolTip(f"Over budget by {self._money(amount)}")
            kind = "category" if table is self.categories else "month"
            self.over.add((kind, row, col))
        table.setItem(row, col, item)

    def _show_categories(self, result: Variance) -> None:
        taxonomy = self._ctx.taxonomy
        table = self.categories
        rows = list(result.categories.items())
        table.setRowCount(len(rows) + 1)
        for row, (key, c) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(taxonomy.label(key)))
            figures = (
                c.budget_to_date,
                c.actual_to_date,
                c.variance_to_date,
                c.budget_at_completion,
                c.forecast_at_completion,
            )
            for col, amount in enumerate(figures, start=1):
                self._cell(table, row, col, amount, col == 3)
        total = len(rows)
        table.setItem(total, 0, QTableWidgetItem("Total"))
        figures = (
            result.budget_to_date,
            result.actual_to_date,
            result.actual_to_date - result.budget_to_date,
            result.budget_at_completion,
            result.forecast_at_completion,
        )
        for col, amount in enumerate(figures, start=1):
            self._cell(table, total, col, amount, col == 3)

    def _show_months(self, result: Variance) -> None:
        table = self.months
        table.setRowCount(len(result.months))
        for row, (month, (budget, actual)) in enumerate(result.months.items()):
            table.setItem(row, 0, QTableWidgetItem(month_label(month)))
            self._cell(table, row, 1, budget, False)
            self._cell(table, row, 2, actual, False)
            self._cell(table, row, 3, actual - budget, True)
