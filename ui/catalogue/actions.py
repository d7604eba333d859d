"""What the catalogue's menu actions do: open the Catalogue view, reprice the open plan
with a preview, set the stale-price threshold.

The dialogs (and the store they reach) are imported when first used, so the window
still paints before the database layer loads."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from ui.context import AppContext

if TYPE_CHECKING:
    from ui.catalogue.view import CatalogueView


class CatalogueActions:
    """Handlers of ``view.catalogue``, ``plan.reprice`` and ``edit.preferences``."""

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        self._ctx = ctx
        self._parent = parent
        self.view: CatalogueView | None = None

    def show_catalogue(self) -> CatalogueView:
        """The Catalogue view (one, kept while the window lives), raised."""
        from ui.catalogue.view import CatalogueView

        if self.view is None:
            self.view = CatalogueView(self._ctx, self._parent)
        self.view.show()
        self.view.raise_()
        return self.view

    def reprice(self) -> bool:
        """Preview the reprice of the open plan and apply it as one undoable step."""
        from ui.catalogue.reprice_dialog import RepriceDialog, plan_preview

        ctx = self._ctx
        if ctx.workspace is None or ctx.plan is None or ctx.plan.id is None:
            return False
        if not ctx.finish_editing():
            return False
        found = plan_preview(ctx)
        if found is None:
            return False
        if not found.changes:
            ctx.bus.edit_refused.emit("Reprice: every line already has the catalogue's price")
            return False
        assert ctx.budget is not None
        if not RepriceDialog.ask(found, ctx.budget.digits, self._parent):
            return False
        from app.services.reprice import RepriceLines

        count = len(found.repriceable)
        return ctx.run(RepriceLines(ctx.plan.id), f"Reprice {count} line(s) from the catalogue")

    def preferences(self) -> bool:
        from ui.catalogue.preferences import PreferencesDialog

        if not PreferencesDialog.ask(self._ctx.settings, self._parent):
            return False
        # views that mark stale prices redraw as when the catalogue changes
        self._ctx.bus.catalogue_changed.emit(self._ctx.catalogue)
        return True
