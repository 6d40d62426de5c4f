"""Hostile and broken inputs, each reproduced: a bad record is one error and the rest goes on, nothing is
silently truncated, nothing user-supplied runs in a page, no request parameter costs the server."""

from __future__ import annotations

import csv
import gzip
import io
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from fastapi.testclient import TestClient
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.errors import InputError
from newsgraph.ingest.document import Document
from newsgraph.ingest.sources import iter_documents
from newsgraph.output import write_csv
from newsgraph.runner import Batch
from newsgraph.store.db import make_engine
from newsgraph.store.repository import Store
from newsgraph.web.app import create_app

from .conftest import SAMPLES

STORY = "The river rose overnight and the mayor ordered the lower town evacuated before dawn on Sunday. " * 3
RUN = [sys.executable, "-m", "newsgraph.cli"]


def split(items):
    items = list(items)
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, InputError)]


def warc_bytes(uris: list[str | None], compress: bool = False) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for number, uri in enumerate(uris):
        page = f"<html><body><article><p>{STORY} Report {number}.</p></article></body></html>".encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
        record = writer.create_warc_record(
            uri or "http://placeholder.invalid/", "response", payload=io.BytesIO(page), http_headers=headers
        )
        if uri is None:
            record.rec_headers.remove_header("WARC-Target-URI")
        writer.write_record(record)
    return buffer.getvalue()


# ---- readers ---------------------------------------------------------------------------------------
def test_malformed_warc_record_is_one_error_and_the_others_are_kept(tmp_path):
    path = tmp_path / "crawl.warc"
    path.write_bytes(warc_bytes(["http://news.invalid/a", None, "http://news.invalid/c"]))
    documents, errors = split(iter_documents([str(path)]))
    assert [d.source for d in documents] == ["http://news.invalid/a", "http://news.invalid/c"]
    assert len(errors) == 1 and "record2" in errors[0].source


@pytest.mark.parametrize("compress", [False, True])
def test_truncated_warc_reports_and_never_stores_the_cut_record(tmp_path, compress):
    data = warc_bytes(["http://news.invalid/a", "http://news.invalid/b"], compress=compress)
    path = tmp_path / ("cut.warc.gz" if compress else "cut.warc")
    path.write_bytes(data[:-120])
    documents, errors = split(iter_documents([str(path)]))
    assert [d.source for d in documents] == ["http://news.invalid/a"]
    assert errors and "truncated" in errors[0].reason


def test_truncated_gzip_is_an_error_not_a_fragment(tmp_path):
    path = tmp_path / "story.txt.gz"
    path.write_bytes(gzip.compress(STORY.encode() * 20)[:-40])
    documents, errors = split(iter_documents([str(path)]))
    assert not documents and "truncated" in errors[0].reason


def test_every_member_of_a_multi_member_gzip_is_read(tmp_path):
    path = tmp_path / "joined.txt.gz"
    path.write_bytes(gzip.compress(b"First part: " + STORY.encode() + b"\n\n") + gzip.compress(b"Second part ends here."))
    documents, _ = split(iter_documents([str(path)]))
    assert "First part" in documents[0].text and "Second part ends here." in documents[0].text


