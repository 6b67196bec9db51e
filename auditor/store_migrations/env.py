"""Alembic's environment for the store's migrations.

:func:`auditor.store.open_store` runs them on its own connection, inside the transaction that
also reads and writes the revision (``config.attributes["connection"]``): an upgrade is whole or
not at all, on SQLite as on PostgreSQL (both change their schema in a transaction)."""

from __future__ import annotations

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("the store's migrations run through auditor.store.open_store, which upgrades a store "
                       "when it opens it")
context.configure(connection=connection)
with context.begin_transaction():
    context.run_migrations()
