"""Tab order across panes made at different times (editors and detail fields are made on
first use, which puts them at the end of the window's focus chain)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def focusable_in_chain(root: QWidget) -> list[QWidget]:
    """The widgets inside ``root`` that take Tab focus, in the window's current chain order."""
    found: list[QWidget] = []
    start = root
    widget = root.nextInFocusChain()
    while widget is not None and widget is not start:
        if root.isAncestorOf(widget) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            found.append(widget)
        widget = widget.nextInFocusChain()
    return found


def link(widgets: Sequence[QWidget]) -> None:
    """Make Tab visit ``widgets`` one after the other."""
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)
