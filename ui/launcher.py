"""The ``budgetwright`` entry point: the window with no subcommand, else the headless CLI.

Importing this module imports no Qt; only opening the window does.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Sequence

from app.cli.main import main as cli_main
from app.paths import DbTarget


def open_window(db_path: DbTarget) -> int:
    if importlib.util.find_spec("ui.application") is None:
        from app.cli.no_window import print_sample_summary

        return print_sample_summary(db_path)
    from ui.application import run  # type: ignore[import-not-found,unused-ignore]

    return int(run(db_path))


def main(argv: Sequence[str] | None = None) -> int:
    return cli_main(argv, open_window=open_window)


if __name__ == "__main__":
    sys.exit(main())
