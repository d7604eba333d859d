"""Plan ▸ Reprice from Catalogue: a preview of each line's old and new totals and the
plan's, applied as one undoable step."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import format_display, grouped
from app.domain.plan import PlanSnapshot
from app.services.reprice import RepricePreview, preview
from ui.catalogue.models import RepriceModel
from ui.context import AppContext
from ui.theme import set_role


def plan_preview(ctx: AppContext) -> RepricePreview | None:
    """The open plan's reprice as the window shows it (None without a plan)."""
    if ctx.plan is None or ctx.budget is None:
        return None
    snapshot = PlanSnapshot(ctx.plan, tuple(ctx.phases.values()), tuple(ctx.plan_lines()))
    return preview(snapshot, ctx.catalogue, budget=ctx.budget)


class RepriceDialog(QDialog):
    """Each line whose copied price differs, with its totals before and after."""

    def __init__(self, found: RepricePreview, digits: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reprice-dialog")
        self.setWindowTitle("Reprice from Catalogue")
        self.resize(1080, 420)
        self.found = found
        cur = found.plan.currency
        count = len(found.repriceable)
        intro = QLabel(
            f"{len(found.changes)} line(s) copied a price the catalogue no longer gives. "
            f"Repricing takes the current price into {count} of them as one step (Edit ▸ Undo "
            f"puts them back). Amounts in {cur}."
        )
        intro.setWordWrap(True)
        self.model = RepriceModel(found, digits, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Lines to reprice")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 170), (2, 170), (3, 170), (4, 110), (5, 110), (6, 110)):
            self.table.setColumnWidth(column, width)
        change = found.total_change
        sign = "+" if change > 0 else ""
        self.totals = QLabel(
            f"Plan total (contingency included): {format_display(found.old_total, digits, cur)} → "
            f"<b>{format_display(found.new_total, digits, cur)}</b> ({sign}{grouped(change, digits)})"
        )
        self.totals.setAccessibleName("Plan total before and after")
        skipped = len(found.changes) - count
        self.note = QLabel(
            f"{skipped} line(s) are not repriced (see their Change column)." if skipped else ""
        )
        set_role(self.note, "hint")
        self.note.setVisible(bool(skipped))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = self.buttons.addButton(
            f"&Reprice {count} Line(s)", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.apply_button.setEnabled(count > 0)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)

    @classmethod
    def ask(cls, found: RepricePreview, digits: int, parent: QWidget | None) -> bool:
        """True if the planner chose to reprice."""
        return cls(found, digits, parent).exec() == QDialog.DialogCode.Accepted
