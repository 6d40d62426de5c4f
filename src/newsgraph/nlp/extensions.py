"""The Doc extensions newsgraph's components write. Values are plain JSON-like data so docs pickle
and cross process boundaries (nlp.pipe with n_process > 1)."""

from __future__ import annotations

from spacy.tokens import Doc

DOC_EXTENSIONS = {
    "document": None,  # the contract's document object (id, source, title, published, ...)
    "entities": None,  # list of entity dicts (contract shape), ids "e1", "e2", ...
    "token_entity": None,  # per token: entity id or None
    "quotes": None,
    "events": None,
    "relations": None,
    "claims": None,
}


def register_extensions() -> None:
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def entity_id_for(doc: Doc, start_token: int, end_token: int, prefer_last: bool = False) -> str | None:
    """The entity id a token range belongs to (the first, or last, linked token inside it)."""
    index = doc._.token_entity or []
    tokens = range(end_token - 1, start_token - 1, -1) if prefer_last else range(start_token, end_token)
    for i in tokens:
        if i < len(index) and index[i]:
            return index[i]
    return None


def entity_by_id(doc: Doc, entity_id: str | None) -> dict | None:
    if entity_id is None:
        return None
    return next((e for e in doc._.entities or [] if e["id"] == entity_id), None)


register_extensions()


def merge_entities(doc: Doc, keep_id: str, drop_id: str) -> None:
    """Fold entity `drop_id` into `keep_id`: mentions, aliases, the token index, and every reference that
    components already wrote (quote speakers, event roles, relations)."""
    entities = doc._.entities or []
    keep = entity_by_id(doc, keep_id)
    drop = entity_by_id(doc, drop_id)
    if keep is None or drop is None or keep is drop:
        return
    keep["mentions"] = sorted(keep["mentions"] + drop["mentions"], key=lambda m: m["start"])
    names = {keep["name"], drop["name"], *keep["aliases"], *drop["aliases"]}
    keep["name"] = (
        max(names, key=lambda n: (len(n.split()), len(n))) if keep["type"] != "PLACE" else keep["name"]
    )
    keep["aliases"] = sorted(names - {keep["name"]})
    doc._.entities = [e for e in entities if e is not drop]
    doc._.token_entity = [keep_id if e == drop_id else e for e in doc._.token_entity or []]
    for section, fields in (
        ("quotes", ("speaker",)),
        ("events", ("actor", "target", "location", "attributed_to")),
        ("relations", ("subject", "object")),
    ):
        for item in getattr(doc._, section) or []:
            for name in fields:
                if item.get(name) == drop_id:
                    item[name] = keep_id
