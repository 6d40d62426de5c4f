"""Quote component: direct and indirect speech, its speaker and the channel it was given on.

Quote marks are paired by evidence (the side a mark opens on, paragraph ends), so a page that lost a
mark still yields its quotes and an odd count never fails. Quotes under `min_words` are scare quotes
or nicknames, not speech."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.nlp.extensions import entity_by_id, entity_id_for
from newsgraph.nlp.names import load_data

OPENERS = {"“": "double", "«": "guillemet", "„": "double", "‘": "single"}
CLOSERS = {"”": "double", "»": "guillemet", "’": "single"}
_OPEN_CONTEXT = set(" \t\n([{—–/") | {""}
SUBJECTS = ("nsubj", "nsubjpass")


@dataclass
class QuoteSpan:
    start: int
    end: int


def _mark_role(text: str, i: int) -> tuple[str, str] | None:
    char = text[i]
    before = text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if char == '"':
        return ("open" if before in _OPEN_CONTEXT else "close"), "straight"
    if char in ("’", "‘") and before.isalpha() and after.isalpha():
        return None  # an apostrophe inside a word
    if char == "’" and after.isalpha():
        return None
    if char in OPENERS:
        return "open", OPENERS[char]
    if char in CLOSERS:
        return "close", CLOSERS[char]
    return None


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Inner spans of quoted passages, one paragraph at a time; tolerant of missing marks."""
    spans: list[QuoteSpan] = []
    offset = 0
    for paragraph in text.split("\n"):
        spans.extend(_paragraph_quotes(paragraph, offset))
        offset += len(paragraph) + 1
    return spans


def _paragraph_quotes(paragraph: str, offset: int) -> list[QuoteSpan]:
    marks = [(i, *role) for i in range(len(paragraph)) if (role := _mark_role(paragraph, i))]
    if any(family != "single" for _, _, family in marks):
        marks = [m for m in marks if m[2] != "single"]  # single marks are then nested quotes or apostrophes
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    for position, role, _family in marks:
        if role == "open":
            if open_at is not None:  # missing closing mark: the earlier quote ends here
                spans.append(QuoteSpan(open_at, position))
            open_at = position + 1
        elif open_at is not None:
            spans.append(QuoteSpan(open_at, position))
            open_at = None
        elif not spans:  # missing opening mark: the quote runs from the paragraph start
            spans.append(QuoteSpan(0, position))
    if open_at is not None:
        spans.append(QuoteSpan(open_at, len(paragraph)))
    result = []
    for span in spans:
        start, end = span.start, span.end
        while start < end and paragraph[start].isspace():
            start += 1
        while end > start and paragraph[end - 1].isspace():
            end -= 1
        if end > start:
            result.append(QuoteSpan(start + offset, end + offset))
    return result


