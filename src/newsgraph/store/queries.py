"""Read-side queries shared by the CLI, exports and (later) the API: events and places as flat rows
with the names of the entities they involve, and GeoJSON built from those rows."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Engine, Select, String, cast, func, or_, select, union
from sqlalchemy.orm import Session, aliased

from newsgraph.store.schema import (
    ClaimRow,
    DocumentRow,
    EntityRow,
    EventClusterRow,
    EventRow,
    KbEntityRow,
    KbLinkRow,
    PlaceRow,
    QuoteRow,
    QuoteTextRow,
    RelationRow,
)


@dataclass(kw_only=True)
class EventFilter:
    type: str | None = None
    country: str | None = None
    since: str | None = None
    until: str | None = None
    negated: bool | None = None
    hypothetical: bool | None = None
    actor: str | None = None
    kb_id: str | None = None  # events the KB entity takes part in, in any role
    clusters: list[int] | None = None  # mentions of these real-world events
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


# Built once: aliasing a mapped class copies every column, which costs more than running the query.
ROLES = EventRoles(*(aliased(EntityRow, name=role) for role in ("actor", "target", "location", "source")))


def events_with_roles(entity: bool = True) -> Select:
    """SELECT events (the ORM row unless `entity` is false, then only columns) with their document's
    source and date, joined to the entity in every role; callers add the role columns they need from
    the aliases in ROLES."""
    query = (
        select(*([EventRow] if entity else []), DocumentRow.source, DocumentRow.published)
        .select_from(EventRow)
        .join(DocumentRow, DocumentRow.id == EventRow.document_id)
        .outerjoin(ROLES.actor, ROLES.actor.pk == EventRow.actor_pk)
        .outerjoin(ROLES.target, ROLES.target.pk == EventRow.target_pk)
        .outerjoin(ROLES.location, ROLES.location.pk == EventRow.location_pk)
        .outerjoin(ROLES.source, ROLES.source.pk == EventRow.attributed_to_pk)
    )
    return query


def involving(kb_id: str):
    """WHERE clause: events in which the KB entity is actor, target or place. One IN over a UNION of
    three lookups on the indexed role columns: SQLite and PostgreSQL both answer it from the indexes,
    where PostgreSQL scans every event for an OR of three IN-subqueries (55 ms at 100k events)."""
    linked = select(EntityRow.pk).where(EntityRow.kb_id == kb_id)
    in_a_role = union(
        select(EventRow.pk).where(EventRow.actor_pk.in_(linked)),
        select(EventRow.pk).where(EventRow.target_pk.in_(linked)),
        select(EventRow.pk).where(EventRow.location_pk.in_(linked)),
    )
    return EventRow.pk.in_(in_a_role)


SITUATION_PREDICATES = (
    "located_in", "controls", "ally_of", "opponent_of", "member_of", "child_of", "parent_of", "sibling_of",
)


def situation_relations(session: Session, kb_id: str) -> list[dict]:
    """Stored relations a situation picture is made of, in which the KB entity is subject or object, with
    both sides' KB ids, names and types and the document's date and source. Two indexed lookups (subject
    side, object side) rather than an OR across the two joins."""
    subject, other = aliased(EntityRow), aliased(EntityRow)
    linked = select(EntityRow.pk).where(EntityRow.kb_id == kb_id)
    either = union(
        select(RelationRow.pk).where(RelationRow.subject_pk.in_(linked)),
        select(RelationRow.pk).where(RelationRow.object_pk.in_(linked)),
    )
    query = (
        select(
            RelationRow, subject.kb_id, subject.name, subject.type, other.kb_id, other.name, other.type,
            other.geo, DocumentRow.published, DocumentRow.source,
        )
        .join(subject, subject.pk == RelationRow.subject_pk)
        .join(other, other.pk == RelationRow.object_pk)
        .join(DocumentRow, DocumentRow.id == RelationRow.document_id)
        .where(RelationRow.pk.in_(either), RelationRow.predicate.in_(SITUATION_PREDICATES))
        .order_by(RelationRow.pk)
    )
    facts = []
    for relation, s_id, s_name, s_type, o_id, o_name, o_type, o_geo, published, doc_source in session.execute(query):
        details = relation.details or {}
        facts.append(
            {
                "predicate": relation.predicate,
                "subject": s_id, "subject_name": s_name, "subject_type": s_type,
                "object": o_id, "object_name": o_name, "object_type": o_type, "object_geo": o_geo,
                "cue": details.get("cue"),
                "negated": bool(details.get("negated")),
                "lost": bool(details.get("lost")),
                "hypothetical": bool(details.get("hypothetical")),
                "future": bool(details.get("future")),
                "pending": bool(details.get("pending")),
                "date": details.get("date") or (published or "")[:10],
                "report_date": (published or "")[:10] or None,
                "source": details.get("attributed_text") or doc_source,
                "document_source": doc_source,
                "document": relation.document_id,
                "sentence": details.get("sentence"),
                "start": relation.start,
            }
        )
    return facts


def event_conditions(f: EventFilter) -> list:
    """The filter as WHERE conditions over `events_with_roles()` (the actor filter uses its alias)."""
    conditions = []
    if f.type:
        conditions.append(EventRow.type == f.type.upper())
    if f.country:
        conditions.append(EventRow.country == f.country.upper())
    if f.since:
        conditions.append(EventRow.date >= f.since)
    if f.until:
        conditions.append(EventRow.date <= f.until + "\uffff")
    if f.negated is not None:
        conditions.append(EventRow.negated == f.negated)
    if f.hypothetical is not None:
        conditions.append(EventRow.hypothetical == f.hypothetical)
    if f.actor:
        conditions.append(ROLES.actor.name.ilike(f"%{f.actor}%"))
    if f.kb_id:
        conditions.append(involving(f.kb_id))
    if f.clusters is not None:
        conditions.append(EventRow.cluster_pk.in_(f.clusters))
    return conditions


def event_rows(engine: Engine, f: EventFilter) -> list[dict]:
    actor, target, location, source = ROLES.actor, ROLES.target, ROLES.location, ROLES.source
    query = (
        events_with_roles(entity=False)
        .add_columns(
            EventRow.pk.label("id"),
            EventRow.type,
            EventRow.mode,
            EventRow.date,
            EventRow.negated,
            EventRow.hypothetical,
            actor.name.label("actor"),
            target.name.label("target"),
            location.name.label("location"),
            EventRow.country,
            location.geo,
            source.name.label("attributed_to"),
            EventRow.document_id,
            EventRow.sentence,
            EventRow.start,
            EventRow.end,
            EventRow.cluster_pk.label("cluster"),
        )
        .order_by(EventRow.date.desc(), EventRow.pk.desc())
        .limit(f.limit)
        .offset(f.offset)
    )
    query = query.where(*event_conditions(f))
    with engine.connect() as connection:
        result = connection.execute(query)
        columns = list(result.keys())
        rows = [dict(zip(columns, values, strict=True)) for values in result]
    for row in rows:
        geo = row.pop("geo") or {}
        row["lat"], row["lon"] = geo.get("lat"), geo.get("lon")
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
    """Real-world events (clusters of mentions) with a mention matching the filter, most widely
    reported first, with the documents that report each. The page is cut in SQL; only its clusters'
    mentions are read."""
    matching = (
        events_with_roles(entity=False).with_only_columns(EventRow.cluster_pk).where(*event_conditions(f))
    )
    page = (
        select(EventClusterRow)
        .where(EventClusterRow.pk.in_(matching))
        .order_by(EventClusterRow.documents.desc(), EventClusterRow.date, EventClusterRow.pk)
        .limit(f.limit)
        .offset(f.offset)
    )
    with Session(engine) as session:
        clusters = session.scalars(page).all()
    mentions = event_rows(engine, EventFilter(clusters=[c.pk for c in clusters], limit=10**9))
    rows = {
        c.pk: {
            "cluster": c.pk,
            "type": c.type,
            "date": c.date,
            "actor": None,
            "target": None,
            "place": None,
            "negated": c.negated,
            "hypothetical": c.hypothetical,
            "mentions": c.mentions,
            "documents": c.documents,
            "sources": [],
        }
        for c in clusters
    }
    for mention in sorted(mentions, key=lambda m: m["id"]):  # names from the first report
        row = rows[mention["cluster"]]
        for field, key in (("actor", "actor"), ("target", "target"), ("place", "location")):
            row[field] = row[field] or mention[key]
        if mention["source"] not in row["sources"]:
            row["sources"].append(mention["source"])
    return list(rows.values())


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
        select(
            QuoteRow.quote_text_pk.label("quote"),
            QuoteRow.text,
            EntityRow.name.label("speaker"),
            EntityRow.kb_id.label("speaker_kb_id"),
            QuoteRow.speaker_text,
            QuoteRow.channel,
            QuoteRow.kind,
            func.coalesce(QuoteTextRow.occurrences, 1).label("occurrences"),
            func.coalesce(QuoteTextRow.documents, 1).label("documents"),
            QuoteRow.document_id,
            DocumentRow.source,
            QuoteRow.start,
            QuoteRow.end,
        )
        .join(QuoteTextRow, QuoteTextRow.pk == QuoteRow.quote_text_pk, isouter=True)
        .join(DocumentRow, DocumentRow.id == QuoteRow.document_id)
        .outerjoin(EntityRow, EntityRow.pk == QuoteRow.speaker_pk)
        .order_by(QuoteRow.pk)
    )
    own: list = []  # conditions on the quotes table itself
    if channel:
        own.append(QuoteRow.channel == channel)
    if speaker_kb_id:
        own.append(QuoteRow.speaker_pk.in_(select(EntityRow.pk).where(EntityRow.kb_id == speaker_kb_id)))
    query = query.where(*own)
    if speaker:
        query = query.where(
            EntityRow.name.ilike(f"%{speaker}%") | QuoteRow.speaker_text.ilike(f"%{speaker}%")
        )
    if not grouped:  # occurrences page in SQL; grouping needs every row first
        if speaker:
            query = query.limit(limit).offset(offset)
        else:  # cut the page on the quotes table alone: an OFFSET over joined rows joins every skipped row
            page = select(QuoteRow.pk).where(*own).order_by(QuoteRow.pk).limit(limit).offset(offset)
            query = query.where(QuoteRow.pk.in_(page))
        offset = 0
    rows, seen = [], set()
    with engine.connect() as connection:
        for row in connection.execute(query).mappings():
            if grouped and row["quote"] in seen:
                continue
            seen.add(row["quote"])
            rows.append(dict(row))
    if grouped:
        rows.sort(key=lambda r: -r["occurrences"])
    return rows[offset : offset + limit]


def entity_rows(
    engine: Engine, q: str | None = None, type: str | None = None, limit: int = 50, offset: int = 0
) -> list[dict]:
    """Knowledge-base entities, most documented first; `q` matches part of the name."""
    query = select(
        KbEntityRow.kb_id,
        KbEntityRow.name,
        KbEntityRow.type,
        KbEntityRow.aliases,
        KbEntityRow.countries,
        KbEntityRow.documents,
    ).order_by(KbEntityRow.documents.desc(), KbEntityRow.name)
    if type:
        query = query.where(KbEntityRow.type == type)
    if q:
        query = query.where(KbEntityRow.name.ilike(f"%{q}%"))
    with engine.connect() as connection:
        return [dict(row) for row in connection.execute(query.limit(limit).offset(offset)).mappings()]


def latest_reports(engine: Engine, limit: int = 20) -> list[dict]:
    """The most recently stored documents (newest first) with their most reported event type: what a
    situation room watches while a follower runs."""
    with Session(engine) as session:
        documents = session.execute(
            select(DocumentRow.id, DocumentRow.title, DocumentRow.source, DocumentRow.published,
                   DocumentRow.ingested_at)
            .where(DocumentRow.duplicate_of.is_(None))
            .order_by(DocumentRow.ingested_at.desc(), DocumentRow.id)
            .limit(limit)
        ).all()
        ids = [d.id for d in documents]
        counts = session.execute(
            select(EventRow.document_id, EventRow.type, func.count())
            .where(EventRow.document_id.in_(ids))
            .group_by(EventRow.document_id, EventRow.type)
        ).all()
    top: dict[str, tuple[int, str]] = {}
    for doc_id, kind, count in counts:
        if count > top.get(doc_id, (0, ""))[0]:
            top[doc_id] = (count, kind)
    return [
        {"id": d.id, "title": d.title, "source": d.source, "published": d.published,
         "stored": d.ingested_at.isoformat(timespec="seconds") + "Z", "event_type": top.get(d.id, (0, None))[1]}
        for d in documents
    ]


def claim_rows(engine: Engine, contested: bool = False, limit: int = 100, offset: int = 0) -> list[dict]:
    """Stored claims with their subject's name; only contested ones when `contested`."""
    query = select(ClaimRow, EntityRow.name).outerjoin(EntityRow, EntityRow.pk == ClaimRow.subject_pk)
    if contested:
        query = query.where(ClaimRow.status == "contested")
    with Session(engine) as session:
        rows = session.execute(query.order_by(ClaimRow.pk).limit(limit).offset(offset)).all()
        return [
            {
                "document_id": c.document_id,
                "id": c.local_id,
                "subject": name,
                "statement": c.statement,
                "status": c.status,
                "alternatives": c.alternatives,
                **c.details,
            }
            for c, name in rows
        ]


