"""Browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium, installed by `make test`)
against the app on loopback: the map, search, an entity page, a document view and the contested view."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from newsgraph.runner import Batch
from newsgraph.store.db import make_engine
from newsgraph.store.repository import Store
from newsgraph.web.testing import CHROMIUM, CHROMIUM_ARGS, serving

from .conftest import SAMPLES

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is not installed")
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def base_url(nlp, tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    for name in ("situation-seized.txt", "situation-denied.txt", "situation-talks.txt", "situation-crossing.txt"):
        shutil.copy(FIXTURES / name, folder / name)
    url = f"sqlite:///{folder / 'browser.db'}"
    list(Batch(nlp, lambda e: None, store=Store(make_engine(url))).run([str(folder), str(SAMPLES)]))
    with serving(url) as base:
        yield base


@pytest.fixture(scope="module")
def page(base_url):
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_default_timeout(20000)
        yield page
        browser.close()


def test_map_shows_clustered_events_filters_and_timeline(page, base_url):
    page.goto(base_url + "/")
    page.wait_for_selector(".leaflet-marker-icon, .marker-cluster")
    page.wait_for_selector("#events tbody tr")
    all_rows = page.locator("#events tbody tr").count()
    assert page.locator("#timeline div").count() > 0
    page.select_option("select[name=type]", "PROTEST")
    page.click("#filters button")
    # A locator assertion, not a string predicate: the page's CSP (rightly) forbids eval.
    playwright_api.expect(page.locator("#events tbody tr")).not_to_have_count(all_rows)
    types = page.locator("#events tbody tr td:nth-child(2)").all_inner_texts()
    assert types and all(t.startswith("PROTEST") for t in types)


def test_search_leads_to_a_document_with_provenance(page, base_url):
    page.goto(base_url + "/")
    page.fill("header input[name=q]", "Hemedti")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url(re.compile(r".*/search\?q=Hemedti"))
    page.click("table a")
    mark = page.locator("mark.PERSON", has_text="Hemedti").first
    assert "Mohamed Hamdan Dagalo" in mark.get_attribute("title")
    assert page.locator("span.quote").count() > 0


def test_entity_page(page, base_url):
    page.goto(base_url + "/search?q=Zelensky")
    page.click("text=Volodymyr Zelensky")
    assert page.locator("h1").inner_text() == "Volodymyr Zelensky"
    assert page.locator("text=Quotes by channel").count() == 1
    assert "Zelenskyy" in page.content()


def open_entity(page, base_url, name: str) -> None:
    page.goto(base_url + "/search?q=" + name.replace(" ", "+"))
    page.click(f"a:text-is('{name}')")
    page.wait_for_selector("#situation")


def test_entity_page_maps_whereabouts_with_a_sourced_timeline(page, base_url):
    open_entity(page, base_url, "Piotr Halas")
    assert "Belarus" in page.locator("#last-known").inner_text()
    places = page.locator("#whereabouts tbody td:nth-child(2)").all_inner_texts()
    assert places[-1] == "Belarus" and "Rostov" in places
    # one circle per located sighting, drawn by Leaflet from the page's own data
    playwright_api.expect(page.locator("#whereabouts-map path.sighting")).to_have_count(len(places))
    assert "spokesman" in page.locator("#last-known a.cite").inner_text()


def test_a_place_shows_who_holds_it_with_disputed_accounts_side_by_side(page, base_url):
    open_entity(page, base_url, "Rostov")
    holds = page.locator(".accounts .says-holds").first.inner_text()
    denies = page.locator(".accounts .says-not").first.inner_text()
    assert "its commander" in holds and "Southern Army" in denies
    assert page.locator(".contested", has_text="disputed").count() >= 1


def test_an_organisation_page_lists_where_it_was_reported(page, base_url):
    open_entity(page, base_url, "Northern Liberation Front")
    places = page.locator("#presence tbody td:nth-child(2)").all_inner_texts()
    assert "Goma" in places
    assert page.locator("#presence a.cite").count() == len(places)


def test_allies_link_to_the_sentence_in_the_document_view(page, base_url):
    open_entity(page, base_url, "Anton Varga")
    party = page.locator("#allies .party", has_text="Halas").first
    party.locator("a.cite").first.click()
    page.wait_for_url(re.compile(r".*/document/.*at=\d+.*#evidence"))
    assert "talks" in page.locator("span.evidence#evidence").inner_text()
    assert "talks" in page.locator(".evidence-box").inner_text()


def test_contested_view(page, base_url):
    page.goto(base_url + "/contested")
    accounts = page.locator(".account")
    assert accounts.count() >= 2
    assert page.locator(".account.denied").count() >= 1


def test_live_view_shows_a_report_that_arrives_while_the_page_is_open(nlp, tmp_path, monkeypatch, page):
    """Under the real Content-Security-Policy: waits use locators, never page-side eval."""
    import newsgraph.web.pages as pages

    monkeypatch.setattr(pages, "POLL_MS", 500)
    url = f"sqlite:///{tmp_path / 'live.db'}"
    store = Store(make_engine(url))
    list(Batch(nlp, lambda e: None, store=store).run([str(SAMPLES / "text" / "iraq-mosul-drone.txt")]))
    reports = page.locator("#latest-list li")
    with serving(url) as base:
        page.goto(base + "/")
        playwright_api.expect(reports).to_have_count(1)
        arriving = tmp_path / "arriving.txt"
        arriving.write_text("Harbour strike\n\nDock workers blocked the port gates in Valparaiso on Monday, police said.\n")
        list(Batch(nlp, lambda e: None, store=store).run([str(arriving)]))
        playwright_api.expect(reports).to_have_count(2, timeout=20000)
        playwright_api.expect(reports.first).to_contain_text("Harbour strike")
