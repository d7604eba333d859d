"""Team mode on a real PostgreSQL server: the same schema and exact storage as a SQLite
file, refusals, a viewer's read-only role, commit notifications, and faults (a server
restarted or down, a connection dropped in the middle of a command)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, create_engine, text
from sqlalchemy.pool import NullPool

from app.domain.errors import NO_SERVER, READ_ONLY, DatabaseRefused, DatabaseUnavailable
from app.domain.plan import CostModel, Line
from app.paths import ServerUrl, db_target
from app.services import line_commands as lc
from app.services import plan_commands as plc
from app.services.changes import ChangeSet
from app.services.versions import save_baseline
from app.services.workspace import Workspace
from app.store import repository
from app.store.migrate import upgrade
from app.store.tables import metadata
from tests.pg_cluster import Cluster
from tests.stores import dump, execute

Opener = Callable[[str], Workspace]
SAMPLE = "Support assistant: fine-tune and serve"


def new_line(plan_id: int, name: str = "Pairs") -> Line:
    return Line(
        None,
        plan_id,
        "data",
        "training_data",
        "volume_requirements",
        name,
        CostModel.ONE_TIME,
        {"quantity": "5", "unit_cost": "0.10000000000001"},
        date(2027, 1, 1),
        date(2027, 1, 1),
    )


def test_the_migrations_build_the_same_schema_on_postgresql(pg_url: str) -> None:
    engine = create_engine(db_target(pg_url).driver_url, poolclass=NullPool)  # type: ignore[union-attr]
    try:
        upgrade(engine)
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), metadata)
    finally:
        engine.dispose()
    assert diff == []


def test_no_column_is_a_float_or_numeric(pg_url: str, workspace_at: Opener) -> None:
    workspace_at(pg_url)
    found = execute(
        pg_url,
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = 'public' "
        "AND data_type IN ('numeric', 'real', 'double precision', 'money')",
    )
    assert found == []


def test_money_and_drivers_read_back_exactly_on_both_engines(
    tmp_path: object, pg_url: str, workspace_at: Opener
) -> None:
    stores = [str(tmp_path) + "/b.db", pg_url]  # type: ignore[operator]
    for where in stores:
        ws = workspace_at(where)
        plan = ws.find_plan(SAMPLE)
        assert plan.id is not None
        ws.apply(plc.EditPlan(plan.id, contingency_pct=Decimal("12.3456789012345")))
        ws.apply(lc.AddLines(plan.id, [new_line(plan.id)]))
        line = next(x for x in ws.snapshot(plan.id).lines if x.name == "Pairs")
        assert line.drivers["unit_cost"] == "0.10000000000001"
        assert str(ws.plan(plan.id).contingency_pct) == "12.3456789012345"
    sqlite_rows, server_rows = (dump(w, ("line",), skip=("updated_at",)) for w in stores)
    plans = [dump(w, ("plan",), skip=("created_at", "updated_at")) for w in stores]
    assert sqlite_rows == server_rows
    assert plans[0] == plans[1]
    both = [ws.budget(1) for ws in (workspace_at(stores[0]), workspace_at(stores[1]))]
    assert both[0].total == both[1].total


def test_a_baseline_never_changes_on_postgresql(pg_url: str, workspace_at: Opener) -> None:
    ws = workspace_at(pg_url)
    save_baseline(ws, 1, "Approved")
    with pytest.raises(Exception, match="a baseline never changes"):
        execute(pg_url, "UPDATE baseline SET total = '0'")
    assert execute(pg_url, "SELECT name FROM baseline") == [("Approved",)]


def test_a_database_of_another_program_is_refused_untouched(pg_url: str) -> None:
    execute(pg_url, "CREATE TABLE invoices (id integer primary key)")
    with pytest.raises(DatabaseRefused, match="not a Budgetwright one"):
        Workspace.open(db_target(pg_url))
    tables = execute(pg_url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    assert tables == [("invoices",)]


def test_a_database_from_a_newer_budgetwright_is_refused(pg_url: str, workspace_at: Opener) -> None:
    workspace_at(pg_url).close()
    execute(pg_url, "UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(DatabaseRefused, match="made by a newer Budgetwright"):
        Workspace.open(db_target(pg_url))


def test_every_write_moves_the_plan_version_on(pg_url: str, workspace_at: Opener) -> None:
    ws = workspace_at(pg_url)
    before = ws.read(repository.plan_versions)[1]
    command = plc.EditPlan(1, notes="Reviewed")
    ws.apply(command)
    ws.revert(command)
    assert ws.read(repository.plan_versions)[1] == before + 2


# ---- Who may do what


def viewer_url(cluster: Cluster, url: str) -> str:
    database = db_target(url).name  # type: ignore[union-attr]
    role = f"viewer_{database}"
    cluster.psql(f"CREATE ROLE {role} LOGIN")
    cluster.psql(f"GRANT CONNECT ON DATABASE {database} TO {role}")
    cluster.psql(f"GRANT USAGE ON SCHEMA public TO {role}", database)
    cluster.psql(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}", database)
    return cluster.url(database, user=role)


def test_a_viewer_reads_and_is_told_plainly_when_an_edit_is_tried(
    pg_cluster: Cluster, pg_url: str, workspace_at: Opener
) -> None:
    workspace_at(pg_url).close()
    before = dump(pg_url)
    viewer = workspace_at(viewer_url(pg_cluster, pg_url))
    assert viewer.read_only
    assert viewer.find_plan(SAMPLE).id == 1
    assert len(viewer.snapshot(1).lines) == 33
    with pytest.raises(DatabaseUnavailable, match="may only read") as refused:
        viewer.apply(plc.EditPlan(1, notes="mine"))
    assert refused.value.reason == READ_ONLY
    with pytest.raises(DatabaseUnavailable, match="may only read"):
        save_baseline(viewer, 1, "Approved")
    assert dump(pg_url) == before


# ---- Two clients, one plan


def test_a_second_client_hears_of_a_commit_within_a_second(
    pg_url: str, workspace_at: Opener
) -> None:
    first, second = workspace_at(pg_url), workspace_at(pg_url)
    assert not second.changed_elsewhere()  # starts watching
    first.changed_elsewhere()
    first.apply(plc.EditPlan(1, notes="from the first client"))
    assert not first.changed_elsewhere()  # its own commit is no news to it
    deadline = time.monotonic() + 1.0
    while not second.changed_elsewhere():
        assert time.monotonic() < deadline, "no notification within a second"
        time.sleep(0.02)
    assert second.plan(1).notes == "from the first client"
    assert not second.changed_elsewhere()


# ---- Faults


def test_a_server_restart_is_reported_and_the_client_goes_on(
    pg_cluster: Cluster, pg_url: str, workspace_at: Opener
) -> None:
    ws = workspace_at(pg_url)
    ws.changed_elsewhere()
    ws.apply(plc.EditPlan(1, notes="before the restart"))
    pg_cluster.restart()
    try:
        noticed = ws.changed_elsewhere()
    except DatabaseUnavailable as exc:  # the watch connection went with the old server
        assert exc.reason == NO_SERVER
        noticed = ws.changed_elsewhere()
    assert noticed  # what happened while it was gone is unknown: reload
    assert ws.plan(1).notes == "before the restart"  # nothing acknowledged was lost
    ws.apply(plc.EditPlan(1, notes="after the restart"))
    assert ws.plan(1).notes == "after the restart"


def test_a_server_that_is_down_refuses_the_edit_and_nothing_is_written(
    pg_cluster: Cluster, pg_url: str, workspace_at: Opener
) -> None:
    ws = workspace_at(pg_url)
    before = dump(pg_url)
    pg_cluster.stop_server()
    try:
        with pytest.raises(DatabaseUnavailable, match="cannot be reached") as down:
            ws.apply(plc.EditPlan(1, notes="while down"))
        assert down.value.reason == NO_SERVER
    finally:
        pg_cluster.start_server()
    assert dump(pg_url) == before
    ws.apply(plc.EditPlan(1, notes="back up"))
    assert ws.plan(1).notes == "back up"


class DroppedMidway(lc.AddLines):
    """Adds lines, then loses its connection before the transaction commits."""

    def __init__(self, cluster: Cluster, database: str, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        self.cluster, self.database = cluster, database

    def apply(self, conn: Connection) -> ChangeSet:
        changes = super().apply(conn)
        stored = conn.execute(text("SELECT count(*) FROM line")).scalar_one()
        assert stored > 33  # written inside the transaction
        pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
        self.cluster.psql(f"SELECT pg_terminate_backend({pid})", self.database)
        return changes


def test_a_connection_dropped_mid_command_leaves_nothing_half_written(
    pg_cluster: Cluster, pg_url: str, workspace_at: Opener
) -> None:
    ws = workspace_at(pg_url)
    before = dump(pg_url)
    database = db_target(pg_url).name  # type: ignore[union-attr]
    lines = [new_line(1, f"Pairs {i}") for i in range(50)]
    with pytest.raises(DatabaseUnavailable) as dropped:
        ws.apply(DroppedMidway(pg_cluster, database, 1, lines))
    assert dropped.value.reason == NO_SERVER
    assert dump(pg_url) == before
    ws.apply(lc.AddLines(1, lines[:1]))  # a new connection takes over
    assert len(ws.snapshot(1).lines) == 34


def test_a_server_url_is_shown_without_its_password() -> None:
    where = db_target("postgresql://anna:s3cret@db.example:5432/budgets")
    assert isinstance(where, ServerUrl)
    assert "s3cret" not in str(where)
    assert str(where) == "postgresql://anna:***@db.example:5432/budgets"
    assert where.driver_url.startswith("postgresql+psycopg://anna:s3cret@")
    assert where.name == "budgets"
    with pytest.raises(ValueError, match="mysql://: not a database"):
        db_target("mysql://x@y/z")
    assert replace(where) == where


def readme_roles_script() -> str:
    """The SQL block of the README's team section, as a planner's administrator runs it."""
    from app.paths import RESOURCES

    readme = (RESOURCES.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Team mode") :]
    return section.split("```sql\n", 1)[1].split("```", 1)[0]


def test_the_readme_roles_work_as_it_says(pg_cluster: Cluster, workspace_at: Opener) -> None:
    pg_cluster.psql_script(readme_roles_script())
    owner = workspace_at(pg_cluster.url("budgets", user="budgets_owner"))
    assert owner.find_plan(SAMPLE).id == 1
    anna = workspace_at(pg_cluster.url("budgets", user="anna"))
    assert not anna.read_only
    anna.apply(plc.EditPlan(1, notes="Anna's review"))
    anna.apply(lc.AddLines(1, [new_line(1)]))
    save_baseline(anna, 1, "Approved")
    fiona = workspace_at(pg_cluster.url("budgets", user="fiona"))
    assert fiona.read_only
    assert fiona.plan(1).notes == "Anna's review"
    with pytest.raises(DatabaseUnavailable, match="may only read"):
        fiona.apply(plc.EditPlan(1, notes="Fiona's"))
    owner_url = pg_cluster.url("budgets", user="budgets_owner")
    execute(owner_url, "UPDATE alembic_version SET version_num = '0004'")
    with pytest.raises(DatabaseRefused, match="only the role that owns its tables"):
        Workspace.open(db_target(pg_cluster.url("budgets", user="ben")))


def test_an_unknown_role_is_told_apart_from_a_server_that_is_down(pg_cluster: Cluster) -> None:
    with pytest.raises(DatabaseUnavailable, match="refused this user or password"):
        Workspace.open(db_target(pg_cluster.url("postgres", user="nobody_here")))
