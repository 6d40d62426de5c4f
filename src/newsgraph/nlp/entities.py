"""Entity component: NER spans grouped into one entity per real-world referent in the document.

Mentions come from the statistical NER. Clustering merges spelling and transliteration variants,
title and short forms and acronyms; a short form that could belong to several people stays apart
(namesakes). Each entity's type is the majority vote of its mentions."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter

from rapidfuzz import fuzz
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.geo.gazetteer import Place, default_gazetteer, place_key
from newsgraph.nlp.actors import Actor, ActorDictionary, actor_records
from newsgraph.nlp.names import (
    acronym_forms,
    honorific_words,
    leading_function_words,
    load_data,
    match_key,
    name_tokens,
    organisation_cues,
    organisation_key,
    skeleton,
    title_words,
)

# where a police noun names a party: a clause's subject or object, an agent, a possessor ('police said',
# 'shot by officers', 'the police account')
POLICE_ROLES = frozenset(["nsubj", "nsubjpass", "dobj", "obj", "pobj", "conj", "appos", "poss", "dative"])
DEFAULT_LABELS = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "NORP": "OTHER",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
    "EVENT": "EVENT",
}


@dataclass
class Cluster:
    mentions: list[Span] = field(default_factory=list)
    types: Counter = field(default_factory=Counter)
    keys: set[str] = field(default_factory=set)  # match keys of every mention, kept as mentions arrive
    skeletons: set[str] = field(default_factory=set)
    acronyms: set[str] = field(default_factory=set)  # initials of multi-word mentions
    actors: set[str] = field(default_factory=set)  # ids from the actor dictionary
    epithets: set[int] = field(default_factory=set)  # token starts of nickname mentions (never the name)
    demonym: bool | None = None  # whether the first mention is a demonym, once looked up
    generic: str | None = None  # a party the text names only by a common noun ('police'): that noun
    full_person_names: set[tuple[str, ...]] = field(default_factory=set)  # the NER's PERSON names of 2+ words
    forms: set[tuple[str, ...]] = field(default_factory=set)  # name_tokens of every mention
    short_forms: set[str] = field(default_factory=set)  # mentions that are acronyms ('XYZ')

    def add(self, span: Span, entity_type: str) -> None:
        if len(span) > 1:
            self.acronyms |= acronym_forms(span.text)
        self.mentions.append(span)
        # a full name's type counts double: the NER types 'Tony X' far more reliably than a bare 'X'
        tokens = name_tokens(span.text)
        self.forms.add(tokens)
        if is_acronym(span.text):
            self.short_forms.add(span.text)
        self.types[entity_type] += 2 if len(tokens) > 1 else 1
        if entity_type == "PERSON" and len(tokens) > 1:
            self.full_person_names.add(tokens)
        self.keys.add(match_key(span.text))
        if entity_type == "ORG":
            self.keys.add(organisation_key(span.text))  # 'Acme Corp.' and 'Acme' share a key
        self.skeletons.add(skeleton(span.text))

    @property
    def outvoting(self) -> int:
        """A vote that outweighs all the NER's votes: a cue that settles the type adds it."""
        return sum(self.types.values()) + 1

    @property
    def type(self) -> str:
        return max(self.types.items(), key=itemgetter(1))[0]  # most_common(1), without its heap: asked often

    @property
    def name(self) -> str:
        names = [m for m in self.mentions if m.start not in self.epithets] or self.mentions
        texts = [display_text(m) for m in names]
        return max(texts, key=lambda t: (len(name_tokens(t)), len(t)))


@lru_cache(maxsize=65536)
def known_place_name(text: str) -> bool:
    """Whether the gazetteer knows a place by this name (asked for many a name's head, so remembered)."""
    return bool(default_gazetteer().candidates(text))


def covered_tokens(clusters: list[Cluster]) -> set[int]:
    """Indexes of the tokens some mention already holds."""
    return {i for cluster in clusters for m in cluster.mentions for i in range(m.start, m.end)}


@lru_cache(maxsize=65536)
def own_name_places(name: str) -> tuple[Place, ...]:
    """Gazetteer places whose own name (not an alternate name) is `name` (asked for every cluster's
    name, so remembered)."""
    key = place_key(name)
    return tuple(p for p in default_gazetteer().candidates(name) if place_key(p.name) == key)


def is_acronym(name: str) -> bool:
    """A short name written in capitals ('NRDX', 'UNHCR'), not a capitalised word."""
    return name.isalpha() and name.isupper() and 2 <= len(name) <= 8


