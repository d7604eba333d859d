"""The compare view: two plans, or a plan and one of its baselines, side by side.

The figures are the ``compare`` command's (the same service, the same object), shown
as a category table, the lines added, removed and changed, and the monthly
difference as a bar chart. A line of the open plan opens in its editor on a
double-click.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGridLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import BudgetwrightError
from app.domain.taxonomy import CATEGORY_KEYS
from ui.context import AppContext
from ui.monthly_chart import MoneyAxis, _month_ticks, _years, style_plot
from ui.theme import error_colour

CHANGE_COLOURS = {"added": "#2E7D32", "removed": "#C62828", "changed": "#D9822B"}
"""Each kind of line change, as a tint of its row."""
MORE, LESS = "#2F5D8A", "#2E7D32"
RAW = Qt.ItemDataRole.UserRole
"""Where a cell keeps the compare object's decimal string."""


def shown(value: str, signed: bool = False) -> str:
    """``1234.5`` → ``1,234.50`` (the compare object's digits kept); ``+`` on a rise."""
    amount = Decimal(value)
    return f"{amount:+,}" if signed and amount > 0 else f"{amount:,}"


def _item(text: str, raw: str | None = None, number: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if raw is not None:
        item.setData(RAW, raw)
    if number:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _table(name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(False)
    return table


class CompareView(QDialog):
    """Pick side a and side b; see by how much and where b differs from a."""

    line_activated = Signal(int)
    """A line of the open plan was double-clicked (its id)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compare-view")
        self.setWindowTitle("Compare")
        self.setModal(False)
        self._ctx = ctx
        self.result: dict[str, Any] | None = None
        self.side_a = QComboBox()
        self.side_b = QComboBox()
        self.side_a.setAccessibleName("Side a: a plan or a baseline")
        self.side_b.setAccessibleName("Side b: a plan")
        self.note = QLabel()
        self.note.setObjectName("compare-note")
        self.note.setWordWrap(True)
        self.categories = _table("compare-categories", ["Category", "a", "b", "Delta (b − a)"])
        self.lines = _table(
            "compare-lines", ["Change", "Line", "Category", "a", "b", "Delta (b − a)"]
        )
        self.lines.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.lines.setToolTip("Double-click a line of the open plan to open it in its editor")
        self.lines.cellDoubleClicked.connect(self._on_lines_double_clicked)
        self.chart = pg.PlotWidget(axisItems={"left": MoneyAxis("left")})
        self.chart.setObjectName("compare-chart")
        self.chart.setAccessibleName("Monthly difference, b − a (chart)")
        self.chart.setMenuEnabled(False)
        self.chart.hideButtons()
        self.chart.setMouseEnabled(x=False, y=False)
        menu = self.chart.getPlotItem().ctrlMenu  # pyqtgraph makes it without a parent
        menu.setParent(self.chart, menu.windowFlags())
        self.chart.setTitle("Monthly difference (b − a, before contingency)")
        style_plot(self.chart, self.palette())
        self.months: list[str] = []
        self.deltas: list[int] = []
        """Each month's b − a in minor units, as the chart draws it."""
        self._bars: pg.BarGraphItem | None = None

        picks = QGridLayout()
        picks.addWidget(QLabel("a:"), 0, 0)
        picks.addWidget(self.side_a, 0, 1)
        picks.addWidget(QLabel("b:"), 1, 0)
        picks.addWidget(self.side_b, 1, 1)
        picks.setColumnStretch(1, 1)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.categories)
        top.addWidget(self.chart)
        top.setStretchFactor(1, 1)
        top.setChildrenCollapsible(False)
        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(top)
        body.addWidget(self.lines)
        body.setSizes([420, 260])
        layout = QVBoxLayout(self)
        layout.addLayout(picks)
        layout.addWidget(self.note)
        layout.addWidget(body, 1)
        self.resize(1100, 720)
        ctx.bus.totals_changed.connect(lambda _totals: self._follow())
        ctx.bus.plans_listed.connect(lambda _plans: self._follow(again=True))
        self.fill_choices()
        self.side_a.currentIndexChanged.connect(lambda _i: self.refresh())
        self.side_b.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh()

    def _follow(self, again: bool = False) -> None:
        """Keep up with edits (and new or renamed plans) while shown."""
        if not self.isVisible():
            return
        if again:
            a, b = self.side_a.currentText(), self.side_b.currentText()
            self.fill_choices()
            for combo, label in ((self.side_a, a), (self.side_b, b)):
                index = combo.findText(label)
                if index >= 0:
                    combo.blockSignals(True)
                    combo.setCurrentIndex(index)
                    combo.blockSignals(False)
        self.refresh()

    # ---- Choosing

    def fill_choices(self) -> None:
        """Plans and baselines for a, plans for b; by default the open plan (b) against its
        newest baseline, or against itself when it has none."""
        from app.services.compare_sides import versions

        ws, plan = self._ctx.workspace, self._ctx.plan
        found = versions(ws) if ws is not None else []
        for combo in (self.side_a, self.side_b):
            combo.blockSignals(True)
            combo.clear()
        for version in found:
            self.side_a.addItem(version.label, version)
            if version.baseline is None:
                self.side_b.addItem(version.label, version)
        open_id = plan.id if plan is not None else None
        mine = [i for i, v in enumerate(found) if v.plan_id == open_id]
        own = [i for i in mine if found[i].baseline is not None]
        self.side_a.setCurrentIndex(own[-1] if own else (mine[0] if mine else 0))
        b = next((i for i in range(self.side_b.count()) if self._version(self.side_b, i).plan_id == open_id), 0)  # fmt: skip
        self.side_b.setCurrentIndex(b)
        for combo in (self.side_a, self.side_b):
            combo.blockSignals(False)

    @staticmethod
    def _version(combo: QComboBox, index: int) -> Any:
        return combo.itemData(index)

    def choose(self, a_label: str, b_label: str) -> None:
        """Pick both sides by their labels, as a planner picks them."""
        for combo, label in ((self.side_a, a_label), (self.side_b, b_label)):
            index = combo.findText(label)
            if index < 0:
                raise KeyError(label)
            combo.blockSignals(True)
            combo.setCurrentIndex(index)
            combo.blockSignals(False)
        self.refresh()

    # ---- Showing

    def refresh(self) -> None:
        """Compare the chosen sides and show the result (or why there is none)."""
        from app.services.compare import compare
        from app.services.compare_sides import side_of

        ws = self._ctx.workspace
        a, b = self.side_a.currentData(), self.side_b.currentData()
        self.result = None
        if ws is None or a is None or b is None:
            self._show_note("Open a database with plans to compare them.", error=False)
            self._fill({})
            return
        try:
            self.result = compare(side_of(ws, a), side_of(ws, b))
        except BudgetwrightError as exc:
            self._show_note(str(exc), error=True)
            self._fill({})
            return
        lines = self.result["lines"]
        self._show_note(
            f"Amounts in {self.result['currency']}; delta = b − a. Lines: "
            f"{len(lines['added'])} added, {len(lines['removed'])} removed, "
            f"{len(lines['changed'])} changed.",
            error=False,
        )
        self._fill(self.result)

    def _show_note(self, text: str, error: bool) -> None:
        self.note.setText(text)
        self.note.setStyleSheet(f"color: {error_colour().name()}" if error else "")

    def _fill(self, result: dict[str, Any]) -> None:
        self._fill_categories(result)
        self._fill_lines(result)
        self._fill_chart(result)

    def _fill_categories(self, result: dict[str, Any]) -> None:
        table = self.categories
        table.setRowCount(0)
        if not result:
            return
        rows = [(self._ctx.taxonomy.label(k), k, result["by_category"][k]) for k in CATEGORY_KEYS]
        rows += [("Subtotal", "subtotal", result["subtotal"]), ("Total", "total", result["total"])]
        table.setRowCount(len(rows))
        for r, (label, key, trio) in enumerate(rows):
            first = _item(label, key)
            if key in ("subtotal", "total"):
                font = first.font()
                font.setBold(True)
                first.setFont(font)
            table.setItem(r, 0, first)
            for c, side in enumerate(("a", "b", "delta"), start=1):
                item = _item(shown(trio[side], side == "delta"), trio[side], number=True)
                if side == "delta" and Decimal(trio[side]):
                    item.setForeground(QColor(MORE if Decimal(trio[side]) > 0 else LESS))
                table.setItem(r, c, item)
        table.resizeColumnsToContents()
        # the whole table in view: a compare is read across, a to delta
        room = table.horizontalHeader().length() + table.verticalScrollBar().sizeHint().width()
        table.setMinimumWidth(room + 2 * table.frameWidth() + 2)

    def _fill_lines(self, result: dict[str, Any]) -> None:
        table = self.lines
        table.setRowCount(0)
        if not result:
            return
        listed = [
            (change, line) for change in ("added", "removed", "changed")
            for line in result["lines"][change]
        ]  # fmt: skip
        table.setRowCount(len(listed))
        for r, (change, line) in enumerate(listed):
            tint = QColor(CHANGE_COLOURS[change])
            tint.setAlpha(45)
            a, b = line.get("a"), line.get("b")
            delta = line.get("delta") or str(Decimal(b or "0") - Decimal(a or "0"))
            cells = [
                _item(change, change),
                _item(line["name"], line["name"]),
                _item(self._ctx.taxonomy.label(line["category"]), line["category"]),
                _item(shown(a) if a else "", a, number=True),
                _item(shown(b) if b else "", b, number=True),
                _item(shown(delta, signed=True), delta, number=True),
            ]
            for c, item in enumerate(cells):
                item.setBackground(QBrush(tint))
                table.setItem(r, c, item)

    def _fill_chart(self, result: dict[str, Any]) -> None:
        if self._bars is not None:
            self.chart.removeItem(self._bars)
            self._bars = None
        by_month = result.get("by_month", {})
        self.months = list(by_month)
        digits = len(result["subtotal"]["a"].partition(".")[2]) if result else 2
        self.deltas = [int(Decimal(v["delta"]).scaleb(digits)) for v in by_month.values()]
        if not self.months:
            return
        x = np.arange(len(self.months), dtype=np.float64)
        y = np.array(self.deltas, dtype=np.float64) / 10**digits
        brushes = [pg.mkBrush(MORE if d > 0 else LESS) for d in self.deltas]
        self._bars = pg.BarGraphItem(x=x, height=y, width=0.7, brushes=brushes, pen=None)
        self.chart.addItem(self._bars)
        indexes = [int(m[:4]) * 12 + int(m[5:]) - 1 for m in self.months]
        bottom = self.chart.getAxis("bottom")
        bottom.setTicks([_month_ticks(indexes)])
        bottom.setLabel(_years(indexes))
        self.chart.setXRange(-0.5, len(self.months) - 0.5, padding=0)
        low, high = min(0.0, float(y.min())), max(0.0, float(y.max()))
        pad = (high - low) * 0.08 or 1.0
        self.chart.setYRange(low - pad, high + pad, padding=0)

    # ---- Opening a line

    def line_of_open_plan(self, row: int) -> int | None:
        """The id of the open plan's line on this row of the lines table, if it has one."""
        result, plan = self.result, self._ctx.plan
        if result is None or plan is None:
            return None
        change = self.lines.item(row, 0).data(RAW)
        name = self.lines.item(row, 1).data(RAW)
        category = self.lines.item(row, 2).data(RAW)
        a, b = self.side_a.currentData(), self.side_b.currentData()
        sides = []
        if change != "removed" and b is not None and b.baseline is None:
            sides.append(b)
        if change != "added" and a is not None and a.baseline is None:
            sides.append(a)
        if not any(v.plan_id == plan.id for v in sides):
            return None
        return next(
            (
                i
                for i, line in self._ctx.lines.items()
                if line.name == name and line.category == category
            ),
            None,
        )

    def _on_lines_double_clicked(self, row: int, _column: int) -> None:
        line_id = self.line_of_open_plan(row)
        if line_id is None:
            self._show_note(
                "That line is not in the open plan: open its plan to edit it.", error=True
            )
            return
        self.line_activated.emit(line_id)
