"""Write the AppStream release notes from CHANGELOG.md (``make metainfo``).

Every released section of the changelog (``## 0.1.0 — 2026-11-26``, not
``## Unreleased``) becomes a ``<release>`` whose description lists its bullets.
``tests/test_packaging.py`` fails while the metainfo file and the changelog disagree.
"""

from __future__ import annotations

import re
import sys
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHANGELOG = ROOT / "CHANGELOG.md"
METAINFO = ROOT / "packaging" / "org.budgetwright.Budgetwright.metainfo.xml"
_HEADING = re.compile(r"^## (\d+(?:\.\d+)+) — (\d{4}-\d{2}-\d{2})\s*$")
_RELEASES = re.compile(r"  <releases>.*?</releases>\n", re.DOTALL)


def releases(changelog: str) -> list[tuple[str, str, list[str]]]:
    """``(version, date, [bullet text, ...])`` for each released section, newest first."""
    found: list[tuple[str, str, list[str]]] = []
    items: list[str] | None = None
    for line in changelog.splitlines():
        if line.startswith("## "):
            heading = _HEADING.match(line)
            items = None
            if heading:
                items = []
                found.append((heading.group(1), heading.group(2), items))
        elif items is not None and line.startswith("- "):
            items.append(line[2:].strip())
        elif items is not None and line.startswith("  ") and items:
            items[-1] += " " + line.strip()
    return found


def releases_xml(changelog: str) -> str:
    out = ["  <releases>"]
    for version, date, items in releases(changelog):
        out.append(f'    <release version="{version}" date="{date}">')
        out.append("      <description>")
        out.append("        <ul>")
        out.extend(f"          <li>{escape(item.replace('`', ''))}</li>" for item in items)
        out.append("        </ul>")
        out.append("      </description>")
        out.append("    </release>")
    out.append("  </releases>")
    return "\n".join(out) + "\n"


def updated(metainfo: str, changelog: str) -> str:
    return _RELEASES.sub(lambda _m: releases_xml(changelog), metainfo, count=1)


if __name__ == "__main__":
    text = updated(METAINFO.read_text(encoding="utf-8"), CHANGELOG.read_text(encoding="utf-8"))
    METAINFO.write_text(text, encoding="utf-8")
    sys.stdout.write(f"wrote {METAINFO}\n")
