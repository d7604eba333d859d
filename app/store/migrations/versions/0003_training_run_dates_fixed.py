"""Whether a training run's dates are fixed or follow its compute.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("line") as batch:
        batch.add_column(
            sa.Column("dates_fixed", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("line") as batch:
        batch.drop_column("dates_fixed")
