"""Quotes and speakers on MEANTIME (issue: quotes on real news). Every speech or cognition event with an
annotated Arg0 (the speaker) is looked up among newsgraph's quotes: a quote is anchored at the event when
its cue word (the attributing verb newsgraph found) overlaps the event's trigger. Statement recall: the
share of events with an anchored quote. Speaker accuracy: among anchored quotes, the share whose speaker
entity has a mention in the Arg0's gold coreference chain (or whose speaker text names the Arg0 when
newsgraph gives no entity). Reported for all speech/cognition events and for communication verbs only
(say, tell, announce...: the events a quote extractor is for)."""

from __future__ import annotations

import re
import sys
from collections import defaultdict

from common import BENCHMARKS, Section, skipped
from corpora import meantime
from corpora.align import overlap, same_span
from corpora.run import annotate
from firsts import HEADER, row

TITLE = "Quotes and speakers on real news (MEANTIME)"
# The benchmark's definition of a communication event (MEANTIME's pred lemma); not newsgraph's cue list.
COMMUNICATION = {
    "say", "tell", "announce", "state", "report", "comment", "add", "claim", "deny", "confirm", "reply",
    "explain", "note", "warn", "argue", "insist", "write", "statement", "declare", "describe", "call",
    "respond", "reveal", "disclose", "admit", "acknowledge", "suggest", "predict", "quote", "testify",
}


def speech_events(gold):
    mentions = gold.mention_by_id()
    for event in gold.events:
        if event.event_class != "SPEECH_COGNITIVE":
            continue
        speakers = [mentions[m] for m in event.participants.get("Arg0", []) if m in mentions]
        if speakers:
            yield event, speakers[0]


def chain_spans(gold, speaker) -> list[tuple[int, int]]:
    if speaker.chain is None:
        return [(speaker.start, speaker.end)]
    return [(m.start, m.end) for m in gold.mentions if m.chain == speaker.chain]


def speaker_correct(gold, result, quote, speaker) -> bool:
    spans = chain_spans(gold, speaker)
    if quote["speaker"]:
        entity = next((e for e in result["entities"] if e["id"] == quote["speaker"]), None)
        return entity is not None and any(
            same_span(span, (m["start"], m["end"])) for m in entity["mentions"] for span in spans
        )
    text = (quote.get("speaker_text") or "").lower()
    return bool(text) and any(gold.text[a:b].lower() in text or text in gold.text[a:b].lower() for a, b in spans)


SENTENCE_END = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z“\"])|\n+")


def named_within(gold, quote: dict, speaker, sentences: int) -> bool:
    """The gold speaker (any mention of its chain) is named within `sentences` sentences of the quote."""
    bounds = [0] + [m.end() for m in SENTENCE_END.finditer(gold.text)] + [len(gold.text)]
    first = max(i for i, b in enumerate(bounds) if b <= quote["start"])
    last = min(i for i, b in enumerate(bounds) if b >= quote["end"])
    window = (bounds[max(0, first - sentences)], bounds[min(len(bounds) - 1, last + sentences)])
    return any(window[0] <= start and end <= window[1] for start, end in chain_spans(gold, speaker))


def evaluate(annotated) -> dict[str, dict[str, float]]:
    counts: dict[str, dict[str, int]] = defaultdict(
        lambda: {"events": 0, "found": 0, "correct": 0, "named_near": 0, "unattributed": 0}
    )
    for gold, _, result in annotated:
        for event, speaker in speech_events(gold):
            scopes = ["all"] + (["communication"] if event.pred.lower() in COMMUNICATION else [])
            anchored = [
                q for q in result["quotes"]
                if q.get("cue") and overlap((q["cue"]["start"], q["cue"]["end"]), (event.start, event.end))
            ]
            for scope in scopes:
                counts[scope]["events"] += 1
                if anchored:
                    counts[scope]["found"] += 1
                    counts[scope]["correct"] += speaker_correct(gold, result, anchored[0], speaker)
                    if named_within(gold, anchored[0], speaker, sentences=2):
                        counts[scope]["named_near"] += 1
                        quote = anchored[0]
                        counts[scope]["unattributed"] += not quote["speaker"] and not quote.get("speaker_text")
    return {
        scope: {
            "recall": c["found"] / c["events"] if c["events"] else 0.0,
            "speaker": c["correct"] / c["found"] if c["found"] else 0.0,
            "events": c["events"],
            "unattributed": c["unattributed"] / c["named_near"] if c["named_near"] else 0.0,
            "named_near": c["named_near"],
        }
        for scope, c in counts.items()
    }


def run() -> Section:
    documents = meantime.load(BENCHMARKS)
    if not documents:
        return skipped(TITLE, "../shared/benchmarks/real/meantime is absent")
    scores = {h: evaluate(annotate([d for d in documents if d.half == h])) for h in ("dev", "test")}
    lines = [HEADER]
    for scope, label in (("all", "speech and cognition events"), ("communication", "communication verbs")):
        lines.append(row(f"statement recall, {label}", f"quotes.meantime.{scope}.recall",
                         scores["dev"][scope]["recall"], scores["test"][scope]["recall"], "≥ 0.80"))
        lines.append(row(f"speaker accuracy, {label}", f"quotes.meantime.{scope}.speaker",
                         scores["dev"][scope]["speaker"], scores["test"][scope]["speaker"], "≥ 0.85"))
    lines.append(row("quotes with no speaker although the article names it within two sentences (share)",
                     "quotes.meantime.communication.unattributed_near",
                     scores["dev"]["communication"]["unattributed"], scores["test"]["communication"]["unattributed"],
                     "0"))
    lines += [
        "",
        f"Events with an annotated speaker (dev/test): all {scores['dev']['all']['events']}/"
        f"{scores['test']['all']['events']}, communication verbs {scores['dev']['communication']['events']}/"
        f"{scores['test']['communication']['events']}. Cognition events ('expect', 'believe') are in 'all' but "
        "rarely quotes, so the communication-verb rows are the ones the targets are read on.",
    ]
    return Section(TITLE, "\n".join(lines) + "\n")


def print_errors(half: str) -> None:
    documents = [d for d in meantime.load(BENCHMARKS) if d.half == half]
    for gold, _, result in annotate(documents):
        for event, speaker in speech_events(gold):
            if event.pred.lower() not in COMMUNICATION:
                continue
            anchored = [q for q in result["quotes"] if q.get("cue")
                        and overlap((q["cue"]["start"], q["cue"]["end"]), (event.start, event.end))]
            context = gold.text[max(0, event.start - 120) : event.end + 80].replace("\n", " ")
            gold_speaker = gold.text[speaker.start : speaker.end]
            if not anchored:
                print(f"MISS\t{gold_speaker}\t{gold.text[event.start:event.end]}\t|{context}|")
            elif not speaker_correct(gold, result, anchored[0], speaker):
                got = anchored[0]["speaker_text"]
                print(f"WRONG\t{gold_speaker}\tgot={got}\t|{context}|")


if __name__ == "__main__":
    if "--errors" in sys.argv:
        print_errors(sys.argv[-1])
    else:
        print(run().markdown)
