"""Opening databases: migrations keep every row; foreign, damaged and newer files are
refused and left exactly as they were; money and drivers come back unchanged."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from app.domain.errors import DatabaseRefused
from app.domain.plan import CostModel, Line
from app.services.line_commands import AddLines
from app.services.workspace import Workspace
from app.store import backups
from app.store.database import known_revisions, open_database
from app.store.migrate import upgrade

HEAD = known_revisions()[-1]  # the Alembic script directory's head


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_database_gets_the_sample_plan_and_the_catalogue(tmp_path: Path) -> None:
    workspace = Workspace.open(tmp_path / "new.db")
    plans = workspace.plans()
    assert [p.name for p in plans] == ["Support assistant: fine-tune and serve"]
    assert len(workspace.catalogue()) > 100
    with sqlite3.connect(tmp_path / "new.db") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD


def test_connections_enforce_foreign_keys(tmp_path: Path) -> None:
    db = open_database(tmp_path / "fk.db")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_money_and_drivers_come_back_exactly(tmp_path: Path) -> None:
    workspace = Workspace.open(tmp_path / "exact.db")
    plan_id = workspace.plans()[0].id
    assert plan_id is not None
    tokens = Line(
        None,
        plan_id,
        "computing",
        "cloud",
        "specialized_ai_services",
        "API tokens",
        CostModel.ONE_TIME,
        {"quantity": "12345678901234.56", "unit_cost": "0.0000025"},
        date(2027, 1, 1),
        date(2027, 1, 1),
        catalogue_price="12345678901234.56",
    )
    command = AddLines(plan_id, [tokens])
    workspace.apply(command)
    reopened = Workspace.open(tmp_path / "exact.db")
    stored = next(line for line in reopened.snapshot(plan_id).lines if line.name == "API tokens")
    assert stored.drivers == {"quantity": "12345678901234.56", "unit_cost": "0.0000025"}
    assert stored.catalogue_price == "12345678901234.56"
    with sqlite3.connect(tmp_path / "exact.db") as conn:
        kind = conn.execute(
            "SELECT typeof(catalogue_price) FROM line WHERE name='API tokens'"
        ).fetchone()
    assert kind == ("text",)
    # 12345678901234.56 x 0.0000025 = 30864197.2530864 -> 30864197.25
    assert reopened.budget(plan_id).line_total(command.line_ids[0]) == 3086419725


def test_a_database_at_the_first_revision_upgrades_without_losing_a_row(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)
    upgrade(engine, known_revisions()[0])
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute(
            "INSERT INTO plan VALUES (1,'Old plan','', 'EUR','2027-01-01','2027-12-31','5','cash','',"
            "'2026-01-01T00:00:00+00:00','2026-01-01T00:00:00+00:00')"
        )
        conn.execute(
            "INSERT INTO phase VALUES (1,1,'research','Research','2027-01-01','2027-03-31',0,0,'[]')"
        )
        for i in range(1, 51):
            conn.execute(
                "INSERT INTO line (id, plan_id, category, section, item, name, cost_model, drivers,"
                ' start, "end", phase_id, dates_from_phase, vendor, notes, position)'
                " VALUES (?,1,'human','technical_team','ml_engineers',?,'staff',"
                ' \'{"fte": "1", "annual_cost": "90000.50", "overhead_pct": "25"}\','
                " '2027-01-01','2027-03-31',1,1,'','Übernahme',?)",
                (i, f"Engineer {i}", i),
            )
    engine.dispose()

    workspace = Workspace.open(path)
    snap = workspace.snapshot(1)
    assert len(snap.lines) == 50
    assert all(line.phase_id == 1 and line.notes == "Übernahme" for line in snap.lines)
    assert snap.lines[0].drivers["annual_cost"] == "90000.50"
    assert snap.lines[0].low_estimate is None
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    saved = backups.list_backups(path)
    assert len(saved) == 1 and f"before-{HEAD}" in saved[0].name
    with sqlite3.connect(saved[0]) as conn:
        assert conn.execute("SELECT count(*) FROM line").fetchone()[0] == 50
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"name,amount\nGPU,100\n" * 50, "not a SQLite database"),
        (b"SQLite format 3\x00" + b"\xff" * 4000, "damaged"),
    ],
)
def test_a_file_that_is_no_good_database_is_refused_untouched(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.db"
    path.write_bytes(content)
    before = digest(path)
    with pytest.raises(DatabaseRefused, match=message):
        Workspace.open(path)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.db"]


def test_a_database_damaged_inside_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "torn.db"
    Workspace.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
    data = bytearray(path.read_bytes())
    page = 4096
    data[page * 3 : page * 3 + 200] = b"\x00\x13" * 100  # scribble over a b-tree page
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(DatabaseRefused):
        Workspace.open(path)
    assert digest(path) == before


def test_another_programs_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    before = digest(path)
    with pytest.raises(DatabaseRefused, match="not a Budgetwright one"):
        Workspace.open(path)
    assert digest(path) == before


def test_a_database_from_a_newer_app_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    Workspace.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num='0099'")
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = digest(path)
    with pytest.raises(DatabaseRefused, match="newer Budgetwright"):
        Workspace.open(path)
    assert digest(path) == before


def test_daily_backups_keep_the_last_seven(tmp_path: Path) -> None:
    from datetime import datetime, timedelta

    path = tmp_path / "daily.db"
    Workspace.open(path).close()
    start = datetime(2027, 1, 1, 9, 0, 0)
    for day in range(10):
        now = start + timedelta(days=day)
        assert backups.backup_due(path, now)
        backups.make_backup(path, now=now)
        assert not backups.backup_due(path, now + timedelta(hours=3))
    kept = backups.list_backups(path)
    assert len(kept) == 7
    assert kept[0].name == "daily-20270104-090000-daily.db"
    with sqlite3.connect(kept[-1]) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM line").fetchone()[0] == 33


def test_opening_takes_a_daily_backup_through_the_backup_api(tmp_path: Path) -> None:
    path = tmp_path / "work.db"
    Workspace.open(path).close()
    assert backups.list_backups(path) == []
    Workspace.open(path).close()
    saved = backups.list_backups(path)
    assert len(saved) == 1
    with sqlite3.connect(saved[0]) as conn:
        assert conn.execute("SELECT count(*) FROM plan").fetchone()[0] == 1
