"""Dated versions of the price book: importing one, listing them.

An import adds a version and keeps every older one. The file's entries replace those
of the same key in the current price book and add new keys; entries the file does
not name stay as they are (a file of GPU prices need not repeat the salaries). The
version stored is the whole price book after the import, so each version can be read
back on its own. One command: undo removes the version and restores every entry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from sqlalchemy import Connection

from app.domain.errors import BadInput
from app.domain.plan import CatalogueEntry
from app.domain.price_book import PriceBook
from app.services.changes import RowChange
from app.services.command import Command, now_stamp
from app.store import repository


class ImportPriceBook(Command):
    """A new dated version of the price book from checked entries (see ``catalogue_file``)."""

    label = "Import price book"

    def __init__(self, entries: Sequence[CatalogueEntry], source: str, label: str = "") -> None:
        super().__init__()
        if not entries:
            raise BadInput(f"{source}: holds no catalogue entries")
        self.entries = list(entries)
        self.source = source
        self.version_label = label or f"Imported from {Path(source).name}"
        self.book: PriceBook | None = None
        self.added = 0
        self.changed = 0

    def changes(self, conn: Connection) -> list[RowChange]:
        current = {e.key: e for e in repository.catalogue(conn)}
        next_id = repository.next_id(conn, repository.CATALOGUE)
        rows: list[RowChange] = []
        book = dict(current)
        for entry in self.entries:
            old = current.get(entry.key)
            if old is None:
                new = replace(entry, id=next_id)
                next_id += 1
                rows.append(RowChange(None, new))
                self.added += 1
            else:
                new = replace(entry, id=old.id)
                if new != old:
                    rows.append(RowChange(old, new))
                    self.changed += 1
            book[entry.key] = new
        self.book = PriceBook(
            id=repository.next_id(conn, repository.PRICE_BOOK),
            label=self.version_label,
            as_of=max(e.as_of for e in self.entries),
            imported_at=now_stamp(),
            source=self.source,
            entries=tuple(replace(e, id=None) for e in book.values()),
        )
        return [*rows, RowChange(None, self.book)]


def price_books(conn: Connection) -> list[PriceBook]:
    """Every version, oldest first (the last is the one the current price book began as)."""
    return repository.price_books(conn)
