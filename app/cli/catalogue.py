"""``catalogue list|import|diff`` and ``reprice``: versions of the price book.

The parsers live here; what the commands do is in ``catalogue_commands`` (imported
only when one runs, so other subcommands start as fast as before).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.paths import DbTarget

COMMANDS = ("catalogue", "reprice")


def add_catalogue_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    cat = sub.add_parser(
        "catalogue", parents=[common], help="the price book: its versions, imports, and diffs"
    )
    what = cat.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = what.add_parser("list", parents=[common], help="the dated versions of the price book")
    listing.add_argument("--json", action="store_true", help="print one JSON object")
    imp = what.add_parser(
        "import", parents=[common], help="add a dated version from a JSON or CSV price file"
    )
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("--label", help="the version's name (default: 'Imported from FILE')")
    diff = what.add_parser(
        "diff", parents=[common], help="lines whose copied price differs from the price book"
    )
    diff.add_argument("plan", metavar="PLAN", help="plan name or id")
    diff.add_argument("--json", action="store_true", help="print one JSON object")
    rep = sub.add_parser(
        "reprice", parents=[common], help="bring a plan's copied prices up to the price book"
    )
    rep.add_argument("plan", metavar="PLAN", help="plan name or id")
    rep.add_argument("--keys", metavar="K1,K2", help="only lines priced from these entries")
    rep.add_argument("--dry-run", action="store_true", help="show what would change, store nothing")
    rep.add_argument("--json", action="store_true", help="print one JSON object")


def run(db_path: DbTarget, args: argparse.Namespace) -> int:
    from app.cli import catalogue_commands

    return catalogue_commands.run(db_path, args)
