"""Event component: PLOVER-coded events with actor, target, location, date, negation and modality.

Triggers come from the dictionary in data/event_patterns.json (verbs, verb+object, verb+particle and
event nouns); arguments come from the dependency parse and link to entity ids."""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.nlp.dates import counts_from_story, resolve_date, shift_from
from newsgraph.nlp.extensions import entity_by_id, entity_id_for
from newsgraph.nlp.names import load_data, name_tokens, organisation_cues, title_words
from newsgraph.nlp.titles import described_person

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
OBJECTS = ("dobj", "obj", "attr")
# where someone or something stands ('a car near X'); not 'into', 'on', 'over', which also name a topic
# ('an investigation into X', 'a report on Y')
STANDING_PREPS = ("in", "near", "at", "outside", "around", "inside", "across")
DOER_PREPS = frozenset(["of", "with", "for", "to"])  # 'accused of', 'charged with', 'arrested for', 'confessed to'
TIME_SPANS = frozenset(["minute", "hour", "day", "week", "month", "year", "decade"])
LOCATION_PREPS = ("in", "near", "at", "outside", "around", "across", "inside", "into", "across", "over", "on")
TARGET_PREPS = ("on", "against", "at", "into", "upon", "from")
ADJUNCT_DEPS = ("advcl", "conj", "parataxis")  # clauses beside a negating verb, which it does not deny
FINITE_TAGS = frozenset(["VBZ", "VBD", "VBP", "MD"])  # a tensed auxiliary: 'is', 'was', 'does', 'will'
ATTEMPT_HEADS = frozenset(["attempt", "try"])  # not attempting an act entails not doing it
FRIENDLY_TYPES = frozenset(["SUPPORT", "AGREE", "AID", "COOPERATE", "CONSULT"])  # acts that side with their target
CLIMB_DEPS = ("xcomp", "ccomp", "acomp", "advcl", "conj", "pcomp", "prep", "aux", "auxpass", "relcl")
PRESUPPOSING_MARKS = frozenset(["when", "while", "after", "before", "as", "since", "because", "although", "though", "once", "whereas"])
# 'will' and 'shall' assert what is to happen (MEANTIME and FactBank rate 'X will cut jobs' certain):
# such events are `future`, not `hypothetical`; the other modals hedge.
WISHING_VERBS = frozenset(["like", "love", "prefer", "hate", "rather"])  # 'would like to': a wish
UNASSERTING_REPORTS = frozenset(["forecast", "predict", "suggest", "warn", "caution", "ask", "urge", "demand", "plead"])
MODALS = frozenset(["would", "could", "may", "might", "should", "must", "can"])
FUTURE_AUX = frozenset(["will", "shall", "'ll", "wo"])
CONDITION_MARKS = frozenset(["if", "unless"])
LINKING_VERBS = frozenset(["remain", "stay", "be", "seem", "appear", "get", "become", "lie", "sit"])
# personal pronouns a participant may be, and the entity types they can stand for ('it' is left out:
# it stands for a car, a bomb or a plan as often as for a party)
PRONOUN_TYPES = {
    "he": ("PERSON",), "him": ("PERSON",), "she": ("PERSON",), "her": ("PERSON",),
    "they": ("ORG", "OTHER"), "them": ("ORG", "OTHER"),
}


def stative_passive(verb: Token) -> bool:
    """'X remains jailed', 'Y stayed detained': a participle after a linking verb is a passive."""
    return verb.tag_ == "VBN" and verb.dep_ in ("acomp", "oprd", "xcomp") and verb.head.lemma_.lower() in LINKING_VERBS


def passive_subjects(verb: Token) -> list[Token]:
    """Who undergoes a passive verb: its passive subject, or the subject the parser hangs on its auxiliary
    ('X remains hospitalized') or on the linking verb before it ('X remains jailed')."""
    found = [c for c in verb.children if c.dep_ == "nsubjpass"]
    found = found or [s for a in verb.children if a.dep_ == "auxpass" for s in a.children if s.dep_ == "nsubj"]
    if not found and stative_passive(verb):
        found = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not found and reduced_passive(verb):
        found = [participle_noun(verb)]  # 'X, shot by police, died': X
    if not found and (undergoer := passive_without_auxiliary(verb)) is not None:
        found = [undergoer]
    if not found and coordinated_passive(verb):
        found = passive_subjects(verb.head)  # 'X was shot and killed': X, for both
    if not found and (clause := governing_clause(verb)) is not None:
        found = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")][:1]
    return found


def governing_clause(verb: Token) -> Token | None:
    """The clause whose subject a subjectless passive participle clause shares: 'X died after being shot'
    (after + being shot), 'X, having been arrested twice, ...' (X)."""
    if not any(c.dep_ == "auxpass" for c in verb.children) or any(c.dep_ in SUBJECTS for c in verb.children):
        return None
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
        return verb.head.head
    return verb.head if verb.dep_ == "advcl" and verb.tag_ in ("VBN", "VBG") else None


def coordinated_passive(verb: Token) -> bool:
    """'X was shot and killed', 'Y was arrested and charged': a participle coordinated with a passive verb,
    with no subject or auxiliary of its own, shares that passive."""
    return (
        verb.dep_ == "conj"
        and verb.tag_ == "VBN"
        and not any(c.dep_ in SUBJECTS or c.dep_ in ("aux", "auxpass") for c in verb.children)
        and any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.head.children)
    )


@lru_cache(maxsize=1)
def passive_only_verbs() -> tuple[frozenset[str], frozenset[str]]:
    """Verbs a headline passive can be: those never without their object, those only with a charge."""
    patterns = load_data("event_patterns.json")
    return frozenset(patterns["object_verbs"]), frozenset(patterns["charged_passive_verbs"])


def headline_passive(verb: Token) -> bool:
    return passive_without_auxiliary(verb) is not None


def passive_without_auxiliary(verb: Token) -> Token | None:
    """Who underwent a passive written without its auxiliary, the parser reading it as an active verb.
    Headlines and terse copy drop the 'was' ('Journalist arrested at airport', 'Two soldiers killed, five
    injured in ambush'); a participle set after a name ('... involving X, arrested on Monday in Y') is
    hung on the main clause as a second verb or on an earlier noun ('the case of X, arrested ...'); 'a
    woman killed in the crash' has no agent. Only a verb that never stands without its object counts, with
    no auxiliary and no object of its own or of a verb coordinated with it ('police arrested and charged
    him' is active; so is 'the man police arrested', whose object is the noun the clause describes); verbs
    of charging count with the charge ('X accused of fraud'). A headline's subject must be a name or a
    noun, not a pronoun."""
    if verb.tag_ not in ("VBD", "VBN") or verb.dep_ not in ("ROOT", "ccomp", "conj", "parataxis", "acl"):
        return None
    if verb.dep_ == "acl" and verb.tag_ != "VBN":
        return None
    always, charged = passive_only_verbs()
    lemma = verb.lemma_.lower()
    if lemma not in always and not (
        lemma in charged and any(c.dep_ == "prep" and c.lower_ in ("of", "with", "for") for c in verb.children)
    ):
        return None
    if any(c.dep_ in ("aux", "auxpass", "dobj", "obj", "dative", "attr", "ccomp", "xcomp") for c in verb.children):
        return None
    if any(
        c.dep_ == "conj" and any(g.dep_ in ("dobj", "obj") for g in c.children)
        and not any(g.dep_ in SUBJECTS for g in c.children)
        for c in verb.children
    ):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None:
        return subject if subject.pos_ != "PRON" else None
    doc = verb.doc
    if verb.dep_ in ("conj", "acl") and verb.i >= 2 and doc[verb.i - 1].text == ",":
        named = doc[verb.i - 2]  # the noun phrase right before the comma: '..., X, arrested on Monday'
        if named.dep_ != "compound" and (named.pos_ == "NOUN" or named.ent_type_ == "PERSON"):
            return named
    return participle_noun(verb) if verb.dep_ == "acl" else None  # 'a woman killed in the crash'


