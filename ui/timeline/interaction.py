"""How the timeline answers the mouse and the keyboard: drags, clicks, keys and tooltips.

A drag is only a preview (``view.drag``) until the button is released; then the move
goes through the view's :class:`~ui.timeline.shaping.Shaper` as one undoable step.
Each handler returns False when the view should pass the event on to Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QHelpEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QToolTip

from app.services.timeline_layout import RowKind
from app.services.timeline_moves import snapped
from ui.timeline.painting import LABEL, label_x
from ui.timeline.tips import tooltip

if TYPE_CHECKING:
    from ui.timeline.view import TimelineView


@dataclass
class Drag:
    row: int
    mode: str
    """``move``, ``start``, ``end`` or ``link``."""
    x: int
    start_days: int = 0
    end_days: int = 0
    to_row: int | None = None


class Interaction:
    """The timeline view's mouse, keyboard and tooltip handling."""

    def __init__(self, view: TimelineView) -> None:
        self.view = view

    # ---- Mouse

    def press(self, event: QMouseEvent) -> bool:
        view = self.view
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        pos = event.position().toPoint()
        index, part = view.part_at(pos)
        if index is None:
            return True
        row = view.rows[index]
        if part == "label":
            if row.kind is RowKind.GROUP and pos.x() < label_x(row.depth):
                view.toggle(row.key)
                return True
            view.select_row(index)
            return True
        view.select_row(index)
        if part and view.shaper.can_move(row):
            shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            mode = "link" if shift and row.kind is RowKind.PHASE else part
            view.drag = Drag(index, "move" if mode == "bar" else mode, pos.x())
        return True

    def move(self, event: QMouseEvent) -> None:
        view = self.view
        pos = event.position().toPoint()
        drag = view.drag
        if drag is None:
            _index, part = view.part_at(pos)
            shape = Qt.CursorShape.SizeHorCursor if part in ("start", "end") else None
            if shape is None:
                view.viewport().unsetCursor()
            else:
                view.viewport().setCursor(shape)
            return
        if drag.mode == "link":
            drag.to_row = view.row_at(pos.y())
            return
        days = view.scale.day_at(pos.x()) - view.scale.day_at(drag.x)
        moved = snapped(days, view.scale.snap)
        drag.start_days = moved if drag.mode in ("move", "start") else 0
        drag.end_days = moved if drag.mode in ("move", "end") else 0
        row = view.rows[drag.row]
        if drag.mode == "start" and row.start and row.end:
            drag.start_days = min(drag.start_days, (row.end - row.start).days)
        if drag.mode == "end" and row.start and row.end:
            drag.end_days = max(drag.end_days, -(row.end - row.start).days)
        view.viewport().update()

    def release(self, event: QMouseEvent) -> bool:
        view = self.view
        drag, view.drag = view.drag, None
        if drag is None:
            return False
        row = view.rows[drag.row]
        view.viewport().update()
        if drag.mode == "link":
            target = view.row_at(event.position().y())
            if target is not None and view.rows[target].kind is RowKind.PHASE:
                other = view.rows[target].item_id
                if row.item_id is not None and other is not None:
                    view.shaper.link(row.item_id, other)
            return True
        view.shaper.move(row, drag.start_days, drag.end_days)
        return True

    def double_click(self, event: QMouseEvent) -> None:
        view = self.view
        index = view.row_at(event.position().y())
        if index is not None:
            row = view.rows[index]
            if row.kind is RowKind.LINE and row.item_id is not None:
                view.line_activated.emit(row.item_id)
            elif row.kind is RowKind.GROUP:
                view.toggle(row.key)

    def tooltip(self, event: QHelpEvent) -> None:
        view = self.view
        index, _part = view.part_at(event.pos())
        text = (
            tooltip(view.ctx, view.rows[index], view.day_under(event.pos().x()))
            if index is not None and event.pos().x() >= LABEL
            else ""
        )
        if text:
            QToolTip.showText(event.globalPos(), text, view.viewport())
        else:
            QToolTip.hideText()

    # ---- Keyboard

    def key(self, event: QKeyEvent) -> bool:
        view = self.view
        key = event.key()
        if key == Qt.Key.Key_Escape and view.drag is not None:  # the drag is dropped unstored
            view.drag = None
            view.viewport().update()
            return True
        index = view.selected_row()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and index is not None:
            days = (7 if shift else 1) * (-1 if key == Qt.Key.Key_Left else 1)
            view.shaper.move(view.rows[index], days, days)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and view.rows:
            step = -1 if key == Qt.Key.Key_Up else 1
            target = 0 if index is None else min(max(index + step, 0), len(view.rows) - 1)
            view.select_row(target)
            view.ensure_visible(target)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and index is not None:
            row = view.rows[index]
            if row.kind is RowKind.LINE and row.item_id is not None:
                view.line_activated.emit(row.item_id)
            elif row.kind is RowKind.GROUP:
                view.toggle(row.key)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            view.set_zoom(view.scale.px_per_day * 1.5)
        elif key == Qt.Key.Key_Minus:
            view.set_zoom(view.scale.px_per_day / 1.5)
        else:
            return False
        return True