def kb_entity_details(engine: Engine, name: str, limit: int = 20) -> list[dict]:
    """KB entities matching `name` (see `find_kb_entities`), with every document link and its evidence."""
    with Session(engine) as session:
        return [_kb_detail(session, kb) for kb in find_kb_entities(session, name)[:limit]]


def find_kb_entities(session: Session, name: str) -> list[KbEntityRow]:
    """KB entities whose name or an alias contains `name`, best match first: the entity whose own name
    or an alias is `name` (the one whose documents most often call it so first, see `_documents_calling`;
    then own name before alias), then names holding it as whole words ('Kamara' in 'Ibrahim Kamara'),
    then any substring; within a rank, a sure type before a doubtful one (see `_doubtful_type`), then
    the most documented. So a person asked for by name is never answered by an entity that merely
    lists that name among its aliases."""
    needle = name.strip().casefold()
    if not needle:
        return []
    pattern = f"%{needle}%"
    candidates = session.scalars(
        select(KbEntityRow).where(
            or_(func.lower(KbEntityRow.name).like(pattern), func.lower(cast(KbEntityRow.aliases, String)).like(pattern))
        )
    ).all()
    ranked = [(name_match_rank(kb.name, kb.aliases, needle), kb) for kb in candidates]
    ranked = [(rank, kb) for rank, kb in ranked if rank is not None]
    called = _documents_calling(session, [kb for rank, kb in ranked if rank <= 1], needle)
    ranked.sort(
        key=lambda pair: (
            pair[0] > 1,
            -called.get(pair[1].kb_id, 0),
            pair[0],
            _doubtful_type(pair[1]),
            -pair[1].documents,
            pair[1].name,
            pair[1].pk,
        )
    )
    return [kb for _, kb in ranked]


