"""Alembic runs migrations on the connection the app hands it (see app.store.migrate)."""

from alembic import context

from app.store.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
