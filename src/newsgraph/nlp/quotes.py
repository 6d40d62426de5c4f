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
from newsgraph.nlp.names import load_data, title_words
from newsgraph.nlp.titles import described_person

OPENERS = {"“": "double", "«": "guillemet", "„": "double", "‘": "single"}
CLOSERS = {"”": "double", "»": "guillemet", "’": "single"}
_OPEN_CONTEXT = set(" \t\n([{—–/") | {""}
PERSONAL_PRONOUNS = frozenset(["he", "she", "it", "they", "we", "i"])  # not 'someone', 'who'
QUOTING_VERBS = frozenset(["quote", "cite"])  # 'quoted X as saying': X is the speaker
SUBJECTS = ("nsubj", "nsubjpass")
TURNING_WORDS = frozenset(["but", "while", "whereas", "although", "though", "yet", "and"])
APPEALS = ("call", "appeal")  # 'called on Y to resign', 'appealed to Y to stay': an appeal to someone


@dataclass
class QuoteSpan:
    start: int
    end: int


def overlaps(covered: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps any of the character ranges already taken by a quote."""
    return any(s < end and start < e for s, e in covered)


def cue_record(cue: Token | None) -> dict | None:
    """The word that attributes a quote ('said', 'tweeted', 'according'), with its offsets: provenance."""
    if cue is None:
        return None
    return {"text": cue.text, "start": cue.idx, "end": cue.idx + len(cue.text)}


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
                if _misturned_closer(paragraph, position):
                    open_at = None
                    continue
            open_at = position + 1
        elif open_at is not None:
            spans.append(QuoteSpan(open_at, position))
            open_at = None
        elif not spans:  # missing opening mark: the quote runs from the start of its sentence
            spans.append(QuoteSpan(_sentence_start(paragraph, position), position))
    if open_at is not None:  # missing closing mark: up to a reporting clause (', said X'), else the end
        cue = _REPORTING_CLAUSE.search(paragraph, open_at)
        spans.append(QuoteSpan(open_at, cue.start() if cue else len(paragraph)))
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


# the reporting verbs a quote's attribution opens with, for pairing marks before any parse
REPORTING_WORDS = "said|says|told|added|wrote|tweeted|posted|insisted|warned|asked|explained|stated"
_REPORTING_CLAUSE = re.compile(rf",\s+({REPORTING_WORDS})\b")


_ATTRIBUTION_AFTER = re.compile(rf"\s*(?:[\w.'’-]+\s+){{0,4}}?({REPORTING_WORDS})\b")


def _misturned_closer(paragraph: str, position: int) -> bool:
    """An opening mark that closes the open quote, typed the wrong way round: one that cannot open (a space
    after it: 'smoothly. “ Some'), one after the quote's comma ('"It is sad, “X said.'), or one after its
    stop that runs on in lower case or into an attribution ('... today. “the mayor said')."""
    before = paragraph[:position].rstrip()[-1:]
    after = paragraph[position + 1 : position + 2]
    if paragraph[position] in ('"', "“") and (not after or after.isspace()):
        return True
    if before == ",":
        return True
    return before in (".", "!", "?") and (after.islower() or bool(_ATTRIBUTION_AFTER.match(paragraph, position + 1)))


def _sentence_start(paragraph: str, position: int) -> int:
    """Where the sentence holding `position` starts: after the last '. ', '! ' or '? ' before it."""
    cut = max(paragraph.rfind(mark, 0, position) for mark in (". ", "! ", "? "))
    return cut + 2 if cut >= 0 else 0


class QuoteExtractor:
    def __init__(self, min_words: int, max_cue_distance: int) -> None:
        data = load_data("speech.json")
        self.cue_verbs = frozenset(data["cue_verbs"])
        self.belief_verbs = frozenset(data["belief_verbs"])
        self.object_statement_verbs = frozenset(data.get("object_statement_verbs", []))
        self.characterising_verbs = frozenset(data.get("characterising_verbs", []))
        self.content_nouns = frozenset(data["content_nouns"]["nouns"])
        self.issuing_verbs = frozenset(data["content_nouns"]["issuing_verbs"])
        self.phrasal_cues = {k: frozenset(v) for k, v in data["phrasal_cues"].items() if not k.startswith("_")}
        self.verb_channels = data["verb_channels"]
        self.channels = [(name, [w.lower() for w in words]) for name, words in data["channels"]]
        self.unnamed = frozenset(data["unnamed_sources"])
        self.pronouns = data["pronouns"]
        self.audiences = frozenset(data["speech_audiences"])
        self.naming_cues = tuple(sorted(data["naming_cues"], key=len, reverse=True))
        self.org_nouns = frozenset(data["org_nouns"])
        self.message_nouns = frozenset(data["message_nouns"])
        self.titles = title_words()
        self.min_words = min_words
        self.max_cue_distance = max_cue_distance

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text  # Doc.text joins every token: read it once
        quotes: list[dict] = []
        covered: list[tuple[int, int]] = []
        for qspan in find_quote_spans(text):
            if not self._is_speech(text, qspan):
                continue
            span = doc.char_span(qspan.start, qspan.end, alignment_mode="expand")
            if span is None:
                continue
            quotes.append(self._direct(doc, text, span, qspan, quotes))
            covered.append((qspan.start, qspan.end))
        quotes.extend(self._indirect(doc, text, covered, quotes))
        quotes.sort(key=lambda q: q["start"])
        self._inherit_channels(doc, quotes)
        doc._.quotes = quotes
        return doc

    def _is_speech(self, text: str, qspan: QuoteSpan) -> bool:
        """Speech, not a scare quote or a nickname: long enough, or a whole short sentence ('Nobody
        slept.'), and not introduced as a name ('known as "the Lion"', 'described it as "a farce"')."""
        quoted = text[qspan.start : qspan.end]
        n_words = len(quoted.split())
        sentence = n_words >= 2 and quoted[:1].isupper() and quoted.rstrip()[-1:] in ".!?"
        if n_words < self.min_words and not sentence:
            return False
        before = " ".join(text[max(0, qspan.start - 30) : qspan.start].lower().split()).rstrip(" \"“«„'‘")
        return not any(before.endswith(" " + cue) or before == cue for cue in self.naming_cues)

    # ---- direct quotes -------------------------------------------------------------------------
    def _direct(self, doc: Doc, text: str, span: Span, qspan: QuoteSpan, earlier: list[dict]) -> dict:
        previous = earlier[-1] if earlier else None
        cue = self._cue_for(doc, span)
        speaker_id, speaker_text = (None, None)
        if cue is not None:
            speaker_id, speaker_text = self._speaker_of(doc, cue, span.start, earlier)
        elif previous and self._continues(text, previous, qspan):
            speaker_id, speaker_text = previous["speaker"], previous["speaker_text"]
        elif (lead := self._lead_in(doc, span)) is not None:  # 'X spoke to reporters.' then the quote
            cue = lead
            speaker_id, speaker_text = self._speaker_of(doc, cue, span.start, earlier)
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
            "cue": cue_record(cue),
        }

    @staticmethod
    def _continues(text: str, previous: dict, qspan: QuoteSpan) -> bool:
        """An unattributed quote continues the previous one when it follows in the same paragraph, or
        opens the next paragraph right after it (news style for multi-paragraph quotes)."""
        between = text[previous["end"] : qspan.start]
        if "\n" not in between:
            return True
        return len(re.sub(r"[\s\"“”«»„]", "", between)) == 0

    def _lead_in(self, doc: Doc, span: Span) -> Token | None:
        """For a quote that opens its paragraph with no cue: a speech verb with a named subject in the
        sentence just before ('Governor X spoke to reporters on Monday.')."""
        first = doc[span.start].sent
        if first.start == 0 or "\n" not in doc[max(0, span.start - 2) : span.start + 1].text_with_ws:
            return None
        previous = doc[first.start - 1].sent
        for token in previous:
            if token.lemma_.lower() in self.cue_verbs and token.pos_ == "VERB":
                subject = next((c for c in token.children if c.dep_ in SUBJECTS), None)
                if subject is not None and entity_id_for(doc, subject.i, subject.i + 1):
                    return token
        return None

    def _cue_for(self, doc: Doc, span: Span) -> Token | None:
        """The nearest speech verb outside the quote, in the quote's sentences or the one before a colon."""
        first_sent = doc[span.start].sent
        last_sent = doc[max(span.start, span.end - 1)].sent
        window = list(range(first_sent.start, last_sent.end))
        if self._continued_after(doc, span, last_sent):
            window += list(range(last_sent.end, doc[last_sent.end].sent.end))
        if first_sent.start > 0:
            prev_sent = doc[first_sent.start - 1].sent
            if prev_sent.text.rstrip().endswith(":") or self._after_colon(doc, span):
                window = list(range(prev_sent.start, prev_sent.end)) + window
        lead = span.start - 1  # 'he said that "…", and promised': the verb right before is the cue
        while lead >= 0 and (doc[lead].is_punct or doc[lead].lower_ == "that"):
            lead -= 1
        if lead >= 0 and lead < span.start - 1 and self._is_cue(doc[lead]) and doc[lead] in doc[span.start].ancestors:
            return doc[lead]
        if (reporter := self._embedding_cue(span)) is not None:
            return reporter
        best: tuple[int, Token] | None = None
        for i in window:
            token = doc[i]
            if span.start <= i < span.end or not self._is_cue(token):
                continue
            distance = span.start - i if i < span.start else i - span.end
            if distance <= self.max_cue_distance and (best is None or distance < best[0]):
                best = (distance, token)
        if best is None:
            return self._according_to(doc, span)
        return best[1]

    def _embedding_cue(self, span: Span) -> Token | None:
        """The speech verb whose reported content holds a partial quote ('he stated that the state would not
        dictate "what car to make"'): the nearest such verb above the quote in the parse, however far,
        not across a coordinated clause with a subject of its own ('X said A, and Y chanted "B"')."""
        node, found = span.root, None
        while node.head.i != node.i:
            if node.dep_ in ("conj", "parataxis") and any(c.dep_ in SUBJECTS for c in node.children):
                break
            node = node.head
            if not (span.start <= node.i < span.end) and self._is_cue(node):
                if found is not None:  # 'X said it condemned the "damage"': the pronoun is X, X's words
                    return node
                found = node
                if not any(c.dep_ in SUBJECTS and c.lower_ in PERSONAL_PRONOUNS for c in node.children):
                    return node
        return found

    @staticmethod
    def _continued_after(doc: Doc, span: Span, last_sent: Span) -> bool:
        """A quote ending its sentence ('... collapse.” said X') whose attribution the parser cut off
        into a sentence of its own: the next word after the closing mark is in lower case."""
        i = span.end
        while i < len(doc) and (doc[i].is_punct or doc[i].is_space):
            i += 1
        return last_sent.end <= i < len(doc) and doc[i].text[:1].islower()

    def _stated_view(self, verb: Token) -> bool:
        """'X believes (that) the plant will close', 'Y expects demand will fall': a view the article gives
        as someone's, with a full clause of its own (not 'expects to sell'), is a statement of theirs."""
        if verb.lemma_.lower() not in self.belief_verbs:
            return False
        clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
        holder = next((c for c in verb.children if c.dep_ == "nsubj"), None)  # 'it is believed that': no one
        if clause is None or holder is None or holder.lower_ in ("i", "we", "you"):
            return False  # 'I think ...' is inside someone's quote, which is theirs
        if any(self._is_cue(a) for a in verb.ancestors):
            return False  # 'X said he believes ...': X's statement holds it
        finite = clause.tag_ in ("VBD", "VBZ", "VBP") or any(
            c.dep_ in ("aux", "auxpass") and c.tag_ in ("MD", "VBD", "VBZ", "VBP") for c in clause.children
        )
        return finite and any(c.dep_ in SUBJECTS for c in clause.children)

    def _is_cue(self, token: Token) -> bool:
        lemma = token.lemma_.lower()
        return lemma in self.cue_verbs and (token.pos_ in ("VERB", "AUX") or lemma in self.verb_channels)

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

    def _speaker_of(
        self, doc: Doc, cue: Token, before: int, earlier: list[dict]
    ) -> tuple[str | None, str | None]:
        if cue.lower_ == "according":
            objects = [t for t in doc[cue.i + 1].children if t.dep_ == "pobj"]
            head = objects[0] if objects else None
        else:
            head = next((t for t in cue.children if t.dep_ in SUBJECTS), None)
            governor = cue.head
            if cue.dep_ == "pcomp" and governor.dep_ == "prep":  # 'defended it by saying': the defender
                governor = governor.head
                quoted = next((t for t in governor.children if t.dep_ in ("dobj", "obj")), None)
                if head is None and quoted is not None and governor.lemma_.lower() in QUOTING_VERBS:
                    head = quoted  # 'they quoted her as saying': she speaks, they report it
            if head is None and cue.dep_ in ("conj", "xcomp", "advcl", "pcomp"):
                head = next((t for t in governor.children if t.dep_ in SUBJECTS), None)
                # '... and took time off, later revealing X': the subject is shared up a coordination
                while head is None and governor.dep_ == "conj" and governor.head is not governor:
                    governor = governor.head
                    head = next((t for t in governor.children if t.dep_ in SUBJECTS), None)
            if head is None and cue.dep_ == "acl" and cue.tag_ == "VBG":  # 'a statement saying', 'reports stating'
                author = next((t for t in governor.head.children if t.dep_ in SUBJECTS), None)
                if governor.lemma_.lower() in self.message_nouns and governor.dep_ == "dobj" and author is not None:
                    head = author  # 'the ministry issued a statement saying ...': the ministry's account
                else:
                    return self.resolve_speaker(doc, governor, min(before, cue.i), earlier, upto_head=True)
            if head is None:  # '..., said the analyst X commenting on it': the parser makes the speaker
                head = next(  # the subject of the participle clause that follows the verb
                    (
                        subject
                        for clause in cue.children
                        if clause.dep_ in ("ccomp", "advcl", "xcomp") and clause.tag_ == "VBG" and clause.i > cue.i
                        for subject in clause.children
                        if subject.dep_ in SUBJECTS and subject.left_edge.i == cue.i + 1
                    ),
                    None,
                )
        if head is None:
            return None, None
        return self.resolve_speaker(doc, head, min(before, cue.i), earlier)

    def resolve_speaker(
        self, doc: Doc, head: Token, before: int, earlier: list[dict] | None = None, upto_head: bool = False
    ) -> tuple[str | None, str | None]:
        """Entity id and text for a subject: a name (also in apposition: 'the spokesman, X,'), a pronoun,
        a definite description of someone named earlier ('the former minister', 'the group', 'the
        statement'), or an unnamed source (id None, text kept)."""
        phrase = doc[head.left_edge.i : head.right_edge.i + 1]
        if len(phrase) > 12 or upto_head:  # upto_head: the phrase holds the statement itself
            phrase = doc[head.left_edge.i : head.i + 1]
        if len(phrase) > 1 and phrase[-1].dep_ == "case":  # "X's statement that": the speaker is X
            phrase = phrase[:-1]
        for appos in (c for c in head.children if c.dep_ == "appos"):
            entity = self._named_in(doc, appos)
            if entity:
                return entity["id"], phrase.text
        named = entity_id_for(doc, head.i, head.i + 1)
        if named and (entity_by_id(doc, named) or {}).get("generic"):
            return None, phrase.text  # 'police said': a party named by a common noun is no named speaker
        if named and head.lower_ not in self.unnamed:
            return named, phrase.text
        possessor = any(c.dep_ == "poss" for c in head.children)  # "Khamenei's office said": the office
        modifier = entity_by_id(doc, entity_id_for(doc, phrase.start, head.i + 1, prefer_last=True))
        if (
            modifier
            and modifier["type"] in ("PERSON", "ORG")
            and head.lower_ not in self.unnamed
            and not possessor
        ):
            return modifier["id"], phrase.text
        if head.pos_ == "PRON" and head.lower_ in self.pronouns:
            wanted = self.pronouns[head.lower_]
            types = ("ORG", "PLACE") if wanted == "ORG" else (wanted,)
            return self._antecedent(doc, types, before), head.text
        return described_person(doc, head) or self._description(doc, head, before, earlier or []), phrase.text

    @staticmethod
    def _named_in(doc: Doc, token: Token) -> dict | None:
        """The first person or organisation named inside a phrase ('the former officer Jimmy C.')."""
        index = doc._.token_entity or [None] * len(doc)
        for i in range(token.left_edge.i, token.right_edge.i + 1):
            entity = entity_by_id(doc, index[i])
            if entity and entity["type"] in ("PERSON", "ORG"):
                return entity
        return None

    def _description(self, doc: Doc, head: Token, before: int, earlier: list[dict]) -> str | None:
        """'the former minister', 'the group', 'the statement', 'a second tweet': someone named earlier.
        Only bare descriptions refer back; 'the Malian army' or 'the ministry in Damascus' describe."""
        children = list(head.children)
        words = {c.lower_ for c in children if c.dep_ in ("det", "poss", "amod", "nummod")}
        definite = bool(words & {"the", "his", "her", "its", "their", "second", "third", "another", "latest"})
        lemma = head.lemma_.lower()
        if not definite:
            return None
        if lemma in self.message_nouns:  # 'the statement said', 'a second tweet reads': its earlier author
            same_medium = [
                q for q in earlier if q["speaker"] and q["channel"] == self.verb_channels.get(lemma, lemma)
            ]
            earlier_speaker = next(
                (q["speaker"] for q in reversed(same_medium or earlier) if q["speaker"]), None
            )
            return earlier_speaker or self._antecedent(doc, ("PERSON", "ORG"), before)
        descriptive = (
            c.dep_ in ("compound", "prep", "poss") or (c.dep_ == "amod" and c.lower_ not in ("former", "new"))
            for c in children
        )
        if any(descriptive):
            return None
        if head.lower_ in self.titles or lemma in self.titles:
            return self._antecedent(doc, ("PERSON",), before)
        if lemma in self.org_nouns:
            return self._antecedent(doc, ("ORG",), before, strict=True)
        return None

    def _antecedent(self, doc: Doc, types: tuple[str, ...], before: int, strict: bool = False) -> str | None:
        """A small sieve (no coreference model): the nearest preceding clause subject in this or the
        previous sentence; a named one of a compatible type (or one named in apposition: 'the mayor,
        X,') is the antecedent, an unnamed one ('a spokesman') means the speaker is unnamed. Else the
        nearest compatible entity (unless `strict`)."""
        index = doc._.token_entity or []
        nearest = None
        anchor = doc[min(before, len(doc) - 1)].sent.start
        window_start = doc[anchor - 1].sent.start if anchor > 0 else 0
        for i in range(min(before, len(index)) - 1, -1, -1):
            entity = entity_by_id(doc, index[i])
            token = doc[i]
            if i >= window_start and token.dep_ in SUBJECTS and token.pos_ in ("NOUN", "PROPN"):
                if entity and entity["type"] in types:
                    return entity["id"]
                appositive = next((self._named_in(doc, c) for c in token.children if c.dep_ == "appos"), None)
                if appositive and appositive["type"] in types:
                    return appositive["id"]
                if entity is None and (token.lower_ in self.unnamed or token.lower_ in self.titles):
                    return None
            if entity and entity["type"] in types:
                nearest = nearest or entity["id"]
        return None if strict else nearest

    # ---- channels ----------------------------------------------------------------------------
    def _channel(self, doc: Doc, span: Span, cue: Token | None, include_quote: bool = False) -> str:
        """From the cue verb, then the words around the quote, then hashtags and handles inside it."""
        if cue is not None and cue.lemma_.lower() in self.verb_channels:
            return self.verb_channels[cue.lemma_.lower()]
        sent = cue.sent if cue is not None else doc[span.start].sent
        channel = self._channel_words(doc[sent.start : sent.end], span, include_quote)
        if channel is None and cue is not None and not (sent.start <= span.start < sent.end):
            channel = self._channel_words(doc[span.start].sent, span)
        if channel is None and cue is not None and cue.lemma_.lower() == "tell":
            recipient = next((c for c in cue.children if c.dep_ in ("dobj", "dative")), None)
            if recipient is not None:
                channel = "speech" if recipient.lemma_.lower() in self.audiences else "interview"
        if channel:
            return channel
        if re.search(r"(^|\s)[#@]\w", span.text):
            return "post"
        return "unknown"

    def _channel_words(self, window: Span, quote: Span, include_quote: bool = False) -> str | None:
        counted = self._carries_channel if include_quote else (lambda t, q: False)
        context = " " + " ".join(
            t.lower_ for t in window if not (quote.start <= t.i < quote.end) or counted(t, quote)
        ) + " "
        for name, words in self.channels:
            if any(f" {w} " in context for w in words):
                return name
        return None

    @staticmethod
    def _carries_channel(token: Token, content: Span) -> bool:
        """Whether a word inside reported content can name the channel it was given on: only in a phrase
        like 'in a statement' that a parser hung on a noun-phrase statement ('denied the claims in a
        statement'); what a reported clause is about ('said the video was fake') is no channel."""
        if any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound") for t in content):
            return False
        return any(a.dep_ == "prep" and content.start <= a.i < content.end for a in token.ancestors)

    def _inherit_channels(self, doc: Doc, quotes: list[dict]) -> None:
        """A quote with no channel of its own takes it from the sentence before it that names the same
        speaker ('Zelensky condemned the strike in an evening address. "...," he said'), else from the
        same speaker's quote of this or the previous paragraph ('said in a speech ...' then 'Petro said')."""
        text = doc.text
        last: dict[str, tuple[str, int]] = {}
        for quote in quotes:
            if quote["speaker"] is None:
                continue
            if quote["channel"] == "unknown":
                quote["channel"] = self._channel_before(doc, quote) or "unknown"
            if quote["channel"] == "unknown" and quote["speaker"] in last:
                channel, end = last[quote["speaker"]]
                if len(re.findall(r"\n+", text[end : quote["start"]])) <= 1:  # this or the next paragraph
                    quote["channel"] = channel
            if quote["channel"] != "unknown":
                last[quote["speaker"]] = (quote["channel"], quote["end"])

    def _channel_before(self, doc: Doc, quote: dict) -> str | None:
        span = doc.char_span(quote["start"], quote["end"], alignment_mode="expand")
        if span is None or doc[span.start].sent.start == 0:
            return None
        previous = doc[doc[span.start].sent.start - 1].sent
        if "\n" in previous.text.rstrip() or quote["speaker"] not in set(
            (doc._.token_entity or [])[previous.start : previous.end]
        ):
            return None
        return self._channel_words(previous, span)

    # ---- indirect speech ---------------------------------------------------------------------
    def _indirect(
        self, doc: Doc, text: str, covered: list[tuple[int, int]], earlier: list[dict]
    ) -> list[dict]:
        found: list[dict] = []

        def add(cue: Token, span: Span, start: int | None = None, end: int | None = None) -> None:
            self._add_statement(found, doc, text, covered, earlier, cue, span, start, end)

        for token in doc:
            if token.lemma_.lower() in self.phrasal_cues and token.pos_ == "VERB":
                if (statement := self._phrasal_statement(doc, token)) is not None:
                    add(token, statement)
                    continue
                if token.lemma_.lower() in APPEALS:
                    if (statement := self._called_something(token)) is not None:
                        add(token, statement)
                    continue  # 'call' is no speech verb of its own: 'called him on Monday'
            if token.pos_ != "VERB" or not (token.lemma_.lower() in self.cue_verbs or self._stated_view(token)):
                continue
            if any(c.dep_ == "neg" for c in token.children):  # 'He did not say how many ...'
                continue
            clause = next((c for c in token.children if c.dep_ == "ccomp"), None) or self._misattached_content(
                token
            ) or self._quoted_before(token)
            reports_before = clause is None or clause.i < token.i  # no content after the verb: an aside?
            aside = self._reporting_aside(token) if reports_before else None
            if reports_before and (self._parenthetical(token) or aside == "within"):
                # 'The bridge, the mayor said, will close'; 'Ideas were floated, she said, including a park'
                words = [t for t in token.sent if not (t.is_punct or t.is_space)]
                add(token, token.sent, words[0].idx, words[-1].idx + len(words[-1]))
                continue
            if aside == "after":
                add(token, self._before_aside(token))  # 'A happened, but B followed, he said.'
                continue
            if clause is None:
                if (statement := self._object_statement(token)) is not None:
                    add(token, statement)
                continue
            start_token = clause.left_edge
            if start_token.lower_ == "that":
                start_token = doc[start_token.i + 1]
            if clause.i < token.i:  # 'The bridge will close on Monday, the mayor said.'
                if not self._fronted_report(doc, clause, token):
                    continue
                end_token = doc[min(clause.right_edge.i, token.i - 1)]
                while end_token.i > start_token.i and (end_token.is_punct or end_token.is_space):
                    end_token = doc[end_token.i - 1]
            else:  # "says she's resigned herself to it": the parser may split one clause into two
                split = [
                    c for c in token.children if c.dep_ == "ccomp" and c.i > clause.i
                    and not any(t.is_punct for t in doc[clause.right_edge.i + 1 : c.left_edge.i])
                ]  # not a second clause set off by a colon or a quote mark
                end_token = self._clause_end(split[-1] if split else clause)
            if end_token.idx + len(end_token) - start_token.idx >= 10:
                add(token, doc[start_token.i : end_token.i + 1])
        found.extend(self._according_to_clauses(doc, text, covered, earlier))
        found.extend(self._content_statements(doc, text, covered + [(q["start"], q["end"]) for q in found], earlier))
        return found

    @staticmethod
    def _quoted_before(saying: Token) -> Token | None:
        """'The army has withdrawn, the agency quoted a source as saying': the words come before the
        quoting verb, which the parser gives them to; 'saying' is the one quoted's."""
        if saying.dep_ != "pcomp" or saying.head.dep_ != "prep" or saying.head.lower_ != "as":
            return None
        quoting = saying.head.head
        if quoting.lemma_.lower() not in QUOTING_VERBS:
            return None
        return next((c for c in quoting.children if c.dep_ == "ccomp" and c.i < quoting.i), None)

    def _content_statements(
        self, doc: Doc, text: str, covered: list[tuple[int, int]], earlier: list[dict]
    ) -> list[dict]:
        """What is stated without a finite speech verb, when the text says who stated it:
        - a passive report with its agent: 'The job cuts were announced by X' (X's statement: the cuts);
        - a content noun with a that-clause: 'X's statement that ...', 'the announcement by X that ...',
          'X issued a warning that ...'. 'The minister rejected the claim that ...' names no claimant
          and gives none."""
        found = []
        for token in doc:
            lemma = token.lemma_.lower()
            speaker: Token | None = None
            content: Span | None = None
            if lemma in self.object_statement_verbs and token.pos_ == "VERB":
                subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
                agent = next((c for c in token.children if c.dep_ == "agent"), None)
                speaker = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
                if subject is not None and speaker is not None:
                    content = doc[subject.left_edge.i : subject.right_edge.i + 1]
            elif lemma in self.content_nouns and token.pos_ == "NOUN":
                clause = next(
                    (c for c in token.rights if c.dep_ in ("acl", "ccomp") and c.left_edge.lower_ == "that"), None
                )
                speaker = self._content_owner(token)
                if clause is not None and speaker is not None:
                    content = doc[clause.left_edge.i + 1 : self._clause_end(clause).i + 1]
            if content is None or speaker is None or len(content) < 2:
                continue
            self._add_statement(found, doc, text, covered, earlier, token, content, speaker=speaker)
        return found

    def _add_statement(
        self,
        found: list[dict],
        doc: Doc,
        text: str,
        covered: list[tuple[int, int]],
        earlier: list[dict],
        cue: Token,
        span: Span,
        start: int | None = None,
        end: int | None = None,
        speaker: Token | None = None,
    ) -> None:
        """Add the indirect statement `span` (or its [start, end) when trimmed) with the channel its words
        name, unless a quote already covers it."""
        start = span.start_char if start is None else start
        end = span.end_char if end is None else end
        if not overlaps(covered, start, end):
            channel = self._channel(doc, span, cue, True)
            found.append(self._indirect_quote(doc, text, start, end, cue, channel, earlier, speaker=speaker))

    def _content_owner(self, noun: Token) -> Token | None:
        """Who made a statement named by a noun: its possessor, its 'by' phrase, or the subject of the verb
        that issued it."""
        for child in noun.children:
            if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN", "PRON"):
                return child
            if child.dep_ == "prep" and child.lower_ == "by":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        if noun.dep_ == "dobj" and noun.head.lemma_.lower() in self.issuing_verbs:
            return next((c for c in noun.head.children if c.dep_ in SUBJECTS), None)
        return None

    def _phrasal_statement(self, doc: Doc, verb: Token) -> Span | None:
        """'The union called for an inquiry', 'she called on the council to resign': a person, an
        organisation, an official or a pronoun demanding something; the phrase after the particle is the statement
        ('an inquiry', 'the council to resign'). 'called on Monday' has no infinitive and is no appeal."""
        if any(c.dep_ == "neg" for c in verb.children):
            return None
        subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        owner = entity_by_id(doc, entity_id_for(doc, subject.i, subject.i + 1)) if subject is not None else None
        speaker_like = subject is not None and (
            subject.pos_ in ("PRON", "PROPN")
            or (owner is not None and owner["type"] in ("PERSON", "ORG"))
            or subject.lemma_.lower() in self.org_nouns | self.unnamed | self.titles
        )
        if not speaker_like:  # 'the plan calls for twenty schools' is no one's demand
            return None
        particles = self.phrasal_cues[verb.lemma_.lower()]
        for prep in (c for c in verb.rights if c.dep_ == "prep" and c.lower_ in particles):
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if not objects:
                continue
            action = next((c for c in verb.rights if c.dep_ == "xcomp" and c.i > prep.i), None)
            if prep.lower_ in ("on", "to") and verb.lemma_.lower() in APPEALS:  # only with what they are to do
                if action is None:
                    continue
                return doc[objects[0].left_edge.i : action.right_edge.i + 1]
            return doc[objects[0].left_edge.i : prep.right_edge.i + 1]
        return None

    @staticmethod
    def _parenthetical(verb: Token) -> bool:
        """A reporting clause set between commas inside the sentence it reports ('His plan, he stated,
        was to sell'): the parser makes it parataxis of the sentence's root, which comes after it."""
        doc = verb.doc
        return (
            verb.dep_ == "parataxis"
            and verb.head.dep_ == "ROOT"
            and verb.left_edge.i > verb.sent.start
            and "," in (doc[verb.left_edge.i].text, doc[verb.left_edge.i - 1].text)
            and verb.right_edge.i + 1 < verb.sent.end
            and doc[verb.right_edge.i].text == ","
            and verb.head.i > verb.i
        )

    @staticmethod
    def _aside_start(verb: Token) -> int:
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return subject.left_edge.i if subject is not None and subject.i < verb.i else verb.i

    def _reporting_aside(self, verb: Token) -> str | None:
        """A reporting clause that attributes the words before it: set off by a comma after them, just its
        subject and verb (', he said.', ', said the mayor,', ', she said, including ...'), with no content
        of its own after the verb. The parser often hangs it inside the content it reports. 'after' when it
        closes the account (the sentence ends, or 'but' / 'while' turns to another), 'within' when the
        sentence goes on with more of the same account; None when it is no such clause."""
        doc, sent = verb.doc, verb.sent
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None:
            return None
        start = self._aside_start(verb)
        end = subject.right_edge.i if subject.i > verb.i else verb.i
        # only 'when' and 'to whom' may follow before the aside ends: ', officials said on Saturday', ', X told AFP'
        for child in (c for c in verb.children if c.i > end and not c.is_punct):
            if any(t.text == "," for t in doc[end + 1 : child.i]):
                break  # past the aside's closing comma: the account goes on
            if not self._time_or_audience(verb, child):
                return None
            end = child.right_edge.i
        if start - 2 <= sent.start or doc[start - 1].text != "," or end + 1 >= sent.end:
            return None
        follower = doc[end + 1]
        if follower.text in (".", "!", "?") and follower.i == sent.end - 1:
            return "after"
        if follower.text != "," or follower.i + 2 >= sent.end:
            return None
        turn = doc[follower.i + 1]
        return "after" if turn.dep_ in ("cc", "mark") or turn.lower_ in TURNING_WORDS else "within"

    @staticmethod
    def _time_or_audience(verb: Token, child: Token) -> bool:
        """A word after a reporting verb that says when or to whom ('said on Monday', 'told reporters')."""
        if child.dep_ in ("dobj", "dative") and verb.lemma_.lower() == "tell":
            return True
        words = [child, *(g for g in child.children if g.dep_ == "pobj")] if child.dep_ == "prep" else [child]
        return any(w.ent_type_ in ("DATE", "TIME") for w in words)

    def _before_aside(self, verb: Token) -> Span:
        doc = verb.doc
        first = next(t for t in verb.sent if not (t.is_punct or t.is_space))
        last = doc[self._aside_start(verb) - 2]
        while last.i > first.i and (last.is_punct or last.is_space):
            last = doc[last.i - 1]
        return doc[first.i : last.i + 1]

    @staticmethod
    def _misattached_content(verb: Token) -> Token | None:
        """'announced on Monday in a memo that he would step down': the parser hangs the that-clause on
        the nearest noun as a relative clause. A relative clause opened by 'that' as a conjunction (a
        real relative 'that' is the clause's subject or object) under a noun of the verb's own
        prepositional or time phrase is the verb's content."""
        for child in verb.rights:
            nouns = [child] if child.dep_ == "npadvmod" else [c for c in child.children if c.dep_ == "pobj"]
            if child.dep_ not in ("prep", "npadvmod"):
                continue
            for noun in nouns:
                for clause in noun.rights:
                    marker = clause.left_edge
                    if clause.dep_ in ("relcl", "acl") and marker.lower_ == "that" and marker.dep_ == "mark":
                        return clause
        return None

    def _object_statement(self, verb: Token) -> Span | None:
        """'Norda has announced 10,000 job cuts over four years': for verbs whose object is the content,
        the object phrase (with its modifiers after the verb) is the statement."""
        if verb.lemma_.lower() in self.characterising_verbs:
            return self._characterisation(verb)
        if verb.lemma_.lower() not in self.object_statement_verbs:
            return None
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN", "NUM")), None)
        if obj is None or obj.i < verb.i:
            return None
        end = obj.right_edge.i
        for child in verb.children:  # 'over the next four years' hangs on the verb, after the object
            if child.i > end and child.dep_ in ("prep", "npadvmod") and child.i == end + 1:
                end = child.right_edge.i
        phrase = verb.doc[obj.left_edge.i : end + 1]
        return phrase if len([t for t in phrase if not t.is_punct]) >= 2 else None

    @staticmethod
    def _characterisation(verb: Token) -> Span | None:
        """'described the raid as a massacre', 'branded the vote a sham': what the source says something
        is, the object with its 'as' phrase or complement. Without one ('described the scene') the verb reports nothing."""
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
        if obj is None:
            return None
        role = next((c for c in verb.children if c.i > obj.i and QuoteExtractor._complement(c)), None) or next(
            (c for c in obj.children if c.dep_ == "prep" and c.lower_ == "as"), None
        )
        if role is None:
            return None
        return verb.doc[obj.left_edge.i : role.right_edge.i + 1]

    @staticmethod
    def _called_something(verb: Token) -> Span | None:
        """'called the ruling a disgrace', 'called the vote unfair': calling something a common noun or an
        adjective says what it is. A name ('called the boy Tom') only names it."""
        statement = QuoteExtractor._characterisation(verb)
        if statement is None or statement[-1].pos_ == "PROPN" or verb.doc[statement.end - 1].ent_type_:
            return None
        return statement if any(t.pos_ in ("NOUN", "ADJ") and t.dep_ in ("oprd", "acomp") for t in statement) else None

    @staticmethod
    def _complement(token: Token) -> bool:
        """An 'as' phrase or a noun complement of a characterising verb; the parser also gives the
        complement as a second object or, after an article, as an adverbial noun ('a farce')."""
        if token.dep_ == "prep":
            return token.lower_ == "as"
        if token.dep_ == "npadvmod":
            return token.pos_ == "NOUN" and token.left_edge.pos_ == "DET"
        return token.dep_ in ("oprd", "xcomp", "dobj")

    @staticmethod
    def _fronted_report(doc: Doc, clause: Token, verb: Token) -> bool:
        """'Content, the source said.': the content opens the sentence and only the attribution (its
        subject, punctuation) stands between it and the verb. A 'but'/'while' in between means the parser
        joined two accounts ('A claimed X, but B said it was false'), and X is not B's."""
        sent = verb.sent
        first = next((t for t in sent if not (t.is_punct or t.is_space)), sent[0])
        if clause.left_edge.i > first.i:
            return False
        between = doc[clause.right_edge.i + 1 : verb.i]
        return not any(t.dep_ in ("cc", "mark") or t.lower_ in ("but", "while", "whereas") for t in between)

    @staticmethod
    def _clause_end(clause: Token) -> Token:
        """The last token of a reported clause, leaving out a second clause joined by 'but'/'while'
        ('X said A, but Y said B'): B is Y's, not part of X's account. A verb sharing the clause's subject
        is part of it ('said he struck and killed a woman')."""
        end = clause.i
        shared = [
            c for c in clause.children
            if c.dep_ == "conj" and c.i > clause.i and c.pos_ in ("VERB", "AUX")
            and not any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children)
        ]
        for child in clause.children:
            if child.i <= clause.i:
                continue
            if shared and child.i <= shared[0].i and child.dep_ in ("cc", "conj", "punct"):
                end = max(end, child.right_edge.i if child.dep_ == "conj" else child.i)
                continue
            if child.dep_ in ("conj", "cc") or (
                child.dep_ == "advcl"
                and any(m.lower_ in ("while", "whereas", "but", "although") for m in child.children)
            ):
                break
            end = max(end, child.right_edge.i)
        token = clause.doc[end]
        while token.i > clause.i and token.is_punct:
            token = clause.doc[token.i - 1]
        return token

    def _according_to_clauses(
        self, doc: Doc, text: str, covered: list[tuple[int, int]], earlier: list[dict]
    ) -> list[dict]:
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
            if overlaps(covered, start, end):
                continue
            channel = self._channel(doc, doc[first:last], None)
            cue, speaker = self._according_to_source(token)
            found.append(self._indirect_quote(doc, text, start, end, cue, channel, earlier, speaker=speaker))
        return found

    def _according_to_source(self, according: Token) -> tuple[Token, Token | None]:
        """The attributing word and the source of 'according to ...'. When the source is a statement
        ('according to the ministry's statement', 'according to a report by X'), the statement noun
        is the cue and its author the speaker; otherwise 'according' is the cue and its object the speaker."""
        source = next((t for t in according.doc[according.i + 1].children if t.dep_ == "pobj"), None)
        if source is None or source.lemma_.lower() not in self.content_nouns or source.pos_ != "NOUN":
            return according, source
        return source, self._content_owner(source) or source

    def _indirect_quote(
        self,
        doc: Doc,
        text: str,
        start: int,
        end: int,
        cue: Token,
        channel: str,
        earlier: list[dict],
        speaker: Token | None = None,
    ) -> dict:
        """An indirect quote at [start, end); its speaker is the cue's subject unless the caller found
        who made the statement some other way ('the announcement by X', 'confirmed by X')."""
        if speaker is None:
            speaker_id, speaker_text = self._speaker_of(doc, cue, cue.i, earlier)
        else:
            speaker_id, speaker_text = self.resolve_speaker(doc, speaker, cue.i, earlier)
        return {
            "text": text[start:end],
            "start": start,
            "end": end,
            "speaker": speaker_id,
            "speaker_text": speaker_text,
            "channel": channel,
            "kind": "indirect",
            "cue": cue_record(cue),
        }


@Language.factory("newsgraph_quotes", default_config={"min_words": 3, "max_cue_distance": 12})
def make_quotes(nlp: Language, name: str, min_words: int, max_cue_distance: int) -> QuoteExtractor:
    return QuoteExtractor(min_words, max_cue_distance)
