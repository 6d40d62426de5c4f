"""The HTTP API over a store built from the samples: JSON, CSV, GeoJSON and Atom views, paging,
validation with problem details, and escaping."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import geojson
import pytest
from fastapi.testclient import TestClient

from newsgraph.runner import Batch
from newsgraph.store.db import make_engine
from newsgraph.store.repository import Store
from newsgraph.web.app import create_app

from .conftest import SAMPLES


@pytest.fixture(scope="module")
def client(nlp, fresh_url):
    url = fresh_url("api")
    batch = Batch(nlp, lambda e: None, store=Store(make_engine(url)))
    list(batch.run([str(SAMPLES)]))
    return TestClient(create_app(url))


def test_documents_are_paged_and_each_is_its_contract(client):
    first = client.get("/api/documents", params={"limit": 5}).json()
    second = client.get("/api/documents", params={"limit": 5, "offset": 5}).json()
    assert first["total"] >= 31 and len(first["items"]) == 5
    assert {d["id"] for d in first["items"]}.isdisjoint({d["id"] for d in second["items"]})
    contract = client.get(f"/api/documents/{first['items'][0]['id']}").json()
    assert {"document", "entities", "quotes", "events", "relations", "claims"} <= set(contract)


def test_search_entities_and_entity_page(client):
    hits = client.get("/api/search", params={"q": "Goma"}).json()["items"]
    assert hits and "Goma" in hits[0]["snippet"]
    people = client.get("/api/entities", params={"type": "PERSON", "q": "Zelensky"}).json()["items"]
    assert people and people[0]["name"] == "Volodymyr Zelensky"
    page = client.get(f"/api/entities/{people[0]['kb_id']}").json()
    assert page["links"] and any(q["channel"] for q in page["quotes"])


def test_events_filters_csv_and_clusters(client):
    events = client.get("/api/events", params={"type": "ASSAULT", "country": "SD"}).json()["items"]
    assert events and all(e["type"] == "ASSAULT" and e["country"] == "SD" for e in events)
    rows = list(csv.DictReader(io.StringIO(client.get("/api/events", params={"format": "csv"}).text)))
    assert {"negated", "hypothetical", "sentence"} <= set(rows[0])
    assert client.get("/api/events/clusters").json()["items"]


def test_quotes_claims_places_geojson_and_feed(client):
    assert client.get("/api/quotes", params={"channel": "tweet"}).json()["items"]
    contested = client.get("/api/claims", params={"contested": "true"}).json()["items"]
    assert all(c["status"] == "contested" for c in contested)
    assert client.get("/api/places", params={"country": "UA"}).json()["items"]
    collection = geojson.loads(client.get("/api/export.geojson").text)
    assert collection.is_valid and collection["features"]
    feed = ET.fromstring(client.get("/api/feed.atom").text)
    assert feed.tag.endswith("feed") and len(feed) > 3


def test_bad_input_gets_problem_details(client):
    for path, params in (
        ("/api/events", {"since": "2025-13-99x"}),
        ("/api/events", {"limit": 0}),
        ("/api/places", {"country": "Ukraine"}),
        ("/api/entities", {"type": "ROBOT"}),
    ):
        response = client.get(path, params=params)
        assert response.status_code == 422
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["status"] == 422 and response.json()["detail"]
    missing = client.get("/api/documents/0000000000000000")
    assert missing.status_code == 404 and missing.json()["title"] == "Not found"
    assert missing.headers["content-type"].startswith("application/problem+json")
    assert client.get("/openapi.json").json()["info"]["title"] == "newsgraph"


def test_response_cache_serves_repeats_and_never_outlives_a_write(nlp, tmp_path, fresh_url):
    """A repeated request is answered from the cache; storing a document (a write through any
    session, in this process or another) makes the next answer fresh."""
    url = fresh_url("cache")
    store = Store(make_engine(url))
    first = tmp_path / "first.txt"
    first.write_text("Militia fighters attacked the town of Berevo on Monday, residents said.\n")
    list(Batch(nlp, lambda e: None, store=store).run([str(first)]))
    client = TestClient(create_app(url))
    cold = client.get("/api/documents")
    warm = client.get("/api/documents")
    assert cold.headers["x-cache"] == "miss" and warm.headers["x-cache"] == "hit"
    assert warm.json() == cold.json() and warm.json()["total"] == 1
    second = tmp_path / "second.txt"
    second.write_text("Flood waters cut the road between Lusaka and Kafue on Tuesday, engineers said.\n")
    other_writer = Store(make_engine(url))  # its own engine and connections, as `newsgraph ingest` has
    list(Batch(nlp, lambda e: None, store=other_writer).run([str(second)]))
    fresh = client.get("/api/documents")
    assert fresh.headers["x-cache"] == "miss" and fresh.json()["total"] == 2
    assert client.get("/api/documents", params={"limit": 0}).headers.get("x-cache") == "miss"
    uncached = TestClient(create_app(url, cache=False)).get("/api/documents")
    assert "x-cache" not in uncached.headers and uncached.json() == fresh.json()


def test_response_cache_keeps_within_its_byte_budget():
    """Least recently used answers are dropped once the cached bodies exceed the budget."""
    import asyncio

    from newsgraph.web.cache import ResponseCache

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"x" * 400})

    cache = ResponseCache(app, generation=lambda: 1, budget=1000)

    async def get(path: str) -> None:
        async def send(message):
            return None

        scope = {"type": "http", "method": "GET", "path": path, "query_string": b""}
        await cache(scope, None, send)

    for path in ("/api/a", "/api/b", "/api/a", "/api/c"):
        asyncio.run(get(path))
    assert list(cache.entries) == ["/api/a?", "/api/c?"]
    assert cache.size == 800 + sum(len(key) for key in cache.entries)  # keys count toward the budget


def test_atom_feed_takes_the_event_filters_and_an_entity(client):
    import xml.etree.ElementTree as ET

    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in
              ET.fromstring(client.get("/api/feed.atom", params={"type": "PROTEST"}).text).findall("a:entry", ns)]
    assert titles and all(t.startswith("PROTEST:") for t in titles)
    person = client.get("/api/entities", params={"type": "PERSON", "limit": 1}).json()["items"][0]
    involving = client.get("/api/events", params={"limit": 1000}).json()["items"]
    feed = ET.fromstring(client.get("/api/feed.atom", params={"entity": person["kb_id"]}).text)
    entries = feed.findall("a:entry", ns)
    assert len(entries) <= len(involving)
    assert client.get("/api/feed.atom", params={"entity": "robert'); --"}).status_code == 422
    latest = client.get("/api/latest", params={"limit": 3}).json()["items"]
    assert len(latest) == 3 and latest[0]["stored"] >= latest[-1]["stored"]
