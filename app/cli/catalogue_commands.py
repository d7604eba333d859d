"""What ``catalogue list|import|diff`` and ``reprice`` do. JSON keys: docs/price-book.md."""

from __future__ import annotations

import argparse
import json
from typing import Any

from app.domain.errors import BadInput
from app.domain.money import format_amount, minor_digits
from app.io.catalogue_file import read_price_book
from app.services.price_book import ImportPriceBook, price_books
from app.services.reprice import RepriceLines, RepricePreview, preview, unknown_keys
from app.services.workspace import Workspace


def run(db_path: Any, args: argparse.Namespace) -> int:
    if args.command == "catalogue" and args.action == "import":
        entries = read_price_book(args.file)  # checked whole before the database opens
        workspace = Workspace.open(db_path)
        try:
            return _run_import(workspace, args, entries)
        finally:
            workspace.close()
    workspace = Workspace.open(db_path)
    try:
        if args.command == "reprice":
            return _run_reprice(workspace, args)
        return int(globals()[f"_run_{args.action}"](workspace, args))
    finally:
        workspace.close()


def _run_list(workspace: Workspace, args: argparse.Namespace) -> int:
    books = workspace.read(price_books)
    current = workspace.catalogue()
    if args.json:
        doc = {
            "versions": [
                {
                    "version": b.id,
                    "label": b.label,
                    "as_of": b.as_of.isoformat(),
                    "imported_at": b.imported_at,
                    "source": b.source,
                    "entries": len(b.entries),
                }
                for b in books
            ],
            "current": {
                "version": books[-1].id if books else None,
                "entries": len(current),
                "as_of": max(e.as_of for e in current).isoformat() if current else None,
            },
        }
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return 0
    if not books:
        print("No price book versions yet.")
    for b in books:
        mark = "*" if b is books[-1] else " "
        print(f"{mark} {b.id:>3}  {b.as_of}  {len(b.entries):>4} entries  {b.label}  ({b.source})")
    print(f"Current price book: {len(current)} entries (* marks the version it began as).")
    return 0


def _run_import(workspace: Workspace, args: argparse.Namespace, entries: list[Any]) -> int:
    command = ImportPriceBook(entries, str(args.file), args.label or "")
    workspace.apply(command)
    book = command.book
    assert book is not None
    print(
        f"Added price book version {book.id} ({book.label}, as of {book.as_of}): "
        f"{command.changed} price(s) changed, {command.added} added, "
        f"{len(book.entries)} entries in all."
    )
    return 0


def _plan_preview(
    workspace: Workspace, name: str, keys: list[str] | None
) -> tuple[int, RepricePreview]:
    plan = workspace.find_plan(name)
    assert plan.id is not None
    catalogue = workspace.catalogue()
    if keys is not None:
        unknown = unknown_keys(keys, catalogue)
        if unknown:
            raise BadInput(f"--keys: the price book has no entry {unknown[0]!r}")
    return plan.id, preview(workspace.snapshot(plan.id), catalogue, keys)


def _run_diff(workspace: Workspace, args: argparse.Namespace) -> int:
    _, found = _plan_preview(workspace, args.plan, None)
    _print(found, args.json)
    return 0


def _run_reprice(workspace: Workspace, args: argparse.Namespace) -> int:
    keys = [k.strip() for k in args.keys.split(",") if k.strip()] if args.keys else None
    plan_id, found = _plan_preview(workspace, args.plan, keys)
    if args.dry_run or not found.repriceable:
        _print(found, args.json, applied=False)
        if not args.json:
            print("Nothing stored (dry run)." if args.dry_run else "Nothing to reprice.")
        return 0
    command = RepriceLines(plan_id, keys)
    workspace.apply(command)
    _print(found, args.json, applied=True)
    if not args.json:
        print(f"Repriced {len(command.repriced)} line(s) as one step.")
    return 0


def preview_document(found: RepricePreview) -> dict[str, Any]:
    """The diff as one JSON object (amounts: decimal strings in the plan's currency)."""
    digits = minor_digits(found.plan.currency)

    def money(amount: int | None) -> str | None:
        return None if amount is None else format_amount(amount, digits)

    return {
        "plan": found.plan.name,
        "currency": found.plan.currency,
        "lines": [
            {
                "line_id": c.line_id,
                "line": c.line,
                "key": c.key,
                "old_price": c.old_price,
                "old_currency": c.old_currency,
                "old_as_of": c.old_as_of.isoformat() if c.old_as_of else None,
                "new_price": c.new_price,
                "new_currency": c.new_currency,
                "new_as_of": c.new_as_of.isoformat(),
                "old_line_total": money(c.old_line_total),
                "new_line_total": money(c.new_line_total),
                "line_change": money(c.line_change),
                "plan_change": money(c.plan_change),
                "repriceable": c.repriceable,
                "note": c.note,
            }
            for c in found.changes
        ],
        "old_total": money(found.old_total),
        "new_total": money(found.new_total),
        "total_change": money(found.total_change),
    }


def _print(found: RepricePreview, as_json: bool, applied: bool | None = None) -> None:
    doc = preview_document(found)
    if as_json:
        if applied is not None:
            doc["applied"] = applied
        # one line: a 10,000-line diff prints in a tenth of the time (no pure-Python indent)
        print(json.dumps(doc, ensure_ascii=False))
        return
    cur = found.plan.currency
    if not found.changes:
        print(f"{found.plan.name}: every copied price matches the price book.")
        return
    print(f"{found.plan.name}: {len(found.changes)} line(s) priced differently now ({cur})")
    for line in doc["lines"]:
        was = f"{line['old_price']} {line['old_currency']} ({line['old_as_of'] or 'no date'})"
        now = f"{line['new_price']} {line['new_currency']} ({line['new_as_of']})"
        if line["repriceable"]:
            effect = (
                f"line {line['old_line_total']} -> {line['new_line_total']} "
                f"({line['line_change']}), plan {line['plan_change']}"
            )
        else:
            effect = f"not repriced: {line['note']}"
        print(f"  {line['line']} [{line['key']}]: {was} -> {now}; {effect}")
    print(f"Plan total {doc['old_total']} -> {doc['new_total']} ({doc['total_change']} {cur})")
