"""Fixtures for the workbook tests: a seeded database and a recalculating LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from app.services.workspace import Workspace

# LibreOffice keeps the stored values of an .xlsx unless told to recalculate on load.
RECALC_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""

Recalc = Callable[[Sequence[Path]], list[Path]]


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    """A new database: the shipped catalogue and the sample plan."""
    ws = Workspace.open(tmp_path / "budget.db")
    yield ws
    ws.close()


@pytest.fixture(scope="session")
def recalc(tmp_path_factory: pytest.TempPathFactory) -> Recalc:
    """Open workbooks in headless LibreOffice, recalculate every formula and save them.

    Takes several files at once: one LibreOffice start costs about two seconds.
    """
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed; CI installs libreoffice-calc-nogui")
    profile = tmp_path_factory.mktemp("lo-profile")
    (profile / "user").mkdir()
    (profile / "user" / "registrymodifications.xcu").write_text(RECALC_PROFILE)

    def run(paths: Sequence[Path]) -> list[Path]:
        out = tmp_path_factory.mktemp("recalculated")
        subprocess.run(
            [
                soffice,
                "--headless",
                "--norestore",
                f"-env:UserInstallation={profile.as_uri()}",
                "--convert-to",
                "xlsx",
                "--outdir",
                str(out),
                *map(str, paths),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        converted = [out / p.name for p in paths]
        missing = [p for p in converted if not p.exists()]
        assert not missing, f"LibreOffice did not write {missing}"
        return converted

    return run
