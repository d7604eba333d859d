"""Undo and redo: each planner's step wraps one or more core commands.

A step is stored the moment it is made (the core command is applied before it is
pushed, so a refused value never reaches the stack); undo reverts the commands in
reverse order, redo replays them. Repeated edits of the same field of the same
lines within a moment merge into one step, as typing into one box should.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QUndoCommand

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
