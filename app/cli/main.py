"""The ``budgetwright`` command. Subcommands run headless and never import Qt.

Exit status: 0 done, 2 bad input (the message names the file and field), 1 anything
else. Nothing is written when a command fails.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from app.cli import actuals, catalogue, versions
from app.cli.copy import add_copy_parser, run_copy
from app.cli.estimate import add_estimate_parser, run_estimate
from app.cli.risk import add_risk_parser
from app.domain.errors import (
    BadInput,
    BudgetwrightError,
    DatabaseRefused,
    DatabaseUnavailable,
    EditConflict,
    InvalidValue,
    NotFound,
)
from app.paths import DB_ENV, DbTarget, db_target, default_db_path

WindowOpener = Callable[[DbTarget], int]
BAD_INPUT = (InvalidValue, BadInput, NotFound, DatabaseRefused, DatabaseUnavailable, EditConflict)


def _db_target(text: str) -> DbTarget:
    try:
        return db_target(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


class _Version(argparse.Action):
    """``--version``: the version from the package metadata, read only when asked."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        from app.about import version

        print(f"budgetwright {version()}")
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        type=_db_target,
        default=argparse.SUPPRESS,
        help="the database file, or a PostgreSQL URL postgresql://user@host/database "
        f"(default: ${DB_ENV} or the per-user data directory)",
    )
    parser = argparse.ArgumentParser(
        prog="budgetwright",
        description="Budget every resource a generative-AI project needs.",
        parents=[common],
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="print the version and exit")
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
    pdf.add_argument(
        "--baseline", metavar="NAME", help="add a page comparing the plan with baseline NAME"
    )
    pdf.add_argument(
        "--variance", action="store_true", help="add a budget-vs-actual page (its actuals)"
    )
    add_estimate_parser(sub, common)
    add_risk_parser(sub, common)
    versions.add_versions_parsers(sub, common)
    add_copy_parser(sub, common)
    catalogue.add_catalogue_parsers(sub, common)
    actuals.add_actuals_parsers(sub, common)
    return parser


# What each output option writes, and the file name ending that says so.
TARGETS = (("json", ".json", "a plan file"), ("xlsx", ".xlsx", "an Excel workbook"))


def check_targets(args: argparse.Namespace) -> None:
    """Refuse an output named as another kind of file (``--xlsx out.pdf``).

    A name without an ending is written as given.
    """
    wanted = [
        (getattr(args, option, None), f"--{option}", end, kind) for option, end, kind in TARGETS
    ]
    if args.command == "pdf":
        wanted = [(args.out, "--out", ".pdf", "a PDF budget pack")]
    for path, option, end, kind in wanted:
        if isinstance(path, Path) and path.suffix and path.suffix.lower() != end:
            raise BadInput(
                f"{path}: {option} writes {kind}, so the name must end in {end} "
                "(nothing was written)"
            )


def main(argv: Sequence[str] | None = None, open_window: WindowOpener | None = None) -> int:
    """Run a subcommand; with none, call ``open_window`` (given by the ``ui`` launcher)."""
    args = _parser().parse_args(argv)
    db_path = getattr(args, "db", None) or default_db_path()
    if args.command is None and open_window is not None:
        return open_window(db_path)
    try:
        if args.command is None:
            from app.cli.no_window import print_sample_summary

            return print_sample_summary(db_path)
        if args.command == "estimate":
            return run_estimate(args)
        if args.command == "copy":
            return run_copy(db_path, args)
        if args.command in versions.COMMANDS:
            return versions.run(db_path, args)
        if args.command in catalogue.COMMANDS:
            return catalogue.run(db_path, args)
        if args.command in actuals.COMMANDS:
            return actuals.run(db_path, args)
        if args.command in ("export", "pdf"):
            check_targets(args)
        from app.cli import commands

        return int(getattr(commands, f"run_{args.command}")(db_path, args))
    except (BudgetwrightError, OSError) as exc:
        # A failed writer's objects may fail again as they are freed (a zip file closing
        # on a full disk); that adds no second report: one line, as the contract says.
        hook, sys.unraisablehook = sys.unraisablehook, _ignore
        message, status = _reported(exc, db_path)
    from app.io.atomic import collect_quietly

    collect_quietly()
    sys.unraisablehook = hook
    print(f"budgetwright: {message}", file=sys.stderr)
    return status


def _ignore(_unraisable: object) -> None:
    pass


def _reported(exc: BudgetwrightError | OSError, db_path: DbTarget) -> tuple[str, int]:
    """The message and exit status for a failed subcommand (2: bad input or file)."""
    if isinstance(exc, BAD_INPUT):
        return str(exc), 2
    if isinstance(exc, BudgetwrightError):
        return str(exc), 1
    from app.store.failures import unavailable

    typed = unavailable(exc, Path(exc.filename) if exc.filename else db_path)
    return str(typed or exc), 1 if typed is None else 2


if __name__ == "__main__":
    sys.exit(main())
