"""MEANTIME (English Wikinews, CC BY 4.0), the intra_cross-doc_annotation layer: entity mentions with
types and syntactic types, within-document chains (REFERS_TO an ENTITY instance), cross-document ids,
events with polarity/certainty and PropBank participants, TIMEX3 values."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from corpora.model import GoldDocument, GoldEvent, GoldMention, GoldTimex
from corpora.render import render
from corpora.split import half_of

TYPES = {"PER": "PERSON", "ORG": "ORG", "LOC": "PLACE"}


def folder(benchmarks: Path) -> Path:
    return benchmarks / "real" / "meantime" / "meantime_newsreader_english_oct15" / "intra_cross-doc_annotation"


def load(benchmarks: Path) -> list[GoldDocument]:
    root = folder(benchmarks)
    if not root.exists():
        return []
    return [parse(path, path.parent.name.removeprefix("corpus_")) for path in sorted(root.glob("*/*.xml"))]


def _span(anchors, spans) -> tuple[int, int] | None:
    ids = [a.get("t_id") for a in anchors if a.get("t_id") in spans]
    if not ids:
        return None
    return min(spans[i][0] for i in ids), max(spans[i][1] for i in ids)


def parse(path: Path, topic: str) -> GoldDocument:
    root = ET.parse(path).getroot()
    sentences: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for token in root.iter("token"):
        sentences[int(token.get("sentence"))].append((token.get("t_id"), token.text or ""))
    text, spans = render([sentences[k] for k in sorted(sentences)])
    markables = root.find("Markables")
    relations = root.find("Relations")
    refers: dict[str, str] = {}
    for relation in relations.iter("REFERS_TO"):
        target = relation.find("target").get("m_id")
        for source in relation.findall("source"):
            refers[source.get("m_id")] = target
    instances = {
        e.get("m_id"): e for e in markables if e.tag in ("ENTITY", "EVENT") and e.find("token_anchor") is None
    }
    doc_id = root.get("doc_id")
    gold = GoldDocument("meantime", doc_id, text, half_of(f"meantime:{doc_id}"), topic=topic)
    first_sentence = sorted(sentences)[0]
    title_ids = [t for t, _ in sentences[first_sentence]]
    gold.title = text[spans[title_ids[0]][0] : spans[title_ids[-1]][1]] if title_ids else None
    for element in markables:
        anchors = element.findall("token_anchor")
        if not anchors:
            continue
        span = _span(anchors, spans)
        if span is None:
            continue
        m_id = element.get("m_id")
        instance = instances.get(refers.get(m_id, ""))
        if element.tag == "ENTITY_MENTION":
            corpus_type = instance.get("ent_type", "") if instance is not None else ""
            gold.mentions.append(
                GoldMention(
                    *span,
                    type=TYPES.get(corpus_type),
                    named=element.get("syntactic_type") == "NAM",
                    chain=refers.get(m_id),
                    instance=instance.get("instance_id") if instance is not None else None,
                    corpus_type=corpus_type,
                    id=m_id,
                )
            )
        elif element.tag == "EVENT_MENTION":
            gold.events.append(
                GoldEvent(
                    *span,
                    id=m_id,
                    pred=element.get("pred", ""),
                    polarity=element.get("polarity", ""),
                    certainty=element.get("certainty", ""),
                    event_class=instance.get("class", "") if instance is not None else "",
                    instance=instance.get("instance_id") if instance is not None else None,
                )
            )
        elif element.tag == "TIMEX3":
            creation = element.get("functionInDocument") == "CREATION_TIME"
            gold.timexes.append(GoldTimex(*span, element.get("type", ""), element.get("value", ""), creation))
            if creation:
                gold.published = element.get("value")
    events = {e.id: e for e in gold.events}
    for relation in relations.iter("HAS_PARTICIPANT"):
        event = events.get(relation.find("source").get("m_id"))
        if event is not None:
            role = relation.get("sem_role", "")
            event.participants.setdefault(role, []).append(relation.find("target").get("m_id"))
    return gold
