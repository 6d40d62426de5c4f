"""The relational schema: documents and every fact extracted from them, each fact keeping its offsets
into its document's text (provenance). Readable on purpose: one table per contract section."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


def utc_now() -> dt.datetime:
    """The store's clock: naive UTC, as every timestamp column is written."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class DocumentRow(Base):
    __tablename__ = "documents"
    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(40), index=True)
    language: Mapped[str] = mapped_column(String(8), default="en")
    format: Mapped[str] = mapped_column(String(16), default="text")
    text: Mapped[str] = mapped_column(Text)
    duplicate_of: Mapped[str | None] = mapped_column(ForeignKey("documents.id"), index=True)
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)
    contract: Mapped[dict | None] = mapped_column(
        JSON(none_as_null=True)
    )  # the full extract output, as printed
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now, index=True)


class EntityRow(Base):
    __tablename__ = "entities"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    local_id: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(Text, index=True)
    type: Mapped[str] = mapped_column(String(16), index=True)
    aliases: Mapped[list] = mapped_column(JSON, default=list)
    geo: Mapped[dict | None] = mapped_column(JSON(none_as_null=True))
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    kb_id: Mapped[str | None] = mapped_column(String(32), index=True)


class KbEntityRow(Base):
    """One real-world entity across documents: document entities link to it (kb_links), keeping why."""

    __tablename__ = "kb_entities"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    kb_id: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(Text, index=True)
    type: Mapped[str] = mapped_column(String(16), index=True)
    aliases: Mapped[list] = mapped_column(JSON, default=list)
    countries: Mapped[list] = mapped_column(JSON, default=list)
    actor_id: Mapped[str | None] = mapped_column(String(64))
    documents: Mapped[int] = mapped_column(Integer, default=0)


class KbKeyRow(Base):
    """Blocking keys (normalised names, transliteration skeletons, actor and gazetteer ids)."""

    __tablename__ = "kb_keys"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(Text, index=True)
    kb_pk: Mapped[int] = mapped_column(ForeignKey("kb_entities.pk", ondelete="CASCADE"), index=True)


class KbLinkRow(Base):
    """Why a document entity belongs to a KB entity: method, score and evidence. A merge undone by
    `newsgraph entity split` stays here, inactive, so every decision can be explained later."""

    __tablename__ = "kb_links"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_pk: Mapped[int] = mapped_column(ForeignKey("entities.pk", ondelete="CASCADE"), index=True)
    kb_pk: Mapped[int] = mapped_column(ForeignKey("kb_entities.pk"), index=True)
    method: Mapped[str] = mapped_column(String(16))
    score: Mapped[float] = mapped_column(Float)
    evidence: Mapped[dict] = mapped_column(JSON, default=dict)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class MentionRow(Base):
    __tablename__ = "mentions"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_pk: Mapped[int] = mapped_column(ForeignKey("entities.pk", ondelete="CASCADE"), index=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class QuoteRow(Base):
    __tablename__ = "quotes"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    speaker_pk: Mapped[int | None] = mapped_column(ForeignKey("entities.pk"), index=True)
    speaker_text: Mapped[str | None] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(String(16), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    quote_text_pk: Mapped[int | None] = mapped_column(ForeignKey("quote_texts.pk"), index=True)


class QuoteTextRow(Base):
    """One quotation however many documents carry it (Quotebank-style): rows of `quotes` are its
    occurrences, joined by the normalised text (case, punctuation, spacing and accents ignored)."""

    __tablename__ = "quote_texts"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    text: Mapped[str] = mapped_column(Text)
    speaker_name: Mapped[str | None] = mapped_column(Text, index=True)
    occurrences: Mapped[int] = mapped_column(Integer, default=0)
    documents: Mapped[int] = mapped_column(Integer, default=0)


class PlaceRow(Base):
    """One gazetteer place across documents, with every name used for it and how often it is reported:
    kept up to date as documents are stored, so the places list and the map never aggregate mentions."""

    __tablename__ = "places"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    gazetteer_id: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(Text)
    aliases: Mapped[list] = mapped_column(JSON, default=list)
    country: Mapped[str | None] = mapped_column(String(2))
    admin1: Mapped[str | None] = mapped_column(Text)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    feature: Mapped[str | None] = mapped_column(String(16))
    documents: Mapped[int] = mapped_column(Integer, default=0)
    mentions: Mapped[int] = mapped_column(Integer, default=0)


class EventRow(Base):
    __tablename__ = "events"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(16), index=True)
    mode: Mapped[str | None] = mapped_column(String(32))
    actor_pk: Mapped[int | None] = mapped_column(ForeignKey("entities.pk"), index=True)
    target_pk: Mapped[int | None] = mapped_column(ForeignKey("entities.pk"), index=True)
    location_pk: Mapped[int | None] = mapped_column(ForeignKey("entities.pk"), index=True)
    date: Mapped[str | None] = mapped_column(String(32), index=True)
    negated: Mapped[bool] = mapped_column(Boolean, default=False)
    hypothetical: Mapped[bool] = mapped_column(Boolean, default=False)
    attributed_to_pk: Mapped[int | None] = mapped_column(ForeignKey("entities.pk"))
    sentence: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    cluster_pk: Mapped[int | None] = mapped_column(ForeignKey("event_clusters.pk"), index=True)


class EventClusterRow(Base):
    """One real-world event reported by one or more event mentions (rows of `events`), as GDELT
    separates events from mentions. Mentions join when type, participants, place, negation and
    modality agree and their dates fall within a few days; a mention that only one participant or
    place identifies also needs the same trigger word (`trigger_key`)."""

    __tablename__ = "event_clusters"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    type: Mapped[str] = mapped_column(String(16), index=True)
    actor_key: Mapped[str | None] = mapped_column(Text, index=True)
    target_key: Mapped[str | None] = mapped_column(Text)
    place_key: Mapped[str | None] = mapped_column(Text)
    negated: Mapped[bool] = mapped_column(Boolean, default=False)
    hypothetical: Mapped[bool] = mapped_column(Boolean, default=False)
    date: Mapped[str | None] = mapped_column(String(32), index=True)
    trigger_key: Mapped[str | None] = mapped_column(String(64))
    mentions: Mapped[int] = mapped_column(Integer, default=0)
    documents: Mapped[int] = mapped_column(Integer, default=0)


class RelationRow(Base):
    __tablename__ = "relations"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    subject_pk: Mapped[int] = mapped_column(ForeignKey("entities.pk"), index=True)
    predicate: Mapped[str] = mapped_column(String(32), index=True)
    object_pk: Mapped[int | None] = mapped_column(ForeignKey("entities.pk"), index=True)
    object_literal: Mapped[str | None] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    details: Mapped[dict | None] = mapped_column(JSON, default=dict)  # negated, hypothetical, source, date, ...


class SourceRow(Base):
    """Who reports claims: an entity, 'unnamed source', or a publisher."""

    __tablename__ = "sources"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # entity | unnamed | publisher


class ClaimRow(Base):
    __tablename__ = "claims"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    local_id: Mapped[str] = mapped_column(String(16))
    subject_pk: Mapped[int | None] = mapped_column(ForeignKey("entities.pk"), index=True)
    statement: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), index=True)
    alternatives: Mapped[list] = mapped_column(JSON, default=list)
    details: Mapped[dict] = mapped_column(JSON, default=dict)