class QuoteExtractor:
    def __init__(self, min_words: int, max_cue_distance: int) -> None:
        data = load_data("speech.json")
        self.cue_verbs = frozenset(data["cue_verbs"])
        self.verb_channels = data["verb_channels"]
        self.channels = [(name, [w.lower() for w in words]) for name, words in data["channels"]]
        self.unnamed = frozenset(data["unnamed_sources"])
        self.pronouns = data["pronouns"]
        self.min_words = min_words
        self.max_cue_distance = max_cue_distance

    def __call__(self, doc: Doc) -> Doc:
        quotes: list[dict] = []
        covered: list[tuple[int, int]] = []
        previous: dict | None = None
        text = doc.text  # Doc.text joins every token: read it once
        for qspan in find_quote_spans(text):
            if len(text[qspan.start : qspan.end].split()) < self.min_words:
                continue
            span = doc.char_span(qspan.start, qspan.end, alignment_mode="expand")
            if span is None:
                continue
            quote = self._direct(doc, text, span, qspan, previous)
            quotes.append(quote)
            covered.append((qspan.start, qspan.end))
            previous = quote
        quotes.extend(self._indirect(doc, text, covered))
        quotes.sort(key=lambda q: q["start"])
        doc._.quotes = quotes
        return doc

    # ---- direct quotes -------------------------------------------------------------------------
    def _direct(self, doc: Doc, text: str, span: Span, qspan: QuoteSpan, previous: dict | None) -> dict:
        cue = self._cue_for(doc, span)
        speaker_id, speaker_text = (None, None)
        if cue is not None:
            speaker_id, speaker_text = self._speaker_of(doc, cue, span.start)
        elif previous and self._continues(text, previous, qspan):
            speaker_id, speaker_text = previous["speaker"], previous["speaker_text"]
        channel = self._channel(doc, span, cue)
        if channel == "unknown" and cue is None and previous and self._continues(text, previous, qspan):
            channel = previous["channel"]
        return {
            "text": text[qspan.start : qspan.end],
            "start": qspan.start,
            "end": qspan.end,
            "speaker": speaker_id,
            "speaker_text": speaker_text,
            "channel": channel,
            "kind": "direct",
        }

    @staticmethod
    def _continues(text: str, previous: dict, qspan: QuoteSpan) -> bool:
        """An unattributed quote continues the previous one when it follows in the same paragraph, or
        opens the next paragraph right after it (news style for multi-paragraph quotes)."""
        between = text[previous["end"] : qspan.start]
        if "\n" not in between:
            return True
        return len(re.sub(r"[\s\"“”«»„]", "", between)) == 0

    def _cue_for(self, doc: Doc, span: Span) -> Token | None:
        """The nearest speech verb outside the quote, in the quote's sentences or the one before a colon."""
        first_sent = doc[span.start].sent
        last_sent = doc[max(span.start, span.end - 1)].sent
        window = list(range(first_sent.start, last_sent.end))
        if first_sent.start > 0:
            prev_sent = doc[first_sent.start - 1].sent
            if prev_sent.text.rstrip().endswith(":") or self._after_colon(doc, span):
                window = list(range(prev_sent.start, prev_sent.end)) + window
        best: tuple[int, Token] | None = None
        for i in window:
            token = doc[i]
            if span.start <= i < span.end or token.lemma_.lower() not in self.cue_verbs:
                continue
            if token.pos_ not in ("VERB", "AUX") and token.lemma_.lower() not in self.verb_channels:
                continue
            distance = span.start - i if i < span.start else i - span.end
            if distance <= self.max_cue_distance and (best is None or distance < best[0]):
                best = (distance, token)
        if best is None:
            return self._according_to(doc, span)
        return best[1]

    @staticmethod
    def _after_colon(doc: Doc, span: Span) -> bool:
        """True for a quote introduced by a colon: 'X said in a post: "..."'."""
        i = span.start - 1
        while i >= 0 and doc[i].text in ('"', "“", "«", "„", "‘", "'"):
            i -= 1
        return i >= 0 and doc[i].text == ":"

    @staticmethod
    def _according_to(doc: Doc, span: Span) -> Token | None:
        sent = doc[span.start].sent
        for token in sent:
            if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
                return token
        return None

    def _speaker_of(self, doc: Doc, cue: Token, quote_start: int) -> tuple[str | None, str | None]:
        if cue.lower_ == "according":
            objects = [t for t in doc[cue.i + 1].children if t.dep_ == "pobj"]
            head = objects[0] if objects else None
        else:
            head = next((t for t in cue.children if t.dep_ in SUBJECTS), None)
            if head is None and cue.dep_ in ("conj", "xcomp", "advcl"):
                head = next((t for t in cue.head.children if t.dep_ in SUBJECTS), None)
        if head is None:
            return None, None
        return self.resolve_speaker(doc, head, before=min(quote_start, cue.i))

    def resolve_speaker(self, doc: Doc, head: Token, before: int) -> tuple[str | None, str | None]:
        """Entity id and text for a subject token: a named entity, a pronoun, or an unnamed source."""
        phrase = doc[head.left_edge.i : head.right_edge.i + 1]
        if len(phrase) > 12:
            phrase = doc[head.left_edge.i : head.i + 1]
        entity_id = entity_id_for(doc, head.i, head.i + 1) or entity_id_for(
            doc, phrase.start, head.i + 1, prefer_last=True
        )
        if entity_id and head.lower_ not in self.unnamed:
            return entity_id, phrase.text
        if head.pos_ == "PRON" and head.lower_ in self.pronouns:
            return self._antecedent(doc, self.pronouns[head.lower_], before), head.text
        return None, phrase.text

    @staticmethod
    def _antecedent(doc: Doc, entity_type: str, before: int) -> str | None:
        """A small sieve (no coreference model): the nearest preceding compatible entity that is a
        clause subject in this or the previous sentence, else the nearest compatible entity."""
        index = doc._.token_entity or []
        compatible = {entity_type} | ({"PLACE"} if entity_type == "ORG" else set())
        nearest = None
        window_start = doc[doc[min(before, len(doc) - 1)].sent.start - 1].sent.start if before else 0
        for i in range(min(before, len(index)) - 1, -1, -1):
            entity = entity_by_id(doc, index[i])
            if not entity or entity["type"] not in compatible:
                continue
            nearest = nearest or entity["id"]
            if i >= window_start and doc[i].dep_ in SUBJECTS:
                return entity["id"]
        return nearest

    def _channel(self, doc: Doc, span: Span, cue: Token | None) -> str:
        """From the cue verb, then the words around the quote, then hashtags and handles inside it."""
        if cue is not None and cue.lemma_.lower() in self.verb_channels:
            return self.verb_channels[cue.lemma_.lower()]
        sent = cue.sent if cue is not None else doc[span.start].sent
        channel = self._channel_words(doc[sent.start : sent.end], span)
        if channel is None and cue is not None and not (sent.start <= span.start < sent.end):
            channel = self._channel_words(doc[span.start].sent, span)
        if channel:
            return channel
        if re.search(r"(^|\s)[#@]\w", span.text):
            return "post"
        return "unknown"

    def _channel_words(self, window: Span, quote: Span) -> str | None:
        context = " " + " ".join(t.lower_ for t in window if not (quote.start <= t.i < quote.end)) + " "
        for name, words in self.channels:
            if any(f" {w} " in context for w in words):
                return name
        return None

    # ---- indirect speech ---------------------------------------------------------------------
    def _indirect(self, doc: Doc, text: str, covered: list[tuple[int, int]]) -> list[dict]:
        found = []
        for token in doc:
            if token.lemma_.lower() not in self.cue_verbs or token.pos_ != "VERB":
                continue
            clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
            if clause is None or clause.i < token.i:
                continue
            start_token = clause.left_edge
            if start_token.lower_ == "that":
                start_token = doc[start_token.i + 1]
            end_token = clause.right_edge
            start, end = start_token.idx, end_token.idx + len(end_token)
            if end - start < 10 or any(s < end and start < e for s, e in covered):
                continue
            speaker, speaker_text = self._speaker_of(doc, token, token.i)
            found.append(
                {
                    "text": text[start:end],
                    "start": start,
                    "end": end,
                    "speaker": speaker,
                    "speaker_text": speaker_text,
                    "channel": self._channel(doc, doc[start_token.i : end_token.i + 1], token),
                    "kind": "indirect",
                }
            )
        found.extend(self._according_to_clauses(doc, text, covered))
        return found

    def _according_to_clauses(self, doc: Doc, text: str, covered: list[tuple[int, int]]) -> list[dict]:
        """'According to X, Y happened': the rest of the sentence is X's account."""
        found = []
        for token in doc:
            if token.lower_ != "according" or token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
                continue
            sent = token.sent
            phrase_end = doc[token.i + 1].right_edge.i + 1
            if token.i == sent.start:  # 'According to X, ...'
                first, last = phrase_end, sent.end
            else:  # '..., according to X.'
                first, last = sent.start, token.i
            tokens = [t for t in doc[first:last] if not t.is_punct and not t.is_space]
            if len(tokens) < 3:
                continue
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
            if any(s < end and start < e for s, e in covered):
                continue
            speaker, speaker_text = self._speaker_of(doc, token, token.i)
            found.append(
                {
                    "text": text[start:end],
                    "start": start,
                    "end": end,
                    "speaker": speaker,
                    "speaker_text": speaker_text,
                    "channel": self._channel(doc, doc[first:last], None),
                    "kind": "indirect",
                }
            )
        return found


@Language.factory("newsgraph_quotes", default_config={"min_words": 3, "max_cue_distance": 12})
def make_quotes(nlp: Language, name: str, min_words: int, max_cue_distance: int) -> QuoteExtractor:
    return QuoteExtractor(min_words, max_cue_distance)
