"""The workspace window: lays out the panes and wires them; it computes nothing.

Navigator | category editor | summary, with the plan switcher in the tool bar and
the database and saved state in the status bar. Geometry and splitter positions are
remembered between runs.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QPaintEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QLayout,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QToolBar,
    QUndoView,
    QWidget,
)

from app.paths import APP_NAME
from ui import prompts
from ui.actions import LINE_ACTIONS, build_actions, build_menus, shortcut_table
from ui.catalogue.actions import CatalogueActions
from ui.compare.opener import CompareOpener
from ui.context import AppContext
from ui.editor_area import EditorArea
from ui.file_actions import FileOperations
from ui.navigator import Navigator
from ui.plan_operations import PlanOperations
from ui.plan_switcher import PlanSwitcher
from ui.rate_table import ask_rate
from ui.risk.dock import RiskDock
from ui.server_dialog import ServerOpener
from ui.status_bar import StatusBar
from ui.summary_panel import SummaryPanel
from ui.theme import app_icon, restyle
from ui.timeline.dock import ScheduleDocks
from ui.undo import UndoActions, literal
from ui.variance.dock import VarianceDock

TOOLBAR = (
    "file.new_plan",
    None,
    "edit.undo",
    "edit.redo",
    None,
    "file.export_excel",
    "file.export_pdf",
    None,
    "view.timeline",
    "view.charts",
)


class MainWindow(QMainWindow):
    """The one window of Budgetwright."""

    first_painted = Signal()
    """The window has been drawn once (slow start-up work may begin)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(app_icon())
        self.setObjectName("main-window")
        self.plans = PlanOperations(ctx, self)
        ctx.ask_rate = lambda plan, currency: ask_rate(self, plan, currency)
        self.files = FileOperations(ctx, self)
        self.servers = ServerOpener(self)

        self.navigator = Navigator(ctx)
        self.editors = EditorArea(ctx)
        self.summary = SummaryPanel(ctx)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main")
        self.splitter.setChildrenCollapsible(False)
        # the summary scrolls rather than overlap itself when docks leave it little height
        summary = WidthOfContent()
        summary.setObjectName("summary-scroll")
        summary.setAccessibleName("Summary of the plan's totals")
        summary.setWidget(self.summary)
        for pane in (self.navigator, self.editors, summary):
            self.splitter.addWidget(pane)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([285, 865, 290])
        self.setCentralWidget(self.splitter)

        self.schedule = ScheduleDocks(self, ctx, self.editors)  # timeline and charts docks
        self.risk = RiskDock(self, ctx)  # built when first shown
        self.compare = CompareOpener(self, ctx, self.editors)  # Plan → Compare
        self.catalogue = CatalogueActions(ctx, self)  # the Catalogue view, Reprice, Preferences
        self.variance = VarianceDock(self, ctx)  # built when first shown
        steps = UndoActions(ctx.undo_stack, self, ctx.finish_editing)
        undo, redo = steps.undo, steps.redo
        self.actions = build_actions(self, {"edit.undo": undo, "edit.redo": redo})
        self.menus = build_menus(self.menuBar(), self.actions)
        self._recent_menu()
        line_actions = [self.actions[i] for i in LINE_ACTIONS]
        self.editors.set_line_actions(line_actions)

        self.switcher = PlanSwitcher(ctx)
        toolbar = QToolBar("Plan")
        toolbar.setObjectName("toolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(self.switcher)
        for action_id in TOOLBAR:
            if action_id is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(self.actions[action_id])
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(toolbar)

        self.history = QDockWidget("Undo History", self)
        self.history.setObjectName("undo-history")
        view = QUndoView(ctx.undo_stack)
        view.setEmptyLabel("Plan opened")
        view.setAccessibleName("Undo history")
        self.history.setWidget(view)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history)
        self.history.hide()
        self.history.visibilityChanged.connect(self.actions["view.history"].setChecked)
        self.schedule.connect_actions(self.actions)
        self.risk.connect_actions(self.actions)
        self.variance.connect_actions(self.actions)

        self.status = StatusBar(ctx)
        self.setStatusBar(self.status)

        self.navigator.chosen.connect(self.editors.show_category)
        self.editors.category_shown.connect(self._on_editors_category_shown)
        ctx.bus.plan_opened.connect(lambda _opened: self._show_title())
        ctx.bus.plan_changed.connect(lambda _plan: self._show_title())
        ctx.bus.loading.connect(self._on_bus_loading)
        ctx.bus.ready.connect(lambda: self._allow_undo(True))
        ctx.bus.plan_opened.connect(lambda _opened: self._allow_undo(not ctx.loading))
        ctx.bus.open_failed.connect(self._on_bus_open_failed)
        QWidget.setTabOrder(self.switcher.combo, self.navigator)
        self.editors.show_category("computing")
        self.navigator.select("computing")
        # A fixed floor instead of one recomputed from the panes: the window does not
        # re-negotiate its minimum size with the window system whenever a pane changes.
        self.layout().setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.setMinimumSize(720, 480)
        self.setAcceptDrops(True)  # a workbook or plan file dropped here is imported
        self.resize(1440, 900)
        self._splitters_restored = False
        self._painted = False
        self._restore_layout()

    # ---- Layout

    def _restore_layout(self) -> None:
        settings = self.ctx.settings
        geometry = settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = settings.window_state()
        if state is not None:
            self.restoreState(state)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._splitters_restored:
            # Splitter sizes are kept relative to the panes' final sizes: restore them
            # once the window has its restored geometry and its layout has run.
            self._splitters_restored = True
            self.layout().activate()
            splitter = self.ctx.settings.splitter("main")
            if splitter is not None:
                self.splitter.restoreState(splitter)

    def save_layout(self) -> None:
        splitters = {"main": self.splitter.saveState()}
        for category, editor in self.editors.editors.items():
            splitters[f"editor-{category}"] = editor.splitter.saveState()
        self.ctx.settings.save_layout(self.saveGeometry(), self.saveState(), splitters)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            # the desktop's palette changed (light to dark, say): it is in effect now,
            # so the few colours the window holds itself are taken from it again
            restyle()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.first_painted.emit)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.ctx.finish_editing()  # a value still in its field is stored (or refused)
        self.save_layout()
        self.ctx.close()
        super().closeEvent(event)

    # ---- Dropped files

    @staticmethod
    def _dropped_file(mime: QMimeData) -> Path | None:
        """The first local file of a drag that the window can import."""
        from ui.excel_import import importable  # (loaded on use, like the other imports)

        for url in mime.urls() if mime.hasUrls() else ():
            if url.isLocalFile() and importable(Path(url.toLocalFile())):
                return Path(url.toLocalFile())
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_file(event.mimeData()) is not None and self.ctx.workspace is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_file(event.mimeData())
        if path is None or self.ctx.workspace is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.files.import_path(path)

    # ---- Menus and titles

    def _recent_menu(self) -> None:
        menu = self.menus["file"]
        recent = menu.addMenu("Open &Recent")
        recent.setObjectName("menu-recent")
        menu.insertMenu(self.actions["file.import"], recent)

        def fill() -> None:
            recent.clear()
            names = {p.id: p.name for p in self.ctx.plans}
            for n, plan_id in enumerate(self.ctx.settings.recent_plans(), start=1):
                if plan_id in names:
                    action = recent.addAction(f"&{n} {literal(names[plan_id])}")
                    action.triggered.connect(lambda _c=False, i=plan_id: self.plans.open_recent(i))
            if recent.isEmpty():
                recent.addAction("No recent plans").setEnabled(False)

        recent.aboutToShow.connect(fill)

    def _show_title(self) -> None:
        plan = self.ctx.plan
        self.setWindowTitle(f"{plan.name} — {APP_NAME}" if plan else APP_NAME)
        if self.ctx.db_path is not None:
            self.status.show_database(str(self.ctx.db_path))

    def _on_bus_loading(self, name: str) -> None:
        self._allow_undo(False)
        self.setWindowTitle(f"{name} — {APP_NAME}")
        if self.ctx.db_path is not None:
            self.status.show_database(str(self.ctx.db_path))

    def _on_bus_open_failed(self, reason: str) -> None:
        prompts.show_error(self, "Could not open", reason)

    def _on_editors_category_shown(self, category: str) -> None:
        self.navigator.select(category)
        # Tab goes switcher → navigator → the shown editor → the rest of the window;
        # setTabOrder moves the editor's whole part of the focus chain. (Not walked
        # from Python: each nextInFocusChain() result is kept alive as the "child" of
        # the widget before it, and such stale wrappers broke the menus.)
        QWidget.setTabOrder(self.navigator, self.editors.editor(category))

    def _allow_undo(self, allowed: bool) -> None:
        """No undo while a plan opens: the history is of the plan being left, and an
        undo now would change that plan behind the one coming in."""
        stack = self.ctx.undo_stack
        self.actions["edit.undo"].setEnabled(allowed and stack.canUndo())
        self.actions["edit.redo"].setEnabled(allowed and stack.canRedo())
        self.history.widget().setEnabled(allowed)

    def toggle_history(self) -> None:
        self.history.setVisible(not self.history.isVisible())

    def show_shortcuts(self) -> None:
        prompts.show_info(self, "Keyboard Shortcuts", shortcut_table(self.actions))

    def show_about(self) -> None:
        """The version and the bundled libraries' licences (not modal to the app)."""
        from ui.about_dialog import AboutDialog

        self.about = AboutDialog(self)
        self.about.open()


class WidthOfContent(QScrollArea):
    """Scrolls its content up and down (never sideways) and is never narrower than it."""

    def __init__(self) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def minimumSizeHint(self) -> QSize:
        content = self.widget()
        if content is None:
            return super().minimumSizeHint()
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(content.minimumSizeHint().width() + bar, 80)

    def sizeHint(self) -> QSize:
        content = self.widget()
        hint = super().sizeHint()
        if content is not None:
            hint.setWidth(max(hint.width(), self.minimumSizeHint().width()))
        return hint
