"""The ``budgetwright`` command. Subcommands run headless and never import Qt.

Exit status: 0 done, 2 bad input (the message names the file and field), 1 anything
else. Nothing is written when a command fails.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from app.cli import versions
from app.cli.estimate import add_estimate_parser, run_estimate
from app.domain.errors import BadInput, BudgetwrightError, DatabaseRefused, InvalidValue, NotFound
from app.paths import DB_ENV, default_db_path

WindowOpener = Callable[[Path], int]


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        type=Path,
        default=argparse.SUPPRESS,
        help=f"the database file (default: ${DB_ENV} or the per-user data directory)",
    )
    parser = argparse.ArgumentParser(
        prog="budgetwright",
        description="Budget every resource a generative-AI project needs.",
        parents=[common],
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("list", parents=[common], help="list the plans in the database")
    summary = sub.add_parser("summary", parents=[common], help="totals of a plan")
    summary.add_argument("plan", metavar="PLAN", help="plan name or id")
    summary.add_argument("--json", action="store_true", help="print one JSON object")
    imp = sub.add_parser("import", parents=[common], help="import a .budget.json or .xlsx file")
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument(
        "--map",
        type=Path,
        metavar="MAPPING.toml",
        help="column mapping for a spreadsheet Budgetwright did not write",
    )
    how = imp.add_mutually_exclusive_group()
    how.add_argument(
        "--as", dest="as_name", metavar="NAME", help="import as a new plan of this name"
    )
    how.add_argument("--replace", action="store_true", help="replace the plan of the same name")
    exp = sub.add_parser("export", parents=[common], help="write a plan to a file")
    exp.add_argument("plan", metavar="PLAN", help="plan name or id")
    target = exp.add_mutually_exclusive_group(required=True)
    target.add_argument("--json", type=Path, metavar="FILE", help="a .budget.json plan file")
    target.add_argument("--xlsx", type=Path, metavar="FILE", help="an Excel workbook")
    pdf = sub.add_parser("pdf", parents=[common], help="write the plan's PDF budget pack")
    pdf.add_argument("plan", metavar="PLAN", help="plan name or id")
    pdf.add_argument("--out", type=Path, metavar="FILE", required=True)
    pdf.add_argument("--paper", choices=("a4", "letter"), default="a4")
    pdf.add_argument("--sections", metavar="LIST", help="comma-separated sections to include")
    pdf.add_argument(
        "--redact-salaries",
        action="store_true",
        help="show pay only as one pooled People costs figure, never per person",
    )
    add_estimate_parser(sub, common)
    versions.add_versions_parsers(sub, common)
    return parser


def main(argv: Sequence[str] | None = None, open_window: WindowOpener | None = None) -> int:
    """Run a subcommand; with none, call ``open_window`` (given by the ``ui`` launcher)."""
    args = _parser().parse_args(argv)
    db_path = getattr(args, "db", None) or default_db_path()
    if args.command is None:
        if open_window is None:
            from app.cli.no_window import print_sample_summary

            return print_sample_summary(db_path)
        return open_window(db_path)
    try:
        if args.command == "estimate":
            return run_estimate(args)
        if args.command in versions.COMMANDS:
            return versions.run(db_path, args)
        from app.cli import commands

        return int(getattr(commands, f"run_{args.command}")(db_path, args))
    except (InvalidValue, BadInput, NotFound, DatabaseRefused) as exc:
        print(f"budgetwright: {exc}", file=sys.stderr)
        return 2
    except BudgetwrightError as exc:
        print(f"budgetwright: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"budgetwright: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
