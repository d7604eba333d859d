"""The PyInstaller bundle works on a machine without Budgetwright's Python (issue 14).

Runs when ``make bundle`` has built ``dist/budgetwright/`` (``.ci/run`` builds it
first); skipped otherwise. Every run starts from an empty home directory and an
environment with no Python variables, and checks through ``BUDGETWRIGHT_IMPORT_LOG``
and ``/proc/PID/maps`` that the bundle loaded nothing from the build machine.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
FOLDER = DIST / "budgetwright"
BINARY = FOLDER / "budgetwright"
ID = "org.budgetwright.Budgetwright"
SAMPLE = "Support assistant: fine-tune and serve"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not BINARY.is_file(), reason="no bundle in dist/budgetwright: run `make bundle` first"
    ),
]

# Where the build machine's Python lives: nothing may be loaded from there.
BUILD_PYTHON = sorted(
    {str(Path(p).resolve()) for p in (sys.prefix, sys.base_prefix, ROOT / "app", ROOT / "ui")}
)


EMBEDDED = ("pyimod", "struct.py", "shibokensupport/", "signature_bootstrap.py")


def fresh_env(home: Path, **extra: str) -> dict[str, str]:
    """A desktop session's environment on a new account: no venv, no PYTHON* variables."""
    return {
        "HOME": str(home),
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        **extra,
    }


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


def run(home: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BINARY), *args],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=home,
        env=fresh_env(home, **extra),
        check=False,
    )


def outside_the_bundle(log: dict[str, object]) -> list[str]:
    """Module files and ``sys.path`` entries that are not in the bundle's folder.

    A module read from disk has an absolute ``__file__``; the few with a bare name
    (``pyimod02_importers.py``, ``shibokensupport/...``) are embedded in the executable
    and in libshiboken, so they cannot come from the build machine either.
    """
    inside = str(FOLDER.resolve())
    modules = log["modules"]
    assert isinstance(modules, dict)
    path = log["path"]
    assert isinstance(path, list) and path
    embedded = [p for p in modules.values() if not Path(p).is_absolute()]
    assert all(p.startswith(EMBEDDED) for p in embedded), embedded
    places = [p for p in [*modules.values(), *path] if Path(p).is_absolute()]
    return [p for p in places if not str(Path(p).resolve()).startswith(inside)]


def test_the_bundled_command_line_works_on_a_fresh_home(home: Path, tmp_path: Path) -> None:
    version = run(home, "--version")
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"budgetwright {metadata.version('budgetwright')}"

    listed = run(home, "list")
    assert listed.returncode == 0, listed.stderr
    assert SAMPLE in listed.stdout
    # the first run made the planner's database in the per-user data folder
    assert (home / ".local" / "share" / "Budgetwright" / "budgets.db").is_file()

    summary = run(home, "summary", "1", "--json")
    assert summary.returncode == 0, summary.stderr
    bundled = json.loads(summary.stdout)
    in_venv = [sys.executable, "-m", "ui.launcher", "--db", str(tmp_path / "v.db")]
    venv = subprocess.run(
        [*in_venv, "summary", "1", "--json"],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
        cwd=ROOT,
    )
    assert bundled == json.loads(venv.stdout)  # same sample plan, same figures to the cent
    assert bundled["plan"] == SAMPLE and bundled["total"] != "0.00"

    workbook = home / "plan.xlsx"
    exported = run(home, "export", "1", "--xlsx", str(workbook))
    assert exported.returncode == 0, exported.stderr
    from openpyxl import load_workbook

    sheets = load_workbook(workbook, read_only=True).sheetnames
    assert "Summary" in sheets

    pack = home / "plan.pdf"
    printed = run(home, "pdf", "1", "--out", str(pack))
    assert printed.returncode == 0, printed.stderr
    from pypdf import PdfReader

    reader = PdfReader(pack)
    assert len(reader.pages) >= 3
    assert SAMPLE in reader.pages[0].extract_text()


