"""Fuzzing the readers and the API: every generated hostile input gives documents or one-line errors,
never an exception, and no API parameter produces a server error."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.errors import InputError
from newsgraph.ingest.document import Document
from newsgraph.ingest.sources import iter_documents
from newsgraph.store.db import make_engine
from newsgraph.store.repository import Store
from newsgraph.web.app import create_app

from .hostile_inputs import CLASSES, generate

RUN = [sys.executable, "-m", "newsgraph.cli"]
SUFFIXES = ["x.html", "x.txt", "x.rss", "x.warc", "x.warc.gz", "x.txt.gz", "x"]


@pytest.mark.parametrize("make", CLASSES, ids=lambda c: c.__name__)
def test_each_hostile_class_reads_without_exceptions(tmp_path, make):
    for _, name, data in [x for x in generate(len(CLASSES) * 4, seed=11) if x[0] == make.__name__]:
        path = tmp_path / name
        path.write_bytes(data)
        for item in iter_documents([str(path)]):
            assert isinstance(item, Document | InputError)
            if isinstance(item, InputError):
                assert "\n" not in str(item)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=4000), suffix=st.sampled_from(SUFFIXES))
def test_readers_never_raise_on_arbitrary_bytes(tmp_path, data, suffix):
    path = tmp_path / suffix
    path.write_bytes(data)
    for item in iter_documents([str(path)]):
        assert isinstance(item, Document | InputError)


def test_batch_of_hostile_inputs_stores_everything_readable(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for _, name, data in generate(52, seed=5):
        (folder / name).write_bytes(data)
    db = tmp_path / "f.db"
    result = subprocess.run([*RUN, "ingest", str(folder), "--db", str(db), "--quiet"], capture_output=True,
                            text=True, timeout=600)
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr
    *lines, summary = result.stderr.strip().splitlines()
    assert summary.startswith("ingest:") and all(line.startswith("newsgraph: error:") for line in lines)
    assert f"{len(lines)} failed" in summary  # every failure printed once, one line each
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = connection.execute("SELECT count(*) FROM documents").fetchone()[0]
        kept = connection.execute("SELECT count(*) FROM ingest_errors").fetchone()[0]
    assert stored > 0 and kept == len(lines)


@pytest.fixture(scope="module")
def empty_client(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('fuzzapi') / 'a.db'}"
    Store(make_engine(url))
    return TestClient(create_app(url))


PATHS = ["/api/events", "/api/quotes", "/api/places", "/api/documents", "/api/entities", "/api/claims",
         "/api/search", "/api/export.geojson", "/api/events/clusters", "/api/feed.atom", "/search", "/"]
PARAMS = ["limit", "offset", "since", "until", "country", "type", "q", "format", "negated", "actor", "speaker"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    path=st.sampled_from(PATHS),
    params=st.dictionaries(st.sampled_from(PARAMS), st.one_of(
        st.text(max_size=60), st.integers(min_value=-(2**70), max_value=2**70).map(str)), max_size=4),
)
def test_api_parameters_never_cause_a_server_error(empty_client, path, params):
    response = empty_client.get(path, params=params)
    assert response.status_code < 500, (path, params, response.text[:300])
