"""Column mappings remembered between imports, keyed by the sheet's headers.

A planner who exports the same spreadsheet every month should correct the mapping once:
the corrected columns are stored under a signature of the header row (the headers,
normalised, in order) and offered again for any sheet with the same headers.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from PySide6.QtCore import QSettings

from app.io.xlsx import ColumnMapping
from app.io.xlsx.mapping import normalise_header

_GROUP = "import_mappings"


def header_signature(headers: Sequence[str]) -> str:
    """The same for two sheets whose header rows read the same (case and units aside)."""
    joined = "\x1f".join(normalise_header(h) for h in headers)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:20]


def remember_mapping(store: QSettings, headers: Sequence[str], mapping: ColumnMapping) -> None:
    data = {
        "columns": dict(mapping.columns),
        "defaults": dict(mapping.defaults),
        "values": {f: dict(t) for f, t in mapping.values.items()},
    }
    store.setValue(f"{_GROUP}/{header_signature(headers)}", json.dumps(data, sort_keys=True))
    store.sync()


def recalled_mapping(
    store: QSettings, headers: Sequence[str], sheet: str, header_row: int
) -> ColumnMapping | None:
    """The mapping last used for these headers, or None (also when the stored text is bad)."""
    raw = store.value(f"{_GROUP}/{header_signature(headers)}", "", type=str)
    try:
        data = json.loads(str(raw)) if raw else None
    except json.JSONDecodeError:
        return None
    if not isinstance(data, dict):
        return None
    present = {h for h in headers if h}
    columns = data.get("columns", {})
    defaults = data.get("defaults", {})
    values = data.get("values", {})
    if not all(isinstance(t, dict) for t in (columns, defaults, values)):
        return None
    return ColumnMapping(
        columns={str(f): str(h) for f, h in columns.items() if str(h) in present},
        sheet=sheet,
        header_row=header_row,
        defaults={str(f): str(v) for f, v in defaults.items()},
        values={
            str(f): {str(k): str(v) for k, v in t.items()}
            for f, t in values.items()
            if isinstance(t, dict)
        },
    )
