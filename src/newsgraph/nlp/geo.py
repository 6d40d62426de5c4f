"""Geo component: every PLACE entity gets coordinates, country, admin1 and a gazetteer id.

Candidates come from the offline gazetteer; the choice weighs population, feature type cues in the
text ('province', 'city'), and the countries the rest of the document points to."""

from __future__ import annotations

import math
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.geo.gazetteer import Gazetteer, Place, default_gazetteer
from newsgraph.nlp.extensions import merge_entities

ADMIN_CUES = frozenset(
    [
        "province",
        "state",
        "region",
        "governorate",
        "oblast",
        "district",
        "county",
        "prefecture",
        "department",
        "valley",
        "territory",
        "krai",
        "canton",
        "emirate",
    ]
)
CITY_CUES = frozenset(
    [
        "city",
        "town",
        "village",
        "capital",
        "port",
        "suburb",
        "neighbourhood",
        "neighborhood",
        "outskirts",
        "residents",
        "mayor",
        "downtown",
    ]
)


class GeoResolver:
    def __init__(self, gazetteer: Gazetteer | None, context_weight: float) -> None:
        self._gazetteer = gazetteer
        self.context_weight = context_weight

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = default_gazetteer()
        return self._gazetteer

    def __call__(self, doc: Doc) -> Doc:
        places = [e for e in doc._.entities or [] if e["type"] == "PLACE"]
        options = {e["id"]: self._candidates(e) for e in places}
        context = self._context_countries(options)
        by_place: dict[str, str] = {}
        for entity in places:
            chosen = self._choose(doc, entity, options[entity["id"]], context)
            if not chosen:
                continue
            place, confidence = chosen
            entity["geo"] = {**place.geo(), "confidence": round(confidence, 2), "feature": place.feature}
            if place.id in by_place:  # 'Kharkov' and 'Kharkiv' are one place: one entity
                merge_entities(doc, by_place[place.id], entity["id"])
            else:
                by_place[place.id] = entity["id"]
        return doc

    def _candidates(self, entity: dict) -> list[Place]:
        seen: dict[str, Place] = {}
        for name in [entity["name"], *entity["aliases"]]:
            for place in self.gazetteer.candidates(name):
                seen.setdefault(place.id, place)
        return list(seen.values())

    @staticmethod
    def _context_countries(options: dict[str, list[Place]]) -> Counter:
        """Countries named outright or the single country of an unambiguous place."""
        votes: Counter = Counter()
        for candidates in options.values():
            countries = {p.country for p in candidates}
            if any(p.feature == "country" for p in candidates):
                votes.update(p.country for p in candidates if p.feature == "country")
            elif len(countries) == 1:
                votes.update(countries)
        return votes

    def _choose(
        self, doc: Doc, entity: dict, candidates: list[Place], context: Counter
    ) -> tuple[Place, float] | None:
        if not candidates:
            return None
        cues = self._cues(doc, entity)
        scored = sorted(((self._score(p, cues, context), p) for p in candidates), key=lambda s: -s[0])
        best_score, best = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else best_score - 5
        confidence = 1 / (1 + math.exp(-(best_score - runner_up)))
        return best, confidence

    def _score(self, place: Place, cues: set[str], context: Counter) -> float:
        score = math.log10(max(place.population, 1))
        if place.feature == "country":
            score += 4
        if cues & ADMIN_CUES:
            score += 3 if place.feature == "admin1" else 0
        elif cues & CITY_CUES:
            score += 3 if place.feature == "city" else 0
        elif place.feature == "admin1":
            score -= 0.5  # a bare name is more often the city than the province of the same name
        score += self.context_weight * min(context.get(place.country, 0), 3)
        return score

    @staticmethod
    def _cues(doc: Doc, entity: dict) -> set[str]:
        words: set[str] = set()
        for mention in entity["mentions"]:
            span = doc.char_span(mention["start"], mention["end"], alignment_mode="expand")
            if span is None:
                continue
            window = doc[max(0, span.start - 3) : min(len(doc), span.end + 2)]
            words.update(t.lower_ for t in window)
        return words


@Language.factory("newsgraph_geo", default_config={"context_weight": 2.0})
def make_geo(nlp: Language, name: str, context_weight: float) -> GeoResolver:
    return GeoResolver(None, context_weight)
