"""The situation picture, computed from stored facts (never typed in): where a person was last reported,
who holds a place according to which sources and since when, a group's allies and opponents, and the
claims that sources contest across documents."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from newsgraph.store.queries import ROLES, events_with_roles, involving
from newsgraph.store.schema import ClaimRow, DocumentRow, EntityRow, KbEntityRow

CONTROL_GAINED = {("ASSAULT", "seize")}
CONTROL_LOST = {("RETREAT", "withdraw"), ("RETREAT", "flee"), ("CONCEDE", "surrender")}
ALLIED = {"COOPERATE", "AGREE", "SUPPORT", "AID"}
OPPOSED = {"ASSAULT", "ACCUSE", "THREATEN", "SANCTION", "COERCE", "PROTEST"}


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
        )
        .where(involving(kb_id))
    )
    facts = []
    for row in session.execute(query):
        event, doc_source, published, a_id, a_name, t_id, t_name, p_id, p_name, said_by, a_type, t_type = row
        facts.append(
            {
                "event": event.pk,
                "type": event.type,
                "mode": event.mode,
                "date": event.date or (published or "")[:10],
                "negated": event.negated,
                "hypothetical": event.hypothetical,
                "actor": a_id,
                "actor_name": a_name,
                "target": t_id,
                "target_name": t_name,
                "place": p_id,
                "place_name": p_name,
                "source": said_by or doc_source,
                "document": event.document_id,
                "sentence": event.sentence,
            }
        )
    return sorted(facts, key=lambda f: f["date"] or "")


def situation(engine: Engine, kb_id: str) -> dict | None:
    with Session(engine) as session:
        kb = session.scalar(select(KbEntityRow).where(KbEntityRow.kb_id == kb_id))
        if kb is None:
            return None
        facts = [f for f in _facts(session, kb_id) if not f["hypothetical"]]
        picture: dict = {"kb_id": kb.kb_id, "name": kb.name, "type": kb.type}
        if kb.type == "PERSON":
            picture["whereabouts"] = _whereabouts(kb_id, facts)
        if kb.type == "PLACE":
            picture["control"] = _control(kb_id, facts)
        if kb.type in ("ORG", "PERSON", "PLACE", "OTHER"):
            others = {f[k] for f in facts for k in ("actor", "target") if f[k]}
            kb_types = dict(
                session.execute(
                    select(KbEntityRow.kb_id, KbEntityRow.type).where(KbEntityRow.kb_id.in_(others))
                ).all()
            )
            picture.update(_relations(kb_id, facts, kb_types))
        return picture


def _whereabouts(kb_id: str, facts: list[dict]) -> dict:
    """Places where the person was reported (as actor or target of a located, non-negated event)."""
    seen = [
        {
            "place": f["place_name"],
            "place_kb_id": f["place"],
            "date": f["date"],
            "source": f["source"],
            "document": f["document"],
            "sentence": f["sentence"],
        }
        for f in facts
        if f["place"] and not f["negated"] and kb_id in (f["actor"], f["target"])
    ]
    return {"last_known": seen[-1] if seen else None, "history": seen}


def _control(kb_id: str, facts: list[dict]) -> list[dict]:
    """Who holds the place according to each source: seizures give control, withdrawals and
    surrenders take it away; a denied seizure is kept as the competing account it is."""
    claims = []
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
        claims.append(
            {
                "holder": fact["actor_name"],
                "holder_kb_id": fact["actor"],
                "holds": holds,
                "since": fact["date"],
                "source": fact["source"],
                "document": fact["document"],
                "sentence": fact["sentence"],
            }
        )
    holders = {c["holder_kb_id"] for c in claims if c["holds"]}
    disputed = any(not c["holds"] and c["holder_kb_id"] in holders for c in claims)
    return [{**c, "contested": disputed and c["holder_kb_id"] in holders} for c in claims]


def _relations(kb_id: str, facts: list[dict], kb_types: dict[str, str]) -> dict:
    allies, opponents = defaultdict(list), defaultdict(list)
    for fact in facts:
        if fact["negated"] or not fact["actor"] or not fact["target"]:
            continue
        if fact["actor"] == kb_id:
            other, other_name = fact["target"], fact["target_name"]
        elif fact["target"] == kb_id:
            other, other_name = fact["actor"], fact["actor_name"]
        else:
            continue
        if other == kb_id or kb_types.get(other) not in ("PERSON", "ORG", "OTHER"):
            continue  # a town attacked is a target, not an opponent
        bucket = allies if fact["type"] in ALLIED else opponents if fact["type"] in OPPOSED else None
        if bucket is not None:
            bucket[(other, other_name)].append(
                {"type": fact["type"], "date": fact["date"], "source": fact["source"]}
            )
    return {"allies": _listing(allies), "opponents": _listing(opponents)}


def _listing(bucket: dict) -> list[dict]:
    ranked = sorted(bucket.items(), key=lambda item: -len(item[1]))
    return [{"kb_id": kb_id, "name": name, "evidence": evidence} for (kb_id, name), evidence in ranked]


def contested_across_documents(engine: Engine) -> list[dict]:
    """Groups of claims from different documents about the same subject (one KB entity) and event
    type whose sources disagree: one says it happened, another that it did not or denies it."""
    with Session(engine) as session:
        rows = session.execute(
            select(ClaimRow, EntityRow.kb_id, EntityRow.name, DocumentRow.source)
            .join(EntityRow, EntityRow.pk == ClaimRow.subject_pk)
            .join(DocumentRow, DocumentRow.id == ClaimRow.document_id)
            .where(ClaimRow.details["kind"].as_string() == "event")
        ).all()
    groups: dict[tuple, list] = defaultdict(list)
    for claim, kb_id, name, source in rows:
        groups[(kb_id, claim.details.get("event_type"))].append((claim, name, source))
    contested = []
    for (kb_id, event_type), members in groups.items():
        documents = {c.document_id for c, _, _ in members}
        negations = {bool(c.details.get("negated")) or bool(c.details.get("denial")) for c, _, _ in members}
        if len(documents) < 2 or len(negations) < 2:
            continue
        contested.append(
            {
                "subject_kb_id": kb_id,
                "subject": members[0][1],
                "event_type": event_type,
                "accounts": [
                    {
                        "document": c.document_id,
                        "source_document": src,
                        "statement": c.statement,
                        "denied": bool(c.details.get("negated")) or bool(c.details.get("denial")),
                        "hedged": bool(c.details.get("hedged")),
                    }
                    for c, _, src in members
                ],
            }
        )
    return contested
