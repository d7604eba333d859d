"""``budgetwright`` with no subcommand when no window can be shown from here."""

from __future__ import annotations

import sys

from app.paths import DbTarget
from app.services.summary import plan_summary, summary_text
from app.services.workspace import Workspace


def print_sample_summary(db_path: DbTarget) -> int:
    """Say plainly that the window is not there, and show the first plan's summary."""
    print("The Budgetwright window is not available here; this is the first plan.", file=sys.stderr)
    workspace = Workspace.open(db_path)
    plans = workspace.plans()
    if plans and plans[0].id is not None:
        print(summary_text(plan_summary(workspace.snapshot(plans[0].id)), workspace.taxonomy()))
    return 0
