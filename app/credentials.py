"""A server password from the system keyring, never from a file of ours.

Budgetwright writes no password anywhere. A password comes from the PostgreSQL
client's own ``~/.pgpass`` (read by libpq itself), from the system keyring where the
planner chose to keep it (File → Open Server…), or from the URL of one command.
The ``keyring`` package is optional: without it (or without a keyring service) these
functions find nothing and remember nothing.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from app.paths import ServerUrl

SERVICE = "Budgetwright"


def account(url: ServerUrl) -> str:
    """The keyring entry's name for a server database: ``user@host:port/database``."""
    parts = urlsplit(url.url)
    return f"{parts.username or ''}@{parts.hostname or ''}:{parts.port or 5432}/{url.name}"


def stored_password(url: ServerUrl) -> str | None:
    """The password kept in the system keyring for this database, or None."""
    try:
        import keyring

        found = keyring.get_password(SERVICE, account(url))
    except Exception:  # noqa: BLE001 - no keyring package, service or entry: none found
        return None
    return found if isinstance(found, str) else None


def remember_password(url: ServerUrl, password: str) -> bool:
    """Keep the password in the system keyring; False if there is no keyring to keep it."""
    try:
        import keyring

        keyring.set_password(SERVICE, account(url), password)
    except Exception:  # noqa: BLE001 - no keyring: the planner is told to use ~/.pgpass
        return False
    return True


def keyring_available() -> bool:
    """True if a real keyring service can keep passwords here."""
    try:
        import keyring
        from keyring.backends import fail

        return not isinstance(keyring.get_keyring(), fail.Keyring)
    except Exception:  # noqa: BLE001 - not installed or broken: none
        return False
