"""Entities on newsgraph's own gold set (bench/gold/entities_samples.txt: 281 entities in the 40 documents
of the quote benchmark): mention recall, in-document clustering (B-cubed over gold mentions the system
found), typing accuracy, person merges across different gold people, and cross-document merge precision
and recall of the knowledge base built by storing all 40 documents."""

from __future__ import annotations

import re
import tempfile
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

from common import ROOT, Section

TITLE = "Entities (typing, in-document clustering, cross-document merges) — regression set written by the project"
GOLD = Path(__file__).parent / "gold"


def load_gold(name: str = "entities_samples.txt") -> dict[str, list[tuple[str, str, list[str]]]]:
    gold: dict[str, list] = {}
    current = None
    for line in (GOLD / name).read_text("utf-8").splitlines():
        if line.startswith("== "):
            current = line[3:].strip()
            gold[current] = []
        elif re.match(r"^[A-Z]+ \|", line):
            kind, name, surfaces = (p.strip() for p in line.split("|", 2))
            gold[current].append((kind, name, [s.strip() for s in surfaces.split(";") if s.strip()]))
    return gold


def gold_mentions(text: str, entities) -> dict[tuple[int, int], int]:
    """(start, end) -> index of the gold entity, longest surfaces first, no overlaps."""
    spans: dict[tuple[int, int], int] = {}
    taken: list[tuple[int, int]] = []
    pairs = sorted(
        ((s, i) for i, (_, _, surfaces) in enumerate(entities) for s in surfaces), key=lambda p: -len(p[0])
    )
    for surface, index in pairs:
        for match in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
            span = match.span()
            if not any(a < span[1] and span[0] < b for a, b in taken):
                taken.append(span)
                spans[span] = index
    return spans


def key_of(source: str) -> str:
    return source if "://" in source else source.rsplit("/", 1)[-1]


def evaluate(nlp, gold: dict, folders: list[str]) -> tuple[dict, list, dict]:
    from newsgraph.ingest.document import Document
    from newsgraph.ingest.sources import iter_documents
    from newsgraph.nlp.pipeline import process

    docs = [d for d in iter_documents(folders) if isinstance(d, Document) and key_of(d.source) in gold]
    results = list(process(nlp, docs))
    n_gold = n_found = 0
    precisions, recalls, typing, person_merges, namesake_merges = [], [], [], 0, 0
    canonical_of: dict[tuple[str, str], str] = {}
    for document, result in results:
        entities = gold[key_of(document.source)]
        spans = gold_mentions(result["document"]["text"], entities)
        predicted = {(m["start"], m["end"]): e for e in result["entities"] for m in e["mentions"]}
        matched: dict[tuple[int, int], tuple[int, dict]] = {}
        for span, index in spans.items():
            hit = predicted.get(span) or next(
                (
                    e
                    for (s, t), e in predicted.items()
                    if s < span[1]
                    and span[0] < t
                    and min(t, span[1]) - max(s, span[0]) >= 0.5 * (span[1] - span[0])
                ),
                None,
            )
            if hit is not None:
                matched[span] = (index, hit)
        n_gold += len(spans)
        n_found += len(matched)
        by_gold, by_pred = defaultdict(set), defaultdict(set)
        for span, (index, entity) in matched.items():
            by_gold[index].add(span)
            by_pred[entity["id"]].add(span)
        for index, entity in matched.values():
            shared = len(by_gold[index] & by_pred[entity["id"]])
            precisions.append(shared / len(by_pred[entity["id"]]))
            recalls.append(shared / len(by_gold[index]))
        for index, group in by_gold.items():
            types = Counter(matched[s][1]["type"] for s in group)
            typing.append(types.most_common(1)[0][0] == entities[index][0])
        for entity_id, group in by_pred.items():
            people = {matched[s][0] for s in group if entities[matched[s][0]][0] == "PERSON"}
            if len(people) > 1:
                person_merges += 1
                names = [entities[i][1].split()[-1] for i in people]
                namesake_merges += len(set(names)) < len(names)
            owners = Counter(entities[matched[s][0]][1] for s in group)
            canonical_of[(result["document"]["id"], entity_id)] = owners.most_common(1)[0][0]
    precision = sum(precisions) / len(precisions)
    recall = sum(recalls) / len(recalls)
    metrics = {
        "documents": len(results),
        "entities": sum(len(gold[key_of(d.source)]) for d, _ in results),
        "mentions": n_gold,
        "mention_recall": n_found / n_gold,
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall),
        "typing": sum(typing) / len(typing),
        "person_merges": person_merges,
        "namesake_merges": namesake_merges,
    }
    return metrics, results, canonical_of


