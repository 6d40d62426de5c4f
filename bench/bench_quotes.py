"""Quotes on newsgraph's own gold set: 154 quotes in 40 documents (the 30 quote-bearing sample documents
and 10 articles written for this benchmark, bench/gold/quote_articles/).

Metrics: span precision/recall/F1, exact (same text after trimming edge punctuation) and overlap (at
least half of the shorter span shared), one-to-one matching; speaker accuracy given the quote (over
overlap-matched quotes: the predicted speaker entity's name shares a name word with the gold speaker, or
both are unnamed); channel accuracy over the same pairs. Direct quotes are also scored alone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from common import ROOT, Section

TITLE = "Quotes (span, speaker, channel) — regression set written by the project"
GOLD = Path(__file__).parent / "gold"
EDGES = " \t\n,.;:!?\"'“”«»‘’"


@dataclass
class GoldQuote:
    kind: str
    channel: str
    speaker: str | None
    text: str


def load_gold() -> dict[str, list[GoldQuote]]:
    gold: dict[str, list[GoldQuote]] = {}
    for path in sorted(GOLD.glob("quotes_*.txt")):
        current = None
        for line in path.read_text("utf-8").splitlines():
            if line.startswith("== "):
                current = line[3:].strip()
                gold[current] = []
            elif re.match(r"^[DI] \|", line):
                kind, channel, speaker, text = (p.strip() for p in line.split("|", 3))
                gold[current].append(
                    GoldQuote(
                        "direct" if kind == "D" else "indirect",
                        channel,
                        None if speaker == "-" else speaker,
                        text,
                    )
                )
    return gold


def key_of(source: str) -> str:
    return source if "://" in source else source.rsplit("/", 1)[-1]


def trimmed(start: int, end: int, text: str) -> tuple[int, int]:
    while start < end and text[start] in EDGES:
        start += 1
    while end > start and text[end - 1] in EDGES:
        end -= 1
    return start, end


def words(text: str | None) -> set[str]:
    return {w for w in re.findall(r"\w+", (text or "").lower()) if len(w) > 2}


def speaker_ok(gold: str | None, predicted_id: str | None, entities: dict[str, dict]) -> bool:
    if gold is None or predicted_id is None:
        return gold is None and predicted_id is None
    entity = entities.get(predicted_id, {})
    names = " ".join([entity.get("name", ""), *entity.get("aliases", [])])
    return bool(words(gold) & words(names))


def evaluate(pairs_input) -> dict:
    counts = {"gold": 0, "pred": 0, "exact": 0, "overlap": 0, "speaker": 0, "channel": 0, "missing_gold": 0}
    for text, gold_quotes, predicted, entities in pairs_input:
        counts["pred"] += len(predicted)
        counts["gold"] += len(gold_quotes)
        spans = []
        for quote in gold_quotes:
            at = text.find(quote.text)
            if at < 0:
                counts["missing_gold"] += 1
                continue
            spans.append((quote, trimmed(at, at + len(quote.text), text)))
        free = [(p, trimmed(p["start"], p["end"], text)) for p in predicted]
        for quote, (gs, ge) in spans:
            best, best_overlap = None, 0.0
            for candidate in free:
                ps, pe = candidate[1]
                shared = max(0, min(ge, pe) - max(gs, ps))
                share = shared / max(1, min(ge - gs, pe - ps))
                if share > best_overlap:
                    best, best_overlap = candidate, share
            if best is None or best_overlap < 0.5:
                continue
            free.remove(best)
            counts["overlap"] += 1
            counts["exact"] += best[1] == (gs, ge)
            counts["speaker"] += speaker_ok(quote.speaker, best[0]["speaker"], entities)
            counts["channel"] += quote.channel == best[0]["channel"]
    prf = {}
    for kind in ("exact", "overlap"):
        p = counts[kind] / counts["pred"] if counts["pred"] else 0.0
        r = counts[kind] / counts["gold"] if counts["gold"] else 0.0
        prf[kind] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    matched = counts["overlap"] or 1
    return {
        **counts,
        "prf": prf,
        "speaker_acc": counts["speaker"] / matched,
        "channel_acc": counts["channel"] / matched,
    }


def run() -> Section:
    from newsgraph.ingest.document import Document
    from newsgraph.ingest.sources import iter_documents
    from newsgraph.nlp.pipeline import build_pipeline, process

    gold = load_gold()
    nlp = build_pipeline()
    docs = [
        d
        for d in iter_documents([str(ROOT / "samples"), str(GOLD / "quote_articles")])
        if isinstance(d, Document) and key_of(d.source) in gold
    ]
    results = [
        (r["document"]["text"], gold[key_of(d.source)], r["quotes"], {e["id"]: e for e in r["entities"]})
        for d, r in process(nlp, docs)
    ]
    overall = evaluate(results)
    direct = evaluate(
        [
            (t, [q for q in g if q.kind == "direct"], [p for p in pr if p["kind"] == "direct"], e)
            for t, g, pr, e in results
        ]
    )
    lines = [
        f"{len(results)} documents, {overall['gold']} gold quotes ({direct['gold']} direct), {overall['pred']} "
        f"predicted. Targets: overlap F1 ≥ 0.90, speaker accuracy ≥ 0.90, channel accuracy ≥ 0.90. "
        f"Gold quotes not found verbatim in the extracted text: {overall['missing_gold']}.",
        "",
        "| quotes | exact P | exact R | exact F1 | overlap P | overlap R | overlap F1 | speaker acc | channel acc |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, m in (("all (direct + indirect)", overall), ("direct only", direct)):
        (ep, er, ef), (op, orr, of) = m["prf"]["exact"], m["prf"]["overlap"]
        lines.append(
            f"| {name} | {ep:.3f} | {er:.3f} | {ef:.3f} | {op:.3f} | {orr:.3f} | **{of:.3f}** | "
            f"**{m['speaker_acc']:.3f}** | **{m['channel_acc']:.3f}** |"
        )
    lines += [
        "",
        "The gold set was written before the quote component was measured on it. First measurement (all "
        "quotes): overlap F1 0.955, speaker accuracy 0.770, channel accuracy 0.777. The component was then "
        "improved with general rules found by error analysis on this same set (speakers in apposition, bare "
        "descriptions such as 'the former minister' resolved to earlier names, a subject-first pronoun sieve, "
        "channels from the recipient of 'told' and from the speaker's earlier quote, paragraph breaks as "
        "sentence boundaries), so the figures above are development figures, not held-out ones.",
    ]
    lines.insert(0, "_Regression set written by the project and tuned on; not evidence of accuracy on real news._\n")
    return Section(TITLE, "\n".join(lines) + "\n")


if __name__ == "__main__":
    print(run().markdown)
