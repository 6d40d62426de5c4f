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
from newsgraph.nlp.pieces import MAX_PIECE_CHARS, merge_pieces, piece_bounds
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


def _prepared(
    nlp: Language, documents: Iterable[Document], max_chars: int
) -> Iterator[tuple[Doc, tuple[Document, int, int]]]:
    """One Doc per piece of each document (one piece unless the text is longer than `max_chars`), with
    (document, offset of the piece, number of pieces) as context."""
    for document in documents:
        meta = document.contract()
        meta.pop("text")  # the Doc holds the text; do not ship it twice between processes
        bounds = piece_bounds(document.text, max_chars)
        for start, end in bounds:
            doc = nlp.make_doc(document.text[start:end])
            doc._.document = meta
            yield doc, (document, start, len(bounds))


MAX_BATCH_CHARS = 200_000  # the parser's memory grows with the text of a whole batch


def _piped(nlp: Language, items: Iterator[tuple[Doc, Any]], batch_size: int, n_process: int) -> Iterator:
    """nlp.pipe over (Doc, context) pairs. In one process, batches are cut at `batch_size` docs or
    MAX_BATCH_CHARS characters, whichever comes first, so the pieces of one long text never meet in
    one batch; several processes keep spaCy's own batching."""
    if n_process > 1:
        yield from nlp.pipe(items, as_tuples=True, batch_size=batch_size, n_process=n_process)
        return
    batch: list[tuple[Doc, Any]] = []
    size = 0
    for item in items:
        if batch and (len(batch) >= batch_size or size + len(item[0].text) > MAX_BATCH_CHARS):
            yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))
            batch, size = [], 0
        batch.append(item)
        size += len(item[0].text)
    if batch:
        yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))


def process(
    nlp: Language,
    documents: Iterable[Document],
    batch_size: int = 32,
    n_process: int = 1,
    max_chars: int = MAX_PIECE_CHARS,
) -> Iterator[tuple[Document, dict]]:
    """(document, contract JSON) for each document, in input order. Texts longer than `max_chars` are
    parsed in pieces (newsgraph.nlp.pieces), so any length runs in bounded memory."""
    parts: list[tuple[int, dict]] = []
    for doc, (document, offset, count) in _piped(nlp, _prepared(nlp, documents, max_chars), batch_size, n_process):
        if count == 1:
            yield document, doc_to_contract(doc)
            continue
        parts.append((offset, doc_to_contract(doc)))
        if len(parts) == count:
            yield document, merge_pieces(document.contract(), document.text, parts)
            parts = []