def _documents_calling(session: Session, exact: list[KbEntityRow], needle: str) -> dict[str, int]:
    """For KB entities whose own name or an alias is exactly `needle`: how many of their documents call
    the entity by that name. The KB keeps the fullest name ('Anna Maria Berg'), so the spelling the
    news uses ('Anna Berg') is often only an alias; the entity most often called so is the one meant,
    before a one-article fragment that happens to bear the name, and before an entity a bad merge
    left with the name as a stray alias."""
    if len(exact) < 2:
        return {}
    spellings = {n for kb in exact for n in (kb.name, *kb.aliases) if n.casefold() == needle}
    rows = session.execute(
        select(EntityRow.kb_id, func.count(func.distinct(EntityRow.document_id)))
        .where(EntityRow.name.in_(spellings), EntityRow.kb_id.in_([kb.kb_id for kb in exact]))
        .group_by(EntityRow.kb_id)
    )
    return dict(rows.all())


def _doubtful_type(kb: KbEntityRow) -> bool:
    """A 'place' the gazetteer never placed is most often a name the tagger mistyped ('NRDX' as a
    place): within one rank of name match, entities of a sure type come first."""
    return kb.type == "PLACE" and not kb.countries


def name_match_rank(name: str, aliases: list[str], needle: str) -> int | None:
    """0 own name, 1 an alias, 2 whole words of the name, 3 whole words of an alias, 4 part of the name,
    5 part of an alias; None: no match (a JSON-escaped alias can match the SQL filter only)."""
    words = re.compile(rf"(?<!\w){re.escape(needle)}(?!\w)")
    folded = name.casefold()
    spellings = [a.casefold() for a in aliases]
    checks = (
        folded == needle,
        needle in spellings,
        bool(words.search(folded)),
        any(words.search(a) for a in spellings),
        needle in folded,
        any(needle in a for a in spellings),
    )
    return next((rank for rank, hit in enumerate(checks) if hit), None)


