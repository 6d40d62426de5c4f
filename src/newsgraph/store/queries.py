"""Read-side queries shared by the CLI, exports and (later) the API: events and places as flat rows
with the names of the entities they involve, and GeoJSON built from those rows."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, Select, func, select
from sqlalchemy.orm import Session, aliased

from newsgraph.store.schema import (
    DocumentRow,
    EntityRow,
    EventClusterRow,
    EventRow,
    KbEntityRow,
    KbLinkRow,
    MentionRow,
    QuoteRow,
    QuoteTextRow,
)


@dataclass
class EventFilter:
    type: str | None = None
    country: str | None = None
    since: str | None = None
    until: str | None = None
    negated: bool | None = None
    hypothetical: bool | None = None
    actor: str | None = None
    limit: int = 1000
    offset: int = 0


EVENT_COLUMNS = [
    "id",
    "type",
    "mode",
    "date",
    "negated",
    "hypothetical",
    "actor",
    "target",
    "location",
    "country",
    "lat",
    "lon",
    "attributed_to",
    "document_id",
    "source",
    "published",
    "sentence",
    "start",
    "end",
]


@dataclass
class EventRoles:
    """Aliases of the entities table for each role an event links to."""

    actor: type[EntityRow]
    target: type[EntityRow]
    location: type[EntityRow]
    source: type[EntityRow]


def events_with_roles() -> tuple[Select, EventRoles]:
    """SELECT events (with their document's source and date) joined to the entity in every role; callers
    add the role columns they need from the returned aliases."""
    roles = EventRoles(*(aliased(EntityRow) for _ in range(4)))
    query = (
        select(EventRow, DocumentRow.source, DocumentRow.published)
        .join(DocumentRow, DocumentRow.id == EventRow.document_id)
        .outerjoin(roles.actor, roles.actor.pk == EventRow.actor_pk)
        .outerjoin(roles.target, roles.target.pk == EventRow.target_pk)
        .outerjoin(roles.location, roles.location.pk == EventRow.location_pk)
        .outerjoin(roles.source, roles.source.pk == EventRow.attributed_to_pk)
    )
    return query, roles


def event_rows(engine: Engine, f: EventFilter) -> list[dict]:
    query, roles = events_with_roles()
    actor, target, location, source = roles.actor, roles.target, roles.location, roles.source
    query = (
        query.add_columns(actor.name, target.name, location.name, location.geo, source.name)
        .order_by(EventRow.date.desc(), EventRow.pk)
        .limit(f.limit)
        .offset(f.offset)
    )
    if f.type:
        query = query.where(EventRow.type == f.type.upper())
    if f.country:
        query = query.where(EventRow.country == f.country.upper())
    if f.since:
        query = query.where(EventRow.date >= f.since)
    if f.until:
        query = query.where(EventRow.date <= f.until + "\uffff")
    if f.negated is not None:
        query = query.where(EventRow.negated == f.negated)
    if f.hypothetical is not None:
        query = query.where(EventRow.hypothetical == f.hypothetical)
    if f.actor:
        query = query.where(actor.name.ilike(f"%{f.actor}%"))
    rows = []
    with Session(engine) as session:
        for (
            event,
            doc_source,
            published,
            actor_name,
            target_name,
            location_name,
            geo,
            source_name,
        ) in session.execute(query):
            rows.append(
                {
                    "id": event.pk,
                    "type": event.type,
                    "mode": event.mode,
                    "date": event.date,
                    "negated": event.negated,
                    "hypothetical": event.hypothetical,
                    "actor": actor_name,
                    "target": target_name,
                    "location": location_name,
                    "country": event.country,
                    "lat": (geo or {}).get("lat"),
                    "lon": (geo or {}).get("lon"),
                    "attributed_to": source_name,
                    "document_id": event.document_id,
                    "source": doc_source,
                    "published": published,
                    "sentence": event.sentence,
                    "start": event.start,
                    "end": event.end,
                }
            )
    return rows


CLUSTER_COLUMNS = [
    "cluster",
    "type",
    "date",
    "actor",
    "target",
    "place",
    "negated",
    "hypothetical",
    "mentions",
    "documents",
    "sources",
]


def cluster_rows(engine: Engine, f: EventFilter) -> list[dict]:
    """Real-world events (clusters of mentions), with the documents that report each."""
    mentions = event_rows(engine, EventFilter(**{**f.__dict__, "limit": 10**9, "offset": 0}))
    with Session(engine) as session:
        cluster_of = dict(session.execute(select(EventRow.pk, EventRow.cluster_pk)).all())
        clusters = {c.pk: c for c in session.scalars(select(EventClusterRow))}
    grouped: dict[int, dict] = {}
    for mention in mentions:
        pk = cluster_of.get(mention["id"])
        if pk is None:
            continue
        cluster = clusters[pk]
        row = grouped.setdefault(
            pk,
            {
                "cluster": pk,
                "type": cluster.type,
                "date": cluster.date,
                "actor": mention["actor"],
                "target": mention["target"],
                "place": mention["location"],
                "negated": cluster.negated,
                "hypothetical": cluster.hypothetical,
                "mentions": cluster.mentions,
                "documents": cluster.documents,
                "sources": [],
            },
        )
        if mention["source"] not in row["sources"]:
            row["sources"].append(mention["source"])
    rows = sorted(grouped.values(), key=lambda r: (-r["documents"], r["date"] or ""), reverse=False)
    return rows[f.offset : f.offset + f.limit]


QUOTE_COLUMNS = [
    "quote",
    "text",
    "speaker",
    "speaker_kb_id",
    "speaker_text",
    "channel",
    "kind",
    "occurrences",
    "documents",
    "document_id",
    "source",
    "start",
    "end",
]


def quote_rows(
    engine: Engine,
    speaker: str | None = None,
    channel: str | None = None,
    grouped: bool = False,
    limit: int = 1000,
    offset: int = 0,
    speaker_kb_id: str | None = None,
) -> list[dict]:
    """Quote occurrences with their speaker (or, grouped, one row per quotation with its count)."""
    query = (
        select(QuoteRow, QuoteTextRow, EntityRow.name, EntityRow.kb_id, DocumentRow.source)
        .join(QuoteTextRow, QuoteTextRow.pk == QuoteRow.quote_text_pk, isouter=True)
        .join(DocumentRow, DocumentRow.id == QuoteRow.document_id)
        .outerjoin(EntityRow, EntityRow.pk == QuoteRow.speaker_pk)
        .order_by(QuoteRow.pk)
    )
    if speaker:
        query = query.where(
            EntityRow.name.ilike(f"%{speaker}%") | QuoteRow.speaker_text.ilike(f"%{speaker}%")
        )
    if channel:
        query = query.where(QuoteRow.channel == channel)
    if speaker_kb_id:
        query = query.where(EntityRow.kb_id == speaker_kb_id)
    if not grouped:  # occurrences page in SQL; grouping needs every row first
        query = query.limit(limit).offset(offset)
        offset = 0
    rows, seen = [], set()
    with Session(engine) as session:
        for quote, text_row, speaker_name, speaker_kb_id, source in session.execute(query):
            if grouped and quote.quote_text_pk in seen:
                continue
            seen.add(quote.quote_text_pk)
            rows.append(
                {
                    "quote": quote.quote_text_pk,
                    "text": quote.text,
                    "speaker": speaker_name,
                    "speaker_kb_id": speaker_kb_id,
                    "speaker_text": quote.speaker_text,
                    "channel": quote.channel,
                    "kind": quote.kind,
                    "occurrences": text_row.occurrences if text_row else 1,
                    "documents": text_row.documents if text_row else 1,
                    "document_id": quote.document_id,
                    "source": source,
                    "start": quote.start,
                    "end": quote.end,
                }
            )
    if grouped:
        rows.sort(key=lambda r: -r["occurrences"])
    return rows[offset : offset + limit]


def kb_entity_details(engine: Engine, name: str) -> list[dict]:
    """KB entities whose name or an alias contains `name`, with every document link and its evidence."""
    needle = name.lower()
    with Session(engine) as session:
        matches = [
            kb
            for kb in session.scalars(select(KbEntityRow).order_by(KbEntityRow.documents.desc()))
            if needle in kb.name.lower() or any(needle in a.lower() for a in kb.aliases)
        ]
        return [_kb_detail(session, kb) for kb in matches[:20]]


def entity_profile(engine: Engine, kb_id: str) -> dict | None:
    """One KB entity (details and merge evidence) with the quotes it spoke and the events naming it;
    the API's entity view and the entity page both show this."""
    with Session(engine) as session:
        kb = session.scalar(select(KbEntityRow).where(KbEntityRow.kb_id == kb_id))
        if kb is None:
            return None
        profile = _kb_detail(session, kb)
    name = profile["name"]
    profile["quotes"] = quote_rows(engine, limit=10**6, speaker_kb_id=kb_id)
    profile["events"] = [
        e
        for e in event_rows(engine, EventFilter(limit=10**6))
        if name in (e["actor"], e["target"], e["location"])
    ]
    return profile


def _kb_detail(session: Session, kb: KbEntityRow) -> dict:
    links = session.execute(
        select(KbLinkRow, EntityRow.name, EntityRow.document_id)
        .join(EntityRow, EntityRow.pk == KbLinkRow.entity_pk)
        .where(KbLinkRow.kb_pk == kb.pk)
        .order_by(KbLinkRow.pk)
    )
    return {
        "kb_id": kb.kb_id,
        "name": kb.name,
        "type": kb.type,
        "aliases": kb.aliases,
        "countries": kb.countries,
        "actor_id": kb.actor_id,
        "documents": kb.documents,
        "links": [
            {
                "entity": link.entity_pk,
                "document": document,
                "name": entity_name,
                "method": link.method,
                "score": link.score,
                "active": link.active,
                "evidence": link.evidence,
            }
            for link, entity_name, document in links
        ],
    }


PLACE_COLUMNS = [
    "gazetteer_id",
    "name",
    "aliases",
    "country",
    "admin1",
    "lat",
    "lon",
    "feature",
    "documents",
    "mentions",
]


def place_rows(engine: Engine, country: str | None = None, limit: int = 10000, offset: int = 0) -> list[dict]:
    """Places across documents, one row per gazetteer entry, with every name used for it."""
    query = select(EntityRow).where(EntityRow.type == "PLACE", EntityRow.geo.is_not(None))
    if country:
        query = query.where(EntityRow.country == country.upper())
    places: dict[str, dict] = {}
    with Session(engine) as session:
        mention_counts = dict(
            session.execute(select(MentionRow.entity_pk, func.count()).group_by(MentionRow.entity_pk)).all()
        )
        for entity in session.scalars(query):
            geo = entity.geo
            row = places.setdefault(
                geo["gazetteer_id"],
                {
                    "gazetteer_id": geo["gazetteer_id"],
                    "name": entity.name,
                    "aliases": set(),
                    "country": geo["country"],
                    "admin1": geo.get("admin1"),
                    "lat": geo["lat"],
                    "lon": geo["lon"],
                    "feature": geo.get("feature"),
                    "documents": set(),
                    "mentions": 0,
                },
            )
            row["aliases"].update([entity.name, *entity.aliases])
            row["documents"].add(entity.document_id)
            row["mentions"] += mention_counts.get(entity.pk, 0)
    rows = sorted(places.values(), key=lambda r: (-r["mentions"], r["name"]))[offset : offset + limit]
    for row in rows:
        row["aliases"] = sorted(row["aliases"] - {row["name"]})
        row["documents"] = sorted(row["documents"])
    return rows


def to_geojson(events: list[dict], places: list[dict]) -> dict:
    """RFC 7946 FeatureCollection: a Point per located event and per place, `kind` telling which."""
    features = []
    for event in events:
        if event["lat"] is None or event["lon"] is None:
            continue
        properties = {k: v for k, v in event.items() if k not in ("lat", "lon")}
        features.append(_point(event["lon"], event["lat"], {"kind": "event", **properties}))
    for place in places:
        properties = {k: v for k, v in place.items() if k not in ("lat", "lon")}
        features.append(_point(place["lon"], place["lat"], {"kind": "place", **properties}))
    return {"type": "FeatureCollection", "features": features}


def _point(lon: float, lat: float, properties: dict) -> dict:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": properties,
    }
