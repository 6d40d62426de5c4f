"""Shared fixtures: one pipeline per session, the sample corpus processed once."""

from __future__ import annotations

import itertools
import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from newsgraph.ingest.document import Document
from newsgraph.nlp.pipeline import build_pipeline, process

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="session")
def nlp():
    return build_pipeline()


@pytest.fixture(scope="session")
def postgres():
    """One throwaway PostgreSQL server for the whole run (skipped where no server is installed; the
    Makefile installs Debian's)."""
    from newsgraph.store.throwaway import PostgresUnavailable, ThrowawayPostgres

    try:
        server = ThrowawayPostgres().start()
    except PostgresUnavailable as exc:
        pytest.skip(str(exc))
    yield server
    server.stop()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def backend(request) -> str:
    """Store tests run once per database engine."""
    return request.param


_databases = itertools.count()


@pytest.fixture(scope="module")
def fresh_url(backend, request, tmp_path_factory):
    """A factory of URLs of new, empty stores on this module's backend."""

    def make(name: str = "store") -> str:
        if backend == "sqlite":
            return f"sqlite:///{tmp_path_factory.mktemp(name) / 'kb.db'}"
        return request.getfixturevalue("postgres").new_database(f"{name}_{next(_databases)}")

    return make


@pytest.fixture(scope="session")
def contract_schema() -> dict:
    return json.loads(resources.files("newsgraph.schema").joinpath("contract.schema.json").read_text("utf-8"))


@pytest.fixture(scope="session")
def sample_results(nlp) -> list[dict]:
    from newsgraph.runner import Batch

    errors = []
    batch = Batch(nlp, errors.append)
    results = [contract for _, contract in batch.run([str(SAMPLES)])]
    assert not errors, errors
    return results


@pytest.fixture(scope="session")
def analyse(nlp):
    """Run one text (with an optional publication date) through the full pipeline."""

    def run(text: str, published: str | None = "2025-03-12", source: str = "test-article.txt") -> dict:
        document = Document(source=source, text=text, published=published)
        return next(iter(process(nlp, [document])))[1]

    return run


def validate(result: dict, schema: dict) -> None:
    jsonschema.validate(result, schema)


def entity_named(result: dict, surface: str) -> dict:
    """The entity one of whose mentions is exactly `surface`."""
    for entity in result["entities"]:
        if any(m["text"] == surface for m in entity["mentions"]):
            return entity
    raise AssertionError(f"no entity with mention {surface!r}: {[e['name'] for e in result['entities']]}")
