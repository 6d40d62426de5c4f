"""Batches: inputs -> documents -> pipeline -> contract JSON (and the store). Failures are reported
one line each and never stop the batch."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language

from newsgraph.errors import InputError
from newsgraph.ingest.dedup import minhash_of, signature_bytes, signature_from_bytes
from newsgraph.ingest.document import Document
from newsgraph.ingest.sources import DEFAULT_MAX_BYTES, iter_documents
from newsgraph.nlp.pipeline import process
from newsgraph.store.repository import Store
from newsgraph.store.schema import utc_now

ErrorSink = Callable[[InputError], None]


@dataclass
class Outcome:
    """What extraction made of one input item: an error, or a document with its contract, or a
    document the pipeline failed on (`failure` says why)."""

    item: Document | InputError
    contract: dict | None = None
    failure: str | None = None


@dataclass
class BatchReport:
    processed: int = 0
    stored: int = 0
    already_stored: int = 0
    near_duplicates: int = 0
    failed: int = 0
    errors: list[InputError] = field(default_factory=list)


class PipelineErrors:
    """spaCy error handler: a component that fails on one document drops that document, not the batch."""

    DROPPED = "dropped by the pipeline"  # a document that never came out, with no error to say why

    def __init__(self) -> None:
        self.by_document: dict[str, str] = {}

    def reason(self, doc_id: str) -> str:
        """Why the pipeline gave nothing for this document."""
        return self.by_document.get(doc_id, self.DROPPED)

    def __call__(self, component: str, _proc, docs, exc: Exception) -> None:
        for doc in docs:
            meta = doc._.document or {}
            self.by_document[meta.get("id", "?")] = f"{component} failed: {type(exc).__name__}: {exc}"


class Batch:
    """One run over some inputs. Iterate it for (document, contract); `report` fills in as it goes."""

    def __init__(
        self,
        nlp: Language | None,
        on_error: ErrorSink,
        store: Store | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        batch_size: int = 32,
        n_process: int = 1,
        dedup_threshold: float = 0.8,
    ) -> None:
        self.nlp = nlp
        self.on_error = on_error
        self.store = store
        self.max_bytes = max_bytes
        self.batch_size = batch_size
        self.n_process = n_process
        self._index_time = utc_now()
        self.index = store.load_near_duplicate_index(dedup_threshold) if store else None
        self._external: set[str] = set()  # documents other writers stored while this batch ran
        self._seen: set[str] = set()
        self.report = BatchReport()
        self._signatures: dict[str, bytes] = {}
        self._duplicates: list[tuple[Document, bytes]] = []
        self._handler = PipelineErrors()
        if nlp is not None:  # None: documents arrive extracted (run_extracted), as from Dask workers
            # Our components have no .pipe(), so spaCy calls this for a failing doc and drops only that doc.
            nlp.default_error_handler = self._handler

    def fail(self, error: InputError) -> None:
        # Kept errors must not pin what was being read: a raised error's traceback holds its frames' locals
        # (raw input, decompressed buffers), which over a long batch adds up to gigabytes.
        error.__traceback__ = error.__context__ = error.__cause__ = None
        self.report.failed += 1
        self.report.errors.append(error)
        self.on_error(error)
        if self.store is not None:
            self.store.record_error(error.source, error.reason)

    def _admitted(self, items: Iterable[Document | InputError]) -> Iterator[Document]:
        """Errors reported, exact re-ingests skipped, near-duplicates recorded but not re-processed."""
        for item in items:
            if isinstance(item, InputError):
                self.fail(item)
                continue
            if item.id in self._seen or (self.store is not None and self.store.has_document(item.id)):
                self.report.already_stored += 1
                continue
            self._seen.add(item.id)
            if self.index is not None:
                signature = minhash_of(item.text)
                original = self.index.find(signature)
                self.index.add(item.id, signature)
                if original is not None:
                    # Saved once the original is stored (it may still be in the pipeline).
                    item.duplicate_of = original
                    self._duplicates.append((item, signature_bytes(signature)))
                    continue
                self._signatures[item.id] = signature_bytes(signature)
            yield item

    def _stored_meanwhile(self, document: Document, signature: bytes) -> bool:
        """Another ingest stored a near-duplicate of this document while it was in the pipeline (the index
        was loaded when this batch began): record it as that document's duplicate instead."""
        if self.index is None:
            return False
        checked_at = utc_now()
        slack = dt.timedelta(seconds=2)  # clocks of concurrent writers and commit order
        for doc_id, raw in self.store.signatures_since(self._index_time - slack):
            if doc_id not in self.index:
                self.index.add(doc_id, signature_from_bytes(raw))
                self._external.add(doc_id)
        self._index_time = checked_at
        original = self.index.find(signature_from_bytes(signature), among=self._external - {document.id})
        if original is None:
            return False
        document.duplicate_of = original
        self.store.save_duplicate(document, signature)
        self.report.near_duplicates += 1
        return True

    def run(self, paths: Iterable[str]) -> Iterator[tuple[Document, dict]]:
        yield from self.run_documents(iter_documents(paths, self.max_bytes))

    def run_documents(self, items: Iterable[Document | InputError]) -> Iterator[tuple[Document, dict]]:
        """The batch over documents read elsewhere (a feed follower's fetches), errors reported as ever."""
        yield from self._process(self._admitted(items))
        yield from self._process(self._orphans())

    def run_extracted(self, outcomes: Iterable[Outcome]) -> Iterator[tuple[Document, dict]]:
        """The batch over documents read and extracted elsewhere (Dask workers), taken in input order:
        admission, near-duplicates and storing decide exactly as a serial run does, so both runs build
        the same store."""
        held: dict[str, Outcome] = {}  # near-duplicates' results, in case their original fails
        for outcome in outcomes:
            if isinstance(outcome.item, InputError):
                self.fail(outcome.item)
                continue
            for document in self._admitted([outcome.item]):
                yield from self._take(document, outcome)
            if outcome.item.duplicate_of is not None:
                held[outcome.item.id] = outcome
        for document in self._orphans():
            yield from self._take(document, held[document.id])

    def _take(self, document: Document, outcome: Outcome) -> Iterator[tuple[Document, dict]]:
        if outcome.contract is None:
            self.fail(InputError(document.source, outcome.failure or PipelineErrors.DROPPED))
            return
        self.report.processed += 1
        if self._store_one(document, outcome.contract):
            yield document, outcome.contract

    def _orphans(self) -> list[Document]:
        """Near-duplicates are saved once their originals are stored; a copy whose original failed is
        the only one, so it is processed after all."""
        orphans = []
        for document, signature in self._duplicates:
            if self.store.has_document(document.duplicate_of):
                self.store.save_duplicate(document, signature)
                self.report.near_duplicates += 1
            else:
                document.duplicate_of = None
                self._signatures[document.id] = signature
                orphans.append(document)
        self._duplicates = []
        return orphans

    def _process(self, admitted: Iterable[Document]) -> Iterator[tuple[Document, dict]]:
        sent: dict[str, Document] = {}

        def tracked(documents: Iterable[Document]) -> Iterator[Document]:
            for document in documents:
                sent[document.id] = document
                yield document

        documents = tracked(admitted)
        for document, contract in process(self.nlp, documents, self.batch_size, self.n_process):
            sent.pop(document.id, None)
            self.report.processed += 1
            if self._store_one(document, contract):
                yield document, contract
        for doc_id, document in sent.items():
            self.fail(
                InputError(document.source, self._handler.reason(doc_id))
            )

    def _store_one(self, document: Document, contract: dict) -> bool:
        """Store one processed document (when the batch has a store); False when it was not kept."""
        if self.store is None:
            return True
        signature = self._signatures.pop(document.id, None)
        if signature is not None and self._stored_meanwhile(document, signature):
            return False
        try:
            stored = self.store.save(document, contract, signature)
        except Exception as exc:  # one bad document must not lose the rest of the batch
            first_line = (str(exc).strip().splitlines() or [""])[0][:300]  # no SQL dumps
            self.fail(InputError(document.source, f"could not store: {type(exc).__name__}: {first_line}"))
            return False
        if stored:
            self.report.stored += 1
        else:  # a concurrent ingest stored it first
            self.report.already_stored += 1
        return True
