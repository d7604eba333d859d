"""Fuzzing the JSON import as a planner runs it: bad files get one line and change nothing.

Seeded mutants of the shipped sample go through ``budgetwright import`` (in-process,
and a handful through a real ``python -m ui.launcher``). Each must end with status 0
or 2, never a traceback or a hang; a refusal prints exactly one line and leaves the
database as it was; whatever is taken can be summed up and exported again.
"""

from __future__ import annotations

import contextlib
import random
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest

from app.cli.main import main
from app.services.workspace import Workspace
from tests.io.plan_mutants import any_mutant

ROOT = Path(__file__).resolve().parents[2]  # run this checkout's code, not an installed one
CASES_PER_SEED = 70


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A seeded database, checkpointed into one file."""
    path = tmp_path_factory.mktemp("template") / "t.db"
    Workspace.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path.read_bytes()


def tables(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return {
            t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr)
            for t in ("plan", "phase", "line", "catalogue_entry")
        }


@contextlib.contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail a case that hangs (0e999999999 once hung every total)."""

    def expired(_signum: int, _frame: FrameType | None) -> None:
        raise TimeoutError(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    with deadline(30):
        status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def one_line_refusal(status: int, err: str, case: str) -> None:
    assert status == 2, f"{case}: status {status}: {err}"
    assert err.count("\n") == 1 and err.startswith("budgetwright: "), f"{case}: {err!r}"
    assert "Traceback" not in err, case


@pytest.mark.parametrize("seed", range(4))
def test_mutated_plan_files_import_cleanly_or_change_nothing(
    seed: int, template: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rng = random.Random(seed)
    db = tmp_path / "f.db"
    db.write_bytes(template)
    before = tables(db)
    taken = 0
    for number in range(CASES_PER_SEED):
        case = f"seed {seed}, case {number}"
        path = tmp_path / f"m{number}.budget.json"
        path.write_text(any_mutant(rng), encoding="utf-8", errors="surrogatepass")
        status, out, err = cli(capsys, "--db", str(db), "import", str(path), "--as", case)
        if status != 0:
            one_line_refusal(status, err, case)
            assert tables(db) == before, f"{case}: a refused import changed the database"
            continue
        taken += 1
        assert err == "" and out.startswith(f"Imported '{case}'"), case
        status, _out, err = cli(capsys, "--db", str(db), "summary", case, "--json")
        assert status == 0, f"{case}: summary of an imported plan: {err}"
        again = tmp_path / f"again{number}.budget.json"
        status, _out, err = cli(capsys, "--db", str(db), "export", case, "--json", str(again))
        assert status == 0, f"{case}: export of an imported plan: {err}"
        if taken <= 2:
            xlsx = tmp_path / f"again{number}.xlsx"
            status, _out, err = cli(capsys, "--db", str(db), "export", case, "--xlsx", str(xlsx))
            assert status == 0, f"{case}: workbook export of an imported plan: {err}"
        status, _out, err = cli(capsys, "--db", str(db), "import", str(again), "--as", f"{case}*")
        assert status == 0, f"{case}: the exported file is refused: {err}"
        db.write_bytes(template)
        for suffix in ("-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    assert 0 < taken < CASES_PER_SEED - 20  # both paths are exercised


def test_refusals_through_the_real_command_leave_the_file_byte_for_byte(
    template: bytes, tmp_path: Path
) -> None:
    rng = random.Random(99)
    db = tmp_path / "f.db"
    db.write_bytes(template)
    refused = 0
    while refused < 4:
        path = tmp_path / f"m{refused}.budget.json"
        path.write_text(any_mutant(rng), encoding="utf-8", errors="surrogatepass")
        done = subprocess.run(
            [sys.executable, "-m", "ui.launcher", "--db", str(db), "import", str(path)],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=ROOT,
        )
        if done.returncode == 0:
            db.write_bytes(template)
            continue
        refused += 1
        one_line_refusal(done.returncode, done.stderr, str(path))
        assert db.read_bytes() == template
        assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0
