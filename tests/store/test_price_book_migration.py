"""Migration 0006: an existing database's catalogue becomes the first price book version,
entry for entry, and its lines keep their copied prices (their currency unknown: NULL)."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from app.services.price_book import price_books
from app.services.workspace import Workspace
from app.store.migrate import upgrade


def test_an_existing_catalogue_becomes_the_first_version(tmp_path: Path) -> None:
    path = tmp_path / "before.db"
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)
    upgrade(engine, "0004")
    engine.dispose()
    specs = {"tdp_w": "700", "uncertain_reason": "a survey figure"}
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO catalogue_entry (id, key, kind, name, unit, price, currency, source,"
            " as_of, uncertain, category, section, item, cost_model, driver, specs)"
            " VALUES (1, 'gpu', 'accelerator_rental', 'A GPU', 'GPU-hour', '2.99', 'USD',"
            " 'Lambda: price list, https://lambda.ai', '2026-03-01', 1, 'computing', 'cloud',"
            " 'aws_gcp_azure_options', 'usage', 'unit_cost', ?)",
            (json.dumps(specs),),
        )
        conn.execute(
            "INSERT INTO catalogue_entry (id, key, kind, name, unit, price, currency, source,"
            " as_of, uncertain, category, section, item, cost_model, driver, specs)"
            " VALUES (2, 'disk', 'storage', 'A disk', 'GB-month', '0.08', 'EUR',"
            " 'OVH: price list, https://ovh.com', '2026-05-01', 0, '', '', '', '', 'unit_cost', '{}')"
        )

    workspace = Workspace.open(path, seed=False)
    try:
        [book] = workspace.read(price_books)
        assert book.as_of == date(2026, 5, 1)
        assert [(e.key, e.price, e.currency, e.as_of) for e in book.entries] == [
            ("gpu", "2.99", "USD", date(2026, 3, 1)),
            ("disk", "0.08", "EUR", date(2026, 5, 1)),
        ]
        assert book.entries[0].uncertain and book.entries[0].specs == specs
        current = {e.key: e for e in workspace.catalogue()}
        assert [(e.key, e.price, e.specs) for e in book.entries] == [
            (k, current[k].price, current[k].specs) for k in ("gpu", "disk")
        ]
    finally:
        workspace.close()
    with sqlite3.connect(path) as conn:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(line)")]
    assert "catalogue_currency" in columns
