"""Analyst questions over real multi-document sets (issue: the situation picture an analyst can trust).

`gold/situation_questions.jsonl` holds questions written by the project over ECB+ topic halves (the `ecb`
and the `ecbplus` articles of a topic are two sets, each about a different real event) and MEANTIME topic
collections, with answers taken from the articles before newsgraph's output was looked at. Names only, and
our own one-line paraphrase of the evidence; the texts stay in ../shared. Sets go to dev or test by a hash
of the set name, so a set's questions are never split.

Each set is stored into a fresh SQLite store through the normal write path; every question is then
answered only through the Python API (`newsgraph.open(...).situation(name)` and `.contested()`):
- whereabouts: the `last_known` place of the person matches an accepted answer;
- control: the picture's current holder (`held_by`: the latest owner or holder, else the latest leader)
  matches;
- alignment: the other party is among the subject's allies (or opponents) as asked, and not in the other
  list, looked up from either side;
- dispute: `contested: true` questions need a contested account group about the subject (cross-document
  claims, contested control or whereabouts); `contested: false` questions need none.
Names match when one answer's words are all among the other's (case, punctuation and a leading 'the'
ignored). An answer is a KB entity: its own name or any alias the KB gives it may match ('European X Y
Z NV', a.k.a. 'XYZ'); before 2026-11-27 only its own name counted.

`gold/situation_questions_more_dev.jsonl` holds more questions, written later (same rules, answers taken
from the articles first) over ECB+ topics whose documents are in the dev half of the other ECB+ benchmarks.
They are tuning material only: reported on their own line ("dev extension"), never part of the test
half, so the test half and the first measurements stay as they were."""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from common import BENCHMARKS, Section, skipped
from corpora import ecbplus, meantime
from corpora.run import annotate, stored
from corpora.split import half_of
from firsts import HEADER, row

TITLE = "Situation picture: analyst questions over real document sets (ECB+, MEANTIME)"
QUESTIONS = Path(__file__).parent / "gold" / "situation_questions.jsonl"
MORE_DEV_QUESTIONS = Path(__file__).parent / "gold" / "situation_questions_more_dev.jsonl"
EXTENSION = "dev extension"
KINDS = ("whereabouts", "control", "alignment", "dispute")
HALVES = ("dev", "test")


