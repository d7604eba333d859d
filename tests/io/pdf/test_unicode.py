"""Names in German, French, Chinese, Japanese and Russian print, and come back out of
the PDF as the same text (the fonts are embedded with their Unicode maps)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from app.domain.plan import CostModel, Line, Phase, Plan, PlanSnapshot
from app.io.pdf import write_pack
from app.services.plan_commands import ImportPlan
from app.services.workspace import Workspace
from tests.io.pdf.pdftools import fonts, grouped, qpdf_check, text_pages

NAMES = [
    "Müller & Söhne Straßenbau GmbH",
    "Équipe données — François Lefèvre",
    "数据标注团队（北京）",
    "日本語データ品質チェック",
    "Инженер данных, Москва",
]
PLAN_NAME = "Übersicht 预算 計画 План"


def _plan() -> PlanSnapshot:
    plan = Plan(
        None,
        PLAN_NAME,
        "EUR",
        date(2027, 1, 1),
        date(2027, 12, 31),
        description="Plan für 数据 und データ, Проект «Север»",
        contingency_pct=Decimal("7.5"),
    )
    phase = Phase(None, 0, "research", "Forschung 研究", date(2027, 1, 1), date(2027, 3, 31))
    lines = tuple(
        Line(
            None,
            0,
            "data",
            "training_data",
            "volume_requirements",
            name,
            CostModel.ONE_TIME,
            {"quantity": "3", "unit_cost": f"{1000 + i}.25"},
            date(2027, 2, 1),
            date(2027, 2, 1),
            vendor="Fournisseur 供应商",
        )
        for i, name in enumerate(NAMES)
    )
    return PlanSnapshot(plan, (phase,), lines)


def test_names_in_five_scripts_print_and_extract(tmp_path: Path) -> None:
    workspace = Workspace.open(tmp_path / "b.db")
    command = ImportPlan(_plan(), workspace.taxonomy())
    workspace.apply(command)
    assert command.plan_id is not None
    snapshot = workspace.snapshot(command.plan_id)
    out = tmp_path / "intl.pdf"
    write_pack(snapshot, workspace.catalogue(), out, taxonomy=workspace.taxonomy())
    assert qpdf_check(out).returncode == 0
    found = fonts(out)
    assert all(f["emb"] == "yes" for f in found)
    assert any("DroidSansFallback" in f["name"] for f in found), "CJK set in the fallback font"
    pages = text_pages(out)
    text = "\n".join(pages)
    for name in [*NAMES, PLAN_NAME, "Forschung 研究", "Fournisseur 供应商", "Проект «Север»"]:
        assert name in text, name
    # the header names the plan on every page, CJK included
    assert all(PLAN_NAME in page.splitlines()[0] for page in pages)
    budget = workspace.budget(command.plan_id)
    for line in snapshot.lines:
        row = next(
            r for r in text.splitlines() if r.strip().startswith(line.name[:12]) and "×" in r
        )
        assert row.split()[-1] == grouped(budget.line_total(line.id or 0), 2)
    workspace.close()


def test_a_latin_only_pack_does_not_carry_the_cjk_font(tmp_path: Path) -> None:
    """The 3 MB fallback font is embedded (as a subset) only when a name needs it."""
    snapshot = _plan()
    plan = snapshot.plan
    latin = PlanSnapshot(
        Plan(None, "Plain plan", plan.currency, plan.start, plan.end),
        (),
        tuple(Line(**{**ln.__dict__, "name": "Müller", "vendor": ""}) for ln in snapshot.lines),
    )
    out = tmp_path / "latin.pdf"
    write_pack(latin, [], out)
    assert not any("Droid" in f["name"] for f in fonts(out))
