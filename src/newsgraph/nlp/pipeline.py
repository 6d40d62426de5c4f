"""Build the declared pipeline and run documents through it in batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from importlib import resources
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import Config

from newsgraph.ingest.document import Document
from newsgraph.nlp import (  # noqa: F401  (registers the factories)
    claims,
    entities,
    events,
    geo,
    paragraphs,
    quotes,
    relations,
)
from newsgraph.nlp.serialize import doc_to_contract


def load_config(overrides: dict[str, Any] | None = None) -> Config:
    text = resources.files("newsgraph.nlp").joinpath("pipeline.cfg").read_text("utf-8")
    config = Config().from_str(text)
    for dotted, value in (overrides or {}).items():
        section = config
        *parents, leaf = dotted.split(".")
        for part in parents:
            section = section.setdefault(part, {})
        section[leaf] = value
    return config


def build_pipeline(overrides: dict[str, Any] | None = None) -> Language:
    """The spaCy model with newsgraph's components added as the config declares them."""
    config = load_config(overrides)
    nlp = spacy.load(config["nlp"]["model"])
    for name in config["nlp"]["components"]:
        settings = dict(config["components"][name])
        factory = settings.pop("factory")
        placement = {key: settings.pop(key) for key in ("before", "after") if key in settings}
        nlp.add_pipe(factory, name=name, config=settings, **placement)
    nlp.meta["newsgraph_config"] = config.to_str()
    return nlp


def _prepared(nlp: Language, documents: Iterable[Document]) -> Iterator[tuple[Doc, Document]]:
    for document in documents:
        doc = nlp.make_doc(document.text)
        meta = document.contract()
        meta.pop("text")  # the Doc holds the text; do not ship it twice between processes
        doc._.document = meta
        yield doc, document


def process(
    nlp: Language, documents: Iterable[Document], batch_size: int = 32, n_process: int = 1
) -> Iterator[tuple[Document, dict]]:
    """(document, contract JSON) for each document, in input order."""
    for doc, document in nlp.pipe(
        _prepared(nlp, documents), as_tuples=True, batch_size=batch_size, n_process=n_process
    ):
        yield document, doc_to_contract(doc)
