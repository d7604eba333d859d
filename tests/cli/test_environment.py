"""A busy, read-only, full or mislabelled database, and files people share: one line
naming the file and what is wrong, exit 2, and nothing left behind or changed."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from app.paths import resource
from tests.disks import fill, make_read_only, small_disk

SAMPLE_JSON = str(resource("sample.budget.json"))


def run(*args: str, db: Path, umask: int = 0o022) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.launcher", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: os.umask(umask),
        check=False,
    )


def refused(done: subprocess.CompletedProcess[str], path: Path, words: str) -> None:
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert str(path) in done.stderr and words in done.stderr
    assert "damaged" not in done.stderr and "Traceback" not in done.stderr


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "b.db"
    assert run("list", db=path).returncode == 0
    return path


def test_reads_work_while_another_program_holds_the_write_lock(db: Path) -> None:
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE plan SET notes = 'being edited elsewhere'")
    try:
        listed = run("list", db=db)
        assert listed.returncode == 0, listed.stderr
        assert "Support assistant" in listed.stdout
        assert run("summary", "1", "--json", db=db).returncode == 0
        # (before, reads began IMMEDIATE too: both failed after 5 s, "database is locked")
        imported = run("import", SAMPLE_JSON, "--as", "Copy", db=db)
        refused(imported, db, "locked by another program, try again")
    finally:
        holder.rollback()
        holder.close()
    assert "Copy" not in run("list", db=db).stdout


def test_a_read_only_database_is_called_read_only(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        db = disk / "b.db"
        assert run("list", db=db).returncode == 0
        before = digest(db)
        make_read_only(disk)
        refused(run("list", db=db), db, "read-only")
        refused(run("import", SAMPLE_JSON, "--as", "Copy", db=db), db, "read-only")
        assert digest(db) == before


def test_a_new_database_in_a_read_only_folder_is_refused(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        make_read_only(disk)
        refused(run("list", db=disk / "new.db"), disk / "new.db", "read-only")
        assert list(disk.iterdir()) == []


def test_a_full_disk_leaves_no_stub_database(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", "100k") as disk:
        refused(run("list", db=disk / "new.db"), disk / "new.db", "disk full")
        assert list(disk.iterdir()) == []


def test_a_full_disk_refuses_an_import_and_changes_nothing(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", "4m") as disk:
        db = disk / "b.db"
        assert run("list", db=db).returncode == 0
        before = sqlite3.connect(db).execute("SELECT count(*) FROM line").fetchone()
        fill(disk)
        refused(run("import", SAMPLE_JSON, "--as", "Copy", db=db), db, "disk full")
        (disk / "filler").unlink()
        assert sqlite3.connect(db).execute("SELECT count(*) FROM line").fetchone() == before
        assert "Copy" not in run("list", db=db).stdout


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (("export", "1", "--xlsx"), "x.xlsx"),
        (("export", "1", "--json"), "x.budget.json"),
        (("pdf", "1", "--out"), "x.pdf"),
    ],
)
def test_a_full_disk_refuses_an_export_and_leaves_no_part_file(
    db: Path, tmp_path: Path, args: tuple[str, ...], name: str
) -> None:
    with small_disk(tmp_path / "disk", "16k") as disk:
        fill(disk)
        refused(run(*args, str(disk / name), db=db), disk / name, "disk full")
        assert [p.name for p in disk.iterdir()] == ["filler"]


@pytest.mark.parametrize(
    ("sql", "words"),
    [
        ("DELETE FROM alembic_version", "alembic_version) is empty"),
        ("UPDATE alembic_version SET version_num = 'abc'", "which no Budgetwright has written"),
    ],
)
def test_an_emptied_or_wrong_schema_version_is_refused_untouched(
    db: Path, sql: str, words: str
) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute(sql)
    sqlite3.connect(db).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    before = digest(db)
    refused(run("list", db=db), db, words)
    assert digest(db) == before


def test_a_db_in_a_folder_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "typo" / "b.db"
    refused(run("list", db=db), db, "does not exist")
    assert not (tmp_path / "typo").exists()


def test_the_database_and_its_backups_stay_private_exports_follow_the_umask(
    tmp_path: Path,
) -> None:
    db = tmp_path / "shared" / "b.db"
    db.parent.mkdir()
    assert run("list", db=db, umask=0o002).returncode == 0
    assert mode(db) == 0o600
    for sidecar in (Path(f"{db}-wal"), Path(f"{db}-shm")):
        assert not sidecar.exists() or mode(sidecar) == 0o600
    with sqlite3.connect(db) as conn:  # a day later: the daily backup is due again
        conn.execute("UPDATE plan SET notes = 'next day'")
    for old in (tmp_path / "shared" / "b-backups").glob("*"):
        old.unlink()
    assert run("list", db=db, umask=0o002).returncode == 0
    folder = tmp_path / "shared" / "b-backups"
    assert mode(folder) == 0o700
    assert [mode(p) for p in folder.iterdir()] == [0o600]
    for args, name in (
        (("export", "1", "--xlsx"), "p.xlsx"),
        (("export", "1", "--json"), "p.budget.json"),
        (("pdf", "1", "--out"), "p.pdf"),
    ):
        assert run(*args, str(tmp_path / name), db=db, umask=0o022).returncode == 0
        assert mode(tmp_path / name) == 0o644, name
    (tmp_path / "p.pdf").chmod(0o640)  # a planner's own choice survives a rewrite
    assert run("pdf", "1", "--out", str(tmp_path / "p.pdf"), db=db).returncode == 0
    assert mode(tmp_path / "p.pdf") == 0o640


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (("export", "1", "--xlsx", "out.pdf"), "--xlsx writes an Excel workbook"),
        (("export", "1", "--json", "out.xlsx"), "--json writes a plan file"),
        (("pdf", "1", "--out", "out.xlsx"), "--out writes a PDF budget pack"),
    ],
)
def test_an_output_named_as_another_kind_of_file_is_refused(
    db: Path, tmp_path: Path, args: tuple[str, ...], option: str
) -> None:
    *head, name = args
    target = tmp_path / "out" / name
    target.parent.mkdir()
    refused(run(*head, str(target), db=db), target, option)
    assert list(target.parent.iterdir()) == []
