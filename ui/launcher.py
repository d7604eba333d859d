"""The ``budgetwright`` entry point: the window with no subcommand, else the headless CLI.

``budgetwright FILE`` (what the desktop runs when a planner double-clicks a
``.budget.json`` plan file or a workbook) opens the window and imports that file.
Importing this module imports no Qt; only opening the window does.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from app.cli.main import main as cli_main
from app.paths import DbTarget

OPENED_ENDINGS = (".json", ".xlsx", ".xlsm")
"""What the window imports (ui.excel_import's suffixes; that module loads Qt, this one must not)."""


def open_window(db_path: DbTarget, open_file: Path | None = None) -> int:
    if importlib.util.find_spec("ui.application") is None:
        from app.cli.no_window import print_sample_summary

        return print_sample_summary(db_path)
    from ui.application import run  # type: ignore[import-not-found,unused-ignore]

    return int(run(db_path) if open_file is None else run(db_path, open_file))


def file_to_open(argv: Sequence[str]) -> Path | None:
    """The plan file or workbook named as the only argument, if it is one."""
    if len(argv) != 1 or argv[0].startswith("-"):
        return None
    path = Path(argv[0])
    return path if path.suffix.lower() in OPENED_ENDINGS and path.is_file() else None


def main(argv: Sequence[str] | None = None) -> int:
    if os.environ.get("BUDGETWRIGHT_IMPORT_LOG"):  # app.import_log.ENV, a test's probe
        from app.import_log import start_if_asked

        start_if_asked()
    args = list(sys.argv[1:] if argv is None else argv)
    opened = file_to_open(args)
    if opened is not None:
        from app.paths import default_db_path

        return open_window(default_db_path(), opened.resolve())
    return cli_main(args, open_window=open_window)


if __name__ == "__main__":
    sys.exit(main())
