"""The typed signals through which the context tells every view what changed."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class ChangeBus(QObject):
    """Typed news of what changed, made from each command's change set."""

    loading = Signal(str)
    """A plan is being opened (its name); views wait."""
    ready = Signal()
    """Opening ended: the database is open for edits, or opening was cancelled or failed."""
    plan_opened = Signal(object)
    """A plan was opened (an ``OpenedPlan``): every view starts over."""
    open_failed = Signal(str)
    """The database or plan could not be opened (the reason)."""
    plans_listed = Signal(object)
    """The list of plans changed (a tuple of ``Plan``)."""
    plan_changed = Signal(object)
    """The open plan's settings changed (the new ``Plan``)."""
    lines_changed = Signal(object, object)
    """Lines of the open plan changed: ``(changed lines, removed ids)``."""
    phases_changed = Signal(object)
    """The open plan's phases changed (all of them, in order)."""
    catalogue_changed = Signal(object)
    """The price catalogue changed (all entries)."""
    actuals_changed = Signal(int)
    """Actuals of a plan were booked or removed (the plan's id)."""
    totals_changed = Signal(object)
    """The open plan's totals after an edit (a ``Totals``)."""
    edit_refused = Signal(str)
    """A value was refused; the sentence says why. Nothing was stored."""
    saved = Signal()
    """Every change so far is in the database."""
    save_failed = Signal(str)
    """The database did not take the last change (the reason)."""
