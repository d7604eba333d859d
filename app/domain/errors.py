"""Typed errors that carry what a planner needs to fix the input."""

from __future__ import annotations


class BudgetwrightError(Exception):
    """Base of every error the app reports to a planner."""


class InvalidValue(BudgetwrightError):
    """A value a plan cannot hold; names the field, the value and where it was found."""

    def __init__(self, field: str, value: object, reason: str, where: str = "") -> None:
        self.field = field
        self.value = value
        self.reason = reason
        self.where = where
        super().__init__(self._text())

    def _text(self) -> str:
        place = f"{self.where}: " if self.where else ""
        return f"{place}{self.field} = {self.value!r}: {self.reason}"

    def at(self, where: str) -> InvalidValue:
        """The same error, located (a file, a line name, a sheet and cell)."""
        inner = f"{where}, {self.where}" if self.where else where
        return InvalidValue(self.field, self.value, self.reason, inner)


class BadInput(BudgetwrightError):
    """A file or argument that cannot be read at all (not JSON, wrong format, unknown plan)."""


class NotFound(BudgetwrightError):
    """A plan, phase or line that does not exist (any more)."""


class DatabaseRefused(BudgetwrightError):
    """A database file that will not be opened: corrupt, not SQLite, or from a newer app."""


class DatabaseUnavailable(BudgetwrightError):
    """The database cannot be read or written just now: locked, read-only, disk full.

    ``reason`` is one of :data:`LOCKED`, :data:`READ_ONLY`, :data:`DISK_FULL`, :data:`NO_FOLDER`
    or :data:`CANNOT_WRITE`; the message names the file and says what to do.
    """

    def __init__(self, path: object, reason: str, detail: str = "") -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {detail or reason}")


LOCKED = "locked by another program, try again"
READ_ONLY = "read-only"
DISK_FULL = "disk full"
NO_FOLDER = "the folder does not exist"
CANNOT_WRITE = "cannot write there"
NO_SERVER = "the database server cannot be reached, try again"
NO_LOGIN = "the database server refused this user or password"


class EditConflict(BudgetwrightError):
    """Another window or program changed what an edit started from; nothing was stored."""
