"""Fuzzing the import of workbooks (issue 9, point 1): a few hundred seeded mutations of
an exported sample, at cell, XML and zip level, each imported through the command line's
code path. Every one ends with exit 0 or 2, never a traceback; a refusal is one line on
stderr and leaves the database byte for byte as it was.

``BUDGETWRIGHT_FUZZ_SEED`` picks another run of cases (the seed is in every message).
"""

from __future__ import annotations

import hashlib
import os
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from app.cli.main import main
from app.services.workspace import Workspace
from tests.io.xlsx.fuzz_mutations import archive, damage_bytes, mutate
from tests.io.xlsx.test_bad_input import exported

SEED = int(os.environ.get("BUDGETWRIGHT_FUZZ_SEED", "9"))
CASES = 200
ROOT = Path(__file__).resolve().parents[3]


def fingerprint(db: Path) -> str:
    digest = hashlib.sha256()
    for path in (db, db.with_name(db.name + "-wal")):
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def mutant(rng: random.Random, parts: list[tuple[str, bytes]]) -> tuple[bytes, list[str]]:
    changed = list(parts)
    done = [mutate(rng, changed) for _ in range(rng.choice([1, 1, 2, 3]))]
    raw = archive(changed)
    if rng.random() < 0.15:
        raw, kind = damage_bytes(rng, raw)
        done.append(kind)
    return raw, done


@pytest.fixture(scope="module")
def sample_parts(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, bytes]]:
    folder = tmp_path_factory.mktemp("fuzz-sample")
    db = folder / "budget.db"
    Workspace.open(db).close()
    with zipfile.ZipFile(exported(db, folder / "sample.xlsx")) as source:
        return [(info.filename, source.read(info)) for info in source.infolist()]


def test_mutated_workbooks_import_or_are_refused_in_one_line(
    sample_parts: list[tuple[str, bytes]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "budget.db"
    Workspace.open(db).close()
    rng = random.Random(SEED)
    path = tmp_path / "Budget.xlsx"
    outcomes = {0: 0, 2: 0}
    for case in range(CASES):
        raw, done = mutant(rng, sample_parts)
        path.write_bytes(raw)
        before = fingerprint(db)
        where = f"seed {SEED}, case {case}: {done}"
        status = main(["--db", str(db), "import", str(path), "--as", f"Fuzz {case}"])
        err = capsys.readouterr().err
        assert status in (0, 2), f"{where}: exit {status}\n{err}"
        outcomes[status] += 1
        if status == 2:
            assert err.startswith("budgetwright: ") and err.count("\n") == 1, f"{where}: {err}"
            assert fingerprint(db) == before, f"{where}: the database changed on a refusal"
        else:
            assert err == "", f"{where}: {err}"
    assert outcomes[0] > 10 and outcomes[2] > 60, outcomes  # the mutations bite, not all


def test_mutants_through_the_real_command(
    sample_parts: list[tuple[str, bytes]], tmp_path: Path
) -> None:
    """A few cases through ``python -m ui.launcher import``: what the planner runs."""
    db = tmp_path / "budget.db"
    Workspace.open(db).close()
    rng = random.Random(SEED + 1)
    refused = 0
    for case in range(4):
        raw, done = mutant(rng, sample_parts)
        path = tmp_path / f"Budget {case}.xlsx"
        path.write_bytes(raw)
        before = fingerprint(db)
        run = subprocess.run(
            [sys.executable, "-m", "ui.launcher", "--db", str(db), "import", str(path),
             "--as", f"Fuzz {case}"],
            capture_output=True, text=True, cwd=ROOT, timeout=120,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )  # fmt: skip
        where = f"seed {SEED + 1}, case {case}: {done}"
        assert run.returncode in (0, 2), f"{where}: exit {run.returncode}\n{run.stderr}"
        assert "Traceback" not in run.stderr, f"{where}: {run.stderr}"
        if run.returncode == 2:
            refused += 1
            assert run.stderr.count("\n") == 1, f"{where}: {run.stderr}"
            assert fingerprint(db) == before, where
    assert refused > 0
