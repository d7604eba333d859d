"""Which editor class edits which category: one registered editor per category."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from ui.editors.category_editor import CategoryEditor

E = TypeVar("E", bound="type[CategoryEditor]")

_EDITORS: dict[str, type[CategoryEditor]] = {}


def register(cls: E) -> E:
    """Class decorator: the editor of ``cls.category``."""
    if cls.category in _EDITORS:
        raise ValueError(f"two editors for {cls.category!r}")
    _EDITORS[cls.category] = cls
    return cls


MODULES = {"time": "ui.editors.time_editor"}
"""Editors in a module of their own; the others are in ``ui.editors.categories``."""


def editor_class(category: str) -> type[CategoryEditor]:
    """The editor registered for a category (its module is loaded on first use)."""
    if category not in _EDITORS:
        import_module(MODULES.get(category, "ui.editors.categories"))
    return _EDITORS[category]
