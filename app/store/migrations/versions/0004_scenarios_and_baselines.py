"""Where a scenario's lines came from, and frozen baselines of a plan.

``line_origin`` remembers, line by line, the line a scenario's line was copied from
(no foreign key on the origin: the source line may be deleted later, and the
scenario still compares with the rest). ``baseline`` holds a plan frozen as its JSON
plan document, with the ids its lines had, under a name and with its totals; a
trigger refuses every UPDATE, so a baseline can be deleted but never changed.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "line_origin",
        sa.Column(
            "line_id",
            sa.Integer(),
            sa.ForeignKey("line.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("origin_id", sa.Integer(), nullable=False),
    )
    op.create_index("ix_line_origin_origin_id", "line_origin", ["origin_id"])
    op.create_table(
        "baseline",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "plan_id",
            sa.Integer(),
            sa.ForeignKey("plan.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("created_at", sa.String(), nullable=False),
        sa.Column("currency", sa.String(), nullable=False),
        sa.Column("subtotal", sa.String(), nullable=False),
        sa.Column("contingency", sa.String(), nullable=False),
        sa.Column("total", sa.String(), nullable=False),
        sa.Column("document", sa.String(), nullable=False),
        sa.Column("line_ids", sa.String(), nullable=False),
        sa.UniqueConstraint("plan_id", "name"),
    )
    op.create_index("ix_baseline_plan_id", "baseline", ["plan_id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION baseline_never_changes() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'a baseline never changes'; END $$"
        )
        op.execute(
            "CREATE TRIGGER baseline_never_changes BEFORE UPDATE ON baseline "
            "FOR EACH ROW EXECUTE FUNCTION baseline_never_changes()"
        )
        return
    op.execute(
        "CREATE TRIGGER baseline_never_changes BEFORE UPDATE ON baseline "
        "BEGIN SELECT RAISE(ABORT, 'a baseline never changes'); END"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER baseline_never_changes ON baseline")
        op.execute("DROP FUNCTION baseline_never_changes()")
    else:
        op.execute("DROP TRIGGER baseline_never_changes")
    op.drop_index("ix_baseline_plan_id", "baseline")
    op.drop_table("baseline")
    op.drop_index("ix_line_origin_origin_id", "line_origin")
    op.drop_table("line_origin")
