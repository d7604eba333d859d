"""Real small and read-only disks for tests: a tmpfs mounted for the test (needs root).

Root ignores file permissions, so a read-only file cannot be simulated with chmod;
a read-only mount is refused to everyone. Tests skip where mounting is not allowed.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _mount(*args: str) -> bool:
    done = subprocess.run(["mount", *args], capture_output=True, text=True, check=False)
    return done.returncode == 0


@contextmanager
def small_disk(folder: Path, size: str = "2m") -> Iterator[Path]:
    """``folder`` as a disk of ``size`` bytes (tmpfs), unmounted afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    if not _mount("-t", "tmpfs", "-o", f"size={size},mode=0777", "tmpfs", str(folder)):
        pytest.skip("mounting a small disk needs root")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def make_read_only(folder: Path) -> None:
    """Remount a :func:`small_disk` read-only."""
    assert _mount("-o", "remount,ro", str(folder))


def fill(folder: Path) -> None:
    """Fill the disk holding ``folder`` to the last byte."""
    with (folder / "filler").open("wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 4096)
                handle.flush()
        except OSError:
            pass
