"""The timeline: a custom-painted scroll area that draws only the rows in view.

Finding the bar under the mouse is arithmetic (row = y / row height, day = x / pixels
per day), so a plan of ten thousand lines scrolls, zooms and drags as fast as one of
ten. A drag is drawn as a preview and stored once, on release, through the same
commands as the tables (one undo step, named in the history).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from app.domain.plan import Line
from app.services.timeline_layout import Row, RowKind, TimelineLayout, layout, with_new_dates
from ui.context import AppContext
from ui.timeline.interaction import Drag, Interaction
from ui.timeline.painting import HANDLE, HEADER, LABEL, ROW, STRIP, Colours, Frame, paint
from ui.timeline.scale import DateScale, clamp_zoom
from ui.timeline.shaping import Shaper

MARGIN_DAYS = 14


class TimelineView(QAbstractScrollArea):
    """Rows of bars over a date grid, with labels on the left and a cost strip below."""

    line_selected = Signal(int)
    """The planner selected a line's bar (its id)."""
    line_activated = Signal(int)
    """The planner double-clicked a line's bar or pressed Enter on it (its id)."""
    zoomed = Signal(float)
    """The zoom changed (pixels per day)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.shaper = Shaper(ctx)
        self.interaction = Interaction(self)
        self.setObjectName("timeline")
        self.setAccessibleName("Timeline of phases and lines")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.scale = DateScale(date.today().toordinal(), 2.0)
        self.layout_: TimelineLayout | None = None
        self.collapsed: set[str] = set()
        self.hidden: frozenset[int] = frozenset()
        self.selected_key: str | None = None
        self.today = date.today()
        self.drag: Drag | None = None
        self._placed: dict[int, tuple[object, ...]] = {}
        """What puts each line in its row (all but its dates), as last laid out."""
        self._colours = Colours.from_palette(self.palette())
        self._stale = True
        self._fitted = False
        self._auto_fit = True
        """Fit the plan to the width on each resize until the planner zooms."""
        self._relayout_timer = QTimer(self)
        self._relayout_timer.setSingleShot(True)
        self._relayout_timer.timeout.connect(self.relayout)
        bus = ctx.bus
        bus.plan_opened.connect(self._on_bus_plan_opened)
        bus.lines_changed.connect(self._on_bus_lines_changed)
        bus.phases_changed.connect(lambda _p: self._mark_stale())
        bus.plan_changed.connect(lambda _p: self._mark_stale())
        bus.totals_changed.connect(lambda _t: self.viewport().update())
        ctx.baseline.changed.connect(self.viewport().update)

    @property
    def ctx(self) -> AppContext:
        return self._ctx

    # ---- Keeping up with the plan

    def _on_bus_plan_opened(self, _opened: object) -> None:
        self._fitted = False
        self._auto_fit = True
        self.selected_key = None
        self._mark_stale()

    def _on_bus_lines_changed(self, changed: tuple[Line, ...], removed: frozenset[int]) -> None:
        """Moved lines are redrawn where they are; anything else lays the plan out again."""
        shape, ctx = self.layout_, self._ctx
        if self._stale or shape is None or removed or ctx.plan is None:
            self._mark_stale()
            return
        for line in changed:
            if self._placed.get(line.id or 0) != _place(line):
                self._mark_stale()
                return
        self.layout_ = with_new_dates(shape, ctx.plan, changed)
        self.viewport().update()

    def _mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self._relayout_timer.start(0)

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if self._stale:
            self.relayout()

    def relayout(self) -> None:
        """Rows and bars again from the context's plan (after an edit, undo, import, switch)."""
        self._relayout_timer.stop()
        ctx = self._ctx
        self._stale = False
        if ctx.plan is None:
            self.layout_ = None
        else:
            self.layout_ = layout(
                ctx.plan,
                list(ctx.phases.values()),
                ctx.plan_lines(),
                ctx.taxonomy.label,
                self.collapsed,
                self.hidden,
            )
            self._placed = {i: _place(line) for i, line in ctx.lines.items()}
            if not self._fitted and self.viewport().width() > LABEL:
                self._fitted = True
                self.fit()
        self._update_scrollbars()
        self.viewport().update()

    def set_hidden(self, line_ids: Collection[int]) -> None:
        """Lines the editor's filter hides (left out of the timeline too)."""
        hidden = frozenset(line_ids)
        if hidden != self.hidden:
            self.hidden = hidden
            self.relayout()

    def toggle(self, key: str) -> None:
        """Collapse or expand a group."""
        self.collapsed ^= {key}
        self.relayout()

    # ---- Geometry

    @property
    def rows(self) -> tuple[Row, ...]:
        return self.layout_.rows if self.layout_ else ()

    def frame(self) -> Frame:
        assert self.layout_ is not None
        vp = self.viewport()
        selected = self.layout_.row_of(self.selected_key) if self.selected_key else None
        frame = Frame(
            vp.width(),
            vp.height(),
            self.scale,
            self.horizontalScrollBar().value(),
            self.verticalScrollBar().value(),
            self.layout_,
            self.today,
            selected=selected,
            ghosts=self._ctx.baseline.spans,
        )
        if self.drag is not None and self.drag.mode != "link":
            row = self.rows[self.drag.row]
            if row.start is not None and row.end is not None:
                from datetime import timedelta

                frame.preview[self.drag.row] = (
                    row.start + timedelta(days=self.drag.start_days),
                    max(row.end + timedelta(days=self.drag.end_days), row.start),
                )
        return frame

    def _update_scrollbars(self) -> None:
        vp = self.viewport()
        body = vp.height() - HEADER - STRIP
        self.verticalScrollBar().setRange(0, max(0, len(self.rows) * ROW - body))
        self.verticalScrollBar().setPageStep(max(ROW, body))
        self.verticalScrollBar().setSingleStep(ROW)
        width = vp.width() - LABEL
        if self.layout_ is not None:
            first = self.layout_.first.toordinal() - MARGIN_DAYS
            last = self.layout_.last.toordinal() + MARGIN_DAYS
            left, right = self.scale.x(first), self.scale.x(last)
        else:
            left = right = 0.0
        bar = self.horizontalScrollBar()
        bar.setRange(int(left), max(int(left), int(right - width)))
        bar.setPageStep(max(1, width))
        bar.setSingleStep(max(1, int(self.scale.px_per_day * 7)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = self.viewport().width() > LABEL
        if (self._auto_fit or not self._fitted) and self.layout_ is not None and wide:
            self._fitted = True
            self.fit()
        self._update_scrollbars()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.layout_ is None:
            return
        painter = QPainter(self.viewport())
        totals, budget = self._ctx.totals, self._ctx.budget
        months = totals.by_month if totals is not None else {}
        paint(painter, self.frame(), self._colours, months, budget.digits if budget else 2)
        painter.end()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._colours = Colours.from_palette(self.palette())
            self.viewport().update()

    # ---- Zoom

    def set_zoom(self, px_per_day: float, anchor_x: float | None = None) -> None:
        """New pixels per day, keeping the date under ``anchor_x`` (viewport x) in place."""
        px_per_day = clamp_zoom(px_per_day)
        self._auto_fit = False
        bar = self.horizontalScrollBar()
        if anchor_x is None:
            anchor_x = LABEL + (self.viewport().width() - LABEL) / 2
        day = self.scale.day_at(bar.value() + anchor_x - LABEL)
        self.scale.px_per_day = px_per_day
        self._update_scrollbars()
        self._anchor_fix(day, anchor_x)
        self.viewport().update()
        self.zoomed.emit(px_per_day)

    def _anchor_fix(self, day: float, anchor_x: float) -> None:
        """Widen the scroll range if the anchor would need to scroll past it."""
        bar = self.horizontalScrollBar()
        wanted = round(self.scale.x(day) - (anchor_x - LABEL))
        if wanted < bar.minimum():
            bar.setMinimum(wanted)
        if wanted > bar.maximum():
            bar.setMaximum(wanted)
        bar.setValue(wanted)

    def fit(self) -> None:
        """Zoom so the whole plan fits the width."""
        if self.layout_ is None:
            return
        first = self.layout_.first.toordinal() - MARGIN_DAYS
        days = self.layout_.last.toordinal() + MARGIN_DAYS - first
        self.scale.px_per_day = clamp_zoom((self.viewport().width() - LABEL) / max(days, 1))
        self._update_scrollbars()
        self.horizontalScrollBar().setValue(int(self.scale.x(first)))
        self.viewport().update()
        self.zoomed.emit(self.scale.px_per_day)

    def show_span(self, start: date, end: date) -> None:
        """Zoom and scroll so ``start``..``end`` fills the width (a quarter, say)."""
        days = end.toordinal() - start.toordinal() + 1
        self._auto_fit = False
        self.scale.px_per_day = clamp_zoom((self.viewport().width() - LABEL) / days)
        self._update_scrollbars()
        self._anchor_fix(start.toordinal(), LABEL)
        self.viewport().update()
        self.zoomed.emit(self.scale.px_per_day)

    def scroll_to_day(self, day: date) -> None:
        self._anchor_fix(day.toordinal(), LABEL + 40)
        self.viewport().update()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            self.set_zoom(self.scale.px_per_day * 1.25**steps, event.position().x())
            event.accept()
            return
        super().wheelEvent(event)

    # ---- Hit testing (arithmetic: no items to search)

    def row_at(self, y: float) -> int | None:
        if not HEADER <= y < self.viewport().height() - STRIP:
            return None
        index = int((y - HEADER + self.verticalScrollBar().value()) // ROW)
        return index if 0 <= index < len(self.rows) else None

    def part_at(self, pos: QPoint) -> tuple[int | None, str]:
        """The row under a point and which part: ``label``, ``start``, ``end``, ``bar`` or ``""``."""
        index = self.row_at(pos.y())
        if index is None:
            return None, ""
        if pos.x() < LABEL:
            return index, "label"
        bounds = self.frame().bar(index)
        if bounds is None:
            return index, ""
        x0, x1 = bounds
        x = pos.x()
        grab = HANDLE if x1 - x0 > 3 * HANDLE else 2
        if x0 - 2 <= x <= x0 + grab:
            return index, "start"
        if x1 - grab <= x <= x1 + 2:
            return index, "end"
        if x0 < x < x1:
            return index, "bar"
        return index, ""

    def day_under(self, x: float) -> date:
        value = self.scale.day_at(self.horizontalScrollBar().value() + x - LABEL)
        return date.fromordinal(int(value))

    # ---- Selection

    def select_row(self, index: int | None, announce: bool = True) -> None:
        key = self.rows[index].key if index is not None else None
        if key == self.selected_key:
            return
        self.selected_key = key
        self.viewport().update()
        row = self.rows[index] if index is not None else None
        if announce and row is not None and row.kind is RowKind.LINE and row.item_id is not None:
            self.line_selected.emit(row.item_id)

    def select_line(self, line_id: int) -> None:
        """Select a line's bar and bring it into view (no signal: the editor asked)."""
        if self._stale:
            self.relayout()
        key = f"line:{line_id}"
        index = self.layout_.row_of(key) if self.layout_ else None
        if index is None or key == self.selected_key:
            return
        self.selected_key = key
        self.ensure_visible(index)
        self.viewport().update()

    def selected_row(self) -> int | None:
        return (
            self.layout_.row_of(self.selected_key) if self.layout_ and self.selected_key else None
        )

    def ensure_visible(self, index: int) -> None:
        bar = self.verticalScrollBar()
        body = self.viewport().height() - HEADER - STRIP
        top = index * ROW
        if top < bar.value():
            bar.setValue(top)
        elif top + ROW > bar.value() + body:
            bar.setValue(top + ROW - body)
        bounds = self.frame().bar(index)
        if bounds is not None and not LABEL <= bounds[0] <= self.viewport().width() - 20:
            start = self.rows[index].start
            if start is not None:
                self.scroll_to_day(start)

    # ---- Mouse and keyboard (see ui.timeline.interaction)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if not self.interaction.press(event):
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self.interaction.move(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if not self.interaction.release(event):
            super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.interaction.double_click(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            self.interaction.tooltip(event)
            return True
        return super().viewportEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.interaction.key(event):
            super().keyPressEvent(event)


def _place(line: Line) -> tuple[object, ...]:
    return (
        line.category,
        line.phase_id,
        line.name,
        line.dates_from_phase,
        line.position,
        line.cost_model,
    )
