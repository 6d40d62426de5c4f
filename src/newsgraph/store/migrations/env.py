"""Alembic environment: newsgraph passes its own connection (see newsgraph.store.db.migrate)."""

from alembic import context
from sqlalchemy import create_engine

from newsgraph.store.schema import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # plain `alembic` command line use
        engine = create_engine(config.get_main_option("sqlalchemy.url"))
        with engine.begin() as connection:
            _run(connection)
    else:
        _run(connection)


def _include(obj, name, type_, reflected, compare_to) -> bool:
    """Full-text tables are created by raw SQL in 0001; autogenerate must leave them alone."""
    return not (type_ == "table" and name and name.startswith("documents_fts"))


def _run(connection) -> None:
    context.configure(
        connection=connection, target_metadata=target_metadata, render_as_batch=True, include_object=_include
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
