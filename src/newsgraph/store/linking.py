"""Cross-document entity resolution. Each stored document entity is linked to a knowledge-base entity:
candidates come from blocking keys (normalised names, transliteration skeletons, actor-dictionary and
gazetteer ids), and are scored on name, type, shared countries and co-occurring entities. Every link
keeps its method, score and evidence, so a merge can be explained and undone."""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from newsgraph.geo.gazetteer import fuzzy_key
from newsgraph.nlp.names import (
    match_key,
    name_particles,
    name_tokens,
    organisation_key,
    skeleton,
    surname_only,
)
from newsgraph.store.schema import EntityRow, KbEntityRow, KbKeyRow, KbLinkRow

THRESHOLD = 0.85


@dataclass
class Candidate:
    kb: KbEntityRow
    score: float = 0.0
    method: str = ""
    evidence: dict = field(default_factory=dict)


def _tails(tokens: tuple[str, ...], entity_type: str) -> list[str]:
    """Short forms a full name is referred to by: a person's surname; an organisation's trailing words
    ('Bruins' of 'Boston Bruins')."""
    if len(tokens) < 2:
        return []
    if entity_type == "PERSON":
        if surname_only(tokens):
            return []
        start = len(tokens) - 1  # the surname with its particles too: 'al-Assad' of 'Bashar al-Assad'
        while start > 1 and tokens[start - 1] in name_particles():
            start -= 1
        return sorted({tokens[-1], " ".join(tokens[start:])})
    return [" ".join(tokens[i:]) for i in range(1, len(tokens))] if entity_type == "ORG" else []


def bare_name(tokens: tuple[str, ...], kind: str) -> bool:
    """A one-word name, or a person's surname with its particles only ('al-Assad'): a short form."""
    return len(tokens) == 1 or (kind == "PERSON" and surname_only(tokens))


def short_form_keys(entity: dict) -> tuple[set[str], set[str]]:
    """(stored, looked up) keys that pair a full name with a short form across documents. A KB entity
    stores 'tail:' keys for its full names and 'short:' keys for its one-word names; an entity looks up
    the opposite kind. Such a pair only merges with shared context (see KnowledgeBase._score)."""
    stored: set[str] = set()
    lookup: set[str] = set()
    kind = entity["type"]
    if kind not in ("PERSON", "ORG"):
        return stored, lookup
    for name in [entity["name"], *entity["aliases"]]:
        tokens = name_tokens(name)
        if bare_name(tokens, kind):
            stored.add(f"short:{kind}:{' '.join(tokens)}")
            lookup.add(f"tail:{kind}:{' '.join(tokens)}")
        for tail in _tails(tokens, kind):
            stored.add(f"tail:{kind}:{tail}")
            lookup.add(f"short:{kind}:{tail}")
    return stored, lookup


def blocking_keys(entity: dict) -> set[str]:
    keys: set[str] = set()
    if entity.get("actor_id"):
        keys.add(f"actor:{entity['actor_id']}")
    geo = entity.get("geo") or {}
    if geo.get("gazetteer_id"):
        keys.add(f"geo:{entity['type']}:{geo['gazetteer_id']}")
    names = [entity["name"], *entity["aliases"]]
    if entity["type"] == "PERSON" and not surname_only(name_tokens(entity["name"])):
        # A bare surname ('Williams', 'al-Assad') is shared by namesakes: within a document it joined the
        # full name, across documents only full names block.
        names = [n for n in names if not surname_only(name_tokens(n))]
    for name in names:
        tokens = name_tokens(name)
        if key := match_key(name):
            keys.add(f"name:{entity['type']}:{key}")
        if entity["type"] == "ORG" and (key := organisation_key(name)):
            keys.add(f"name:ORG:{key}")  # 'Acme Corp.' is 'Acme'

        if len(tokens) > 1 and not bare_name(tokens, entity["type"]) and entity["type"] in ("PERSON", "ORG"):
            keys.add(f"full:{match_key(name)}")  # the same full name whatever the NER called it
        if len(tokens) > 1 and (skel := skeleton(name)):
            keys.add(f"skel:{entity['type']}:{skel}")
            # Coarser still: consonants only ('Yusuf Hadrami' / 'Yousef al-Hadrami'); scored by similarity.
            keys.add(f"cons:{entity['type']}:{fuzzy_key(skel)}")
    return keys


def conflicting_given_names(first: str, second: str) -> bool:
    """Two full names whose given names differ (not an initial of the other, not a spelling variant)."""
    a, b = skeleton(first).split(), skeleton(second).split()
    if len(a) < 2 or len(b) < 2:
        return False
    x, y = a[0], b[0]
    if x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y)):
        return False
    return fuzz.ratio(x, y) < 80


