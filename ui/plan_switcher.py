"""The plan switcher in the tool bar: the open plan's name, and every other plan a click away."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from app.domain.plan import Plan
from ui.context import AppContext
from ui.plan_list import PlanListModel


class PlanSwitcher(QWidget):
    """A list of the database's plans; picking one opens it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.model = PlanListModel()
        self.combo = QComboBox()
        self.combo.setObjectName("plan-switcher")
        self.combo.setModel(self.model)
        self.combo.setAccessibleName("Open plan")
        self.combo.setToolTip("Switch to another plan")
        self.combo.setMinimumContentsLength(28)
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.activated.connect(self._on_combo_activated)
        label = QLabel("Pla&n:")
        label.setBuddy(self.combo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 8, 0)
        layout.addWidget(label)
        layout.addWidget(self.combo)
        ctx.bus.plans_listed.connect(self._on_bus_plans_listed)
        ctx.bus.plan_opened.connect(lambda _opened: self._show_current())
        ctx.bus.plan_changed.connect(lambda _plan: self._show_current())

    def _on_bus_plans_listed(self, plans: tuple[Plan, ...]) -> None:
        self.model.reset(plans)
        self._show_current()

    def _show_current(self) -> None:
        plan = self._ctx.plan
        self.combo.setCurrentIndex(self.model.row_of(plan.id) if plan else -1)

    def _on_combo_activated(self, row: int) -> None:
        plan = self.model.plan(row)
        current = self._ctx.plan
        if plan.id is not None and (current is None or plan.id != current.id):
            self._ctx.open_plan(plan.id)
