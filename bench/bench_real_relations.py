"""The facts under the situation picture, measured on relations third-party annotators marked in real
defence and security text: re3d (Dstl; see bench/corpora/re3d.py).

re3d's annotators marked, sentence by sentence, who fights whom (FightingAgainst), who dislikes or
condemns whom (Dislikes), who is allied with or supports whom (AlliesOf, Likes), who was in contact with
whom (CommWith: met, spoke, thanked), who belongs to what (BelongsTo), who is in charge of what
(InChargeOf) and who or what was where (CoLocated). Every such relation whose two arguments are names
(each overlapping a gold named mention of a person, organisation or place) becomes a question, answered
only through the Python API (`newsgraph.open(...).situation(name)`), as the analyst-question benchmark
answers its own questions (bench_situation.py):

- whereabouts (CoLocated, a person and a place): the place is among the person's sightings;
- presence (CoLocated, an organisation and a place): the place is among the places the picture gives
  for the organisation (`presence`, since 2026-11-27; counted and not scored before);
- opposition (FightingAgainst, Dislikes): the other party is among the subject's opponents and not among
  its allies, looked up from either side;
- alignment (AlliesOf, Likes, CommWith, BelongsTo): among the allies (contacts and memberships are shown
  there) and not among the opponents;
- control (InChargeOf): one party holds or leads the other, by any account in the picture.

A set is one publisher's documents of one half, stored together in a fresh SQLite store through the
normal write path. Halves follow the document split of the other re3d benchmarks."""

from __future__ import annotations

import sys
from collections import Counter, defaultdict

from bench_situation import accuracy, answer_alignment, entity_matches, picture
from common import BENCHMARKS, Section, skipped
from corpora import re3d
from corpora.model import GoldDocument, GoldMention, is_named
from corpora.run import annotate, stored
from firsts import HEADER, row

TITLE = "Situation facts on real text: re3d relations (Dstl)"
HALVES = ("dev", "test")
KIND_OF = {
    "CoLocated": "whereabouts",
    "FightingAgainst": "opposition",
    "Dislikes": "opposition",
    "AlliesOf": "alignment",
    "Likes": "alignment",
    "CommWith": "alignment",
    "BelongsTo": "alignment",
    "InChargeOf": "control",
}
KINDS = ("whereabouts", "presence", "opposition", "alignment", "control")
PARTIES = ("PERSON", "ORG", "PLACE")
# words of a role or a body, which alone ('the Prime Minister', 'The Coalition') describe rather than name
ROLE_WORDS = {
    "prime", "minister", "president", "secretary", "foreign", "general", "commander", "deputy", "chief",
    "officer", "envoy", "special", "state", "mr", "mrs", "ms", "dr", "government", "coalition", "forces",
    "force", "army", "military", "ministry", "department", "office", "senior", "lt.", "gen.", "col.",
}


def is_name(text: str) -> bool:
    """A proper name ('Tom Baird', 'Government of Kenya', 'the Norda Group'), not a description ('the
    Prime Minister', 'Kenyan security forces')."""
    words = text.split()
    if words[:1] and words[0].lower() == "the":
        words = words[1:]
    rest = " ".join(words)
    return bool(rest) and re3d.is_proper_name(rest) and any(
        w.lower() not in ROLE_WORDS and w.lower() not in re3d.NAME_PARTICLES for w in words
    )


def _named_mention(document: GoldDocument, span: tuple[int, int]) -> GoldMention | None:
    """The gold mention of a named party that makes up at least half of the argument span (not 'Iran' in
    'the foreign ministers of Iran, Egypt and Qatar'), the longest first; pronouns are no names."""
    start, end = span
    found = [
        m for m in document.mentions
        if m.type in PARTIES and 2 * (min(end, m.end) - max(start, m.start)) >= end - start
        and is_named(document.text[m.start : m.end]) and is_name(document.text[m.start : m.end])
    ]
    return max(found, key=lambda m: m.end - m.start, default=None)


def name_candidates(text: str) -> list[str]:
    """The argument as written, then its shorter tails ('Foreign Minister Tom Baird', 'Tom Baird',
    'Baird'): re3d spans keep titles, which a KB name does not."""
    words = text.replace("\u200e", " ").split()
    return [" ".join(words[i:]) for i in range(len(words))]


def questions_of(document: GoldDocument) -> tuple[list[dict], Counter]:
    """One question per gold relation between two named parties; the count of the rest by reason."""
    questions, skipped_count = [], Counter()
    for relation in document.relations:
        kind = KIND_OF.get(relation.type)
        if kind is None:
            continue
        source, target = _named_mention(document, relation.source), _named_mention(document, relation.target)
        if source is None or target is None or source is target:
            skipped_count["an argument is not a name"] += 1
            continue
        subject = document.text[relation.source[0] : relation.source[1]]
        other = document.text[relation.target[0] : relation.target[1]]
        if kind != "whereabouts" and "Location" in (source.corpus_type, target.corpus_type):
            skipped_count["a place as the scene, not a party ('attacks in Y')"] += 1
            continue
        if kind == "whereabouts":
            if target.type != "PLACE" or source.type == "PLACE":
                skipped_count["a place in a place, or no place"] += 1
                continue
            if source.type == "ORG":
                kind = "presence"
        questions.append({
            "document": document.id, "type": relation.type, "kind": kind,
            "subject": name_candidates(subject), "other": name_candidates(other),
            "relation": "opponent" if kind == "opposition" else "ally", "value": relation.value,
        })
    return questions, skipped_count