class KnowledgeBase:
    def __init__(self, session: Session, threshold: float = THRESHOLD) -> None:
        self.session = session
        self.threshold = threshold

    def link_document(self, rows: list[tuple[EntityRow, dict]]) -> None:
        """Resolve one document's entities; strongest evidence (actors, places) first so that the others
        can use them as co-occurring context."""
        # The parts of the world the document is about: the countries of the places it names. A demonym
        # ('the Greek spelling') says too little about where a story happens to part two namesakes.
        countries = {(e.get("geo") or {}).get("country") for _, e in rows if e["type"] == "PLACE"} - {None}
        linked: set[int] = set()
        # Strongest evidence first (actors, places), then full names, short forms last: each can use the
        # entities linked before it as context.
        order = sorted(
            rows,
            key=lambda pair: (
                not (pair[1].get("actor_id") or pair[1].get("geo")),
                len(name_tokens(pair[1]["name"])) < 2 or surname_only(name_tokens(pair[1]["name"])),
            ),
        )
        for row, entity in order:
            kb, candidate, kb_keys = self._resolve(row, entity, countries, linked)
            linked.add(kb.pk)
            self._record(row, entity, kb, candidate, countries, kb_keys)

    def _resolve(self, row: EntityRow, entity: dict, countries: set[str], linked: set[int]):
        """The KB entity this document entity belongs to (a new one when none fits), why, and the keys
        that KB entity had."""
        keys = blocking_keys(entity) | short_form_keys(entity)[1]
        # Every key of every candidate in one query: the candidates are the KB entities sharing a key.
        kb_keys: dict[int, set[str]] = {}
        if not entity.get("generic"):  # 'police' in one story is not the police of another: no candidates
            sharing = select(KbKeyRow.kb_pk).where(KbKeyRow.key.in_(keys))
            for kb_pk, key in self.session.execute(select(KbKeyRow.kb_pk, KbKeyRow.key).where(KbKeyRow.kb_pk.in_(sharing))):
                kb_keys.setdefault(kb_pk, set()).add(key)
        best: Candidate | None = None
        short_forms = 0
        for kb in self.session.scalars(select(KbEntityRow).where(KbEntityRow.pk.in_(kb_keys)).order_by(KbEntityRow.pk)):
            candidate = self._score(kb, entity, keys, kb_keys[kb.pk], countries, linked)
            short_forms += bool(candidate and candidate.method == "short-form")
            if candidate and (best is None or candidate.score > best.score):
                best = candidate
        if best and best.method == "short-form" and short_forms > 1:
            best = None  # a surname or short name that fits several known entities in context: ambiguous
        if best and best.score >= self.threshold:
            return best.kb, best, kb_keys[best.kb.pk]
        kb = KbEntityRow(
            kb_id="",
            name=entity["name"],
            type=entity["type"],
            aliases=[],
            countries=[],
            actor_id=entity.get("actor_id"),
            documents=0,
        )
        self.session.add(kb)
        self.session.flush()
        kb.kb_id = f"kb{kb.pk}"
        evidence = {"best_candidate": best.kb.kb_id, "best_score": round(best.score, 3)} if best else {}
        return kb, Candidate(kb, 1.0, "new", evidence), set()

    def _score(self, kb: KbEntityRow, entity: dict, keys: set[str], kb_keys: set[str], countries: set[str],
               linked: set[int]):
        shared = keys & kb_keys
        if any(k.startswith(("actor:", "geo:")) for k in shared) and kb.type == entity["type"]:
            return Candidate(
                kb,
                1.0,
                "actor" if any(k.startswith("actor:") for k in shared) else "gazetteer",
                {"shared_keys": sorted(shared)},
            )
        if kb.type != entity["type"]:
            # A person is never an organisation, nor a place: an analyst asking for a militia leader must
            # not get his militia. Where NER types one name differently in two articles, the two stay
            # apart (each keeps its own evidence) rather than risk joining a leader to his group.
            return None
        if entity["type"] == "PERSON" and conflicting_given_names(entity["name"], kb.name):
            return None  # 'Dale Prewitt' is not 'Ana Prewitt'
        own_places = {k for k in keys if k.startswith("geo:")}
        kb_places = {k for k in kb_keys if k.startswith("geo:")}
        if own_places and kb_places and not own_places & kb_places:
            return None  # Tripoli, Libya is not Tripoli, Lebanon: namesake places never merge
        if any(k.startswith("name:") for k in shared):
            score, method = 0.95, "exact"
        elif shared and all(k.startswith(("tail:", "short:")) for k in shared):
            # 'Varga' and 'Otis Varga' in two documents: the same only if the documents share
            # other entities (the same story), and then only when no other full name fits.
            together = self._co_occurring(kb) & linked
            if not together:
                return None
            return Candidate(kb, 0.9, "short-form", {"shared_keys": sorted(shared), "co_occurring": len(together)})
        elif shared:
            ratio = (
                max(fuzz.ratio(skeleton(entity["name"]), skeleton(n)) for n in [kb.name, *kb.aliases]) / 100
            )
            score, method = 0.8 * ratio + 0.15, "fuzzy"
        else:
            return None
        evidence = {"shared_keys": sorted(shared)}
        if entity["type"] in ("PERSON", "ORG") and countries and kb.countries:
            if countries & set(kb.countries):
                score += 0.03
                evidence["shared_countries"] = sorted(countries & set(kb.countries))
            else:
                score -= 0.2  # same name, different parts of the world: likely a namesake
                evidence["no_shared_country"] = sorted(countries)
        together = self._co_occurring(kb) & linked
        if together:
            score += min(0.1, 0.05 * len(together))
            evidence["co_occurring"] = len(together)
        return Candidate(kb, min(score, 1.0), method, evidence)

    def _co_occurring(self, kb: KbEntityRow) -> set[int]:
        documents = (
            select(EntityRow.document_id)
            .join(KbLinkRow, KbLinkRow.entity_pk == EntityRow.pk)
            .where(KbLinkRow.kb_pk == kb.pk, KbLinkRow.active.is_(True))
            .limit(50)
        )
        return set(
            self.session.scalars(
                select(KbLinkRow.kb_pk)
                .join(EntityRow, EntityRow.pk == KbLinkRow.entity_pk)
                .where(EntityRow.document_id.in_(documents), KbLinkRow.active.is_(True))
            )
        ) - {kb.pk}

    def _record(
        self, row: EntityRow, entity: dict, kb: KbEntityRow, candidate: Candidate, countries: set[str],
        existing: set[str],
    ) -> None:
        row.kb_id = kb.kb_id
        names = {entity["name"], *entity["aliases"]}
        kb.aliases = sorted((set(kb.aliases) | names) - {kb.name})
        if len(name_tokens(entity["name"])) > len(name_tokens(kb.name)):
            kb.aliases = sorted((set(kb.aliases) | {kb.name}) - {entity["name"]})
            kb.name = entity["name"]  # the fullest name seen anywhere
        if entity["type"] in ("PERSON", "ORG"):
            kb.countries = sorted(set(kb.countries) | countries)
        elif (entity.get("geo") or {}).get("country"):
            kb.countries = sorted(set(kb.countries) | {entity["geo"]["country"]})
        kb.documents += 1
        keys = blocking_keys(entity) | short_form_keys(entity)[0]
        if kb.type == "PERSON" and not surname_only(name_tokens(kb.name)):
            # A person known by a full name keeps no bare-surname key: 'Hadley' in an unrelated story must
            # not become an exact match through an earlier short-form merge.
            surnames = {
                k for k in keys | existing if k.startswith("name:") and surname_only(tuple(k.split(":", 2)[2].split()))
            }
            keys -= surnames
            if stale := surnames & existing:
                self.session.execute(delete(KbKeyRow).where(KbKeyRow.kb_pk == kb.pk, KbKeyRow.key.in_(stale)))
        self.session.add_all(KbKeyRow(key=k, kb_pk=kb.pk) for k in sorted(keys - existing))  # sorted: runs are reproducible
        self.session.add(
            KbLinkRow(
                entity_pk=row.pk,
                kb_pk=kb.pk,
                method=candidate.method,
                score=round(candidate.score, 3),
                evidence=candidate.evidence,
                active=True,
            )
        )

    def split(self, entity_pk: int) -> KbEntityRow:
        """Undo a merge: the document entity leaves its KB entity for a new one; the old link stays,
        inactive, as the record of the decision."""
        row = self.session.get(EntityRow, entity_pk)
        if row is None:
            raise KeyError(entity_pk)
        previous = []
        for link in self.session.scalars(
            select(KbLinkRow).where(KbLinkRow.entity_pk == entity_pk, KbLinkRow.active.is_(True))
        ):
            link.active = False
            old = self.session.get(KbEntityRow, link.kb_pk)
            old.documents = max(0, old.documents - 1)
            previous.append(old.kb_id)
        kb = KbEntityRow(
            kb_id="",
            name=row.name,
            type=row.type,
            aliases=list(row.aliases),
            countries=[],
            actor_id=None,
            documents=1,
        )
        self.session.add(kb)
        self.session.flush()
        kb.kb_id = f"kb{kb.pk}"
        row.kb_id = kb.kb_id
        self.session.add(
            KbLinkRow(
                entity_pk=row.pk,
                kb_pk=kb.pk,
                method="manual",
                score=1.0,
                evidence={"split_from": previous},
                active=True,
            )
        )
        return kb
