"""Dated versions of the price book, and the currency of a line's copied price.

``price_book`` keeps each version of the catalogue whole (its entries as JSON, in the
shipped file's format) with its date, where it came from and when it was imported.
An existing database's catalogue becomes the first version. ``line`` gains
``catalogue_currency``: a copied price keeps its own currency (older lines: NULL,
read as the plan's currency, the only one a pick allowed before).

Revision ID: 0006
Revises: 0005
"""

import json
from datetime import UTC, date, datetime

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

ENTRY_FIELDS = (
    "key",
    "kind",
    "name",
    "unit",
    "price",
    "currency",
    "source",
    "as_of",
    "uncertain",
    "category",
    "section",
    "item",
    "cost_model",
    "driver",
)


def upgrade() -> None:
    with op.batch_alter_table("line") as batch:
        batch.add_column(sa.Column("catalogue_currency", sa.String(), nullable=True))
    book = op.create_table(
        "price_book",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("label", sa.String(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("imported_at", sa.String(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("entries", sa.String(), nullable=False),
    )
    conn = op.get_bind()
    found = conn.execute(
        sa.text(f"SELECT {', '.join(ENTRY_FIELDS)}, specs FROM catalogue_entry ORDER BY id")
    ).mappings()
    entries = []
    for row in found:
        doc = {name: row[name] for name in ENTRY_FIELDS}
        doc["as_of"] = str(doc["as_of"])
        doc["uncertain"] = bool(doc["uncertain"])
        specs = json.loads(row["specs"])
        if "uncertain_reason" in specs:
            doc["uncertain_reason"] = specs.pop("uncertain_reason")
        doc["specs"] = specs
        entries.append(doc)
    if entries:
        op.bulk_insert(
            book,
            [
                {
                    "id": 1,
                    "label": "Catalogue before versions",
                    "as_of": max(date.fromisoformat(e["as_of"]) for e in entries),
                    "imported_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
                    "source": "this database's catalogue when versions began",
                    "entries": json.dumps(entries, ensure_ascii=False),
                }
            ],
        )


def downgrade() -> None:
    op.drop_table("price_book")
    with op.batch_alter_table("line") as batch:
        batch.drop_column("catalogue_currency")
