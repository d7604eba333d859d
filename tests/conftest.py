"""Shared test settings: every test gets its own database folder; no test touches the
planner's real data directory."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, settings

if TYPE_CHECKING:
    from app.services.workspace import Workspace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

settings.register_profile(
    "budgetwright",
    deadline=None,
    max_examples=40,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("budgetwright")


@pytest.fixture(autouse=True)
def _private_data_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.delenv("BUDGETWRIGHT_DB", raising=False)
    yield


# ---- PostgreSQL (team mode): one throwaway cluster for the run, a new database per test


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[object]:
    """A private PostgreSQL server on a unix socket, removed after the run; the test is
    skipped (with the reason) where PostgreSQL is not installed."""
    from tests import pg_cluster as clusters

    cluster = clusters.start()
    if cluster is None:
        pytest.skip(clusters.SKIP_REASON)
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pg_url(pg_cluster: object) -> str:
    """The URL of a new, empty PostgreSQL database."""
    from tests.pg_cluster import Cluster

    assert isinstance(pg_cluster, Cluster)
    return pg_cluster.new_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def where(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a test's database lives, once per engine: a file path or a server URL (text,
    as a planner gives it to --db)."""
    if request.param == "sqlite":
        return str(tmp_path / "b.db")
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def workspace_at() -> Iterator[Callable[[str], Workspace]]:
    """Opens workspaces (on either engine) and closes them all after the test."""
    from app.paths import db_target
    from app.services.workspace import Workspace

    opened: list[Workspace] = []

    def open_at(where: str) -> Workspace:
        opened.append(Workspace.open(db_target(where)))
        return opened[-1]

    yield open_at
    for ws in opened:
        ws.close()
