"""What a re-import preview calls a move: only lines whose order among the kept lines changed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from app.services.reimport import describe_reimport
from app.services.workspace import Workspace


def test_removing_a_row_moves_no_other_line_and_a_swap_moves_two(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "r.db")
    current = ws.snapshot(1)
    lines = list(current.lines)

    without_third = replace(current, lines=tuple(lines[:2] + lines[3:]))
    preview = describe_reimport(current, without_third)
    assert [line.id for line in preview.removed] == [lines[2].id]
    assert preview.changed == ()

    swapped = lines[:]
    swapped[4], swapped[5] = swapped[5], swapped[4]
    preview = describe_reimport(current, replace(current, lines=tuple(swapped)))
    assert sorted(c.before.id for c in preview.changed) == sorted([lines[4].id, lines[5].id])
    assert all(c.fields == ("order",) for c in preview.changed)
