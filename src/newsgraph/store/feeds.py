"""What a feed follower remembers between rounds and restarts: each feed's validators and health, and
the entries already handled."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from newsgraph.store.schema import FeedEntryRow, FeedRow, utc_now


@dataclass
class FeedStatus:
    url: str
    etag: str | None
    last_modified: str | None
    failures: int
    errors_total: int
    last_error: str | None
    entries_seen: int


def _key_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class FeedState:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def _feed(self, session: Session, url: str) -> FeedRow:
        feed = session.scalar(select(FeedRow).where(FeedRow.url == url))
        if feed is None:
            feed = FeedRow(url=url, failures=0, errors_total=0, entries_seen=0)
            session.add(feed)
            session.flush()
        return feed

    def status(self, url: str) -> FeedStatus:
        with Session(self.engine) as session, session.begin():
            f = self._feed(session, url)
            return FeedStatus(f.url, f.etag, f.last_modified, f.failures, f.errors_total, f.last_error, f.entries_seen)

    def all(self) -> list[FeedStatus]:
        with Session(self.engine) as session:
            return [
                FeedStatus(f.url, f.etag, f.last_modified, f.failures, f.errors_total, f.last_error, f.entries_seen)
                for f in session.scalars(select(FeedRow).order_by(FeedRow.url))
            ]

    def succeeded(self, url: str, etag: str | None, last_modified: str | None) -> None:
        with Session(self.engine) as session, session.begin():
            feed = self._feed(session, url)
            feed.etag, feed.last_modified = etag or feed.etag, last_modified or feed.last_modified
            feed.last_checked = feed.last_success = utc_now()
            feed.failures = 0

    def failed(self, url: str, reason: str) -> int:
        """Record a failed round for the feed; returns its failures in a row."""
        with Session(self.engine) as session, session.begin():
            feed = self._feed(session, url)
            feed.last_checked = utc_now()
            feed.failures += 1
            feed.errors_total += 1
            feed.last_error = reason
            return feed.failures

    def unseen(self, url: str, keys: list[str]) -> set[str]:
        """The keys of `keys` this feed has not handled yet."""
        with Session(self.engine) as session, session.begin():
            feed = self._feed(session, url)
            hashes = {_key_hash(k): k for k in keys}
            seen = set(
                session.scalars(
                    select(FeedEntryRow.key_hash).where(
                        FeedEntryRow.feed_pk == feed.pk, FeedEntryRow.key_hash.in_(list(hashes))
                    )
                )
            )
            return {k for h, k in hashes.items() if h not in seen}

    def handled(self, url: str, key: str, link: str | None, outcome: str) -> None:
        with Session(self.engine) as session, session.begin():
            feed = self._feed(session, url)
            key_hash = _key_hash(key)
            exists = session.scalar(
                select(FeedEntryRow.pk).where(FeedEntryRow.feed_pk == feed.pk, FeedEntryRow.key_hash == key_hash)
            )
            if exists is None:
                session.add(FeedEntryRow(feed_pk=feed.pk, key_hash=key_hash, key=key, link=link, outcome=outcome))
                feed.entries_seen += 1
