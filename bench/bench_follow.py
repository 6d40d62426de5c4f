"""Follower overhead: 100 feeds served on 127.0.0.1 by a server started here. Round 1 stores one entry per
feed; round 2 finds every feed unchanged (304 to the conditional GET); round 3 gets every feed in full
again (no validators) with nothing new in it. Target: a round with nothing new under 2 s. The per-host
delay is 0 here because all feeds share one local host (in the field it spaces requests to one site)."""

from __future__ import annotations

import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from common import Section

TITLE = "Feed follower overhead (100 local feeds)"
FEEDS = 100
WORDS = ["engineers", "inspected", "the", "northern", "dam", "district", "reported", "new", "cracks", "wall", "council", "river", "mayor", "town", "bridge", "flood", "water", "rose", "overnight", "ordered", "evacuation", "families", "shelter", "roads", "closed", "police", "said", "rescue", "boats", "reached", "villages", "power", "lines", "fell", "schools", "shut", "farmers", "crops", "lost"]


def _feed(i: int) -> bytes:
    import random

    rng = random.Random(i)  # a distinct story per feed, so none is a near-duplicate of another
    body = " ".join(" ".join(rng.choice(WORDS) for _ in range(14)).capitalize() + "." for _ in range(12))
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>f</title><link>http://127.0.0.1/</link>'
        f"<description>d</description><item><guid>entry-{i}</guid><title>Dam report {i}</title>"
        f"<link>http://127.0.0.1/a/{i}</link><description>{body}</description></item></channel></rss>"
    ).encode()


def run() -> Section:
    from newsgraph.follow import Follower
    from newsgraph.ingest.fetch import AddressPolicy, Fetcher
    from newsgraph.nlp.pipeline import build_pipeline
    from newsgraph.store.db import make_engine
    from newsgraph.store.repository import Store

    validators = {"on": True}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            return

        def do_GET(self) -> None:  # noqa: N802
            if not self.path.startswith("/feed/"):
                self.send_response(404)
                self.end_headers()
                return
            i = int(self.path.rsplit("/", 1)[1])
            etag = f'"{i}"'
            if validators["on"] and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.end_headers()
                return
            body = _feed(i)
            self.send_response(200)
            if validators["on"]:
                self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    urls = [f"http://127.0.0.1:{httpd.server_address[1]}/feed/{i}" for i in range(FEEDS)]
    try:
        with tempfile.TemporaryDirectory() as folder:
            store = Store(make_engine(f"sqlite:///{Path(folder) / 'follow.db'}"))
            fetcher = Fetcher(policy=AddressPolicy(allow_private=True), delay=0)
            follower = Follower(build_pipeline(), store, fetcher, lambda e: None)
            first = follower.round(urls)
            second = follower.round(urls)
            validators["on"] = False
            started = time.perf_counter()
            third = follower.round(urls)
            third_seconds = time.perf_counter() - started
            fetcher.close()
    finally:
        httpd.shutdown()
    lines = [
        "| round | feeds | unchanged (304) | new entries | stored | failed | seconds | target |",
        "|---|---|---|---|---|---|---|---|",
        f"| 1: every entry new | {first.feeds} | {first.not_modified} | {first.new_entries} | {first.stored} | "
        f"{first.failed} | {first.seconds:.2f} | |",
        f"| 2: nothing new, conditional GET | {second.feeds} | {second.not_modified} | {second.new_entries} | "
        f"{second.stored} | {second.failed} | **{second.seconds:.2f}** | < 2 s |",
        f"| 3: nothing new, full feeds re-read | {third.feeds} | {third.not_modified} | {third.new_entries} | "
        f"{third.stored} | {third.failed} | **{third_seconds:.2f}** | < 2 s |",
    ]
    return Section(TITLE, "\n".join(lines) + "\n")


if __name__ == "__main__":
    print(run().markdown)