def participle_noun(verb: Token) -> Token:
    """The noun a participle describes: the parser's head, unless the participle is set off by a comma
    right after a name that the head reaches through a preposition other than 'of' ('the agreement between
    X, led by Y, and Z': X is led, not the agreement; 'the mayor of X, shot on Monday': the mayor)."""
    head = verb.head
    if verb.i < 2 or verb.doc[verb.i - 1].text != ",":
        return head
    named = next((e for e in verb.doc.ents if e.end == verb.i - 1), None)
    node = named.root if named is not None else None
    while node is not None and node.dep_ == "pobj" and node.head.dep_ == "prep":
        preposition = node.head
        if preposition.head.i == head.i:
            return head if preposition.lower_ == "of" else named.root
        node = preposition.head
    return head


def prep_objects(token: Token | None, preps: tuple[str, ...] | list[str] | None = None) -> list[Token]:
    """The objects of a token's prepositions ('of Goma' in 'the airport of Goma'), of `preps` only if given;
    'to' read as a dative ('sold X to Y') counts."""
    if token is None:
        return []
    return [
        g for c in token.children if c.dep_ in ("prep", "dative") and (preps is None or c.lower_ in preps)
        for g in c.children if g.dep_ == "pobj"
    ]


def fought_inside(doc: Doc, phrase: Token | None, entity_id: str | None) -> bool:
    """Whether the entity a participant's phrase was read as is named only inside an 'against' phrase
    within it ('backs the war against X': X is the one fought, not the one backed)."""
    if phrase is None or entity_id is None:
        return False
    if entity_id_for(doc, phrase.left_edge.i, phrase.i + 1, prefer_last=True) == entity_id:
        return False
    index = doc._.token_entity or []
    return any(
        t.lower_ == "against" and any(index[i] == entity_id for i in range(t.i, min(t.right_edge.i + 1, len(index))))
        for t in phrase.subtree
    )


def passive_agents(verb: Token) -> list[Token]:
    """Who does a passive verb's act: the objects of its 'by' agent phrase ('was shot by police'), which
    coordinated passives share ('was shot and killed by police')."""
    found = _agent_objects(verb)
    if not found and coordinated_passive(verb):
        found = _agent_objects(verb.head)
    if not found:
        found = [
            g for partner in verb.children if partner.dep_ == "conj" and coordinated_passive(partner)
            for g in _agent_objects(partner)
        ]
    return found


