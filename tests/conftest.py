"""Shared fixtures: one pipeline per session, the sample corpus processed once."""

from __future__ import annotations

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
