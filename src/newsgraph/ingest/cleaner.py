"""Strip page chrome (menus, share buttons, teasers, captions) from plain text, by rules kept in data."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import dateparser
from ftfy import TextFixerConfig, fix_text


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
    date_line_words: frozenset[str] = frozenset()

    @classmethod
    def from_json(cls, raw: dict) -> ChromeRules:
        compile_all = lambda key: tuple(re.compile(p, re.I) for p in raw.get(key, []))  # noqa: E731
        return cls(
            drop_lines=frozenset(line.lower() for line in raw.get("drop_lines", [])),
            drop_patterns=compile_all("drop_patterns"),
            stop_patterns=compile_all("stop_patterns"),
            date_patterns=compile_all("date_patterns"),
            title_max_chars=int(raw.get("title_max_chars", 160)),
            date_line_words=frozenset(raw.get("date_line_words", [])),
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


# a time of day as pages print it, spaces and all: '7:38pm', '7: 40 PM', '10: 55 P. M.', '15:14'
_TIME_OF_DAY = re.compile(r"\b\d{1,2}\s*:\s*\d{2}(\s*:\s*\d{2})?(\s*[ap]\.?\s*m\b\.?)?", re.I)
_TIME_ZONE = re.compile(r"[A-Z]{1,4}T")  # 'EAT', 'WAT', 'SAST', 'AEDT': zones the word list may lack
_YEAR = re.compile(r"\b(1[89]|20)\d{2}\b")
LEADING_LINES = 4  # a page's printed date stands among its first lines, by the headline


def printed_date(line: str, rules: ChromeRules | None = None) -> str | None:
    """The date of a line that holds nothing but a date, with its time and a posting label ('June 6th,
    2013 7:38pm EDT', 'Posted 12 / 19 / 2005 3:36 PM', 'Saturday, August 24, 2013'): the date a page
    prints under its headline. A line with any other word, or without day, month and year, is none."""
    rules = rules or default_rules()
    if len(line) > 60 or not _YEAR.search(line):
        return None
    bare = _TIME_OF_DAY.sub(" ", line)
    if any(
        word.lower() not in rules.date_line_words and not _TIME_ZONE.fullmatch(word)
        for word in re.findall(r"[^\W\d_]+", bare)
    ):
        return None
    bare = re.sub(r"\s*([/.-])\s*(?=\d)", r"\1", bare)  # '12 / 19 / 2005' as a tokeniser spaced it
    label = re.match(r"^\s*((last\s+)?(posted|updated|published)|first\s+published)\s*(on|at)?\s*:?", bare, re.I)
    return parse_date(bare[label.end():] if label else bare)


def _looks_like_title(line: str, rules: ChromeRules) -> bool:
    return 0 < len(line) <= rules.title_max_chars and not line.endswith((".", ":", ";", ",")) and " " in line


_LIST_MARK = re.compile(r"^[•·▪►»|*>+–-]\s*\S")
_SENTENCE_END = (".", "!", "?", "\"", "”", "’", "'", ":", ";", ")")
NAV_RUN = 3  # this many short lines in a row (blank lines aside) are a menu, a share bar or a tag list
NAV_WORDS = 3  # a navigation item has at most this many words
PROSE_BEFORE_FOOTER = 50  # words of prose kept before a footer line may end the article


def _is_nav_item(line: str) -> bool:
    """A line shaped like a menu entry, a share button or a tag: a few words, no sentence punctuation."""
    words = line.split()
    return len(words) <= NAV_WORDS and len(line) <= 40 and not line.endswith(_SENTENCE_END)


def _is_list_chrome(line: str) -> bool:
    """'• facebook', '| Share', '» More news': a short list-marked line."""
    return bool(_LIST_MARK.match(line)) and len(line.split()) <= 6 and not line.endswith(_SENTENCE_END)


def _shape_chrome(lines: list[str]) -> set[int]:
    """Indexes of lines that are chrome by their shape alone: runs of navigation items, short lines the
    page repeats, list-marked short lines. A single short line between paragraphs (a subheading) stays."""
    chrome: set[int] = set()
    counts = Counter(line for line in lines if line)
    run: list[int] = []
    for index, line in enumerate([*lines, "a closing line that ends every run."]):
        if not line:
            continue
        if index < len(lines) and _is_nav_item(line):
            run.append(index)
            continue
        if len(run) >= NAV_RUN:
            chrome.update(run)
        run = []
    for index, line in enumerate(lines):
        if line and ((counts[line] > 1 and _is_nav_item(line)) or _is_list_chrome(line)):
            chrome.add(index)
    return chrome


def _prose_words(line: str) -> int:
    words = line.split()
    return len(words) if len(words) >= 8 else 0


# Only the encoding repairs: curly quotes, full-width forms and line breaks are the article's own.
_REPAIR = TextFixerConfig(
    unescape_html=False, uncurl_quotes=False, fix_character_width=False, fix_line_breaks=False, explain=False
)


def repair_text(text: str) -> str:
    """Text decoded with the wrong charset somewhere upstream ('â€œ' for '“', 'Ã©' for 'é', as archives
    and re-published wire copy often carry) is repaired before anything parses it. ftfy changes only
    sequences far likelier to be mis-decoded than meant, so clean text passes through unchanged."""
    return fix_text(text, config=_REPAIR)


def clean_text(
    raw: str, rules: ChromeRules | None = None, detect_title: bool = True, by_shape: bool = True
) -> CleanedText:
    """Drop chrome lines (by rule and, unless `by_shape` is off, by shape), cut the footer, and take a
    leading title and a 'Published:' date line. Text an extractor already took from a page's layout
    (trafilatura) is cleaned by rule only: its short lines are list items, not menus."""
    rules = rules or default_rules()
    raw = repair_text(raw)
    kept: list[str] = []
    result = CleanedText(text="")
    lines = [" ".join(line.split()) for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    shaped = _shape_chrome(lines) if by_shape else set()
    prose_after = [0] * (len(lines) + 1)  # words of prose from each line to the end
    for index in range(len(lines) - 1, -1, -1):
        prose_after[index] = prose_after[index + 1] + _prose_words(lines[index])
    prose = 0
    for index, line in enumerate(lines):
        if not line:
            if kept and kept[-1]:
                kept.append("")
            continue
        if any(p.match(line) for p in rules.stop_patterns):
            result.dropped.append(line)
            if prose >= PROSE_BEFORE_FOOTER and prose_after[index] <= prose / 4:
                break  # a footer after the article; the same words in a header menu only drop the line
            continue
        if result.published is None and len(line) < 80:
            date = _metadata_date(line, rules) or (printed_date(line, rules) if len(kept) < LEADING_LINES else None)
            if date:
                result.published = date
                result.dropped.append(line)
                continue
        if _is_chrome(line, rules) or (index in shaped and not (detect_title and not kept)):
            result.dropped.append(line)
            continue
        kept.append(line)
        prose += _prose_words(line)
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