def answer_whereabouts(kb, question: dict) -> tuple[str, bool]:
    found = picture(kb, question["subject"]) or {}
    history = (found.get("whereabouts") or {}).get("history") or found.get("presence") or []
    places = [s["place"] for s in history]
    right = any(entity_matches(kb, s["place"], s["place_kb_id"], question["other"]) for s in history)
    return "; ".join(dict.fromkeys(places)), right


def answer_control(kb, question: dict) -> tuple[str, bool]:
    """Either side of the picture: the object's holders, or the subject's holdings."""
    said: list[str] = []
    for held, holder in ((question["other"], question["subject"]), (question["subject"], question["other"])):
        found = picture(kb, held) or {}
        for claim in found.get("control") or []:
            said.append(claim["holder"])
            if claim["holds"] and entity_matches(kb, claim["holder"], claim["holder_kb_id"], holder):
                return claim["holder"], True
    for held, holder in ((question["other"], question["subject"]), (question["subject"], question["other"])):
        for holding in (picture(kb, holder) or {}).get("holds") or []:
            said.append(holding["name"])
            if holding["holds"] and entity_matches(kb, holding["name"], holding["kb_id"], held):
                return holding["name"], True
    return "; ".join(dict.fromkeys(said)), False


def answer(kb, question: dict) -> tuple[str, bool]:
    if question["kind"] in ("whereabouts", "presence"):
        return answer_whereabouts(kb, question)
    if question["kind"] == "control":
        return answer_control(kb, question)
    return answer_alignment(kb, question)


def score(documents: list[GoldDocument]) -> tuple[list[dict], Counter]:
    """Every question answered, by set (a publisher's documents of one half)."""
    import newsgraph

    by_set: dict[tuple[str, str], list[GoldDocument]] = defaultdict(list)
    for document in documents:
        by_set[(document.topic, document.half)].append(document)
    answered, skipped_count = [], Counter()
    for (publisher, half), members in sorted(by_set.items()):
        asked = []
        for document in members:
            questions, skipped_here = questions_of(document)
            skipped_count.update({(half, reason): n for reason, n in skipped_here.items()})
            asked += [{**q, "half": half, "set": publisher} for q in questions]
        if not asked:
            continue
        with stored(annotate(members)) as engine, newsgraph.open(engine.url.render_as_string()) as kb:
            for question in asked:
                question["answer"], question["correct"] = answer(kb, question)
        answered += asked
    return answered, skipped_count


def run() -> Section:
    if not (BENCHMARKS / "real" / "re3d").exists():
        return skipped(TITLE, "../shared/benchmarks/real/re3d is not present")
    questions, skipped_count = score(re3d.load(BENCHMARKS))
    by_half = {h: [q for q in questions if q["half"] == h] for h in HALVES}
    first_kinds = [k for k in KINDS if k != "presence"]  # 'all' keeps its first definition
    lines = [HEADER, row("all relations but presence: share answered by the picture", "re3d_relations.all",
                         *(accuracy([q for q in by_half[h] if q["kind"] in first_kinds]) for h in HALVES), "")]
    for kind in KINDS:
        values = [accuracy([q for q in by_half[h] if q["kind"] == kind]) for h in HALVES]
        lines.append(row(f"{kind}: share answered", f"re3d_relations.{kind}", *values, ""))
    counts = {h: Counter(q["kind"] for q in by_half[h]) for h in HALVES}
    notes = (
        "\nQuestions (dev/test): " + "; ".join(f"{k} {counts['dev'][k]}/{counts['test'][k]}" for k in KINDS)
        + ". Gold relations not asked (dev/test): "
        + "; ".join(
            f"{reason} {skipped_count[('dev', reason)]}/{skipped_count[('test', reason)]}"
            for reason in sorted({r for _, r in skipped_count})
        )
        + ". Presence was first measured at the commit before the picture had the field (every answer "
        "missing), with today's scorer; 'all' keeps its first definition (presence apart). No target is set "
        "by an issue for these figures; they measure, on text nobody here wrote, the "
        "facts the situation picture's targets (issue 19) rest on. re3d marks a relation wherever a "
        "sentence expresses it, including hopes and intentions, so not every relation is a fact the picture "
        "should hold; the figures are a recall view.\n"
    )
    return Section(TITLE, "\n".join(lines) + "\n" + notes)


def print_errors(half: str = "dev") -> None:
    questions, skipped_count = score([d for d in re3d.load(BENCHMARKS) if d.half == half])
    for question in questions:
        if not question["correct"]:
            print(question["kind"], question["type"], question["document"][:8], question["subject"][0], "|",
                  question["value"][:60], "|", question["other"][0], "->", repr(question["answer"][:80]))
    print(Counter((q["kind"], q["correct"]) for q in questions), skipped_count)


if __name__ == "__main__":
    print_errors(" ".join(sys.argv[1:]) or "dev")
