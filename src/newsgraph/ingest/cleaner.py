"""Strip page chrome (menus, share buttons, teasers, captions) from plain text, by rules kept in data."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import dateparser


@dataclass
class CleanedText:
    text: str
    title: str | None = None
    published: str | None = None
    dropped: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ChromeRules:
    drop_lines: frozenset[str]
    drop_patterns: tuple[re.Pattern, ...]
    stop_patterns: tuple[re.Pattern, ...]
    date_patterns: tuple[re.Pattern, ...]
    title_max_chars: int

    @classmethod
    def from_json(cls, raw: dict) -> ChromeRules:
        compile_all = lambda key: tuple(re.compile(p, re.I) for p in raw.get(key, []))  # noqa: E731
        return cls(
            drop_lines=frozenset(line.lower() for line in raw.get("drop_lines", [])),
            drop_patterns=compile_all("drop_patterns"),
            stop_patterns=compile_all("stop_patterns"),
            date_patterns=compile_all("date_patterns"),
            title_max_chars=int(raw.get("title_max_chars", 160)),
        )


@lru_cache(maxsize=1)
def default_rules() -> ChromeRules:
    raw = json.loads(resources.files("newsgraph.data").joinpath("chrome_rules.json").read_text("utf-8"))
    return ChromeRules.from_json(raw)


def parse_date(text: str) -> str | None:
    """An ISO date for a free-form date string, or None; never guesses missing parts from today."""
    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False},
    )
    return parsed.date().isoformat() if parsed else None


def _is_chrome(line: str, rules: ChromeRules) -> bool:
    lowered = line.lower().rstrip(" :|")
    return lowered in rules.drop_lines or any(p.match(line) for p in rules.drop_patterns)


def _metadata_date(line: str, rules: ChromeRules) -> str | None:
    for pattern in rules.date_patterns:
        match = pattern.match(line)
        if match:
            return parse_date(match.group("date"))
    return None


def _looks_like_title(line: str, rules: ChromeRules) -> bool:
    return 0 < len(line) <= rules.title_max_chars and not line.endswith((".", ":", ";", ",")) and " " in line


def clean_text(raw: str, rules: ChromeRules | None = None, detect_title: bool = True) -> CleanedText:
    """Drop chrome lines, cut the footer, and take a leading title and a 'Published:' date line."""
    rules = rules or default_rules()
    kept: list[str] = []
    result = CleanedText(text="")
    for raw_line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = " ".join(raw_line.split())
        if not line:
            if kept and kept[-1]:
                kept.append("")
            continue
        if any(p.match(line) for p in rules.stop_patterns):
            result.dropped.append(line)
            break
        if result.published is None and len(line) < 80:
            date = _metadata_date(line, rules)
            if date:
                result.published = date
                result.dropped.append(line)
                continue
        if _is_chrome(line, rules):
            result.dropped.append(line)
            continue
        kept.append(line)
    paragraphs = [line for line in "\n".join(kept).split("\n\n") if line.strip()]
    if (
        detect_title
        and len(paragraphs) > 1
        and "\n" not in paragraphs[0]
        and _looks_like_title(paragraphs[0], rules)
    ):
        result.title = paragraphs.pop(0)
    result.text = "\n\n".join(p.strip() for p in paragraphs)
    return result