def appositive_nouns(name: Token) -> list[Token]:
    """The common nouns a name stands in apposition to: 'X, a woman ...', 'the airline, X'."""
    nouns = [c for c in name.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if name.dep_ == "appos" and name.head.pos_ == "NOUN":
        nouns.append(name.head)
    return nouns


def phrase_after(span: Span, phrases: frozenset[str], longest: int, fits: Callable[[Span], bool]) -> int:
    """How many tokens (at most `longest`, the longest that fits) right after `span` form one of `phrases`
    (lower-case, tokens joined by spaces) and pass `fits`; 0 for none."""
    for size in range(longest, 0, -1):
        words = span.doc[span.end : span.end + size]
        if len(words) == size and " ".join(t.lower_ for t in words) in phrases and fits(words):
            return size
    return 0


def overlaps(first: Span, second: Span) -> bool:
    return first.start < second.end and second.start < first.end


def in_capitals_lines(cluster: Cluster) -> bool:
    """Every mention stands in a capitalised line (a headline in capitals), where a person's name is
    capitalised too."""
    return all(sum(t.is_upper for t in m.sent if t.is_alpha) > 0.8 * sum(t.is_alpha for t in m.sent) for m in cluster.mentions)


def is_lower_case(doc: Doc) -> bool:
    """Text written without capitals (an archive's lower-cased copy): under 2 % of its words capitalised
    where at least one in ten would be in ordinary prose."""
    words = [t for t in doc[:2000] if t.is_alpha]  # the opening 2,000 tokens tell
    return len(words) >= 20 and sum(t.text[0].isupper() for t in words) < 0.02 * len(words)


def display_text(span: Span) -> str:
    """The mention without a leading 'the' or trailing possessive."""
    tokens = list(span)
    if tokens and tokens[0].lower_ == "the":
        tokens = tokens[1:]
    if tokens and tokens[-1].text in ("'s", "’s", "'", "’"):
        tokens = tokens[:-1]
    return span.doc[tokens[0].i : tokens[-1].i + 1].text if tokens else span.text


def trim_span(span: Span) -> Span | None:
    """Drop leading function words ('the', 'Near' glued on at a line start), leading titles and a trailing
    possessive so mentions are bare names. A title word that opens an organisation's name ('General
    Motors') is part of the name and stays."""
    start, end = span.start, span.end
    doc = span.doc
    titles = title_words()
    function_words = leading_function_words()
    organisation_name = doc[end - 1].lower_.rstrip(".") in organisation_cues()["name_heads"]
    while start < end - 1 and doc[start].lower_ in function_words and not doc[start].is_upper:
        start += 1
    while start < end and (
        doc[start].lower_ in ("the",) or (doc[start].lower_.rstrip(".") in titles and not organisation_name)
    ):
        start += 1
    if end - start > 3 and doc[end - 1].like_num and doc[end - 2].text in ("-", "–") and doc[end - 3].like_num:
        end -= 3  # 'edged the X Eagles 4-3': a score is no part of any name
    while end > start and (
        doc[end - 1].text in ("'s", "’s", "'", "’")
        or doc[end - 1].is_space
        or (doc[end - 1].pos_ == "ADP" and doc[end - 1].is_lower)  # 'beat X in Bern' tagged 'X in'
        or doc[end - 1].text in (":", ";", ",")  # a headline's 'X: ...'
        or (span.label_ == "PERSON" and end - start > 1 and (doc[end - 1].like_num or doc[end - 1].text in ("-", "–")))
    ):  # 'beat X 6-3': a score or a number is no part of a person's name
        end -= 1
    while start < end and doc[start].is_space:
        start += 1
    return Span(doc, start, end, label=span.label) if end > start else None


def unique_owners(clusters: list[Cluster], forms_of) -> dict:
    """The forms (as `forms_of(cluster)` gives them) that exactly one cluster owns, each to that cluster's
    index: a repeat of such a form can only mean that entity."""
    owners: dict = {}
    for index, cluster in enumerate(clusters):
        for form in forms_of(cluster):
            owners.setdefault(form, set()).add(index)
    return {form: next(iter(found)) for form, found in owners.items() if len(found) == 1}


def join_span(doc: Doc, cluster: Cluster, start: int, end: int) -> None:
    """Add the tokens start..end to the cluster as a mention labelled like its others."""
    cluster.add(Span(doc, start, end, label=cluster.mentions[0].label), cluster.type)


GENERATIONS = frozenset(["jr", "sr", "ii", "iii", "iv"])  # 'Y Smith, Jr.'


class EntityClusterer:
    def __init__(
        self,
        labels: dict[str, str],
        fuzzy_threshold: float,
        use_gazetteer: bool,
        city_population: int,
        dictionary: ActorDictionary | None = None,
    ) -> None:
        self.dictionary = dictionary
        self.labels = labels
        self.fuzzy_threshold = fuzzy_threshold
        self.use_gazetteer = use_gazetteer
        self.city_population = city_population
        cues = load_data("place_cues.json")
        self.place_before = frozenset(cues["before"]) - {"of", "to"}
        self.ordinary_words = frozenset(cues["ordinary_words"])
        organisations = organisation_cues()
        self.generic_endings = frozenset(
            organisations["generic_endings"] | organisations["legal_suffixes"] | organisations["name_heads"]
        )
        # words no person's name holds ('Health Clinic', 'Auto Workers', 'Management Associates')
        self.body_words = self.generic_endings | organisations["complement_heads"] | organisations["descriptors"]
        self.unit_nouns = {
            **{w: ("admin1", "admin2", "region") for w in cues["admin_nouns"]},
            **{w: ("city",) for w in ("city", "town", "village", "hamlet", "township")},
        }
        self.place_nouns = frozenset(cues["place_nouns"])
        self.vessel_prefixes = frozenset(load_data("vessels.json")["prefixes"])
        self.headline_verbs = frozenset(load_data("organisations.json")["headline_verbs"])
        self.landform_words = frozenset(cues["landform_words"])
        self.person_predicates = frozenset(cues["person_predicates"])
        self.lives = {voice: frozenset(words) for voice, words in cues["only_people"].items() if voice != "_about"}
        speech = load_data("speech.json")
        self.epithet_cues = tuple(speech["epithet_cues"])
        self.speech_verbs = frozenset(speech["cue_verbs"])
        self.event_nouns = frozenset(load_data("event_patterns.json")["nouns"])  # 'a police raid'
        police = organisation_cues()
        self.police_words = police["police_nouns"] | police["officer_nouns"]
        self.police_modifiers = police["police_nouns"] | police["officer_manner"]  # 'plainclothes officers'
        relations = load_data("relations.json")
        self.person_nouns = frozenset(relations["person_nouns"])  # 'his brother Paul'
        self.people_words = frozenset(relations["people_words"])  # 'X, a woman known for ...'

    def __call__(self, doc: Doc) -> Doc:
        clusters: list[Cluster] = []
        for span, entity_type, actor in self._candidates(doc):
            cluster = self._find(clusters, span, entity_type, actor)
            if cluster is None:
                cluster = Cluster()
                clusters.append(cluster)
            cluster.add(span, entity_type)
            if actor is not None:
                cluster.actors.add(actor.id)
                cluster.types[actor.type] += 3  # a curated actor outvotes the statistical label
        self._add_missed_mentions(doc, clusters)
        if is_lower_case(doc):
            self._add_lower_case_repeats(doc, clusters)
        self._names_before_unit_nouns(doc, clusters)
        clusters = self._join_epithets(doc, clusters)
        surnames = {s.split()[-1] for c in clusters if c.type == "PERSON" for s in c.skeletons if " " in s}
        for cluster in clusters:
            if len(name_tokens(cluster.name)) == 1 and skeleton(cluster.name) in surnames:
                cluster.types["PERSON"] += cluster.outvoting  # a surname shared by namesakes
            else:
                self._correct_type(doc, cluster)
        self._coordinated_places(doc, clusters)
        self._police(doc, clusters)
        nested = self._places_inside_organisations(doc, clusters)
        self._write(doc, clusters, nested)
        return doc

    def _places_inside_organisations(self, doc: Doc, clusters: list[Cluster]) -> set[tuple[int, int]]:
        """'the Ottawa Police Service', 'Acme Canada', 'the Bank of Portugal', 'Turkish security forces':
        the place or people an organisation is named after is a mention in its own right, nested inside
        the organisation's (which keeps its tokens for roles and speakers). Only a name the article
        uses as a place elsewhere, a demonym, or a country, province or large city counts, so 'Sears'
        or 'Crescent' stay plain words. Returns the nested spans (start, end token)."""
        if not self.use_gazetteer:
            return set()
        known = {place_key(display_text(m)): c for c in clusters if c.type in ("PLACE", "OTHER") for m in c.mentions}
        nested: set[tuple[int, int]] = set()
        for cluster in [c for c in clusters if c.type == "ORG" and not c.actors]:
            for mention in list(cluster.mentions):
                for run in self._capitalised_runs(mention):
                    start = 0
                    while start < len(run):
                        found = self._nested_place_at(run, start, mention, known)
                        if found is None:
                            start += 1
                            continue
                        span, key, entity_type = found
                        if key not in known:
                            known[key] = Cluster()
                            clusters.append(known[key])
                        known[key].add(span, entity_type)
                        nested.add((span.start, span.end))
                        start += len(span)
        return nested

    def _nested_place_at(
        self, run: list[Token], start: int, mention: Span, known: dict[str, Cluster]
    ) -> tuple[Span, str, str] | None:
        """The longest words of `run` from `start` on that name a place or a people ('New South Wales',
        not 'Wales'), short of the whole name: (span, lookup key, entity type)."""
        for end in range(len(run), start, -1):
            span = Span(mention.doc, run[start].i, run[end - 1].i + 1, label="GPE")
            if (span.start, span.end) == (mention.start, mention.end):
                continue
            key = place_key(span.text)
            entity_type = known[key].type if key in known else self._nested_place_type(span.text)
            if entity_type is None and start == 0:  # 'the X County Attorney': the county its office serves
                office = " ".join(t.lower_ for t in mention.doc[span.end : mention.end])
                entity_type = "PLACE" if office in organisation_cues()["offices"] else None
            if entity_type is not None:
                return span, key, entity_type
        return None

    @staticmethod
    def _capitalised_runs(mention: Span) -> list[list[Token]]:
        """Runs of consecutive capitalised words inside a name."""
        runs: list[list[Token]] = [[]]
        for token in mention:
            if token.text[:1].isupper() and token.pos_ in ("PROPN", "ADJ", "NOUN"):
                runs[-1].append(token)
            elif runs[-1]:
                runs.append([])
        return [run for run in runs if run]

    def _nested_place_type(self, text: str) -> str | None:
        """A demonym, or the own name of a country or of a populous province or city; never a county or a
        small unit (many share a person's or a word's name) nor an ordinary word a unit is called."""
        if self._is_demonym(text):
            return "OTHER"
        words = place_key(text).split()
        if len(words) == 1 and words[0] in self.ordinary_words:  # 'Crescent'; 'New York' is a name whole
            return None
        big = any(
            p.feature == "country" or (p.feature in ("admin1", "city") and p.population >= self.city_population)
            for p in own_name_places(text)
        )
        return "PLACE" if big else None

    def _coordinated_places(self, doc: Doc, clusters: list[Cluster]) -> None:
        """'between Gao and Ansongo': a known place name coordinated with a place is a place."""
        owner = {i: c for c in clusters for m in c.mentions for i in range(m.start, m.end)}
        for cluster in clusters:
            if cluster.type == "PLACE" or cluster.actors or not self.use_gazetteer:
                continue
            for mention in cluster.mentions:
                root = mention.root
                partners = [root.head] if root.dep_ == "conj" else []
                partners += [c for c in root.children if c.dep_ == "conj"]
                if any(owner.get(p.i) is not None and owner[p.i].type == "PLACE" for p in partners) and (
                    default_gazetteer().candidates(cluster.name)
                ):
                    cluster.types["PLACE"] += cluster.outvoting + 1
                    break

    def _candidates(self, doc: Doc) -> list[tuple[Span, str, Actor | None]]:
        """NER mentions (typed, trimmed) and actor-dictionary matches, in text order; a dictionary
        match inside or around an NER mention gives that mention its actor."""
        matches = [
            (trim_span(m) or m, a) for m, a in (self.dictionary.matches(doc) if self.dictionary else [])
        ]
        candidates: list[tuple[Span, str, Actor | None]] = []
        used: set[int] = set()
        pieces = [
            piece
            for found in doc.ents
            for part in self._split_at_headline_verb(found)
            for cut in self._split_at_comma(part)
            for piece in self._split_portfolio_place(cut)
        ]
        for ent in self._join_complements(pieces):
            entity_type = self.labels.get(ent.label_)
            body = self._body_after(ent) if ent.label_ in ("NORP", "GPE") or self._is_demonym(ent.text) else 0
            if not body and ent.label_ in ("GPE", "LOC"):
                body = self._office_after(ent)  # 'the X County Attorney', "the Y County sheriff's office"
            if body:  # 'Iraqi forces', 'the French government': an organisation acting, not a place
                ent, entity_type = Span(doc, ent.start, ent.end + body, label="ORG"), "ORG"
            elif ent.label_ in ("NORP", "GPE", "LOC") and len(ent) > 1 and self._ends_in_body(ent):
                entity_type = "ORG"  # the NER's own span already holds the body: 'the Canadian Government'
            span = trim_span(ent) if entity_type else None
            if span is None or not name_tokens(span.text):
                continue
            if len(span) > 1 and self._leading_descriptor(span):
                span, entity_type = Span(doc, span.start + 1, span.end, label="ORG"), "ORG"  # 'Chipmaker X said'
            if entity_type != "PLACE" and self._glued_place(ent, span):
                entity_type = "PLACE"  # 'Near Palmyra' read as a person's two names
            if entity_type == "PERSON" and len(span) > 2 and self._is_demonym(span[0].text):
                span = Span(doc, span.start + 1, span.end, label=span.label)  # 'American X Y' is X Y
            if span.start > 0 and doc[span.start - 1].text in self.vessel_prefixes:
                span, entity_type = Span(doc, span.start - 1, span.end, label="PRODUCT"), "OTHER"  # 'INS X'
            elif len(span) > 1 and span[0].text in self.vessel_prefixes:
                entity_type = "OTHER"
            actor = None
            for number, (match, found) in enumerate(matches):
                inside_name = (
                    entity_type == "PERSON"
                    and span.start <= match.start
                    and match.end <= span.end
                    and (match.end - match.start < span.end - span.start)
                )  # 'al-Houthi' in a person's name
                hyphened = span.start < match.start and match.end <= span.end and doc[match.start - 1].text == "-"
                if inside_name or hyphened:  # 'the Counter-X Coalition', 'an anti-X militia': X is what it
                    used.add(number)  # fights or backs, not what it is
                    continue
                if overlaps(match, span):
                    actor, entity_type = found, found.type
                    used.add(number)
                    if match.end - match.start > span.end - span.start:
                        span = match  # 'Islamic State' where the NER saw only 'State'
                    break
            candidates.append((span, entity_type, actor))
        for number, (match, actor) in enumerate(matches):
            covered = any(overlaps(c, match) for c, _, _ in candidates)
            if number not in used and not covered:
                candidates.append((match, actor.type, actor))
        found_names = [
            *((v, "OTHER") for v in self._vessels(doc)),
            *self._described_names(doc),
            *self._acronyms_before_titles(doc),
            *self._after_dateline(doc),
        ]
        for found, found_type in found_names:
            if not any(overlaps(c, found) for c, _, _ in candidates):
                candidates.append((found, found_type, None))
        for landform in self._landforms(doc):  # it replaces the part the NER saw ('Glacier' as a person)
            overlapping = [c for c in candidates if overlaps(c[0], landform)]
            if all(landform.start <= c[0].start and c[0].end <= landform.end and not c[2] for c in overlapping):
                candidates = [c for c in candidates if c not in overlapping] + [(landform, "PLACE", None)]
        return sorted(candidates, key=lambda c: c[0].start)

    def _landforms(self, doc: Doc) -> Iterator[Span]:
        """'the Aletsch Glacier', 'Kali River': capitalised words before a capitalised landform word name a
        place, however the NER read them."""
        for token in doc:
            if token.lower_ not in self.landform_words or not token.is_title or token.i == 0:
                continue
            start = token.i
            while start > 0 and token.i - start < 3 and doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN":
                start -= 1
            if start < token.i and not doc[start].is_sent_start:
                yield Span(doc, start, token.i + 1, label="LOC")

    @staticmethod
    def _described_names(doc: Doc) -> Iterator[tuple[Span, str]]:
        """Names the NER missed that the text itself calls organisations: 'its car division, X', 'the
        retailer X'."""
        descriptors = organisation_cues()["descriptors"]
        for token in doc:
            if token.pos_ != "PROPN" or not token.is_title or token.dep_ == "compound":
                continue
            described = (token.dep_ == "appos" and token.head.pos_ == "NOUN" and token.head.lower_ in descriptors)
            start = token.left_edge.i if token.left_edge.pos_ == "PROPN" else token.i
            before = doc[start - 1] if start > 0 else None
            described = described or (
                before is not None and before.pos_ == "NOUN" and before.lower_ in descriptors and before.is_lower
            )
            if described:
                yield Span(doc, start, token.i + 1, label="ORG"), "ORG"

    @staticmethod
    def _acronyms_before_titles(doc: Doc) -> Iterator[tuple[Span, str]]:
        """'NRDX CTO Tom Baird', 'KVB chief economist Lena Morrow': an acronym the NER missed, right
        before a person's title and name, is the organisation the title is held in."""
        titles = title_words()

        def role_word(word: Token) -> bool:  # 'CTO', 'chief economist', 'network operations head'
            return word.lower_ in titles or (word.is_lower and word.pos_ in ("NOUN", "ADJ"))

        for token in doc:
            if not is_acronym(token.text) or token.lower_ in titles or token.ent_type_:
                continue
            after = token.i + 1
            while after < len(doc) and after - token.i <= 3 and role_word(doc[after]):
                after += 1
            if after > token.i + 1 and after < len(doc) and doc[after].ent_type_ == "PERSON":
                yield Span(doc, token.i, token.i + 1, label="ORG"), "ORG"

    @staticmethod
    def _after_dateline(doc: Doc) -> Iterator[tuple[Span, str]]:
        """'NAIROBI, 3 March 2025 - Kenya imposed ...': the NER reads the dateline's date on across the dash
        into the first name of the story; a known place name after the dash inside a date is that place."""
        for ent in doc.ents:
            if ent.label_ not in ("DATE", "TIME") or ent.start - ent.sent.start > 3:
                continue  # a dateline opens its sentence: 'NAIROBI, 3 March 2025 - ...'
            dash = next((t.i for t in ent if t.text in ("-", "–", "—")), None)
            if dash is None or dash + 1 >= ent.end:
                continue
            tail = doc[dash + 1 : ent.end]
            if all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in tail) and known_place_name(tail.text):
                yield Span(doc, tail.start, tail.end, label="GPE"), "PLACE"

    def _vessels(self, doc: Doc) -> Iterator[Span]:
        """'INS X', 'USS Y Z': a ship prefix and the capitalised name after it, which the NER often misses
        or reads as a person or a place."""
        for token in doc:
            if token.text not in self.vessel_prefixes:
                continue
            end = token.i + 1
            while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title and end - token.i <= 3:
                end += 1
            if end > token.i + 1:
                yield Span(doc, token.i, end, label="PRODUCT")

    @staticmethod
    def _join_complements(ents: list[Span]) -> list[Span]:
        """'[X Service] for [the Y Markets]', '[the Council] of [Z]': an organisation's name whose last
        word takes a complement, cut by the NER before it, is one name with the name that follows."""
        heads = organisation_cues()["complement_heads"]
        joined: list[Span] = []
        for ent in ents:
            previous = joined[-1] if joined else None
            if previous is not None and previous.label_ == "ORG" and previous[-1].lower_ in heads and ent.label_ in (
                "ORG", "GPE", "LOC", "FAC"
            ):
                between = [t.lower_ for t in ent.doc[previous.end : ent.start]]
                if between[:1] in (["for"], ["of"], ["on"]) and between[1:] in ([], ["the"]):
                    joined[-1] = Span(ent.doc, previous.start, ent.end, label="ORG")
                    continue
            joined.append(ent)
        return joined

    @staticmethod
    def _ends_in_body(ent: Span) -> bool:
        bodies = organisation_cues()["bodies"]
        last_two = " ".join(t.lower_ for t in ent[-2:])
        return ent[-1].lower_ in bodies or last_two in bodies

    def _split_at_headline_verb(self, ent: Span) -> list[Span]:
        """A title-case headline glues its verb between two names ('X Beat Y', 'X Sign Y'): the NER's one
        span is the two names on either side of it."""
        if len(ent) > 1 and ent[0].lower_ in self.headline_verbs and ent[0].text[:1].isupper():
            return [Span(ent.doc, ent.start + 1, ent.end, label=self._piece_label(ent[1:], ent))]  # 'X [Beat Y]'
        for token in ent[1:-1]:
            if token.lower_ in self.headline_verbs and token.text[:1].isupper():
                left, right = ent.doc[ent.start : token.i], ent.doc[token.i + 1 : ent.end]
                if left[-1].text[:1].isupper() and right[0].text[:1].isupper():
                    return [Span(ent.doc, part.start, part.end, label=self._piece_label(part, ent)) for part in (left, right)]
        return [ent]

    def _split_at_comma(self, ent: Span) -> list[Span]:
        """'With the backing of X Capital, Y Inc. opened ...': the NER glued two organisations (or two
        people) across a comma. A legal suffix or a generation after the comma is part of the one name
        ('X, Inc.', 'Y Smith, Jr.'); places keep theirs ('Paris, Texas')."""
        if ent.label_ not in ("ORG", "PERSON"):
            return [ent]
        commas = [t for t in ent[1:-1] if t.text == ","]
        if len(commas) != 1:
            return [ent]
        left, right = ent.doc[ent.start : commas[0].i], ent.doc[commas[0].i + 1 : ent.end]
        named = [t for t in right if t.lower_.rstrip(".") not in self.generic_endings and t.lower_.rstrip(".") not in GENERATIONS]
        if not named or not all(part[0].text[:1].isupper() for part in (left, right)):
            return [ent]
        return [Span(ent.doc, part.start, part.end, label=ent.label_) for part in (left, right)]

    def _split_portfolio_place(self, ent: Span) -> list[Span]:
        """'Minister for the Sahel Tom Baird said': the NER glued the place a title's portfolio names
        to the holder's name. After 'Minister for (the)', a span that opens with a place the gazetteer
        knows and goes on with two or more capitalised names is that place and a person."""
        if ent.label_ not in ("ORG", "PERSON") or not self.use_gazetteer:
            return [ent]
        doc, start = ent.doc, ent.start + (ent[0].lower_ == "the")
        before = start - 1 - (start > 0 and doc[start - 1].lower_ == "the")
        if before < 1 or doc[before].lower_ != "for" or doc[before - 1].lower_ not in title_words():
            return [ent]  # 'president of the X Clinic', 'Tom Baird of the Y Church' name no portfolio
        for cut in range(ent.end - 2, start, -1):  # the longest place first
            person = doc[cut : ent.end]
            if self._person_like(person) and own_name_places(doc[start:cut].text):
                return [Span(doc, start, cut, label="LOC"), Span(doc, cut, ent.end, label="PERSON")]
        return [ent]

    def _person_like(self, words: Span) -> bool:
        """Two or three capitalised names none of which is an organisation's word."""
        return 2 <= len(words) <= 3 and all(
            t.pos_ == "PROPN" and t.text[:1].isupper() and t.lower_ not in self.body_words for t in words
        )

    @staticmethod
    def _piece_label(part: Span, ent: Span) -> str:
        """A name cut from a headline: a capitalised plural ('Rams') is a team, whatever the whole was called."""
        last = part[-1]
        return "ORG" if last.tag_ == "NNPS" or (last.lower_.endswith("s") and not last.lower_.endswith("ss")) else ent.label_

    def _glued_place(self, ent: Span, span: Span) -> bool:
        """The NER glued a place preposition to a name ('Near X', 'In X'): its label described the pair;
        the name alone is a place when the gazetteer knows it by that very name."""
        if span.start == ent.start or ent.doc[ent.start].lower_ not in self.place_before or not self.use_gazetteer:
            return False
        key = place_key(span.text)
        return any(place_key(p.name) == key for p in default_gazetteer().candidates(span.text))

    @staticmethod
    def _body_after(ent: Span) -> int:
        """How many tokens after a nationality or country form a collective body noun ('security forces')."""
        bodies = organisation_cues()["bodies"]
        return phrase_after(ent, bodies, 2, lambda words: words[-1].pos_ == "NOUN")

    @staticmethod
    def _office_after(ent: Span) -> int:
        """How many tokens after a place's name form a public office ('Attorney', "attorney's office",
        'District Attorney', 'Sheriff'): the office acts (files charges, makes arrests), not the place."""
        offices = organisation_cues()["offices"]
        return phrase_after(ent, offices, 4, lambda words: words[0].pos_ in ("NOUN", "PROPN"))

    def _join_epithets(self, doc: Doc, clusters: list[Cluster]) -> list[Cluster]:
        """'General X, widely known as Hemedti' / 'X, dubbed "the Lion"': the name after an epithet cue
        is the same person or group as the name before it in the sentence, not a new entity."""
        owner_of = {id(m): c for c in clusters for m in c.mentions}
        for cluster in list(clusters):
            for mention in list(cluster.mentions):
                before = " ".join(t.lower_ for t in doc[max(0, mention.start - 3) : mention.start])
                if not before.endswith(self.epithet_cues):
                    continue
                sent = mention.sent
                previous = [
                    m
                    for c in clusters
                    for m in c.mentions
                    if sent.start <= m.start
                    and m.end <= mention.start
                    and owner_of[id(m)] is not cluster
                    and owner_of[id(m)].type in ("PERSON", "ORG")
                ]
                if not previous:
                    continue
                target = owner_of[id(max(previous, key=lambda m: m.start))]
                for moved in cluster.mentions:
                    target.add(moved, target.type)
                    owner_of[id(moved)] = target
                clusters.remove(cluster)
                break
        self._quoted_epithets(doc, clusters)
        return clusters

    def _quoted_epithets(self, doc: Doc, clusters: list[Cluster]) -> None:
        """'Yusuf Kalo, the commander known as "the Lion of the North"': the quoted nickname becomes a
        mention (and so an alias) of the person named before it."""
        cues = "|".join(re.escape(c) for c in self.epithet_cues)
        for match in re.finditer(rf"\b(?:{cues})\s+[\"“‘']([^\"”’']{{2,60}})[\"”’']", doc.text, re.I):
            span = doc.char_span(match.start(1), match.end(1), alignment_mode="contract")
            if span is None:
                continue
            sent = span.sent
            previous = [
                (m, c)
                for c in clusters
                for m in c.mentions
                if sent.start <= m.start and m.end <= span.start and c.type in ("PERSON", "ORG")
            ]
            if previous:
                _, owner = max(previous, key=lambda pair: pair[0].start)
                owner.add(Span(doc, span.start, span.end, label=owner.mentions[0].label), owner.type)
                owner.epithets.add(span.start)

    def _add_missed_mentions(self, doc: Doc, clusters: list[Cluster]) -> None:
        """The statistical NER misses repeats ('Farouk tweeted'): a capitalised token equal to a known
        person's surname, a known single-word alias, or the nickname of a team named after its place
        ('Rovers' of 'the Kent Rovers') joins that entity, when only one entity owns it."""

        def forms(cluster: Cluster) -> set[str]:
            found = {m.text for m in cluster.mentions if len(m) == 1}
            if cluster.type == "PERSON":
                found |= {m[-1].text for m in cluster.mentions if len(m) > 1}
            if cluster.type == "ORG":
                found |= {m[-1].text for m in cluster.mentions if self._named_after_place(m)}
            return found

        owners = unique_owners(clusters, forms)
        covered = covered_tokens(clusters)
        for token in doc:
            if token.i not in covered and token.text in owners and (token.pos_ == "PROPN" or token.is_sent_start):
                join_span(doc, clusters[owners[token.text]], token.i, token.i + 1)

    def _named_after_place(self, mention: Span) -> bool:
        """'Kent Rovers', 'Essex Wanderers': a place's name, then one capitalised plural."""
        last = mention[-1]
        return (
            self.use_gazetteer
            and len(mention) > 1
            and last.text[:1].isupper()
            and last.lower_.endswith("s")
            and not last.lower_.endswith("ss")
            and last.lower_ not in self.landform_words
            and last.lower_ not in self.place_nouns
            and known_place_name(mention[:-1].text)
        )

    @staticmethod
    def _add_lower_case_repeats(doc: Doc, clusters: list[Cluster]) -> None:
        """In lower-case text the NER finds a name once and misses its repeats ('general mills' in one
        sentence of ten): every uncovered repeat of a name one entity owns joins that entity."""
        owners = unique_owners(clusters, lambda c: {tuple(t.lower_ for t in m) for m in c.mentions})
        covered = covered_tokens(clusters)
        longest = max((len(form) for form in owners), default=0)
        i = 0
        while i < len(doc):
            for length in range(min(longest, len(doc) - i), 0, -1):
                form = tuple(t.lower_ for t in doc[i : i + length])
                if form in owners and not covered & set(range(i, i + length)):
                    join_span(doc, clusters[owners[form]], i, i + length)
                    covered.update(range(i, i + length))
                    i += length - 1
                    break
            i += 1

    def _names_before_unit_nouns(self, doc: Doc, clusters: list[Cluster]) -> None:
        """'in helmand province', 'the kunduz district': lower-case archives and hasty copy leave names
        the NER cannot see, but a unit noun right after words the gazetteer knows as a unit of that kind
        makes them a place."""
        if not self.use_gazetteer:
            return
        covered = covered_tokens(clusters)
        for noun in doc:
            features = self.unit_nouns.get(noun.lower_)
            if features is None or noun.i == 0 or noun.dep_ == "compound":  # 'city park' is a park
                continue
            for length in (3, 2, 1):
                start = noun.i - length
                words = doc[max(start, 0) : noun.i]
                if start < 0 or any(
                    t.i in covered or not t.is_alpha or t.is_stop or t.pos_ not in ("PROPN", "NOUN", "X")
                    for t in words
                ):
                    continue
                key = place_key(words.text)
                if key in self.ordinary_words:
                    continue
                if any(
                    place_key(p.name).removesuffix(f" {noun.lower_}") == key and p.feature in features
                    for p in default_gazetteer().candidates(words.text)
                ):
                    cluster = self._find(clusters, words, "PLACE", None) or Cluster()
                    if cluster not in clusters:
                        clusters.append(cluster)
                    cluster.add(Span(doc, words.start, words.end, label="GPE"), "PLACE")
                    covered.update(range(words.start, words.end))
                    break

    # ---- typing ------------------------------------------------------------------------------
    def _correct_type(self, doc: Doc, cluster: Cluster) -> None:
        """Title cues make a PERSON; the gazetteer and place cues make a PLACE; else the NER vote stands."""
        if cluster.actors:
            return
        if self._is_demonym(cluster.name):
            cluster.types["OTHER"] += cluster.outvoting  # 'Syrian' is a demonym; geo still places it
            return
        if self._capitals_not_a_person(doc, cluster):
            cluster.types["ORG"] += cluster.outvoting  # 'services leader IBM': a firm, not a person
            return
        if cluster.type == "PERSON" and any(self._possessive_inside(m) for m in cluster.mentions):
            cluster.types["ORG"] += cluster.outvoting  # "Sam's Club", "Joe's Diner": a business
            return
        titles = title_words()
        if (
            any(m.start > 0 and self._is_title(doc[m.start - 1], titles) and not self._own_word_before(doc, m, cluster)
                for m in cluster.mentions)
            or any(self._titled_appositive(m, titles) or self._aged(m) for m in cluster.mentions)
            or any(m.start > 0 and doc[m.start - 1].lower_ in self.person_nouns for m in cluster.mentions)
            or any(self._described_as_person(m) for m in cluster.mentions)
            or self._heads_an_administration(doc, cluster)
        ):
            cluster.types["PERSON"] += cluster.outvoting
            return
        if any(self._described_as_organisation(m) for m in cluster.mentions) or self._speaks_as_institution(cluster):
            cluster.types["ORG"] += cluster.outvoting  # 'the airline, X', 'carmaker X'
            return
        misread = cluster.type == "PLACE" or (cluster.type == "PERSON" and len(name_tokens(cluster.name)) == 1)
        if misread and self.use_gazetteer and any(self._employer_of(m) for m in cluster.mentions) and (
            not known_place_name(cluster.name)
        ):
            cluster.types["ORG"] += cluster.outvoting  # 'X, an analyst from Y': Y employs X
            return
        if self._person_named_then_by_surname(cluster):
            cluster.types["PERSON"] += cluster.outvoting
            return
        if self._team_name(cluster):
            cluster.types["ORG"] += cluster.outvoting  # 'the X Hawks', 'the Y Rangers'
            return
        if cluster.type != "PLACE" and any(
            self._place_appositive(m) or self._place_noun_beside(doc, m) for m in cluster.mentions
        ):
            cluster.types["PLACE"] += cluster.outvoting  # 'Ariha, a town in Idlib'
            return
        if self._organisation_that_dies(cluster):
            cluster.types["PERSON"] += cluster.outvoting  # 'X Y died on Thursday', tagged an organisation
            return
        if cluster.type == "PLACE" and self.use_gazetteer and self._unplaced_person(cluster):
            cluster.types["PERSON"] += cluster.outvoting  # 'Marta Kovac was shot dead', tagged a place
            return
        if cluster.type == "PLACE" or not self.use_gazetteer:
            return
        # Only a place's own name types an entity: alternate names hold too many words ('Hamas').
        candidates = own_name_places(cluster.name)
        if not candidates:
            return
        multi_token_person = cluster.type == "PERSON" and len(name_tokens(cluster.name)) > 1
        big = any(
            p.feature in ("country", "admin1") or p.population >= self.city_population for p in candidates
        )
        # a short capitalised name ('NRDX', 'KVX') is an acronym far more often than a small town's name
        cued = not is_acronym(cluster.name) and any(self._place_cue(doc, m) for m in cluster.mentions)
        if (big and not multi_token_person) or (cued and cluster.type != "PERSON") or (cued and big):
            cluster.types["PLACE"] += cluster.outvoting

    @staticmethod
    def _employer_of(mention: Span) -> bool:
        """'X, a market analyst from Y', 'X, a researcher at Y': the name an occupation of a named
        person works at or for."""
        prep = mention.root.head
        if mention.root.dep_ != "pobj" or prep.lower_ not in ("at", "with", "for", "from"):
            return False
        role = prep.head
        return role.lemma_.lower() in organisation_cues()["employee_roles"] and role.dep_ == "appos" and (
            role.head.pos_ == "PROPN"
        )

    @staticmethod
    def _own_word_before(doc: Doc, mention: Span, cluster: Cluster) -> bool:
        """'General X Mills' cut to 'X Mills' (or "General X Mill's" to 'X Mill') in one mention: the word before
        begins an organisation's name the cluster is called elsewhere (one ending in an organisation's name
        word), not a title."""
        word = doc[mention.start - 1].text
        heads = organisation_cues()["name_heads"]
        return any(
            len(other) > 1 and other[0].text == word and other[-1].lower_.rstrip(".") in heads
            for other in cluster.mentions
        )

    @staticmethod
    def _possessive_inside(mention: Span) -> bool:
        """A possessive inside a name, before a capitalised word ("Sam's Club", "Joe's Diner"): a business
        named for its founder, never a person's own name."""
        return any(
            token.text in ("'s", "’s") and token.i + 1 < mention.end and mention.doc[token.i + 1].text[:1].isupper()
            for token in mention[1:-1]
        )

    def _team_name(self, cluster: Cluster) -> bool:
        """A place's name followed by a capitalised plural ('Leeds Rhinos', 'Boston Bruins') names a
        team, a band or a company, not a place: unless the gazetteer knows the whole name or the plural
        is a landform or place word ('Blue Mountains', 'Cayman Islands')."""
        return any(
            name_tokens(mention.text) not in cluster.full_person_names  # 'Victoria Adams': a person named after a place
            and self._named_after_place(mention)
            and not own_name_places(mention.text)
            for mention in cluster.mentions
        )

    def _described_as_person(self, span: Span) -> bool:
        """'X, a woman known for ...', 'one woman, X', 'X, his widow': a name in apposition to a noun for a
        person (a bare one: 'a woman', not 'a women's group') is a person's."""
        return any(n.lower_ in self.person_nouns or n.lower_ in self.people_words for n in appositive_nouns(span.root))

    def _heads_an_administration(self, doc: Doc, cluster: Cluster) -> bool:
        """'the X administration', 'a Y-era rule': named for the person who led it, unless the name is a
        country's or a province's ('the US administration')."""
        for mention in cluster.mentions:
            after = [t.lower_ for t in doc[mention.end : mention.end + 2]]
            if after[:1] in (["administration"], ["presidency"]) or after == ["-", "era"]:
                places = default_gazetteer().candidates(mention.text) if self.use_gazetteer else ()
                return not any(p.feature in ("country", "admin1") for p in places) and not self._is_demonym(mention.text)
        return False

    @staticmethod
    def _person_named_then_by_surname(cluster: Cluster) -> bool:
        """'Tony X ... X ... X': news names a person in full once, then by the surname, which the NER
        often calls something else. A full name it calls a person, whose other mentions are all its own
        surname, is a person's."""
        names = [name_tokens(m.text) for m in cluster.mentions]
        for full in cluster.full_person_names:
            if full[-1:] in names and all(n in (full, full[-1:]) for n in names):
                return True
        return False

    @staticmethod
    def _aged(span: Span) -> bool:
        """A name given an age is a person's: '23-year-old X', 'the 40 - year - old X', 'X, 23, of Y'."""
        doc = span.doc
        if span.root.dep_ == "compound" or (span.end < len(doc) and doc[span.end].pos_ == "NOUN"):
            return False  # 'a 16-year-old Brooklyn resident': the age is the resident's
        before = [t.lower_ for t in doc[max(0, span.start - 5) : span.start] if t.text != "-"]
        if before[-2:] in (["year", "old"], ["years", "old"]):
            return True
        after = doc[span.end : span.end + 3]
        return (
            len(after) == 3
            and after[0].text == ","
            and after[1].like_num
            and after[1].text.isdigit()
            and 0 < int(after[1].text) < 120
            and after[2].text in (",", ";", ")")
        )

    @staticmethod
    def _capitals_not_a_person(doc: Doc, cluster: Cluster) -> bool:
        """A short name in capitals the NER (or a position word before it, 'market leader X') calls a person
        is an organisation's acronym, unless an honorific names a person so ('Prince X') or the line is all
        capitals anyway."""
        if cluster.type != "PERSON" or not is_acronym(cluster.name) or in_capitals_lines(cluster):
            return False
        honorifics = honorific_words()
        return not any(m.start > 0 and doc[m.start - 1].lower_.rstrip(".") in honorifics for m in cluster.mentions)

    def _unplaced_person(self, cluster: Cluster) -> bool:
        """A name of two or more words the NER calls a place, which the gazetteer does not know, and which
        speaks or is the subject of what only happens to people (dies, is shot, resigns, is born)."""
        if len(name_tokens(cluster.name)) < 2 or default_gazetteer().candidates(cluster.name):
            return False
        for mention in cluster.mentions:
            root = mention.root
            verb = root.head
            if root.dep_ in ("nsubj", "nsubjpass") and (
                verb.lemma_.lower() in self.person_predicates or verb.lemma_.lower() in self.speech_verbs
            ):
                return True
        return False

    def _organisation_that_dies(self, cluster: Cluster) -> bool:
        """A name of two or more words the NER calls an organisation that dies, marries or graduates, or
        is born, shot or killed, is a person's: bodies do none of these. (A body acts, hires and is charged
        as people do, so those prove nothing.)"""
        if cluster.type != "ORG" or len(name_tokens(cluster.name)) < 2:
            return False
        for mention in cluster.mentions:
            root, verb = mention.root, mention.root.head
            lemma = verb.lemma_.lower()
            passed_away = lemma == "pass" and any(c.dep_ == "prt" and c.lower_ == "away" for c in verb.children)
            if (root.dep_ == "nsubj" and (lemma in self.lives["active"] or passed_away)) or (
                root.dep_ == "nsubjpass" and lemma in self.lives["passive"]
            ):
                return True
        return False

    def _is_demonym(self, text: str) -> bool:
        return self.use_gazetteer and default_gazetteer().is_demonym(text)

    def _place_noun_beside(self, doc: Doc, span: Span) -> bool:
        """'the Anjuman pass', 'the Musi river', 'the Bab al-Tabbaneh and Jabal Mohsen districts', 'the district
        of X'."""
        after = doc[span.end] if span.end < len(doc) else None
        if after is not None and after.lower_ in self.place_nouns and after.pos_ == "NOUN":
            return True
        if span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in self.unit_nouns:
            return True  # 'the district of X', 'the town of Y'
        head = span.root
        return (
            head.dep_ in ("compound", "conj")
            and head.head.lower_ in self.place_nouns
            and head.head.i > span.end - 1
        )

    @staticmethod
    def _is_title(token: Token, titles: frozenset[str]) -> bool:
        """A title before a name: a title noun ('President X', 'former president X'), not an adjective
        that happens to spell one ('three major US indices', 'general strike')."""
        return token.lower_.rstrip(".") in titles and (token.pos_ in ("NOUN", "PROPN") or token.text[:1].isupper())

    def _speaks_as_institution(self, cluster: Cluster) -> bool:
        """A building or site that speaks ('the White House said', 'the Kremlin announced') stands for the
        institution in it: an organisation."""
        for mention in cluster.mentions:
            root = mention.root
            if mention.label_ == "FAC" and root.dep_ == "nsubj" and root.head.lemma_.lower() in self.speech_verbs:
                return True
        return False

    @staticmethod
    def _described_as_organisation(span: Span) -> bool:
        """The name stands in apposition to, or right after, a noun that describes an organisation."""
        descriptors = organisation_cues()["descriptors"]
        doc = span.doc
        if any(noun.lemma_.lower() in descriptors for noun in appositive_nouns(span.root)):
            return True
        before = doc[span.start - 1] if span.start > 0 else None
        return (
            before is not None
            and before.pos_ == "NOUN"
            and before.lower_ in descriptors
            and span.start <= before.head.i < span.end
        )

    @staticmethod
    def _leading_descriptor(span: Span) -> bool:
        """A sentence opens with a common noun for a kind of organisation the NER glued to the name
        ('Chipmaker X', 'Retailer Y'); one that is itself a name's last word ('Union', 'Bank') may belong."""
        cues = organisation_cues()
        first = span[0]
        return (
            first.is_sent_start
            and not first.is_upper
            and first.lower_ in cues["descriptors"]
            and first.lower_ not in cues["name_heads"]
            and span[-1].lower_.rstrip(".") not in cues["name_heads"]
        )

    @staticmethod
    def _titled_appositive(span: Span, titles: frozenset[str]) -> bool:
        """'The head of the judiciary, X,': a name in apposition to a title is a person."""
        head = span.root
        return head.dep_ == "appos" and head.head.lower_ in titles

    def _place_appositive(self, span: Span) -> bool:
        return any(c.dep_ == "appos" and c.lemma_.lower() in self.place_nouns for c in span.root.children)

    def _place_cue(self, doc: Doc, span: Span) -> bool:
        """'in X', 'the town of X', 'X province'; not 'in X's acquisition' (the preposition governs what X
        owns)."""
        if span.root.dep_ == "poss" or (span.end < len(doc) and doc[span.end].lower_ in ("'s", "’s")):
            return False
        start = span.start - 1 if span.start > 0 and doc[span.start - 1].lower_ == "the" else span.start
        before = doc[start - 1].lower_ if start > 0 else ""
        before2 = doc[start - 2].lower_ if start > 1 else ""
        after = doc[span.end].lower_ if span.end < len(doc) else ""
        return (
            before in self.place_before
            or (before == "of" and before2 in self.place_nouns)
            or after in self.place_nouns
        )

    def _find(
        self, clusters: list[Cluster], span: Span, entity_type: str, actor: Actor | None = None
    ) -> Cluster | None:
        if actor is not None:
            for cluster in clusters:
                if actor.id in cluster.actors:
                    return cluster
        text = span.text  # built from the tokens each time it is asked for
        key, skel, tokens = match_key(text), skeleton(text), name_tokens(text)
        if entity_type == "ORG":
            key = organisation_key(text)
        demonym = self._is_demonym(text)
        # 'France' and 'French' are two entities, however alike they are spelled (a cluster's type is
        # asked only when it matters: it is counted afresh each time)
        other_kind = {"PLACE": "OTHER", "OTHER": "PLACE"}.get(entity_type)
        compatible = [
            c for c in clusters if self._opened_by_demonym(c) == demonym and not (other_kind and c.type == other_kind)
        ]
        for cluster in compatible:
            if key in cluster.keys or (skel and skel in cluster.skeletons):
                return cluster
        spelled = acronym_forms(text) if len(span) > 1 else set()  # 'X Y Z NV' may go by XYZ
        for cluster in compatible:
            if (
                self._acronym_of(text, cluster)
                or spelled & cluster.short_forms  # the acronym came first ('XYZ ... X Y Z NV (XYZ)')
                or self._fuzzy(skel, cluster, len(tokens))
            ):
                return cluster
        if len(tokens) > 1 and entity_type != "PLACE" and (owner := self._shortened_organisation(clusters, tokens)):
            return owner
        if len(tokens) == 1 and entity_type != "PLACE" and (owner := self._unique_full_name(clusters, skel)):
            return owner
        if len(tokens) > 1 and entity_type == "PERSON" and (owner := self._named_by_surname_first(clusters, tokens)):
            return owner
        if entity_type in ("ORG", "PLACE") and self._named_after_place(span):  # 'Wanderers' in a headline, then 'the
            owners = [c for c in clusters if c.forms == {tokens[-1:]} and c.type == "ORG"]  # Essex Wanderers'
            if len(owners) == 1:
                return owners[0]
        if entity_type != "PLACE":
            return self._named_after_its_place(clusters, tokens)
        return None

    def _named_after_its_place(self, clusters: list[Cluster], tokens: tuple[str, ...]) -> Cluster | None:
        """'the Bruins' for 'the Boston Bruins', 'the Post' for 'the Washington Post': a body named
        after its place, called by the rest of its name. Two such bodies: neither."""
        if not self.use_gazetteer or not tokens:
            return None
        owners = []
        for cluster in clusters:
            for full in cluster.forms:
                head = full[: len(full) - len(tokens)]
                if head and full[len(head) :] == tokens and known_place_name(" ".join(head)):
                    owners.append(cluster)
                    break
        return owners[0] if len(owners) == 1 else None

    def _opened_by_demonym(self, cluster: Cluster) -> bool:
        """Whether the cluster's first mention is a demonym, looked up once per cluster."""
        if cluster.demonym is None:
            cluster.demonym = self._is_demonym(cluster.mentions[0].text)
        return cluster.demonym

    def _fuzzy(self, skel: str, cluster: Cluster, n_tokens: int) -> bool:
        """Spelling variants with the same number of name parts (so father 'A B C' != son 'A C')."""
        return any(
            len(other.split()) == n_tokens and fuzz.ratio(skel, other) >= self.fuzzy_threshold
            for other in cluster.skeletons
        )

    @staticmethod
    def _acronym_of(text: str, cluster: Cluster) -> bool:
        return is_acronym(text) and text in cluster.acronyms

    def _shortened_organisation(self, clusters: list[Cluster], tokens: tuple[str, ...]) -> Cluster | None:
        """'X Y' for the 'X Y Financial Corporation' named before: an organisation's name without the
        generic words that end it. Only when one organisation goes by it."""
        owners = [
            c for c in clusters
            if any(len(f) > len(tokens) and f[: len(tokens)] == tokens for f in c.forms)  # a cheap test first
            and c.type == "ORG" and any(tokens in self._short_forms(f) for f in c.forms)
        ]
        return owners[0] if len(owners) == 1 else None

    def _short_forms(self, tokens: tuple[str, ...]) -> set[tuple[str, ...]]:
        """A name with one, two, ... of its generic end words dropped ('x finance holdings corp')."""
        forms, kept = set(), list(tokens)
        while len(kept) > 1 and kept[-1].rstrip(".") in self.generic_endings:
            kept.pop()
            forms.add(tuple(kept))
        return forms

    @staticmethod
    def _named_by_surname_first(clusters: list[Cluster], tokens: tuple[str, ...]) -> Cluster | None:
        """'JOHNSON ARRESTED' in a headline, then 'Mike Johnson': the full name joins the one person
        named so far only by its surname, unless a full name with that surname is already known."""
        surname = tokens[-1:]
        owners = [c for c in clusters if c.forms == {surname} and c.type == "PERSON"]
        rivals = [c for c in clusters if any(len(named) > 1 and named[-1:] == surname for named in c.forms)]
        return owners[0] if len(owners) == 1 and not rivals else None

    @staticmethod
    def _unique_full_name(clusters: list[Cluster], skel: str) -> Cluster | None:
        """'Khan' joins the one person whose full name ends (or starts) with it; two such people: neither."""
        owners = [
            c
            for c in clusters
            if c.type == "PERSON"
            and any(
                fuzz.ratio(skel, part) >= 90 for s in c.skeletons if " " in s for part in (s.split()[-1],)
            )
        ]
        return owners[0] if len(owners) == 1 else None

    def _police(self, doc: Doc, clusters: list[Cluster]) -> None:
        """'Police said', 'officers shot him', 'arrested in a police raid': a story's police are a party it
        names by a common noun. Each such noun in a clause joins the police force the document names
        ('the X Police Department', 'NYPD officers'), else one unnamed 'police' party of the document.
        'Officer' and 'detective' serve many bodies: they count only where the document speaks of police
        and nothing but a police word or a word of manner modifies them ('army officers' do not)."""
        cues = organisation_cues()
        candidates = [t for t in doc if t.lemma_.lower() in self.police_words]
        if not candidates:
            return
        owner = {i: c for c in clusters for m in c.mentions for i in range(m.start, m.end)}  # token -> its cluster
        named_by: dict[int, Cluster] = {}  # 'NYPD officers': the organisation named right before
        nouns = []
        for token in candidates:
            if token.i in owner:
                continue
            if not (token.dep_ in POLICE_ROLES or (token.dep_ == "compound" and token.head.lemma_.lower() in self.event_nouns)):
                continue
            modifiers = [c for c in token.children if c.dep_ in ("compound", "amod") and c.i < token.i]
            organisations = {id(owner[c.i]): owner[c.i] for c in modifiers if c.i in owner and owner[c.i].type == "ORG"}
            others = [
                c for c in modifiers if c.i not in owner and not {c.lemma_.lower(), c.lower_} & self.police_modifiers
            ]
            if len(organisations) == 1 and not others:
                named_by[token.i] = next(iter(organisations.values()))
            elif not others and not any(c.i in owner for c in modifiers):
                nouns.append(token)
        for index, force in named_by.items():
            force.add(doc[index : index + 1], "ORG")
            force.epithets.add(index)  # a common noun never names the force
        if not any(t.lemma_.lower() in cues["police_nouns"] for t in nouns) and not named_by:
            return  # officers and detectives alone may be anyone's
        forces = [c for c in clusters if c.type == "ORG" and set(name_tokens(c.name)) & cues["police_names"]]
        forces += [c for c in {id(c): c for c in named_by.values()}.values() if all(c is not f for f in forces)]
        bare = [c for c in forces if set(name_tokens(c.name)) <= cues["police_nouns"]]  # 'Police said', tagged
        named = [c for c in forces if all(c is not b for b in bare)]
        force = named[0] if len(named) == 1 else bare[0] if bare and not named else Cluster()
        if all(force is not c for c in clusters):
            clusters.append(force)
        for other in bare:
            if other is not force:  # the tagged 'Police' is the same force
                for mention in other.mentions:
                    force.add(mention, "ORG")
                    force.epithets.add(mention.start)
                clusters.remove(other)
        if set(name_tokens(force.name if force.mentions else "police")) <= cues["police_nouns"]:
            force.generic = "police"  # named by the common noun alone: a party of this document only
        for token in nouns:
            force.add(doc[token.i : token.i + 1], "ORG")
            force.epithets.add(token.i)
        force.types["ORG"] += force.outvoting

    def _write(self, doc: Doc, clusters: list[Cluster], nested: set[tuple[int, int]]) -> None:
        token_entity: list[str | None] = [None] * len(doc)
        entities = []
        for number, cluster in enumerate(clusters, 1):
            entity_id = f"e{number}"
            name = cluster.generic or cluster.name
            mentions = sorted(cluster.mentions, key=lambda m: m.start_char)
            aliases = sorted({display_text(m) for m in mentions} - {name})
            for mention in mentions:
                if (mention.start, mention.end) in nested:
                    continue  # the organisation it sits in keeps the tokens
                for i in range(mention.start, mention.end):
                    token_entity[i] = entity_id
            entities.append(
                {
                    "id": entity_id,
                    "name": name,
                    "type": cluster.type,
                    "aliases": aliases,
                    "mentions": [
                        {"start": m.start_char, "end": m.end_char, "text": m.text}
                        | ({"nested": True} if (m.start, m.end) in nested else {})
                        for m in mentions
                    ],
                    "geo": None,
                }
            )
            if cluster.generic:
                entities[-1]["generic"] = True
            if cluster.actors and self.dictionary:
                actor = self.dictionary.actors[sorted(cluster.actors)[0]]
                entities[-1].update({"actor_id": actor.id, "category": actor.category})
        doc._.entities = entities
        doc._.token_entity = token_entity


@Language.factory(
    "newsgraph_entities",
    default_config={
        "labels": DEFAULT_LABELS,
        "fuzzy_threshold": 85.0,
        "use_gazetteer": True,
        "city_population": 100000,
        "use_actor_dictionary": True,
    },
)
def make_entities(
    nlp: Language,
    name: str,
    labels: dict[str, str],
    fuzzy_threshold: float,
    use_gazetteer: bool,
    city_population: int,
    use_actor_dictionary: bool,
) -> EntityClusterer:
    dictionary = ActorDictionary(nlp, actor_records()) if use_actor_dictionary else None
    return EntityClusterer(dict(labels), fuzzy_threshold, use_gazetteer, city_population, dictionary)
