"""Where every loaded module came from, for checking that a bundle loads only itself.

With ``BUDGETWRIGHT_IMPORT_LOG=FILE`` set, ``budgetwright`` writes FILE as JSON:
``sys.path``, ``sys.executable``, whether it runs frozen, and each loaded module's
file. It is written at exit and, for a window that is ended from outside, every half
second from a daemon thread. ``tests/test_bundle.py`` uses it; nothing else does.
"""

from __future__ import annotations

import atexit
import json
import os
import sys
import threading
import time
from pathlib import Path

ENV = "BUDGETWRIGHT_IMPORT_LOG"
EVERY = 0.5
_lock = threading.Lock()


def snapshot() -> dict[str, object]:
    files: dict[str, str] = {}
    for name, module in list(sys.modules.items()):
        where = getattr(module, "__file__", None)
        if isinstance(where, str):
            files[name] = where
    return {
        "frozen": bool(getattr(sys, "frozen", False)),
        "executable": sys.executable,
        "path": list(sys.path),
        "modules": files,
    }


def write(target: Path) -> None:
    with _lock:
        partial = target.with_name(target.name + ".part")
        partial.write_text(json.dumps(snapshot(), indent=1), encoding="utf-8")
        partial.replace(target)


def start_if_asked() -> None:
    """Start logging when ``BUDGETWRIGHT_IMPORT_LOG`` names a file."""
    name = os.environ.get(ENV)
    if not name:
        return
    target = Path(name)
    atexit.register(write, target)

    def keep_writing() -> None:
        while True:
            time.sleep(EVERY)
            write(target)

    threading.Thread(target=keep_writing, name="import-log", daemon=True).start()
