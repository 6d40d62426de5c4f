"""The Python API: newsgraph in a notebook.

>>> import newsgraph
>>> nlp = newsgraph.load()
>>> doc = nlp("Rebels seized the airport of Goma on Monday, the army said.")
>>> sorted({e["type"] for e in doc._.entities})
['PLACE']
>>> result = newsgraph.extract("Rebels seized the airport of Goma on Monday, the army said.", published="2025-01-29")
>>> [(e["type"], e["date"]) for e in result["events"]]
[('ASSAULT', '2025-01-27')]

A stored knowledge base opens by path or SQLAlchemy URL; every listing takes the CLI's and the HTTP API's
filters and returns plain records (dicts) with `.to_pandas()`:

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("Rebels seized the airport of Goma on Monday, the army said.")
>>> kb = newsgraph.open(str(folder / "kb.db"))
>>> kb.ingest([str(folder / "a.txt")]).stored
1
>>> [(e["type"], e["location"]) for e in kb.events(type="ASSAULT")]
[('ASSAULT', 'Goma')]
>>> kb.entities(q="Goma")[0]["type"]
'PLACE'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from typing import Any

from spacy.language import Language
from sqlalchemy.orm import Session

from newsgraph.errors import InputError
from newsgraph.ingest.document import Document
from newsgraph.ingest.sources import documents_from_string
from newsgraph.kb.situation import contested_across_documents, situation
from newsgraph.nlp.pipeline import build_pipeline, process
from newsgraph.store.db import make_engine
from newsgraph.store.queries import (
    EventFilter,
    claim_rows,
    entity_profile,
    entity_rows,
    event_rows,
    find_kb_entities,
    place_rows,
    quote_rows,
)
from newsgraph.store.repository import Store


class Records(list):
    """A list of plain records (dicts) that also converts itself to a pandas DataFrame."""

    def to_pandas(self):
        """The records as a DataFrame (needs pandas: `pip install newsgraph[pandas]`)."""
        try:
            import pandas
        except ImportError:
            raise ImportError("to_pandas() needs pandas: pip install 'newsgraph[pandas]'") from None
        return pandas.DataFrame.from_records(list(self))


@lru_cache(maxsize=2)
def _pipeline(overrides: tuple = ()) -> Language:
    return build_pipeline(dict(overrides) or None)


def load(overrides: dict[str, Any] | None = None) -> Language:
    """The configured spaCy Language (newsgraph's components after the model's); `nlp(text)` gives a Doc
    whose extensions (doc._.entities, doc._.quotes, doc._.events, ...) hold the results. Loaded once per
    process for the same overrides."""
    return _pipeline(tuple(sorted((overrides or {}).items())))


def extract(
    html_or_text: str, url: str | None = None, published: str | None = None, nlp: Language | None = None
) -> dict:
    """The contract JSON for one document given as an HTML page, a feed item or plain text. `url` names
    the source; `published` (ISO date) overrides the page's own date for resolving relative dates.
    Raises newsgraph.errors.InputError when there is no article in it."""
    items = documents_from_string(html_or_text, url or "<string>")
    document = next((i for i in items if isinstance(i, Document)), None)
    if document is None:
        raise next((i for i in items if isinstance(i, InputError)), InputError(url or "<string>", "no document"))
    if url:
        document.source = url
    if published:
        document.published = published
    return next(iter(process(nlp or load(), [document])))[1]


class KnowledgeBase:
    """A stored knowledge base (SQLite file or any SQLAlchemy URL), read and fed from Python."""

    def __init__(self, db: str | None = None) -> None:
        self.store = Store(make_engine(db))
        self.engine = self.store.engine

    def ingest(self, paths: Iterable[str], nlp: Language | None = None):
        """Read, extract and store files, folders, feeds and archives; returns the batch report (stored,
        already_stored, near_duplicates, failed, errors)."""
        from newsgraph.runner import Batch

        batch = Batch(nlp or load(), lambda error: None, store=self.store)
        for _ in batch.run(list(paths)):
            pass
        return batch.report

    def events(
        self,
        type: str | None = None,
        country: str | None = None,
        since: str | None = None,
        until: str | None = None,
        negated: bool | None = None,
        hypothetical: bool | None = None,
        actor: str | None = None,
        limit: int = 1000,
        offset: int = 0,
    ) -> Records:
        """Event mentions, newest first, with the filters of `newsgraph events` and /api/events."""
        where = EventFilter(type=type, country=country, since=since, until=until, negated=negated,
                            hypothetical=hypothetical, actor=actor)
        return Records(event_rows(self.engine, replace(where, limit=limit, offset=offset)))

    def quotes(
        self, speaker: str | None = None, channel: str | None = None, grouped: bool = False,
        limit: int = 1000, offset: int = 0,
    ) -> Records:
        """Quotes (or, grouped, quotations with their occurrences) as `newsgraph quotes` and /api/quotes."""
        return Records(quote_rows(self.engine, speaker, channel, grouped, limit, offset))

    def entities(self, q: str | None = None, type: str | None = None, limit: int = 50, offset: int = 0) -> Records:
        """Knowledge-base entities, most documented first, as /api/entities."""
        return Records(entity_rows(self.engine, q, type, limit, offset))

    def entity(self, kb_id: str) -> dict | None:
        """One KB entity's profile: aliases, merge evidence, quotes, events."""
        return entity_profile(self.engine, kb_id)

    def claims(self, contested: bool = False, limit: int = 100, offset: int = 0) -> Records:
        """Claims with their sources; `contested=True` keeps those another account disputes."""
        return Records(claim_rows(self.engine, contested, limit, offset))

    def contested(self) -> Records:
        """Claims contested across documents (one source affirms what another denies)."""
        return Records(contested_across_documents(self.engine))

    def places(self, country: str | None = None, limit: int = 10000, offset: int = 0) -> Records:
        return Records(place_rows(self.engine, country, limit, offset))

    def situation(self, entity: str) -> dict | None:
        """Whereabouts, control, allies and opponents of a KB entity, given its kb_id or its name (the
        entity whose own name matches best: exact name first, then the most documented)."""
        kb_id = entity if entity.startswith("kb") and entity[2:].isdigit() else self._kb_id(entity)
        return situation(self.engine, kb_id) if kb_id else None

    def search(self, query: str, limit: int = 20) -> Records:
        return Records(hit.__dict__ for hit in self.store.search(query, limit))

    def _kb_id(self, name: str) -> str | None:
        with Session(self.engine) as session:
            best = next(iter(find_kb_entities(session, name)), None)
            return best.kb_id if best else None

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> KnowledgeBase:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def open(db: str | None = None) -> KnowledgeBase:  # noqa: A001 - the natural name: newsgraph.open(path)
    """Open a knowledge base: a path to a SQLite file, or any SQLAlchemy URL (PostgreSQL too)."""
    return KnowledgeBase(db)


__all__ = ["KnowledgeBase", "Records", "extract", "load", "open"]
