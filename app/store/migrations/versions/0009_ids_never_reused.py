"""Ids are never given twice: the highest id each table has ever deleted.

New rows took max(id) + 1, so a line deleted last and a line added next shared an id:
a baseline or scenario then matched the new line to the old one, and the old line's
actuals were booked to the new one. ``id_high_water`` keeps, per table, the highest id
deleted so far; a new id is above both it and every id in the table.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "id_high_water",
        sa.Column("table_name", sa.String(), primary_key=True),
        sa.Column("last_id", sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("id_high_water")
