"""The real PDF tools a reader's machine has (poppler, qpdf), as the tests use them."""

from __future__ import annotations

import re
import subprocess
from decimal import Decimal
from pathlib import Path

AMOUNT = re.compile(r"(?<![\w,.\-])-?\d{1,3}(?:,\d{3})*(?:\.\d+)?(?![\w,.\-])")


def text_pages(pdf: Path) -> list[str]:
    """The text of each page, laid out as printed (``pdftotext -layout``)."""
    out = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def fonts(pdf: Path) -> list[dict[str, str]]:
    """``pdffonts``: one row per font with its name, type and whether it is embedded."""
    out = subprocess.run(
        ["pdffonts", str(pdf)], check=True, capture_output=True, text=True
    ).stdout.splitlines()
    rows = []
    for line in out[2:]:
        parts = line.split()
        # name type [type...] encoding emb sub uni object-id generation
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def qpdf_check(pdf: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)


def page_count(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    match = re.search(r"^Pages:\s+(\d+)", out.stdout, re.M)
    assert match
    return int(match.group(1))


def page_size(pdf: Path) -> tuple[float, float]:
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    match = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", out.stdout, re.M)
    assert match
    return float(match.group(1)), float(match.group(2))


def grouped(minor: int, digits: int) -> str:
    """The engine's minor units as a reader sees them (``1,234.50``), written
    independently of the pack's own formatter."""
    value = Decimal(minor).scaleb(-digits)
    return f"{value:,.{digits}f}"


def amounts(line: str) -> list[str]:
    return AMOUNT.findall(line)