PROFILE_LIMIT = 1000  # most recent quotes and events on a profile; the filtered lists page further


def entity_profile(engine: Engine, kb_id: str) -> dict | None:
    """One KB entity (details and merge evidence) with the quotes it spoke and the events naming it;
    the API's entity view and the entity page both show this."""
    with Session(engine) as session:
        kb = session.scalar(select(KbEntityRow).where(KbEntityRow.kb_id == kb_id))
        if kb is None:
            return None
        profile = _kb_detail(session, kb)
    profile["quotes"] = quote_rows(engine, limit=PROFILE_LIMIT, speaker_kb_id=kb_id)
    profile["events"] = event_rows(engine, EventFilter(kb_id=kb_id, limit=PROFILE_LIMIT))
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
    """Places across documents, one row per gazetteer entry with every name used for it, most reported
    first (read from the `places` table that storing documents keeps up to date)."""
    query = (
        select(*(getattr(PlaceRow, column) for column in PLACE_COLUMNS))
        .order_by(PlaceRow.mentions.desc(), PlaceRow.name)
        .limit(limit)
        .offset(offset)
    )
    if country:
        query = query.where(PlaceRow.country == country.upper())
    with engine.connect() as connection:
        return [dict(row) for row in connection.execute(query).mappings()]


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
