"""Writes and reads of the store. One transaction per document, so a failure never leaves half a
document behind and what was stored before stays intact."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

from sqlalchemy import Engine, bindparam, func, select, text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from newsgraph.ingest.dedup import NearDuplicateIndex, signature_from_bytes
from newsgraph.ingest.document import Document
from newsgraph.nlp.names import match_key, strip_accents
from newsgraph.store.linking import KnowledgeBase
from newsgraph.store.schema import (
    ClaimRow,
    ClaimSourceRow,
    DocumentRow,
    EntityRow,
    EventClusterRow,
    EventRow,
    IngestErrorRow,
    KbEntityRow,
    MentionRow,
    PlaceRow,
    QuoteRow,
    QuoteTextRow,
    RelationRow,
    SourceRow,
)

COUNTED = {
    "documents": DocumentRow,
    "entities": EntityRow,
    "mentions": MentionRow,
    "quotes": QuoteRow,
    "quote_texts": QuoteTextRow,
    "events": EventRow,
    "event_clusters": EventClusterRow,
    "relations": RelationRow,
    "claims": ClaimRow,
    "sources": SourceRow,
    "kb_entities": KbEntityRow,
    "places": PlaceRow,
    "ingest_errors": IngestErrorRow,
}


@dataclass
class SearchHit:
    id: str
    title: str | None
    source: str
    published: str | None
    snippet: str


class Store:
    def __init__(self, engine: Engine, date_window_days: int = 2) -> None:
        self.engine = engine
        self.date_window_days = date_window_days

    # ---- documents -------------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        with Session(self.engine) as session:
            return session.get(DocumentRow, doc_id) is not None

    def stored_ids(self, ids: list[str]) -> set[str]:
        """Which of these document ids the store holds (one query)."""
        with Session(self.engine) as session:
            return set(session.scalars(select(DocumentRow.id).where(DocumentRow.id.in_(ids))))

    def load_near_duplicate_index(self, threshold: float = 0.8) -> NearDuplicateIndex:
        index = NearDuplicateIndex(threshold)
        with Session(self.engine) as session:
            rows = session.execute(
                select(DocumentRow.id, DocumentRow.minhash).where(DocumentRow.minhash.is_not(None))
            )
            for doc_id, raw in rows:
                index.add(doc_id, signature_from_bytes(raw))
        return index

    def signatures_since(self, moment: dt.datetime) -> list[tuple[str, bytes]]:
        """(id, MinHash bytes) of documents stored at or after `moment`: what other writers added while a
        batch ran."""
        with Session(self.engine) as session:
            return list(
                session.execute(
                    select(DocumentRow.id, DocumentRow.minhash).where(
                        DocumentRow.ingested_at >= moment, DocumentRow.minhash.is_not(None)
                    )
                )
            )

    def save_duplicate(self, document: Document, minhash: bytes | None) -> None:
        """A near-duplicate is recorded (with a pointer to the original) but not re-processed."""
        try:
            with Session(self.engine) as session, session.begin():
                session.merge(_document_row(document, minhash, None))
        except IntegrityError:
            if not self.has_document(document.id):
                raise

    def save(self, document: Document, contract: dict, minhash: bytes | None) -> bool:
        """Store one document and its facts in one transaction. False when another writer stored the
        same document first (two ingests of one input race): nothing to do, and nothing is wrong."""
        try:
            self._save(document, contract, minhash)
        except IntegrityError:
            if self.has_document(document.id):
                return False
            raise
        return True

    def _save(self, document: Document, contract: dict, minhash: bytes | None) -> None:
        with Session(self.engine) as session, session.begin():
            session.add(_document_row(document, minhash, contract))
            session.flush()
            rows = self._save_entities(session, document.id, contract["entities"])
            entity_pks = {local_id: row.pk for local_id, row in rows.items()}
            if session.get_bind().dialect.name == "postgresql":
                # Linking reads the KB, then adds to it: two writers linking at once could each miss the
                # other's new entity and create it twice. SQLite runs one writer at a time; on PostgreSQL
                # this lock does the same for the linking and counting part of a save, until its commit.
                session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": KB_LOCK})
            self._count_places(session, contract["entities"])
            KnowledgeBase(session).link_document([(rows[e["id"]], e) for e in contract["entities"]])
            self._save_facts(session, document.id, contract, entity_pks)

    def record_error(self, source: str, reason: str) -> None:
        with Session(self.engine) as session, session.begin():
            session.add(IngestErrorRow(source=source, reason=reason))

    @staticmethod
    def _save_entities(session: Session, doc_id: str, entities: list[dict]) -> dict[str, EntityRow]:
        """The document's entities, inserted in one flush (one batched INSERT, keys in order), then
        their mentions."""
        rows: dict[str, EntityRow] = {}
        for entity in entities:
            geo = entity.get("geo")
            rows[entity["id"]] = EntityRow(
                document_id=doc_id,
                local_id=entity["id"],
                name=entity["name"],
                type=entity["type"],
                aliases=entity["aliases"],
                geo=geo,
                country=(geo or {}).get("country"),
            )
        session.add_all(rows.values())
        session.flush()
        session.add_all(
            MentionRow(entity_pk=rows[e["id"]].pk, document_id=doc_id, start=m["start"], end=m["end"], text=m["text"])
            for e in entities
            for m in e["mentions"]
        )
        return rows

    @staticmethod
    def _count_places(session: Session, entities: list[dict]) -> None:
        """Add this document's place entities to the places read model (names, documents, mentions)."""
        seen: set[str] = set()
        for entity in entities:
            geo = entity.get("geo")
            if entity["type"] != "PLACE" or not geo:
                continue
            place = session.scalar(select(PlaceRow).where(PlaceRow.gazetteer_id == geo["gazetteer_id"]))
            if place is None:
                place = PlaceRow(
                    gazetteer_id=geo["gazetteer_id"],
                    name=entity["name"],
                    aliases=[],
                    country=geo.get("country"),
                    admin1=geo.get("admin1"),
                    lat=geo["lat"],
                    lon=geo["lon"],
                    feature=geo.get("feature"),
                    documents=0,
                    mentions=0,
                )
                session.add(place)
            names = {entity["name"], *entity["aliases"]} - {place.name}
            place.aliases = sorted(set(place.aliases) | names)
            place.documents += geo["gazetteer_id"] not in seen
            place.mentions += len(entity["mentions"])
            seen.add(geo["gazetteer_id"])  # the next lookup autoflushes, so a new place is found

    def _save_facts(self, session: Session, doc_id: str, contract: dict, pks: dict[str, int]) -> None:
        countries = {e["id"]: (e.get("geo") or {}).get("country") for e in contract["entities"]}
        names = {e["id"]: e["name"] for e in contract["entities"]}
        for quote in contract["quotes"]:
            row = QuoteRow(
                document_id=doc_id,
                text=quote["text"],
                start=quote["start"],
                end=quote["end"],
                speaker_pk=pks.get(quote["speaker"]),
                speaker_text=quote["speaker_text"],
                channel=quote["channel"],
                kind=quote["kind"],
            )
            row.quote_text_pk = self._quote_text(session, quote, names.get(quote["speaker"]), doc_id)
            session.add(row)
        core = {
            "type",
            "mode",
            "actor",
            "target",
            "location",
            "date",
            "negated",
            "hypothetical",
            "attributed_to",
            "sentence",
            "start",
            "end",
        }
        keys = {e["id"]: _entity_key(e) for e in contract["entities"]}
        published = contract["document"].get("published")
        for event in contract["events"]:
            row = EventRow(
                document_id=doc_id,
                type=event["type"],
                mode=event["mode"],
                actor_pk=pks.get(event["actor"]),
                target_pk=pks.get(event["target"]),
                location_pk=pks.get(event["location"]),
                date=event["date"],
                negated=event["negated"],
                hypothetical=event["hypothetical"],
                attributed_to_pk=pks.get(event["attributed_to"]),
                sentence=event["sentence"],
                start=event["start"],
                end=event["end"],
                country=countries.get(event["location"]),
                details={k: v for k, v in event.items() if k not in core},
            )
            session.add(row)
            session.flush()
            self._cluster(session, row, keys, event, published)
        for relation in contract["relations"]:
            obj = relation["object"]
            session.add(
                RelationRow(
                    document_id=doc_id,
                    subject_pk=pks[relation["subject"]],
                    predicate=relation["predicate"],
                    object_pk=pks.get(obj),
                    object_literal=None if obj in pks else obj,
                    start=relation["start"],
                    end=relation["end"],
                    details=self._relation_details(relation, pks),
                )
            )
        claims = [
            (
                ClaimRow(
                    document_id=doc_id,
                    local_id=claim["id"],
                    subject_pk=pks.get(claim["subject"]),
                    statement=claim["statement"],
                    status=claim["status"],
                    alternatives=claim["alternatives"],
                    details=self._claim_details(claim, pks),
                ),
                claim,
            )
            for claim in contract["claims"]
        ]
        session.add_all(row for row, _ in claims)
        session.flush()  # every claim's key at once
        for row, claim in claims:
            for source in dict.fromkeys(claim["sources"]):
                session.add(
                    ClaimSourceRow(
                        claim_pk=row.pk,
                        source_pk=self._source_pk(session, source, pks),
                        entity_pk=pks.get(source),
                    )
                )

    @staticmethod
    def _claim_details(claim: dict, pks: dict[str, int]) -> dict:
        """A claim's details; its counterpart and place as entity keys, so accounts from different
        documents can be compared through the knowledge base."""
        core = ("id", "subject", "statement", "status", "sources", "alternatives")
        details = {k: v for k, v in claim.items() if k not in core}
        for role in ("counterpart", "location"):
            if details.get(role) in pks:
                details[f"{role}_pk"] = pks[details[role]]
        return details

    @staticmethod
    def _relation_details(relation: dict, pks: dict[str, int]) -> dict:
        """What a relation carries beyond its triple; the reporting source as an entity key."""
        core = ("subject", "predicate", "object", "start", "end")
        details = {k: v for k, v in relation.items() if k not in core}
        if details.get("attributed_to") in pks:
            details["attributed_pk"] = pks[details["attributed_to"]]
        return details

    @staticmethod
    def _quote_text(session: Session, quote: dict, speaker_name: str | None, doc_id: str) -> int:
        """The quotation this occurrence repeats, by normalised text; a new one if never seen."""
        key = quote_key(quote["text"])
        row = session.execute(select(QuoteTextRow).where(QuoteTextRow.key == key)).scalar_one_or_none()
        if row is None:
            row = QuoteTextRow(
                key=key, text=quote["text"], speaker_name=speaker_name, occurrences=0, documents=0
            )
            session.add(row)
            session.flush()
        seen_here = session.scalar(
            select(func.count())
            .select_from(QuoteRow)
            .where(QuoteRow.quote_text_pk == row.pk, QuoteRow.document_id == doc_id)
        )
        row.occurrences += 1
        row.documents += 0 if seen_here else 1
        row.speaker_name = row.speaker_name or speaker_name
        return row.pk

    def _cluster(
        self, session: Session, row: EventRow, keys: dict, event: dict, published: str | None
    ) -> None:
        """Attach an event mention to the real-world event it reports, creating that event if new."""
        signature = {
            "type": event["type"],
            "actor_key": keys.get(event["actor"]),
            "target_key": keys.get(event["target"]),
            "place_key": keys.get(event["location"]),
            "negated": event["negated"],
            "hypothetical": event["hypothetical"],
        }
        date = event["date"] or (published or "")[:10] or None
        anchors = len({signature[k] for k in ("actor_key", "target_key", "place_key")} - {None})
        # One participant or place and a day leave many acts of one type: on one day in one city a
        # bombing, a fire and a killing are three events. Such a mention joins only the same act word.
        act_word = event["trigger"].get("lemma") or event["trigger"]["text"].lower()
        signature["trigger_key"] = act_word[:64] if anchors == 1 else None
        cluster = None
        # Only a mention that identifies its event joins others: two different participants or places
        # among actor, target and place, or one of them and a date. 'An attack' with no one and nowhere
        # named is every attack of that day, and 'a bomb in X' that hit X names one place, not two.
        if anchors >= 2 or (anchors == 1 and date):
            candidates = session.scalars(
                select(EventClusterRow).where(*(getattr(EventClusterRow, k) == v for k, v in signature.items()))
            )
            cluster = next((c for c in candidates if _same_time(c.date, date, self.date_window_days)), None)
        if cluster is None:
            cluster = EventClusterRow(**signature, date=date, mentions=0, documents=0)
            session.add(cluster)
            session.flush()
        seen_here = session.scalar(
            select(func.count())
            .select_from(EventRow)
            .where(EventRow.cluster_pk == cluster.pk, EventRow.document_id == row.document_id)
        )
        cluster.mentions += 1
        cluster.documents += 0 if seen_here else 1
        row.cluster_pk = cluster.pk

    @staticmethod
    def _source_pk(session: Session, source: str, pks: dict[str, int]) -> int:
        if source in pks:
            entity = session.get(EntityRow, pks[source])
            name, kind = f"entity:{entity.name}", "entity"
        else:
            name, kind = source, ("publisher" if source.startswith("publisher") else "unnamed")
        row = session.execute(select(SourceRow).where(SourceRow.name == name)).scalar_one_or_none()
        if row is None:
            row = SourceRow(name=name, kind=kind)
            session.add(row)
            session.flush()
        return row.pk

    # ---- reads -----------------------------------------------------------------------------
    def stats(self) -> dict[str, int]:
        with Session(self.engine) as session:
            counts = {
                name: session.scalar(select(func.count()).select_from(model))
                for name, model in COUNTED.items()
            }
            counts["near_duplicates"] = session.scalar(
                select(func.count()).select_from(DocumentRow).where(DocumentRow.duplicate_of.is_not(None))
            )
            counts["contested_claims"] = session.scalar(
                select(func.count()).select_from(ClaimRow).where(ClaimRow.status == "contested")
            )
        return counts

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search. Queries are bounded (MAX_QUERY_CHARS, MAX_QUERY_TERMS): full-text engines
        spend time that grows faster than the number of terms, and no analyst types 50 kB of terms."""
        if len(query) > MAX_QUERY_CHARS or len(re.findall(r"\w+", query)) > MAX_QUERY_TERMS:
            raise QueryTooLong(
                f"a search takes at most {MAX_QUERY_CHARS} characters and {MAX_QUERY_TERMS} words"
            )
        if self.engine.dialect.name == "sqlite":
            try:
                return self._search_sqlite(query, limit)
            except OperationalError:  # FTS5 syntax error in user input: search the words as phrases
                words = re.findall(r"\w+", query)
                return self._search_sqlite(" ".join(f'"{w}"' for w in words), limit) if words else []
        return self._search_postgres(query, limit)

    def _search_sqlite(self, query: str, limit: int) -> list[SearchHit]:
        # Rank first, then build snippets for the page only: SQLite evaluates every result column
        # before sorting, so one query would make a snippet for every match of a common word.
        ranked = text(
            "SELECT rowid FROM documents_fts WHERE documents_fts MATCH :q ORDER BY bm25(documents_fts) LIMIT :n"
        )
        page = text(
            "SELECT documents_fts.rowid, d.id, d.title, d.source, d.published, "
            "snippet(documents_fts, 1, '[', ']', '…', 12) "
            "FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
            "WHERE documents_fts MATCH :q AND documents_fts.rowid IN :rowids"
        ).bindparams(bindparam("rowids", expanding=True))
        with self.engine.connect() as connection:
            rowids = connection.execute(ranked, {"q": query, "n": limit}).scalars().all()
            if not rowids:
                return []
            hits = {
                row[0]: SearchHit(*row[1:])
                for row in connection.execute(page, {"q": query, "rowids": rowids})
            }
        return [hits[rowid] for rowid in rowids]

    def _search_postgres(self, query: str, limit: int) -> list[SearchHit]:
        # websearch_to_tsquery takes what people type ("quoted phrases", or, -not) and never raises on
        # odd syntax. search_vector is the stored, GIN-indexed tsvector of title and text (migration
        # 0010); headlines, which parse the text again, are built for the ranked page only.
        sql = text(
            "WITH q AS (SELECT websearch_to_tsquery('english', :q) AS query), "
            "ranked AS (SELECT d.id, ts_rank(d.search_vector, q.query) AS score FROM documents d, q "
            "WHERE d.search_vector @@ q.query ORDER BY score DESC, d.id LIMIT :n) "
            "SELECT d.id, d.title, d.source, d.published, ts_headline('english', d.text, q.query, "
            "'StartSel=[, StopSel=], MaxWords=14, MinWords=6, ShortWord=2, FragmentDelimiter=…, MaxFragments=1') "
            "FROM ranked JOIN documents d ON d.id = ranked.id, q ORDER BY ranked.score DESC, d.id"
        )
        with self.engine.connect() as connection:
            return [SearchHit(*row) for row in connection.execute(sql, {"q": query, "n": limit})]

    def contract(self, doc_id: str) -> dict | None:
        with Session(self.engine) as session:
            row = session.get(DocumentRow, doc_id)
            return row.contract if row else None


KB_LOCK = 0x6E657773  # the advisory lock id that serialises KB linking across writers ("news")
MAX_QUERY_CHARS = 500
MAX_QUERY_TERMS = 32


class QueryTooLong(ValueError):
    """A search query over the length or term limits."""


def quote_key(text: str) -> str:
    """Normalised text hash: the same words are the same quote whatever the marks, case or accents."""
    normalised = " ".join(re.findall(r"\w+", strip_accents(text).lower()))
    return hashlib.sha1(normalised.encode("utf-8")).hexdigest()


def _entity_key(entity: dict) -> str:
    """What makes two documents' entities the same for event matching: the gazetteer entry for places,
    else the normalised name (cross-document entity resolution will refine this)."""
    geo = entity.get("geo") or {}
    return geo.get("gazetteer_id") or f"{entity['type']}:{match_key(entity['name'])}"


def _same_time(first: str | None, second: str | None, window: int) -> bool:
    """Dates within `window` days; partial dates ('2025-03', '2025-W10') must be equal."""
    if not first or not second:
        return first == second
    try:
        delta = abs(dt.date.fromisoformat(first[:10]) - dt.date.fromisoformat(second[:10])).days
    except ValueError:
        return first == second
    return len(first) >= 10 and len(second) >= 10 and delta <= window


def _document_row(document: Document, minhash: bytes | None, contract: dict | None) -> DocumentRow:
    return DocumentRow(
        id=document.id,
        source=document.source,
        title=document.title,
        published=document.published,
        language=document.language,
        format=document.format,
        text=document.text,
        duplicate_of=document.duplicate_of,
        minhash=minhash,
        contract=contract,
    )
