"""File → Export PDF…: the planner chooses paper, sections and redaction, then where; the
pack written is what was chosen (checked in the file with poppler), and the choices
are there again next time."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QPoint, QSettings, Qt
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from app.domain.plan import CostModel
from app.io.pdf import SECTIONS
from tests.io.pdf.pdftools import amounts, grouped, page_size, text_pages
from ui import prompts
from ui.main_window import MainWindow
from ui.pack_dialog import PackDialog, PackOptions, default_paper, remember, remembered

LETTER_POINTS = (612, 792)
HEADINGS = {
    "summary": "Executive summary",
    "charts": "Monthly cost by category",
    "timeline": "Timeline",
    "categories": "Cost by category",
    "assumptions": "Catalogue prices used",
    "signoff": "Sign-off",
}


def _answer(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, fill: Callable[[PackDialog], None]
) -> list[str]:
    """Stand in for the planner at the (modal) dialog: ``fill`` clicks, then OK or Cancel.
    Returns the titles of the dialogs answered."""
    shown: list[str] = []

    def exec_(dialog: PackDialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        shown.append(dialog.windowTitle())
        fill(dialog)
        return int(dialog.result())

    monkeypatch.setattr(PackDialog, "exec", exec_)
    return shown


def _click(qtbot: QtBot, widget: QAbstractButton) -> None:
    """Click the button, on its box or text (a check box's row is wider than either)."""
    where = QPoint(min(10, widget.width() // 2), widget.height() // 2)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=where)


def _export(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, target: Path
) -> None:
    monkeypatch.setattr(prompts, "ask_save_path", lambda *_a, **_k: target)
    monkeypatch.setattr(prompts, "show_error", lambda *_a: pytest.fail(f"error shown: {_a}"))
    with qtbot.waitSignal(window.ctx.background.job_ended, timeout=60_000):
        window.actions["file.export_pdf"].trigger()


def test_the_paper_follows_the_locale() -> None:
    english, french = QLocale.Language.English, QLocale.Language.French
    assert default_paper(QLocale(english, QLocale.Country.UnitedStates)) == "letter"
    assert default_paper(QLocale(english, QLocale.Country.Canada)) == "letter"
    assert default_paper(QLocale(french, QLocale.Country.Canada)) == "letter"
    assert default_paper(QLocale(english, QLocale.Country.UnitedKingdom)) == "a4"
    assert default_paper(QLocale(QLocale.Language.German, QLocale.Country.Germany)) == "a4"
    assert default_paper(QLocale(QLocale.Language.Japanese, QLocale.Country.Japan)) == "a4"


def test_the_dialog_offers_every_section_in_the_pack_s_words(qtbot: QtBot, tmp_path: Path) -> None:
    store = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    dialog = PackDialog(remembered(store, QLocale(QLocale.Language.English)), "Export", "Export…")
    qtbot.addWidget(dialog)
    labels = {key: check.text().replace("&", "") for key, check in dialog.sections.items()}
    assert list(labels) == list(SECTIONS)
    assert labels["summary"] == "Executive summary"
    assert labels["categories"] == "Cost by category"
    assert all(check.isChecked() for check in dialog.sections.values())
    assert dialog.redact.text().replace("&", "") == (
        "Redact salaries (show pay only as one pooled People costs figure)"
    )
    assert not dialog.redact.isChecked()
    assert dialog.ok.text() == "Export…"


def test_a_pack_needs_at_least_one_section(qtbot: QtBot, tmp_path: Path) -> None:
    store = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    dialog = PackDialog(remembered(store), "Export", "Export…")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for check in dialog.sections.values():
        _click(qtbot, check)
    assert not dialog.ok.isEnabled()
    assert dialog.message.isVisible() and "at least one section" in dialog.message.text()
    _click(qtbot, dialog.sections["signoff"])
    assert dialog.ok.isEnabled() and not dialog.message.isVisible()
    assert dialog.options().sections == ("signoff",)


def test_the_chosen_sections_paper_and_redaction_reach_the_written_pack(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = {"cover", "summary", "categories"}

    def fill(dialog: PackDialog) -> None:
        dialog.paper.setCurrentIndex(dialog.paper.findData("letter"))
        for key, check in dialog.sections.items():
            if check.isChecked() != (key in chosen):
                _click(qtbot, check)
        _click(qtbot, dialog.redact)
        _click(qtbot, dialog.ok)

    shown = _answer(qtbot, monkeypatch, fill)
    target = tmp_path / "board pack.pdf"
    _export(qtbot, window, monkeypatch, target)
    assert shown == ["Export PDF Budget Pack"]
    assert window.files.last_written == target

    pages = text_pages(target)
    text = "\n".join(pages)
    assert page_size(target) == pytest.approx(LETTER_POINTS, abs=1)
    assert "people costs withheld" in pages[0]
    for key, heading in HEADINGS.items():
        assert (heading in text) == (key in chosen), heading
    # No staff line's salary figure is anywhere in the pack, nor what it was built from.
    ctx = window.ctx
    assert ctx.budget is not None and ctx.totals is not None
    shown_amounts = set(amounts(text))
    allowed = {*ctx.totals.by_category.values(), *ctx.totals.by_section.values()}
    people = [
        line
        for line in ctx.plan_lines()
        if line.category == "human" or line.cost_model is CostModel.STAFF
    ]
    assert len(people) == 8
    for line in people:
        assert line.id is not None
        secret = {ctx.budget.line_total(line.id), *ctx.budget.cells[line.id].amounts} - allowed
        assert not {grouped(a, 2) for a in secret} & shown_amounts, line.name
        if "annual_cost" in line.drivers:
            assert line.drivers["annual_cost"] not in text, line.name
    # The status bar says where the pack went.
    bar = window.statusBar()
    qtbot.waitUntil(lambda: bar.currentMessage() == f"Budget pack written to {target}")


def test_an_unredacted_pack_shows_the_salaries_the_redacted_one_hides(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The redaction check above would pass on an empty pack; this one shows it can fail."""
    _answer(qtbot, monkeypatch, lambda dialog: _click(qtbot, dialog.ok))
    target = tmp_path / "full.pdf"
    _export(qtbot, window, monkeypatch, target)
    text = "\n".join(text_pages(target))
    ctx = window.ctx
    assert ctx.budget is not None
    engineers = next(line for line in ctx.plan_lines() if line.name == "ML engineers")
    assert engineers.id is not None
    assert grouped(ctx.budget.line_total(engineers.id), 2) in text
    assert "people costs withheld" not in text
    for heading in HEADINGS.values():
        assert heading in text


def test_cancelling_the_dialog_asks_for_no_file_and_writes_nothing(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    _answer(qtbot, monkeypatch, lambda dialog: dialog.reject())
    # The file dialog is not patched: asking for a file would fail the test.
    assert window.files.export_pdf() is False
    assert not window.ctx.background.busy
    assert window.files.last_written is None


def test_the_last_choices_are_offered_next_time(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fill(dialog: PackDialog) -> None:
        dialog.paper.setCurrentIndex(dialog.paper.findData("letter"))
        _click(qtbot, dialog.sections["timeline"])
        _click(qtbot, dialog.redact)
        _click(qtbot, dialog.ok)

    _answer(qtbot, monkeypatch, fill)
    _export(qtbot, window, monkeypatch, tmp_path / "first.pdf")

    seen: list[PackOptions] = []
    _answer(qtbot, monkeypatch, lambda dialog: (seen.append(dialog.options()), dialog.reject()))
    window.files.export_pdf()
    expected = PackOptions("letter", tuple(s for s in SECTIONS if s != "timeline"), True)
    assert seen == [expected]
    # ...and after a restart: a copy of the settings file, read by a fresh QSettings.
    settings = window.ctx.settings.store
    settings.sync()
    copy = tmp_path / "restarted.ini"
    shutil.copy(settings.fileName(), copy)
    assert remembered(QSettings(str(copy), QSettings.Format.IniFormat)) == expected


@pytest.mark.parametrize(
    ("ini", "expected"),
    [
        # One section left out: QSettings writes the one-item list as a bare string.
        (
            "[pdf_pack]\npaper=letter\nleft_out=timeline\nredact_salaries=true\n",
            PackOptions("letter", tuple(s for s in SECTIONS if s != "timeline"), True),
        ),
        # "false" is a non-empty string: read as a bool it must still be False.
        (
            "[pdf_pack]\npaper=a4\nleft_out=cover, charts\nredact_salaries=false\n",
            PackOptions("a4", tuple(s for s in SECTIONS if s not in ("cover", "charts"))),
        ),
        # Nothing left out, an unknown paper, every section unknown: the defaults.
        ("[pdf_pack]\npaper=tabloid\nleft_out=@Invalid()\n", PackOptions("a4", SECTIONS)),
        ("[pdf_pack]\nleft_out=" + ", ".join(SECTIONS) + "\n", PackOptions("a4", SECTIONS)),
    ],
)
def test_choices_read_back_from_a_settings_file_as_written(
    tmp_path: Path, ini: str, expected: PackOptions
) -> None:
    path = tmp_path / "settings.ini"
    path.write_text(ini, encoding="utf-8")
    store = QSettings(str(path), QSettings.Format.IniFormat)
    assert remembered(store, QLocale(QLocale.Language.German, QLocale.Country.Germany)) == expected


def test_choices_survive_a_round_trip_through_a_fresh_settings_file(tmp_path: Path) -> None:
    for n, options in enumerate(
        (
            PackOptions("letter", ("signoff",), True),
            PackOptions("a4", SECTIONS, False),
            PackOptions("a4", ("cover", "categories"), True),
        )
    ):
        first = tmp_path / f"first-{n}.ini"
        remember(QSettings(str(first), QSettings.Format.IniFormat), options)
        fresh = tmp_path / f"fresh-{n}.ini"  # never opened in this process: read from disk
        shutil.copy(first, fresh)
        assert remembered(QSettings(str(fresh), QSettings.Format.IniFormat)) == options


def test_only_accepted_choices_are_remembered(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    _answer(qtbot, monkeypatch, lambda dialog: (_click(qtbot, dialog.redact), dialog.reject()))
    assert PackDialog.ask(None, store, "Print Budget Pack", "Preview…") is None
    assert remembered(store).redact_salaries is False
    _answer(qtbot, monkeypatch, lambda dialog: (_click(qtbot, dialog.redact), dialog.accept()))
    options = PackDialog.ask(None, store, "Print Budget Pack", "Preview…")
    assert options is not None and options.redact_salaries is True
    assert remembered(store).redact_salaries is True


def test_every_section_has_its_own_label_hint_and_key(qtbot: QtBot, tmp_path: Path) -> None:
    store = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    dialog = PackDialog(remembered(store), "Export", "Export…")
    qtbot.addWidget(dialog)
    checks = dialog.sections
    assert checks["risk"].text().replace("&", "") == "Risk"  # as the pack heads the page
    assert checks["compute"].text().replace("&", "") == "Compute and energy"
    assert "P10 to P95" in checks["risk"].toolTip()
    assert all(check.toolTip() for check in checks.values()), "every section says what it holds"
    texts = [check.text() for check in checks.values()]
    texts += [dialog.redact.text(), "&Paper"]
    keys = [t[t.index("&") + 1].lower() for t in texts]
    assert all("&" in t for t in texts) and len(set(keys)) == len(keys), keys
