"""The situation picture, computed from stored facts (never typed in): where a person was last reported,
who holds a place, organisation or asset according to which sources and since when, a party's allies and
opponents with the evidence for each, and the claims that sources contest across documents.

Two kinds of stored fact feed it: coded events (a seizure, an attack, with actor, target and place) and the
situation relations the stance component reads from the parse (located_in, controls, ally_of,
opponent_of, membership and kinship). Hypothetical facts ('plans to buy', 'could seize') are left out;
denied ones are kept as the competing accounts they are."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from newsgraph.geo.gazetteer import distance_km
from newsgraph.nlp.claims import compatible_places, different_tolls, near_in_time, same_proposition
from newsgraph.nlp.names import load_data
from newsgraph.store.queries import ROLES, events_with_roles, involving, situation_relations
from newsgraph.store.schema import ClaimRow, DocumentRow, EntityRow, KbEntityRow

CONTROL_GAINED = {("ASSAULT", "seize")}
CONTROL_LOST = {("RETREAT", "withdraw"), ("RETREAT", "flee"), ("CONCEDE", "surrender")}
ALLIED = {"COOPERATE", "AGREE", "SUPPORT", "AID", "CONSULT"}  # allies and contacts: talks count
OPPOSED = {"ASSAULT", "ACCUSE", "REJECT", "THREATEN", "SANCTION", "COERCE", "PROTEST"}  # CAMEO verbal and material conflict
VERBAL = (ALLIED | OPPOSED) - {"ASSAULT", "COERCE", "PROTEST"}  # acts only a party can be the object of
CONTACT_ONLY = {"CONSULT", "meet", "talk", "negotiate"}  # talks and meetings: contact, which foes have too
ALLIED_RELATIONS = {"ally_of", "member_of", "child_of", "parent_of", "sibling_of"}
STANCE_RELATIONS = ALLIED_RELATIONS | {"opponent_of"}
LEADING_CUES = {"title", "lead", "led", "head", "run", "command", "helm"}  # control by leading, not by owning or holding
PARTY_TYPES = ("PERSON", "ORG", "OTHER")
ARRIVAL_CUES = frozenset(load_data("situation_cues.json")["arrival_cues"])  # where one ends up


def _facts(session: Session, kb_id: str) -> list[dict]:
    """Every stored event in which the KB entity takes part, with the KB ids of all participants."""
    actor, target, place, source = ROLES.actor, ROLES.target, ROLES.location, ROLES.source
    query = (
        events_with_roles()
        .add_columns(
            actor.kb_id,
            actor.name,
            target.kb_id,
            target.name,
            place.kb_id,
            place.name,
            source.name,
            actor.type,
            target.type,
            place.geo,
        )
        .where(involving(kb_id))
    )
    facts = []
    for row in session.execute(query):
        event, doc_source, published, a_id, a_name, t_id, t_name, p_id, p_name, said_by, a_type, t_type, geo = row
        facts.append(
            {
                "event": event.pk,
                "type": event.type,
                "mode": event.mode,
                "date": event.date or (published or "")[:10],
                "report_date": (published or "")[:10] or None,
                "negated": event.negated,
                "hypothetical": event.hypothetical,
                "future": bool((event.details or {}).get("future")),
                "actor": a_id,
                "actor_name": a_name,
                "actor_type": a_type,
                "target": t_id,
                "target_name": t_name,
                "target_type": t_type,
                "place": p_id,
                "place_name": p_name,
                "place_geo": geo,
                "source": said_by or doc_source,
                "document_source": doc_source,
                "document": event.document_id,
                "sentence": event.sentence,
                "start": event.start,
            }
        )
    return facts


def _in_time_order(items: list[dict], same: tuple[str, ...] = ()) -> list[dict]:
    """Oldest first by date, then by document and position. With `same`, items that say the same thing
    in the same sentence (an event and the relation read from it) are kept once: the first given, which
    callers make the one naming its source."""
    if same:
        seen, unique = set(), []
        for item in items:
            key = (*(item[k] for k in same), item["document"], item["sentence"])
            if key not in seen:
                seen.add(key)
                unique.append(item)
        items = unique
    # An undated fact from an undated report tells the report's present: it comes after explicitly
    # dated history ('sold it in 1984').
    return sorted(
        items, key=lambda item: (item.get("date") or "\uffff", item["document"], item.get("start") or 0)
    )


def situation(engine: Engine, kb_id: str) -> dict | None:
    with Session(engine) as session:
        kb = session.scalar(select(KbEntityRow).where(KbEntityRow.kb_id == kb_id))
        if kb is None:
            return None
        # the picture is what has happened: hedged and announced-but-future accounts stay out
        facts = [f for f in _facts(session, kb_id) if not (f["hypothetical"] or f["future"])]
        told = situation_relations(session, kb_id)
    relations = [r for r in told if not (r["hypothetical"] or r["future"])]
    # a side taken by announcing an act ('X said it will delist Y', 'X will sue Y') is taken now
    declared = [r for r in told if r["future"] and not r["hypothetical"] and r["predicate"] in STANCE_RELATIONS]
    # an agreed or announced takeover is shown as pending control, and only there
    pending = [r for r in told if r["pending"] and (r["hypothetical"] or r["future"])]
    picture: dict = {"kb_id": kb.kb_id, "name": kb.name, "type": kb.type}
    if kb.type == "PERSON":
        picture["whereabouts"] = _whereabouts(kb_id, facts, relations)
    if kb.type == "ORG":
        picture["presence"] = _presence(kb_id, facts, relations)
    if kb.type != "PERSON":
        picture["control"] = _control(kb_id, facts, relations + pending, exclusive=kb.type == "PLACE")
        picture["held_by"] = _current_holder(picture["control"])
    if kb.type in PARTY_TYPES or kb.type == "PLACE":
        picture["holds"] = _holdings(kb_id, relations + pending)
        picture.update(_relations(kb_id, facts, relations + declared, acts=kb.type != "PLACE"))
    return picture


def _sightings(kb_id: str, facts: list[dict], relations: list[dict]) -> list[dict]:
    """Places where the entity was reported: statements putting it somewhere ('arrived in', 'was held
    at', 'speaking from', 'based in'), then located events it took part in, each with its source. In
    that order, not yet in time order: `_in_time_order` keeps the statement naming its source over the
    event read from the same sentence."""
    seen = [
        _sighting(r["object_name"], r["object"], r, r["cue"], r["object_geo"])
        for r in relations
        if r["predicate"] == "located_in" and r["subject"] == kb_id and not r["negated"]
    ]
    seen += [
        _sighting(f["place_name"], f["place"], f, "event", f["place_geo"])
        for f in facts
        if f["place"] and not f["negated"] and kb_id in (f["actor"], f["target"])
    ]
    return seen


def _presence(kb_id: str, facts: list[dict], relations: list[dict]) -> list[dict]:
    """Where an organisation was reported acting, struck, based or holding ground, by source. An
    organisation is in many places at once, so no two of them contradict each other."""
    held = [
        _sighting(r["object_name"], r["object"], r, "holds", r["object_geo"])
        for r in relations
        if r["predicate"] == "controls" and r["subject"] == kb_id and r["object_type"] == "PLACE"
        and not (r["negated"] or r["lost"] or r["pending"])
    ]
    seen = _in_time_order(_sightings(kb_id, facts, relations) + held, same=("place_kb_id",))
    return [{**sighting, "contested": False} for sighting in seen]


def _whereabouts(kb_id: str, facts: list[dict], relations: list[dict]) -> dict:
    """Places where the person was reported (`_sightings`). The latest is the last known place; two
    sources placing the person in different places on the same day are contested."""
    seen = _in_time_order(_sightings(kb_id, facts, relations), same=("place_kb_id",))
    by_day: dict[str, list] = defaultdict(list)
    for sighting in seen:
        if sighting["date"]:
            by_day[sighting["date"]].append(sighting)
    for sighting in seen:
        sighting["contested"] = any(
            other["source"] != sighting["source"] and not _same_area(sighting, other)
            for other in by_day.get(sighting["date"], [])
        )
    return {"last_known": _latest(seen, "place_kb_id", ARRIVAL_CUES), "history": seen}


NEAR_KM = 50.0  # a city and its airport, a town and the stadium outside it


def _same_area(first: dict, second: dict) -> bool:
    """Two places one person can be at on one day without the accounts contradicting each other: the
    same place, one inside the other (a city and its country or province), or two within NEAR_KM. A place
    the gazetteer does not locate (an arena, a hotel) contradicts nothing, and nor does one name read as
    two namesakes (a town two countries have): that is a misreading of one place, not two places."""
    if first["place_kb_id"] == second["place_kb_id"] or None in (first["lat"], second["lat"]):
        return True
    if (first["place"] or "").casefold() == (second["place"] or "").casefold():
        return True
    if distance_km((first["lat"], first["lon"]), (second["lat"], second["lon"])) <= NEAR_KM:
        return True
    for outer, inner in ((first, second), (second, first)):
        if outer["country"] and outer["country"] == inner["country"] and (
            outer["feature"] == "country" or (outer["feature"] == "admin1" and outer["admin1"] == inner["admin1"])
        ):
            return True
    return False


def _latest(items: list[dict], key: str, arrivals: frozenset[str] = frozenset()) -> dict | None:
    """The latest of accounts in time order. When the latest are undated (reports that give no day) and
    other reports are dated, the latest dated account stands; when no report is dated, their order says
    nothing of time: the `key` (a place, a holder) most documents give among them wins,
    at its latest account. With `arrivals` (whereabouts), a document that tells an event at one place and
    then the person arriving or being taken somewhere (a cue in `arrivals`) gives only the latter."""
    if not items or items[-1]["date"]:
        return items[-1] if items else None
    dated_reports = [item for item in items if item.get("report_date")]
    if dated_reports:  # an undated report cannot be placed among dated ones: the latest dated stands
        return dated_reports[-1]
    undated = [item for item in items if not item["date"]]
    by_document: dict[str, list[dict]] = defaultdict(list)
    for item in undated:
        by_document[item["document"]].append(item)
    documents: dict[str, set] = defaultdict(set)
    for document, accounts in by_document.items():
        last_arrival = max((i for i, item in enumerate(accounts) if item.get("how") in arrivals), default=-1)
        for i, item in enumerate(accounts):
            if item.get("how") == "event" and i < last_arrival:
                continue  # superseded in its own report: taken from the scene to somewhere else
            documents[item[key]].add(document)
    best = max(len(d) for d in documents.values())
    leading = [item for item in undated if len(documents[item[key]]) == best]
    reached = {item[key] for item in leading if item.get("how") in arrivals}  # at equal count, an arrival
    return [item for item in leading if not reached or item[key] in reached][-1]


def _provenance(fact: dict) -> dict:
    """Where a fact comes from: its date, who says it, the document (and its source) and the sentence."""
    return {
        "date": fact["date"],
        "report_date": fact.get("report_date"),
        "source": fact["source"],
        "document_source": fact["document_source"],
        "document": fact["document"],
        "sentence": fact["sentence"],
        "start": fact.get("start"),
    }


def _sighting(place: str, place_kb_id: str, fact: dict, how: str | None, geo: dict | None) -> dict:
    return {
        "place": place,
        "place_kb_id": place_kb_id,
        "lat": (geo or {}).get("lat"),
        "lon": (geo or {}).get("lon"),
        "country": (geo or {}).get("country"),
        "admin1": (geo or {}).get("admin1"),
        "feature": (geo or {}).get("feature"),
        **_provenance(fact),
        "how": how,
    }


def _control(kb_id: str, facts: list[dict], relations: list[dict], exclusive: bool = False) -> list[dict]:
    """Who holds the place, organisation or asset according to each source: seizures, acquisitions and
    leadership give control, withdrawals and surrenders take it away; a denied taking is kept as the
    competing account it is, and so, for a place (`exclusive`: one holder at a time), are two sources
    naming two holders on one day. Oldest first, so the last holding claim is the latest."""
    claims = [
        _holding(
            relation["subject_name"], relation["subject"], not (relation["negated"] or relation["lost"]), relation
        )
        for relation in relations
        if relation["predicate"] == "controls" and relation["object"] == kb_id
    ]
    for fact in facts:
        if kb_id not in (fact["target"], fact["place"]) or not fact["actor"]:
            continue
        kind = (fact["type"], fact["mode"])
        if kind in CONTROL_GAINED:
            holds = not fact["negated"]
        elif kind in CONTROL_LOST:
            holds = fact["negated"]
        else:
            continue
        claims.append(_holding(fact["actor_name"], fact["actor"], holds, fact))
    claims = _in_time_order(claims, same=("holder_kb_id", "holds", "pending"))
    holders = {c["holder_kb_id"] for c in claims if c["holds"]}
    deniers = {c["holder_kb_id"] for c in claims if not c["holds"] and c["how"] != "lost"}
    rivals = _rival_holders(claims) if exclusive else set()  # a company may have several owners at once
    return [{**c, "contested": c["holder_kb_id"] in (holders & deniers) | rivals} for c in claims]


def _rival_holders(claims: list[dict]) -> set[str]:
    """Holders that sources at one time say hold it, each against another's account: two sources, two
    holders, days no more than two apart ('X said on Monday it had retaken the town', 'Y says it still
    holds it' on Wednesday); years apart it is history. A holder leading it, or one that has agreed to
    take it, is no rival of its owner."""
    accounts = [
        c for c in claims if c["holds"] and c["since"] and not c["pending"] and c["how"] == "holds"
    ]
    rivals: set[str] = set()
    for i, first in enumerate(accounts):
        for second in accounts[i + 1 :]:
            if (
                first["holder_kb_id"] != second["holder_kb_id"]
                and first["source"] != second["source"]
                and _same_time(first["since"], second["since"])
            ):
                rivals |= {first["holder_kb_id"], second["holder_kb_id"]}
    return rivals


def _same_time(first: str, second: str) -> bool:
    """Two dates of one moment: full days at most two apart, else the same (month, week or year)."""
    if len(first) == len(second) == 10:
        return near_in_time(first, second)
    return first == second


def _current_holder(claims: list[dict]) -> dict | None:
    """Who holds it now, as far as the sources tell: the latest owner or holder; failing one, the
    latest leader (a company owned by another is held by the owner, not by its chief executive); failing
    both, the buyer of an agreed takeover not yet done (`pending`)."""
    ended = _ended_holders(claims)
    done = [c for c in claims if c["holds"] and not c["pending"] and c["holder_kb_id"] not in ended]
    holding = [c for c in done if c["how"] != "leads"]
    leading = [c for c in done if c["how"] == "leads"]
    agreed = [c for c in claims if c["holds"] and c["pending"]]
    chosen = _latest(holding, "holder_kb_id") or _latest(leading, "holder_kb_id") or _latest(agreed, "holder_kb_id")
    keys = ("holder", "holder_kb_id", "how", "since", "source", "pending")
    return None if chosen is None else {k: chosen[k] for k in keys}


def _ended_holders(claims: list[dict]) -> set[str]:
    """Holders whose latest account, in time order, is that they lost it ('X was driven out of Y', 'Y was
    retaken from X'): they held it once, they do not hold it now."""
    last: dict[str, dict] = {}
    for claim in claims:
        if (claim["holds"] and not claim["pending"]) or claim["how"] == "lost":
            last[claim["holder_kb_id"]] = claim
    return {holder for holder, claim in last.items() if claim["how"] == "lost"}


def _holding(holder: str, holder_kb_id: str, holds: bool, fact: dict) -> dict:
    return {
        "holder": holder,
        "holder_kb_id": holder_kb_id,
        "holds": holds,
        "how": "leads" if fact.get("cue") in LEADING_CUES else "lost" if fact.get("lost") else "holds",
        "pending": bool(fact.get("pending")),
        "since": fact["date"],
        **_provenance(fact),
    }


def _holdings(kb_id: str, relations: list[dict]) -> list[dict]:
    """What the entity holds, owns or leads, by source (the other side of `control`)."""
    return [
        {
            "name": r["object_name"],
            "kb_id": r["object"],
            "holds": not r["negated"],
            "pending": r["pending"],
            "since": r["date"],
            **_provenance(r),
        }
        for r in _in_time_order(relations)
        if r["predicate"] == "controls" and r["subject"] == kb_id
    ]


def _relations(kb_id: str, facts: list[dict], relations: list[dict], acts: bool = True) -> dict:
    """Allies and opponents among people, organisations and countries, each with its evidence: coded
    events (talks and aid; attacks, accusations, sanctions) and the stance relations. A place (`acts`
    false) takes no side by being attacked or taken, only by acting or by being the object of a verbal
    act (`_takes_part`)."""
    allies, opponents = defaultdict(list), defaultdict(list)
    _stance_evidence(kb_id, relations, allies, opponents)
    told = {(e["document"], e["sentence"]) for bucket in (allies, opponents) for ev in bucket.values() for e in ev}
    for fact in facts:
        if (fact["document"], fact["sentence"]) in told:
            continue  # the stance relation read from this sentence already stands for it
        if fact["negated"] or not fact["actor"] or not fact["target"]:
            continue
        other = _other_side(kb_id, fact["actor"], fact["actor_name"], fact["target"], fact["target_name"])
        if other is None:
            continue
        other_acts = other[0] == fact["actor"]
        other_type = fact["actor_type"] if other_acts else fact["target_type"]
        if not (_takes_part(fact, other_type, other_acts) and (acts or _takes_part(fact, "PLACE", not other_acts))):
            continue  # a town attacked is a target, not an opponent
        bucket = allies if fact["type"] in ALLIED else opponents if fact["type"] in OPPOSED else None
        if bucket is not None:
            bucket[other].append(_evidence(fact["type"], fact))
    for other in [o for o, evidence in allies.items() if o in opponents]:
        if all(e["type"] in CONTACT_ONLY for e in allies[other]):
            del allies[other]  # opponents meet too: a meeting alone makes no ally of a foe
    return {"allies": _listing(allies), "opponents": _listing(opponents)}


def _takes_part(fact: dict, entity_type: str, acting: bool) -> bool:
    """Whether a participant is a side in the act: a person, an organisation, or a country or other place
    that acts ('Kenya imposed sanctions on X') or is the object of a verbal act, which only a polity can be
    ('X accused Uganda', 'X sent aid to Chad'); a place attacked or taken is where it happened."""
    return entity_type in PARTY_TYPES or (entity_type == "PLACE" and (acting or fact["type"] in VERBAL))


def _stance_evidence(kb_id: str, relations: list[dict], allies: dict, opponents: dict) -> None:
    for relation in relations:
        predicate = relation["predicate"]
        if predicate == "controls" and relation["subject_type"] in PARTY_TYPES and relation["object_type"] in PARTY_TYPES:
            predicate = "ally_of"  # an owner or leader is with what it owns or leads
        if relation["negated"] or predicate not in STANCE_RELATIONS:
            continue
        other = _other_side(
            kb_id, relation["subject"], relation["subject_name"], relation["object"], relation["object_name"]
        )
        if other is None:
            continue
        bucket = opponents if predicate == "opponent_of" else allies
        bucket[other].append(_evidence(relation["cue"] or predicate, relation))


def _other_side(kb_id: str, first: str, first_name: str, second: str, second_name: str) -> tuple | None:
    if first == kb_id and second != kb_id:
        return second, second_name
    if second == kb_id and first != kb_id:
        return first, first_name
    return None


def _evidence(kind: str, fact: dict) -> dict:
    return {
        "type": kind,
        **_provenance(fact),
    }


def _listing(bucket: dict) -> list[dict]:
    ranked = sorted(bucket.items(), key=lambda item: -len(item[1]))
    return [{"kb_id": kb_id, "name": name, "evidence": evidence} for (kb_id, name), evidence in ranked]


def contested_across_documents(engine: Engine) -> list[dict]:
    """Accounts from different documents about one proposition whose sources disagree: one says it
    happened, another that it did not or denies it. One proposition means the same subject (a KB entity)
    in the same role, the same event type, and no difference in what is known of the other participant,
    the place and the day (two days apart at most): 'X did not meet them' and 'Y met with X' are not a
    contest, nor is a denial of one act against the report of another."""
    with Session(engine) as session:
        rows = session.execute(
            select(ClaimRow, EntityRow.kb_id, EntityRow.name, DocumentRow.source)
            .join(EntityRow, EntityRow.pk == ClaimRow.subject_pk)
            .join(DocumentRow, DocumentRow.id == ClaimRow.document_id)
            .where(ClaimRow.details["kind"].as_string() == "event")
        ).all()
        pks = {c.details.get(k) for c, *_ in rows for k in ("counterpart_pk", "location_pk")} - {None}
        kb_of = dict(session.execute(select(EntityRow.pk, EntityRow.kb_id).where(EntityRow.pk.in_(pks))).all())
    groups: dict[tuple, list] = defaultdict(list)
    for claim, kb_id, name, source in rows:
        details = claim.details
        groups[(kb_id, details.get("event_type"), details.get("role"))].append(
            {
                "claim": claim,
                "name": name,
                "source": source,
                "denied": bool(details.get("negated")) or bool(details.get("denial")),
                "counterpart": kb_of.get(details.get("counterpart_pk")),
                "place": kb_of.get(details.get("location_pk")),
                "date": details.get("date"),
                "victims": details.get("victims"),
            }
        )
    contested = []
    for (kb_id, event_type, _), members in groups.items():
        disputing = _disputing(members)
        if not disputing:
            continue
        contested.append(
            {
                "subject_kb_id": kb_id,
                "subject": disputing[0]["name"],
                "event_type": event_type,
                "accounts": [
                    {
                        "document": m["claim"].document_id,
                        "source_document": m["source"],
                        "statement": m["claim"].statement,
                        "denied": m["denied"],
                        "hedged": bool(m["claim"].details.get("hedged")),
                        "victims": m["victims"],
                    }
                    for m in disputing
                ],
            }
        )
    return contested


def _disputing(members: list[dict]) -> list[dict]:
    """The accounts that contradict another account of the same proposition from another document: one
    denies what the other tells, or the two give the attack different tolls."""
    involved: dict[int, dict] = {}
    for i, first in enumerate(members):
        for second in members[i + 1 :]:
            if (
                (first["denied"] != second["denied"] or different_tolls(first["victims"], second["victims"]))
                and first["claim"].document_id != second["claim"].document_id
                and same_proposition(first, second)
                and compatible_places(first["place"], second["place"])
            ):
                involved[id(first)] = first
                involved[id(second)] = second
    return [m for m in members if id(m) in involved]
