"""The database tables (schema head). They never leave the store.

Money and drivers are TEXT, exactly as entered: SQLite's NUMERIC is a float and would
round them. Migrations in ``migrations/versions`` build exactly this schema; a test
compares the two.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Column, ForeignKey, Index, Integer, UniqueConstraint, text
from sqlmodel import Field, SQLModel

metadata = SQLModel.metadata


class PlanRow(SQLModel, table=True):
    __tablename__ = "plan"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    description: str = ""
    currency: str
    start: date
    end: date
    contingency_pct: str = "0"
    capex_view: str = "cash"
    notes: str = ""
    created_at: str
    updated_at: str
    fx_rates: str = Field(default="[]", sa_column_kwargs={"server_default": "[]"})
    version: int = Field(
        default=0, sa_column=Column(Integer, nullable=False, server_default=text("0"))
    )


class PhaseRow(SQLModel, table=True):
    __tablename__ = "phase"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("plan.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    key: str
    name: str
    start: date
    end: date
    position: int = 0
    milestone: bool = False
    depends_on: str = "[]"


class LineRow(SQLModel, table=True):
    __tablename__ = "line"

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("plan.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    category: str
    section: str
    item: str
    name: str
    cost_model: str
    drivers: str
    start: date
    end: date
    phase_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("phase.id", ondelete="SET NULL"), nullable=True),
    )
    dates_from_phase: bool = False
    dates_fixed: bool = False
    vendor: str = ""
    notes: str = ""
    catalogue_ref: str | None = None
    catalogue_price: str | None = None
    catalogue_as_of: date | None = None
    catalogue_currency: str | None = None
    low_estimate: str | None = None
    high_estimate: str | None = None
    position: int = 0
    currency: str | None = None


class CatalogueRow(SQLModel, table=True):
    __tablename__ = "catalogue_entry"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True)
    kind: str
    name: str
    unit: str
    price: str
    currency: str
    source: str
    as_of: date
    uncertain: bool = False
    category: str = ""
    section: str = ""
    item: str = ""
    cost_model: str = ""
    driver: str = "unit_cost"
    specs: str = "{}"


class CustomItemRow(SQLModel, table=True):
    """An item a planner added under a section of the taxonomy."""

    __tablename__ = "custom_item"
    __table_args__ = (UniqueConstraint("category", "section", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    category: str
    section: str
    key: str
    label: str


class LineOriginRow(SQLModel, table=True):
    """The line a scenario's line was copied from (the origin may since be deleted)."""

    __tablename__ = "line_origin"

    line_id: int = Field(
        sa_column=Column(Integer, ForeignKey("line.id", ondelete="CASCADE"), primary_key=True)
    )
    origin_id: int = Field(index=True)


class BaselineRow(SQLModel, table=True):
    """A plan frozen under a name: its JSON plan document, its line ids and totals.

    A trigger (migration 0004) refuses every UPDATE: baselines are deleted, never edited.
    """

    __tablename__ = "baseline"
    __table_args__ = (UniqueConstraint("plan_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("plan.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    name: str
    created_at: str
    currency: str
    subtotal: str
    contingency: str
    total: str
    document: str
    line_ids: str


class PriceBookRow(SQLModel, table=True):
    """A dated version of the price book: every entry as it was imported (migration 0006).

    The current price book is ``catalogue_entry`` (the latest version with the planner's
    own edits); versions are kept whole, as JSON, and never edited.
    """

    __tablename__ = "price_book"

    id: int | None = Field(default=None, primary_key=True)
    label: str
    as_of: date
    imported_at: str
    source: str
    entries: str


class ActualRow(SQLModel, table=True):
    """Money spent (migration 0007): booked to a line, or to a category and section.

    ``line_id`` has no foreign key, so a line deleted and brought back by undo gets its
    actuals back; ``category``/``section`` are kept for an actual whose line is gone.
    """

    __tablename__ = "actual"
    __table_args__ = (Index("ix_actual_plan_reference", "plan_id", "reference"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("plan.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    booked_on: date
    amount: str
    currency: str
    category: str
    section: str
    line_id: int | None = Field(default=None, index=True)
    reference: str
    description: str
    batch: str


class IdHighWaterRow(SQLModel, table=True):
    """The highest id ever deleted from a table (migration 0009), so no id is given twice."""

    __tablename__ = "id_high_water"

    table_name: str = Field(primary_key=True)
    last_id: int
