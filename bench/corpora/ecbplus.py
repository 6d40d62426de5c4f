"""ECB+ (CC BY 3.0): 982 news articles in 43 topics with within- and cross-document coreference of
people, organisations, places, times and actions. Only the sentences listed in
ECBplus_coreference_sentences.csv were fully annotated; `scored` holds their character ranges. The dev/test
split is by topic (a hash of the topic number), so a cross-document cluster never straddles the halves.
In the ecbplus files sentence 0 is the source URL: it is dropped from the text."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from corpora.model import GoldDocument, GoldEvent, GoldMention, is_named
from corpora.render import render
from corpora.split import half_of

HUMAN = {"HUMAN_PART_PER": "PERSON", "HUMAN_PART_ORG": "ORG", "HUMAN_PART_GPE": "PLACE"}
PLACES = {"LOC_GEO": "PLACE", "LOC_FAC": "PLACE", "LOC_OTHER": "PLACE"}


def root_of(benchmarks: Path) -> Path:
    return benchmarks / "real" / "ecbplus"


def load(benchmarks: Path, topics: set[str] | None = None) -> list[GoldDocument]:
    root = root_of(benchmarks)
    if not (root / "ECB+").exists():
        return []
    annotated: dict[str, set[int]] = defaultdict(set)
    with open(root / "ECBplus_coreference_sentences.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            annotated[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    documents = []
    for path in sorted((root / "ECB+").glob("*/*.xml"), key=lambda p: (int(p.parent.name), p.name)):
        if topics is not None and path.parent.name not in topics:
            continue
        documents.append(parse(path, annotated.get(path.stem, set())))
    return documents


def parse(path: Path, scored_sentences: set[int]) -> GoldDocument:
    root = ET.parse(path).getroot()
    plus = path.stem.endswith("ecbplus")
    sentences: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for token in root.iter("token"):
        number = int(token.get("sentence"))
        if plus and number == 0:
            continue
        sentences[number].append((token.get("t_id"), token.text or ""))
    order = sorted(sentences)
    text, spans = render([sentences[k] for k in order])
    topic = path.parent.name
    gold = GoldDocument("ecbplus", path.stem, text, half_of(f"ecbplus-topic:{topic}"), topic=topic)
    gold.title = text.split("\n", 1)[0]
    gold.scored = []
    for number in order:
        if number in scored_sentences and sentences[number]:
            ids = [t for t, _ in sentences[number]]
            gold.scored.append((spans[ids[0]][0], spans[ids[-1]][1]))
    markables = root.find("Markables")
    instance_of: dict[str, str] = {}
    for relation in root.find("Relations"):
        note = relation.get("note")
        for source in relation.findall("source"):
            key = note if relation.tag == "CROSS_DOC_COREF" else f"{path.stem}:{relation.get('r_id')}"
            instance_of[source.get("m_id")] = key
    for element in markables:
        anchors = [a.get("t_id") for a in element.findall("token_anchor") if a.get("t_id") in spans]
        if not anchors:
            continue
        start, end = min(spans[a][0] for a in anchors), max(spans[a][1] for a in anchors)
        m_id = element.get("m_id")
        instance = instance_of.get(m_id)
        if element.tag in HUMAN or element.tag in PLACES:
            surface = text[start:end]
            gold.mentions.append(
                GoldMention(start, end, HUMAN.get(element.tag) or PLACES[element.tag],
                            named=is_named(surface),
                            chain=instance, instance=instance, corpus_type=element.tag, id=m_id)
            )
        elif element.tag.startswith(("ACTION_", "NEG_ACTION_")):
            gold.events.append(
                GoldEvent(start, end, id=m_id, pred=text[start:end], event_class=element.tag,
                          polarity="NEG" if element.tag.startswith("NEG_") else "POS", instance=instance)
            )
    return gold
