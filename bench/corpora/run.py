"""Run newsgraph over gold documents once per process and keep the results for every scorer."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from corpora.model import GoldDocument


@lru_cache(maxsize=1)
def pipeline():
    from newsgraph.nlp.pipeline import build_pipeline

    return build_pipeline()


_RESULTS: dict[tuple[str, str], dict] = {}


def annotate(golds: list[GoldDocument]) -> list[tuple[GoldDocument, object, dict]]:
    """(gold, Document, contract JSON) for each gold document, computed once per process."""
    from newsgraph.nlp.pipeline import process

    missing = [g for g in golds if (g.corpus, g.id) not in _RESULTS]
    documents = {id(d): (g, d) for g in missing for d in (g.document(),)}
    for document, result in process(pipeline(), [d for _, d in documents.values()]):
        gold = documents[id(document)][0]
        _RESULTS[(gold.corpus, gold.id)] = (document, result)
    return [(g, *_RESULTS[(g.corpus, g.id)]) for g in golds]


@contextmanager
def stored(annotated) -> Iterator:
    """A fresh SQLite store holding the annotated documents, written through the normal write path (KB
    linking and event clustering included); yields its engine, removed afterwards."""
    from newsgraph.store.db import make_engine
    from newsgraph.store.repository import Store

    with tempfile.TemporaryDirectory() as folder:
        store = Store(make_engine(f"sqlite:///{folder}/bench.db"))
        for _, document, result in annotated:
            if not store.has_document(document.id):
                store.save(document, result, None)
        try:
            yield store.engine
        finally:
            store.engine.dispose()
