"""The store: ingest writes every section, re-ingest is idempotent, near-duplicates recorded, search works."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text

from newsgraph.runner import Batch
from newsgraph.store.db import database_url, make_engine, migrate
from newsgraph.store.repository import Store

from .conftest import SAMPLES


@pytest.fixture(scope="module")
def stored(nlp, fresh_url):
    """The sample corpus ingested into a fresh store (SQLite, then PostgreSQL)."""
    url = fresh_url("db")
    store = Store(make_engine(url))
    errors = []
    batch = Batch(nlp, errors.append, store=store)
    list(batch.run([str(SAMPLES)]))
    assert not errors
    return store, batch.report, url


def copy_of(store: Store, fresh_url) -> Store:
    """An independent copy of a stored corpus, to damage or rewind without touching the original."""
    url = fresh_url("copy")
    if store.engine.dialect.name == "sqlite":
        with store.engine.connect() as connection:
            connection.exec_driver_sql(f"VACUUM INTO '{url.removeprefix('sqlite:///')}'")
        return Store(make_engine(url, migrate_schema=False))
    source = store.engine.url.database
    store.engine.dispose()  # CREATE DATABASE ... TEMPLATE needs the template without connections
    with make_engine(url.rsplit("/", 1)[0] + "/postgres", migrate_schema=False).connect() as connection:
        connection = connection.execution_options(isolation_level="AUTOCOMMIT")
        target = url.rsplit("/", 1)[1]
        connection.exec_driver_sql(f'DROP DATABASE "{target}"')
        connection.exec_driver_sql(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')
    return Store(make_engine(url, migrate_schema=False))


def test_schema_has_every_table_and_full_text_index(stored):
    store, _, _ = stored
    tables = set(inspect(store.engine).get_table_names())
    assert {
        "documents",
        "entities",
        "mentions",
        "quotes",
        "events",
        "relations",
        "claims",
        "sources",
        "claim_sources",
        "ingest_errors",
        "alembic_version",
    } <= tables
    if store.engine.dialect.name == "sqlite":
        assert "documents_fts" in tables
        with store.engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    else:
        assert "documents_fts" in {index["name"] for index in inspect(store.engine).get_indexes("documents")}


def test_ingest_stores_documents_and_facts(stored):
    store, report, _ = stored
    counts = store.stats()
    assert report.stored == counts["documents"] - counts["near_duplicates"]
    assert counts["documents"] >= 25
    for table in ("entities", "mentions", "quotes", "events", "relations", "claims", "sources"):
        assert counts[table] > 0, table


def test_near_duplicate_recorded_not_reprocessed(stored):
    store, report, _ = stored
    assert report.near_duplicates == 1
    with store.engine.connect() as connection:
        row = connection.execute(
            text("SELECT d.source, o.source FROM documents d JOIN documents o ON o.id = d.duplicate_of")
        ).one()
        facts = connection.execute(
            text(
                "SELECT count(*) FROM entities e JOIN documents d ON d.id = e.document_id "
                "WHERE d.duplicate_of IS NOT NULL"
            )
        ).scalar()
    assert {"ukraine-kharkiv-shelling.html", "ukraine-kharkiv-shelling-syndicated.txt"} == {
        row[0].rsplit("/", 1)[-1],
        row[1].rsplit("/", 1)[-1],
    }
    assert facts == 0


def test_reingest_is_idempotent(nlp, stored):
    store, _, _ = stored
    before = store.stats()
    batch = Batch(nlp, lambda e: None, store=store)
    assert list(batch.run([str(SAMPLES)])) == []
    assert batch.report.already_stored + batch.report.near_duplicates >= before["documents"]
    assert store.stats() == before


def test_full_text_search(stored):
    store, _, _ = stored
    hits = store.search("Panjshir")
    assert hits and hits[0].title.startswith("Taliban say they captured Panjshir")
    assert "[Panjshir]" in hits[0].snippet
    assert store.search('"unbalanced AND (') == []  # bad FTS syntax falls back to word search
    assert store.search("zzzznotaword") == []


def test_failure_leaves_store_intact(nlp, stored, tmp_path, fresh_url):
    other = copy_of(stored[0], fresh_url)
    before = other.stats()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    good = tmp_path / "new.txt"
    good.write_text(
        "Rescue teams reached the flooded village of Korba on Monday after the river burst its banks.\n"
    )
    errors = []
    batch = Batch(nlp, errors.append, store=other)
    stored_now = list(batch.run([str(bad), str(good)]))
    assert len(stored_now) == 1 and len(errors) == 1
    after = other.stats()
    assert after["documents"] == before["documents"] + 1
    assert after["ingest_errors"] == before["ingest_errors"] + 1


def test_migrations_are_idempotent(stored):
    from alembic.script import ScriptDirectory

    from newsgraph.store.db import alembic_config

    store, _, _ = stored
    migrate(store.engine)
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == head


def place_aggregate(connection) -> dict[str, tuple[int, int]]:
    """Documents and mentions per gazetteer place, recomputed from the stored entities."""
    import json

    totals: dict[str, tuple[set, int]] = {}
    for document_id, geo, mentions in connection.execute(
        text(
            "SELECT e.document_id, e.geo, (SELECT count(*) FROM mentions m WHERE m.entity_pk = e.pk) "
            "FROM entities e WHERE e.type = 'PLACE' AND e.geo IS NOT NULL"
        )
    ):
        key = (geo if isinstance(geo, dict) else json.loads(geo))["gazetteer_id"]  # PostgreSQL decodes JSON
        documents, count = totals.get(key, (set(), 0))
        totals[key] = (documents | {document_id}, count + mentions)
    return {key: (len(documents), count) for key, (documents, count) in totals.items()}


def test_places_read_model_matches_the_stored_entities(stored, fresh_url):
    """Storing documents keeps `places` equal to an aggregate of the entities; so does the migration
    that creates it from an older store's entities."""
    store, _, _ = stored
    with store.engine.connect() as connection:
        expected = place_aggregate(connection)
        kept = {
            g: (d, m)
            for g, d, m in connection.execute(text("SELECT gazetteer_id, documents, mentions FROM places"))
        }
    assert len(expected) >= 5 and kept == expected
    engine = copy_of(store, fresh_url).engine
    with engine.begin() as connection:  # the store as revision 0006 left it
        connection.execute(text("DROP TABLE places"))
        connection.execute(text("DROP TABLE store_meta"))
        connection.execute(text("DROP TABLE feed_entries"))
        connection.execute(text("DROP TABLE feeds"))
        connection.execute(text("DROP INDEX ix_documents_ingested_at"))
        connection.execute(text("DROP INDEX ix_relations_object_pk"))
        connection.execute(text("ALTER TABLE relations DROP COLUMN details"))
        connection.execute(text("ALTER TABLE event_clusters DROP COLUMN trigger_key"))
        connection.execute(text("UPDATE alembic_version SET version_num = '0006'"))
    migrate(engine)
    with engine.connect() as connection:
        rebuilt = {
            g: (d, m)
            for g, d, m in connection.execute(text("SELECT gazetteer_id, documents, mentions FROM places"))
        }
    assert rebuilt == expected


