"""Long documents in bounded pieces. A text over `max_chars` is cut at paragraph boundaries (else line,
sentence, then word boundaries) into pieces the model parses within bounded time and memory; each piece
goes through the pipeline alone, and their contracts are merged into one whose offsets are exact in the
whole text: mentions and spans shifted, entities with the same name (or gazetteer place) joined, every
entity and claim id renumbered, claims contested across pieces."""

from __future__ import annotations

import re
from typing import Any

from newsgraph.nlp.claims import ClaimBuilder
from newsgraph.nlp.names import match_key

MAX_PIECE_CHARS = 20_000  # about 4,000 tokens: a long feature article, parsed in well under a second
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"(?<=[.!?])\s+"), re.compile(r"\s+"))
_ENTITY_ID = re.compile(r"^e\d+$")
_CLAIM_ID = re.compile(r"^c\d+$")
_FACT_SECTION = {"event": "events", "relation": "relations", "quote": "quotes"}


def piece_bounds(text: str, max_chars: int = MAX_PIECE_CHARS) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces covering `text`, each at most `max_chars` long, cut at the
    strongest boundary found in the second half of the window."""
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > max_chars:
        window = text[start : start + max_chars]
        cut = max_chars
        for pattern in _BREAKS:
            ends = [m.end() for m in pattern.finditer(window, max_chars // 2)]
            if ends:
                cut = ends[-1]
                break
        bounds.append((start, start + cut))
        start += cut
    bounds.append((start, len(text)))
    return bounds


def _shift(value: Any, offset: int, ids: dict[str, str]) -> Any:
    """A copy with every start/end moved by `offset` and every local id replaced through `ids`."""
    if isinstance(value, dict):
        moved = {k: _shift(v, offset, ids) for k, v in value.items()}
        for key in ("start", "end"):
            if isinstance(value.get(key), int):
                moved[key] = value[key] + offset
        return moved
    if isinstance(value, list):
        return [_shift(v, offset, ids) for v in value]
    if isinstance(value, str) and (_ENTITY_ID.match(value) or _CLAIM_ID.match(value)):
        return ids.get(value, value)
    return value


def _entity_key(entity: dict) -> tuple[str, str]:
    place = (entity.get("geo") or {}).get("gazetteer_id")
    return (entity["type"], f"geo:{place}" if place else match_key(entity["name"]) or entity["name"])


def merge_pieces(document: dict, text: str, parts: list[tuple[int, dict]]) -> dict:
    """One contract for the whole text from (offset, contract) of each piece, in order."""
    entities: dict[tuple[str, str], dict] = {}
    merged: dict[str, list] = {"quotes": [], "events": [], "relations": [], "claims": []}
    for offset, contract in parts:
        ids: dict[str, str] = {}
        for entity in contract["entities"]:
            key = _entity_key(entity)
            if key not in entities:
                entities[key] = {**entity, "id": f"e{len(entities) + 1}", "aliases": [], "mentions": []}
            target = entities[key]
            ids[entity["id"]] = target["id"]
            names = {target["name"], *target["aliases"], entity["name"], *entity["aliases"]}
            if len(entity["name"]) > len(target["name"]):
                target["name"] = entity["name"]
            target["aliases"] = sorted(names - {target["name"]})
            target["mentions"] += _shift(entity["mentions"], offset, {})
        for number, claim in enumerate(contract["claims"], len(merged["claims"]) + 1):
            ids[claim["id"]] = f"c{number}"
        counts = {section: len(merged[section]) for section in merged}
        for section in merged:
            for item in contract[section]:
                moved = _shift(item, offset, ids)
                if section == "claims" and moved.get("kind") in _FACT_SECTION:
                    moved["fact_index"] = item["fact_index"] + counts[_FACT_SECTION[moved["kind"]]]
                merged[section].append(moved)
    for claim in merged["claims"]:
        claim["status"], claim["alternatives"] = "reported", []
    ClaimBuilder._contest(merged["claims"])  # accounts in different pieces may contradict each other
    first = parts[0][1]
    return {
        **first,
        "document": {**document, "text": text},
        "entities": list(entities.values()),
        **merged,
    }
