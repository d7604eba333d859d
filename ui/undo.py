"""Undo and redo: each planner's step wraps one or more core commands.

A step is stored the moment it is made (the core command is applied before it is
pushed, so a refused value never reaches the stack); undo reverts the commands in
reverse order, redo replays them. Repeated edits of the same field of the same
lines within a moment merge into one step, as typing into one box should.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QUndoCommand, QUndoStack

if TYPE_CHECKING:
    from app.services.command import Command

MERGE_ID = 1
MERGE_SECONDS = 2.0


class Replayer(Protocol):
    """Applies and reverts core commands, publishing what changed (the AppContext)."""

    def replay(self, command: Command) -> None: ...

    def rewind(self, command: Command) -> None: ...


class StoredStep(QUndoCommand):
    """A step already in the database; the stack only ever replays or reverts it."""

    def __init__(self, runner: Replayer, command: Command, text: str, merge_key: str = "") -> None:
        super().__init__(text)
        self._runner = runner
        self.commands: list[Command] = [command]
        self.merge_key = merge_key
        self._stored = True
        self._stamp = time.monotonic()

    def redo(self) -> None:
        if self._stored:
            self._stored = False  # pushed after it was applied: nothing to do
            return
        for command in self.commands:
            self._runner.replay(command)

    def undo(self) -> None:
        for command in reversed(self.commands):
            self._runner.rewind(command)

    def id(self) -> int:
        return MERGE_ID if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, StoredStep) or other.merge_key != self.merge_key:
            return False
        if other._stamp - self._stamp > MERGE_SECONDS:
            return False
        self.commands.extend(other.commands)
        self._stamp = other._stamp
        return True


def literal(text: str) -> str:
    """Text for a menu or button title, its ``&`` shown as ``&`` (not a mnemonic)."""
    return text.replace("&", "&&")


class UndoActions(QObject):
    """Undo and redo actions that name their step (``&`` kept literal) and first let
    ``before`` store a value still held in a field; a refused value stops them."""

    def __init__(self, stack: QUndoStack, parent: QObject, before: Callable[[], bool]) -> None:
        super().__init__(parent)
        self._stack = stack
        self._before = before
        self.undo = QAction("&Undo", parent)
        self.redo = QAction("&Redo", parent)
        self._undo_text(stack.undoText())
        self._redo_text(stack.redoText())
        self.undo.setEnabled(stack.canUndo())
        self.redo.setEnabled(stack.canRedo())
        stack.undoTextChanged.connect(self._undo_text)
        stack.redoTextChanged.connect(self._redo_text)
        stack.canUndoChanged.connect(self.undo.setEnabled)
        stack.canRedoChanged.connect(self.redo.setEnabled)
        self.undo.triggered.connect(self._on_undo)
        self.redo.triggered.connect(self._on_redo)

    def _undo_text(self, text: str) -> None:
        self.undo.setText(f"&Undo {literal(text)}".rstrip())

    def _redo_text(self, text: str) -> None:
        self.redo.setText(f"&Redo {literal(text)}".rstrip())

    def _on_undo(self) -> None:
        if self._before():
            self._stack.undo()

    def _on_redo(self) -> None:
        if self._before():
            self._stack.redo()
