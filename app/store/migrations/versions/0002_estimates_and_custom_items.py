"""Low/high risk estimates on lines; a planner's own taxonomy items.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("line") as batch:
        batch.add_column(sa.Column("low_estimate", sa.String(), nullable=True))
        batch.add_column(sa.Column("high_estimate", sa.String(), nullable=True))
    op.create_table(
        "custom_item",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("category", sa.String(), nullable=False),
        sa.Column("section", sa.String(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("label", sa.String(), nullable=False),
        sa.UniqueConstraint("category", "section", "key"),
    )


def downgrade() -> None:
    op.drop_table("custom_item")
    with op.batch_alter_table("line") as batch:
        batch.drop_column("high_estimate")
        batch.drop_column("low_estimate")
