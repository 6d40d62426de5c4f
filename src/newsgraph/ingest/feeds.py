"""RSS and Atom feeds to documents, one per entry that carries its content inline."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass

import feedparser

from newsgraph.errors import InputError
from newsgraph.ingest.cleaner import clean_text, repair_text
from newsgraph.ingest.document import Document
from newsgraph.ingest.html import fragment_to_text


def _entry_content(entry) -> str:
    contents = entry.get("content") or []
    if contents:
        return max((c.get("value", "") for c in contents), key=len)
    return entry.get("summary", "") or ""


def _entry_date(entry) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed) if parsed else None


def iter_feed(data: bytes, source: str) -> Iterator[Document | InputError]:
    parsed = feedparser.parse(data)
    problem = getattr(parsed, "bozo_exception", None)
    results = list(_entries(parsed, source))
    if not any(isinstance(r, Document) for r in results) and (problem or not results):
        reason = str(problem).splitlines()[0] if problem else "no entries"
        yield InputError(source, f"malformed or empty feed: {reason}")
        return
    yield from results


def _entries(parsed, source: str) -> Iterator[Document | InputError]:
    for index, entry in enumerate(parsed.entries, 1):
        entry_source = entry.get("link") or f"{source}#{index}"
        text = clean_text(fragment_to_text(_entry_content(entry)), detect_title=False).text
        if len(text.split()) < 5:
            yield InputError(entry_source, "feed entry has no inline content (link or teaser only)")
            continue
        title = repair_text(entry.get("title") or "").strip() or None
        yield Document(
            source=entry_source, text=text, title=title, published=_entry_date(entry), format="feed"
        )


FULL_TEXT_WORDS = 80  # inline content this long is the article (teasers are one paragraph, 40-70 words)


@dataclass
class FeedEntry:
    key: str  # the entry's id, else its link: what a follower remembers as seen
    link: str | None
    title: str | None
    published: str | None
    text: str  # inline content, cleaned ('' when none)

    @property
    def full_text(self) -> bool:
        return len(self.text.split()) >= FULL_TEXT_WORDS


def feed_entries(data: bytes, source: str) -> list[FeedEntry]:
    """Every entry of a feed with its key, link and inline text; raises InputError for a broken feed."""
    parsed = feedparser.parse(data)
    if not parsed.entries:
        problem = getattr(parsed, "bozo_exception", None)
        reason = str(problem).splitlines()[0] if problem else "no entries"
        raise InputError(source, f"malformed or empty feed: {reason}")
    entries = []
    for index, entry in enumerate(parsed.entries, 1):
        link = entry.get("link") or None
        key = entry.get("id") or link or f"{source}#{index}"
        text = clean_text(fragment_to_text(_entry_content(entry)), detect_title=False).text
        title = repair_text(entry.get("title") or "").strip() or None
        entries.append(FeedEntry(key, link, title, _entry_date(entry), text))
    return entries


def looks_like_feed(head: str) -> bool:
    head = head[:2048].lower()
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head