def test_utf16_without_bom_is_read_as_text(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes(STORY.encode("utf-16-le"))
    documents, errors = split(iter_documents([str(path)]))
    assert not errors and documents[0].text.startswith("The river rose")


def test_symlink_loop_is_named_as_such(tmp_path):
    os.symlink(tmp_path / "b", tmp_path / "a")
    os.symlink(tmp_path / "a", tmp_path / "b")
    _, errors = split(iter_documents([str(tmp_path / "a")]))
    assert errors[0].reason == "symbolic link loop"


def test_newline_in_a_file_name_cannot_forge_an_error_line(tmp_path):
    bad = tmp_path / "x\nnewsgraph: error: forged.txt: fake"
    bad.write_bytes(b"\x00\x01\x02binary")
    result = subprocess.run([*RUN, "extract", str(bad)], capture_output=True, text=True, timeout=300)
    lines = [line for line in result.stderr.splitlines() if line.startswith("newsgraph: error:")]
    assert len(lines) == 1 and "\\n" in lines[0]


def test_concurrent_ingests_of_one_input_both_succeed(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(6):
        (folder / f"s{number}.txt").write_text(f"Report {number}. {STORY}\nThe council met {number} times.\n")
    db = tmp_path / "race.db"
    subprocess.run([*RUN, "stats", "--db", str(db)], capture_output=True, timeout=300)  # migrate first
    runs = [
        subprocess.Popen([*RUN, "ingest", str(folder), "--db", str(db), "--quiet"], stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outcomes = [(run.wait(timeout=600), run.stderr.read()) for run in runs]
    assert all(code == 0 for code, _ in outcomes), outcomes
    assert all("error" not in err for _, err in outcomes), outcomes
    stats = subprocess.run([*RUN, "stats", "--db", str(db), "--format", "json"], capture_output=True, text=True)
    assert '"documents": 6' in stats.stdout.replace(" ", " ")


# ---- web -------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def hostile_client(nlp, tmp_path_factory):
    """A store holding a feed item whose link is a script URL and whose title and text carry formulas,
    markup and control characters."""
    folder = tmp_path_factory.mktemp("hostile")
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>http://feed.invalid/</link>'
        "<description>d</description><item><title>=HYPERLINK(\"http://evil.invalid\")</title>"
        "<link>javascript:alert(document.domain)</link>"
        "<description>&lt;p&gt;Rebels attacked the army base near the river on Monday, the governor said. "
        "The army fired back at the rebels.&lt;/p&gt;</description></item></channel></rss>"
    )
    (folder / "evil.rss").write_text(feed)
    (folder / "ctrl.txt").write_text("Rebels \x0battacked the police station in the capital on Tuesday, police said.\n")
    url = f"sqlite:///{folder / 'h.db'}"
    batch = Batch(nlp, lambda e: None, store=Store(make_engine(url)))
    list(batch.run([str(folder), str(SAMPLES / "text")]))
    return TestClient(create_app(url))


def test_script_url_sources_are_never_links(hostile_client):
    documents = hostile_client.get("/api/documents", params={"limit": 1000}).json()["items"]
    evil = next(d for d in documents if d["source"].startswith("javascript:"))
    page = hostile_client.get(f"/document/{evil['id']}").text
    assert 'href="javascript:' not in page
    assert "javascript:alert" in page  # shown, as text


def test_huge_offsets_and_impossible_dates_are_422(hostile_client):
    for path in ("/api/events", "/api/quotes", "/api/places", "/api/documents", "/api/claims", "/api/entities"):
        response = hostile_client.get(path, params={"offset": 2**63})
        assert response.status_code == 422, path
        assert response.headers["content-type"].startswith("application/problem+json")
    for since in ("2025-13-45", "2025-02-30", "2025-00"):
        assert hostile_client.get("/api/events", params={"since": since}).status_code == 422
    assert hostile_client.get("/api/events", params={"since": "2024-02-29"}).status_code == 200


def test_search_refuses_oversized_queries_quickly(hostile_client):
    many_terms = " ".join(f"word{n}" for n in range(200))[:499]
    response = hostile_client.get("/api/search", params={"q": many_terms})
    assert response.status_code == 422
    assert hostile_client.get("/api/search", params={"q": "x" * 50_000}).status_code == 422
    assert "at most" in hostile_client.get("/search", params={"q": many_terms}).text


def test_csv_cells_cannot_start_a_formula(hostile_client):
    for path in ("/api/events", "/api/quotes"):
        rows = list(csv.reader(io.StringIO(hostile_client.get(path, params={"format": "csv"}).text)))
        risky = [c for row in rows for c in row if c.startswith(("=", "+", "-", "@")) and not is_number(c)]
        assert not risky, (path, risky)
    documents = hostile_client.get("/api/documents", params={"limit": 1000}).json()["items"]
    evil = next(d for d in documents if d["source"].startswith("javascript:"))
    contract = hostile_client.get(f"/api/documents/{evil['id']}").json()
    out = io.StringIO()
    write_csv([contract], out)
    titles = [row[4] for row in csv.reader(io.StringIO(out.getvalue())) if row[1] == "document"]
    assert titles == ["'=HYPERLINK(\"http://evil.invalid\")"]


def is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_atom_feed_is_valid_xml_with_control_characters(hostile_client):
    body = hostile_client.get("/api/feed.atom").text
    ET.fromstring(body)  # raises on invalid XML
    assert "javascript:" not in body


def test_unknown_routes_are_problem_json_and_pages_carry_security_headers(hostile_client):
    missing = hostile_client.get("/api/no-such-thing")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")
    for path in ("/", "/api/events", "/docs"):
        headers = hostile_client.get(path).headers
        assert headers["x-content-type-options"] == "nosniff"
        assert "script-src 'self' 'nonce-" in headers["content-security-policy"]
        assert "unsafe-inline" not in headers["content-security-policy"].split("script-src")[1].split(";")[0]


def test_docs_page_works_offline(hostile_client):
    page = hostile_client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page
    # nothing loaded from another host (a random nonce may spell 'cdn': look at addresses, not letters)
    assert not re.findall(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page, flags=re.IGNORECASE)
    assert hostile_client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


def test_foreign_host_header_is_refused(hostile_client):
    assert hostile_client.get("/api/events", headers={"host": "attacker.invalid"}).status_code == 421
    assert hostile_client.get("/api/events", headers={"host": "127.0.0.1:8000"}).status_code == 200


def test_cache_is_bounded_in_entries_and_shares_reordered_parameters():
    import asyncio

    from newsgraph.web.cache import ResponseCache, cache_key

    assert cache_key("/api/events", b"b=2&a=1") == cache_key("/api/events", b"a=1&b=2")

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})

    cache = ResponseCache(app, generation=lambda: 1, max_entries=50)

    async def run():
        async def send(_):
            return None

        for number in range(500):
            scope = {"type": "http", "method": "GET", "path": "/api/events", "query_string": f"x={number}".encode()}
            await cache(scope, None, send)
        long = {"type": "http", "method": "GET", "path": "/api/events", "query_string": b"q=" + b"a" * 5000}
        await cache(long, None, send)

    asyncio.run(run())
    assert len(cache.entries) == 50
    assert all(len(key) < 100 for key in cache.entries)


def test_feed_external_entities_are_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-TOKEN")
    feed = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]><rss version="2.0"><channel>'
        "<title>t</title><item><title>Flood &x;</title><link>http://news.invalid/a</link><description>"
        f"{STORY} &x;</description></item></channel></rss>"
    )
    path = tmp_path / "feed.rss"
    path.write_text(feed)
    documents, _ = split(iter_documents([str(path)]))
    assert documents and all("TOP-SECRET" not in (d.text + (d.title or "")) for d in documents)


