"""Situation component: the relations a situation picture is made of, read from the parse.

- `located_in`: a person reported in a place ('X arrived in Y', 'X was found dead in Y', 'X, speaking from
  Y', 'X checked into the Z clinic').
- `controls`: a holder takes or holds a place, organisation or asset ('seized the airport', 'acquired the
  company', 'Y, owned by X', 'X's takeover of Y', 'the Y parent X', 'X chief executive Z').
- `ally_of` / `opponent_of`: people and organisations with or against each other ('hired X', 'sued X',
  'her lawyer X', 'a partnership with X', 'rival X').

Each relation keeps the sentence, its negation ('denied taking'), modality ('plans to buy'), the source that
reports it (a quote's speaker, or 'X said' governing the clause) and a resolved date, so the knowledge base
can show every account with its source and keep hypotheticals out of the picture. The clause analysis
(subjects, objects, negation, modality, dates) is the event component's, reused by inheritance."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.geo.gazetteer import default_gazetteer
from newsgraph.nlp.entities import appositive_nouns
from newsgraph.nlp.events import (
    LINKING_VERBS,
    EventExtractor,
    fought_inside,
    passive_agents,
    passive_subjects,
    prep_objects,
    scoring_pass,
    stative_passive,
)
from newsgraph.nlp.extensions import entity_id_for
from newsgraph.nlp.names import load_data, organisation_cues, organisation_key, title_words
from newsgraph.nlp.titles import described_person

PARTIES = ("PERSON", "ORG", "OTHER")
HOLDINGS = ("PLACE", "ORG", "OTHER")
POSSESSIVE_PRONOUNS = frozenset(["his", "her", "their", "its"])
SYMMETRIC = frozenset(["ally_of", "opponent_of"])  # one fact whichever side the sentence names first
HELM = "helm"  # the cue of a taking that leads: "took the helm at Y", "took over the reins of Y"
HELM_NOUNS = frozenset(["helm", "rein", "reins"])
BACKING_NOUNS = frozenset(["support", "backing", "assistance", "help", "aid"])  # what a backer gives the backed
RELATIVE_PRONOUNS = frozenset(["that", "which", "who"])
LEADING_VERBS = frozenset(["lead", "head"])
JOINT_MESSAGES = frozenset(["statement", "letter", "communique", "declaration", "communiqué"])  # one text, signed together
AFFILIATION_PREPS = ("at", "with", "for", "from", "of")  # 'an analyst at Y', 'a researcher with Y', 'X from Y'
NAME_AFFILIATION_PREPS = ("with", "from", "of")  # on the name itself: 'X of Norda'; 'X at Y' is where X is
SUBJECT_ROLES = frozenset(["expert", "specialist", "authority", "scholar", "analyst", "historian"])  # 'in Y': a subject
INQUIRY_ROLES = frozenset(["subject", "target", "focus", "center", "centre"])  # 'the subject of an inquiry'
STATE_WORDS = frozenset(["state", "government"])  # 'state-owned', 'government-run'
GOVERNMENT_WORDS = frozenset(["government", "administration", "state", "kremlin", "cabinet"])
SUBJECT_TITLE_VERBS = frozenset(["be", "become", "remain", "serve", "take", "succeed", "replace"])  # 'X took over as Y'
STAKE_NOUNS = frozenset(["stake", "share", "shares", "interest", "holding"])
STAKE_HOLDING_VERBS = frozenset(["have", "hold", "own", "keep", "retain"])
PERCENT_WORDS = frozenset(["percent", "%", "pct"])
SHARE_NOUNS = STAKE_NOUNS | PERCENT_WORDS  # what a part held is named by: 'a 25 percent stake', '40 percent of X'
GIVING_VERBS = frozenset(["give", "hand", "grant", "transfer"])  # control passes to the recipient
FORMER = frozenset(["former", "ex", "late"])
ARRESTING_VERBS = frozenset(["arrest", "detain", "apprehend", "capture", "nab", "catch"])  # done where the arresters are
TAKING_DONE_VERBS = frozenset(["complete", "finalise", "finalize", "close", "conclude", "seal", "make"])
JOINT_ADVERBS = frozenset(["jointly", "together", "along"])  # 'jointly developed', 'along with Y'
SOLD = "sold"  # the cue of a seller's holding, which the sale ends
PLACED_IN = "named in"  # the cue of an organisation named with its place ('X in Y'): a standing fact
TAKEN_FROM = "taken from"  # the cue of the holding of one a place or asset was taken from
DRIVEN_OUT = "driven out"  # the cue of the holding of one driven out of a place
ENDED_HOLDINGS = frozenset([SOLD, TAKEN_FROM, DRIVEN_OUT])


def fact_key(subject: str, predicate: str, obj: str, token: Token) -> tuple:
    """One fact per sentence: ally_of and opponent_of whichever side the sentence names first."""
    parties = sorted((subject, obj)) if predicate in SYMMETRIC else (subject, obj)
    return (*parties, predicate, token.sent.start)


def first(tokens: list[Token]) -> Token | None:
    return tokens[0] if tokens else None


class StanceExtractor(EventExtractor):
    def __init__(self, patterns: dict, cues: dict) -> None:
        super().__init__(patterns)
        self.presence = cues["presence"]
        self.passive_presence = cues["passive_presence"]
        self.presence_nouns = cues["presence_nouns"]
        self.presence_light_verbs = frozenset(cues["presence_light_verbs"])
        self.presence_unrealised = frozenset(cues["presence_unrealised"])
        self.unrealised_modifiers = frozenset(cues["unrealised_modifiers"])
        self.facility_words = frozenset(cues["facility_words"])
        self.scene_nouns = frozenset(cues["scene_nouns"])
        self.story_titles = frozenset(cues["story_titles"])
        self.contest_nouns = frozenset(cues["contest_nouns"])
        self.party_headed_verbs = frozenset(cues["party_headed_verbs"])
        self.audience_nouns = frozenset(cues["audience_nouns"])
        self.addressing_verbs = frozenset(cues["addressing_verbs"])
        self.scene_arrivals = frozenset(cues["scene_arrivals"])
        self.place_nouns = self.facility_words | frozenset(load_data("place_cues.json")["place_nouns"])
        self.control_verbs = frozenset(cues["control_verbs"])
        self.organisation_only = frozenset(cues["organisation_only_control"])
        self.pending_heads = frozenset(cues["pending_heads"])
        self.control_phrasals = frozenset(cues["control_phrasals"])
        self.control_object_only = frozenset(cues["control_object_only"])
        self.portion_words = frozenset(cues["portion_words"])
        self.yielding_verbs = cues["yielding_verbs"]
        self.place_only = frozenset(cues["place_only_control"])
        self.control_objects = frozenset(cues["control_objects"])
        self.holding_nouns = self.control_objects | PERCENT_WORDS  # 'control of X', '80 percent of X'
        self.taking_nouns = frozenset(cues["taking_nouns"])
        self.parent_nouns = frozenset(cues["parent_nouns"])
        self.part_nouns = frozenset(cues["part_nouns"])
        self.leadership = frozenset(cues["leadership_titles"])
        self.function_titles = frozenset(cues["function_titles"])
        self.place_titles = frozenset(cues["place_titles"])
        self.inquiry_nouns = frozenset(cues["inquiry_nouns"])
        self.removal_nouns = frozenset(cues["removal_nouns"])
        self.removal_verbs = frozenset(cues["removal_verbs"])
        self.demanding_verbs = frozenset(cues["demanding_verbs"])
        self.ally_verbs = frozenset(cues["ally_verbs"])
        self.rejecting_verbs = frozenset(cues["rejecting_verbs"])
        self.opponent_verbs = frozenset(cues["opponent_verbs"])
        self.ally_particles = cues["ally_particles"]
        self.other_sense_particles = cues["other_sense_particles"]
        self.event_role_nouns = cues["event_role_nouns"]
        self.title_giving_verbs = frozenset(cues["title_giving_verbs"])
        self.accusing_roles = frozenset(cues["accusing_roles"])
        self.membership_nouns = frozenset(cues["membership_nouns"])
        self.title_qualifiers = frozenset(cues["title_qualifiers"])
        self.opponent_particles = cues["opponent_particles"]
        self.ally_nouns = frozenset(cues["ally_nouns"])
        self.opponent_nouns = frozenset(cues["opponent_nouns"])
        self.speech_verbs = frozenset(load_data("speech.json")["cue_verbs"])
        self.remote_verbs = frozenset(cues["remote_verbs"])
        self.portfolio_titles = frozenset(cues["portfolio_titles"])
        self.undoing_verbs = frozenset(cues["undoing_verbs"])
        self.measures = frozenset(cues["measure_nouns"])
        self._entities: dict[str, dict] = {}
        self._described: list[tuple[int, str, str]] = []
        self.descriptors = organisation_cues()["descriptors"]
        self.titles = title_words()
        self.clause_roles = self.titles | organisation_cues()["employee_roles"] | {"member"}
        self.force_nouns = frozenset(cues["force_nouns"])
        self.losing_verbs = cues["losing_verbs"]
        self.disputing_verbs = frozenset(cues["disputing_verbs"])
        self.claim_nouns = frozenset(cues["claim_nouns"])
        self.taking_from_verbs = frozenset(cues["taking_from_verbs"])
        self.expelling_verbs = cues["expelling_verbs"]
        self.hyphen_roles = cues["hyphen_roles"]
        self.claim_denials = cues["claim_denials"]
        self.accepting_verbs = frozenset(cues["accepting_verbs"])
        self.reciprocal = frozenset(cues["reciprocal_verbs"])
        self.proposals = frozenset(cues["proposal_nouns"])
        self.role_nouns = self.ally_nouns | self.opponent_nouns
        # acts understood whatever their object; 'have', 'keep' hold only with a control noun ('X and Y have offers')
        self.understood_verbs = self.opponent_verbs | self.ally_verbs | (self.control_verbs - self.control_object_only)

    def _by_id(self, entity_id: str | None) -> dict | None:
        return self._entities.get(entity_id) if entity_id is not None else None

    def __call__(self, doc: Doc) -> Doc:
        self._entities = {e["id"]: e for e in doc._.entities or []}  # ids are looked up per token
        self._described = self._descriptions(doc)
        published = (doc._.document or {}).get("published")
        found: dict[tuple, dict] = {}
        for token in doc:
            for subject, predicate, obj, cue in self._facts(doc, token):
                if subject == obj:
                    continue
                key = fact_key(subject, predicate, obj, token)
                if key not in found:
                    found[key] = self._record(doc, token, subject, predicate, obj, cue, published)
                elif found[key]["hypothetical"] or found[key]["future"]:  # a stated cue outweighs a
                    record = self._record(doc, token, subject, predicate, obj, cue, published)  # modal one
                    if not (record["hypothetical"] or record["future"]):
                        found[key] = record
        for subject, predicate, obj, token in self._titled_leaders(doc):
            # 'X-owned' holds, a title leads; a role noun ('prosecutor') is its own cue
            cue = token.lower_ if token.lower_ in self.hyphen_roles or predicate == "opponent_of" else "title"
            key = fact_key(subject, predicate, obj, token)
            if key not in found:
                found[key] = self._record(doc, token, subject, predicate, obj, cue, published)
        stances = list(found.values())
        stances += self._denials(doc, stances, published)
        doc._.relations = (doc._.relations or []) + stances
        return doc

    def _denials(self, doc: Doc, stances: list[dict], published: str | None) -> list[dict]:
        """'X claimed to hold the valley, but Y said the claim was false': a sentence in which a speaker
        denies a claim gives each control or whereabouts claim of that sentence and the two before it,
        reported by someone else, its denial, reported by the denier."""
        denials = []
        sentences = list(doc.sents)
        for number, sent in enumerate(sentences):
            lowered = sent.text.lower()
            if not any(phrase in lowered for phrase in self.claim_denials):
                continue
            denier, denier_text = self._denier(doc, sent, lowered)
            if denier_text is None:
                continue
            earliest = sentences[max(0, number - 2)].start_char
            for stance in stances:
                if (
                    stance["predicate"] in ("controls", "located_in")
                    and earliest <= stance["start"] <= sent.start_char
                    and not stance["negated"]
                    and stance["attributed_to"] != denier
                    and (stance["attributed_text"] or "") != denier_text
                ):
                    denials.append(
                        {
                            **stance,
                            "negated": True,
                            "cue": "denial",
                            "attributed_to": denier,
                            "attributed_text": denier_text,
                            "start": sent.start_char,
                            "end": sent.end_char,
                            "sentence": sent.text,
                            "date": self._date(doc, sent.root, sent, published)[0] or stance["date"],
                        }
                    )
        return denials

    def _denier(self, doc: Doc, sent: Span, lowered: str) -> tuple[str | None, str | None]:
        """Who denies, in a denying sentence: the subject of the speech verb that governs the denial
        ('..., but Y said the claim was false'), or the speaker of the quote it is in."""
        offset = min(lowered.find(p) for p in self.claim_denials if p in lowered)
        node = next((t for t in sent if t.idx - sent.start_char >= offset), sent.root)
        for _ in range(8):
            if node.lemma_.lower() in self.speech_verbs:
                subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
                if subject is not None:
                    # the parser may coordinate the speaker with a noun before it ('the province ...,
                    # but the commander X said'): the named party nearest the verb speaks
                    for candidate in sorted([subject, *subject.conjuncts], key=lambda t: -t.i):
                        if party := self._party(doc, candidate):
                            return party, (self._by_id(party) or {}).get("name")
                    return self._link(doc, subject), self._phrase(subject)
            if node.head.i == node.i:
                break
            node = node.head
        for quote in doc._.quotes or []:
            if quote["start"] <= sent.start_char < quote["end"] and quote["speaker"]:
                return quote["speaker"], quote["speaker_text"]
        return None, None

    # ---- which facts a token cues ---------------------------------------------------------------
    def _facts(self, doc: Doc, token: Token) -> Iterator[tuple[str, str, str, str]]:
        lemma = token.lemma_.lower()
        if token.pos_ in ("VERB", "AUX"):
            passive = any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in token.children) or stative_passive(token)
            yield from self._presence(doc, token, lemma, passive)
            yield from self._encounter(doc, token, lemma, passive)
            yield from self._control(doc, token, lemma, passive)
            yield from self._alignment_verb(doc, token, lemma, passive)
            yield from self._joint_action(doc, token, lemma, passive)
            yield from self._state_holding(doc, token)
            yield from self._removal_demand(doc, token, lemma)
            yield from self._pass_to_teammate(doc, token)
            yield from self._fronted_place(doc, token)
        elif token.pos_ == "ADJ" and token.dep_ == "amod" and lemma in self.role_nouns:
            yield from self._alignment_noun(doc, token, lemma)  # 'its rival Y' tagged as an adjective
        elif token.pos_ in ("NOUN", "PROPN"):
            yield from self._alignment_noun(doc, token, lemma)
            yield from self._contest_noun(doc, token, lemma)
            yield from self._membership_noun(doc, token, lemma)
            yield from self._control_noun(doc, token, lemma)
            yield from self._possessed_organisation(doc, token, lemma)
            yield from self._inquiry_noun(doc, token, lemma)
            yield from self._presence_noun(doc, token, lemma)
            yield from self._organisation_in_place(doc, token)

    def _presence(self, doc: Doc, verb: Token, lemma: str, passive: bool) -> Iterator[tuple]:
        if not passive and lemma in self.passive_presence:  # 'police found X in Y': where X was found
            yield from self._object_placed(doc, verb, lemma)
        preps = (self.passive_presence if passive else self.presence).get(lemma)
        if preps is None:
            return
        if passive:
            people = passive_subjects(verb)
        elif verb.dep_ == "acl" and verb.head.pos_ in ("PROPN", "NOUN"):  # 'X, speaking from Y'
            people = [verb.head]
        else:
            people = [
                verb.head if p.lower_ in ("who", "that") and verb.dep_ == "relcl" else p
                for p in self._actors(verb, False)
            ]
        persons = [p for p in (self._typed(doc, t, ("PERSON",)) for t in people) if p]
        if not persons:
            return
        place = self._place_of(doc, verb, preps)
        if place is None and passive and lemma in ARRESTING_VERBS:  # 'X was arrested by police in Y'
            place = self._arresters_place(doc, passive_agents(verb))
        if place is None and lemma in self.speech_verbs:  # where a speaker stands as they speak, not a home
            place = self._place_beside_name(doc, [p for p in people if p.head == verb])  # told by any other verb
        if place is None and lemma in self.scene_arrivals and not any(
            c.dep_ in ("dobj", "obj") or (c.dep_ == "prep" and c.lower_ in preps) for c in verb.children
        ):
            place = self._scene(doc)  # 'the fire chief arrived': at the scene the story tells
        if place and lemma in self.reciprocal:  # 'X met (with) Y in Z': both were there
            partners = prep_objects(verb, ("with",)) + [c for c in verb.children if c.dep_ in ("dobj", "obj")]
            partners += [c for t in partners for c in t.children if c.dep_ == "appos"]  # 'met the minister, Y'
            persons += [p for p in (self._typed(doc, t, ("PERSON",)) for t in partners) if p and p not in persons]
        if place:
            for person in persons:
                yield person, "located_in", place, lemma

    def _pass_to_teammate(self, doc: Doc, verb: Token) -> Iterator[tuple]:
        """'X hit Y for a touchdown', 'X found Y for the score': a pass between players of one side."""
        if not scoring_pass(verb, self.passing_verbs, self.score_nouns):
            return
        receiver = self._party(doc, next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None))
        for passer in (self._party(doc, t) for t in self._actors(verb, False)):
            if passer and receiver and passer != receiver:
                yield passer, "ally_of", receiver, "pass"

    def _presence_noun(self, doc: Doc, noun: Token, lemma: str) -> Iterator[tuple]:
        """'X's visit to Y', 'the visit to Y by X', 'during his visit to Y, X said', 'X made a trip to Y', 'X is
        on a visit to Y': the traveller is in the place. Not a visit cancelled, called for or only planned."""
        preps = self.presence_nouns.get(lemma)
        if preps is None or any(c.lower_ in self.unrealised_modifiers for c in noun.children):
            return
        verb = next((t for t in noun.ancestors if t.pos_ in ("VERB", "AUX")), None)
        if verb is not None and verb.lemma_.lower() in self.presence_unrealised:
            return
        place = self._place_of(doc, noun, preps)
        if place is None and noun.dep_ in ("dobj", "obj"):  # 'paid a visit to Y': the parser may hang it on 'paid'
            place = self._place_of(doc, noun.head, preps)
        if place is None:
            return
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        travellers = prep_objects(noun, ("by",))
        if not travellers and owner is not None and owner.pos_ != "PRON":
            travellers = [owner]
        made = verb is not None and (
            (noun.head == verb and noun.dep_ in ("dobj", "obj") and verb.lemma_.lower() in self.presence_light_verbs)
            or noun.dep_ == "pobj"  # 'is on a visit to Y', 'during his visit to Y, X said'
        )
        if not travellers and (made or owner is not None):  # 'his visit': the clause's subject, else before
            travellers = self._actors(verb, False) if verb is not None else []
            if owner is not None and not any(self._typed(doc, t, ("PERSON",)) for t in travellers):
                travellers = [owner]
        for person in (self._typed(doc, t, ("PERSON",)) for t in travellers):
            if person:
                yield person, "located_in", place, lemma

    def _object_placed(self, doc: Doc, verb: Token, lemma: str) -> Iterator[tuple]:
        """The person a verb of finding, holding or taking acts on is where its phrase says ('police
        found X in Y', 'they took X to Y'), as in the passive ('X was found in Y')."""
        objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
        persons = [p for p in (self._headed(doc, t, ("PERSON",)) for t in objects[:1]) if p]  # not "X's letter"
        place = self._place_of(doc, verb, self.passive_presence[lemma]) if persons else None
        if persons and place is None and lemma in ARRESTING_VERBS:
            place = self._arresters_place(doc, self._actors(verb, False))
        for person in persons if place else ():
            yield person, "located_in", place, lemma

    def _arresters_place(self, doc: Doc, arresters: list[Token]) -> str | None:
        """'Police in Y arrested X', 'X was detained by police in Y': local forces arrest where they are."""
        for arrester in arresters[:1]:
            for noun in prep_objects(arrester, ("in",)):
                if place := self._place_named(doc, noun):
                    return place
        return None

    def _place_named(self, doc: Doc, token: Token | None) -> str | None:
        """The place a phrase names ('in Y', 'at a market in Y'), as a participant's phrase is read."""
        entity = self._by_id(self._link(doc, token))
        return entity["id"] if entity and entity["type"] == "PLACE" else None

    def _place_beside_name(self, doc: Doc, people: list[Token]) -> str | None:
        """'Our correspondent X in Y says', 'said X, 22, a teacher in Y': a place the speaker's own name or
        role is put in. Not what someone knows about ('an expert in Y'), nor where they once were."""
        for person in people:
            for holder in [person, *appositive_nouns(person), *(c for c in person.children if c.dep_ == "appos")]:
                if holder.lemma_.lower() in SUBJECT_ROLES or any(t.lower_ in FORMER for t in holder.lefts):
                    continue
                for noun in prep_objects(holder, ("in",)):
                    if (entity := self._by_id(self._own_entity(doc, noun))) and entity["type"] == "PLACE":
                        return entity["id"]
        return None

    def _encounter(self, doc: Doc, verb: Token, lemma: str, passive: bool) -> Iterator[tuple]:
        """'X beat Y in Bern', 'Y was stopped by X at the stadium': one person acting on another at a place
        puts both there. Acts done from afar (speaking, calling, suing) do not."""
        if lemma in self.speech_verbs or lemma in self.remote_verbs:
            return
        if passive:
            acting = passive_agents(verb)
            acted_on = passive_subjects(verb)
        else:
            acted_on = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
            acting = self._actors(verb, False) if acted_on else []
        persons = [self._typed(doc, t, ("PERSON",)) for t in acting[:1] + acted_on[:1]]
        if len(persons) < 2 or None in persons or persons[0] == persons[1]:
            return
        place = self._place_of(doc, verb, ["in", "at"]) or next(  # or a place anywhere in the act's clauses
            (
                entity["id"]
                for t in verb.subtree
                if t.dep_ == "pobj" and t.head.lower_ in ("in", "at")
                and (entity := self._by_id(self._link(doc, t))) and self._is_place(entity)
            ),
            None,
        )
        if place:
            for person in persons:
                yield person, "located_in", place, lemma

    @staticmethod
    def _nested_places(noun: Token, depth: int = 3) -> list[Token]:
        """The noun and the objects of place prepositions ('in', 'at', 'near', 'outside', 'inside', 'on')
        inside it or its appositive, nearest first: 'in custody at a police station in X' reaches X."""
        found, frontier = [noun], [noun]
        for _ in range(depth):  # and through an appositive: 'into X Lodge, a rehab facility in Y'
            frontier = [
                g for t in frontier
                for g in prep_objects(t, ("in", "at", "near", "outside", "inside", "on"))
                + [c for c in t.children if c.dep_ == "appos"]
            ]
            found += frontier
        return found

    def _place_of(self, doc: Doc, verb: Token, preps: list[str]) -> str | None:
        """The place a presence verb puts its subject in: the object of one of its prepositions (or of a
        preposition inside that object: 'at a house in Buckhead'), or its direct object for ''."""
        candidates: list[Token] = []
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                candidates.extend(g for g in child.children if g.dep_ == "pobj")
            elif child.dep_ in ("dobj", "obj"):
                if "" in preps or (child.lemma_.lower() in self.audience_nouns and verb.lemma_.lower() in self.addressing_verbs):
                    candidates.append(child)  # 'visited Kyiv'; 'told Parliament', 'addressed a House hearing'
                for named in [child, *(c for c in child.children if c.dep_ == "appos")]:
                    candidates.extend(prep_objects(named, preps))  # 'told reporters in X', 'met the minister, Y in X'
            elif child.dep_ == "prep" and child.lower_ == "with" and verb.lemma_.lower() in self.reciprocal:
                for partner in (g for g in child.children if g.dep_ == "pobj"):  # 'met with Y in X': the parser
                    candidates.extend(prep_objects(partner, preps))  # hangs the meeting's place on the partner
            elif child.dep_ == "prt" and child.lower_ in preps:  # 'turned up in', 'showed up at'
                candidates.extend(prep_objects(verb))
        for candidate in candidates:
            for node in self._nested_places(candidate):
                entity = self._by_id(self._link(doc, node))
                if entity and self._is_place(entity) and not self._only_owner(doc, node, entity["id"]):
                    return entity["id"]
            if candidate.lemma_.lower() in self.scene_nouns and self._link(doc, candidate) is None:
                return self._scene(doc)  # 'at the scene', 'got to the fire': where the story's incident was
            named = self._named_facility_before(candidate)  # 'visited the church': the X Church named before
            if named is not None:
                return named
            if candidate.lemma_.lower() in self.facility_words:  # 'is in jail awaiting trial in Arizona'
                places = [place for t in verb.subtree if (place := self._place_named(doc, t))] or [
                    body for t in verb.subtree  # 'entered rehab at X': the body named 'at' is the facility
                    if t.dep_ == "pobj" and t.head.lower_ == "at" and (body := self._headed(doc, t, ("ORG", "OTHER")))
                ]
                if places:
                    return places[0]
        return None

    @staticmethod
    def _only_owner(doc: Doc, noun: Token, entity_id: str) -> bool:
        """'said in the Academy's announcement': the entity owns the thing named, and is no place one is in."""
        if noun.pos_ != "NOUN":
            return False
        index = doc._.token_entity or []
        owned = {t.i for c in noun.children if c.dep_ == "poss" for t in c.subtree}
        named = {i for i in range(noun.left_edge.i, noun.i + 1) if i < len(index) and index[i] == entity_id}
        return bool(named) and named <= owned

    @staticmethod
    def _scene(doc: Doc) -> str | None:
        """The story's scene: the place of the first event it tells and places (not a hedged or denied one)."""
        for event in doc._.events or []:
            if event.get("location") and not (event["hypothetical"] or event["negated"]):
                return event["location"]
        return None

    def _named_facility_before(self, noun: Token, owned: bool = False) -> str | None:
        """'the church', 'the hospital': the place so named ('X Bible Church', 'St Y Hospital') whose
        latest mention comes before the noun. `owned` ("her church"): a possessive instead of 'the', and
        a name given later in the text counts when none came before."""
        word = noun.lemma_.lower()
        determined = any(c.dep_ == "poss" if owned else (c.dep_ == "det" and c.lower_ == "the") for c in noun.children)
        if word not in self.facility_words or not determined:
            return None
        best: tuple[int, str] | None = None
        later: tuple[int, str] | None = None
        for entity in self._entities.values():
            words = entity["name"].lower().split()
            if len(words) < 2 or word not in (words[0], words[-1]) or not self._is_place(entity):
                continue
            before = [m["start"] for m in entity["mentions"] if m["start"] < noun.idx]
            after = [m["start"] for m in entity["mentions"] if m["start"] > noun.idx]
            if before and (best is None or max(before) > best[0]):
                best = (max(before), entity["id"])
            if after and (later is None or min(after) < later[0]):
                later = (min(after), entity["id"])
        return best[1] if best else later[1] if later and owned else None

    def _membership_noun(self, doc: Doc, noun: Token, lemma: str) -> Iterator[tuple]:
        """"her church", "his party, the X Party": the group a person's possessive claims is one they
        belong to, named in apposition or elsewhere in the text ('the X Bible Church')."""
        if lemma not in self.membership_nouns:
            return
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        person = self._typed(doc, owner, ("PERSON",))
        if person is None:
            return
        group = self._named_by(doc, noun) or self._named_facility_before(noun, owned=True)
        if group and group != person:
            yield person, "member_of", group, lemma

    def _is_place(self, entity: dict) -> bool:
        if entity["type"] == "PLACE":
            return True
        words = entity["name"].lower().split() or [""]  # 'X Stadium', 'Stade de X'
        return entity["type"] in ("ORG", "OTHER") and (words[-1] in self.facility_words or words[0] in self.facility_words)

    def _control(self, doc: Doc, verb: Token, lemma: str, passive: bool) -> Iterator[tuple]:
        if lemma == "sell":  # 'sold X to Y': Y holds X
            held = next((c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass")), None)
            buyer = first(prep_objects(verb, ("to",)))
            holder, holding = self._typed(doc, buyer, PARTIES + ("PLACE",)), self._holding(doc, held, lemma)
            if holder and holding:
                yield holder, "controls", holding, lemma
            for seller in self._actors(verb, False) if holding and not passive else ():
                seller_id = self._typed(doc, seller, PARTIES)
                if seller_id and seller_id != holder:
                    yield seller_id, "controls", holding, SOLD  # held it until the sale
            return
        if lemma in self.losing_verbs and not passive:  # 'the rebels withdrew from X': no longer hold it
            preps = self.losing_verbs[lemma]
            lost = prep_objects(verb, preps) + [c for c in verb.children if c.dep_ in ("dobj", "obj") and "" in preps]
            for held in lost:
                holding = self._holding(doc, held, lemma)
                for holder in self._actors(verb, False):
                    holder_id = self._typed(doc, holder, PARTIES + ("PLACE",))
                    if holder_id and holding and (self._by_id(holding) or {}).get("type") == "PLACE":
                        yield holder_id, "controls", holding, lemma
            return
        if lemma in self.yielding_verbs and not passive:  # 'the town fell to the X Front': the Front holds it
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            place = self._holding(doc, subject, "hold")
            for taker in prep_objects(verb, (self.yielding_verbs[lemma],)):
                if place and (holder_id := self._typed(doc, taker, PARTIES)):
                    yield holder_id, "controls", place, lemma
            return
        if lemma in GIVING_VERBS and not passive:  # 'the deal gives X control of Y', 'hands control of Y to X'
            yield from self._control_given(doc, verb)
            return
        if lemma in self.expelling_verbs:  # 'drove the Front out of X', 'the Front was expelled from X by Y'
            yield from self._expelled(doc, verb, lemma, passive)
            return
        particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
        if f"{lemma} {particle}" in self.control_phrasals:  # 'snapped up Y', 'bought out Y'
            lemma = f"{lemma} {particle}"
        elif lemma not in self.control_verbs:
            return
        if passive:
            holders = passive_agents(verb)
            held = next(iter(passive_subjects(verb)), None)  # 'X is (majority-)owned by Y'
            if held is None and verb.dep_ == "acl":  # 'X, owned by Y, ...'
                held = verb.head
            if held is None and verb.dep_ == "xcomp":  # 'X agreed to be acquired by Y': X
                held = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        else:
            holders = self._actors(verb, False)
            held = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
        if held is not None and held.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            held = verb.head  # 'X, which is owned by Y': X
        if held is None:
            return
        if lemma == "take" and held.lemma_.lower() not in self.control_objects and not any(
            c.dep_ == "prt" and c.lower_ == "over" for c in verb.children
        ) and self._headed(doc, held, ("PLACE",)) is None:
            return  # 'took time', 'took the stand': only 'took X' of a place, 'took over X', 'took control of X' hold
        if lemma in self.control_object_only and held.lemma_.lower() not in self.control_objects:
            return  # 'regained control of X' holds X; 'regained consciousness' holds nothing
        if lemma in STAKE_HOLDING_VERBS and held.lemma_.lower() in SHARE_NOUNS and not self._majority(held):
            return  # 'holds a 25 percent share in X', 'owns 40 percent of X' make a shareholder, not X's holder
        holding = self._holding(doc, held, lemma)
        if holding is None:
            return
        cue = HELM if held.lemma_.lower() in HELM_NOUNS else lemma  # 'took the helm at Y' leads Y, owns nothing
        holder_ids = [h for h in (self._typed(doc, holder, PARTIES + ("PLACE",)) for holder in holders) if h]
        for holder_id in holder_ids:
            yield holder_id, "controls", holding, cue
        if lemma in self.taking_from_verbs and cue != HELM:
            for former in self._taken_from(doc, verb, held):
                if former not in holder_ids and former != holding:
                    yield former, "controls", holding, TAKEN_FROM

    def _taken_from(self, doc: Doc, verb: Token, held: Token) -> Iterator[str]:
        """The party a holding was taken or bought from, on the verb or on the object ('recaptured X from
        Y', 'bought X from Y'), or whose control it was taken from ('liberated X from Y control')."""
        for source in prep_objects(verb, ("from",)) + prep_objects(held, ("from",)):
            if source.lemma_.lower() in self.control_objects:  # 'from Y control', "from Y's control"
                source = next((c for c in source.children if c.dep_ in ("poss", "compound")), None) or first(
                    prep_objects(source, ("of",))
                )
            party = self._typed(doc, source, PARTIES)
            if party:
                yield party

    def _expelled(self, doc: Doc, verb: Token, lemma: str, passive: bool) -> Iterator[tuple]:
        """Those driven out of a place held it until then; those driving them out hold it now."""
        if passive:
            driven = passive_subjects(verb)
            drivers = passive_agents(verb)
        else:
            driven = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
            drivers = self._actors(verb, False)
        preps = self.expelling_verbs[lemma]
        sources = prep_objects(verb, tuple(p for p in preps if p != "out"))
        if "out" in preps:  # 'out of X', the parser making 'out' a preposition or a particle
            outs = [c for c in verb.children if c.lower_ == "out"]
            sources += [g for o in outs for g in prep_objects(o, ("of",))]
            sources += prep_objects(verb, ("of",)) if any(o.dep_ == "prt" for o in outs) else []
        places = [p for p in (self._headed(doc, s, ("PLACE",)) for s in sources) if p]
        for place in places[:1]:  # the place itself, not a district of it named after
            for party in (self._typed(doc, t, PARTIES) for t in driven):
                if party:
                    yield party, "controls", place, DRIVEN_OUT
            for party in (self._typed(doc, t, PARTIES + ("PLACE",)) for t in drivers):  # a country too
                if party:
                    yield party, "controls", place, lemma

    def _control_given(self, doc: Doc, verb: Token) -> Iterator[tuple]:
        """The recipient of control, ownership or a majority stake handed over: its indirect object, its
        'to' phrase, or the name the parser glued onto the control noun ('gives [X control] of Y')."""
        for held in (c for c in verb.children if c.dep_ in ("dobj", "obj")):
            if held.lemma_.lower() not in self.control_objects or (
                held.lemma_.lower() in STAKE_NOUNS and not self._majority(held)
            ):
                continue  # 'gives X a 20 percent stake in Y' makes a shareholder
            holding = self._holding(doc, held, verb.lemma_.lower())
            named = [c for c in held.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
            recipients = [c for c in verb.children if c.dep_ == "dative"] + prep_objects(verb, ("to",)) + named[-1:]
            for recipient in recipients:
                recipient_id = self._typed(doc, recipient, ("PERSON", "ORG", "PLACE"))  # not 'the Italian firm'
                if holding and recipient_id and recipient_id != holding:
                    yield recipient_id, "controls", holding, verb.lemma_.lower()

    def _share(self, stake: Token) -> float | None:
        """The percentage a stake or 'N percent' states ('a 51 percent stake', 'a twenty percent stake', '80
        percent of X'), if any."""
        words = [t for t in stake.subtree if t.i < stake.i]
        if not (stake.lower_ in PERCENT_WORDS or any(t.lower_ in PERCENT_WORDS | {"per"} for t in words)):
            return None
        for token in (t for t in words if t.like_num):
            if token.lower_ in self.number_words:
                return float(self.number_words[token.lower_])
            try:
                return float(token.text.replace(",", ".").rstrip("%"))
            except ValueError:
                continue
        return None

    def _majority(self, stake: Token) -> bool:
        """'a majority / controlling stake', 'a 51 percent stake', '80 percent of X': more than half."""
        if any(t.lower_ in ("majority", "controlling") for t in stake.subtree if t.i < stake.i):
            return True
        share = self._share(stake)
        return share is not None and 50 < share <= 100

    def _holding(self, doc: Doc, held: Token | None, lemma: str) -> str | None:
        """The entity held: the object itself, or what a holding noun is of ('control of X', 'a stake
        in X'), typed as the verb allows (one runs an organisation, one occupies a place)."""
        if held is None:
            return None
        node = held
        allowed = ("ORG", "OTHER") if lemma in self.organisation_only else (
            ("PLACE",) if lemma in self.place_only else HOLDINGS
        )
        if held.lemma_.lower() in self.portion_words:  # 'controls most of X', 'holds parts of Y'
            node = held = first(prep_objects(held, ("of",))) or held
        if held.lemma_.lower() in self.holding_nouns:
            allowed = HOLDINGS  # 'holds a majority stake in X': a stake is in a company, whatever 'hold' holds
            node = first(prep_objects(held, ("of", "in", "over", "at")))
            if node is None and held.dep_ in ("dobj", "obj"):  # 'bought a stake last May in X': the parser
                node = next(  # hangs 'in X' on the verb, after other 'in' phrases
                    (t for t in prep_objects(held.head, ("in", "at")) if self._headed(doc, t, allowed)), None
                )
        entity_id = self._headed(doc, node, allowed)
        if entity_id is None and node is not None and node.pos_ == "NOUN":  # 'Goma airport'
            named = next((c for c in node.children if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
            entity_id = self._headed(doc, named, ("PLACE",))
        if entity_id is None and node is not None and node.lemma_.lower() in self.place_nouns:  # 'the airport of Goma'
            inside = first(prep_objects(node, ("of", "in")))
            if inside is None and node.dep_ in ("dobj", "obj"):  # 'controls the airport in Goma', the parser
                inside = first(prep_objects(node.head, ("in",)))  # hanging 'in Goma' on the verb
            entity_id = self._headed(doc, inside, allowed)
        if entity_id is None and node is not None and node.pos_ == "NOUN":
            entity_id = self._headed(doc, self._name_described(node), allowed)
        return entity_id

    @staticmethod
    def _name_described(noun: Token) -> Token | None:
        """The name a common noun describes: 'X, a firm owned by Y', 'the firm, X', 'X is the largest city
        held by Y'."""
        if noun.dep_ == "appos":
            return noun.head
        appos = next((c for c in noun.children if c.dep_ == "appos"), None)
        if appos is not None:
            return appos
        if noun.dep_ == "attr" and noun.head.lemma_.lower() in LINKING_VERBS:
            return next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        return None

    def _headed(self, doc: Doc, token: Token | None, types: tuple[str, ...]) -> str | None:
        """The entity whose name is the phrase's head: 'bought Norda' holds Norda, 'bought 60 Norda
        jets' does not."""
        if token is None:
            return None
        entity = self._by_id((doc._.token_entity or [None] * len(doc))[token.i])
        return entity["id"] if entity and entity["type"] in types else None

    def _control_noun(self, doc: Doc, noun: Token, lemma: str) -> Iterator[tuple]:
        if lemma in self.taking_nouns:  # "HP's acquisition of EDS", 'the takeover of X by Y'
            holder, held = self._noun_arguments(noun)
            held_id = self._typed(doc, held, HOLDINGS)
            holder_id = self._typed(doc, holder[0], PARTIES) if holder else None
            if not holder and held_id and (
                any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children)
                or (noun.dep_ in ("dobj", "obj") and noun.head.lemma_.lower() in TAKING_DONE_VERBS)
            ):  # 'X completed its takeover of Y', 'X said it had closed the purchase of Y': X
                holder_id = self._clause_subject(doc, noun, held_id)
            if holder_id and held_id:
                yield holder_id, "controls", held_id, lemma
        elif lemma in self.parent_nouns and (ordered := self._parent_in_sequence(doc, noun)):
            yield *ordered, lemma
        elif lemma in self.parent_nouns:  # 'Y, the parent of X', "X's owner Y"
            if noun.dep_ == "compound" and noun.head.lower_ in ("company", "group", "firm"):
                noun = noun.head  # "X's parent company, Y": the phrase's head carries the possessive
            child = next(
                (c for c in noun.children if c.dep_ in ("compound", "poss") and c.lemma_ not in self.parent_nouns),
                None,
            )
            if child is None:
                child = first(prep_objects(noun, ("of", "in")))  # 'the owner of X', 'the largest shareholder in X'
            parent = noun.head if noun.dep_ in ("compound", "amod") else next(
                (c for c in noun.children if c.dep_ == "appos"), None
            )
            if parent is None and noun.dep_ == "appos":
                parent = noun.head
            parent_id, child_id = self._typed(doc, parent, PARTIES), self._typed(doc, child, HOLDINGS)
            if parent_id and child_id:
                yield parent_id, "controls", child_id, lemma
        elif lemma in self.part_nouns:  # 'GMAC, the financing arm of GM', "its European division, Opel"
            part = self._named_by(doc, noun)
            whole = self._owner(doc, noun) or self._party(doc, first(prep_objects(noun, ("of",))))
            if part and whole and part != whole and (self._by_id(part) or {}).get("type") in HOLDINGS:
                yield whole, "controls", part, lemma
        elif noun.dep_ == "pobj" and lemma in self.control_objects and noun.head.lower_ == "in" and (
            noun.head.head.pos_ in ("VERB", "AUX")
        ):  # 'X is in (full) control of Y', 'X remained in command of Y'
            holder = next((c for c in noun.head.head.children if c.dep_ == "nsubj"), None)
            holder_id = self._typed(doc, holder, PARTIES)
            held_id = self._typed(doc, first(prep_objects(noun, ("of", "over"))), HOLDINGS)
            if holder_id and held_id:
                yield holder_id, "controls", held_id, "in control"
        elif noun.dep_ == "pobj" and (
            (lemma == "control" and noun.head.lower_ == "under")
            or (lemma == "hand" and noun.lower_ == "hands" and noun.head.lower_ in ("in", "into"))
        ):  # 'under the (operational) control of Y', 'in the hands of Y', 'fell into Y's hands'
            holder = first(prep_objects(noun, ("of",))) or next(  # or 'under our control'
                (c for c in noun.children if c.dep_ in ("poss", "compound")), None
            )
            governed = noun.head.head
            if governed.dep_ == "acl":  # 'X, deployed ... under the control of Y'
                governed = governed.head
            held = governed if governed.pos_ in ("PROPN", "NOUN") else next(
                (c for c in governed.children if c.dep_ in ("nsubj", "nsubjpass")), None
            )
            holder_id, held_id = self._typed(doc, holder, PARTIES), self._typed(doc, held, HOLDINGS)
            if holder_id and held_id:
                yield holder_id, "controls", held_id, "under control" if lemma == "control" else "in the hands of"

    def _possessed_organisation(self, doc: Doc, head: Token, lemma: str) -> Iterator[tuple]:
        """"Norda's Kori Finance", "Norda's Kori unit": an organisation's possessive on another named
        organisation or product is its owner's. A country's ("Ruritania's Labour Party") owns nothing by it,
        nor does anyone own a person by it ("Norda's Tom Baird")."""
        if head.pos_ == "NOUN" and lemma not in self.part_nouns and lemma != "group":
            return
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is None or (owner_id := self._own_entity(doc, owner)) is None:
            return
        between = doc[owner.right_edge.i + 1 : head.i + 1]
        if any(
            (t.pos_ == "NOUN" or t.lemma_.lower() in self.role_nouns) and t.i < head.i and not entity_id_for(doc, t.i, t.i + 1)
            for t in between
        ) or (len(between) > 0 and between[0].like_num):
            return  # "Norda's rival Kori", "Norda's 500 index": a description, or a name of its own
        owned_id = entity_id_for(doc, owner.right_edge.i + 1, head.i + 1, prefer_last=True)
        owning, owned = self._by_id(owner_id), self._by_id(owned_id)
        if owning and owned and owning is not owned and owning["type"] == "ORG" and owned["type"] in ("ORG", "OTHER") and (
            (owned.get("geo") or {}).get("feature") != "demonym" and not self._is_place(owned)
        ):
            yield owner_id, "controls", owned_id, "possessive"

    def _parent_in_sequence(self, doc: Doc, noun: Token) -> tuple[str, str, str] | None:
        """'X parent Y', 'X parent company Y': names on both sides of the noun, whatever the parse says
        (the parser often reads such a run of names as appositions of the sentence's subject)."""
        index = doc._.token_entity or []
        after = noun.i + 1 + (noun.i + 1 < len(doc) and doc[noun.i + 1].lower_ in ("company", "group", "firm"))
        if noun.i == 0 or after >= len(doc):
            return None
        child = self._by_id(index[noun.i - 1])
        parent = self._by_id(index[after])
        if child and parent and child is not parent and parent["type"] in PARTIES and child["type"] in HOLDINGS:
            return parent["id"], "controls", child["id"]
        return None

    def _alignment_verb(self, doc: Doc, verb: Token, lemma: str, passive: bool) -> Iterator[tuple]:
        sides = self._particle_sides(verb, lemma)  # 'voted with X against Y': one side each
        by_particle = bool(sides)
        if sides and lemma in self.ally_verbs:  # 'protected X from Y': with X, against Y
            sides += [("ally_of", c) for c in verb.children if c.dep_ in ("dobj", "obj")]
        offered = None  # a proposal accepted or rejected
        if not sides and (wanted := self._offer_nouns(lemma)):
            offered = next(
                (c for c in verb.children if c.dep_ in ("dobj", "obj") and c.lemma_.lower() in wanted), None
            )
        if offered is not None:
            # 'Y accepted his proposal' sides with its proposer, 'Y rejected X's offer' and 'Y denied X's
            # claims' against
            predicate = "ally_of" if lemma in self.accepting_verbs else "opponent_of"
            for actor in self._actors(verb, False):
                actor_id = self._party(doc, actor)
                proposer = self._owner(doc, offered, besides=actor_id) or self._party(
                    doc, first(prep_objects(offered, ("from", "by")))
                ) or self._party(doc, first([  # 'the account given by X', 'claims made by X'
                    g for c in offered.children if c.dep_ == "acl" for g in passive_agents(c)
                ]))
                if actor_id and proposer and actor_id != proposer:
                    yield actor_id, predicate, proposer, lemma
            return
        if not sides and lemma in self.accepting_verbs and lemma not in self.ally_verbs:
            return  # 'accepted the verdict': only a proposal accepted takes a side
        if not sides and lemma in self.undoing_verbs:  # 'overturned the X administration's rule'
            undone = next((c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass")), None)
            author = self._party(doc, undone) if undone is not None and undone.lemma_.lower() in self.measures else None
            if author:
                for actor in self._actors(verb, passive) if not passive else []:
                    actor_id = self._party(doc, actor)
                    if actor_id and actor_id != author:
                        yield actor_id, "opponent_of", author, lemma
                return  # else a contesting verb acts on a party itself ('was challenged by X'): read on
        if not sides:
            if any(c.dep_ == "prt" and c.lower_ in self.other_sense_particles.get(lemma, ()) for c in verb.children):
                return  # 'picked up X' (arrested), not 'picked X' (chose)
            if lemma in self.opponent_verbs:
                predicate = "opponent_of"
            elif lemma in self.ally_verbs:
                predicate = "ally_of"
            else:
                return
            other = self._target(verb, passive)
            dative = next((c for c in verb.children if c.dep_ == "dative"), None)
            if dative is not None and self._party(doc, other) is None:
                other = dative  # 'offered Y a contract': Y, not the contract
            clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
            if clause is not None and self._party(doc, other) is None:  # 'helping Y secure the seed': Y
                other = next((c for c in clause.children if c.dep_ == "nsubj"), other)
            sides = [(predicate, other)]
        actors = passive_agents(verb) if passive else self._actors(verb, False)
        if passive and not actors and by_particle:  # 'X was expelled from Y': X and Y, the particle's side
            actors = passive_subjects(verb)
        for predicate, other in sides:
            other_id = self._party(doc, other)
            if other_id is None or (lemma in self.party_headed_verbs and self._headed(doc, other, PARTIES) is None):
                continue  # 'faced X' sets one against X; 'faces X charges', 'topping X's rotation' do not
            if predicate == "ally_of" and fought_inside(doc, other, other_id):
                continue  # 'backs the war against X': X is the one fought
            for actor in actors:
                actor_id = self._party(doc, actor)
                if actor_id:
                    yield actor_id, predicate, other_id, lemma

    def _offer_nouns(self, lemma: str) -> frozenset[str]:
        """What another party puts forward that the verb takes up or turns down: proposals accepted or
        rejected ('accepted his proposal'), claims disputed ('denied X's claims')."""
        nouns: frozenset[str] = frozenset()
        if lemma in self.accepting_verbs or lemma in self.rejecting_verbs:
            nouns |= self.proposals
        if lemma in self.disputing_verbs:
            nouns |= self.claim_nouns
        return nouns

    def _particle_sides(self, verb: Token, lemma: str) -> list[tuple[str, Token]]:
        sides = []
        for particle in (c for c in verb.children if c.dep_ in ("prep", "prt")):
            for table, name in ((self.ally_particles, "ally_of"), (self.opponent_particles, "opponent_of")):
                if particle.lower_ in table.get(lemma, ()):
                    pobj = next((g for g in particle.children if g.dep_ == "pobj"), None)
                    if pobj is not None and not (lemma == "vote" and pobj.lower_ == "it"):  # one votes on a
                        sides.append((name, pobj))  # measure: 'voted against it' is against the bill
        return sides

    def _joint_action(self, doc: Doc, verb: Token, lemma: str, passive: bool) -> Iterator[tuple]:
        """'X and Y defeated Z': parties named together as the subject of one act act together. Only
        verbs whose act is understood (ally, opponent or control verbs), never reciprocal ones ('X and Y
        clashed'), and only when the act has an object; or one statement they issue together ('X and Y
        said in a statement'), not two sayings reported at once ('X and Y both said')."""
        if passive or lemma not in self.reciprocal:
            yield from self._said_joint(doc, verb, passive)
        joint_statement = lemma in self.speech_verbs and any(  # 'X and Y said in a statement'
            o.lemma_.lower() in JOINT_MESSAGES for o in prep_objects(verb, ("in",))
        )
        if passive or (lemma not in self.understood_verbs and not joint_statement) or lemma in self.reciprocal:
            return
        if not joint_statement and not any(c.dep_ in ("dobj", "obj") for c in verb.children):
            return
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subjects:
            return
        parties = [p for p in (self._party(doc, t) for t in self._with_conjuncts(subjects[:1])) if p]
        for first, second in zip(parties, parties[1:], strict=False):
            if first != second:
                yield first, "ally_of", second, "together"

    def _said_joint(self, doc: Doc, verb: Token, passive: bool) -> Iterator[tuple]:
        """An act the text calls joint, whatever the verb: 'X and Y jointly developed it', 'it was built
        together by X and Y', 'X, along with Y, built it', 'developed by X together with Y'."""
        if not any(c.dep_ in ("dobj", "obj", "nsubjpass") for c in verb.children):
            return  # 'X, along with Y, died in the crash': two people in one event, no act done together
        doers = self._actors(verb, True) if passive else self._with_conjuncts(
            [c for c in verb.children if c.dep_ == "nsubj"][:1]
        )
        withs = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"] + [
            w for holder in [verb, *doers[:1]] for c in holder.children
            if c.lower_ in JOINT_ADVERBS for w in c.children if w.dep_ == "prep" and w.lower_ == "with"
        ]
        partners = [
            g for w in withs for g in w.children if g.dep_ == "pobj"
            if w.head.lower_ in JOINT_ADVERBS or any(c.lower_ in JOINT_ADVERBS for c in w.children)
        ]
        joint = any(c.dep_ == "advmod" and c.lower_ in JOINT_ADVERBS for c in verb.children)
        if not joint and not partners:
            return  # nothing the text calls joint: no need to resolve the doers
        parties = [p for p in (self._party(doc, t) for t in doers) if p]
        pairs = list(zip(parties, parties[1:], strict=False)) if joint else []
        pairs += [(p, q) for p in parties[:1] for q in (self._party(doc, t) for t in partners) if q]
        for first, second in pairs:
            if first != second:
                yield first, "ally_of", second, "together"

    def _alignment_noun(self, doc: Doc, noun: Token, lemma: str) -> Iterator[tuple]:
        """'her lawyer X' / "X's rival Y" / 'X, the lawyer for Y' / 'a partnership with Y' (owned by the
        clause's subject or by a possessive)."""
        if lemma in self.ally_nouns:
            predicate = "ally_of"
        elif lemma in self.opponent_nouns:
            predicate = "opponent_of"
        else:
            return
        if noun.dep_ == "attr" and noun.tag_ == "NNS":  # 'X and Y are longtime rivals': each to the other
            subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
            sides = [p for p in (self._party(doc, t) for t in self._with_conjuncts([subject] if subject is not None else [])) if p]
            for i, one in enumerate(sides):
                for other in sides[i + 1 :]:
                    if one != other:
                        yield one, predicate, other, lemma
            if len(sides) > 1:
                return
        between = self._between(doc, noun)
        if len(between) > 1:  # 'the agreement between X and Y', 'the war between X, led by Z, and Y'
            for i, one in enumerate(between):
                for other in between[i + 1 :]:
                    if one != other:
                        yield one, predicate, other, lemma
            return
        if predicate == "opponent_of" and (backed := self._backed_in_struggle(doc, noun)):
            foe = self._party(doc, first(prep_objects(noun, ("against",))))
            for side in backed:
                if foe and side != foe:
                    yield side, predicate, foe, lemma
            return
        named = self._named_by(doc, noun)
        owner = self._owner(doc, noun, besides=named, any_name=False)  # 'Y, its rival': 'its' is not Y
        partner = first(prep_objects(noun, ("with", "against", "between", "for", "of", "to")))
        if partner is None and noun.dep_ in ("dobj", "obj", "oprd"):  # 'had disagreements with X': the parser
            partner = first(prep_objects(noun.head, ("with", "against", "to"))) or next(  # hangs it on the
                (c for c in noun.head.children if c.dep_ == "dative"), None  # light verb; 'made Y an offer'
            )
            if partner is not None and partner.lemma_.lower() in self.role_nouns:
                partner = None  # 'with the backing of X, Y bought a rival': a relation of its own, not the rival
        partner_id = self._party(doc, partner)
        if named is None and partner is not None and noun.dep_ in ("nsubj", "nsubjpass"):
            # 'a representative for Y, X, said': the parser hangs the role's name X on Y
            named = self._typed(doc, next((c for c in partner.children if c.dep_ == "appos"), None), ("PERSON",))
        beside = [*noun.children, *(noun.head.children if noun.dep_ == "amod" else ())]
        owner_named_here = any(c.dep_ in ("compound", "poss") and c.pos_ == "PROPN" and c.i < noun.i for c in beside)
        described = noun.dep_ == "appos" and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children)
        if named and not owner and not partner_id and not owner_named_here and not described:  # 'X beat rival
            owner = self._clause_subject(doc, noun, named)  # Y': the clause's subject, unless 'Z rival Y' names
            # another owner; 'X hit Y, a grandmother' describes Y, it relates Y to no one
        if named and owner:
            yield named, predicate, owner, lemma
        elif named and partner_id:
            yield named, predicate, partner_id, lemma
        elif partner_id and owner:
            yield owner, predicate, partner_id, lemma
        elif partner_id and (noun.dep_ in ("dobj", "obj", "attr", "oprd") or self._adverbial(noun)):
            for actor in self._actors(noun.head if noun.dep_ != "pobj" else noun.head.head, False):
                actor_id = self._party(doc, actor)
                if actor_id:
                    yield actor_id, predicate, partner_id, lemma

    def _between(self, doc: Doc, noun: Token) -> list[str]:
        """The parties of 'the agreement (on 2 May) between X and Y': the 'between' phrase may hang on
        another word of the clause (the date), and the parser may hang Y, after an aside about X ('X, led
        by Z, and Y'), elsewhere; then Y is the party named right after the 'and' that follows X."""
        prep = None
        for token in noun.doc[noun.i + 1 : min(noun.i + 7, noun.sent.end)]:
            if token.pos_ in ("VERB", "AUX") or token.is_punct:
                break
            if token.lower_ == "between" and token.dep_ == "prep":
                prep = token
                break
        sides = [t for t in prep.children if t.dep_ == "pobj"][:1] if prep is not None else []
        if not sides:
            return []
        parties = [p for p in (self._party(doc, t) for t in self._with_conjuncts(sides)) if p]
        if len(parties) == 1:
            after = sides[0].right_edge.i + 1
            conjunction = next((t for t in doc[after : min(after + 20, sides[0].sent.end)] if t.lower_ == "and"), None)
            named = conjunction.i + 1 if conjunction is not None else None
            while named is not None and named < len(doc) - 1 and doc[named].dep_ == "det":
                named += 1
            other = self._party(doc, doc[named]) if named is not None and named < len(doc) else None
            parties += [other] if other and other not in parties else []
        return parties

    def _backed_in_struggle(self, doc: Doc, noun: Token) -> list[str]:
        """'support for Y in the fight against Z', 'its backing of Y and its people in their war on Z': the
        fight is the backed party's (whatever 'their' would reach for before it), so Y opposes Z."""
        if noun.dep_ != "pobj" or noun.head.lower_ != "in":
            return []
        holder = noun.head.head
        while holder.dep_ == "conj" and holder.head.i != holder.i:  # 'Y and its people in their fight'
            holder = holder.head
        if holder.lemma_.lower() not in BACKING_NOUNS:
            if holder.dep_ != "pobj" or holder.head.lower_ not in ("for", "of", "to"):
                return []
            backed = [holder]
        else:
            backed = prep_objects(holder, ("for", "of", "to"))
        if not backed or backed[0].head.head.lemma_.lower() not in BACKING_NOUNS:
            return []
        return [p for p in (self._party(doc, t) for t in self._with_conjuncts(backed[:1])) if p]

    @staticmethod
    def _adverbial(noun: Token) -> bool:
        """'In support of X, Y sent troops', 'with the backing of X', 'in talks with X', 'Y, as part of X,
        sent troops': the noun phrase says how the clause's subject acts."""
        if noun.dep_ != "pobj" or noun.head.head.pos_ not in ("VERB", "AUX"):
            return False
        if noun.head.lower_ == "as":  # 'as part of Y' (a body), not 'as part of Y's plans'
            return any(o.pos_ == "PROPN" for o in prep_objects(noun, ("of",)))
        return noun.head.lower_ in ("in", "with")

    def _inquiry_noun(self, doc: Doc, noun: Token, lemma: str) -> Iterator[tuple]:
        """'a police investigation into X', "the regulator's probe of X", 'X became the target of an inquiry by
        Y', 'X is under investigation by Y': the one inquiring is against the one inquired into."""
        if lemma not in self.inquiry_nouns:
            return
        inquirer = next((c for c in noun.children if c.dep_ in ("poss", "compound") and c.pos_ == "PROPN"), None)
        inquirer_id = self._party(doc, inquirer if inquirer is not None else first(prep_objects(noun, ("by",))))
        if inquirer_id is None and noun.dep_ in ("dobj", "obj"):  # 'X opened an inquiry into Y'
            inquirer_id = next(filter(None, (self._party(doc, a) for a in self._actors(noun.head, False))), None)
        inquired = first(prep_objects(noun, ("into", "of", "on")))
        if inquired is None and noun.dep_ in ("dobj", "obj"):  # the parser hangs 'into Y' on 'opened'
            inquired = first(prep_objects(noun.head, ("into",)))
        inquired_id = self._party(doc, inquired)
        governing = noun.head
        if inquired_id is None and governing.dep_ == "prep":
            if governing.lower_ == "of" and governing.head.lemma_.lower() in INQUIRY_ROLES:
                governing = governing.head.head  # 'X became the subject of an inquiry'
            elif governing.lower_ == "under":
                governing = governing.head  # 'X is under investigation'
            if governing is noun.head or governing.pos_ not in ("VERB", "AUX"):
                return
            inquired_id = self._party(doc, next((c for c in governing.children if c.dep_ in ("nsubj", "nsubjpass")), None))
        if inquirer_id and inquired_id and inquirer_id != inquired_id:
            yield inquirer_id, "opponent_of", inquired_id, lemma

    def _contest_noun(self, doc: Doc, noun: Token, lemma: str) -> Iterator[tuple]:
        """"X's 5-3 win over Y", 'clinched the title with a victory over Y', 'their loss to Y': the winner
        (or loser), named by a possessive or as the clause's subject, against the other side."""
        if lemma not in self.contest_nouns:
            return
        against = first(prep_objects(noun, ("over", "against", "to")))
        if against is None and noun.dep_ in ("dobj", "obj"):  # 'suffered a loss to Y': on the light verb
            against = first(prep_objects(noun.head, ("over", "against", "to")))
        other = self._party(doc, against)
        if other is None:
            return
        side = self._owner(doc, noun, besides=other, any_name=False) or self._clause_subject(doc, noun, other)
        if side and side != other:
            yield side, "opponent_of", other, lemma

    def _clause_subject(self, doc: Doc, noun: Token, named: str) -> str | None:
        node = noun
        for _ in range(6):
            if node.head.i == node.i:
                break
            node = node.head
            if node.pos_ in ("VERB", "AUX"):
                subjects = self._own_or_participle_subject(node) or self._actors(node, False)
                for subject in subjects:
                    found = self._party(doc, subject)
                    if found and found != named:
                        return found
                return None
        return None

    def _own_or_participle_subject(self, verb: Token) -> list[Token]:
        """Up the chain of clauses without a subject ('hoping to gain on X'), the first subject written
        out, or the name a participle clause follows."""
        node = verb
        for _ in range(4):
            own = [c for c in node.children if c.dep_ in ("nsubj", "csubj")]
            if own:
                return own
            participle = self._participle_subject(node)
            if participle or node.dep_ not in ("xcomp", "advcl", "conj") or node.head.i == node.i:
                return participle
            node = node.head
        return []

    @staticmethod
    def _participle_subject(verb: Token) -> list[Token]:
        """The subject of a participle clause without its own: the noun it hangs on ('Norda, hoping to gain on
        rival Intel'), or the name right before the comma that opens it, however the parser attached the
        clause ('Chipmaker X, hoping to ..., on Monday ended ...')."""
        if verb.dep_ == "acl":
            return [verb.head]
        opening = verb.left_edge.i
        if verb.tag_ in ("VBG", "VBN") and opening >= 2 and verb.doc[opening - 1].text == ",":
            named = verb.doc[opening - 2]
            return [named] if named.pos_ == "PROPN" else []
        return []

    def _named_by(self, doc: Doc, noun: Token) -> str | None:
        """The party a role noun names: its appositive, the name it is compound to ('lawyer Mark Hale'),
        the name it is in apposition to ('X, her lawyer') or the subject it is said of ('X is her lawyer')."""
        if noun.dep_ in ("compound", "amod") and noun.head.pos_ == "PROPN":
            return self._party(doc, noun.head)
        appos = next((c for c in noun.children if c.dep_ == "appos"), None)
        if appos is not None:
            return self._party(doc, appos)
        if noun.dep_ == "appos":
            return self._party(doc, noun.head)
        if noun.dep_ == "attr" and noun.head.lemma_.lower() in ("be", "become", "remain"):  # 'X is a unit of Y'
            return self._party(doc, next((c for c in noun.head.children if c.dep_ == "nsubj"), None))
        after = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
        if after is not None and after.pos_ == "PROPN" and noun.pos_ in ("NOUN", "ADJ"):  # 'rival X', however parsed
            return self._party(doc, after)
        return None

    def _owner(self, doc: Doc, noun: Token, besides: str | None = None, any_name: bool = True) -> str | None:
        """Whose role it is: "X's lawyer", 'his rival' (the nearest party named before, other than
        `besides`, in any of its names unless `any_name` is false: 'his father, Y Jeffs' may be another
        Jeffs), 'Norda rival X'."""
        children = list(noun.children)
        if noun.dep_ == "amod":  # 'its rival Y', 'Z rival Y': the owner hangs on the name
            children = [c for c in noun.head.children if c.dep_ == "poss" or (c.dep_ == "compound" and c.i < noun.i)]
        for child in children:
            if child.dep_ == "poss":
                if child.lower_ in POSSESSIVE_PRONOUNS:
                    return self._nearest_party_before(doc, child, besides, any_name=any_name)
                found = self._party(doc, child)  # "rival X's lead": X's owns the lead, not the rivalry
                return found if found != besides else None
            if child.dep_ == "compound" and child.i < noun.i:
                found = self._party(doc, child)
                if found:
                    return found
        return None

    def _affiliation(self, doc: Doc, speaker: str | None) -> str | None:
        """The organisation a speaker speaks for, named before the speaker's title ('Taliban spokesman
        X'): 'we' and 'our' in the speaker's quote stand for it."""
        for mention in (self._by_id(speaker) or {}).get("mentions", []):
            span = doc.char_span(mention["start"], mention["end"], alignment_mode="expand")
            titled = self._organisation_titled(doc, span, self.titles) if span is not None else None
            if titled and titled[0]:
                return titled[0]
        return None

    def _organisation_titled(
        self, doc: Doc, span: Span, titles: frozenset[str]
    ) -> tuple[str | None, Token] | None:
        """'Norda chief executive X', 'Taliban spokesman X': the (longest) title standing right before a
        name, as its first token, with the organisation named right before it (or None)."""
        index = doc._.token_entity or []
        for length in range(3, 0, -1):
            start = span.start - length
            if start < 1 or doc[start : span.start].text.lower().replace(".", "") not in titles:
                continue
            start = self._joined_title_start(doc, start, titles)  # 'Norda Chairman and CEO X'
            organisation = self._by_id(index[start - 1] if start - 1 < len(index) else None)
            named = organisation["id"] if organisation and organisation["type"] in ("ORG", "OTHER") and (
                (organisation.get("geo") or {}).get("feature") != "demonym"  # 'Greek prime minister X': a country's
            ) else None
            return named, doc[start]
        return None

    @staticmethod
    def _joined_title_start(doc: Doc, start: int, titles: frozenset[str]) -> int:
        """Where a title joined by 'and' to the one at `start` begins ('chairman and chief executive X'),
        else `start`."""
        if start < 2 or doc[start - 1].lower_ not in ("and", "&"):
            return start
        for length in range(3, 0, -1):
            first_start = start - 1 - length
            if first_start >= 1 and doc[first_start : start - 1].text.lower().replace(".", "") in titles:
                return first_start
        return start

    def _nearest_party_before(
        self,
        doc: Doc,
        token: Token,
        besides: str | None = None,
        wanted: tuple[str, ...] | None = None,
        singular: bool = False,
        any_name: bool = True,
    ) -> str | None:
        index = doc._.token_entity or []
        countries = wanted is None and token.lower_ not in ("his", "her")  # 'the UK ... its support'
        wanted = wanted or (("PERSON",) if token.lower_ in ("his", "her") else PARTIES)
        excluded = self._by_id(besides)
        excluded_words = set(excluded["name"].split()) if excluded and any_name else set()
        for i in range(token.i - 1, max(-1, token.sent.start - 40), -1):
            entity = self._by_id(index[i] if i < len(index) else None)
            if singular and doc[i].tag_ in ("NNS", "NNPS"):
                continue
            acting = entity and (entity["type"] in wanted or (countries and self._is_country(entity)))
            if acting and entity["id"] != besides and not (
                excluded_words & set(entity["name"].split())
            ):
                return entity["id"]
        return None

    def _titled_leaders(self, doc: Doc) -> Iterator[tuple[str, str, str, Token]]:
        """'Norda chief executive Lena Morrow', 'Lena Morrow, chief executive of Norda', 'an X-led consortium':
        the leader controls the organisation."""
        for entity in doc._.entities or []:
            for mention in entity["mentions"]:
                span = doc.char_span(mention["start"], mention["end"], alignment_mode="expand")
                if span is None:
                    continue
                if entity["type"] == "PERSON":
                    yield from self._leader_of(doc, entity, span)
                    yield from self._member_by_role(doc, entity, span)
                    yield from self._prosecutor_of(doc, entity, span)
                if span.end < len(doc) - 2 and doc[span.end].text == "-":
                    yield from self._hyphen_role(doc, entity, doc[span.end + 1])

    def _prosecutor_of(self, doc: Doc, person: dict, span: Span) -> Iterator[tuple]:
        """'prosecutor X', 'X, the lead prosecutor': against the one person the story's accusations name
        (charged, indicted, convicted, sued); none when they name several."""
        nouns = [doc[span.start - 1]] if span.start > 0 else []
        nouns += appositive_nouns(span.root)
        role = next((n for n in nouns if n.lemma_.lower() in self.accusing_roles), None)
        if role is None:
            return
        accusations = [e for e in doc._.events or [] if e["type"] == "ACCUSE" and not e["negated"]]
        accused = self._people_in_part(doc, accusations, "target") - {person["id"]}
        if len(accused) == 1:
            yield person["id"], "opponent_of", accused.pop(), role

    def _removal_demand(self, doc: Doc, verb: Token, lemma: str) -> Iterator[tuple]:
        """'X called for Y's resignation', 'X demanded the arrest of Y', 'X urged Y to step down': X is
        against Y."""
        if lemma not in self.demanding_verbs:
            return
        targets: list[Token | None] = []
        for noun in [c for c in verb.children if c.dep_ in ("dobj", "obj")] + prep_objects(verb, ("for",)):
            if noun.lemma_.lower() in self.removal_nouns:
                targets.append(next((c for c in noun.children if c.dep_ == "poss"), None) or first(prep_objects(noun, ("of",))))
        for clause in (c for c in verb.children if c.dep_ in ("xcomp", "ccomp")):
            removal = clause.lemma_.lower()
            if removal not in self.removal_verbs or (removal == "step" and not any(
                c.dep_ == "prt" and c.lower_ in ("down", "aside") for c in clause.children
            )):
                continue
            subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)  # 'demanded that Y resign'
            targets.append(subject if subject is not None else next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None))
        if not targets:
            return
        for demander in (self._party(doc, a) for a in self._actors(verb, False)):
            for target in (self._party(doc, t) for t in targets):
                if demander and target and demander != target:
                    yield demander, "opponent_of", target, lemma

    def _state_holding(self, doc: Doc, participle: Token) -> Iterator[tuple]:
        """'state-owned X', 'X, the country's state-run broadcaster', 'X and Y, which are state-run banks':
        the state holds them, the government or country the text named last before (within a few
        sentences)."""
        if self.hyphen_roles.get(participle.lower_) != "controls" or not any(
            c.lower_ in STATE_WORDS and c.i < participle.i for c in participle.children
        ):
            return
        described = participle.head
        held = [described]
        if described.dep_ == "appos":
            held.append(described.head)
        elif described.dep_ == "attr":  # '..., which are state-run banks'
            subject = next((c for c in described.head.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lower_ in RELATIVE_PRONOUNS and described.head.dep_ == "relcl":
                subject = described.head.head
            held += self._with_conjuncts([subject]) if subject is not None else []
        state = self._state_before(doc, participle)
        for token in held:
            entity = self._by_id(self._own_entity(doc, token))
            if state and entity and entity["type"] in ("ORG", "OTHER") and entity["id"] != state:
                yield state, "controls", entity["id"], f"state-{participle.lower_}"

    def _state_before(self, doc: Doc, token: Token) -> str | None:
        """The government or country named last before a token, within about three sentences, else the
        first one after it in its sentence ('the state-owned X of Y')."""
        index = doc._.token_entity or []
        before = range(min(token.i, len(index)) - 1, max(-1, token.i - 120), -1)
        for i in [*before, *range(token.i + 1, min(token.sent.end, len(index)))]:
            entity = self._by_id(index[i])
            if entity is None:
                continue
            words = set(entity["name"].lower().split())
            if (entity["type"] == "ORG" and words & GOVERNMENT_WORDS) or (
                entity["type"] == "PLACE" and self._is_country(entity)
            ):
                return entity["id"]
        return None

    def _hyphen_role(self, doc: Doc, entity: dict, participle: Token) -> Iterator[tuple]:
        """'an X-led consortium', 'X-owned Y', 'X-held Z', 'an X-backed militia' (hyphen_roles)."""
        predicate = self.hyphen_roles.get(participle.lower_)
        if predicate is None:
            return
        described = participle.head  # 'an X-led consortium', 'Y, an X-led consortium', 'the X-owned broadcaster Y'
        types = HOLDINGS if predicate == "controls" else PARTIES
        nodes = [described, *([described.head] if described.dep_ == "appos" else [])]
        if described.lemma_.lower() in self.place_nouns:  # 'the X-controlled city of Y'
            nodes.append(first(prep_objects(described, ("of",))))
        for described_id in [*(self._typed(doc, node, types) for node in nodes), self._named_by(doc, described)]:
            if described_id and described_id != entity["id"]:
                yield entity["id"], predicate, described_id, participle
                return

    def _leader_of(self, doc: Doc, person: dict, span: Span) -> Iterator[tuple]:
        portfolio = self._portfolio_body(doc, span)
        if portfolio:
            yield person["id"], "controls", *portfolio
            return
        titled = self._organisation_titled(doc, span, self.leadership)
        if titled:  # a title before the name: its organisation, if named there, is the one led
            if titled[0]:
                yield person["id"], "controls", *titled
            elif country := self._country_of_demonym(doc, titled[1]):  # 'Turkmen President X'
                yield person["id"], "controls", country, titled[1]
            elif place := self._place_before_title(doc, titled[1], span):  # 'Tarnby Mayor X'
                yield person["id"], "controls", place, titled[1]
            elif self._title_phrase(doc, titled[1], span) in self.story_titles and (main := self._story_organisation(doc)) and (
                self._nearest_party_before(doc, titled[1], wanted=("ORG",)) == main
            ):  # 'Owner X flew in' in a story about one team, the last organisation named before it
                yield person["id"], "controls", main, titled[1]
            return
        titles = [c for c in span.root.children if c.dep_ == "appos"] + self._titles_given(span.root)
        if span.root.dep_ == "appos" and span.root.head.pos_ == "NOUN":
            titles.append(span.root.head)  # "Y's president, X, said": the name stands beside its title
        for title in titles:
            led_id = self._led_by_title(doc, title)
            if led_id and led_id != person["id"]:
                yield person["id"], "controls", led_id, title

    @staticmethod
    def _title_phrase(doc: Doc, title: Token, span: Span) -> str:
        return doc[title.i : span.start].text.lower().replace(".", "")

    def _story_organisation(self, doc: Doc) -> str | None:
        """The organisation a story is about: the one it names most often, by a clear margin (twice as
        often as any other)."""
        counts = sorted(
            ((len(e["mentions"]), e["id"]) for e in self._entities.values() if e["type"] == "ORG"), reverse=True
        )
        if not counts or counts[0][0] < 2 or (len(counts) > 1 and counts[1][0] * 2 > counts[0][0]):
            return None
        return counts[0][1]

    def _titles_given(self, person: Token) -> list[Token]:
        """The nouns a clause gives the person as a title: 'X is the chief executive of Y', 'X was named
        chairman of Y', 'Y appointed X as its chief executive', 'X took over as coach of Y'."""
        verb = person.head
        if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in self.title_giving_verbs:
            return []
        # 'X appointed as Y chief' (a headline's passive): an appointing verb with no one else appointed
        headline_passive = not any(c.dep_ in ("dobj", "obj") for c in verb.children)
        subject_holds = person.dep_ == "nsubj" and (verb.lemma_.lower() in SUBJECT_TITLE_VERBS or headline_passive)
        if subject_holds or person.dep_ == "nsubjpass" or (
            person.dep_ in ("dobj", "obj", "oprd") and verb.lemma_.lower() not in SUBJECT_TITLE_VERBS
        ):  # not X in 'Y replaced X as coach': X held it before; 'oprd': the parser's 'named [X] [its chief]'
            # 'X became chairman', 'X was named chairman', 'Y named X chairman'; not Y in 'Y named X as ...'
            return [
                node
                for child in verb.children
                if child is not person and child.i > person.i
                for node in (
                    [child] if child.dep_ in ("attr", "oprd", "xcomp", "dobj", "obj") and child.pos_ in ("NOUN", "PROPN")
                    else [g for g in child.children if g.dep_ == "pobj"] if child.dep_ == "prep" and child.lower_ == "as"
                    else []
                )
            ]
        return []

    def _led_by_title(self, doc: Doc, title: Token) -> str | None:
        """The organisation (or the place named right there) a leadership title leads: 'chief executive of
        Y', "Y's chairman", 'its new coach'. A former holder leads nothing ('former chairman')."""
        words = [
            t.lower_ for t in title.subtree
            if t.i <= title.i and t.dep_ not in ("det", "punct", "poss", "case") and t.lower_ not in self.title_qualifiers
        ]
        phrase = " ".join(words).replace(".", "")
        if phrase not in self.leadership and title.lemma_.lower() not in self.leadership:
            return None
        if phrase not in self.leadership and title.lemma_.lower() in self.function_titles and any(
            c.dep_ == "compound" and c.pos_ == "NOUN" and c.lower_ not in self.titles for c in title.lefts
        ):
            return None  # 'the intelligence director', 'its marketing head': the head of a function in it
        if any(t.lower_ in FORMER for t in title.subtree if t.i < title.i):
            return None
        led = first(prep_objects(title, ("of",)))
        if led is not None and led.pos_ == "NOUN" and self._part_of_named(doc, led):
            return None  # 'director of security for Y', 'head of the rescue unit of Y': a part of Y
        if led is not None and led.lemma_.lower() in self.place_nouns:  # 'the boss of the district of X'
            led = first(prep_objects(led, ("of",))) or next(
                (c for c in led.children if c.dep_ == "compound" and c.pos_ == "PROPN"), None
            )
        if led is None:  # "Y's chairman", 'its new chief executive', 'the Y boss'
            led = next((c for c in title.children if c.dep_ == "poss"), None) or next(
                (c for c in title.children if c.dep_ == "compound" and c.pos_ == "PROPN"), None
            )
        # an organisation, or a place named right there ('the mayor of X', not "the chair of X's Y delegation")
        return self._typed(doc, led, ("ORG", "OTHER")) or self._headed(doc, led, ("PLACE",))

    def _part_of_named(self, doc: Doc, noun: Token) -> bool:
        """A common noun that names no organisation of its own ('security', 'the rescue unit'), only
        through a phrase after it ('for Y'): what it names is a part of Y."""
        if self._own_entity(doc, noun) or any(c.dep_ == "appos" for c in noun.children):
            return False
        return noun.lemma_.lower() not in self.place_nouns and bool(self._link(doc, noun))

    def _place_before_title(self, doc: Doc, title: Token, span: Span) -> str | None:
        """'Tarnby Mayor X', 'Kalbar Governor Y': a place named right before a title that leads places."""
        if title.i == 0 or self._title_phrase(doc, title, span) not in self.place_titles:
            return None
        place = self._by_id(entity_id_for(doc, title.i - 1, title.i))
        if place and place["type"] == "PLACE" and (place.get("geo") or {}).get("feature") != "demonym":
            return place["id"]
        return None

    def _country_of_demonym(self, doc: Doc, title: Token) -> str | None:
        """'Ruritanian President X': the country the demonym before the title names, as the text names it."""
        if title.i == 0 or not doc[title.i - 1].text[:1].isupper():
            return None
        gazetteer = default_gazetteer()
        demonym = doc[title.i - 1].text
        if not gazetteer.is_demonym(demonym):
            return None
        codes = {p.country for p in gazetteer.candidates(demonym) if p.feature == "country"}
        for entity in self._entities.values():
            geo = entity.get("geo") or {}
            if entity["type"] == "PLACE" and geo.get("feature") == "country" and geo.get("country") in codes:
                return entity["id"]
        return None

    def _member_by_role(self, doc: Doc, person: dict, span: Span) -> Iterator[tuple]:
        """The organisation a person works for or belongs to, by the role the text gives them:
        - a role noun after the organisation's name, before the person's ('Hawks quarterback X', "the
          Hawks' interim coach X", 'Norda network operations head X');
        - a role noun in apposition with the organisation beside it ('X, a Hawks tackle', "X, Norda's
          director of sales", 'X, an analyst at Norda', 'X, head of the audit unit for Norda');
        - the organisation's possessive or a phrase on the name itself ("Norda's X", 'X from Norda').
        Not a rival or critic (opponent nouns), a former holder, nor a title that leads the organisation
        (that one controls it)."""
        candidates = self._role_before_name(doc, span)
        appointed = span.root.head.lemma_.lower() not in SUBJECT_TITLE_VERBS  # 'Y named X its new coach'
        stated = [
            t for t in self._titles_given(span.root) if t.lemma_.lower() in self.clause_roles or appointed
        ]  # 'X is a member of Y'
        roles = appositive_nouns(span.root)
        for role in roles + stated:
            if any(t.lower_ in FORMER for t in role.subtree if t.i < role.i):
                continue
            if led := self._led_by_title(doc, role):  # 'director of the X Center at Y': leads X, one of Y's
                part = first(prep_objects(role, ("of",)))
                above = [*prep_objects(part, ("at", "for", "with")), *prep_objects(role, ("at", "for", "with"))]
                parent = next(filter(None, (self._organisation_in(doc, n) for n in above)), None)
                if parent and parent != led:
                    candidates.append((parent, role))
                continue
            if organisation := self._role_organisation(doc, role) or (self._appointer(doc, role) if appointed else None):
                candidates.append((organisation, role))
        preps = AFFILIATION_PREPS if roles else NAME_AFFILIATION_PREPS  # beside a role, the role's, misattached
        for child in span.root.children:
            if child.dep_ == "poss" or (child.dep_ == "prep" and child.lower_ in preps and not (
                doc[child.i - 1].is_punct and doc[child.i - 2].like_num  # 'X, 59, of Y': where X lives
            )):
                named = child if child.dep_ == "poss" else first([g for g in child.children if g.dep_ == "pobj"])
                if named is not None and (organisation := self._own_entity(doc, named)):
                    candidates.append((organisation, child))
        for organisation, role in candidates:
            entity = self._by_id(organisation)
            if entity and entity["type"] == "ORG" and role.lemma_.lower() not in self.opponent_nouns:
                yield person["id"], "member_of", organisation, role

    def _role_before_name(self, doc: Doc, span: Span) -> list[tuple[str, Token]]:
        """'Hawks quarterback X', 'Norda network operations head X': the organisation named right before
        up to five role words. A title that leads it ('Norda chief executive X') is control, not
        membership; a leading word after other role words heads a part of it ('communications head')."""
        index = doc._.token_entity or []
        i, words = span.start - 1, []
        def role_word(token: Token) -> bool:  # the tagger sometimes reads 'head' before a name as a verb,
            return token.pos_ in ("NOUN", "ADJ") or (  # and a capitalised title as a name ('UN Special Envoy X')
                token.lower_ in self.titles or token.lower_ in self.title_qualifiers
            )

        while i >= 0 and len(words) < 5 and role_word(doc[i]) and not (i < len(index) and index[i]):
            words.append(doc[i])
            i -= 1
        if i >= 0 and doc[i].text in ("'s", "’s", "'", "’"):
            i -= 1
        phrase = [w.lower_ for w in reversed(words)]
        # 'chief executive' leads; 'chief economist', 'head coach' serve under whoever leads
        leads = " ".join(phrase) in self.leadership or (bool(phrase) and phrase[-1] in self.portfolio_titles) or (
            len(phrase) > 1 and phrase[0] in self.leadership and phrase[-1] in self.leadership
        )  # 'Interior Secretary X' heads a department (control)
        start = i
        while start > 0 and start - 1 < len(index) and index[start - 1] and index[start - 1] == index[i]:
            start -= 1
        if start > 0 and doc[start - 1].lower_ in FORMER:
            return []  # 'former Y chief economist X'
        if words and (words[0].pos_ in ("NOUN", "VERB") or words[0].is_upper or words[0].lower_ in self.titles) and not leads and (
            0 <= i < len(index) and index[i]
        ):
            return [(index[i], words[0])]
        return []

    def _appointer(self, doc: Doc, role: Token) -> str | None:
        """'The Hawks named X their new coach': the organisation naming X to a post of its own."""
        if not any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in role.children):
            return None
        return self._typed(doc, next((c for c in role.head.children if c.dep_ == "nsubj"), None), ("ORG",))

    def _role_organisation(self, doc: Doc, role: Token) -> str | None:
        """The organisation a role noun names beside it: its possessive or compound name ("Norda's
        director", 'a Hawks tackle'), else the object of 'at / with / for / from / of', or one level
        further when that object is a part of it ('director of sales for Norda')."""
        named = next((c for c in role.children if c.dep_ in ("compound", "poss") and c.pos_ == "PROPN"), None)
        if named is not None and (organisation := self._own_entity(doc, named)):
            return organisation
        for noun in prep_objects(role, AFFILIATION_PREPS):
            if organisation := self._organisation_in(doc, noun):
                return organisation
            if noun.pos_ == "NOUN":
                inner = (self._own_entity(doc, n) for n in prep_objects(noun, AFFILIATION_PREPS))
                if organisation := next(filter(None, inner), None):
                    return organisation
        return None

    def _organisation_in(self, doc: Doc, noun: Token) -> str | None:
        """The entity a prepositional object names: its own words, or the name a kind noun is given
        ('at software vendor Norda', 'with the bank Kori Finance')."""
        kind = noun.pos_ == "NOUN" and noun.lemma_.lower() in self.descriptors
        return self._own_entity(doc, noun) or (self._named_by(doc, noun) if kind else None)

    @staticmethod
    def _own_entity(doc: Doc, token: Token) -> str | None:
        """The entity a noun phrase's own words name, up to its head ("Iran's Red Crescent agency"), not
        one in a phrase hanging after it."""
        return entity_id_for(doc, token.left_edge.i, token.i + 1, prefer_last=True)

    def _portfolio_body(self, doc: Doc, span: Span) -> tuple[str, Token] | None:
        """'Interior Minister X', 'Treasury Secretary Y': the ministry or department the text names
        ('the Interior Ministry', 'the Department of the Treasury') is the one X leads."""
        if span.start < 2 or doc[span.start - 1].lower_ not in self.portfolio_titles:
            return None
        portfolio = doc[span.start - 2]
        if not portfolio.text[:1].isupper():
            return None
        for entity in self._entities.values():
            name = entity["name"].lower()
            if entity["type"] == "ORG" and name != portfolio.lower_ and organisation_key(name) == portfolio.lower_:
                return entity["id"], portfolio
        return None

    # ---- entities -------------------------------------------------------------------------------
    def _entity(self, doc: Doc, token: Token | None) -> dict | None:
        """The entity a token names, or its appositive names ('the group's leader, Tom Baird'); a
        pronoun stands for the speaker of the quote it is in ('I', 'we') or for the nearest fitting
        party named before it ('it', 'he', 'she')."""
        entity = self._by_id(self._link(doc, token))
        if entity is None and token is not None:
            appos = next((c for c in token.children if c.dep_ == "appos"), None)
            entity = self._by_id(self._link(doc, appos))
        if entity is None and token is not None and token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
            return self._entity(doc, token.head.head)  # 'a group that bought X': the group
        if entity is None and token is not None and token.pos_ == "PRON":
            entity = self._by_id(self._pronoun_referent(doc, token))
        if entity is None and token is not None and token.pos_ == "NOUN":
            entity = self._by_id(self._described_before(token) or self._event_role_before(doc, token))
        if entity is None and token is not None:
            entity = self._by_id(described_person(doc, token))  # 'the Foreign Secretary
        if entity is None and token is not None and token.dep_ in ("dobj", "obj") and token.pos_ == "NOUN" and (
            token.head.lemma_.lower() in LEADING_VERBS
        ):  # 'X led a consortium that ...': an unnamed body stands for the party leading it
            leader = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
            entity = self._entity(doc, leader) if leader is not None else None
        if entity is None and token is not None and token.lemma_.lower() in self.force_nouns:
            owner = next((c for c in token.children if c.dep_ == "poss"), None) or first(
                prep_objects(token, ("of", "from"))
            )  # 'their fighters', 'the rebels of X', 'fighters from X'
            if owner is not None:
                entity = self._by_id(self._link(doc, owner)) or (
                    self._by_id(self._pronoun_referent(doc, owner)) if owner.pos_ == "PRON" else None
                )
        return entity

    def _descriptions(self, doc: Doc) -> list[tuple[int, str, str]]:
        """(token index, noun, entity id) for each organisation a noun describes: 'X, a consortium',
        'the carmaker X'; 'the consortium' later in the text stands for the latest X so described."""
        described = []
        for entity in self._entities.values():
            for mention in entity["mentions"]:
                span = doc.char_span(mention["start"], mention["end"], alignment_mode="expand")
                if span is None:
                    continue
                nouns = appositive_nouns(span.root)
                if span.start > 0 and doc[span.start - 1].pos_ == "NOUN":
                    nouns.append(doc[span.start - 1])
                described += [(span.start, n.lemma_.lower(), entity["id"]) for n in nouns]
        return sorted(t for t in described if t[1] in self.descriptors)

    def _described_before(self, noun: Token) -> str | None:
        """'the consortium': the latest organisation described by that noun before it."""
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
            return None
        lemma = noun.lemma_.lower()
        found = [entity for index, word, entity in self._described if word == lemma and index < noun.i]
        return found[-1] if found else None

    def _event_role_before(self, doc: Doc, noun: Token) -> str | None:
        """'the victim', 'the suspect', 'the gunman': the one person the events told before the noun give
        that part (the one attacked, arrested, the one who attacked). Two such people: no one."""
        role = self.event_role_nouns.get(noun.lemma_.lower())
        if role is None or not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
            return None
        before = [e for e in doc._.events or [] if e["type"] in role["types"] and e["start"] < noun.idx]
        people = self._people_in_part(doc, before, role["role"])
        return people.pop() if len(people) == 1 else None

    def _people_in_part(self, doc: Doc, events: list[dict], part: str) -> set[str]:
        """The people `events` give `part` ('actor' or 'target'), with the people named in coordination
        with them, whom an event keeps no record of ('arrested X and Y': Y too)."""
        people: set[str] = set()
        for event in events:
            if (self._by_id(event[part]) or {}).get("type") == "PERSON":
                people |= {event[part], *self._conjoined_people(doc, event, event[part])}
        return people

    def _conjoined_people(self, doc: Doc, event: dict, person: str) -> set[str]:
        """The people named in coordination with `person` in the event's sentence ('X and Y')."""
        index = doc._.token_entity or []
        sentence = doc.char_span(event["start"], event["end"], alignment_mode="expand") or []
        others = set()
        for token in sentence:
            if token.i < len(index) and index[token.i] == person:
                for conjunct in token.conjuncts:
                    other = index[conjunct.i] if conjunct.i < len(index) else None
                    if other and other != person and (self._by_id(other) or {}).get("type") == "PERSON":
                        others.add(other)
        return others

    def _pronoun_referent(self, doc: Doc, pronoun: Token) -> str | None:
        word = pronoun.lower_
        if word in ("i", "we", "me", "us", "our", "my"):
            for quote in doc._.quotes or []:
                if quote["start"] <= pronoun.idx < quote["end"]:
                    plural = word in ("we", "us", "our")
                    return (self._affiliation(doc, quote["speaker"]) if plural else None) or quote["speaker"]
            return None
        if word in ("it", "its"):  # one body, not a plural group ('Republicans')
            return self._nearest_party_before(doc, pronoun, wanted=("ORG", "OTHER"), singular=True)
        if word == "their":
            return self._nearest_party_before(doc, pronoun, wanted=("ORG", "OTHER"))
        return self.pronoun_antecedent(doc, pronoun)

    def _typed(self, doc: Doc, token: Token | None, types: tuple[str, ...]) -> str | None:
        entity = self._entity(doc, token)
        return entity["id"] if entity and entity["type"] in types else None

    def _party(self, doc: Doc, token: Token | None) -> str | None:
        """A person, an organisation, or a country acting as one ('Sudan bombed')."""
        entity = self._entity(doc, token)
        if entity is None:
            return None
        if entity["type"] in PARTIES or self._is_country(entity):
            return entity["id"]
        return None

    @staticmethod
    def _is_country(entity: dict) -> bool:
        return (entity.get("geo") or {}).get("feature") == "country"

    # ---- the relation record --------------------------------------------------------------------
    def _record(
        self, doc: Doc, token: Token, subject: str, predicate: str, obj: str, cue: str, published: str | None
    ) -> dict:
        sent = token.sent
        source, source_text = self._attribution(doc, token)
        if source is None:
            source, source_text = self._reported_by(doc, token)
        date, _ = self._date(doc, token, sent, published)
        standing = self._standing_role(token) or cue == PLACED_IN
        anchor = self._modal_anchor(token)
        hypothetical, future = (False, False) if standing else self._modality(anchor, sent)
        return {
            "subject": subject,
            "predicate": predicate,
            "object": obj,
            "start": sent.start_char,
            "end": sent.end_char,
            "evidence": "text",
            "cue": cue,
            "negated": self._negated(token) if token.pos_ in ("VERB", "AUX") else False,
            "lost": predicate == "controls" and (cue in self.losing_verbs or cue in ENDED_HOLDINGS),  # held no more
            "hypothetical": hypothetical,
            "future": future,
            "pending": predicate == "controls" and not standing and self._pending(anchor, sent),
            "attributed_to": source,
            "attributed_text": source_text,
            "date": date,
            "sentence": sent.text,
        }

    def _pending(self, anchor: Token, sent: Span) -> bool:
        """A taking that is agreed, planned or announced but not yet done ('agreed to buy Y', 'plans to
        acquire Y', 'will take over Y'): committed to, unlike 'could buy', 'is considering buying' or 'if it
        buys'."""
        if sent.text.rstrip().endswith("?"):
            return False
        heads = self._hedging_heads(anchor)
        if heads is None or any(head not in self.pending_heads for head in heads):
            return False
        return bool(heads) or self._will(anchor)

    @staticmethod
    def _modal_anchor(token: Token) -> Token:
        """The word whose modality a cue takes: a noun that is the object of a verb takes the verb's ('could
        form a partnership' is as hypothetical as 'could'); one owned by a possessive is presupposed ('will
        figure in X's acquisition of Y' does not make the acquisition future)."""
        if (
            token.pos_ == "NOUN"
            and token.dep_ in ("dobj", "obj", "oprd", "attr")
            and not any(c.dep_ == "poss" for c in token.children)
        ):
            return token.head
        if token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ == "as" and (
            token.head.head.pos_ in ("VERB", "AUX")
        ):
            return token.head.head  # 'will name X as chief executive': the post is as future as the naming
        return token

    def _fronted_place(self, doc: Doc, verb: Token) -> Iterator[tuple]:
        """'In Y, X has made progress', 'In Y the X front retook two towns': a place set before the clause
        says where its organisation subject acts."""
        fronted = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in" and c.i < verb.i]
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not fronted or not subjects or fronted[0].i > subjects[0].i:
            return
        organisation = self._typed(doc, subjects[0], ("ORG",))
        place = self._place_named(doc, first([c for c in fronted[0].children if c.dep_ == "pobj"]))
        if organisation and place:
            yield organisation, "located_in", place, "in"

    def _organisation_in_place(self, doc: Doc, name: Token) -> Iterator[tuple]:
        """'strikes on X in Y', 'X in Y and Z has lost ground', 'the X University in Y': an organisation's
        name the parser gives an 'in' phrase of a place is there, whatever the clause does with it."""
        if name.pos_ != "PROPN" or name.dep_ == "compound":
            return
        organisation = entity_id_for(doc, name.i, name.i + 1)
        if organisation is None or (self._by_id(organisation) or {}).get("type") != "ORG":
            return
        for phrase in self._with_conjuncts(prep_objects(name, ("in",))):
            if place := self._place_named(doc, phrase):
                yield organisation, "located_in", place, PLACED_IN

    def _standing_role(self, token: Token) -> bool:
        """A role noun owned by a possessive or set beside a name ('Y, its rival', "X's lawyer Y") states a
        standing relation: the modality of the clause around it ('would help Norda compete with Y, its
        rival') does not reach it."""
        if token.lemma_.lower() not in self.role_nouns or token.pos_ not in ("NOUN", "PROPN", "ADJ"):
            return False
        owned = any(c.dep_ == "poss" for c in token.children) or (
            token.dep_ == "amod" and any(c.dep_ == "poss" for c in token.head.children)
        )
        return owned and (token.dep_ in ("appos", "amod") or any(c.dep_ == "appos" for c in token.children))

    def _reported_by(self, doc: Doc, token: Token) -> tuple[str | None, str | None]:
        """'X did Y, the army said' / 'the army said X did Y': the speaker of the reporting verb."""
        for node in self._chain(token):
            reporters = [node] if node.lemma_.lower() in self.speech_verbs and node is not token else []
            reporters += [
                c for c in node.children
                if c.dep_ in ("parataxis", "ccomp", "advcl") and c.lemma_.lower() in self.speech_verbs
                and c is not token
            ]
            for reporter in reporters:
                speaker = next((c for c in reporter.children if c.dep_ == "nsubj"), None)
                speaker_id = self._link(doc, speaker)
                if speaker is not None:
                    return speaker_id, self._phrase(speaker)
        return None, None


@Language.factory(
    "newsgraph_stances",
    default_config={"patterns_file": "event_patterns.json", "cues_file": "situation_cues.json"},
)
def make_stances(nlp: Language, name: str, patterns_file: str, cues_file: str) -> StanceExtractor:
    return StanceExtractor(load_data(patterns_file), load_data(cues_file))
