"""The Python API: its documented examples run, and it returns the same records as the HTTP API."""

from __future__ import annotations

import doctest

import pytest
from fastapi.testclient import TestClient

import newsgraph
from newsgraph import api
from newsgraph.web.app import create_app

from .conftest import SAMPLES


def test_docstring_examples_run():
    failures, tried = doctest.testmod(api)
    assert tried >= 8 and failures == 0


@pytest.fixture(scope="module")
def stored(fresh_url):
    db = fresh_url("pyapi")
    kb = newsgraph.open(db)
    report = kb.ingest([str(SAMPLES / "text"), str(SAMPLES / "html")])
    assert report.stored >= 20 and not report.failed
    return kb, TestClient(create_app(db, cache=False))


@pytest.mark.parametrize(
    ("method", "path", "params"),
    [
        ("events", "/api/events", {"type": "ASSAULT", "limit": 50}),
        ("events", "/api/events", {"country": "UA", "negated": False, "limit": 50}),
        ("quotes", "/api/quotes", {"channel": "tweet", "limit": 50}),
        ("entities", "/api/entities", {"type": "PERSON", "limit": 20}),
        ("claims", "/api/claims", {"contested": True, "limit": 50}),
    ],
)
def test_python_api_matches_http_api(stored, method, path, params):
    kb, client = stored
    from_python = getattr(kb, method)(**params)
    from_http = client.get(path, params=params).json()["items"]
    assert from_python and from_python == from_http


def test_situation_by_name_and_pandas(stored):
    kb, _ = stored
    top = kb.entities(type="PERSON", limit=1)[0]
    picture = kb.situation(top["name"])
    assert picture is not None and picture == kb.situation(top["kb_id"])
    pandas = pytest.importorskip("pandas")
    frame = kb.events(limit=20).to_pandas()
    assert isinstance(frame, pandas.DataFrame) and {"type", "date", "actor"} <= set(frame.columns)


def test_extract_refuses_what_holds_no_article():
    from newsgraph.errors import InputError

    with pytest.raises(InputError):
        newsgraph.extract("   ")