def run() -> Section:
    from newsgraph.nlp.pipeline import build_pipeline
    from newsgraph.store.db import make_engine
    from newsgraph.store.repository import Store

    nlp = build_pipeline()
    dev, results, canonical_of = evaluate(
        nlp, load_gold(), [str(ROOT / "samples"), str(GOLD / "quote_articles")]
    )
    held, _, _ = evaluate(nlp, load_gold("entities_heldout.txt"), [str(GOLD / "entity_articles")])
    kb_precision, kb_recall, kb_pairs = cross_document(results, canonical_of, make_engine, Store)
    lines = [
        "_Regression set: these articles and annotations were written by the project in the style of samples/ "
        "and tuned on; they guard against regressions and are not evidence of accuracy on real news (see "
        "'Entities on real news' for that)._",
        "",
        f"Development set: {dev['documents']} documents, {dev['entities']} gold entities, {dev['mentions']} gold "
        f"mentions (bench/gold/entities_samples.txt). Blind held-out set: {held['documents']} articles written for "
        f"this benchmark after tuning, {held['entities']} entities, {held['mentions']} mentions "
        "(bench/gold/entities_heldout.txt). Targets: typing accuracy ≥ 0.95, B-cubed F1 ≥ 0.93, zero namesake "
        "merges.",
        "",
        "| set | mention recall | B-cubed P | B-cubed R | B-cubed F1 | typing accuracy | merges of two gold people | "
        "namesake merges |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, m in (("development", dev), ("blind held-out", held)):
        lines.append(
            f"| {name} | {m['mention_recall']:.3f} | {m['precision']:.3f} | {m['recall']:.3f} | **{m['f1']:.3f}** | "
            f"**{m['typing']:.3f}** | {m['person_merges']} | **{m['namesake_merges']}** |"
        )
    lines += [
        "",
        f"Cross-document knowledge base (the 40 development documents stored together): merge precision "
        f"**{kb_precision:.3f}** over {kb_pairs} merged pairs of document entities, merge recall {kb_recall:.3f}.",
        "",
        "B-cubed is computed over the gold mentions the system found (mention recall is beside it); typing is "
        "the majority predicted type of each gold entity's mentions. A merged cross-document pair is correct "
        "when both are the same gold entity; recall is over gold pairs in different documents. First "
        "measurement on the development set, before any change made on its account: B-cubed F1 0.992, typing "
        "0.923, cross-document precision 0.947. The general fixes that followed (demonyms never merge with "
        "or type as places, place nouns after a name, coordinated places, titled appositives) were then "
        "checked on the blind held-out set, which was not used for tuning.",
    ]
    return Section(TITLE, "\n".join(lines) + "\n")


def cross_document(results, canonical_of, make_engine, Store) -> tuple[float, float, int]:
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from newsgraph.store.schema import EntityRow

    with tempfile.TemporaryDirectory() as folder:
        store = Store(make_engine(f"sqlite:///{folder}/kb.db"))
        for document, result in results:
            store.save(document, result, None)
        with Session(store.engine) as session:
            rows = session.execute(select(EntityRow.document_id, EntityRow.local_id, EntityRow.kb_id)).all()
        store.engine.dispose()
    members = [(kb, canonical_of.get((doc, local)), doc) for doc, local, kb in rows]
    members = [(kb, name, doc) for kb, name, doc in members if name]
    merged = [(a, b) for a, b in combinations(members, 2) if a[0] == b[0] and a[2] != b[2]]
    correct = sum(a[1] == b[1] for a, b in merged)
    gold_pairs = [(a, b) for a, b in combinations(members, 2) if a[1] == b[1] and a[2] != b[2]]
    found = sum(a[0] == b[0] for a, b in gold_pairs)
    return (
        (correct / len(merged) if merged else 1.0),
        (found / len(gold_pairs) if gold_pairs else 1.0),
        len(merged),
    )


if __name__ == "__main__":
    print(run().markdown)
