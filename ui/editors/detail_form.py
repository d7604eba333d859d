"""The selected line in full: every driver, dates, phase, vendor, notes, and its cost by month.

Fields come from the same column descriptions as the table (with the category's
titles), so a driver is labelled the same in both. A refused value stays in its
field, framed, with the reason announced; the stored line is unchanged.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import InvalidValue
from app.domain.money import format_display
from app.domain.plan import Line
from app.engine.contracted import yearly_rounding
from app.services.line_columns import ColumnSpec, detail_fields
from app.services.line_fields import NeedsRate, refusal, with_value
from ui.context import AppContext
from ui.editors.compute_panel import ComputePanel
from ui.editors.estimate_entry import estimate_value
from ui.editors.fields import Field, make_field
from ui.editors.line_actuals import LineActuals
from ui.editors.line_model import line_choices
from ui.editors.month_costs import MonthCostModel
from ui.editors.price_card import PriceCard
from ui.focus import link
from ui.theme import mark_invalid, set_role

NARROW_FORM = 600
"""Below this width (of the whole form) the months' table is narrower."""
TWO_COLUMNS_WIDTH = 560
"""Below this width the detail form shows its fields in one column (it scrolls)."""

RIGHT_COLUMN = (
    "start",
    "end",
    "phase",
    "dates_from_phase",
    "vendor",
    "low_estimate",
    "high_estimate",
)


