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
    particles,
    quotes,
    relations,
    stances,
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


Piece = tuple[str, dict, tuple[Document, int, int]]  # text, document metadata, context


def _pieces(documents: Iterable[Document], max_chars: int) -> Iterator[Piece]:
    """Each document's text in pieces (one piece unless it is longer than `max_chars`), with its contract
    metadata and (document, offset of the piece, number of pieces) as context."""
    for document in documents:
        meta = document.contract()
        meta.pop("text")  # the Doc holds the text; do not ship it twice between processes
        bounds = piece_bounds(document.text, max_chars)
        for start, end in bounds:
            yield document.text[start:end], meta, (document, start, len(bounds))


def _as_docs(nlp: Language, pieces: Iterable[Piece]) -> Iterator[tuple[Doc, Any]]:
    for text, meta, context in pieces:
        doc = nlp.make_doc(text)
        doc._.document = meta
        yield doc, context


MAX_BATCH_CHARS = 200_000  # the parser's memory grows with the text of a whole batch


def _piped(nlp: Language, pieces: Iterator[Piece], batch_size: int, n_process: int) -> Iterator:
    """nlp.pipe over the pieces. In one process, batches are cut at `batch_size` docs or MAX_BATCH_CHARS
    characters, whichever comes first, so the pieces of one long text never meet in one batch; several
    processes keep spaCy's own batching."""
    if n_process > 1:
        yield from nlp.pipe(_as_docs(nlp, pieces), as_tuples=True, batch_size=batch_size, n_process=n_process)
        return
    batch: list[Piece] = []
    size = 0
    for piece in pieces:
        if batch and (len(batch) >= batch_size or size + len(piece[0]) > MAX_BATCH_CHARS):
            yield from _zoned(nlp, batch)
            batch, size = [], 0
        batch.append(piece)
        size += len(piece[0])
    if batch:
        yield from _zoned(nlp, batch)


def _zoned(nlp: Language, batch: list[Piece]) -> Iterator:
    """One batch inside a spaCy memory zone, tokenised there too: the strings its texts add to the
    vocabulary are freed when the batch is done, so a long-running ingest or follower does not grow with
    every new word it meets. The caller turns each Doc into plain JSON before asking for the next, while
    the zone is still open."""
    with nlp.memory_zone():
        yield from nlp.pipe(_as_docs(nlp, batch), as_tuples=True, batch_size=len(batch))


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
    for doc, (document, offset, count) in _piped(nlp, _pieces(documents, max_chars), batch_size, n_process):
        if count == 1:
            yield document, doc_to_contract(doc)
            continue
        parts.append((offset, doc_to_contract(doc)))
        if len(parts) == count:
            yield document, merge_pieces(document.contract(), document.text, parts)
            parts = []
