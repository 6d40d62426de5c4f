"""Relation component: holds_position, member_of, located_in and kinship relations from the parse,
plus located_in links up the gazetteer hierarchy for geocoded places."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.nlp.extensions import entity_by_id, entity_id_for, merge_entities
from newsgraph.nlp.names import load_data, title_words


class RelationExtractor:
    def __init__(self, max_title_tokens: int) -> None:
        data = load_data("relations.json")
        self.kinship = data["kinship"]
        self.membership = frozenset(data["membership"])
        self.titles = title_words()
        self.max_title_tokens = max_title_tokens

    def __call__(self, doc: Doc) -> Doc:
        relations: list[dict] = []
        seen: set[tuple] = set()
        for entity in doc._.entities or []:
            for mention in entity["mentions"]:
                span = doc.char_span(mention["start"], mention["end"], alignment_mode="expand")
                if span is None:
                    continue
                for relation in self._from_mention(doc, entity, span):
                    key = (relation["subject"], relation["predicate"], str(relation["object"]).lower())
                    if key not in seen:
                        seen.add(key)
                        relations.append(relation)
        for entity in doc._.entities or []:
            relations.extend(self._gazetteer_hierarchy(entity, seen))
        doc._.relations = relations
        self._elder_and_younger(doc)
        return doc

    @staticmethod
    def _elder_and_younger(doc: Doc) -> None:
        """'the elder Bush' / 'the younger Bush': a surname two namesakes share, resolved through the
        parent-child relation found between them."""
        people = [e for e in doc._.entities or [] if e["type"] == "PERSON"]
        for short in [e for e in people if len(e["name"].split()) == 1]:
            words = set()
            for mention in short["mentions"]:
                span = doc.char_span(mention["start"], mention["end"], alignment_mode="expand")
                words.add(doc[span.start - 1].lower_ if span is not None and span.start > 0 else "")
            if len(words) != 1 or not words & {"elder", "younger"}:
                continue
            family = {e["id"] for e in people if e is not short and e["name"].split()[-1] == short["name"]}
            for relation in doc._.relations or []:
                if (
                    relation["predicate"] == "child_of"
                    and {relation["subject"], relation["object"]} <= family
                ):
                    keep = relation["object"] if "elder" in words else relation["subject"]
                    merge_entities(doc, keep, short["id"])
                    break

    def _from_mention(self, doc: Doc, entity: dict, span: Span):
        if entity["type"] == "PERSON":
            title = self._title_before(doc, span)
            if title is not None:
                yield self._relation(
                    entity["id"], "holds_position", title.text, title.start_char, span.end_char
                )
            kin = self._possessive_kin(doc, entity, span)
            if kin is not None:
                yield kin
        head = span.root
        for appos in (c for c in head.children if c.dep_ == "appos"):
            yield from self._appositive(doc, entity, span, appos)
        if entity["type"] == "PLACE":
            for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "in"):
                target = self._linked_object(doc, prep, "PLACE")
                if target and target != entity["id"]:
                    yield self._relation(
                        entity["id"],
                        "located_in",
                        target,
                        span.start_char,
                        prep.right_edge.idx + len(prep.right_edge),
                    )

    def _possessive_kin(self, doc: Doc, entity: dict, span: Span) -> dict | None:
        """'Haftar's son Saddam Haftar', 'his son George W. Bush': the named person is kin of the possessor
        (a name before "'s", or for 'his'/'her' the nearest person named before)."""
        if span.start < 2 or doc[span.start - 1].lower_ not in self.kinship:
            return None
        predicate = self.kinship[doc[span.start - 1].lower_]
        marker = doc[span.start - 2]
        index = doc._.token_entity or []
        if marker.text in ("'s", "’s") and span.start >= 3:
            other = index[span.start - 3]
        elif marker.lower_ in ("his", "her", "their"):
            other = next(
                (
                    index[i]
                    for i in range(span.start - 3, -1, -1)
                    if index[i]
                    and index[i] != entity["id"]
                    and (entity_by_id(doc, index[i]) or {}).get("type") == "PERSON"
                ),
                None,
            )
        else:
            return None
        if not other or other == entity["id"] or (entity_by_id(doc, other) or {}).get("type") != "PERSON":
            return None
        return self._relation(entity["id"], predicate, other, marker.idx, span.end_char)

    def _title_before(self, doc: Doc, span: Span) -> Span | None:
        """The longest title phrase right before a person's name ('former vice president X')."""
        best = None
        for length in range(1, self.max_title_tokens + 1):
            start = span.start - length
            if start < 0:
                break
            candidate = doc[start : span.start]
            words = candidate.text.lower().replace(".", "")
            if words in self.titles or words.removeprefix("former ") in self.titles:
                best = candidate
        return best

    def _appositive(self, doc: Doc, entity: dict, span: Span, appos: Token):
        lemma = appos.lemma_.lower()
        phrase = doc[appos.left_edge.i : appos.right_edge.i + 1]
        of_prep = next((c for c in appos.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        end = phrase.end_char
        if entity["type"] == "PERSON" and lemma in self.kinship and of_prep is not None:
            other = self._linked_object(doc, of_prep, "PERSON")
            if other and other != entity["id"]:
                yield self._relation(entity["id"], self.kinship[lemma], other, span.start_char, end)
            return
        if entity["type"] == "PERSON" and (lemma in self.titles or lemma in self.membership):
            title_tokens = [t for t in phrase if t.dep_ not in ("det", "punct") and t.i <= appos.i]
            if lemma in self.titles:
                title = doc[title_tokens[0].i : appos.i + 1].text if title_tokens else appos.text
                yield self._relation(entity["id"], "holds_position", title, span.start_char, end)
            if of_prep is not None:
                group = self._linked_object(doc, of_prep, "ORG")
                if group:
                    yield self._relation(entity["id"], "member_of", group, span.start_char, end)
        if entity["type"] == "PLACE":
            for prep in (c for c in appos.children if c.dep_ == "prep" and c.lower_ == "in"):
                target = self._linked_object(doc, prep, "PLACE")
                if target and target != entity["id"]:
                    yield self._relation(entity["id"], "located_in", target, span.start_char, end)

    @staticmethod
    def _linked_object(doc: Doc, prep: Token, entity_type: str) -> str | None:
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is None:
            return None
        # "of Bashir Odayo", or "of the late senator Bashir Odayo" where the name is the noun's appositive
        for head in (pobj, *(c for c in pobj.children if c.dep_ == "appos")):
            entity_id = entity_id_for(doc, head.left_edge.i, head.i + 1, prefer_last=True)
            entity = entity_by_id(doc, entity_id)
            if entity and entity["type"] == entity_type:
                return entity_id
        return None

    @staticmethod
    def _gazetteer_hierarchy(entity: dict, seen: set[tuple]):
        geo = entity.get("geo")
        if not geo or entity["type"] != "PLACE":
            return
        first = entity["mentions"][0]
        for parent in (geo.get("admin1"), geo.get("country")):
            if parent and parent != entity["name"] and geo.get("feature") != "country":
                key = (entity["id"], "located_in", parent.lower())
                if key not in seen:
                    seen.add(key)
                    yield {
                        **RelationExtractor._relation(
                            entity["id"], "located_in", parent, first["start"], first["end"]
                        ),
                        "evidence": "gazetteer",
                    }

    @staticmethod
    def _relation(subject: str, predicate: str, obj: str, start: int, end: int) -> dict:
        return {
            "subject": subject,
            "predicate": predicate,
            "object": obj,
            "start": start,
            "end": end,
            "evidence": "text",
        }


@Language.factory("newsgraph_relations", default_config={"max_title_tokens": 4})
def make_relations(nlp: Language, name: str, max_title_tokens: int) -> RelationExtractor:
    return RelationExtractor(max_title_tokens)
