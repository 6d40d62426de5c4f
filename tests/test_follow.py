"""`newsgraph follow` against a local HTTP server (127.0.0.1, started here) whose feeds change between
rounds: new entries are stored once, unchanged feeds answer 304, slow and huge pages fail with one line,
private destinations are refused unless allowed, and a restarted follower fetches nothing twice."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsgraph.errors import InputError
from newsgraph.follow import Follower, parse_duration, read_sources
from newsgraph.ingest.fetch import AddressPolicy, Fetcher
from newsgraph.store.db import make_engine
from newsgraph.store.repository import Store

ARTICLE = " ".join(
    ["Flood water rose across the lower town overnight and the mayor ordered the riverside streets evacuated."] * 3
)
LONG = " ".join([f"Paragraph {n}. Engineers inspected the northern dam and reported new cracks in its wall." for n in range(15)])


class Site:
    """Routes the test server answers: path -> (status, headers, body or callable, delay)."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple] = {}
        self.hits: Counter = Counter()
        self.conditional: Counter = Counter()


def make_handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # keep test output clean
            return

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            site.hits[self.path] += 1
            status, headers, body, delay = site.routes.get(self.path, (404, {}, b"missing", 0))
            if delay:
                time.sleep(delay)
            etag = headers.get("ETag")
            if etag and self.headers.get("If-None-Match") == etag:
                site.conditional[self.path] += 1
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            if callable(body):
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    body(self.wfile)
                return
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


@pytest.fixture()
def server():
    site = Site()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(site))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield site, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def rss(base: str, items: list[tuple[str, str, str]]) -> bytes:
    entries = "".join(
        f"<item><guid>{guid}</guid><title>{title}</title><link>{base}{link}</link>"
        f"<description>{body}</description></item>"
        for guid, title, link, body in [(g, t, li, b) for g, t, li, b in items]
    )
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>{base}/</link>'
            f"<description>d</description>{entries}</channel></rss>").encode()


def page(title: str, text: str) -> bytes:
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{text}</p></article></body></html>".encode()


def follower_for(tmp_path, nlp, errors, **fetch) -> Follower:
    fetcher = Fetcher(policy=fetch.pop("policy", AddressPolicy(allow_private=True)), delay=0, retries=0,
                      backoff=0.01, **fetch)
    return Follower(nlp, Store(make_engine(f"sqlite:///{tmp_path / 'follow.db'}")), fetcher, errors.append,
                    lambda line: errors.append(line))


def test_new_entries_once_unchanged_feeds_304_and_restart_fetches_nothing_twice(tmp_path, nlp, server):
    site, base = server
    feed = f"{base}/feed.xml"
    site.routes["/feed.xml"] = (200, {"ETag": '"v1"', "Content-Type": "application/rss+xml"},
                                rss(base, [("a", "Dam report", "/a", LONG), ("b", "Flood", "/b", "Teaser only.")]), 0)
    site.routes["/b"] = (200, {"Content-Type": "text/html"}, page("Flood", ARTICLE), 0)
    errors: list = []
    first = follower_for(tmp_path, nlp, errors).round([feed])
    assert (first.new_entries, first.stored, first.failed) == (2, 2, 0), errors
    assert site.hits["/b"] == 1 and site.hits["/a"] == 0  # full text in the feed needs no page fetch

    second = follower_for(tmp_path, nlp, errors).round([feed])  # a restarted follower: new objects, same store
    assert second.not_modified == 1 and second.stored == 0
    assert site.conditional["/feed.xml"] == 1 and site.hits["/b"] == 1

    site.routes["/feed.xml"] = (200, {"ETag": '"v2"'}, rss(base, [("a", "Dam report", "/a", LONG),
                                                                  ("b", "Flood", "/b", "Teaser only."),
                                                                  ("c", "Update", "/c", "Another teaser.")]), 0)
    site.routes["/c"] = (200, {"Content-Type": "text/html"}, page("Update", "Rescue boats reached the stranded families "
                                                                 "on Tuesday morning, the fire service said. " * 3), 0)
    third = follower_for(tmp_path, nlp, errors).round([feed])
    assert (third.new_entries, third.stored) == (1, 1) and site.hits["/b"] == 1 and site.hits["/c"] == 1
    assert not errors


