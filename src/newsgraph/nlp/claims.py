"""Claims component: each reported event, each relation the text states and each attributed quote
becomes a claim with its sources.

Claims about the same subject and event type that disagree (one negated, one not; or different
places) are marked contested and point at each other as alternatives. Cross-document contests are
computed in the knowledge base."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlparse

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.nlp.names import load_data

UNNAMED = "unnamed source"


def publisher_of(source: str | None) -> str:
    """'publisher:<host>' for URLs, 'publisher:<file name>' for files: who printed the claim."""
    if not source:
        return "publisher"
    host = urlparse(source).netloc
    return f"publisher:{host or source.rsplit('/', 1)[-1]}"


class ClaimBuilder:
    def __init__(self) -> None:
        data = load_data("hedges.json")
        self.hedges = tuple(data["hedges"])
        self.denials = tuple(data["denials"])

    def __call__(self, doc: Doc) -> Doc:
        publisher = publisher_of((doc._.document or {}).get("source"))
        claims: list[dict] = []
        for index, event in enumerate(doc._.events or []):
            subject = event["target"] or event["actor"] or event["location"]
            if subject is None:
                continue
            claim = self._claim(event, subject, event["sentence"], index, "event", publisher)
            # the other participant and the date: two accounts are about one proposition only when
            # these agree (an accusation about one act and a denial of another are no contest)
            claim["role"] = "target" if subject == event["target"] else "actor" if subject == event["actor"] else "place"
            claim["counterpart"] = event["actor"] if subject == event["target"] else event["target"]
            claim["date"] = event.get("date")
            claim["victims"] = event.get("victims")  # 'killed ten people': sources that count otherwise disagree
            claims.append(claim)
        for index, relation in enumerate(doc._.relations or []):
            if relation.get("evidence") != "text":  # the gazetteer's hierarchy is not the article's claim
                continue
            span = doc.char_span(relation["start"], relation["end"], alignment_mode="expand")
            sentence = span.sent.text if span is not None else doc.text[relation["start"] : relation["end"]]
            claim = self._claim(relation, relation["subject"], sentence, index, "relation", publisher)
            claim.update(predicate=relation["predicate"], object=relation["object"])
            claims.append(claim)
        for index, quote in enumerate(doc._.quotes or []):
            if quote["speaker"] is None and quote["speaker_text"] is None:
                continue
            subject = quote["speaker"] or self._first_entity(doc, quote)
            if subject is None:
                continue
            claim = self._claim(quote, subject, quote["text"], index, "quote", publisher)
            claim["sources"] = [quote["speaker"] or UNNAMED]
            claims.append(claim)
        for number, claim in enumerate(claims, 1):
            claim["id"] = f"c{number}"
        self._contest(claims)
        doc._.claims = claims
        return doc

    def _claim(self, fact: dict, subject: str, statement: str, index: int, kind: str, publisher: str) -> dict:
        lowered = f" {statement.lower()} "
        source = fact.get("attributed_to") or (UNNAMED if fact.get("attributed_text") else publisher)
        return {
            "id": "",
            "subject": subject,
            "statement": statement,
            "status": "reported",
            "sources": [source],
            "source_text": fact.get("attributed_text"),  # 'the army' when no entity stands for the source
            "alternatives": [],
            "kind": kind,
            "fact_index": index,
            "event_type": fact.get("type"),
            "negated": bool(fact.get("negated")),
            "location": fact.get("location"),
            "hedged": any(f" {h} " in lowered or f" {h}," in lowered for h in self.hedges),
            "denial": any(d in lowered for d in self.denials),
        }

    @staticmethod
    def _first_entity(doc: Doc, quote: dict) -> str | None:
        for entity in doc._.entities or []:
            if any(quote["start"] <= m["start"] < quote["end"] for m in entity["mentions"]):
                return entity["id"]
        return None

    @staticmethod
    def _contest(claims: list[dict]) -> None:
        """Two event claims are contested when they are about one proposition (same subject in the same
        role, same event type, same other participant, compatible place and time) and one denies it or
        another source puts it elsewhere; two acts at two places reported by one source are two acts."""
        events = [c for c in claims if c["kind"] == "event"]
        for i, first in enumerate(events):
            for second in events[i + 1 :]:
                if (first["subject"], first["role"], first["event_type"]) != (
                    second["subject"], second["role"], second["event_type"]
                ) or not same_proposition(first, second):
                    continue
                if first["statement"] == second["statement"] and first["sources"] == second["sources"]:
                    continue  # one source in one sentence does not contradict itself
                elsewhere = (
                    (first["sources"], first["source_text"]) != (second["sources"], second["source_text"])
                    and first["location"] and second["location"] and first["location"] != second["location"]
                )
                denied = (first["negated"] != second["negated"] or first["denial"] != second["denial"]) and (
                    compatible_places(first["location"], second["location"])
                )
                if elsewhere or denied or _counted_otherwise(first, second):
                    first["status"] = second["status"] = "contested"
                    first["alternatives"].append(second["id"])
                    second["alternatives"].append(first["id"])


def same_proposition(first: dict, second: dict) -> bool:
    """Two accounts name the same other participant (or neither names one: 'denied attacking' with no
    object says nothing about the town another report says was shelled) and their dates lie within two
    days; callers compare places (`compatible_places`), which within one article may differ on purpose."""
    return first["counterpart"] == second["counterpart"] and near_in_time(first["date"], second["date"])


def different_tolls(first: int | None, second: int | None) -> bool:
    """Two accounts that both count an attack's victims, and count them differently."""
    return bool(first and second) and first != second


def _counted_otherwise(first: dict, second: dict) -> bool:
    """Two sources give one attack different tolls ('killed ten' against 'killed three'); one source that
    counts twice (a rising toll) is not a contest."""
    return (
        different_tolls(first.get("victims"), second.get("victims"))
        and (first["sources"], first.get("source_text")) != (second["sources"], second.get("source_text"))
        and compatible_places(first.get("location"), second.get("location"))
    )


def compatible_places(first: str | None, second: str | None) -> bool:
    return first is None or second is None or first == second


def near_in_time(first: str | None, second: str | None, days: int = 2) -> bool:
    if not first or not second or len(first) < 10 or len(second) < 10:
        return True
    try:
        return abs((dt.date.fromisoformat(first[:10]) - dt.date.fromisoformat(second[:10])).days) <= days
    except ValueError:
        return True


@Language.factory("newsgraph_claims", default_config={})
def make_claims(nlp: Language, name: str) -> ClaimBuilder:
    return ClaimBuilder()
