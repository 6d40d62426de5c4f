"""The one place an enriched Doc becomes the contract's JSON (../shared/contract.md, v1)."""

from __future__ import annotations

from spacy.tokens import Doc

CONTRACT_VERSION = "1"


def doc_to_contract(doc: Doc) -> dict:
    document = dict(doc._.document or {})
    document["text"] = doc.text
    document.setdefault("language", "en")
    return {
        "document": document,
        "entities": list(doc._.entities or []),
        "quotes": list(doc._.quotes or []),
        "events": list(doc._.events or []),
        "relations": list(doc._.relations or []),
        "claims": list(doc._.claims or []),
        "contract_version": CONTRACT_VERSION,
    }
