"""What ``scenario``, ``baseline``, ``baselines`` and ``compare`` do."""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
from typing import Any

from app.domain.taxonomy import Taxonomy
from app.paths import DbTarget
from app.services.compare import compare
from app.services.compare_sides import named_sides
from app.services.versions import CreateScenario, list_baselines, save_baseline
from app.services.workspace import Workspace


def run(db_path: DbTarget, args: argparse.Namespace) -> int:
    workspace = Workspace.open(db_path)
    try:
        return int(globals()[f"_run_{args.command}"](workspace, args))
    finally:
        workspace.close()


def _run_scenario(workspace: Workspace, args: argparse.Namespace) -> int:
    source = workspace.find_plan(args.plan)
    assert source.id is not None
    command = CreateScenario(source.id, args.name)
    workspace.apply(command)
    print(
        f"Created scenario {args.name!r} (id {command.plan_id}) from {source.name!r}: "
        f"{len(command.origins)} lines"
    )
    return 0


def _run_baseline(workspace: Workspace, args: argparse.Namespace) -> int:
    plan = workspace.find_plan(args.plan)
    assert plan.id is not None
    saved = save_baseline(workspace, plan.id, args.name)
    print(
        f"Saved baseline {saved.name!r} of {plan.name!r} at {saved.created_at}: "
        f"total {saved.currency} {saved.total}"
    )
    return 0


def _run_baselines(workspace: Workspace, args: argparse.Namespace) -> int:
    plan = workspace.find_plan(args.plan)
    assert plan.id is not None
    found = list_baselines(workspace, plan.id)
    if args.json:
        listed = [
            {
                "name": b.name,
                "created_at": b.created_at,
                "currency": b.currency,
                "subtotal": b.subtotal,
                "contingency": b.contingency,
                "total": b.total,
            }
            for b in found
        ]
        print(json.dumps({"plan": plan.name, "baselines": listed}, ensure_ascii=False, indent=2))
        return 0
    if not found:
        print(f"{plan.name}: no baselines yet.")
    for b in found:
        print(f"{b.created_at}  {b.name}  total {b.currency} {Decimal(b.total):,}")
    return 0


def _run_compare(workspace: Workspace, args: argparse.Namespace) -> int:
    side_a, side_b = named_sides(workspace, args.a, args.b, args.baseline)
    result = compare(side_a, side_b)
    if args.xlsx is not None:
        from app.io.xlsx.compare_workbook import write_compare_workbook

        pcts = (side_a.snapshot.plan.contingency_pct, side_b.snapshot.plan.contingency_pct)
        write_compare_workbook(result, pcts, args.xlsx, taxonomy=workspace.taxonomy())
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(compare_text(result, workspace.taxonomy()))
        if args.xlsx is not None:
            print(f"Wrote {args.xlsx}")
    return 0


def compare_text(result: dict[str, Any], taxonomy: Taxonomy) -> str:
    """The compare object as a short report for a terminal."""
    rows = [(taxonomy.label(key), v) for key, v in result["by_category"].items()]
    rows += [("Subtotal", result["subtotal"]), ("Total", result["total"])]
    cells = [(label, *(f"{Decimal(v[k]):,}" for k in ("a", "b", "delta"))) for label, v in rows]
    widths = [max(len(c[i]) for c in [*cells, ("", "a", "b", "delta")]) for i in range(4)]
    out = [
        f"a: {result['a']}",
        f"b: {result['b']}",
        f"amounts in {result['currency']}, delta = b - a",
        "",
        "  ".join(
            h.rjust(w) if i else h.ljust(w)
            for i, (h, w) in enumerate(zip(("", "a", "b", "delta"), widths, strict=True))
        ),
    ]
    for row in cells:
        out.append(
            "  ".join(
                c.rjust(w) if i else c.ljust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )
    lines = result["lines"]
    out.append("")
    out.append(
        f"Lines: {len(lines['added'])} added, {len(lines['removed'])} removed, "
        f"{len(lines['changed'])} changed"
    )
    for line in lines["added"]:
        out.append(
            f"  + {line['name']} ({taxonomy.label(line['category'])}): {Decimal(line['b']):,}"
        )
    for line in lines["removed"]:
        out.append(
            f"  - {line['name']} ({taxonomy.label(line['category'])}): {Decimal(line['a']):,}"
        )
    for line in lines["changed"]:
        out.append(
            f"  ~ {line['name']} ({taxonomy.label(line['category'])}): {Decimal(line['a']):,} -> "
            f"{Decimal(line['b']):,} ({Decimal(line['delta']):+,})"
        )
    return "\n".join(out)
