"""Event coding on newsgraph's own gold set (bench/gold/events_*.txt: 203 sentences written for this
project across many conflicts and countries), and on the PLOVER gold-standard records (CAMEO manual
examples, CC BY-SA 4.0) from ../shared when present.

Metrics on the own set: a predicted event matches a gold event of the same PLOVER type in the same
sentence (one-to-one, best participant overlap first). Type precision/recall/F1 are micro-averaged
over events. Actor, target, negation, hypothetical and date accuracy are computed over matched pairs;
a participant is right when the predicted phrase shares a content word with the gold words (both
empty also counts as right)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from common import BENCHMARKS, Section

TITLE = "Events (PLOVER coding)"
GOLD = Path(__file__).parent / "gold"
STOP = {"the", "a", "an", "of", "its", "their", "his", "her", "'s", "s"}
OLD_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


@dataclass
class GoldEvent:
    type: str
    actor: str | None
    target: str | None
    negated: bool
    hypothetical: bool
    date: str | None


@dataclass
class GoldSentence:
    text: str
    published: str
    events: list[GoldEvent] = field(default_factory=list)


def load_gold(pattern: str = "events_*.txt") -> list[GoldSentence]:
    sentences: list[GoldSentence] = []
    published = None
    for path in sorted(GOLD.glob(pattern)):
        for line in path.read_text("utf-8").splitlines():
            if line.startswith("P:"):
                published = line[2:].strip()
            elif line.startswith("S:"):
                sentences.append(GoldSentence(line[2:].strip(), published))
            elif line.startswith("E:"):
                kind, actor, target, flags, date = (part.strip() for part in line[2:].split("|"))
                none = lambda v: None if v == "-" else v  # noqa: E731
                sentences[-1].events.append(
                    GoldEvent(kind, none(actor), none(target), "N" in flags, "H" in flags, none(date))
                )
    return sentences


def words(text: str | None) -> set[str]:
    return {w for w in re.findall(r"[\w'-]+", (text or "").lower()) if w not in STOP}


def same_participant(gold: str | None, predicted: str | None) -> bool:
    if gold is None or predicted is None:
        return gold is None and predicted is None
    return bool(words(gold) & words(predicted))


def match(gold: list[GoldEvent], predicted: list[dict]) -> list[tuple[GoldEvent, dict]]:
    pairs, free = [], list(predicted)
    for event in gold:
        options = [p for p in free if p["type"] == event.type]
        if not options:
            continue
        best = max(
            options,
            key=lambda p: (
                same_participant(event.actor, p.get("actor_text"))
                + same_participant(event.target, p.get("target_text"))
            ),
        )
        free.remove(best)
        pairs.append((event, best))
    return pairs


def score_own(nlp, pattern: str = "events_*.txt") -> dict:
    from newsgraph.ingest.document import Document
    from newsgraph.nlp.pipeline import process

    gold = load_gold(pattern)
    documents = [Document(source=f"gold-{i}", text=s.text, published=s.published) for i, s in enumerate(gold)]
    n_gold = n_pred = 0
    pairs = []
    per_type: dict[str, list[int]] = {}
    for sentence, (_, result) in zip(gold, process(nlp, documents), strict=True):
        predicted = result["events"]
        matched = match(sentence.events, predicted)
        n_gold += len(sentence.events)
        n_pred += len(predicted)
        pairs += matched
        for event in sentence.events:
            per_type.setdefault(event.type, [0, 0])[1] += 1
        for event, _ in matched:
            per_type[event.type][0] += 1
    tp = len(pairs)
    precision, recall = tp / n_pred if n_pred else 0.0, tp / n_gold
    accuracy = lambda ok: sum(ok) / len(ok) if ok else 0.0  # noqa: E731
    dated = [(g, p) for g, p in pairs if g.date or p["date"]]
    return {
        "sentences": len(gold),
        "gold_events": n_gold,
        "predicted": n_pred,
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if tp else 0.0,
        "actor": accuracy([same_participant(g.actor, p.get("actor_text")) for g, p in pairs]),
        "target": accuracy([same_participant(g.target, p.get("target_text")) for g, p in pairs]),
        "negated": accuracy([g.negated == p["negated"] for g, p in pairs]),
        "hypothetical": accuracy([g.hypothetical == p["hypothetical"] for g, p in pairs]),
        "date": accuracy([g.date == p["date"] for g, p in dated]),
        "dated_pairs": len(dated),
        "per_type_recall": {k: v[0] / v[1] for k, v in sorted(per_type.items())},
    }


def load_plover() -> list[dict]:
    path = BENCHMARKS / "events" / "plover_gsr_cameo" / "PLOVER_GSR_CAMEO.txt"
    if not path.exists():
        return []
    raw = re.sub(r",(\s*[}\]])", r"\1", path.read_text("utf-8"))
    raw = raw.strip()
    records = json.loads(raw if raw.startswith("[") else f"[{raw}]")
    return [r for r in records if r.get("event") and r["event"] != "DOCUMENT" and r.get("text")]


def run() -> Section:
    from newsgraph.nlp.pipeline import build_pipeline

    nlp = build_pipeline()
    own = score_own(nlp)
    second = score_own(nlp, "heldout_events.txt")
    held = score_own(nlp, "heldout2_events.txt")
    lines = [
        f"**Own gold sets.** Development set: {own['sentences']} sentences, {own['gold_events']} gold events "
        "(bench/gold/events_part*.txt; the dictionary and argument rules were extended after an error analysis "
        f"on it, so it overstates). Second set: {second['sentences']} sentences (bench/gold/heldout_events.txt; scored "
        "blind after the first round — type F1 0.925, target accuracy 0.791 — then used for a second round of "
        f"error analysis). Blind held-out set: {held['sentences']} sentences, {held['gold_events']} events "
        "(bench/gold/heldout2_events.txt, written after all tuning, never tuned on). Targets: type F1 ≥ 0.80, "
        "actor and target accuracy ≥ 0.85, negation accuracy ≥ 0.95.",
        "",
        "| set | type P | type R | type F1 | actor acc | target acc | negation acc | hypothetical acc | date acc |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, m in (("development", own), ("second development", second), ("blind held-out", held)):
        lines.append(
            f"| {name} | {m['precision']:.3f} | {m['recall']:.3f} | **{m['f1']:.3f}** | {m['actor']:.3f} | "
            f"{m['target']:.3f} | **{m['negated']:.3f}** | {m['hypothetical']:.3f} | {m['date']:.3f} "
            f"(n={m['dated_pairs']}) |"
        )
    lines += [
        "",
        "Development recall by type: "
        + ", ".join(f"{k} {v:.2f}" for k, v in own["per_type_recall"].items())
        + ".",
        "",
    ]
    lines += [
        "The PLOVER gold-standard records are scored, by dev and test half, in 'Events, modality, dates and "
        "clusters on real news' (bench/bench_real_events.py).",
        "",
    ]
    lines += [
        "Published systems: POLECAT is coded by NGEC (Halterman, Schrodt, Beger, Bagozzi and Scarborough 2023, "
        '"Creating Custom Event Data Without Dictionaries: A Bag-of-Tricks", arXiv 2304.01331) and its '
        "predecessor PETRARCH2 (Norris, Schrodt and Beieler 2017, JOSS). NGEC's README states that the trained "
        "POLECAT event, mode and context models and their training data are not shared, and the paper's "
        "per-class figures could not be retrieved offline for this report, so no published number is quoted "
        "and no head-to-head claim is made. The PLOVER gold-standard row is the like-for-like comparison "
        "available: it is the validation set of the PETRARCH/PLOVER family, whose one-line CAMEO-manual "
        "examples often code a different event than the most salient verb.",
    ]
    return Section(TITLE, "\n".join(lines) + "\n")


if __name__ == "__main__":
    print(run().markdown)
