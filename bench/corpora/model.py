"""The gold document every loader returns: text as newsgraph sees it, annotations as character spans."""

from __future__ import annotations

from dataclasses import dataclass, field

FUNCTION_WORDS = {"he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "its", "our", "the", "a",
                  "an", "this", "that", "these", "those", "who", "him", "them", "me", "us", "my", "your"}


def is_named(surface: str) -> bool:
    """A proper-name span: a capitalised word that is not a pronoun or determiner ('We', 'The')."""
    return any(w[:1].isupper() and w.lower().strip("’'") not in FUNCTION_WORDS for w in surface.split())


@dataclass
class GoldMention:
    start: int
    end: int
    type: str | None  # contract type (PERSON, ORG, PLACE, OTHER) or None where the corpus type has none
    named: bool  # a proper-name mention (MEANTIME NAM, capitalised spans elsewhere)
    chain: str | None = None  # within-document coreference chain
    instance: str | None = None  # cross-document identity
    corpus_type: str = ""
    id: str = ""


@dataclass
class GoldEvent:
    start: int
    end: int
    id: str
    pred: str = ""
    polarity: str = ""  # POS / NEG
    certainty: str = ""  # CERTAIN / POSSIBLE / PROBABLE
    event_class: str = ""  # SPEECH_COGNITIVE, OTHER, ...
    instance: str | None = None
    participants: dict[str, list[str]] = field(default_factory=dict)  # role -> mention ids


@dataclass
class GoldTimex:
    start: int
    end: int
    type: str
    value: str
    creation_time: bool = False


@dataclass
class GoldRelation:
    type: str  # the corpus's relation type (re3d: FightingAgainst, CoLocated, ...)
    source: tuple[int, int]
    target: tuple[int, int]
    value: str = ""  # the words that express it


@dataclass
class GoldDocument:
    corpus: str
    id: str
    text: str
    half: str
    title: str | None = None
    published: str | None = None
    topic: str = ""
    mentions: list[GoldMention] = field(default_factory=list)
    events: list[GoldEvent] = field(default_factory=list)
    timexes: list[GoldTimex] = field(default_factory=list)
    scored: list[tuple[int, int]] | None = None  # character ranges that were annotated (None: all)
    synonyms: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    relations: list[GoldRelation] = field(default_factory=list)

    def document(self):
        from newsgraph.ingest.document import Document

        return Document(
            source=f"{self.corpus}:{self.id}", text=self.text, title=self.title, published=self.published
        )

    def in_scored(self, start: int, end: int) -> bool:
        return self.scored is None or any(a <= start and end <= b for a, b in self.scored)

    def mention_by_id(self) -> dict[str, GoldMention]:
        return {m.id: m for m in self.mentions}
