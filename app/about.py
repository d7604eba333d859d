"""Which Budgetwright this is, and which libraries (with their licences) it runs on.

Both come from the installed package metadata, the one place the version is written
(``pyproject.toml`` puts it there; the bundle copies it in). The libraries are those
``budgetwright`` requires at run time and what they require in turn, without the
``dev`` extra: in the bundle that is exactly what was bundled.
"""

from __future__ import annotations

import platform
import re
from dataclasses import dataclass
from importlib import metadata

DISTRIBUTION = "budgetwright"
UNKNOWN = "unknown"
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_SHORT = 60


@dataclass(frozen=True)
class Library:
    """A library the application runs on."""

    name: str
    version: str
    licence: str


def version() -> str:
    """Budgetwright's version, e.g. ``0.1.0`` (``unknown`` when it is not installed)."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return UNKNOWN


def _field(meta: metadata.PackageMetadata, name: str) -> str:
    values = meta.get_all(name) or []
    return str(values[0]).strip() if values else ""


def licence_of(meta: metadata.PackageMetadata) -> str:
    """A short licence name: the SPDX expression, else the License field, else classifiers."""
    expression = _field(meta, "License-Expression")
    if expression:
        return expression
    text = _field(meta, "License")
    if text and "\n" not in text and len(text) <= _SHORT:
        return text
    classifiers = [
        str(c).rsplit(" :: ", 1)[-1]
        for c in meta.get_all("Classifier") or []
        if str(c).startswith("License ::")
    ]
    if classifiers:
        return ", ".join(classifiers)
    if text:
        return text.splitlines()[0][:_SHORT]
    return "see the library's licence file"


def _required(name: str) -> list[str]:
    """The names ``name`` requires at run time (extras left out)."""
    try:
        requirements = metadata.requires(name) or []
    except metadata.PackageNotFoundError:
        return []
    names = []
    for requirement in requirements:
        _spec, _sep, marker = requirement.partition(";")
        found = _NAME.match(requirement)
        if found and "extra" not in marker:
            names.append(found.group(1))
    return names


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def libraries() -> list[Library]:
    """Every installed library Budgetwright depends on, directly or not, sorted by name.

    A requirement whose marker does not apply here (``colorama`` on Windows only) is
    listed only when it is installed, since it is then shipped too.
    """
    seen: dict[str, Library] = {}
    waiting = _required(DISTRIBUTION)
    while waiting:
        name = waiting.pop()
        if _key(name) in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        meta = dist.metadata
        seen[_key(name)] = Library(str(meta["Name"]), dist.version, licence_of(meta))
        waiting.extend(_required(name))
    python = Library("Python", platform.python_version(), "PSF-2.0")
    return [python, *sorted(seen.values(), key=lambda lib: lib.name.lower())]
