"""Damaging a workbook the way tools, transfers and tampering do: parts rewritten,
dropped or doubled, and zip headers patched (encryption flags, compression methods)."""

from __future__ import annotations

import re
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

Edit = Callable[[str, bytes], bytes | None]


def rewrite(source: Path, target: Path, edit: Edit, *, twice: str = "") -> Path:
    """``target``: ``source`` with every part passed through ``edit`` (None drops it);
    the part named ``twice`` is stored twice."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = edit(info.filename, zin.read(info))
            if data is None:
                continue
            zout.writestr(info.filename, data)
            if info.filename == twice:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # zipfile warns of the duplicate name
                    zout.writestr(info.filename, data)
    return target


def substitute(part: str, pattern: bytes, replacement: bytes) -> Edit:
    """An edit that replaces the first match of ``pattern`` in ``part`` (it must match)."""

    def edit(name: str, data: bytes) -> bytes | None:
        if name != part:
            return data
        changed = re.sub(pattern, replacement, data, count=1)
        assert changed != data, f"{pattern!r} not found in {part}"
        return changed

    return edit


def patch_headers(path: Path, part: str, *, flags: int = 0, method: int | None = None) -> Path:
    """Set general-purpose flag bits and/or the compression method of ``part`` in both
    its local header and its central directory entry (bytes patched in place)."""
    raw = bytearray(path.read_bytes())
    wanted = part.encode()
    for match in re.finditer(rb"PK\x03\x04|PK\x01\x02", bytes(raw)):
        at = match.start()
        local = raw[at : at + 4] == b"PK\x03\x04"
        name_len = int.from_bytes(
            raw[at + (26 if local else 28) : at + (28 if local else 30)], "little"
        )
        start = at + (30 if local else 46)
        if bytes(raw[start : start + name_len]) != wanted:
            continue
        flag_at, method_at = (at + 6, at + 8) if local else (at + 8, at + 10)
        raw[flag_at] |= flags
        if method is not None:
            raw[method_at : method_at + 2] = method.to_bytes(2, "little")
    path.write_bytes(bytes(raw))
    return path
