"""The sample plan's pack, written once per test session from a real database."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from app.domain.plan import CatalogueEntry, PlanSnapshot
from app.engine.budget import Budget
from app.io.pdf import write_pack
from app.services.workspace import Workspace

GENERATED = date(2027, 1, 4)


@dataclass(frozen=True)
class Sample:
    snapshot: PlanSnapshot
    catalogue: list[CatalogueEntry]
    budget: Budget
    pdf: Path
    redacted: Path


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sample]:
    folder = tmp_path_factory.mktemp("sample-pack")
    workspace = Workspace.open(folder / "b.db")
    plan = workspace.plans()[0]
    assert plan.id is not None
    snapshot = workspace.snapshot(plan.id)
    catalogue = workspace.catalogue()
    pdf, redacted = folder / "pack.pdf", folder / "redacted.pdf"
    write_pack(snapshot, catalogue, pdf, generated=GENERATED)
    write_pack(snapshot, catalogue, redacted, generated=GENERATED, redact_salaries=True)
    yield Sample(snapshot, catalogue, workspace.budget(plan.id), pdf, redacted)
    workspace.close()