def _agent_objects(verb: Token) -> list[Token]:
    return [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def reduced_passive(verb: Token) -> bool:
    """'X, shot by police on Sunday, died': a past participle with its agent, modifying the one it befell."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children)


def scoring_pass(verb: Token, passing_verbs: frozenset[str], score_nouns: frozenset[str]) -> bool:
    """'hit X for a touchdown', 'found X for the score': a passing verb whose 'for' phrase names a score."""
    return verb.lemma_.lower() in passing_verbs and any(
        g.lemma_.lower() in score_nouns
        for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"
        for g in c.children if g.dep_ == "pobj"
    )


def is_infinitive(verb: Token) -> bool:
    """'to sell', 'to cut': a verb with its infinitive marker."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def mark_main_events(doc: Doc, events: list[dict]) -> None:
    """Each sentence's main event (`main`): the one whose trigger stands highest in the parse (nearest the
    root), asserted before hedged, then the first. A headline or timeline shows it; a sentence-level coder
    such as PLOVER's gold records codes only it."""
    def rank(event: dict) -> tuple:
        token = doc.char_span(event["trigger"]["start"], event["trigger"]["end"], alignment_mode="expand")
        depth = 0
        if token is not None:
            node = token.root
            while node.head.i != node.i:
                node, depth = node.head, depth + 1
        return depth, event["hypothetical"], event["trigger"]["start"]

    ranks = [rank(event) for event in events]
    best: dict[int, tuple] = {}
    for event, ranked in zip(events, ranks, strict=True):
        best[event["start"]] = min(best.get(event["start"], ranked), ranked)
    for event, ranked in zip(events, ranks, strict=True):
        event["main"] = ranked == best[event["start"]]


class EventExtractor:
    def __init__(self, patterns: dict) -> None:
        self.verbs = patterns["verbs"]
        self.verb_objects = patterns["verb_objects"]
        self.verb_particles = patterns["verb_particles"]
        self.nouns = patterns["nouns"]
        self.suicide_cues = tuple(patterns["suicide_cues"])
        self.negation_heads = frozenset(patterns["negation_heads"])
        self.hypothetical_heads = frozenset(patterns["hypothetical_heads"])
        self.intention_heads = frozenset(patterns["intention_heads"])
        self.negators = frozenset(patterns["negators"])
        self.instruments = frozenset(patterns["instrument_objects"])
        self.non_participants = frozenset(patterns["non_participant_objects"])
        self.score_nouns = frozenset(patterns["score_nouns"])
        self.passing_verbs = frozenset(patterns["passing_verbs"])
        self.recipient_preps = tuple(patterns["recipient_preps"])
        self.speech_threats = frozenset(patterns["speech_threat_verbs"])
        self.non_date_preps = frozenset(patterns["non_date_preps"])
        self.of_target_nouns = frozenset(patterns["of_target_nouns"])
        self.untargeted = frozenset(patterns["types_without_target"])
        self.event_noun_preps = frozenset(patterns["event_noun_preps"])
        self.xcomp_target_types = frozenset(patterns["xcomp_target_types"])
        self.verb_prep_objects = {k: v for k, v in patterns["verb_prep_objects"].items() if not k.startswith("_")}
        self.victim_verbs = frozenset(patterns["victim_verbs"])
        self.party_object_verbs = frozenset(patterns["party_object_verbs"])
        self.charging_verbs = frozenset(patterns["charging_verbs"])
        self.number_words = {k: v for k, v in patterns["number_words"].items() if not k.startswith("_")}
        intent = patterns["intent"]
        self.intent_heads = frozenset(intent["heads"])
        self.cooperative = frozenset(intent["cooperative"])
        self.hostile = frozenset(intent["hostile"])
        self.threat_heads = frozenset(intent["threat_heads"])
        self.ultimatum_marks = frozenset(intent["ultimatum_marks"])
        self.deontic_modals = frozenset(patterns["deontic_modals"])
        self.reporting_verbs = frozenset(load_data("speech.json")["cue_verbs"])
        # words for a participant that can take part in force: people, forces, weapons, titles
        self.participant_words = (
            frozenset(patterns["animate_nouns"]) | frozenset(patterns["weapon_nouns"]) | title_words()
        )

    def __call__(self, doc: Doc) -> Doc:
        published = (doc._.document or {}).get("published")
        coded = [(token, code) for token in doc if (code := self._code(token)) is not None]
        intents = {token.i: self._intent(token, code[0]) for token, code in coded}
        # a word that announces a coded act ('vowed to strike') is coded by the announcement, below
        heads = {head.i for i, head in intents.items() if head is not None and head.i != i}
        events: list[dict] = []
        for token, (event_type, mode) in coded:
            if token.i in heads and token.lemma_.lower() in self.intent_heads:
                continue
            built = self._build(doc, token, event_type, mode, published)
            events.extend(built)
            if intents[token.i] is not None:
                events.extend(self._announcements(built, token, intents[token.i]))
        for token in doc:
            if (demand := self._demand(token)) is not None:
                events.extend(self._build(doc, token, "REQUEST", None, published, demand=demand))
        mark_main_events(doc, events)
        doc._.events = events
        return doc

    # ---- triggers ----------------------------------------------------------------------------
    def _code(self, token: Token) -> tuple[str, str | None] | None:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and token.dep_ == "amod":  # 'besieged families' describes, it reports no act
            return None
        if token.pos_ == "VERB" and self._manner_clause(token):  # 'as promised', 'as agreed': how, not an act
            return None
        if token.pos_ == "VERB":
            if token.i >= 2 and token.doc[token.i - 1].text == "-":  # 'lathi-charged', 'baton-charged'
                hit = self.verbs.get(f"{token.doc[token.i - 2].lower_}-{lemma}")
                if hit:
                    return tuple(hit)
            objects = self.verb_objects.get(lemma, {})
            for child in token.children:  # the object named first: 'withdrew its observers from X'
                if child.dep_ in OBJECTS:
                    for word in self._object_words(child):
                        if word in objects:
                            return tuple(objects[word])
            for child in token.children:
                if child.dep_ in ("prt", "prep") and (hit := self._phrase_code(lemma, child)):
                    return tuple(hit)
            if objects and lemma not in self.verbs:
                return None
            hit = self.verbs.get(lemma)
            if hit and lemma in self.speech_threats and not self._threat_not_comment(token):
                return None
            if hit and not (lemma == "take" and not self._has_place_object(token)):
                return tuple(hit)
            return None
        if token.pos_ in ("NOUN", "PROPN") and (key := self._noun_key(token)) and self._free_event_noun(token):
            return tuple(self.nouns[key])
        return None

    @staticmethod
    def _manner_clause(verb: Token) -> bool:
        """A bare 'as' clause with no subject of its own ('did not release them as promised', 'withdrew as
        agreed') says how the main act compares with another, told elsewhere."""
        return (
            verb.dep_ == "advcl"
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
            and not any(c.dep_ in SUBJECTS for c in verb.children)
        )

    def _noun_key(self, token: Token) -> str | None:
        """The event noun a token heads, with the word before it when the two name the event together
        ('hunger strike', 'air strike': 'strike' alone is too many things)."""
        before = token.doc[token.i - 1] if token.i else None
        if before is not None and before.head.i == token.i and before.dep_ in ("compound", "amod"):
            pair = f"{before.lower_} {token.lemma_.lower()}"
            if pair in self.nouns:
                return pair
        lemma = token.lemma_.lower()
        return lemma if lemma in self.nouns else None

    @staticmethod
    def _object_words(obj: Token) -> list[str]:
        """The words an object is named by: its own lemma, the nouns compounded to it ('ended mediation
        efforts', 'undertook a mediation mission'), and for an amount what it is an amount of ('gave five
        million dollars of aid')."""
        words = [obj.lemma_.lower()]
        words += [c.lemma_.lower() for c in obj.children if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")]
        if obj.like_num or obj.ent_type_ in ("MONEY", "QUANTITY", "CARDINAL"):
            words += [g.lemma_.lower() for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj"]
        return words

    def _phrase_code(self, lemma: str, particle: Token) -> list | None:
        """A verb with its particle ('pick up', 'call for'), or with the particle's object too ('take
        into custody'). A preposition opening a time phrase is no particle ('called her on Monday')."""
        if particle.dep_ == "prep" and any(
            g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in particle.children
        ):
            return None
        hit = self.verb_particles.get(f"{lemma} {particle.lower_}")
        if hit:
            return hit
        for obj in (g for g in particle.children if g.dep_ == "pobj"):
            if hit := self.verb_prep_objects.get(f"{lemma} {particle.lower_} {obj.lemma_.lower()}"):
                return hit
        return None

    def _free_event_noun(self, token: Token) -> bool:
        """An event noun codes its own event unless its verb already codes it ('launched an attack')."""
        if token.dep_ in ("nsubj", "nsubjpass"):
            return True
        if token.dep_ == "pobj":  # 'after weeks of protests', not 'agreed to a truce' (the verb codes it)
            if token.head.lower_ == "on":  # 'arrived on a visit', not 'a blackout on the withdrawal'
                return token.head.head.pos_ in ("VERB", "AUX")
            if token.head.lower_ in DOER_PREPS and token.head.head.lemma_.lower() in self.charging_verbs:
                return True  # 'charged with the murder of Y': the act charged
            if token.head.lower_ == "by":  # 'angered by the shooting of X', not 'was hit by an airstrike'
                return self._code(token.head.head) is None
            return token.head.lower_ in self.event_noun_preps
        if token.dep_ in OBJECTS:
            head = token.head.lemma_.lower()
            return token.lemma_.lower() not in self.verb_objects.get(head, {}) and head not in self.verbs
        return False

    @staticmethod
    def _threat_not_comment(verb: Token) -> bool:
        """'X warned that it would strike' threatens; 'analysts warned that fighters could attack' only
        comments: with a that-clause, the clause's subject must be the warner (or a pronoun for it)."""
        clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if clause is None or any(c.dep_ in ("xcomp", "dobj") for c in verb.children):
            return True
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        warner = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or warner is None:
            return False
        return subject.pos_ == "PRON" or subject.lemma_.lower() == warner.lemma_.lower()

    @staticmethod
    def _has_place_object(token: Token) -> bool:
        """'take' codes a seizure only with a place or a named object ('took the town'), not 'took time'."""
        doc = token.doc
        for child in token.children:
            if child.dep_ in OBJECTS:
                entity = entity_by_id(
                    doc, entity_id_for(doc, child.left_edge.i, child.i + 1, prefer_last=True)
                )
                if (entity and entity["type"] == "PLACE") or child.lemma_ in (
                    "town",
                    "city",
                    "village",
                    "base",
                    "airport",
                    "control",
                    "hill",
                    "district",
                ):
                    return True
        return False

    # ---- arguments ---------------------------------------------------------------------------
    def _build(
        self,
        doc: Doc,
        verb: Token,
        event_type: str,
        mode: str | None,
        published: str | None,
        demand: tuple[Token, Token] | None = None,
    ) -> list[dict]:
        sent = verb.sent
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or stative_passive(verb) or (
            reduced_passive(verb) or headline_passive(verb) or coordinated_passive(verb)
        )
        actors = self._actors(verb, passive)
        target_token = self._target(verb, passive)
        if demand is not None:
            actors, target_token = [demand[0]], demand[1]
        elif verb.pos_ in ("NOUN", "PROPN"):
            actors, target_token = self._noun_arguments(verb)
            target_token = target_token or self._victim(verb)
        elif verb.dep_ == "acl" and not actors and (victim := self._victim(verb.head)) is not None:
            actors, target_token = [verb.head], victim  # 'died in police firing', parsed 'police [firing]'
        if event_type in self.untargeted:
            target_token = None
        if event_type == "ASSAULT" and self._figurative(actors, target_token):
            return []  # 'the film hit theatres', 'pesticides killed the crop'
        if event_type == "ASSAULT" and scoring_pass(verb, self.passing_verbs, self.score_nouns):
            return []  # 'hit X for a seven-yard touchdown': a pass to a teammate
        if event_type == "PROTEST" and verb.pos_ == "VERB" and target_token is not None and target_token.dep_ in OBJECTS and (
            target_token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or target_token.pos_ == "PRON"
        ):
            return []  # 'marched his team downfield', 'rallied the troops': no protest
        if mode == "release" and target_token is not None and not self._animate(target_token, own_phrase=True):
            return []  # 'released the hostages' yields; 'released a statement / a patch / its figures' does not
        if verb.lemma_.lower() in self.party_object_verbs and not (
            target_token is not None and self._animate(target_token, own_phrase=True)
        ):
            return []  # 'abused the prisoners' is an assault, 'abused his power' is not
        if mode == "arrest" and self._by_particle(verb) and not (target_token is not None and self._animate(target_token)):
            return []  # 'picked up three students' is an arrest, 'picked up the phone' is not
        if mode == "seize" and target_token is None and verb.pos_ == "VERB":
            return []  # a seizure takes something: 'took over as chief', 'before he took over' take office
        if (
            mode is None
            and event_type == "ASSAULT"
            and any(c in sent.text.lower() for c in self.suicide_cues)
        ):
            mode = "suicide-attack"
        location = self._location(doc, verb, sent)
        negated = self._negated(verb)
        hypothetical, will = self._modality(verb, sent)
        future = (hypothetical or will) and not sent.text.rstrip().endswith("?")  # planned, threatened: ahead
        # a past act's bare 'June 3' is the last one; a planned act's the next; else the nearest
        tense = True if future else (False if self._told_as_past(verb) else None)
        date, date_text = self._date(doc, verb, sent, published, future=tense)
        attributed_to, attributed_text = self._attribution(doc, verb)
        if demand is not None:  # the demand is made; its content is what is wanted
            hypothetical = will = False
        results = []
        for actor_token in actors or [None]:
            actor = self._participant(doc, actor_token, acting=True)
            if actor is None and actor_token is None and mode == "arrest":
                actor = self._story_police(doc)  # 'X was arrested': by the police the story speaks of
            target = self._participant(doc, target_token, besides=actor)
            if event_type in FRIENDLY_TYPES and fought_inside(doc, target_token, target):
                target = None  # 'backs the war against X' backs no X
            results.append(
                {
                    "type": event_type,
                    "mode": mode,
                    "actor": actor,
                    "target": target if target != actor else None,
                    "location": location,
                    "date": date,
                    "negated": negated,
                    "hypothetical": hypothetical,
                    "future": will,
                    "attributed_to": attributed_to,
                    "sentence": sent.text,
                    "start": sent.start_char,
                    "end": sent.end_char,
                    "trigger": self._trigger(verb),
                    "actor_text": self._phrase(actor_token),
                    "target_text": self._phrase(target_token),
                    "victims": self._victims(event_type, target_token),
                    "date_text": date_text,
                    "attributed_text": attributed_text,
                }
            )
        return results

    def _victims(self, event_type: str, target: Token | None) -> int | None:
        """How many people an attack killed or hurt, as the text counts them ('killed ten people', 'at
        least 12 people were killed', 'killed 7'); None for a named target or no number."""
        if event_type != "ASSAULT" or target is None or entity_id_for(target.doc, target.left_edge.i, target.i + 1):
            return None
        number = target if target.like_num else next((c for c in target.children if c.dep_ == "nummod"), None)
        if number is None:
            return None
        text = number.lower_.replace(",", "")
        if text.isdigit():
            return int(text)
        return self.number_words.get(text)

    @staticmethod
    def _trigger(token: Token) -> dict:
        return {"text": token.text, "start": token.idx, "end": token.idx + len(token), "lemma": token.lemma_.lower()}

    # ---- announced acts and demands (PLOVER codes the announcement, not the act) ------------------
    def _intent(self, verb: Token, event_type: str) -> Token | None:
        """The word that announces a cooperative or hostile act as its own actor's intention: 'will'
        ('X will withdraw'), an intention word ('ready to talk', 'vowed to strike', 'offered to mediate'),
        or a reported 'would' ('X said it would blockade'). None for a question or a plain act."""
        if verb.pos_ != "VERB" or event_type not in self.cooperative | self.hostile:
            return None
        if verb.sent.text.rstrip().endswith("?"):
            return None
        for node in self._clause_scope(verb):
            if self._asks_whether(node):
                return None  # 'unsure whether the army will attack': nothing announced
            if any(c.dep_ in ("aux", "auxpass") and c.lower_ in FUTURE_AUX for c in node.children):
                return node
            if node is not verb and node.lemma_.lower() in self.intent_heads:
                return node
            if self._reported_would(node):
                return node if self._own_report(node, verb) else None
            if node.dep_ == "advcl" and self._conditional(node):
                return None  # the condition of an announcement is not announced
        return None

    def _reported_would(self, node: Token) -> bool:
        """'X said it would ...': the 'would' of reported speech stands for 'will'."""
        return (
            node.dep_ == "ccomp"
            and node.head.lemma_.lower() in self.reporting_verbs
            and any(c.dep_ == "aux" and c.lower_ == "would" for c in node.children)
        )

    def _own_report(self, clause: Token, verb: Token) -> bool:
        """The reporter speaks for the actor: the same entity, a pronoun, or someone unnamed ('officials')."""
        doc = verb.doc
        reporter = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
        actor = next(iter(self._actors(verb, False)), None)
        if reporter is None or actor is None or actor.i == reporter.i:
            return True
        reporter_id, actor_id = self._link(doc, reporter), self._link(doc, actor)
        return reporter_id is None or actor_id is None or reporter_id == actor_id

    def _announcements(self, acts: list[dict], verb: Token, intent: Token) -> list[dict]:
        """The announcement of an act by its own actor, as PLOVER codes it ('X will withdraw' -> AGREE,
        'X vowed to strike' -> THREATEN), beside the act itself (which stays future or hypothetical); its
        `intended` names the act."""
        if not acts or acts[0]["actor_text"] is None:
            return []
        announced = self._announced_type(verb, acts[0]["type"], intent, acts[0]["negated"])
        if announced is None:
            return []
        hedged = self._hedged(intent)
        return [
            {
                **act,
                "type": announced,
                "mode": None,
                "negated": False,
                "hypothetical": hedged,
                "future": False,
                # an intention word is the announcement's own trigger; a 'will' speaks through the act
                "trigger": self._trigger(intent if intent.lemma_.lower() in self.intent_heads else verb),
                # the sentence's date is the act's ('will withdraw next month'); the announcement is dated
                # by its publication
                "date": None,
                "date_text": None,
                "intended": {
                    "type": act["type"],
                    "mode": act["mode"],
                    "negated": act["negated"],
                    "trigger": act["trigger"],
                    "date": act["date"],
                    "date_text": act["date_text"],
                },
            }
            for act in acts
        ]

    def _announced_type(self, verb: Token, event_type: str, intent: Token, negated: bool) -> str | None:
        """Announcing a cooperative act is AGREE, refusing one REJECT; announcing a hostile act, or any
        act on a condition the other side must meet ('unless'), is THREATEN."""
        conditional = any(
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in self.ultimatum_marks for m in c.children)
            for node in {verb, intent}
            for c in node.children
        )
        if intent.lemma_.lower() in self.threat_heads or (conditional and not negated):
            return "THREATEN"
        if event_type in self.cooperative:
            return "REJECT" if negated else "AGREE"
        if event_type in self.hostile and not negated:
            return "THREATEN"
        return None

    def _hedged(self, intent: Token) -> bool:
        """The announcement itself is hedged ('might be willing to'), not merely about the future."""
        if self._reported_would(intent):
            return False
        return any(
            (c.dep_ in ("aux", "auxpass") and c.lower_ in MODALS) or (c.dep_ == "mark" and c.lower_ in CONDITION_MARKS)
            for c in intent.children
        )

    def _demand(self, verb: Token) -> tuple[Token, Token] | None:
        """'X said Y must hand over the suspects': a reported obligation on someone other than the speaker
        is the speaker's demand on them (speaker, addressee)."""
        if verb.pos_ not in ("VERB", "AUX") or verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in self.reporting_verbs:
            return None
        if not any(c.dep_ == "aux" and c.lower_ in self.deontic_modals for c in verb.children):
            return None
        speaker = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        addressee = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if speaker is None or addressee is None or addressee.pos_ == "PRON" or addressee.lemma_ == speaker.lemma_:
            return None
        addressee_id = self._link(verb.doc, addressee)
        if addressee_id is None or addressee_id == self._link(verb.doc, speaker):
            return None
        return self._antecedent(speaker), addressee

    def _actors(self, verb: Token, passive: bool) -> list[Token]:
        if passive:
            return self._with_conjuncts(passive_agents(verb)[:1])
        if verb.dep_ == "pcomp" and verb.head.lower_ in DOER_PREPS and (doer := self._doer_of(verb.head.head)) is not None:
            return [doer]  # 'accused the army of killing', 'X was charged with killing Y', 'X confessed to killing Y'
        node, below = verb, verb
        for _ in range(4):  # 'failed to take', 'has not been able to seize': the subject sits higher up
            subjects = [
                c
                for c in node.children
                if c.dep_ in ("nsubj", "csubj") or (c.dep_ == "nsubjpass" and below.dep_ == "xcomp" and below is not node)
            ]  # 'X is believed to be hiding', 'X was forced to flee': the passive's subject does the infinitive
            if subjects:  # 'The hiker X died' parsed with two subjects: the name is the one meant
                subject = next((c for c in subjects if c.pos_ == "PROPN"), subjects[0])
                return self._with_conjuncts([self._antecedent(subject)])
            if node.dep_ not in ("xcomp", "conj", "acomp", "advcl") or node.head.i == node.i:
                break
            below, node = node, node.head
        return []

    @staticmethod
    def _antecedent(subject: Token) -> Token:
        """'The army denied that it had bombed': a pronoun subject stands for the subject of the clause
        that governs it. A dateline the parser made the subject ('NAIROBI, 3 March - Kenya imposed') stands
        for the name after its dash."""
        after_dash = [
            c for c in subject.children
            if c.dep_ == "appos" and c.i > subject.i
            and any(t.text in ("-", "–", "—") for t in subject.doc[c.left_edge.i - 1 : c.i])
        ]
        if subject.is_sent_start and after_dash:
            return after_dash[-1]
        if subject.pos_ != "PRON" or subject.lower_ not in ("it", "they", "he", "she", "we"):
            return subject
        node = subject.head
        while node.head.i != node.i:
            node = node.head
            higher = next((c for c in node.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)
            if higher is not None:
                return higher
        return subject

    @staticmethod
    def _with_conjuncts(tokens: list[Token]) -> list[Token]:
        """'X and Y attacked' gives one event per actor."""
        result = []
        for token in tokens:
            result.append(token)
            result.extend(c for c in token.conjuncts if c.i > token.i)
        return result

    def _target(self, verb: Token, passive: bool) -> Token | None:
        if passive:
            return next(iter(passive_subjects(verb)), None)
        direct = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
        lemma = direct.lemma_.lower() if direct is not None else ""
        made_by = self.verb_objects.get(verb.lemma_.lower(), {}).get(lemma) if direct is not None else None
        if made_by is not None:
            # an object that makes the event ('filed charges') yields to the one it is against, on the verb
            # or the object; charges are also handed down 'to X' on the verb (not a road 'to X')
            on_verb = ("against", "upon", "to") if made_by[0] == "ACCUSE" else ("against", "upon")
            against = next(
                (
                    pobj
                    for holder, words in ((verb, on_verb), (direct, ("against", "upon")))
                    for prep in holder.children
                    if prep.dep_ == "prep" and prep.lower_ in words and (pobj := self._participant_object(prep))
                ),
                None,
            )
            if against is not None:
                return against
        if direct is not None and self._condemned_attack(verb, direct):
            return self._attacker(direct)
        if direct is not None and lemma not in self.instruments | self.non_participants:
            return direct
        if direct is not None and lemma in self.of_target_nouns:  # 'took control of X'
            for prep in direct.children:
                if (
                    prep.dep_ == "prep"
                    and prep.lower_ in ("of", "on", "against")
                    and (pobj := self._participant_object(prep))
                ):
                    return pobj
        preps = self.recipient_preps if direct is not None else (*self.recipient_preps, "with", "from")
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in preps and (pobj := self._participant_object(prep)):
                return pobj
        if direct is not None:  # 'condemned the attack on the convoy'
            allowed = (
                ("of", "on", "against", "with", "between")
                if lemma in self.of_target_nouns
                else ("on", "against", "with", "between")
            )
            for prep in direct.children:
                if (
                    prep.dep_ == "prep"
                    and prep.lower_ in allowed
                    and (pobj := self._participant_object(prep))
                ):
                    return pobj
            if lemma in self.instruments:  # 'shot down 40 drones', 'handed over their weapons'
                return direct
        if direct is None and not passive:  # 'struck and killed her': the verbs share the object
            partner = next((c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"), None)
            shared = next((c for c in partner.children if c.dep_ in ("dobj", "obj")), None) if partner else None
            if shared is not None and not any(c.dep_ in ("nsubj", "nsubjpass") for c in partner.children):
                return shared
        if direct is None and not passive:  # 'allowed the rebels to leave', 'forced them to flee'
            clause = next((c for c in verb.children if c.dep_ == "ccomp" and is_infinitive(c)), None)
            subject = next((c for c in clause.children if c.dep_ == "nsubj"), None) if clause is not None else None
            if subject is not None:
                return subject
        xcomp = next((c for c in verb.children if c.dep_ == "xcomp"), None)
        if xcomp is not None and self._code(verb) and self._code(verb)[0] in self.xcomp_target_types:
            return next(
                (c for c in xcomp.children if c.dep_ in ("dobj", "obj")), None
            )  # 'threatened to kill X'
        return None

    def _condemned_attack(self, verb: Token, act: Token) -> bool:
        """'X condemned the Y attack on a market in Z', "X blamed Y's bombing": an accusation made of an
        attack is against whoever carried it out, not against its victims or its place."""
        code = self._code(verb)
        return code is not None and code[0] == "ACCUSE" and (self.nouns.get(act.lemma_.lower()) or [""])[0] == "ASSAULT"

    @staticmethod
    def _attacker(act: Token) -> Token | None:
        """Who carried out an attack told as a noun: named before it ('the Y attack', "Y's bombing") or
        as its 'by' agent."""
        doer = next((c for c in act.children if c.dep_ == "poss" or (c.dep_ == "compound" and c.pos_ == "PROPN")), None)
        return doer if doer is not None else next(iter(prep_objects(act, ("by",))), None)

    @staticmethod
    def _participant_object(prep: Token) -> Token | None:
        """The object of a preposition, unless it is a date, time or number ('on Monday')."""
        pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if pobj is None or pobj.ent_type_ in ("DATE", "TIME", "CARDINAL", "QUANTITY", "PERCENT"):
            return None
        return pobj

    def _victim(self, noun: Token) -> Token | None:
        """'A farmer died in police firing': the subject of a dying verb whose 'in' phrase is the event."""
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ != "in" or prep.head.lemma_.lower() not in self.victim_verbs:
            return None
        return next((c for c in prep.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)

    def _animate(self, token: Token, own_phrase: bool = False) -> bool:
        """A person, group, force or place taking part (named, a people noun, a personal pronoun), or a
        weapon or blast standing in for its users. With `own_phrase`, a name in a phrase after the noun
        does not count ('a patch for the X browser')."""
        doc = token.doc
        if entity_id_for(doc, token.left_edge.i, (token.i if own_phrase else token.right_edge.i) + 1):
            return True
        if token.pos_ == "PRON":
            return token.lower_ != "it"
        lemma = token.lemma_.lower()
        if token.pos_ == "NUM" or lemma in ("one", "dozen", "hundred", "thousand"):  # 'killed 20'
            return True
        # the tagger lemmatises a capitalised plural as a name ('Rebels'): try the singular too
        forms = {lemma, token.lower_, token.lower_.removesuffix("s"), token.lower_.removesuffix("es")}
        return bool(forms & self.participant_words)

    def _by_particle(self, verb: Token) -> bool:
        """Coded by a verb and its particle ('pick up'), an everyday phrase as often as an act of force."""
        lemma = verb.lemma_.lower()
        return any(f"{lemma} {c.lower_}" in self.verb_particles for c in verb.children if c.dep_ in ("prt", "prep"))

    def _figurative(self, actors: list[Token], target: Token | None) -> bool:
        """An act of force needs someone or something that fights in it: an actor that is neither, facing
        a target that is neither, is a figure of speech."""
        if not actors:
            return False
        return not any(self._animate(a) for a in actors) and not (target is not None and self._animate(target))

    @staticmethod
    def _doer_of(governing: Token) -> Token | None:
        """Who does the act a verb (or adjective) governs through 'of / with / for / to': its object ('accused
        the army of killing'), else its passive subject ('X was charged with killing', 'X is suspected of
        shooting'), else its subject ('X confessed to killing', 'X pleaded guilty to killing')."""
        node = governing.head if governing.dep_ == "acomp" else governing
        for deps in (OBJECTS, ("nsubjpass",), ("nsubj",)):
            found = next((c for c in node.children if c.dep_ in deps), None)
            if found is not None:
                return found
        return None

    def _noun_arguments(self, noun: Token) -> tuple[list[Token], Token | None]:
        actor = next(
            (
                c
                for c in noun.children
                if c.dep_ in ("poss", "compound", "amod")
                and (c.ent_type_ or c.lemma_.lower() in self.participant_words)  # 'police firing'
            ),
            None,
        )
        target = None
        for prep in noun.children:
            if prep.dep_ == "prep":
                pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if prep.lower_ == "by" and pobj is not None:
                    actor = pobj
                elif (
                    (prep.lower_ in TARGET_PREPS or prep.lower_ == "of")
                    and pobj is not None
                    and target is None
                ):
                    target = pobj
        if actor is None and noun.dep_ == "pobj" and noun.head.lower_ in DOER_PREPS and (
            noun.head.head.lemma_.lower() in self.charging_verbs
        ):  # 'X was charged with the murder of Y', 'arrested Z for the killing of Y'
            actor = self._doer_of(noun.head.head)
        return ([actor] if actor is not None else []), target

    @staticmethod
    def _story_police(doc: Doc) -> str | None:
        """The one police force a document speaks of (named, or its unnamed 'police'), if any."""
        words = organisation_cues()["police_names"] | organisation_cues()["police_nouns"]
        forces = [
            e["id"] for e in doc._.entities or []
            if e["type"] == "ORG" and (e.get("generic") or set(name_tokens(e["name"])) & words)
        ]
        return forces[0] if len(forces) == 1 else None

    def _participant(
        self, doc: Doc, token: Token | None, besides: str | None = None, acting: bool = False
    ) -> str | None:
        """The entity a participant (the actor when `acting`) stands for: the one it names; the owner of the
        vehicle or weapon it is ('struck by X's car'); for a personal pronoun, the party named before it
        (not `besides`, the other participant: in 'X hit her' she is not X)."""
        if token is None:
            return None
        linked = self._link(doc, token, acting)
        named = next((c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if named is not None and (entity_by_id(doc, linked) or {}).get("type") != "PERSON":
            person = self._link(doc, named)  # 'Another Rover, winger X, was arrested': X
            if (entity_by_id(doc, person) or {}).get("type") == "PERSON":
                return person
        if linked is not None:
            return linked
        if (titled := described_person(doc, token)) is not None:
            return titled  # 'the Foreign Secretary met X'
        if token.pos_ == "PRON":
            return self.pronoun_antecedent(doc, token, besides)
        if token.lemma_.lower() in self.instruments:
            owner = next((c for c in token.children if c.dep_ == "poss"), None)
            if owner is not None:
                return self._participant(doc, owner, besides, acting)
        return None

    def pronoun_antecedent(self, doc: Doc, pronoun: Token, besides: str | None = None) -> str | None:
        """The party a personal pronoun stands for: of the fitting entities named before it in its sentence,
        a clause's subject first, else the nearest; failing those, the subject of the sentence before."""
        wanted = PRONOUN_TYPES.get(pronoun.lower_)
        if wanted is None:
            return None
        index = doc._.token_entity or []
        fitting = {e["id"] for e in doc._.entities or [] if e["type"] in wanted and e["id"] != besides}
        sent = pronoun.sent
        previous = doc[sent.start - 1].sent if sent.start > 0 else None

        def candidates(tokens) -> list[tuple[Token, str]]:
            return [(t, index[t.i]) for t in tokens if t.i < len(index) and index[t.i] in fitting]

        here = candidates(reversed(doc[sent.start : pronoun.i]))
        subjects = [entity for token, entity in here if token.dep_ in SUBJECTS]
        if subjects or here:
            return (subjects or [entity for _, entity in here])[0]
        before = candidates(previous) if previous is not None else []  # its main subject comes first
        subjects = [entity for token, entity in before if token.dep_ in SUBJECTS]
        return next(iter(subjects or [entity for _, entity in reversed(before)]), None)

    @staticmethod
    def _link(doc: Doc, token: Token | None, acting: bool = False) -> str | None:
        """The entity a participant's phrase names: its head's, else one in the words after the head up
        to any clause it heads ('police [firing in X]' is not X). An actor's phrase also stops at the place
        it stands in ('a car [near X Street]' is not X Street acting), a target's does not ('a bank in X'
        is X attacked)."""
        if token is None:
            return None
        end = max(
            [token.i]
            + [
                c.right_edge.i
                for c in token.rights
                if c.dep_ not in ("acl", "relcl", "advcl", "ccomp")
                and not (acting and c.dep_ == "prep" and c.lower_ in STANDING_PREPS)
            ]
        )
        return entity_id_for(doc, token.left_edge.i, token.i + 1, prefer_last=True) or entity_id_for(
            doc, token.i, end + 1
        )

    @staticmethod
    def _phrase(token: Token | None) -> str | None:
        """The participant's noun phrase, without coordinated partners or trailing clauses."""
        if token is None:
            return None
        right = token.i
        for child in token.children:
            if child.i > token.i and child.dep_ not in ("conj", "cc", "punct", "appos", "relcl", "acl"):
                right = max(right, child.right_edge.i)
        left = token.left_edge.i
        while left < token.i and token.doc[left].is_punct:  # '- Kenya' after a dateline's dash
            left += 1
        span = token.doc[left : right + 1]
        return span.text if len(span) <= 10 else token.doc[left : token.i + 1].text

    def _location(self, doc: Doc, verb: Token, sent: Span) -> str | None:
        """Where the event happened: a place in its clause, else the nearest in its sentence; not one in
        a phrase that times it from another moment ('five days before the loss at X', 'prior to', 'since':
        'arrested after a shootout in X' is near in time, and may well be there)."""
        timing = {
            t.i
            for anchor in sent
            if self._distant_timing(anchor) and verb not in anchor.subtree
            for t in anchor.subtree
        }
        for token in verb.subtree:
            if token.dep_ == "pobj" and token.head.lower_ in LOCATION_PREPS and token.i not in timing:
                entity = entity_by_id(doc, self._link(doc, token))
                if entity and entity["type"] == "PLACE":
                    return entity["id"]
        places = [
            (abs(t.i - verb.i), entity_id)
            for t in sent
            if t.i not in timing
            and (entity_id := (doc._.token_entity or [None] * len(doc))[t.i])
            and (entity_by_id(doc, entity_id) or {}).get("type") == "PLACE"
        ]
        return min(places)[1] if places else None

    @staticmethod
    def _distant_timing(anchor: Token) -> bool:
        """'prior to', 'since', 'until', or 'before'/'after' with a span of time ('five days before')."""
        word = anchor.lower_
        if word in ("prior", "since", "until", "till"):
            return True
        return word in ("before", "after") and any(
            c.lemma_.lower() in TIME_SPANS for c in anchor.children if c.dep_ in ("npadvmod", "advmod", "nmod")
        )

    @staticmethod
    def _told_as_past(verb: Token) -> bool:
        """'attacked', 'was arrested', 'has agreed', 'had fled', 'talks collapsed' (an event noun takes the
        tense of the verb it is the subject or object of); not 'is due', 'meets'."""
        if verb.pos_ in ("NOUN", "PROPN") and verb.dep_ in ("nsubj", "nsubjpass", "dobj", "obj"):
            verb = verb.head
        if verb.tag_ == "VBD":
            return True
        return any(
            c.dep_ in ("aux", "auxpass") and (c.tag_ == "VBD" or c.lower_ in ("has", "have", "had", "'ve"))
            for c in verb.children
        )

    def _date(
        self, doc: Doc, verb: Token, sent: Span, published: str | None, future: bool | None = False
    ) -> tuple[str | None, str | None]:
        """The date expression of the event's clause: anchored phrases first ('three days after the
        2015 Paris attacks'), then the nearest date; 'since', 'until' and 'by' dates are not the event's."""
        dates = [
            e
            for e in sent.ents
            if e.label_ in ("DATE", "TIME")
            and not (e.start > 0 and doc[e.start - 1].lower_ in self.non_date_preps)
        ]
        if not dates:
            return None, None
        subtree = {t.i for t in verb.subtree}
        dates.sort(key=lambda e: (e.start not in subtree, abs(e.start - verb.i)))
        for ent in dates:
            tail = doc[ent.start : min(sent.end, ent.end + 8)].text
            if " after " in f" {tail} " or " before " in f" {tail} ":
                anchored = resolve_date(tail, published)
                if anchored and "-" in anchored:
                    return anchored, tail
        for ent in dates:
            resolved = resolve_date(ent.text, published, future) or self._story_shift(doc, ent, published)
            if resolved:
                return resolved, ent.text
        return None, dates[0].text

    @staticmethod
    def _story_shift(doc: Doc, ent: Span, published: str | None) -> str | None:
        """'the next day', 'two days later', 'that evening': counted from the last full date the story gave
        before."""
        text = ent.text
        if ent.start > 0 and doc[ent.start - 1].lower_ in ("that", "same"):  # the NER leaves out 'that'
            text = f"{doc[ent.start - 1].text} {text}"
        if not counts_from_story(text):
            return None
        for earlier in reversed([e for e in doc.ents if e.end <= ent.start and e.label_ == "DATE"]):
            day = resolve_date(earlier.text, published)
            if day and len(day) == 10:
                return shift_from(text, day)
        return None

    def _chain(self, verb: Token):
        """The verb and the heads that govern it ('failed' in 'failed to take')."""
        node, hops = verb, 0
        yield node
        while node.dep_ in CLIMB_DEPS and node.head.i != node.i and hops < 4:
            node = node.head
            hops += 1
            yield node

    def _negated(self, verb: Token) -> bool:
        if verb.pos_ == "NOUN" and verb.dep_ in ("dobj", "obj", "nsubjpass") and (
            verb.head.lemma_.lower() in self.negation_heads
        ):
            return True  # 'foiled an attack', 'an attack was foiled'
        below = None
        for node in self._clause_scope(verb):
            if any(
                c.dep_ == "neg" or c.lower_ in self.negators and c.dep_ in ("neg", "advmod", "det")
                for c in node.children
            ):
                return True
            if below is not None and node.lemma_.lower() in self.negation_heads and (
                below.dep_ not in ADJUNCT_DEPS or is_infinitive(below)
            ):  # 'failed to take', 'cancelled a deal to sell', 'prevented them from entering'; not 'thwarted X,
                return True  # arresting Y'
            below = node
        return False

    def _clause_scope(self, verb: Token):
        """The verb and the heads whose negation or modality covers it. A 'when/after/while' clause is taken as given
        by the clause above it ('they were not beaten when X was fired' does not deny the firing, 'it would be their biggest deal
        since they bought X' does not make the purchase hypothetical), a
        relative clause describes, and a coordinated clause with its own subject asserts on its own. An infinitive
        on an object noun ('cancelled a deal to sell X') is governed by the noun and its verb."""
        for node in self._chain(verb):
            yield node
            if node.dep_ in ("relcl", "acl"):
                noun = node.head
                if is_infinitive(node) and noun.dep_ in (
                    "dobj", "obj", "nsubj", "nsubjpass", "attr", "pobj"
                ):  # 'cancelled a deal to sell X', 'unveiled plans to cut Y', 'in a bid to seize Z': the noun's
                    # clause governs it
                    yield noun
                    yield from self._clause_scope(noun.head)
                return
            if node.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in PRESUPPOSING_MARKS for c in node.children
            ):
                return
            if node.dep_ == "advcl" and any(c.dep_ == "advmod" and c.lower_ in PRESUPPOSING_MARKS for c in node.children):
                return
            if node.dep_ == "conj" and any(
                c.dep_ in ("nsubj", "nsubjpass") or (c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS)
                for c in node.children
            ):  # its own subject or its own tense: 'did not try X but is aimed at Y' does not deny Y
                return

    def _will(self, verb: Token) -> bool:
        """'X will cut 500 jobs', 'the plant will be closed', 'X said the plant would close': asserted, but
        not yet happened."""
        return any(
            any(c.dep_ in ("aux", "auxpass") and c.lower_ in FUTURE_AUX for c in node.children) or self._backshifted(node)
            for node in self._clause_scope(verb)
        ) or self._headline_infinitive(verb)

    @staticmethod
    def _headline_infinitive(verb: Token) -> bool:
        """'Automaker X to cut 10,000 jobs': a headline's subject and infinitive announce what is to come."""
        return verb.dep_ == "ROOT" and is_infinitive(verb) and any(c.dep_ == "nsubj" for c in verb.children)

    def _backshifted(self, node: Token) -> bool:
        """'X said the team would cease work', '... had merged and would cease': the 'would' of a reported
        clause is a past report's 'will' (MEANTIME rates the act certain), not a hedge; 'would have' is
        counterfactual and stays one."""
        if not any(c.dep_ in ("aux", "auxpass") and c.lower_ == "would" for c in node.children):
            return False
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ == "have" for c in node.children):
            return False
        if node.lemma_.lower() in WISHING_VERBS:
            return False  # 'would like to thank': a wish, now
        clause = node.head if node.dep_ == "conj" and not any(c.dep_ in SUBJECTS for c in node.children) else node
        reporting = clause.head.lemma_.lower()
        return (
            clause.dep_ == "ccomp" and reporting in self.reporting_verbs and reporting not in UNASSERTING_REPORTS
            and not any(c.dep_ == "advcl" and self._conditional(c) for c in node.children)  # '... if Y disarmed'
        )

    def _modality(self, verb: Token, sent: Span) -> tuple[bool, bool]:
        """(hypothetical, future). Hypothetical: not asserted, as asked, hedged by a modal or a condition, or
        governed by a word that leaves it open ('is considering', 'was allowed to', 'expects to'). Future:
        asserted or intended but not yet happened ('will cut', 'plans to close', 'agreed to buy'): an act
        its subject intends is not hedged."""
        heads = self._hedging_heads(verb)
        intended = bool(heads) and all(head in self.intention_heads for head in heads)
        hypothetical = sent.text.rstrip().endswith("?") or heads is None or (bool(heads) and not intended)
        return hypothetical, intended or self._will(verb)

    def _hedging_heads(self, verb: Token) -> list[str] | None:
        """The governing words that make the verb's act not (yet) a fact ('plans to', 'agreed to', 'is
        considering'), nearest first; None when a hedging modal or a condition governs it ('could', 'if')."""
        heads, below = [], None
        for node in self._clause_scope(verb):
            modals = {c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass") and c.lower_ in MODALS}
            if modals and not (modals == {"would"} and self._backshifted(node)):
                return None
            if self._conditional(node) or any(
                c.dep_ == "advcl" and c.i < node.i and self._conditional(c) for c in node.children
            ):  # 'if the talks fail, the army will attack'; not 'was asked if', 'apologised if it caused'
                return None
            if self._asks_whether(node):
                return None  # 'worries over whether X will keep operating': left open
            if node.lemma_.lower() in ATTEMPT_HEADS and any(c.dep_ == "neg" for c in node.children):
                return heads  # 'did not try to X': X certainly did not happen (negated), nothing is open
            if node is not verb and node.lemma_.lower() in self.hypothetical_heads and (
                below is None or below.dep_ not in ("advcl", "parataxis") or is_infinitive(below)
            ):  # 'called for a re-run, citing flaws': the citing is done, beside the call, not called for
                # (a verb coordinated without a subject may be the parser's misplaced 'to halve X, cut Y')
                heads.append(node.lemma_.lower())
            below = node
        return heads

    @staticmethod
    def _conditional(clause: Token) -> bool:
        return any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in clause.children)

    @staticmethod
    def _asks_whether(clause: Token) -> bool:
        """A 'whether' clause leaves its act open."""
        return any(c.dep_ == "mark" and c.lower_ == "whether" for c in clause.children)

    @staticmethod
    def _attribution(doc: Doc, verb: Token) -> tuple[str | None, str | None]:
        for quote in doc._.quotes or []:
            if quote["start"] <= verb.idx < quote["end"]:
                return quote["speaker"], quote["speaker_text"]
        return None, None


@Language.factory("newsgraph_events", default_config={"patterns_file": "event_patterns.json"})
def make_events(nlp: Language, name: str, patterns_file: str) -> EventExtractor:
    return EventExtractor(load_data(patterns_file))
