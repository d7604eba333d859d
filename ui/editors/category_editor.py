"""The editor of one category: its lines as a table, a filter, and the selected line in full.

What every category shares lives here; a category's own editor (see
:mod:`ui.editors.categories`) only names its category and says what differs. The
columns are data (:data:`app.services.line_columns.CATEGORY_COLUMNS`), so the table
and the detail form show the same fields under the same titles.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import InvalidValue
from app.domain.money import format_display
from app.domain.plan import Line
from app.services.line_columns import CATEGORY_COLUMNS, ColumnSpec
from app.services.line_fields import NeedsRate, new_line, refusal, with_value
from ui.context import AppContext
from ui.editors.detail_form import DetailForm
from ui.editors.estimate_entry import estimate_value
from ui.editors.line_filter import LineFilterProxy
from ui.editors.line_model import LineTableModel
from ui.editors.line_table import LineTable
from ui.theme import category_icon, scaled_font, set_role
from ui.timeline.scale import MONTHS


class CategoryEditor(QWidget):
    """Lines of one category: add, duplicate, delete, reorder, sort, filter, edit."""

    category: ClassVar[str] = ""
    blurb: ClassVar[str] = ""

    month_filter_changed = Signal(object)
    """The month filter was set or cleared (the month's index, or None)."""

    def __init__(
        self, ctx: AppContext, line_actions: Sequence[QAction] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.columns: tuple[ColumnSpec, ...] = CATEGORY_COLUMNS[self.category]
        self.title = ctx.taxonomy.label(self.category)
        self.setObjectName(f"editor-{self.category}")
        self.setAccessibleName(f"{self.title} editor")

        self._line_actions = tuple(line_actions)
        self.model = LineTableModel(ctx, self.category, self.columns)
        self.proxy = LineFilterProxy(self.model)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.addLayout(self._header())
        layout.addLayout(self._tools(line_actions))
        self.table = self._make_table()
        self.detail = DetailForm(ctx, self.category)
        self.detail.anchor = self.table
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName(f"splitter-{self.category}")
        self.splitter.setChildrenCollapsible(False)
        top = self.top_panel()
        if top is not None:
            self.splitter.addWidget(top)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(self.splitter.count() - 2, 3)
        self.splitter.setStretchFactor(self.splitter.count() - 1, 2)
        sizes = [300, 380] if top is None else [196, 220, 320]
        self.splitter.setSizes(sizes)
        layout.addWidget(self.splitter, 1)

        bus = ctx.bus
        bus.plan_opened.connect(lambda _opened: self._reload())
        bus.plan_opened.connect(lambda _opened: self.set_month(None))
        bus.lines_changed.connect(self._on_bus_lines_changed)
        bus.plan_changed.connect(lambda _plan: self.model.refresh_all())
        bus.phases_changed.connect(lambda _phases: self.model.refresh_all())
        bus.catalogue_changed.connect(lambda _entries: self.model.refresh_all())
        bus.totals_changed.connect(lambda _totals: self._show_subtotal())
        bus.loading.connect(lambda _name: self.setEnabled(False))
        bus.ready.connect(lambda: self.setEnabled(True))
        if ctx.plan is not None:
            self._reload()
        else:
            self.setEnabled(False)

    # ---- What a category may add

    def top_panel(self) -> QWidget | None:
        """A panel above the table (the time editor's phases); none by default."""
        return None

    # ---- Building

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        icon = QLabel()
        icon.setPixmap(category_icon(self.category).pixmap(28, 28))
        row.addWidget(icon)
        title = QLabel(self.title)
        title.setFont(scaled_font(self.font(), 1.35, bold=True))
        row.addWidget(title)
        if self.blurb:
            blurb = QLabel(self.blurb)
            set_role(blurb, "hint")
            blurb.setToolTip(self.blurb)
            # may be cut short on a narrow window rather than widen it
            blurb.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            row.addWidget(blurb, 1)
        else:
            row.addStretch(1)
        self.subtotal = QLabel()
        self.subtotal.setFont(scaled_font(self.font(), 1.15, bold=True))
        self.subtotal.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.subtotal.setAccessibleName(f"{self.title} subtotal")
        row.addWidget(self.subtotal)
        return row

    def _tools(self, actions: Sequence[QAction]) -> QHBoxLayout:
        row = QHBoxLayout()
        self.tool_buttons: dict[str, QToolButton] = {}
        for action in actions:
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setAutoRaise(True)
            button.setAccessibleName(action.text().replace("&", ""))
            button.setToolTip(f"{action.toolTip()} ({action.shortcut().toString()})")
            row.addWidget(button)
            self.tool_buttons[action.objectName()] = button
        row.addStretch(1)
        self.section_box = QComboBox()
        self.section_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.section_box.setMinimumContentsLength(12)
        self.section_box.setAccessibleName(f"Show lines of section ({self.title})")
        self.section_box.addItem("All sections", None)
        for section in self._ctx.taxonomy.category(self.category).sections:
            self.section_box.addItem(section.label, section.key)
        self.section_box.currentIndexChanged.connect(
            lambda _i: self.proxy.set_section(self.section_box.currentData())
        )
        row.addWidget(self.section_box)
        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText("Filter lines")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setAccessibleName(f"Filter {self.title} lines by text")
        self.filter_box.setMinimumWidth(120)
        self.filter_box.setMaximumWidth(260)
        self.filter_box.textChanged.connect(self.proxy.set_text)
        row.addWidget(self.filter_box)
        self.month_chip = QToolButton()
        self.month_chip.setObjectName("month-chip")
        self.month_chip.setToolTip("Only lines that cost something in this month: click to clear")
        self.month_chip.clicked.connect(lambda: self.set_month(None))
        self.month_chip.hide()
        row.addWidget(self.month_chip)
        return row

    def _make_table(self) -> LineTable:
        scoped = [
            a
            for a in self._line_actions
            if a.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut
        ]
        table = LineTable(
            self.proxy, self.columns, self.title, self.check_cell, self._source_of, scoped
        )
        table.setObjectName(f"table-{self.category}")
        for delegate in table.delegates:
            delegate.refused.connect(self._ctx.bus.edit_refused)
        table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._on_table_current_changed(current)
        )
        return table

    # ---- Lines

    def selected_lines(self) -> list[Line]:
        """The selected lines in plan order (several rows may be selected)."""
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        return [self.model.line(r) for r in sorted(rows)]

    def current_line(self) -> Line | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.line(self.proxy.mapToSource(index).row())

    def add_line(self) -> int | None:
        """A new line in this category (in the shown section), ready to be named."""
        from app.services.line_commands import AddLines

        plan = self._ctx.plan
        if plan is None or plan.id is None or not self._ctx.finish_editing():
            return None
        line = new_line(self.category, self._ctx.edit_context(), self.proxy.section)
        command = AddLines(plan.id, [line], f"Add line to {self.title}")
        if not self._ctx.run(command):
            return None
        line_id = command.line_ids[0]
        self.filter_box.clear()
        self.select_lines([line_id])
        index = self.table.currentIndex()
        if index.isValid():
            self.table.edit(index.siblingAtColumn(0))
        return line_id

    def duplicate_selected(self) -> list[int]:
        from app.services.line_commands import duplicate_lines

        if not self._ctx.finish_editing():
            return []
        lines = self.selected_lines()
        plan = self._ctx.plan
        workspace = self._ctx.workspace
        if not lines or plan is None or plan.id is None or workspace is None:
            return []
        plan_id = plan.id
        ids = [line.id for line in lines if line.id is not None]
        command = workspace.build(lambda conn: duplicate_lines(conn, plan_id, ids))
        what = lines[0].name if len(lines) == 1 else f"{len(lines)} lines"
        if not self._ctx.run(command, f"Duplicate {what}"):
            return []
        self.select_lines(command.line_ids)
        return list(command.line_ids)

    def delete_selected(self) -> int:
        from app.services.line_commands import DeleteLines

        if not self._ctx.finish_editing():
            return 0
        lines = self.selected_lines()
        if not lines:
            return 0
        row = self.table.currentIndex().row()
        what = lines[0].name if len(lines) == 1 else f"{len(lines)} lines"
        ids = [line.id for line in lines if line.id is not None]
        if not self._ctx.run(DeleteLines(ids), f"Delete {what}"):
            return 0
        if self.proxy.rowCount():
            self.table.setCurrentIndex(
                self.proxy.index(min(max(row, 0), self.proxy.rowCount() - 1), 0)
            )
        return len(ids)

    def move_selected(self, step: int) -> bool:
        """Move the selected lines one place up (-1) or down (+1) in plan order, past the
        next line shown: lines a section or text filter hides keep their places."""
        from app.services.line_commands import reorder_lines

        if not self._ctx.finish_editing():
            return False
        chosen = {line.id for line in self.selected_lines()}
        plan = self._ctx.plan
        workspace = self._ctx.workspace
        if not chosen or plan is None or plan.id is None or workspace is None:
            return False
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        everything = self._ctx.plan_lines()
        proxy = self.proxy
        shown = {
            self.model.line(proxy.mapToSource(proxy.index(row, 0)).row()).id
            for row in range(proxy.rowCount())
        }
        slots = [i for i, line in enumerate(everything) if line.id in shown]
        mine = [everything[i] for i in slots]
        moved = _shift(mine, chosen, step)
        if moved == mine:
            return False
        for slot, line in zip(slots, moved, strict=True):
            everything[slot] = line
        order = [line.id for line in everything if line.id is not None]
        plan_id = plan.id
        command = workspace.build(lambda conn: reorder_lines(conn, plan_id, order))
        what = (
            next(iter(self.selected_lines())).name if len(chosen) == 1 else f"{len(chosen)} lines"
        )
        done = self._ctx.run(command, f"Move {what} {'up' if step < 0 else 'down'}")
        self.select_lines([i for i in chosen if i is not None])
        return done

    def select_lines(self, line_ids: Sequence[int]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        first: QModelIndex | None = None
        for line_id in line_ids:
            row = self.model.row_of(line_id)
            if row is None:
                continue
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if not index.isValid():
                continue
            selection.select(
                index,
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )
            first = first or index
        if first is not None:
            selection.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.table.scrollTo(first)
            self._on_table_current_changed(first)

    def show_section(self, section: str | None) -> None:
        self.section_box.setCurrentIndex(max(self.section_box.findData(section), 0))

    def set_month(self, month: int | None) -> None:
        """Show only the lines that cost something in ``month`` (None: every month)."""
        if month == self.proxy.month:
            return
        self.proxy.set_month(month)
        if month is None:
            self.month_chip.hide()
        else:
            text = f"Month: {MONTHS[month % 12]} {month // 12}"
            self.month_chip.setText(f"{text} \N{MULTIPLICATION SIGN}")
            self.month_chip.setAccessibleName(f"{text} (clear the month filter)")
            self.month_chip.show()
        self.month_filter_changed.emit(month)

    def focus_filter(self) -> None:
        self.filter_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_box.selectAll()

    # ---- Checking what was typed

    def check_cell(self, index: QModelIndex, value: object) -> str | None:
        """Why ``value`` would be refused in this cell, or None if it would be taken."""
        source = self.proxy.mapToSource(index)
        if not source.isValid():
            return None
        line = self.model.line(source.row())
        column = self.columns[source.column()]
        try:
            value = estimate_value(self._ctx, line, column, value)
            with_value(line, column, value, self._ctx.edit_context())
        except NeedsRate:
            return None  # taken: storing it asks for the rate
        except InvalidValue as exc:
            return refusal(exc)
        return None

    def _source_of(self, key: str) -> str:
        entry = self._ctx.edit_context().catalogue.get(key)
        if entry is None:
            return ""
        return (
            f"{entry.currency} {entry.price} per {entry.unit}, as of {entry.as_of}\n{entry.source}"
        )

    # ---- Keeping up

    def _reload(self) -> None:
        self.model.reset(self._ctx.category_lines(self.category))
        self.detail.show_line(None)
        self._show_subtotal()
        self.setEnabled(True)
        if self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 0))

    def _on_bus_lines_changed(self, changed: tuple[Line, ...], removed: frozenset[int]) -> None:
        mine = [
            line
            for line in changed
            if line.category == self.category
            or (line.id is not None and self.model.row_of(line.id) is not None)
        ]
        gone = [i for i in removed if self.model.row_of(i) is not None]
        if mine or gone:
            self.model.apply(mine, gone)

    def _on_table_current_changed(self, current: QModelIndex) -> None:
        if not current.isValid():
            self.detail.show_line(None)
            return
        self.detail.show_line(self.model.line(self.proxy.mapToSource(current).row()))

    def _show_subtotal(self) -> None:
        totals, plan, budget = self._ctx.totals, self._ctx.plan, self._ctx.budget
        if totals is None or plan is None or budget is None:
            self.subtotal.setText("")
            return
        amount = totals.by_category.get(self.category, 0)
        self.subtotal.setText(format_display(amount, budget.digits, plan.currency))


def _shift(lines: list[Line], chosen: set[int | None], step: int) -> list[Line]:
    """The lines with the chosen ones moved one place by ``step``, as a block keeps its shape."""
    order = list(lines)
    indices = range(len(order)) if step < 0 else range(len(order) - 1, -1, -1)
    for i in indices:
        j = i + step
        if order[i].id in chosen and 0 <= j < len(order) and order[j].id not in chosen:
            order[i], order[j] = order[j], order[i]
    return order
