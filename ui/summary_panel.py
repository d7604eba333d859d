"""The summary panel: subtotal, contingency, total, each category's amount and share.

It follows every edit (the budget's totals arrive on the bus after each change) and
shows the monthly chart beneath.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import format_display, share
from app.domain.taxonomy import CATEGORY_KEYS
from app.services.compute_view import energy_text, short_window_text
from app.services.line_fields import grouped_amount, plain
from ui.context import AppContext
from ui.monthly_chart import MonthlyChart
from ui.theme import Card, category_icon, number_font, scaled_font, set_role

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class CategoryShareModel(QStandardItemModel):
    """Eight rows: category, amount, share of the subtotal.

    Its texts live in Qt's own items, so the view sizes and paints the table without
    calling Python; :meth:`refresh` rewrites them after each change.
    """

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(len(CATEGORY_KEYS), 3)
        self._ctx = ctx
        for row, category in enumerate(CATEGORY_KEYS):
            for column in range(3):
                item = QStandardItem()
                item.setEditable(False)
                item.setDragEnabled(False)
                item.setDropEnabled(False)
                if column == 0:
                    item.setIcon(category_icon(category))
                else:
                    item.setTextAlignment(RIGHT)
                self.setItem(row, column, item)
        for column in (1, 2):
            header = QStandardItem()
            header.setTextAlignment(RIGHT)
            self.setHorizontalHeaderItem(column, header)
        self.setHorizontalHeaderItem(0, QStandardItem("Category"))
        self.refresh()

    def refresh(self) -> None:
        ctx = self._ctx
        totals, budget, plan = ctx.totals, ctx.budget, ctx.plan
        self.horizontalHeaderItem(1).setText(f"Amount ({plan.currency})" if plan else "Amount")
        self.horizontalHeaderItem(2).setText("Share")
        for row, category in enumerate(CATEGORY_KEYS):
            label = ctx.taxonomy.label(category).replace(" Resources", "")
            if totals is None or budget is None:
                texts = (label, "", "")
            else:
                amount = totals.by_category.get(category, 0)
                texts = (
                    label,
                    grouped_amount(amount, budget.digits),
                    share(amount, totals.subtotal),
                )
            for column, text in enumerate(texts):
                item = self.item(row, column)
                if item.text() != text:
                    item.setText(text)
            tip = energy_text(budget, category) if budget is not None else ""
            if self.item(row, 0).toolTip() != tip:
                self.item(row, 0).setToolTip(tip)


class SummaryPanel(QWidget):
    """Totals of the open plan, refreshed after every edit."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setObjectName("summary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)

        heading = QLabel("Summary")
        heading.setFont(scaled_font(self.font(), 1.2, bold=True))
        layout.addWidget(heading)

        card = Card()
        grid = QGridLayout(card)
        grid.setContentsMargins(10, 8, 10, 8)
        self.subtotal = self._figure(grid, 0, "Subtotal")
        self.contingency_title = QLabel("Contingency")
        self.contingency = self._figure(grid, 1, "Contingency", self.contingency_title)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        grid.addWidget(line, 2, 0, 1, 2)
        total_title = QLabel("Total")
        total_title.setFont(scaled_font(self.font(), 1.25, bold=True))
        self.total = self._figure(grid, 3, "Total", total_title)
        self.total.setFont(number_font(scaled_font(self.font(), 1.25, bold=True)))
        layout.addWidget(card)

        self.shares = CategoryShareModel(ctx)
        self.share_table = QTableView()
        self.share_table.setObjectName("category-shares")
        self.share_table.setAccessibleName("Amount and share of each category")
        self.share_table.setModel(self.shares)
        self.share_table.verticalHeader().hide()
        self.share_table.setShowGrid(False)
        self.share_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.share_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.share_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.share_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.share_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        rows = self.share_table.verticalHeader()
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        height = rows.defaultSectionSize() * len(CATEGORY_KEYS) + header.sizeHint().height() + 4
        self.share_table.setFixedHeight(height)
        layout.addWidget(self.share_table)

        self.flagged = QLabel()
        set_role(self.flagged, "hint")
        self.flagged.setWordWrap(True)
        layout.addWidget(self.flagged)
        self.energy = QLabel()
        self.energy.setAccessibleName("Energy and CO2 of the plan")
        self.energy.setWordWrap(True)
        self.energy.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.energy)

        chart_title = QLabel("Cost per month")
        set_role(chart_title, "heading")
        layout.addWidget(chart_title)
        self.chart = MonthlyChart(ctx)
        layout.addWidget(self.chart, 1)

        ctx.bus.totals_changed.connect(lambda _totals: self.refresh())
        ctx.bus.plan_changed.connect(lambda _plan: self.refresh())
        self.refresh()

    def _figure(
        self, grid: QGridLayout, row: int, name: str, title: QLabel | None = None
    ) -> QLabel:
        title = title or QLabel(name)
        value = QLabel()
        value.setAlignment(RIGHT)
        value.setFont(number_font(self.font()))
        value.setAccessibleName(name)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(title, row, 0)
        grid.addWidget(value, row, 1)
        return value

    def refresh(self) -> None:
        totals, budget, plan = self._ctx.totals, self._ctx.budget, self._ctx.plan
        self.shares.refresh()
        if totals is None or budget is None or plan is None:
            for label in (self.subtotal, self.contingency, self.total):
                label.setText("")
            return
        code = plan.currency

        def money(amount: int) -> str:
            return format_display(amount, budget.digits, code)

        self.subtotal.setText(money(totals.subtotal))
        self.contingency_title.setText(f"Contingency ({plain(plan.contingency_pct)} %)")
        self.contingency.setText(money(totals.contingency))
        self.total.setText(money(totals.total))
        count = len(budget.flagged)
        self.flagged.setText(
            ""
            if not count
            else f"{count} line{'s' if count > 1 else ''} run{'' if count > 1 else 's'} "
            "outside the plan's dates; their cost still counts."
        )
        short = short_window_text(budget)
        if short:
            self.flagged.setText(f"{self.flagged.text()} {short}".strip())
        self.flagged.setVisible(bool(count or short))
        energy = energy_text(budget)
        self.energy.setText(energy)
        self.energy.setVisible(bool(energy))