def test_database_url_from_path_env_or_default(monkeypatch):
    monkeypatch.delenv("NEWSGRAPH_DB", raising=False)
    assert database_url(None) == "sqlite:///newsgraph.db"
    assert database_url("x/kb.db") == "sqlite:///x/kb.db"
    monkeypatch.setenv("NEWSGRAPH_DB", "postgresql://u@h/db")
    assert database_url(None) == "postgresql://u@h/db"
    assert database_url("sqlite:///a.db") == "sqlite:///a.db"


def test_schema_upgrades_from_the_first_revision_keeping_data(fresh_url):
    """An old store (revision 0001) is upgraded in place; its documents survive and search still works."""
    engine = make_engine(fresh_url("old"), migrate_schema=False)
    migrate(engine, "0001")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO documents (id, source, language, format, text, ingested_at) VALUES "
                "('0123456789abcdef', 'old.txt', 'en', 'text', 'An archived report on the flood', "
                "'2025-01-01 00:00:00')"
            )
        )
    store = Store(make_engine(engine.url.render_as_string(hide_password=False)))
    assert store.stats()["documents"] == 1 and store.stats()["event_clusters"] == 0
    assert [hit.id for hit in store.search("flood")] == ["0123456789abcdef"]


def test_generation_moves_with_each_committed_write_and_only_then(fresh_url):
    """The store version is unchanged by reads, moves when a write commits, and (SQLite's counter)
    counts a transaction of many flushes once, a rollback not at all, and a write after a rolled-back
    savepoint once."""
    from sqlalchemy.orm import Session

    from newsgraph.store.db import generation
    from newsgraph.store.schema import IngestErrorRow

    engine = make_engine(fresh_url("g"))
    counted = engine.dialect.name == "sqlite"
    start = generation(engine)
    Store(engine).stats()
    assert generation(engine) == start
    with Session(engine) as session, session.begin():
        for name in ("a", "b", "c"):
            session.add(IngestErrorRow(source=name, reason="unreadable"))
            session.flush()
    after_one = generation(engine)
    assert after_one != start and (not counted or after_one == start + 1)
    with pytest.raises(RuntimeError), Session(engine) as session, session.begin():
        session.add(IngestErrorRow(source="d", reason="unreadable"))
        session.flush()
        raise RuntimeError("abandon the transaction")
    if counted:
        assert generation(engine) == after_one
    with Session(engine) as session, session.begin():
        savepoint = session.begin_nested()
        session.add(IngestErrorRow(source="e", reason="unreadable"))
        session.flush()
        savepoint.rollback()
        session.add(IngestErrorRow(source="f", reason="unreadable"))
        session.flush()
    last = generation(engine)
    assert last != after_one and (not counted or last == start + 2)
    assert generation(engine) == last


