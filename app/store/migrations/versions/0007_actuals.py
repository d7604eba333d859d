"""Actuals: money spent, booked by date to a line or to a category and section.

The amount is TEXT, exact as entered. ``line_id`` has no foreign key: a deleted line
comes back with its id on undo, and its actuals with it; an actual whose line is gone
for good still counts in the category and section it was booked to. ``reference``
(an invoice number) is indexed per plan, so a re-import finds what is already booked.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "actual",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "plan_id",
            sa.Integer(),
            sa.ForeignKey("plan.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("booked_on", sa.Date(), nullable=False),
        sa.Column("amount", sa.String(), nullable=False),
        sa.Column("currency", sa.String(), nullable=False),
        sa.Column("category", sa.String(), nullable=False),
        sa.Column("section", sa.String(), nullable=False),
        sa.Column("line_id", sa.Integer(), nullable=True),
        sa.Column("reference", sa.String(), nullable=False),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("batch", sa.String(), nullable=False),
    )
    op.create_index("ix_actual_plan_id", "actual", ["plan_id"])
    op.create_index("ix_actual_line_id", "actual", ["line_id"])
    op.create_index("ix_actual_plan_reference", "actual", ["plan_id", "reference"])


def downgrade() -> None:
    op.drop_index("ix_actual_plan_reference", "actual")
    op.drop_index("ix_actual_line_id", "actual")
    op.drop_index("ix_actual_plan_id", "actual")
    op.drop_table("actual")