def test_the_bundle_loads_nothing_from_the_build_machine_even_when_asked_to(
    home: Path,
) -> None:
    """``PYTHONPATH`` and ``PYTHONHOME`` pointing into the build venv change nothing."""
    log = home / "imports.json"
    site = next(p for p in sys.path if p.endswith("site-packages"))
    done = run(
        home,
        "pdf",
        "1",
        "--out",
        str(home / "p.pdf"),
        BUDGETWRIGHT_IMPORT_LOG=str(log),
        PYTHONPATH=f"{site}:{ROOT}",
        PYTHONHOME=sys.prefix,
    )
    assert done.returncode == 0, done.stderr
    loaded = json.loads(log.read_text(encoding="utf-8"))
    assert loaded["frozen"] is True
    assert "app.io.pdf" in loaded["modules"] and "reportlab" in loaded["modules"]
    assert outside_the_bundle(loaded) == []
    # a subcommand never loads Qt, in the bundle too (no run-time hook imports it)
    qt = [m for m in loaded["modules"] if m.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph")]
    assert qt == []


def mapped_files(pid: int) -> set[str]:
    maps = Path(f"/proc/{pid}/maps").read_text(encoding="utf-8")
    return {line.split(maxsplit=5)[5] for line in maps.splitlines() if "/" in line}


@pytest.fixture
def window(home: Path) -> Iterator[tuple[subprocess.Popen[str], Path]]:
    log = home / "imports.json"
    process = subprocess.Popen(
        [str(BINARY)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=home,
        env=fresh_env(home, BUDGETWRIGHT_IMPORT_LOG=str(log)),
    )
    yield process, log
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=30)


def test_the_bundled_window_starts_offscreen_and_opens_the_sample(
    home: Path, window: tuple[subprocess.Popen[str], Path]
) -> None:
    process, log = window
    db = home / ".local" / "share" / "Budgetwright" / "budgets.db"
    deadline = time.monotonic() + 60
    # The database is opened only after the window's first paint, so its file means
    # the window was drawn; the store then fills it with the sample plan.
    while time.monotonic() < deadline and process.poll() is None:
        if db.is_file() and log.is_file() and "ui.main_window" in log.read_text("utf-8"):
            break
        time.sleep(0.2)
    time.sleep(3)  # a few seconds of the event loop with the plan shown
    assert process.poll() is None, process.communicate()[1]
    maps = mapped_files(process.pid)
    loaded = json.loads(log.read_text(encoding="utf-8"))
    process.terminate()
    _out, err = process.communicate(timeout=30)

    assert db.is_file()
    assert "Traceback" not in err, err
    assert {"ui.main_window", "ui.editors.categories", "PySide6.QtWidgets"} <= set(
        loaded["modules"]
    )
    assert outside_the_bundle(loaded) == []
    inside = str(FOLDER.resolve())
    qt = [m for m in maps if "libQt6" in m or "/plugins/" in m]
    assert qt and all(m.startswith(inside) for m in qt), qt
    foreign = [m for m in maps if any(m.startswith(p) for p in BUILD_PYTHON)]
    assert foreign == []


def tree(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    archives = sorted(DIST.glob("budgetwright-*-linux-*.tar.gz"))
    if not archives:
        pytest.skip("no packed bundle in dist/: run `make bundle`")
    target = tmp_path_factory.mktemp("unpacked")
    with tarfile.open(archives[-1]) as tar:
        tar.extractall(target, filter="tar")
    (folder,) = target.iterdir()
    return folder


def test_install_and_uninstall_on_a_fresh_home(home: Path, unpacked: Path) -> None:
    before = tree(home)
    env = fresh_env(home)
    done = subprocess.run(
        [str(unpacked / "install.sh")], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    local = home / ".local"
    launcher = local / "bin" / "budgetwright"
    assert os.access(launcher, os.X_OK)
    version = subprocess.run(
        [str(launcher), "--version"], env=env, capture_output=True, text=True, check=True
    )
    assert version.stdout.startswith("budgetwright ")

    desktop = local / "share" / "applications" / f"{ID}.desktop"
    entry = desktop.read_text(encoding="utf-8")
    assert f"Exec={launcher} %f" in entry
    assert "application/x-budgetwright-plan;" in entry
    if shutil.which("desktop-file-validate"):
        valid = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True)
        assert valid.returncode == 0, valid.stdout
    icons = local / "share" / "icons" / "hicolor"
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert (icons / f"{size}x{size}" / "apps" / f"{ID}.png").is_file()
    assert (icons / "scalable" / "apps" / f"{ID}.svg").is_file()
    assert (local / "share" / "metainfo" / f"{ID}.metainfo.xml").is_file()
    assert (local / "share" / "mime" / "packages" / f"{ID}.xml").is_file()
    if shutil.which("update-mime-database"):
        globs = (local / "share" / "mime" / "globs2").read_text(encoding="utf-8")
        assert "application/x-budgetwright-plan:*.budget.json" in globs

    # the planner's plans are theirs: uninstall leaves them
    plans = local / "share" / "Budgetwright"
    subprocess.run([str(launcher), "list"], env=env, capture_output=True, check=True)
    assert (plans / "budgets.db").is_file()

    gone = subprocess.run(
        [str(local / "lib" / "budgetwright" / "uninstall.sh")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert gone.returncode == 0, gone.stderr
    left = tree(home) - before
    assert left == {
        ".local",
        ".local/share",
        ".local/share/Budgetwright",
        ".local/share/Budgetwright/budgets.db",
    } | {p for p in left if p.startswith(".local/share/Budgetwright/")}


def test_every_bundled_library_ships_its_licence_text() -> None:
    internal = FOLDER / "_internal"
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (
        internal / "licenses" / "LGPL-3.0.txt"
    ).read_text(encoding="utf-8")
    assert (internal / "licenses" / "GPL-3.0.txt").is_file()
    missing = []
    for info in sorted(internal.glob("*.dist-info")):
        texts = [
            p
            for p in info.rglob("*")
            if p.is_file() and "LICEN" in str(p.relative_to(info)).upper()
        ]
        qt = info.name.startswith(("pyside6", "shiboken6"))  # licenses/LGPL-3.0.txt
        if not texts and not qt and not info.name.startswith("budgetwright-"):
            missing.append(info.name)
    assert missing == []
