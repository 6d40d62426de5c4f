"""RSS and Atom feeds to documents, one per entry that carries its content inline."""

from __future__ import annotations

import time
from collections.abc import Iterator

import feedparser

from newsgraph.errors import InputError
from newsgraph.ingest.cleaner import clean_text
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
        title = (entry.get("title") or "").strip() or None
        yield Document(
            source=entry_source, text=text, title=title, published=_entry_date(entry), format="feed"
        )


def looks_like_feed(head: str) -> bool:
    head = head[:2048].lower()
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head
