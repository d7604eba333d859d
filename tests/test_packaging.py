"""The desktop entry and AppStream metadata pass their validators."""

from __future__ import annotations

import importlib.util
import os
import shutil
import struct
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path
from types import ModuleType
from xml.etree import ElementTree

import pytest

PACKAGING = Path(__file__).resolve().parent.parent / "packaging"


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None, reason="desktop-file-utils missing"
)
def test_the_desktop_entry_is_valid() -> None:
    done = subprocess.run(
        ["desktop-file-validate", str(PACKAGING / "org.budgetwright.Budgetwright.desktop")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream missing")
def test_the_appstream_metadata_is_valid() -> None:
    done = subprocess.run(
        [
            "appstreamcli",
            "validate",
            "--no-net",
            str(PACKAGING / "org.budgetwright.Budgetwright.metainfo.xml"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def _load(name: str) -> ModuleType:
    """A script of packaging/ (not importable by name: ``packaging`` is a PyPI library)."""
    spec = importlib.util.spec_from_file_location(f"bw_packaging_{name}", PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


METAINFO = PACKAGING / "org.budgetwright.Budgetwright.metainfo.xml"
ROOT = PACKAGING.parent


def test_the_release_notes_are_the_changelog() -> None:
    metainfo = _load("metainfo")
    text = METAINFO.read_text(encoding="utf-8")
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert metainfo.updated(text, changelog) == text, "run `make metainfo`"
    released = metainfo.releases(changelog)
    assert released and released[0][0] and all(items for _v, _d, items in released)
    root = ElementTree.fromstring(text)
    versions = [r.get("version") for r in root.iter("release")]
    assert versions == [version for version, _d, _i in released]


def test_the_metainfo_names_the_developer_and_shows_our_screenshots() -> None:
    root = ElementTree.fromstring(METAINFO.read_text(encoding="utf-8"))
    developer = root.find("developer")
    assert developer is not None and developer.get("id") == "org.budgetwright"
    assert developer.findtext("name") == "Budgetwright"
    images = [image.text or "" for image in root.iter("image")]
    assert len(images) >= 3
    for url in images:
        assert url.startswith("https://")
        assert (ROOT / "docs" / "screenshots" / url.rsplit("/", 1)[-1]).is_file(), url


def test_plan_files_and_workbooks_open_with_budgetwright() -> None:
    entry = (PACKAGING / "org.budgetwright.Budgetwright.desktop").read_text(encoding="utf-8")
    fields = dict(line.split("=", 1) for line in entry.splitlines() if "=" in line)
    assert fields["Exec"] == "budgetwright %f"
    types = fields["MimeType"].rstrip(";").split(";")
    assert "application/x-budgetwright-plan" in types
    assert "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" in types
    mime = ElementTree.parse(PACKAGING / "org.budgetwright.Budgetwright.mime.xml").getroot()
    ns = "{http://www.freedesktop.org/standards/shared-mime-info}"
    (plan,) = mime.iter(f"{ns}mime-type")
    assert plan.get("type") == "application/x-budgetwright-plan"
    assert [g.get("pattern") for g in plan.iter(f"{ns}glob")] == ["*.budget.json"]


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_the_icons_are_rendered_from_the_svg_at_the_usual_sizes(tmp_path: Path) -> None:
    icons = _load("icons")
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        assert _png_size(PACKAGING / "icons" / f"{size}.png") == (size, size)
    done = subprocess.run(
        [sys.executable, str(PACKAGING / "icons.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for size in icons.SIZES:  # `make icons` gives the committed pixels again
        assert (tmp_path / f"{size}.png").read_bytes() == (
            PACKAGING / "icons" / f"{size}.png"
        ).read_bytes(), f"{size}.png differs: run `make icons`"


def test_the_version_comes_from_the_package_metadata() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ui.launcher", "--version"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert done.stdout == f"budgetwright {declared['project']['version']}\n"
    assert done.stdout.split()[1] == metadata.version("budgetwright")


def test_the_libraries_listed_are_the_runtime_ones_with_their_licences() -> None:
    from app.about import libraries, licence_of

    listed = {lib.name.lower().replace("_", "-"): lib for lib in libraries()}
    for name in ("pyside6-essentials", "pyqtgraph", "sqlalchemy", "reportlab", "openpyxl"):
        assert name in listed, name
    assert "LGPL-3.0" in listed["pyside6-essentials"].licence
    assert listed["python"].licence == "PSF-2.0"
    assert all(lib.licence and lib.version for lib in listed.values())
    for dev_only in ("pytest", "hypothesis", "mypy", "ruff", "babel", "pyinstaller"):
        assert dev_only not in listed
    # a long License text gives way to the licence classifier
    assert licence_of(metadata.metadata("reportlab")) == "BSD License"
