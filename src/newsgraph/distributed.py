"""Bulk extraction on Dask: inputs are cut into partitions (files, or groups of WARC records), each
worker loads the pipeline once and turns a partition into contract JSON, and the results stream back
as they finish to the one process that stores them.

Why one writer: cross-document linking (the KB) and near-duplicate detection depend on the order in
which documents are stored. The client takes the workers' results in input order (a reorder window of
at most `window` partitions, so memory stays bounded) and stores them exactly as a serial run would,
so a run on N workers builds the same store as `newsgraph ingest` in one process. Storing is a small
part of the work per document; extraction (HTML parsing, spaCy) is the rest, and that is what scales.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from distributed import WorkerPlugin

from newsgraph.errors import InputError
from newsgraph.ingest.document import Document
from newsgraph.ingest.sources import DEFAULT_MAX_BYTES, RawInput, documents_from_bytes, read_inputs
from newsgraph.ingest.warc import record_document, warc_records
from newsgraph.runner import Outcome, PipelineErrors

PARTITION_SIZE = 8  # input items per task: large enough to amortise a task's cost, small enough to balance
WARC_NAMES = (".warc", ".warc.gz", ".arc", ".arc.gz")


@dataclass(frozen=True)
class WarcRecord:
    """One record of an archive that was split across partitions."""

    source: str
    number: int
    data: bytes
    last: bool = False  # the archive's last record: the client then knows whether it held any page


Unit = RawInput | WarcRecord | InputError


@dataclass
class Partition:
    number: int
    units: list[Unit] = field(default_factory=list)


def plan_partitions(paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES,
                    size: int = PARTITION_SIZE) -> Iterator[Partition]:
    """Inputs in order, cut into partitions of `size` units. An archive is split into its records (the
    client only decompresses; parsing happens on the workers), so one big WARC still spreads over all
    workers. Read lazily: the client holds one partition at a time."""
    number = 0
    current = Partition(number)
    for unit in _units(paths, max_bytes):
        current.units.append(unit)
        if len(current.units) >= size:
            yield current
            number += 1
            current = Partition(number)
    if current.units:
        yield current


def _units(paths: Iterable[str], max_bytes: int) -> Iterator[Unit]:
    for raw in read_inputs(paths, max_bytes):
        if isinstance(raw, RawInput) and (raw.name.endswith(WARC_NAMES) or raw.data[:5] == b"WARC/"):
            yield from _split_archive(raw, max_bytes)
        else:
            yield raw


def _split_archive(raw: RawInput, max_bytes: int) -> Iterator[Unit]:
    previous: Unit | None = None
    for item in warc_records(raw.data, raw.source, max_bytes):
        if isinstance(item, InputError) and previous is None:
            yield raw  # not an archive after all, or broken at once: the worker reports it as a serial run does
            return
        if previous is not None:
            yield previous
        previous = item if isinstance(item, InputError) else WarcRecord(raw.source, *item)
    if isinstance(previous, WarcRecord):
        yield WarcRecord(previous.source, previous.number, previous.data, last=True)
    elif previous is not None:
        yield previous
        yield WarcRecord(raw.source, 0, b"", last=True)  # closes the archive after its error


@dataclass(frozen=True)
class UnitShape:
    """What the client keeps of a submitted unit: enough to report it if its partition is lost, and to
    say when a split archive held no page."""

    source: str
    archive: str | None  # the archive a record belongs to
    closes_archive: bool

    @classmethod
    def of(cls, unit: Unit) -> UnitShape:
        if isinstance(unit, WarcRecord):
            return cls(f"{unit.source}#record{unit.number}", unit.source, unit.last)
        return cls(unit.source, None, False)


# ---- on the workers --------------------------------------------------------------------------------

PIPELINE = "newsgraph_pipeline"  # attribute of the worker object holding its pipeline (built once)


class PipelinePlugin(WorkerPlugin):
    """A Dask worker plugin: builds the spaCy pipeline when the worker starts, once, not per task."""

    name = "newsgraph-pipeline"

    def __init__(self, overrides: dict[str, Any] | None = None) -> None:
        self.overrides = overrides

    def setup(self, worker) -> None:
        from newsgraph.nlp.pipeline import build_pipeline

        setattr(worker, PIPELINE, build_pipeline(self.overrides))

    def teardown(self, worker) -> None:
        if hasattr(worker, PIPELINE):
            delattr(worker, PIPELINE)


_engines: dict[str, Any] = {}  # per worker process: one engine per store URL


def _already_stored(db_url: str | None, ids: list[str]) -> set[str]:
    """Ids the store holds already: a resumed run skips their extraction."""
    if not db_url or not ids:
        return set()
    from sqlalchemy.exc import SQLAlchemyError

    from newsgraph.store.db import make_engine
    from newsgraph.store.repository import Store

    if db_url not in _engines:
        _engines[db_url] = make_engine(db_url, migrate_schema=False)
    try:
        return Store(_engines[db_url]).stored_ids(ids)
    except SQLAlchemyError:  # the store is out of this worker's reach: extract all, the client still skips
        return set()


def extract_partition(
    partition: Partition, max_bytes: int, db_url: str | None, batch_size: int
) -> tuple[int, list[list[Outcome]]]:
    """Run on a worker: read, parse and extract every document of the partition; the outcomes of each
    unit, in order. Errors stay per item."""
    from distributed import get_worker

    from newsgraph.nlp.pipeline import process

    nlp = getattr(get_worker(), PIPELINE)
    per_unit: list[list[Document | InputError]] = []
    for unit in partition.units:
        if isinstance(unit, InputError):
            per_unit.append([unit])
        elif isinstance(unit, WarcRecord):
            document = record_document(unit.data, unit.source, unit.number, max_bytes) if unit.data else None
            per_unit.append([document] if document is not None else [])
        else:
            per_unit.append(list(documents_from_bytes(unit, max_bytes)))
    documents = [item for items in per_unit for item in items if isinstance(item, Document)]
    skip = _already_stored(db_url, [d.id for d in documents])
    handler = PipelineErrors()
    nlp.default_error_handler = handler
    contracts = {
        document.id: contract
        for document, contract in process(nlp, (d for d in documents if d.id not in skip), batch_size)
    }

    def outcome(item: Document | InputError) -> Outcome:
        if isinstance(item, InputError) or item.id in skip:
            return Outcome(item)  # the client counts a stored document as already stored
        contract = contracts.get(item.id)
        failure = None if contract else handler.reason(item.id)
        return Outcome(item, contract, failure)

    return partition.number, [[outcome(item) for item in items] for items in per_unit]


# ---- on the client ---------------------------------------------------------------------------------


def cluster_client(scheduler: str, overrides: dict[str, Any] | None = None):
    """A Dask client for `local:N` (a LocalCluster of N single-threaded worker processes) or a scheduler
    address (tcp://host:port), with the pipeline plugin registered on every worker."""
    from distributed import Client, LocalCluster

    if scheduler.startswith("local:"):
        try:
            workers = int(scheduler.removeprefix("local:"))
        except ValueError:
            raise ValueError(f"bad --scheduler {scheduler!r}: expected local:N or tcp://host:port") from None
        if workers < 1:
            raise ValueError("local:N needs at least one worker")
        # One thread per worker: spaCy is CPU-bound Python, so threads would only share one core.
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        client = Client(cluster)
    elif "://" in scheduler:
        client = Client(scheduler)
    else:
        raise ValueError(f"bad --scheduler {scheduler!r}: expected local:N or tcp://host:port")
    client.register_plugin(PipelinePlugin(overrides))
    return client


def close_client(client) -> None:
    cluster = client.cluster
    client.close()
    if cluster is not None:
        cluster.close()


def distributed_outcomes(client, partitions: Iterable[Partition], *, max_bytes: int = DEFAULT_MAX_BYTES,
                         db_url: str | None = None, batch_size: int = 32, window: int | None = None,
                         on_partition: Callable[[Partition], None] | None = None) -> Iterator[Outcome]:
    """Every input item's outcome, in input order, while the workers run ahead by up to `window`
    partitions. A task whose workers keep dying (Dask retries it on other workers first) gives one
    error per input of its partition instead of ending the run."""
    from distributed import as_completed

    window = window or 4 * max(1, len(client.scheduler_info().get("workers", {})))
    run = uuid.uuid4().hex[:8]
    planned = iter(partitions)
    pending: dict[int, list[list[Outcome]]] = {}
    shapes: dict[int, list[UnitShape]] = {}
    numbers: dict[str, int] = {}
    found: dict[str, int] = {}  # pages found so far in each split archive
    finished = as_completed()
    submitted = released = 0

    def submit_next() -> bool:
        nonlocal submitted
        partition = next(planned, None)
        if partition is None:
            return False
        if on_partition is not None:
            on_partition(partition)
        shapes[partition.number] = [UnitShape.of(u) for u in partition.units]
        key = f"newsgraph-{run}-{partition.number}"
        numbers[key] = partition.number
        finished.add(client.submit(extract_partition, partition, max_bytes, db_url, batch_size, key=key, pure=False))
        submitted += 1
        return True

    def in_order(number: int, per_unit: list[list[Outcome]]) -> Iterator[Outcome]:
        for shape, outcomes in zip(shapes.pop(number), per_unit, strict=True):
            yield from outcomes
            if shape.archive is None:
                continue
            found[shape.archive] = found.get(shape.archive, 0) + len(outcomes)  # as a serial run counts them
            if shape.closes_archive and not found.pop(shape.archive):
                yield Outcome(InputError(shape.archive, "WARC holds no HTML responses"))

    while submitted - released < window and submit_next():
        pass
    for future in finished:
        number = numbers.pop(future.key)
        try:
            _, per_unit = future.result()
        except Exception as exc:  # KilledWorker and the like: the partition is lost, not the run
            reason = f"extraction failed on the workers: {type(exc).__name__}"
            per_unit = [[Outcome(InputError(shape.source, reason))] for shape in shapes[number]]
        future.release()
        pending[number] = per_unit
        while released in pending:
            yield from in_order(released, pending.pop(released))
            released += 1
        while submitted - released < window and submit_next():
            pass
