"""Geo component: every PLACE entity (and every demonym) gets coordinates, country, admin1 and a
gazetteer id.

Candidates come from the offline gazetteer (exact names, then transliteration variants). The choice
weighs population, feature-type cues in the text ('province', 'town'), a qualifier after a comma
('Paris, Texas'), and what the rest of the document points to (its countries and provinces), in two
passes so that unambiguous places anchor ambiguous ones. Places that resolve to the same gazetteer
entry become one entity (Kharkov / Kharkiv)."""

from __future__ import annotations

import math
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.geo.gazetteer import Gazetteer, Place, default_gazetteer, distance_km, place_key
from newsgraph.nlp.extensions import merge_entities
from newsgraph.nlp.names import load_data

FEATURE_BONUS = {"country": 3.0, "admin1": 0.5, "region": 1.0, "admin2": 0.0, "city": 0.0}
ADMIN_FEATURES = ("admin1", "admin2", "region")


class GeoResolver:
    def __init__(
        self, gazetteer: Gazetteer | None, context_weight: float, qualifier_weight: float, cue_weight: float
    ) -> None:
        self._gazetteer = gazetteer
        self.context_weight = context_weight
        self.qualifier_weight = qualifier_weight
        self.cue_weight = cue_weight
        cues = load_data("place_cues.json")
        self.admin_cues = frozenset(cues["admin_nouns"])
        self.city_cues = frozenset(cues["settlement_nouns"])
        self.generic_words = frozenset(cues["generic_words"])
        self.part_nouns = frozenset(cues["part_nouns"])

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = default_gazetteer()
        return self._gazetteer

    def __call__(self, doc: Doc) -> Doc:
        entities = [e for e in doc._.entities or [] if e["type"] == "PLACE" or self._is_demonym(e)]
        if not entities:
            return doc
        text = doc.text
        options = {e["id"]: self._candidates(e) for e in entities}
        cues = {e["id"]: self._cues(doc, e) for e in entities}
        qualifiers = {e["id"]: self._qualifiers(text, e) for e in entities}
        chosen = self._pass(entities, options, cues, qualifiers, self._prior_context(entities, options))
        context = self._chosen_context(entities, chosen)
        chosen = self._pass(entities, options, cues, qualifiers, context)
        by_place: dict[str, str] = {}
        for entity in entities:
            if entity["id"] not in chosen:
                continue
            place, confidence = chosen[entity["id"]]
            entity["geo"] = {**place.geo(), "confidence": round(confidence, 2), "feature": place.feature}
            if entity["type"] != "PLACE":
                entity["geo"]["feature"] = "demonym"
                continue
            if place.id in by_place:  # 'Kharkov' and 'Kharkiv' are one place: one entity
                merge_entities(doc, by_place[place.id], entity["id"])
            else:
                by_place[place.id] = entity["id"]
        return doc

    def _is_demonym(self, entity: dict) -> bool:
        return entity["type"] == "OTHER" and self.gazetteer.is_demonym(entity["name"])

    def _candidates(self, entity: dict) -> list[Place]:
        seen: dict[str, Place] = {}
        names = [entity["name"], *entity["aliases"]]
        for name in names:
            for place in self.gazetteer.candidates(name):
                seen.setdefault(place.id, place)
        if not seen and entity["type"] == "PLACE":
            for name in names:  # 'Port of Los Angeles' -> 'Los Angeles'
                for place in self._backoff(name):
                    seen.setdefault(place.id, place)
        return list(seen.values())

    def _backoff(self, name: str) -> tuple[Place, ...]:
        """The longest run of non-generic words inside a name that the gazetteer knows."""
        words = name.split()
        runs, current = [], []
        for word in words:
            if word.lower().strip(".,'") in self.generic_words:
                if current:
                    runs.append(current)
                current = []
            else:
                current.append(word)
        if current:
            runs.append(current)
        for run in sorted(runs, key=len, reverse=True):
            if run != words and (found := self.gazetteer.candidates(" ".join(run))):
                return found
        return ()

    # ---- context ---------------------------------------------------------------------------
    @staticmethod
    def _prior_context(entities: list[dict], options: dict[str, list[Place]]) -> dict[str, Counter]:
        """First-pass context: countries named outright, and the one country of unambiguous names."""
        countries: Counter = Counter()
        for entity in entities:
            candidates = options[entity["id"]]
            named = {p.country for p in candidates if p.feature == "country"}
            found = named or (
                {p.country for p in candidates} if len({p.country for p in candidates}) == 1 else set()
            )
            for country in found - {None}:
                countries[country] += len(entity["mentions"])
        return {"country": countries, "admin1": Counter()}

    @staticmethod
    def _chosen_context(entities: list[dict], chosen: dict[str, tuple[Place, float]]) -> dict:
        countries: Counter = Counter()
        admin1: Counter = Counter()
        points: list[tuple[str, float, float]] = []
        for entity in entities:
            if entity["id"] in chosen:
                place = chosen[entity["id"]][0]
                weight = len(entity["mentions"])
                if place.country:
                    countries[place.country] += weight
                if place.feature in ("admin1", "city", "admin2") and place.admin1:
                    admin1[(place.country, place.admin1)] += weight
                if place.feature in ("city", "admin2"):
                    points.append((entity["id"], place.lat, place.lon))
        return {"country": countries, "admin1": admin1, "points": points}

    def _pass(self, entities, options, cues, qualifiers, context) -> dict[str, tuple[Place, float]]:
        chosen = {}
        for entity in entities:
            candidates = options[entity["id"]]
            if not candidates:
                continue
            own = self._own_votes(entity, candidates)
            points = [(lat, lon) for owner, lat, lon in context.get("points", []) if owner != entity["id"]]
            cities = {(p.country, place_key(p.name)) for p in candidates if p.feature == "city"}
            scored = sorted(
                (
                    (
                        self._score(
                            entity, p, cues[entity["id"]], qualifiers[entity["id"]], context, own, cities
                        )
                        + self._proximity(p, points),
                        p,
                    )
                    for p in candidates
                ),
                key=lambda item: -item[0],
            )
            best_score, best = scored[0]
            runner_up = scored[1][0] if len(scored) > 1 else best_score - 5
            chosen[entity["id"]] = (best, 1 / (1 + math.exp(-(best_score - runner_up))))
        return chosen

    def _proximity(self, place: Place, points: list[tuple[float, float]]) -> float:
        """Local coherence: a town near the other towns of the article beats a namesake far away."""
        if not points or place.feature not in ("city", "admin2"):
            return 0.0
        nearest = min(distance_km((place.lat, place.lon), point) for point in points)
        return self.context_weight * (
            1.5 if nearest < 50 else 1.0 if nearest < 150 else 0.5 if nearest < 400 else 0.0
        )

    @staticmethod
    def _own_votes(entity: dict, candidates: list[Place]) -> Counter:
        """What this entity itself contributed to the context, so it does not vote for itself."""
        return Counter({p.country: len(entity["mentions"]) for p in candidates if p.feature == "country"})

    def _score(
        self,
        entity: dict,
        place: Place,
        cues: set[str],
        qualifiers: list[list[Place]],
        context: dict,
        own: Counter,
        same_named_cities: set[tuple[str, str]],
    ) -> float:
        score = math.log10(max(place.population, 1) + 1) + FEATURE_BONUS.get(place.feature, 0.0)
        if place_key(place.name) in {place_key(entity["name"]), *(place_key(a) for a in entity["aliases"])}:
            score += 0.5  # the name itself rather than one of its alternate names
        if cues & self.admin_cues:
            score += self.cue_weight if place.feature in ADMIN_FEATURES else 0.0
        elif cues & self.city_cues:
            score += self.cue_weight if place.feature == "city" else 0.0
        elif (
            place.feature in ("admin1", "admin2")
            and (place.country, place_key(place.name)) in same_named_cities
        ):
            score -= 1.5  # a bare 'Kabul' is more often the city than the province of the same name
        votes = context["country"].get(place.country, 0) - own.get(place.country, 0)
        score += self.context_weight * min(max(votes, 0), 3) ** 0.5
        if place.admin1 and context["admin1"].get((place.country, place.admin1)):
            score += self.context_weight
        for qualifier in qualifiers:
            if any(self._contains(q, place) for q in qualifier):
                score += self.qualifier_weight
        return score

    @staticmethod
    def _contains(parent: Place, place: Place) -> bool:
        if parent.feature == "country":
            return parent.country == place.country and place.feature != "country"
        if parent.feature in ("admin1", "region"):
            return parent.country == place.country and parent.name == (place.admin1 or "")
        return False

    # ---- cues from the text ------------------------------------------------------------------
    def _cues(self, doc: Doc, entity: dict) -> set[str]:
        """Feature words that describe the name itself: right after it ('Idlib province', 'Gao city'),
        or as '<noun> of X' ('the province of Idlib', 'the town of Ariha'). 'district of X' and
        'outskirts of X' describe a part of X, so they do not count."""
        words: set[str] = set()
        for mention in entity["mentions"]:
            span = doc.char_span(mention["start"], mention["end"], alignment_mode="expand")
            if span is None:
                continue
            if span.end < len(doc):
                words.add(doc[span.end].lower_)
            if span.start >= 2 and doc[span.start - 1].lower_ == "of":
                noun = doc[span.start - 2].lower_
                if noun not in self.part_nouns:
                    words.add(noun)
        return words

    def _qualifiers(self, text: str, entity: dict) -> list[list[Place]]:
        """Places named right after a comma: 'Paris, Texas', 'Tripoli, Lebanon'."""
        found = []
        for mention in entity["mentions"]:
            tail = text[mention["end"] : mention["end"] + 40]
            if not tail.startswith(", "):
                continue
            words = tail[2:].split()
            for length in (3, 2, 1):
                phrase = " ".join(words[:length]).rstrip(".,;:)'\"")
                places = [
                    p
                    for p in self.gazetteer.candidates(phrase)
                    if p.feature in ("country", "admin1", "region")
                ]
                if phrase and phrase[0].isupper() and places:
                    found.append(places)
                    break
        return found


@Language.factory(
    "newsgraph_geo", default_config={"context_weight": 2.0, "qualifier_weight": 6.0, "cue_weight": 3.0}
)
def make_geo(
    nlp: Language, name: str, context_weight: float, qualifier_weight: float, cue_weight: float
) -> GeoResolver:
    return GeoResolver(None, context_weight, qualifier_weight, cue_weight)
