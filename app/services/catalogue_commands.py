"""Editing the reference price catalogue. Lines keep their own copies of prices."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import Connection

from app.domain.errors import InvalidValue
from app.domain.money import is_known_currency
from app.domain.plan import CatalogueEntry
from app.domain.validation import parse_decimal
from app.services.changes import RowChange
from app.services.command import Command
from app.store import repository


def check_entry(entry: CatalogueEntry) -> None:
    if not entry.key.strip() or not entry.name.strip():
        raise InvalidValue("key", entry.key, "a catalogue price needs a key and a name")
    if parse_decimal("price", entry.price) < 0:
        raise InvalidValue("price", entry.price, "must not be negative")
    if not is_known_currency(entry.currency):
        raise InvalidValue("currency", entry.currency, "not an ISO 4217 currency code")


class AddCatalogueEntry(Command):
    label = "Add catalogue price"

    def __init__(self, entry: CatalogueEntry) -> None:
        super().__init__()
        self.entry = entry

    def changes(self, conn: Connection) -> list[RowChange]:
        check_entry(self.entry)
        if any(e.key == self.entry.key for e in repository.catalogue(conn)):
            raise InvalidValue("key", self.entry.key, "the catalogue already has this key")
        return [
            RowChange(None, replace(self.entry, id=repository.next_id(conn, repository.CATALOGUE)))
        ]


class EditCatalogueEntry(Command):
    label = "Edit catalogue price"

    def __init__(self, entry: CatalogueEntry) -> None:
        super().__init__()
        self.entry = entry

    def changes(self, conn: Connection) -> list[RowChange]:
        assert self.entry.id is not None
        check_entry(self.entry)
        return [RowChange(repository.get_catalogue_entry(conn, self.entry.id), self.entry)]


class DeleteCatalogueEntry(Command):
    label = "Delete catalogue price"

    def __init__(self, entry_id: int) -> None:
        super().__init__()
        self.entry_id = entry_id

    def changes(self, conn: Connection) -> list[RowChange]:
        return [RowChange(repository.get_catalogue_entry(conn, self.entry_id), None)]
