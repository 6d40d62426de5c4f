"""re3d (Dstl, defence and security documents from seven publishers; licence per folder): entity spans
and types with crowd confidence, relations including IsSynonymOf (name variants) and the analyst relations
(CoLocated, FightingAgainst, AlliesOf, CommWith, InChargeOf, BelongsTo, Likes, Dislikes, ...). Gold labels are the
rows with confidence >= 0.5 (the alternatives of a span carry confidence 0)."""

from __future__ import annotations

import json
from pathlib import Path

from corpora.model import GoldDocument, GoldMention, GoldRelation, is_named
from corpora.split import half_of

TYPES = {"Person": "PERSON", "Organisation": "ORG", "Location": "PLACE", "Nationality": "OTHER"}


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


NAME_PARTICLES = {"of", "and", "the", "for", "al", "el", "de", "in", "to", "bin", "ibn", "al-"}


def is_proper_name(value: str) -> bool:
    """A name, not a description: it opens with a capital (no determiner) and every word but particles is
    capitalised or an acronym ('Islamic State of Iraq and the Levant', 'ISIL'; not 'commander of X',
    'the Iraqi Foreign Minister', '8 km')."""
    words = value.replace("-", " ").split()
    if not words or not words[0][:1].isupper() or words[0].lower() in ("the", "a", "an"):
        return False
    return all(w[:1].isupper() or w.lower() in NAME_PARTICLES for w in words) and any(c.isalpha() for c in value)


def load(benchmarks: Path) -> list[GoldDocument]:
    root = benchmarks / "real" / "re3d"
    documents: list[GoldDocument] = []
    for source in sorted(p for p in root.glob("*") if (p / "documents.json").exists()):
        by_id: dict[str, GoldDocument] = {}
        for row in _rows(source / "documents.json"):
            doc = GoldDocument("re3d", row["_id"], row["text"], half_of(f"re3d:{row['_id']}"),
                               title=row.get("title"), topic=source.name)
            by_id[row["_id"]] = doc
            documents.append(doc)
        for row in _rows(source / "entities.json"):
            doc = by_id.get(row["documentId"])
            if doc is None or row.get("confidence", 0) < 0.5 or row["type"] not in TYPES:
                continue
            start, end = row["begin"], row["end"]
            if doc.text[start:end] != row["value"]:
                continue  # the five rows whose offsets do not match their text (normalised quotes)
            doc.mentions.append(
                GoldMention(start, end, TYPES[row["type"]], is_named(row["value"]), corpus_type=row["type"],
                            id=row["_id"])
            )
        for row in _rows(source / "relations.json"):
            doc = by_id.get(row["documentId"])
            if doc is not None and row["type"] != "IsSynonymOf" and row.get("confidence", 0) >= 0.5:
                doc.relations.append(GoldRelation(row["type"], (row["sourceBegin"], row["sourceEnd"]),
                                                  (row["targetBegin"], row["targetEnd"]), row.get("value", "")))
            if doc is not None and row["type"] == "IsSynonymOf" and row.get("confidence", 0) >= 0.5:
                pair = ((row["sourceBegin"], row["sourceEnd"]), (row["targetBegin"], row["targetEnd"]))
                if not all(is_proper_name(doc.text[a:b]) for a, b in pair):
                    continue  # role descriptions, unit conversions, coordinates: not name variants
                if tuple(reversed(pair)) not in doc.synonyms:
                    doc.synonyms.append(pair)
    _places_acting(documents)
    return documents


def country_names() -> set[str]:
    """Country names and their short forms from the countryinfo package (REST Countries data)."""
    import countryinfo

    names: set[str] = set()
    for country in countryinfo.all_countries():
        try:
            names.add(country.name().title())
            names.update(s for s in country.alt_spellings() if len(s) > 1)
        except Exception:  # a record without names
            continue
    return names


def _places_acting(documents: list[GoldDocument]) -> None:
    """re3d types a country or city as Organisation where it acts ('Syria has accused'); the contract
    types a geopolitical name PLACE whatever it does. A country name (countryinfo) or a name re3d itself
    annotates as a Location anywhere in the corpus is mapped to PLACE (corpus_type keeps re3d's label)."""
    places = {d.text[m.start : m.end] for d in documents for m in d.mentions if m.corpus_type == "Location"}
    places |= country_names()
    places |= {f"the {p}" for p in places} | {f"The {p}" for p in places}
    for document in documents:
        for mention in document.mentions:
            if mention.corpus_type == "Organisation" and document.text[mention.start : mention.end] in places:
                mention.type = "PLACE"
