"""Currencies: a plan's table of fixed rates and a line's own currency.

``plan.fx_rates`` holds the plan's rate table as JSON text: a list of objects
``{"currency", "rate", "source", "as_of"}`` in currency order, the rate a decimal
string kept exactly as entered (plan-currency units per one unit). ``line.currency``
is the currency a line's drivers are priced in; NULL means the plan's own.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("plan") as batch:
        batch.add_column(sa.Column("fx_rates", sa.String(), nullable=False, server_default="[]"))
    with op.batch_alter_table("line") as batch:
        batch.add_column(sa.Column("currency", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("line") as batch:
        batch.drop_column("currency")
    with op.batch_alter_table("plan") as batch:
        batch.drop_column("fx_rates")