def read_questions(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def load_questions() -> list[dict]:
    questions = read_questions(QUESTIONS)
    for question in questions:
        question["half"] = half_of(f"situation-set:{question['set']}")
    for question in read_questions(MORE_DEV_QUESTIONS):
        questions.append({**question, "half": EXTENSION})
    return questions


def set_documents(name: str, ecb_topics: dict, meantime_topics: dict) -> list:
    corpus, *rest = name.split(":")
    if corpus == "meantime":
        return meantime_topics.get(rest[0], [])
    topic, part = rest
    plus = part == "plus"
    return [d for d in ecb_topics.get(topic, []) if d.id.endswith("ecbplus") == plus]


def words(name: str | None) -> tuple[str, ...]:
    tokens = re.findall(r"[\w']+", (name or "").lower().replace("’", "'"))
    return tuple(tokens[1:] if tokens[:1] == ["the"] else tokens)


def same_name(a: str | None, b: str | None) -> bool:
    left, right = set(words(a)), set(words(b))
    return bool(left and right) and (left <= right or right <= left)


def matches(found: str | None, accepted: list[str]) -> bool:
    return any(same_name(found, answer) for answer in accepted)


def entity_matches(kb, name: str | None, kb_id: str | None, accepted: list[str]) -> bool:
    """The answer is the KB entity: its own name or one of its aliases names an accepted answer."""
    if matches(name, accepted):
        return True
    profile = kb.entity(kb_id) if kb_id else None
    return any(matches(alias, accepted) for alias in (profile or {}).get("aliases") or [])


def names_of(subject) -> list[str]:
    return subject if isinstance(subject, list) else [subject]


def picture(kb, subject) -> dict | None:
    for name in names_of(subject):
        found = kb.situation(name)
        if found:
            return found
    return None


def answer_whereabouts(kb, question: dict) -> tuple[str, bool]:
    found = picture(kb, question["subject"]) or {}
    last = (found.get("whereabouts") or {}).get("last_known") or {}
    return last.get("place") or "", entity_matches(kb, last.get("place"), last.get("place_kb_id"), question["answers"])


def answer_control(kb, question: dict) -> tuple[str, bool]:
    found = picture(kb, question["subject"]) or {}
    held_by = found.get("held_by") or {}
    holder = held_by.get("holder") or ""
    return holder, entity_matches(kb, holder, held_by.get("holder_kb_id"), question["answers"])


def answer_alignment(kb, question: dict) -> tuple[str, bool]:
    wanted, other = ("allies", "opponents") if question["relation"] == "ally" else ("opponents", "allies")
    hits = Counter()
    for subject, party in ((question["subject"], question["other"]), (question["other"], question["subject"])):
        found = picture(kb, subject) or {}
        for key in (wanted, other):
            hits[key] += sum(entity_matches(kb, p["name"], p["kb_id"], names_of(party)) for p in found.get(key) or [])
    said = "both" if hits[wanted] and hits[other] else wanted if hits[wanted] else other if hits[other] else ""
    return said, said == wanted


def contested_subjects(kb) -> list[str]:
    """Every subject the knowledge base shows as contested: cross-document claim groups, and places or
    people whose control or whereabouts carry competing accounts."""
    subjects = [group["subject"] for group in kb.contested()]
    subjects += [claim.get("subject") or "" for claim in kb.claims(contested=True, limit=100000)]
    return subjects


def answer_dispute(kb, question: dict, contested: list[str]) -> tuple[str, bool]:
    about = [s for s in contested if matches(s, names_of(question["subject"]))]
    found = picture(kb, question["subject"]) or {}
    accounts = [c for c in found.get("control") or [] if c.get("contested")]
    accounts += [w for w in (found.get("whereabouts") or {}).get("history") or [] if w.get("contested")]
    disputed = bool(about or accounts)
    return ("contested" if disputed else "agreed"), disputed == question["contested"]


def answer(kb, question: dict, contested: list[str]) -> tuple[str, bool]:
    if question["kind"] == "dispute":
        return answer_dispute(kb, question, contested)
    return {"whereabouts": answer_whereabouts, "control": answer_control, "alignment": answer_alignment}[
        question["kind"]
    ](kb, question)


def score(questions: list[dict]) -> list[dict]:
    """Answer every question; returns the questions with `answer` and `correct` filled in."""
    import newsgraph

    ecb_topics: dict[str, list] = defaultdict(list)
    for document in ecbplus.load(BENCHMARKS, {q["set"].split(":")[1] for q in questions if q["set"].startswith("ecbplus")}):
        ecb_topics[document.topic].append(document)
    meantime_topics: dict[str, list] = defaultdict(list)
    for document in meantime.load(BENCHMARKS):
        meantime_topics[document.topic.removeprefix("corpus_")].append(document)
    by_set: dict[str, list[dict]] = defaultdict(list)
    for question in questions:
        by_set[question["set"]].append(question)
    for name, asked in by_set.items():
        documents = set_documents(name, ecb_topics, meantime_topics)
        with stored(annotate(documents)) as engine, newsgraph.open(engine.url.render_as_string()) as kb:
            MIXED_MERGES[name] = person_organisation_merges(engine)
            contested = contested_subjects(kb)
            for question in asked:
                question["answer"], question["correct"] = answer(kb, question, contested)
    return questions


MIXED_MERGES: dict[str, int] = {}


def person_organisation_merges(engine) -> int:
    """KB entities whose linked mentions include both a person and an organisation."""
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from newsgraph.store.schema import EntityRow

    with Session(engine) as session:
        types = session.execute(
            select(EntityRow.kb_id, func.count(func.distinct(EntityRow.type)))
            .where(EntityRow.kb_id.is_not(None), EntityRow.type.in_(("PERSON", "ORG")))
            .group_by(EntityRow.kb_id)
        ).all()
    return sum(1 for _, distinct in types if distinct > 1)


def accuracy(questions: list[dict]) -> float | None:
    return sum(q["correct"] for q in questions) / len(questions) if questions else None


def run() -> Section:
    if not (ecbplus.root_of(BENCHMARKS) / "ECB+").exists():
        return skipped(TITLE, "../shared/benchmarks/real/ecbplus is not present")
    questions = score(load_questions())
    lines = [HEADER]
    by_half = {h: [q for q in questions if q["half"] == h] for h in HALVES}
    lines.append(row("all questions: accuracy", "situation.all", *(accuracy(by_half[h]) for h in HALVES), "≥ 0.80"))
    for kind in KINDS:
        values = [accuracy([q for q in by_half[h] if q["kind"] == kind]) for h in HALVES]
        lines.append(row(f"{kind}: accuracy", f"situation.{kind}", *values, "≥ 0.70"))
    extension = [q for q in questions if q["half"] == EXTENSION]
    lines.append(row(f"{EXTENSION} ({len(extension)} questions, tuning only): accuracy", "situation.more_dev",
                     accuracy(extension), None, ""))
    sets = {h: len({q["set"] for q in by_half[h]}) for h in HALVES}
    counts = {h: Counter(q["kind"] for q in by_half[h]) for h in HALVES}
    notes = (
        f"\n{len(questions)} questions over {len({q['set'] for q in questions})} sets "
        f"(dev {len(by_half['dev'])} questions in {sets['dev']} sets, test {len(by_half['test'])} in {sets['test']}); "
        + "; ".join(f"{h}: " + ", ".join(f"{k} {counts[h][k]}" for k in KINDS) for h in HALVES)
        + ".\n"
        + f"\nKB entities joining a person and an organisation, over all {len(MIXED_MERGES)} set stores: "
        f"**{sum(MIXED_MERGES.values())}** (target 0).\n"
        + "\nThe dev extension's first figure is of its first 63 questions; 26 more (five further dev-half ECB+ "
        "sets) were added and scored 13 of 26 when first run, then 45 more over the last dev-half sets (ECB+ "
        "topics 20, 27 and 30; MEANTIME's stock-market topic, questions from its dev documents only), which "
        "scored 13 of 45 (0.29) when first run and 34 of 45 after the mechanisms they showed were built. "
        "An answer is a KB entity, matched "
        "by its own name or an alias the KB gives it; before 2026-11-27 only its own name counted (on dev "
        "this changed no answer).\n"
    )
    return Section(TITLE, "\n".join(lines) + "\n" + notes)


def print_errors(half: str = "dev") -> None:
    for question in score([q for q in load_questions() if q["half"] == half]):
        if not question["correct"]:
            print(question["id"], question["set"], question["kind"], question["subject"],
                  question.get("answers") or question.get("other") or question.get("contested"),
                  "->", repr(question["answer"]))


if __name__ == "__main__":
    print_errors(" ".join(sys.argv[1:]) or "dev")
