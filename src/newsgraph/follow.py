"""`newsgraph follow`: watch feeds as news breaks. Each round fetches every feed (conditional GET), takes
the entries it has not handled before, fetches the article page of each entry whose feed gives only a
teaser, and stores the documents through the normal batch. What it has seen and each feed's validators
and health live in the store, so a restarted follower fetches nothing twice."""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from newsgraph.errors import InputError
from newsgraph.ingest.decode import decode_text
from newsgraph.ingest.document import Document
from newsgraph.ingest.feeds import FeedEntry, feed_entries
from newsgraph.ingest.fetch import Fetcher
from newsgraph.ingest.html import extract_html
from newsgraph.runner import Batch
from newsgraph.store.feeds import FeedState
from newsgraph.store.repository import Store

FAILING_AFTER = 3  # rounds in a row after which a feed is reported as failing
_DURATION = re.compile(r"^(\d+(?:\.\d+)?)\s*([smhd]?)$")


def parse_duration(text: str) -> float:
    """'90', '90s', '15m', '2h', '1d' -> seconds."""
    match = _DURATION.match(text.strip().lower())
    if not match:
        raise ValueError(f"not a duration: {text!r} (use e.g. 30s, 15m, 2h)")
    return float(match.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[match.group(2)]


def read_sources(sources: Iterable[str]) -> list[str]:
    """Feed URLs from URLs themselves, OPML files (every outline's xmlUrl) and text files (one URL a line,
    '#' comments), in order, without repeats."""
    urls: list[str] = []
    for source in sources:
        if re.match(r"^[a-z][a-z0-9+.-]*://", source, re.I):
            urls.append(source)
            continue
        path = Path(source)
        text = path.read_text("utf-8")
        if path.suffix.lower() in (".opml", ".xml") or text.lstrip().startswith("<"):
            urls += [o.get("xmlUrl") for o in ET.fromstring(text).iter("outline") if o.get("xmlUrl")]
        else:
            urls += [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return list(dict.fromkeys(urls))


@dataclass
class RoundReport:
    feeds: int = 0
    not_modified: int = 0
    new_entries: int = 0
    stored: int = 0
    failed: int = 0
    failing_feeds: int = 0
    seconds: float = 0.0


class Follower:
    def __init__(self, nlp: Language, store: Store, fetcher: Fetcher, on_error: Callable[[InputError], None],
                 on_warning: Callable[[str], None] = lambda line: None) -> None:
        self.nlp = nlp
        self.store = store
        self.fetcher = fetcher
        self.on_error = on_error
        self.on_warning = on_warning
        self.state = FeedState(store.engine)
        self._batch: Batch | None = None

    def _round_batch(self) -> Batch:
        """One batch for the round's new entries, made on the first one: a batch loads the store's
        near-duplicate index, which a round with nothing new never needs."""
        if self._batch is None:
            self._batch = Batch(self.nlp, self.on_error, store=self.store)
        return self._batch

    def round(self, urls: list[str]) -> RoundReport:
        started = time.perf_counter()
        report = RoundReport(feeds=len(urls))
        self._batch = None
        for url in urls:
            self._feed(url, report)
        for feed in self.state.all():
            if feed.url in urls and feed.failures >= FAILING_AFTER:
                report.failing_feeds += 1
                self.on_warning(f"feed {feed.url} has failed {feed.failures} rounds in a row: {feed.last_error}")
        report.seconds = time.perf_counter() - started
        return report

    def _feed(self, url: str, report: RoundReport) -> None:
        status = self.state.status(url)
        try:
            response = self.fetcher.get(url, status.etag, status.last_modified)
            if response.status == 304:
                report.not_modified += 1
                self.state.succeeded(url, response.etag, response.last_modified)
                return
            entries = feed_entries(response.body, url)
        except InputError as error:
            failures = self.state.failed(url, error.reason)
            report.failed += 1
            suffix = f" ({failures} rounds in a row)" if failures > 1 else ""
            self.on_error(InputError(error.source, error.reason + suffix))
            return
        self.state.succeeded(url, response.etag, response.last_modified)
        new = self.state.unseen(url, [e.key for e in entries])
        fresh = [e for e in entries if e.key in new]
        report.new_entries += len(fresh)
        for entry in fresh:
            self._entry(url, entry, report)

    def _entry(self, feed_url: str, entry: FeedEntry, report: RoundReport) -> None:
        batch = self._round_batch()
        stored, failed = batch.report.stored, batch.report.failed
        try:
            for _ in batch.run_documents([self._document(entry, feed_url)]):
                pass
        except InputError as error:  # the page could not be fetched or read
            batch.fail(error)
        stored, failed = batch.report.stored - stored, batch.report.failed - failed
        report.stored += stored
        report.failed += failed
        outcome = "stored" if stored else ("failed" if failed else "duplicate")
        self.state.handled(feed_url, entry.key, entry.link, outcome)

    def _document(self, entry: FeedEntry, feed_url: str) -> Document:
        """The entry's own text when the feed carries the article, else the article page."""
        source = entry.link or entry.key
        if entry.full_text or not entry.link:
            if len(entry.text.split()) < 5:
                raise InputError(source, "feed entry has no text and no link")
            return Document(source=source, text=entry.text, title=entry.title, published=entry.published,
                            format="feed")
        response = self.fetcher.get(entry.link)
        document = extract_html(decode_text(response.body, entry.link), entry.link, url=entry.link)
        document.title = document.title or entry.title
        document.published = document.published or entry.published
        return document


def follow(follower: Follower, urls: list[str], every: float, once: bool,
           on_round: Callable[[RoundReport], None]) -> RoundReport:
    """Rounds until interrupted (or one round with `once`); returns the last round's report."""
    while True:
        report = follower.round(urls)
        on_round(report)
        if once:
            return report
        time.sleep(max(0.0, every - report.seconds))
