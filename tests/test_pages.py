"""The web UI pages: offline assets, map page, search, entity page, document view with provenance
highlights, contested view, and escaping of everything user-supplied."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsgraph.runner import Batch
from newsgraph.store.db import make_engine
from newsgraph.store.repository import Store
from newsgraph.web.app import create_app

from .conftest import SAMPLES

FIXTURES = Path(__file__).parent / "fixtures"
HOSTILE = (
    "<script>alert('x')</script> Officials in Goma said on Monday that <b>fighters</b> had left the "
    'city. "We saw them go at dawn <img src=x onerror=alert(1)>," said Ana Pires.'
)


@pytest.fixture(scope="module")
def client(nlp, tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    for name in ("situation-seized.txt", "situation-denied.txt"):
        shutil.copy(FIXTURES / name, folder / name)
    (folder / "hostile.txt").write_text("<i>Headline</i> with markup\n\n" + HOSTILE + "\n")
    for name, toll in (("ten.txt", "ten"), ("three.txt", "three")):  # one attack, two tolls
        (folder / name).write_text(f"Blast in Kalbar\n\nPublished: 12 March 2025\n\nA car bomb killed {toll} people "
                                   "at a bus station in Kalbar on Monday.\n")
    url = f"sqlite:///{folder / 'pages.db'}"
    batch = Batch(nlp, lambda e: None, store=Store(make_engine(url)))
    list(batch.run([str(folder), str(SAMPLES / "html")]))
    return TestClient(create_app(url))


def test_map_page_uses_only_local_assets(client):
    page = client.get("/").text
    assert 'id="map"' in page and "/static/vendor/leaflet/leaflet.js" in page
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page
    assert client.get("/static/vendor/leaflet/leaflet.js").status_code == 200
    basemap = client.get("/api/basemap.geojson").json()
    assert len(basemap["features"]) > 150


def test_search_and_entity_pages(client):
    page = client.get("/search", params={"q": "Goma"}).text
    assert "/document/" in page and "/entity/" in page
    kb_id = client.get("/api/entities", params={"q": "Zelensky"}).json()["items"][0]["kb_id"]
    entity = client.get(f"/entity/{kb_id}").text
    assert "Volodymyr Zelensky" in entity and "Quotes by channel" in entity and "Zelenskyy" in entity
    assert client.get("/entity/kb999999").status_code == 404


def test_document_view_highlights_with_provenance(client):
    doc_id = client.get("/api/search", params={"q": "Hemedti"}).json()["items"][0]["id"]
    page = client.get(f"/document/{doc_id}").text
    assert '<mark class="PERSON" title="Mohamed Hamdan Dagalo (PERSON)' in page
    assert '<span class="quote" title="direct quote' in page


def test_contested_view_shows_both_accounts(client):
    page = client.get("/contested").text
    assert "Affirms" in page and "Denies" in page and "Goma" in page
    assert "toll: 10 killed or hurt" in page and "toll: 3 killed or hurt" in page  # two tolls of one attack


def test_everything_user_supplied_is_escaped(client):
    doc_id = client.get("/api/search", params={"q": "fighters left dawn"}).json()["items"][0]["id"]
    page = client.get(f"/document/{doc_id}").text
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>fighters</b>" not in page
    assert "&lt;script&gt;" in page
    search = client.get("/search", params={"q": "<script>alert(1)</script>"}).text
    assert "<script>alert(1)</script>" not in search and "&lt;script&gt;" in search


def test_an_organisation_page_lists_where_it_was_reported_with_sources(client):
    kb_id = client.get("/api/entities", params={"q": "Northern Liberation Front"}).json()["items"][0]["kb_id"]
    situation = client.get(f"/api/entities/{kb_id}/situation").json()
    places = [p["place"] for p in situation["presence"]]
    assert "Goma" in places and not any(p["contested"] for p in situation["presence"])
    page = client.get(f"/entity/{kb_id}").text
    assert 'id="presence"' in page and "Goma" in page.split('id="presence"')[1]
