"""Writing a file whole or not at all: a temporary file beside it, then a rename.

The file gets the permissions a planner's other files get (the umask; an existing
file keeps its own), not the private mode of a temporary file, so an export can be
shared. A full disk or a read-only folder is said in those words, and no partial
file is left behind.
"""

from __future__ import annotations

import errno
import gc
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.domain.errors import BadInput

FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


def current_umask() -> int:
    """The process's umask (read from /proc where it can be, without changing it)."""
    try:
        for text in Path("/proc/self/status").read_text().splitlines():
            if text.startswith("Umask:"):
                return int(text.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def shared_mode(path: Path) -> int:
    """The mode a file written at ``path`` should have: its own if it exists, else 0666 & ~umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~current_umask()


def _why(exc: OSError) -> str:
    if exc.errno in FULL:
        return "cannot write there: disk full; nothing was written"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "cannot write there (read-only); nothing was written"
    return f"cannot write there ({exc.strerror})"


def _os_error(exc: BaseException) -> OSError | None:
    """The OSError behind ``exc`` (a writer library may wrap it in its own error)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, OSError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def collect_quietly() -> None:
    """Let a writer's half-closed objects go now, without "Exception ignored" on stderr
    (a zip file closing on a full disk fails again as it is collected)."""
    hook = sys.unraisablehook
    sys.unraisablehook = lambda _unraisable: None
    try:
        gc.collect()
    finally:
        sys.unraisablehook = hook


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to; renamed over ``path`` on success.

    On any failure no partial file is left behind and ``path`` keeps its old content.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path()
    if not folder.is_dir():
        raise BadInput(f"{path}: the folder {folder} does not exist")
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise BadInput(f"{path}: {_why(exc)}") from None
    os.close(handle)
    temp = Path(name)
    failure = ""
    try:
        yield temp
        with temp.open("rb+") as written:
            os.fsync(written.fileno())
        temp.chmod(shared_mode(path))
        temp.replace(path)
    except Exception as exc:
        cause = _os_error(exc)
        if cause is None:
            raise
        failure = _why(cause)
    finally:
        temp.unlink(missing_ok=True)
    if failure:  # raised here, once the failed writer's frames are gone
        collect_quietly()
        raise BadInput(f"{path}: {failure}")


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``; on any failure no partial file is left behind."""
    with replacing(path) as temp:
        temp.write_bytes(data)
