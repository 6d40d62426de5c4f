"""Name normalisation for matching: titles stripped, accents removed, transliteration variants folded.
The word lists live in data files (titles.json, transliteration.json)."""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources


def load_data(name: str) -> dict:
    return json.loads(resources.files("newsgraph.data").joinpath(name).read_text("utf-8"))


@lru_cache(maxsize=1)
def honorific_words() -> frozenset[str]:
    return frozenset(load_data("titles.json")["honorifics"])


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    return honorific_words() | frozenset(load_data("titles.json")["positions"])


@lru_cache(maxsize=1)
def organisation_cues() -> dict[str, frozenset[str]]:
    data = load_data("organisations.json")
    keys = ("descriptors", "name_heads", "generic_endings", "complement_heads", "employee_roles", "bodies", "legal_suffixes", "government_body_words", "police_nouns", "police_names",
            "officer_nouns", "officer_manner", "offices")
    return {key: frozenset(data[key]) for key in keys}


@lru_cache(maxsize=1)
def leading_function_words() -> frozenset[str]:
    return frozenset(load_data("function_words.json")["leading"])


@lru_cache(maxsize=1)
def _folding() -> tuple[frozenset[str], tuple[tuple[re.Pattern, str], ...]]:
    data = load_data("transliteration.json")
    return frozenset(data["particles"]), tuple((re.compile(a), b) for a, b in data["fold"])


def name_particles() -> frozenset[str]:
    """Words that join a surname ('al', 'van', 'de', 'lo'): 'al-Assad' and 'Lo Bianco' are surnames."""
    return _folding()[0]


def surname_only(tokens: tuple[str, ...]) -> bool:
    """A bare surname with any particles before it ('Williams', 'al-Assad', 'van der Bellen'), no given name."""
    particles = name_particles()
    return bool(tokens) and all(t in particles for t in tokens[:-1])


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


_POSSESSIVE = re.compile(r"['’]s?$")
# A quoted nickname inside a name ('Vincent "The Chin" X', "Ali 'Chemical' Y") is not part of the name's key.
_INNER_NICKNAME = re.compile(r"(?<=\w)\s+[\"“‘'][^\"”’']{1,40}[\"”’']\s+(?=\w)")
_NON_WORD = re.compile(r"[^\w\s'-]")


@lru_cache(maxsize=65536)
def name_tokens(text: str) -> tuple[str, ...]:
    """Lower-case, accent-free tokens with titles, possessives and a leading 'the' removed."""
    text = _INNER_NICKNAME.sub(" ", text)
    cleaned = _NON_WORD.sub(" ", strip_accents(text).replace("’", "'").lower())
    tokens = [_POSSESSIVE.sub("", t) for t in cleaned.replace("-", " - ").split()]
    tokens = [t for t in tokens if t and t != "-"]
    titles = title_words()
    while tokens and (tokens[0] in titles or tokens[0] == "the" or " ".join(tokens[:2]) in titles):
        tokens = tokens[2:] if " ".join(tokens[:2]) in titles else tokens[1:]
    return tuple(tokens)


@lru_cache(maxsize=65536)
def match_key(text: str) -> str:
    return " ".join(name_tokens(text))


@lru_cache(maxsize=65536)
def fold_token(token: str) -> str:
    """Fold one name part; initials ('H.', 'W') stay as they are, since they tell namesakes apart."""
    if len(token) <= 2:
        return token
    _, rules = _folding()
    for pattern, replacement in rules:
        token = pattern.sub(replacement, token)
    return token


_HYPHENATED = re.compile(r"\b(\w+)-(\w+)\b")


@lru_cache(maxsize=65536)
def skeleton(text: str) -> str:
    """A transliteration-insensitive key: particles dropped, hyphenated syllables joined ('Ke-qiang' and
    'Keqiang'; but 'al-Hadrami' loses its particle), each token folded."""
    particles, _ = _folding()
    text = _HYPHENATED.sub(lambda m: m[0] if m[1].lower() in particles else m[1] + m[2], text)
    tokens = [t for t in name_tokens(text) if t not in particles]
    return " ".join(fold_token(t) for t in tokens)


def initials(text: str) -> str:
    skip = {"of", "the", "and", "for", "in", "on", "de", "du", "la", "al", "&"}
    words = re.findall(r"[A-Za-z][\w']*", strip_accents(text))
    return "".join(w[0] for w in words if w.lower() not in skip).upper()


def acronym_forms(text: str) -> set[str]:
    """The acronyms a multi-word name may go by: its initials, with and without a trailing company form
    ('X Y Z NV' is XYZN or XYZ)."""
    words = text.split()
    suffixes = organisation_cues()["legal_suffixes"]
    while len(words) > 1 and words[-1].lower().rstrip(".") in suffixes:
        words.pop()
    return {initials(text), initials(" ".join(words))}


def organisation_key(text: str) -> str:
    """match_key without trailing company-form words ('Acme Corp.' and 'Acme Inc' are 'acme')."""
    tokens = list(name_tokens(text))
    cues = organisation_cues()
    suffixes = cues["legal_suffixes"]
    while len(tokens) > 1 and tokens[-1].rstrip(".") in suffixes:
        tokens.pop()
    bodies = cues["government_body_words"]  # 'the Interior Department', 'the Department of the Interior'
    if len(tokens) > 1 and tokens[-1] in bodies:
        tokens.pop()
    elif len(tokens) > 2 and tokens[0] in bodies and tokens[1] == "of":
        tokens = [t for t in tokens[2:] if t != "the"] or tokens
    return " ".join(tokens)