def test_slow_and_huge_pages_fail_with_one_line_each_and_the_round_goes_on(tmp_path, nlp, server):
    site, base = server

    def endless(out) -> None:
        chunk = b"x" * 65536
        for _ in range(800):  # 50 MB, never declared
            out.write(chunk)

    site.routes["/feed.xml"] = (200, {}, rss(base, [("s", "Slow", "/slow", "t."), ("h", "Huge", "/huge", "t."),
                                                    ("d", "Declared", "/declared", "t."), ("ok", "Fine", "/ok", "t.")]), 0)
    site.routes["/slow"] = (200, {}, page("Slow", ARTICLE), 3)
    site.routes["/huge"] = (200, {"Content-Type": "text/html"}, endless, 0)
    site.routes["/declared"] = (200, {"Content-Length": str(50 * 1024 * 1024)}, lambda out: None, 0)
    site.routes["/ok"] = (200, {}, page("Fine", ARTICLE), 0)
    errors: list = []
    report = follower_for(tmp_path, nlp, errors, timeout=1.0, max_bytes=1024 * 1024).round([f"{base}/feed.xml"])
    assert report.stored == 1 and report.failed == 3
    reasons = {e.source.rsplit("/", 1)[-1]: e.reason for e in errors}
    assert "timed out" in reasons["slow"]
    assert "limit" in reasons["huge"] and "limit" in reasons["declared"]


def test_private_destinations_are_refused_unless_allowed(tmp_path, nlp, server):
    site, base = server
    port = base.rsplit(":", 1)[1]
    with pytest.raises(InputError, match="non-public"):
        AddressPolicy().check(f"{base}/feed.xml")
    with pytest.raises(InputError, match="scheme"):
        AddressPolicy(allow_private=True).check("file:///etc/passwd")
    site.routes["/feed.xml"] = (302, {"Location": f"http://127.0.0.2:{port}/inside"}, b"", 0)
    errors: list = []
    policy = AddressPolicy(allowed_hosts=frozenset({"localhost"}))  # the named host only, not where it redirects
    report = follower_for(tmp_path, nlp, errors, policy=policy).round([f"http://localhost:{port}/feed.xml"])
    assert report.failed == 1 and "127.0.0.2" in errors[0].reason and site.hits["/inside"] == 0


def test_robots_txt_is_honoured(tmp_path, nlp, server):
    site, base = server
    site.routes["/robots.txt"] = (200, {}, b"User-agent: *\nDisallow: /private/\n", 0)
    site.routes["/feed.xml"] = (200, {}, rss(base, [("p", "Private", "/private/p", "t.")]), 0)
    site.routes["/private/p"] = (200, {}, page("Private", ARTICLE), 0)
    errors: list = []
    report = follower_for(tmp_path, nlp, errors).round([f"{base}/feed.xml"])
    assert report.failed == 1 and "robots.txt" in errors[0].reason and site.hits["/private/p"] == 0


def test_a_feed_that_keeps_failing_is_reported(tmp_path, nlp, server):
    _, base = server
    errors: list = []
    follower = follower_for(tmp_path, nlp, errors)
    for _ in range(3):
        follower.round([f"{base}/gone.xml"])
    warnings = [e for e in errors if isinstance(e, str)]
    assert warnings and "3 rounds in a row" in warnings[-1]
    assert "2 rounds in a row" in [e for e in errors if isinstance(e, InputError)][1].reason


def test_sources_durations_and_the_command_line(tmp_path, server):
    site, base = server
    (tmp_path / "feeds.opml").write_text(
        f'<opml version="2.0"><body><outline text="a" xmlUrl="{base}/feed.xml"/></body></opml>'
    )
    (tmp_path / "feeds.txt").write_text(f"# watched\n{base}/feed.xml\n{base}/other.xml\n")
    assert read_sources([str(tmp_path / "feeds.opml"), str(tmp_path / "feeds.txt")]) == [
        f"{base}/feed.xml", f"{base}/other.xml"]
    assert parse_duration("15m") == 900 and parse_duration("2h") == 7200
    site.routes["/feed.xml"] = (200, {"ETag": '"x"'}, rss(base, [("a", "Dam report", "/a", LONG)]), 0)
    run = [sys.executable, "-m", "newsgraph.cli", "follow", f"{base}/feed.xml", "--db", str(tmp_path / "c.db"),
           "--once", "--delay", "0"]
    refused = subprocess.run(run, capture_output=True, text=True, timeout=300)
    assert refused.returncode == 1 and "non-public" in refused.stderr
    allowed = subprocess.run([*run, "--allow-private"], capture_output=True, text=True, timeout=300)
    assert allowed.returncode == 0 and "1 stored" in allowed.stderr
