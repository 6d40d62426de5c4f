"""The curated actor dictionary: names, aliases and acronyms of widely reported actors, matched in the
text so that a group gets its right type and all its names ('Houthis', 'Ansar Allah') one entity.
Files: data/actors.json plus any listed in $NEWSGRAPH_ACTORS (os.pathsep-separated JSON files with the
same layout), so users extend it without touching code."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from newsgraph.nlp.names import load_data


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    type: str
    category: str
    country: str | None


def actor_records() -> list[dict]:
    records = list(load_data("actors.json")["actors"])
    for path in filter(None, os.environ.get("NEWSGRAPH_ACTORS", "").split(os.pathsep)):
        records.extend(json.loads(Path(path).read_text("utf-8"))["actors"])
    return records


class ActorDictionary:
    def __init__(self, nlp: Language, records: list[dict]) -> None:
        self.actors: dict[str, Actor] = {}
        # Short forms ('UN', 'X', 'AA') match case-sensitively, longer names in any case.
        self._exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        for record in records:
            actor = Actor(
                record["id"],
                record["name"],
                record["type"],
                record.get("category", ""),
                record.get("country"),
            )
            self.actors[actor.id] = actor
            names = {record["name"], *record.get("aliases", [])}
            short = [nlp.make_doc(n) for n in names if len(n) <= 4]
            long = [nlp.make_doc(n) for n in names if len(n) > 4]
            if short:
                self._exact.add(actor.id, short)
            if long:
                self._folded.add(actor.id, long)

    def matches(self, doc: Doc) -> list[tuple[Span, Actor]]:
        """Longest non-overlapping dictionary matches, each with its actor."""
        found: dict[tuple[int, int], Actor] = {}
        for matcher in (self._exact, self._folded):
            for key, start, end in matcher(doc):
                found.setdefault((start, end), self.actors[doc.vocab.strings[key]])
        spans = filter_spans(
            [Span(doc, start, end, label=actor.type) for (start, end), actor in found.items()]
        )
        return [(span, found[(span.start, span.end)]) for span in spans]
