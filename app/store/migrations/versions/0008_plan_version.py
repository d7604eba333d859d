"""Each plan's version: a count that every committed write to the plan moves on.

Clients sharing a PostgreSQL database compare it with the version they last read to
tell whether someone else changed the plan since (optimistic concurrency).

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("plan") as batch:
        batch.add_column(
            sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("0"))
        )


def downgrade() -> None:
    with op.batch_alter_table("plan") as batch:
        batch.drop_column("version")