def test_kept_errors_do_not_pin_what_was_being_read(nlp, tmp_path):
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"\0" * (30 * 1024 * 1024)))
    batch = Batch(nlp, lambda e: None)
    list(batch.run([str(bomb)]))
    (error,) = batch.report.errors
    assert "too large" in error.reason
    assert error.__traceback__ is None and error.__context__ is None


def test_near_duplicate_stored_by_a_concurrent_ingest_is_recognised(nlp, tmp_path):
    story = STORY + " The bridge stays closed until engineers finish their inspection of the piers. " * 2
    first, second = tmp_path / "wire.txt", tmp_path / "reprint.txt"
    first.write_text("Bridge closed\n\n" + story + "\n")
    second.write_text("Bridge closed (updated)\n\n" + story + " Updated at noon.\n")
    url = f"sqlite:///{tmp_path / 'race.db'}"
    early = Batch(nlp, lambda e: None, store=Store(make_engine(url)))  # loads its index before the other ran
    other = Batch(nlp, lambda e: None, store=Store(make_engine(url)))
    list(other.run([str(first)]))
    assert other.report.stored == 1
    list(early.run([str(second)]))
    assert early.report.stored == 0 and early.report.near_duplicates == 1
    assert Store(make_engine(url)).stats()["documents"] == 2  # the copy is recorded, pointing to the original
