"""Plans, phases, resource lines and the price catalogue.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

text = sa.String()


def upgrade() -> None:
    op.create_table(
        "plan",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", text, nullable=False, unique=True),
        sa.Column("description", text, nullable=False),
        sa.Column("currency", text, nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.Column("contingency_pct", text, nullable=False),
        sa.Column("capex_view", text, nullable=False),
        sa.Column("notes", text, nullable=False),
        sa.Column("created_at", text, nullable=False),
        sa.Column("updated_at", text, nullable=False),
    )
    op.create_table(
        "phase",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("plan_id", sa.Integer(), sa.ForeignKey("plan.id", ondelete="CASCADE"), nullable=False),
        sa.Column("key", text, nullable=False),
        sa.Column("name", text, nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("milestone", sa.Boolean(), nullable=False),
        sa.Column("depends_on", text, nullable=False),
        sa.UniqueConstraint("plan_id", "key"),
    )
    op.create_index("ix_phase_plan_id", "phase", ["plan_id"])
    op.create_table(
        "line",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("plan_id", sa.Integer(), sa.ForeignKey("plan.id", ondelete="CASCADE"), nullable=False),
        sa.Column("category", text, nullable=False),
        sa.Column("section", text, nullable=False),
        sa.Column("item", text, nullable=False),
        sa.Column("name", text, nullable=False),
        sa.Column("cost_model", text, nullable=False),
        sa.Column("drivers", text, nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.Column("phase_id", sa.Integer(), sa.ForeignKey("phase.id", ondelete="SET NULL"), nullable=True),
        sa.Column("dates_from_phase", sa.Boolean(), nullable=False),
        sa.Column("vendor", text, nullable=False),
        sa.Column("notes", text, nullable=False),
        sa.Column("catalogue_ref", text, nullable=True),
        sa.Column("catalogue_price", text, nullable=True),
        sa.Column("catalogue_as_of", sa.Date(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
    )
    op.create_index("ix_line_plan_id", "line", ["plan_id"])
    op.create_table(
        "catalogue_entry",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", text, nullable=False, unique=True),
        sa.Column("kind", text, nullable=False),
        sa.Column("name", text, nullable=False),
        sa.Column("unit", text, nullable=False),
        sa.Column("price", text, nullable=False),
        sa.Column("currency", text, nullable=False),
        sa.Column("source", text, nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("uncertain", sa.Boolean(), nullable=False),
        sa.Column("category", text, nullable=False),
        sa.Column("section", text, nullable=False),
        sa.Column("item", text, nullable=False),
        sa.Column("cost_model", text, nullable=False),
        sa.Column("driver", text, nullable=False),
        sa.Column("specs", text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("catalogue_entry")
    op.drop_index("ix_line_plan_id", "line")
    op.drop_table("line")
    op.drop_index("ix_phase_plan_id", "phase")
    op.drop_table("phase")
    op.drop_table("plan")
