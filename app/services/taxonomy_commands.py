"""A planner's own taxonomy items, added under a section and shared by every plan."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import Connection

from app.domain.errors import InvalidValue
from app.domain.plan import CustomItem
from app.domain.taxonomy import item_key, standard_taxonomy
from app.services.changes import RowChange
from app.services.command import Command
from app.store import repository


class AddCustomItem(Command):
    """A new item under a section; its key comes from the label as for the user's document."""

    label = "Add taxonomy item"

    def __init__(self, category: str, section: str, label: str) -> None:
        super().__init__()
        self.item = CustomItem(None, category, section, item_key(label), label.strip())

    def changes(self, conn: Connection) -> list[RowChange]:
        if not self.item.key:
            raise InvalidValue("label", self.item.label, "needs at least one letter or digit")
        taxonomy = standard_taxonomy().with_items(repository.custom_items(conn))
        if taxonomy.section(self.item.category, self.item.section).item(self.item.key):
            raise InvalidValue("label", self.item.label, "this section already has that item")
        new_id = repository.next_id(conn, repository.CUSTOM_ITEM)
        return [RowChange(None, replace(self.item, id=new_id))]
