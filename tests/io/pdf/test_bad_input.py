"""``budgetwright pdf`` refuses bad input with one clear line and exit status 2, and
leaves no file (not even a partial one) behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli.main import main
from app.domain.errors import BadInput
from app.io.pdf import render_pack, write_pack
from app.services.workspace import Workspace
from tests.io.pdf.conftest import Sample
from tests.io.pdf.pdftools import page_count


@pytest.fixture
def db(tmp_path: Path) -> Path:
    (tmp_path / "db").mkdir()
    path = tmp_path / "db" / "b.db"
    Workspace.open(path).close()
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_the_cli_writes_the_pack(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "pack.pdf"
    status, said, err = _run(capsys, "pdf", "1", "--db", str(db), "--out", str(out))
    assert (status, err) == (0, "")
    assert said.strip() == f"Wrote {out}"
    assert page_count(out) == 11


def test_unknown_plan(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    status, _, err = _run(
        capsys, "pdf", "No such plan", "--db", str(db), "--out", str(out / "p.pdf")
    )
    assert status == 2
    assert err.count("\n") == 1 and "No such plan" in err
    assert _files(out) == []


def test_unknown_section(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    argv = ["pdf", "1", "--db", str(db), "--out", str(out / "p.pdf"), "--sections", "cover,nope"]
    status, _, err = _run(capsys, *argv)
    assert status == 2
    assert err.count("\n") == 1 and "'nope'" in err and "cover" in err
    assert _files(out) == []


@pytest.mark.parametrize("where", ["missing folder", "a file as folder", "a folder as file"])
def test_unwritable_path(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    blocker = out / "blocker"
    blocker.write_text("not a folder")
    (out / "taken").mkdir()
    target = {
        "missing folder": out / "nowhere" / "p.pdf",
        "a file as folder": blocker / "p.pdf",
        "a folder as file": out / "taken",
    }[where]
    status, _, err = _run(capsys, "pdf", "1", "--db", str(db), "--out", str(target))
    assert status == 2, err
    assert err.count("\n") == 1 and str(target) in err
    assert _files(out) == ["blocker", "taken"]  # no temporary file left beside it
    assert _files(out / "taken") == []


def test_a_failed_write_keeps_the_previous_pack(
    sample: Sample, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "pack.pdf"
    out.write_bytes(b"the previous pack")
    with pytest.raises(BadInput, match="paper"):
        write_pack(sample.snapshot, sample.catalogue, out, paper="a3")
    assert out.read_bytes() == b"the previous pack"

    def disk_full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("app.io.atomic.os.fsync", disk_full)
    with pytest.raises(BadInput, match="cannot write there"):
        write_pack(sample.snapshot, sample.catalogue, out)
    assert out.read_bytes() == b"the previous pack"
    assert _files(tmp_path) == ["pack.pdf"]


def test_no_sections_at_all_is_refused(sample: Sample) -> None:
    with pytest.raises(BadInput, match="at least one"):
        render_pack(sample.snapshot, sample.catalogue, sections=[])
