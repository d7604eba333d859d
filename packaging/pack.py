"""``make bundle``: build the one-folder bundle with PyInstaller and pack it as a .tar.gz.

    python packaging/pack.py [--no-build]

Writes ``dist/budgetwright/`` (the bundle), ``dist/budgetwright-VERSION-linux-x86_64.tar.gz``
(the bundle, install.sh, uninstall.sh and the desktop files under ``share/``) and
``dist/bundle-report.txt`` (build time, sizes, the biggest parts, every Qt library and
plugin kept). Fails when the packed bundle is over the 150 MB budget or a bundled
library needs one that is neither in the bundle nor on the machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
DIST = ROOT / "dist"
BUNDLE = DIST / "budgetwright"
ID = "org.budgetwright.Budgetwright"
LIMIT = 150 * 1024 * 1024
MB = 1024 * 1024
DESKTOP_PROVIDED = ("libwayland-", "libEGL", "libGL", "libOpenGL", "libvulkan", "libdrm")
"""Libraries the desktop session itself provides (Wayland, OpenGL), which a bundle must
not carry; a build machine without a desktop may lack them."""


def version() -> str:
    sys.path.insert(0, str(ROOT))
    from app.about import version as installed

    return installed()


def build() -> float:
    """Run PyInstaller on the spec; the seconds it took."""
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            str(PACKAGING / "budgetwright.spec"),
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(ROOT / "build" / "pyinstaller"),
        ],
        check=True,
        cwd=ROOT,
    )
    return time.perf_counter() - started


def tree_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def pack(target: Path, top: str) -> None:
    def member(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        return info

    share = f"{top}/share"
    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        tar.add(BUNDLE, arcname=f"{top}/budgetwright", filter=member)
        for script in ("install.sh", "uninstall.sh", "README.md"):
            tar.add(PACKAGING / script, arcname=f"{top}/{script}", filter=member)
        for name in (f"{ID}.desktop", f"{ID}.metainfo.xml", f"{ID}.mime.xml"):
            tar.add(PACKAGING / name, arcname=f"{share}/{name}", filter=member)
        tar.add(PACKAGING / f"{ID}.svg", arcname=f"{share}/icons/{ID}.svg", filter=member)
        for png in sorted((PACKAGING / "icons").glob("*.png")):
            tar.add(png, arcname=f"{share}/icons/{png.name}", filter=member)


def unmet_libraries() -> list[str]:
    """Libraries a bundled ELF file needs that neither the bundle nor the machine has
    (the desktop's own Wayland and OpenGL libraries left aside)."""
    internal = BUNDLE / "_internal"
    env = dict(os.environ, LD_LIBRARY_PATH=f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}")
    unmet = []
    for path in sorted(BUNDLE.rglob("*.so*")):
        if path.is_symlink() or not path.is_file():
            continue
        done = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env)
        for line in done.stdout.splitlines():
            if "not found" in line and not line.strip().startswith(DESKTOP_PROVIDED):
                unmet.append(f"{path.relative_to(BUNDLE)}: {line.strip()}")
    return unmet


def report(build_seconds: float | None, archive: Path) -> str:
    internal = BUNDLE / "_internal"
    parts = sorted(
        ((tree_size(p) if p.is_dir() else p.lstat().st_size, p.name) for p in internal.iterdir()),
        reverse=True,
    )
    qt = internal / "PySide6" / "Qt"
    qt_libs = sorted(p.name for p in (qt / "lib").glob("*.so*"))
    plugins = sorted(str(p.relative_to(qt / "plugins")) for p in (qt / "plugins").rglob("*.so"))
    modules = sorted(p.name.split(".")[0] for p in (internal / "PySide6").glob("Qt*.so"))
    lines = [
        f"Budgetwright {version()} bundle for {platform.system()} {platform.machine()}",
        f"build time: {build_seconds:.0f} s" if build_seconds is not None else "build time: -",
        f"packed: {archive.name} {archive.stat().st_size / MB:.1f} MB (limit 150 MB)",
        f"unpacked: {tree_size(BUNDLE) / MB:.1f} MB in {sum(1 for _ in BUNDLE.rglob('*'))} files",
        "",
        "biggest parts of _internal/ (MB):",
        *(f"  {size / MB:6.1f}  {name}" for size, name in parts[:25]),
        "",
        "PySide6 modules: " + " ".join(modules),
        "Qt libraries: " + " ".join(qt_libs),
        "Qt plugins: " + " ".join(plugins),
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="pack the existing dist/")
    args = parser.parse_args()
    seconds = None if args.no_build else build()
    if not (BUNDLE / "budgetwright").is_file():
        raise SystemExit(f"no bundle in {BUNDLE}: run without --no-build")
    top = f"budgetwright-{version()}-linux-{platform.machine()}"
    archive = DIST / f"{top}.tar.gz"
    started = time.perf_counter()
    pack(archive, top)
    text = report(seconds, archive) + f"pack time: {time.perf_counter() - started:.0f} s\n"
    (DIST / "bundle-report.txt").write_text(text, encoding="utf-8")
    sys.stdout.write(text)
    unmet = unmet_libraries()
    if unmet:
        sys.stdout.write("libraries not found:\n" + "\n".join(unmet) + "\n")
        return 1
    if archive.stat().st_size > LIMIT:
        sys.stdout.write(f"{archive.name} is over the 150 MB budget\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
