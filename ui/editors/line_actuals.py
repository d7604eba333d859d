"""What was spent on the selected line: its actuals, typed in and deleted as undoable steps."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.domain.actual import Actual
from app.domain.errors import InvalidValue
from app.domain.money import format_display, grouped, minor_digits, to_minor
from app.domain.plan import Line
from ui.context import AppContext
from ui.editors.date_entry import DateEntry
from ui.theme import set_role

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class LineActuals(QWidget):
    """The line's actuals (date, amount, reference) with a row to type a new one."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("line-actuals")
        self._ctx = ctx
        self.line: Line | None = None
        self.shown: list[Actual] = []
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Date", "Amount", "Reference"])
        self.table.setAccessibleName("Actuals booked to the selected line")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(90)
        self.table.setMaximumHeight(150)
        grid.addWidget(self.table, 0, 0, 1, 3)
        self.day = DateEntry()
        self.day.setAccessibleName("Date of the new actual")
        self.day.set_date(date.today())
        self.amount = QLineEdit()
        self.amount.setPlaceholderText("Amount")
        self.amount.setAccessibleName("Amount of the new actual")
        self.reference = QLineEdit()
        self.reference.setPlaceholderText("Invoice (optional)")
        self.reference.setAccessibleName("Reference of the new actual")
        self.add_button = QPushButton("Add Actual")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip("Delete the selected actuals")
        self.add_button.setAccessibleName("Add the actual typed")
        self.delete_button.setAccessibleName("Delete the selected actuals")
        for col, widget in enumerate((self.day, self.amount, self.reference)):
            grid.addWidget(widget, 1, col)
        grid.addWidget(self.add_button, 2, 0)
        grid.addWidget(self.delete_button, 2, 1)
        self.spent = QLabel()
        set_role(self.spent, "hint")
        self.spent.setAccessibleName("Spent on the selected line")
        grid.addWidget(self.spent, 3, 0, 1, 3)
        # never wider than the form: a narrow window squeezes this, not the fields
        grid.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.add_button.clicked.connect(self.add)
        self.amount.returnPressed.connect(self.add)
        self.reference.returnPressed.connect(self.add)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.itemSelectionChanged.connect(self._enable)
        ctx.bus.actuals_changed.connect(lambda _plan: self.refresh())
        self._enable()

    def show_line(self, line: Line | None) -> None:
        self.line = line
        self.refresh()

    def refresh(self) -> None:
        line, workspace, plan = self.line, self._ctx.workspace, self._ctx.plan
        if line is None or line.id is None or workspace is None or plan is None:
            self.shown = []
        else:
            from app.services.actuals import plan_actuals  # (the store loads after the window)

            self.shown = plan_actuals(workspace, line.plan_id, line.id)
        self.table.setRowCount(len(self.shown))
        for row, actual in enumerate(self.shown):
            digits = minor_digits(actual.currency)
            amount = QTableWidgetItem(grouped(to_minor(Decimal(actual.amount), digits), digits))
            amount.setTextAlignment(RIGHT)
            for col, item in enumerate(
                (QTableWidgetItem(actual.booked_on.isoformat()), amount,
                 QTableWidgetItem(actual.reference))
            ):  # fmt: skip
                self.table.setItem(row, col, item)
        self._show_spent()
        self._enable()

    def _show_spent(self) -> None:
        plan, budget, line = self._ctx.plan, self._ctx.budget, self.line
        if plan is None or line is None:
            self.spent.clear()
            return
        digits = minor_digits(plan.currency)
        spent = sum(to_minor(Decimal(a.amount), digits) for a in self.shown)
        text = f"Spent {format_display(spent, digits, plan.currency)}"
        if budget is not None and line.id in budget.cells:
            text += f" of {format_display(budget.cells[line.id].total, digits, plan.currency)}"
        self.spent.setText(text)

    def _enable(self) -> None:
        self.delete_button.setEnabled(bool(self.table.selectionModel().selectedRows()))
        self.add_button.setEnabled(self.line is not None)

    def add(self) -> None:
        """Book what is typed as one undoable step (refused values are announced)."""
        line, plan = self.line, self._ctx.plan
        if line is None or plan is None:
            return
        day = self.day.value()
        if not isinstance(day, date):
            self._ctx.refuse(InvalidValue("date", day, "is not a date (2027-03-01)"))
            return
        from app.services.actuals import AddActuals, typed_actual

        try:
            actual = typed_actual(plan, line, day, self.amount.text(), self.reference.text())
        except InvalidValue as exc:
            self._ctx.refuse(exc)
            return
        text = f"Add actual {actual.amount} to {line.name}"
        if self._ctx.run(AddActuals([actual], text), text):
            self.amount.clear()
            self.reference.clear()

    def delete_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        ids = [self.shown[r].id for r in rows if self.shown[r].id is not None]
        if not ids or self.line is None:
            return
        from app.services.actuals import DeleteActuals

        noun = "actual" if len(ids) == 1 else f"{len(ids)} actuals"
        command = DeleteActuals([i for i in ids if i is not None])
        self._ctx.run(command, f"Delete {noun} of {self.line.name}")