class ClaimSourceRow(Base):
    __tablename__ = "claim_sources"
    claim_pk: Mapped[int] = mapped_column(ForeignKey("claims.pk", ondelete="CASCADE"), primary_key=True)
    source_pk: Mapped[int] = mapped_column(ForeignKey("sources.pk"), primary_key=True)
    entity_pk: Mapped[int | None] = mapped_column(ForeignKey("entities.pk"))


class StoreMetaRow(Base):
    """One row: `generation` grows with every write transaction (see store.db.count_writes)."""

    __tablename__ = "store_meta"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    generation: Mapped[int] = mapped_column(Integer, default=0)


class IngestErrorRow(Base):
    """Inputs that failed, kept so a batch's failures can be listed later."""

    __tablename__ = "ingest_errors"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


Index("ix_mentions_doc_span", MentionRow.document_id, MentionRow.start)
Index("ix_events_type_date_pk", EventRow.type, EventRow.date, EventRow.pk)
Index("ix_events_date_pk", EventRow.date, EventRow.pk)
Index("ix_events_country_date_pk", EventRow.country, EventRow.date, EventRow.pk)
# the entity list's order (most documents first, then by name) as stored, so a page needs no sort
Index("ix_kb_entities_documents_name", KbEntityRow.documents.desc(), KbEntityRow.name)
Index("ix_kb_entities_type_documents_name", KbEntityRow.type, KbEntityRow.documents.desc(), KbEntityRow.name)
Index("ix_places_mentions_name", PlaceRow.mentions.desc(), PlaceRow.name)
Index("ix_places_country_mentions_name", PlaceRow.country, PlaceRow.mentions.desc(), PlaceRow.name)
Index("ix_documents_published_id", DocumentRow.published, DocumentRow.id)


class FeedRow(Base):
    """A feed `newsgraph follow` watches: its HTTP validators and its health, so a restarted follower
    fetches nothing twice and a feed that keeps failing is reported, never silently dropped."""

    __tablename__ = "feeds"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    last_checked: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_success: Mapped[dt.datetime | None] = mapped_column(DateTime)
    failures: Mapped[int] = mapped_column(Integer, default=0)  # in a row, reset by a success
    errors_total: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    entries_seen: Mapped[int] = mapped_column(Integer, default=0)


class FeedEntryRow(Base):
    """An entry a follower has handled (ingested, or failed and reported), by feed and entry key."""

    __tablename__ = "feed_entries"
    __table_args__ = (Index("ix_feed_entries_key", "feed_pk", "key_hash", unique=True),)
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    feed_pk: Mapped[int] = mapped_column(ForeignKey("feeds.pk", ondelete="CASCADE"))
    key_hash: Mapped[str] = mapped_column(String(64))
    key: Mapped[str] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String(16))  # stored | duplicate | failed
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
