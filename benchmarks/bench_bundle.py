"""The desktop bundle: build time, packed and unpacked size, and window start-up.

* build time and sizes: from ``dist/bundle-report.txt`` (written by ``make bundle``),
  or measured here with ``--build``;
* start-up: the bundled window (``dist/budgetwright/budgetwright``) against the
  virtual environment's (``make run``: ``.venv/bin/budgetwright``), alternating in
  one run, on the same sample-plan database and an empty home directory, offscreen.
  Timed from just before the process starts to the first paint of the whole window,
  which Qt reports on stderr (``qt.widgets.painting`` logging): no probe in the app.
  The bundled window must be no slower (median, 5 % allowed for noise).

Usage: ``python benchmarks/bench_bundle.py [--runs N] [--build] [--json]``.
Exit status 1 when the bundle is missing, over 150 MB packed, or slower.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
BUNDLED = DIST / "budgetwright" / "budgetwright"
VENV = Path(sys.prefix) / "bin" / "budgetwright"
REPORT = DIST / "bundle-report.txt"
NOISE = 1.05
LIMIT_MB = 150.0
# "Flushing QRegion(0,0 1440x900) of MainWindow": the whole window reached the screen
FIRST_PAINT = re.compile(r"Flushing QRegion\(0,0 \d+x\d+\) of MainWindow")
TIMEOUT_S = 60.0


def build() -> None:
    subprocess.run([sys.executable, str(ROOT / "packaging" / "pack.py")], check=True, cwd=ROOT)


def figures() -> dict[str, float]:
    """Build seconds, packed and unpacked MB from the last build's report."""
    text = REPORT.read_text(encoding="utf-8")
    found: dict[str, float] = {}
    for key, pattern in (
        ("build_s", r"build time: (\d+) s"),
        ("pack_s", r"pack time: (\d+) s"),
        ("packed_mb", r"packed: \S+ ([\d.]+) MB"),
        ("unpacked_mb", r"unpacked: ([\d.]+) MB"),
    ):
        match = re.search(pattern, text)
        if match:
            found[key] = float(match.group(1))
    return found


def env(home: Path, db: Path) -> dict[str, str]:
    return {
        "HOME": str(home),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "BUDGETWRIGHT_DB": str(db),
        "QT_LOGGING_RULES": "qt.widgets.painting.debug=true",
        # make run's window runs this checkout's code, like the bundle built from it
        "PYTHONPATH": str(ROOT),
    }


def first_paint(command: list[str], home: Path, db: Path) -> float:
    """Seconds from starting ``command`` to the window's first full paint."""
    started = time.perf_counter()
    child = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env(home, db),
        cwd=home,
    )
    assert child.stderr is not None
    try:
        for line in child.stderr:
            if FIRST_PAINT.search(line):
                return time.perf_counter() - started
            if time.perf_counter() - started > TIMEOUT_S:
                break
        raise RuntimeError(f"{command[0]}: no first paint (exit status {child.poll()})")
    finally:
        child.kill()
        child.wait()


def startup(runs: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"bundle": [], "venv": []}
    commands = {"bundle": [str(BUNDLED)], "venv": [str(VENV)]}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "budgets.db"
        subprocess.run(  # the sample plan, made once for both
            [str(BUNDLED), "--db", str(db), "list"], check=True, capture_output=True
        )
        homes = {name: folder / name for name in commands}
        for home in homes.values():
            home.mkdir()
        for name in commands:  # warm the disk cache; not counted
            first_paint(commands[name], homes[name], db)
        for _ in range(runs):
            for name in commands:
                times[name].append(first_paint(commands[name], homes[name], db))
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--build", action="store_true", help="build the bundle first")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.build:
        build()
    if not BUNDLED.is_file() or not REPORT.is_file():
        print("no bundle: run `make bundle` (or pass --build)")
        return 1
    result: dict[str, object] = dict(figures())
    times = startup(args.runs)
    bundle, venv = statistics.median(times["bundle"]), statistics.median(times["venv"])
    result.update(
        startup_bundle_ms=round(bundle * 1000, 1),
        startup_venv_ms=round(venv * 1000, 1),
        startup_ratio=round(bundle / venv, 3),
        runs=args.runs,
    )
    failed = bundle > venv * NOISE or float(result.get("packed_mb", 0.0)) > LIMIT_MB  # type: ignore[arg-type]
    if args.json:
        print(json.dumps(result))
    else:
        print(f"bundle build: {result.get('build_s', '-')} s, pack {result.get('pack_s', '-')} s")
        print(f"packed: {result.get('packed_mb')} MB (limit {LIMIT_MB:.0f} MB)")
        print(f"unpacked: {result.get('unpacked_mb')} MB")
        print(
            f"window start-up to first paint, median of {args.runs} alternating runs: "
            f"bundle {bundle * 1000:.0f} ms, make run {venv * 1000:.0f} ms "
            f"(ratio {bundle / venv:.2f}, budget <= {NOISE:.2f})"
        )
        print("  bundle runs (ms): " + " ".join(f"{t * 1000:.0f}" for t in times["bundle"]))
        print("  venv runs (ms):   " + " ".join(f"{t * 1000:.0f}" for t in times["venv"]))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
