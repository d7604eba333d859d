"""The detail form says why a staff line's year shows a few cents more than contracted."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.ui.helpers import line_named, show
from ui.main_window import MainWindow


def test_the_detail_form_explains_the_cents_of_rounded_months(
    qtbot: QtBot, window: MainWindow
) -> None:
    editor = show(window, "human")
    engineers = line_named(editor, "ML engineers")  # 2 FTE × 246,250 + 30 % overhead
    assert engineers.id is not None
    editor.select_lines([engineers.id])
    form = editor.detail
    assert "USD 640,250.04" in form.month_total.text()
    assert form.cents_note.isVisible()
    assert form.cents_note.text() == (
        "Contracted 640,250.00 a year. Each month is rounded to the cent once (53,354.17), "
        "so 12 months add to 640,250.04."
    )
    # a line whose months add up to its price says nothing more
    computing = show(window, "computing")
    cluster = next(ln for ln in computing.model.lines() if ln.name.startswith("Fine-tuning"))
    assert cluster.id is not None
    computing.select_lines([cluster.id])
    assert not computing.detail.cents_note.isVisible()
    assert computing.detail.cents_note.text() == ""
