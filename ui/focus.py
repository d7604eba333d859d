"""Tab order for widgets made at different times (detail fields are made per cost model,
which puts them at the end of the window's focus chain)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from PySide6.QtWidgets import QWidget


def link(widgets: Sequence[QWidget]) -> None:
    """Make Tab visit ``widgets`` one after the other."""
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)
