"""Opening a PostgreSQL database (team mode): check its schema, migrate it, watch it.

The same Alembic migrations as a SQLite file; the same refusals (not ours, from a
newer app). No file checks and no backups here: the server's own (``pg_dump``) serve.
A connection that went away (the server restarted) is noticed before use and
replaced (``pool_pre_ping``); while the server is down every call raises
:class:`DatabaseUnavailable` and nothing is half-written.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, create_engine, inspect, text
from sqlalchemy.exc import OperationalError

from app.domain.errors import DatabaseRefused
from app.paths import ServerUrl
from app.store.database import Database
from app.store.failures import translated
from app.store.inspection import known_revisions, revision_of

WRITE_TABLES = ("plan", "phase", "line", "catalogue_entry")


def stored_revision(conn: Connection, url: ServerUrl) -> str | None:
    """The database's schema revision (None for an empty database), or refuse it."""
    tables = set(inspect(conn).get_table_names())
    if not tables:
        return None
    if "alembic_version" not in tables:
        raise DatabaseRefused(f"{url}: a PostgreSQL database, but not a Budgetwright one")
    found = [r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))]
    return revision_of(url, found, tables - {"alembic_version"})


def may_write(conn: Connection) -> bool:
    """True when this role may change plans (a viewer's role may only read)."""
    query = text("SELECT has_table_privilege(:t, 'INSERT, UPDATE, DELETE')")
    return all(conn.execute(query, {"t": t}).scalar_one() for t in WRITE_TABLES)


def owns_tables(conn: Connection) -> bool:
    """True when this role owns the tables (or is a member of their owner): only the
    owner may create or upgrade them."""
    query = text(
        "SELECT bool_and(pg_has_role(current_user, tableowner, 'USAGE')) FROM pg_tables "
        "WHERE schemaname = current_schema()"
    )
    return bool(conn.execute(query).scalar_one())


def _engine(url: ServerUrl) -> tuple[Engine, dict[str, str]]:
    """An engine whose first connection works: when the server asks for a password the
    URL and ``~/.pgpass`` did not give, the system keyring's (if one is kept) is used."""
    engine = create_engine(url.driver_url, pool_pre_ping=True, pool_size=2, max_overflow=4)
    try:
        engine.connect().close()
        return engine, {}
    except OperationalError as exc:
        if "password" not in str(exc.orig):
            raise
        from app.credentials import stored_password

        password = stored_password(url)
        if password is None:
            raise
        engine.dispose()
        engine = create_engine(
            url.driver_url,
            pool_pre_ping=True,
            pool_size=2,
            max_overflow=4,
            connect_args={"password": password},
        )
    return engine, {"password": password}


def open_server(url: ServerUrl) -> Database:
    """Open (migrating as needed) the PostgreSQL database at ``url``."""
    with translated(url):
        engine, connect_args = _engine(url)
    head = known_revisions()[-1]
    try:
        with translated(url):
            with engine.connect() as conn:
                revision = stored_revision(conn, url)
                writer = revision is None or may_write(conn)
                owner = revision is None or owns_tables(conn)
            if revision != head:
                if not owner:
                    raise DatabaseRefused(
                        f"{url}: its schema needs upgrading to {head}, which only the role "
                        "that owns its tables may do; ask them to open it once "
                        "(nothing was changed)"
                    )
                from app.store.migrate import upgrade

                upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return Database(url, engine, revision is None, read_only=not writer, connect_args=connect_args)