class DetailForm(QWidget):
    """The detail of one line of a category, kept in step with the plan."""

    def __init__(self, ctx: AppContext, category: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.category = category
        self.line_id: int | None = None
        self.fields: dict[str, Field] = {}
        self._shape: tuple[str, ...] = ()
        self._placed: list[tuple[QLabel, QWidget, str]] = []
        self._two_columns = True
        self.anchor: QWidget | None = None
        """The widget Tab leaves for the first field (the editor's table)."""

        self._pages = QStackedWidget()
        empty = QLabel("Select a line to see every driver, its notes and its cost month by month.")
        set_role(empty, "hint")
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.setWordWrap(True)
        self._pages.addWidget(empty)

        page = QWidget()
        row = QHBoxLayout(page)
        row.setContentsMargins(0, 0, 0, 0)
        self._form_host = QWidget()
        self._grid = QGridLayout(self._form_host)
        self._grid.setContentsMargins(4, 4, 8, 4)
        self._grid.setHorizontalSpacing(10)
        self._grid.setVerticalSpacing(6)
        scroll = QScrollArea()
        self._scroll = scroll
        scroll.installEventFilter(self)  # its width decides one or two columns of fields
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._form_host)
        scroll.setAccessibleName("Fields of the selected line")
        row.addWidget(scroll, 1)

        side = QVBoxLayout()
        heading = QLabel("Cost month by month")
        set_role(heading, "heading")
        side.addWidget(heading)
        self.price_card = PriceCard(self._form_host)
        self.price_card.hide()
        self.price_label = QLabel("Price", self._form_host)
        self.price_label.setBuddy(self.price_card.label)
        self.price_label.hide()
        self.actuals = LineActuals(ctx, self._form_host)
        self.actuals.hide()
        self.actuals_label = QLabel("Actuals", self._form_host)
        self.actuals_label.setBuddy(self.actuals.amount)
        self.actuals_label.hide()
        self.months = MonthCostModel()
        self.month_table = QTableView()
        set_role(self.month_table, "selection")
        self.month_table.setModel(self.months)
        self.month_table.setTabKeyNavigation(False)  # Tab leaves the table, not its cells
        self.month_table.setAccessibleName("Cost of the selected line month by month")
        self.month_table.verticalHeader().hide()
        self.month_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.month_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.month_table.setMinimumWidth(150)
        self.month_table.setMaximumWidth(220)
        side.addWidget(self.month_table, 1)
        self.month_total = QLabel()
        self.month_total.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.month_total.setAccessibleName("Total cost of the selected line")
        side.addWidget(self.month_total)
        self.cents_note = QLabel()
        self.cents_note.setObjectName("cents-note")
        self.cents_note.setWordWrap(True)
        self.cents_note.setMaximumWidth(220)
        set_role(self.cents_note, "hint")
        self.cents_note.hide()
        side.addWidget(self.cents_note)
        self.compute = ComputePanel(ctx)
        side.addWidget(self.compute)
        row.addLayout(side)
        self._pages.addWidget(page)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._pages)

        bus = ctx.bus
        bus.lines_changed.connect(self._on_bus_lines_changed)
        bus.phases_changed.connect(self._on_bus_refresh)
        bus.plan_changed.connect(self._on_bus_refresh)
        bus.catalogue_changed.connect(self._on_bus_refresh)
        bus.plan_opened.connect(lambda _opened: self.show_line(None))
        ctx.hold_edits(self.finish_editing)

    # ---- Showing

    def show_line(self, line: Line | None) -> None:
        self.line_id = None if line is None else line.id
        if line is None:
            self._pages.setCurrentIndex(0)
            self.months.clear()
            self.price_card.show_price(None, None)
            self.compute.show_line(None)
            self.actuals.show_line(None)
            return
        columns = detail_fields(self.category, line)
        shape = tuple(c.key for c in columns)
        if shape != self._shape:
            self._build(columns)
        for field in self.fields.values():
            field.show(line, line_choices(self._ctx, line, field.column))
            mark_invalid(field.widget, False)
        self._show_costs(line)
        self._pages.setCurrentIndex(1)

    def _build(self, columns: tuple[ColumnSpec, ...]) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            keep = (self.price_card, self.price_label, self.actuals, self.actuals_label)
            if widget is not None and widget not in keep:
                widget.hide()  # gone now, not when the event loop next deletes it
                widget.deleteLater()
        self.fields = {}
        self._placed: list[tuple[QLabel, QWidget, str]] = []
        for column in columns:
            field = make_field(column)
            field.committed.connect(lambda f=field: self._on_field_committed(f))
            for widget in (field.widget, *field.widget.findChildren(QLineEdit)):
                widget.installEventFilter(self)  # Undo and Redo are the window's
            self.fields[column.key] = field
            label = QLabel(column.title)
            label.setBuddy(field.widget)
            label.setWordWrap(True)  # long titles take two lines, not the fields' width
            label.setMaximumWidth(100)
            if column.field == "notes":
                side = "notes"
            else:
                side = "right" if column.key in RIGHT_COLUMN else "left"
            self._placed.append((label, field.widget, side))
        self._two_columns = self._wide()
        self._place()
        self._shape = tuple(c.key for c in columns)
        anchor = [self.anchor] if self.anchor is not None else []
        link([*anchor, *(f.widget for f in self.fields.values())])

    def resizeEvent(self, event: QResizeEvent) -> None:
        # a narrow window gives the fields the room, the months a narrower table
        self.month_table.setMaximumWidth(220 if event.size().width() >= NARROW_FORM else 160)
        super().resizeEvent(event)

    def _wide(self) -> bool:
        """Room for two columns of fields side by side (else one, scrolled)."""
        return self._scroll.width() >= TWO_COLUMNS_WIDTH

    def _place(self) -> None:
        """Lay the fields out in two columns, or in one where the form is narrow."""
        grid = self._grid
        while grid.count():
            grid.takeAt(0)
        for r in range(grid.rowCount()):
            grid.setRowStretch(r, 0)
        two = self._two_columns
        placed = self._placed
        if not two:  # left fields, then right ones, then notes and price
            order = {"left": 0, "right": 1, "notes": 2}
            placed = sorted(placed, key=lambda p: order[p[2]])
        rows = {"left": 0, "right": 0}
        span = 3 if two else 1
        for label, widget, side in placed:
            if side == "notes":
                row = max(rows.values())
                grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(widget, row, 1, 1, span)
                grid.addWidget(self.price_label, row + 1, 0, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(self.price_card, row + 1, 1, 1, span)
                grid.addWidget(self.actuals_label, row + 2, 0, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(self.actuals, row + 2, 1, 1, span)
                for widget in (self.price_card, self.price_label, self.actuals, self.actuals_label):
                    widget.show()
                rows = {"left": row + 3, "right": row + 3}
                continue
            if not two:
                side = "left"
            col = 2 if side == "right" else 0
            grid.addWidget(label, rows[side], col)
            grid.addWidget(widget, rows[side], col + 1)
            rows[side] += 1
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1 if two else 0)
        grid.setRowStretch(max(rows.values()) + 1, 1)

    def _show_costs(self, line: Line) -> None:
        budget = self._ctx.budget
        plan = self._ctx.plan
        if budget is None or plan is None or line.id not in budget.cells:
            self.months.clear()
            self.month_total.clear()
            self.cents_note.hide()
        else:
            cost = budget.cells[line.id]
            self.months.show(cost.first, cost.amounts, budget.digits, plan.currency)
            total = format_display(cost.total, budget.digits, plan.currency)
            self.month_total.setText(f"Total <b>{total}</b>")
            rounding = yearly_rounding(line, budget.digits)
            self.cents_note.setText(rounding.note() if rounding else "")
            self.cents_note.setVisible(rounding is not None)
        entry = self._ctx.edit_context().catalogue.get(line.catalogue_ref or "")
        self.price_card.show_price(line, entry, self._ctx.settings.stale_months())
        self.compute.show_line(line)
        self.actuals.show_line(line)

    # ---- Editing

    def _on_field_committed(self, field: Field) -> None:
        self._store(field, field.value())

    def _store(self, field: Field, value: object) -> bool:
        """Store a field's value in the shown line; False if it was refused."""
        line = self._ctx.lines.get(self.line_id) if self.line_id is not None else None
        if line is None:
            return True
        try:
            value = estimate_value(self._ctx, line, field.column, value)
            with_value(line, field.column, value, self._ctx.edit_context())
        except NeedsRate:
            pass  # storing it asks for the rate
        except InvalidValue as exc:
            mark_invalid(field.widget, True)
            self._ctx.bus.edit_refused.emit(refusal(exc))
            return False
        mark_invalid(field.widget, False)
        stored = self._ctx.edit_line(line, field.column, value)
        if stored and self._ctx.lines.get(line.id) is line:
            # the same value in other words ("1" for 100 %): nothing to store, but the
            # field shows it as the form writes it
            field.show(line, line_choices(self._ctx, line, field.column))
        return stored

    def finish_editing(self) -> bool:
        """Store what is typed but not stored yet, before another action runs (a tool
        button takes no focus, so the field never saw the planner leave). False if a
        value was refused: it stays in its field, framed, with the reason shown.
        Registered with the context, which calls it before line, file and plan actions."""
        pending = [(field, field.value()) for field in self.fields.values() if field.pending()]
        return all(self._store(field, value) for field, value in pending)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Undo and redo keys in a field undo the plan's steps, not the field's typing:
        the field's pending value is stored first (so it is the step undone), then the
        window's action takes the key. A refused value keeps the field's own undo."""
        if watched is self._scroll and event.type() == QEvent.Type.Resize:
            if self._placed and self._wide() != self._two_columns:
                self._two_columns = self._wide()
                self._place()
            return False
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (
                event.matches(QKeySequence.StandardKey.Undo)
                or event.matches(QKeySequence.StandardKey.Redo)
            )
        ):
            return self.finish_editing()
        return super().eventFilter(watched, event)

    # ---- Keeping up

    def _on_bus_lines_changed(self, changed: tuple[Line, ...], removed: frozenset[int]) -> None:
        if self.line_id is None:
            return
        if self.line_id in removed:
            self.show_line(None)
            return
        for line in changed:
            if line.id == self.line_id:
                self.show_line(line if line.category == self.category else None)
                return

    def _on_bus_refresh(self, _value: object = None) -> None:
        if self.line_id is not None and self.line_id in self._ctx.lines:
            self.show_line(self._ctx.lines[self.line_id])
