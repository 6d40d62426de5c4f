"""Copy a whole store to another database: a laptop's SQLite store moved onto a PostgreSQL server (or
back). The target gets its schema from the same migrations, then every table is copied in dependency
order, rows in the order they were written, keys unchanged, so KB ids and links stay valid."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine, Table, func, select, text

from newsgraph.store.db import make_engine
from newsgraph.store.schema import Base, DocumentRow

CHUNK = 5000
SKIPPED = {"store_meta"}  # the target's own version counter


class TargetNotEmpty(ValueError):
    """The target store already holds documents: copying into it would mix two stores."""


def copy_store(source_url: str, target_url: str, progress: Callable[[str, int], None] | None = None) -> dict[str, int]:
    """Rows copied per table. The target must be empty (its schema is created if missing)."""
    source = make_engine(source_url)
    target = make_engine(target_url)
    with target.connect() as connection:
        if connection.scalar(select(func.count()).select_from(DocumentRow.__table__)):
            raise TargetNotEmpty(f"{target.url.render_as_string()} already holds documents")
    copied = {}
    with source.connect() as reading, target.begin() as writing:
        for table in Base.metadata.sorted_tables:
            if table.name in SKIPPED:
                continue
            copied[table.name] = _copy_table(table, reading, writing, source)
            if progress is not None:
                progress(table.name, copied[table.name])
        if target.dialect.name == "postgresql":
            _advance_sequences(writing)
    source.dispose()
    target.dispose()
    return copied


def _copy_table(table: Table, reading, writing, source: Engine) -> int:
    # Rows in the order they were written: a near-duplicate row points at an earlier document.
    order = text("rowid") if source.dialect.name == "sqlite" else table.primary_key.columns.values()[0]
    result = reading.execution_options(stream_results=True).execute(select(table).order_by(order))
    count = 0
    for rows in result.partitions(CHUNK):
        writing.execute(table.insert(), [dict(row._mapping) for row in rows])
        count += len(rows)
    return count


def _advance_sequences(connection) -> None:
    """Rows were inserted with their keys, so each serial sequence must start after the largest."""
    for table in Base.metadata.sorted_tables:
        if "pk" in table.columns and table.columns["pk"].type.python_type is int:
            connection.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'pk'), "
                f"(SELECT coalesce(max(pk), 0) + 1 FROM {table.name}), false)"
            ))
