"""What the window remembers between runs: geometry, splitters, the last and recent plans.

Values are always read back with an explicit type: the INI backend returns strings
(and a one-item list as a bare string) in a fresh process.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from app.domain.price_book import STALE_MONTHS

RECENT_MAX = 10


class WindowSettings:
    """Typed access to the window's QSettings."""

    def __init__(self, store: QSettings) -> None:
        self.store = store

    def _bytes(self, key: str) -> QByteArray | None:
        value = self.store.value(key, QByteArray(), type=QByteArray)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    # ---- Window layout

    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    def splitter(self, name: str) -> QByteArray | None:
        return self._bytes(f"splitters/{name}")

    def save_layout(
        self, geometry: QByteArray, state: QByteArray, splitters: dict[str, QByteArray]
    ) -> None:
        self.store.setValue("window/geometry", geometry)
        self.store.setValue("window/state", state)
        for name, value in splitters.items():
            self.store.setValue(f"splitters/{name}", value)
        self.store.sync()

    # ---- Plans

    def last_plan(self) -> int | None:
        value = int(self.store.value("plans/last", 0, type=int) or 0)
        return value or None

    def last_plan_name(self) -> str:
        return str(self.store.value("plans/last_name", "", type=str) or "")

    def recent_plans(self) -> list[int]:
        raw = self.store.value("plans/recent", [], type=list) or []
        found: list[int] = []
        for item in raw:
            try:
                plan_id = int(item)
            except (TypeError, ValueError):
                continue
            if plan_id not in found:
                found.append(plan_id)
        return found[:RECENT_MAX]

    def remember_plan(self, plan_id: int, name: str) -> None:
        """The plan just opened becomes the last one and heads the recent list."""
        recent = [plan_id, *[p for p in self.recent_plans() if p != plan_id]][:RECENT_MAX]
        self.store.setValue("plans/last", plan_id)
        self.store.setValue("plans/last_name", name)
        self.store.setValue("plans/recent", [str(p) for p in recent])
        self.store.sync()

    def forget_plan(self, plan_id: int) -> None:
        recent = [p for p in self.recent_plans() if p != plan_id]
        self.store.setValue("plans/recent", [str(p) for p in recent])
        if self.last_plan() == plan_id:
            self.store.setValue("plans/last", 0)
        self.store.sync()

    # ---- Preferences

    def stale_months(self) -> int:
        """The age in months from which a copied price is marked stale (default 6)."""
        value = int(self.store.value("prices/stale_months", STALE_MONTHS, type=int) or 0)
        return value if value > 0 else STALE_MONTHS

    def set_stale_months(self, months: int) -> None:
        self.store.setValue("prices/stale_months", int(months))
        self.store.sync()