def test_writers_do_not_wait_for_each_other_on_the_generation(fresh_url):
    """Two write transactions open at once both get through their writes: nothing every writer
    updates (a shared counter row) makes the second wait for the first to commit. SQLite has one
    writer at a time by design, so this holds on PostgreSQL only."""
    from sqlalchemy.orm import Session

    from newsgraph.store.schema import IngestErrorRow

    engine = make_engine(fresh_url("w"))
    if engine.dialect.name == "sqlite":
        pytest.skip("SQLite serialises writers by design")
    first, second = Session(engine), Session(engine)
    try:
        first.begin()
        first.add(IngestErrorRow(source="one", reason="unreadable"))
        first.flush()
        second.begin()
        second.connection().exec_driver_sql("SET LOCAL lock_timeout = '2s'")
        second.add(IngestErrorRow(source="two", reason="unreadable"))
        second.flush()  # would time out waiting for the first transaction's row lock
        second.commit()
        first.commit()
    finally:
        first.close()
        second.close()


def test_one_place_and_one_day_join_only_the_same_act(nlp, fresh_url):
    """Reports that name only the place and the day of a killing are one event; the wounding of others in
    the same town that day is another, though both are assaults there."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from newsgraph.ingest.document import Document
    from newsgraph.nlp.pipeline import process
    from newsgraph.store.schema import EventRow

    store = Store(make_engine(fresh_url("acts")))
    texts = [
        "Gunmen killed three people in Kisumu on Monday, police said.",
        "Three people were killed in Kisumu on Monday, a local official said.",
        "Five people were wounded in Kisumu on Monday.",
    ]
    documents = [Document(source=f"report-{i}.txt", text=t, published="2025-03-12") for i, t in enumerate(texts)]
    for document, result in process(nlp, documents):
        store.save(document, result, None)
    with Session(store.engine) as session:
        rows = session.execute(select(EventRow.document_id, EventRow.cluster_pk, EventRow.start)).all()
    cluster_of = {
        text: {cluster for doc_id, cluster, _ in rows if doc_id == document.id}
        for text, document in zip(texts, documents, strict=True)
    }
    killing, killed, wounding = (cluster_of[t] for t in texts)
    assert killing and killing == killed, rows
    assert wounding and not wounding & killing, rows
