"""Who 'the Foreign Secretary' is: a definite title standing for the one person the article gave that
title ('Foreign Secretary Tom Baird', 'Tom Baird, the foreign secretary,', 'the Foreign Secretary, Tom
Baird,'). A small sieve in place of nominal coreference, shared by the quote, event and stance components,
which all run after the entities are known. Title words come from data/titles.json."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from newsgraph.nlp.extensions import entity_id_for
from newsgraph.nlp.names import load_data

CACHE_KEY = "newsgraph_title_holders"
NOT_CURRENT = frozenset(["former", "late", "ex", "then", "next", "new", "acting", "interim"])


@lru_cache(maxsize=1)
def title_heads() -> frozenset[str]:
    """The words a title ends with ('minister' of 'foreign minister', 'prince' of 'crown prince')."""
    return frozenset(p.split()[-1] for p in load_data("titles.json")["positions"])


def _title_words(tokens: list[Token]) -> frozenset[str]:
    return frozenset(t.lower_ for t in tokens if t.dep_ not in ("det", "punct", "case", "poss"))


def _before_name(span: Span) -> list[Token]:
    """The title written right before a name ('Iraqi Foreign Minister X'): capitalised words ending in
    a title head."""
    doc, words = span.doc, []
    i = span.start - 1
    while i >= 0 and len(words) < 4 and doc[i].pos_ in ("PROPN", "NOUN", "ADJ") and doc[i].text[:1].isupper():
        words.insert(0, doc[i])
        i -= 1
    while words and words[-1].lower_ not in title_heads():
        words.pop()
    return words


def _in_apposition(span: Span) -> list[Token]:
    """The title beside a name: 'X, the foreign secretary,' or 'the Foreign Secretary, X,'."""
    root = span.root
    titled = [c for c in root.children if c.dep_ == "appos" and c.lower_ in title_heads()]
    if root.dep_ == "appos" and root.head.lower_ in title_heads():
        titled.append(root.head)
    if not titled:
        return []
    head = titled[0]
    return [*(c for c in head.children if c.dep_ in ("compound", "amod") and c.i < head.i), head]


def title_holders(doc: Doc) -> list[tuple[frozenset[str], str, str, int]]:
    """(title words, head word, person id, character offset of the titled mention) for each titled
    mention of a person in the document, computed once per document."""
    if CACHE_KEY in doc.user_data:
        return doc.user_data[CACHE_KEY]
    holders = []
    for entity in doc._.entities or []:
        if entity["type"] != "PERSON":
            continue
        for mention in entity["mentions"]:
            span = doc.char_span(mention["start"], mention["end"], alignment_mode="expand")
            if span is None:
                continue
            for title in (_before_name(span), _in_apposition(span)):
                words = _title_words(title)
                if title and not words & NOT_CURRENT:
                    holders.append((words, title[-1].lower_, entity["id"], mention["start"]))
    doc.user_data[CACHE_KEY] = holders
    return holders


def described_person(doc: Doc, head: Token | None) -> str | None:
    """The person a definite title stands for ('the Foreign Secretary met ...', 'the minister said'):
    the one person the text gave, before this point, a title holding all of its words. A title with a
    phrase of its own ('the head of the army'), a former or new one, or two such people: no one."""
    if head is None or head.lower_ not in title_heads() or entity_id_for(doc, head.i, head.i + 1):
        return None
    modifiers = [c for c in head.children if c.i < head.i]
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in modifiers):
        return None
    if any(c.dep_ == "prep" for c in head.children) or (head.i + 1 < len(doc) and doc[head.i + 1].pos_ == "PROPN"):
        return None  # 'the head of the army'; 'the Minister Tom Baird' is a name's title, not a reference
    words = _title_words([*(c for c in modifiers if c.dep_ in ("compound", "amod")), head])
    if words & NOT_CURRENT:
        return None
    people = {
        person for held, title_head, person, start in title_holders(doc)
        if title_head == head.lower_ and words <= held and start < head.idx
    }
    return people.pop() if len(people) == 1 else None
