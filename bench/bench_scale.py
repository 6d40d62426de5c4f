"""Bulk run on real pages into PostgreSQL: one process, then Dask with 1 and 2 workers.

A WARC is built (in a temporary folder, never in the repo) from the real pages in ../shared: the AEB
and WCXB HTML pages as crawled, MEANTIME and ECB+ texts rendered as simple HTML pages. Each run ingests
the whole archive into a fresh database on a throwaway PostgreSQL server and is timed end to end
(start-up included), with the peak RSS of every process of the run sampled twice a second and the
time until the first document is stored. Targets: 2 workers >= 1.7x the docs/s of 1 worker, 1 worker
>= 0.9x one process, peak RSS per worker < 1 GB.

Also measured: what the store-generation counter costs concurrent writers (a shared counter row
updated in every write transaction, as the SQLite store does, against the PostgreSQL snapshot)."""

from __future__ import annotations

import contextlib
import gzip
import html
import math
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import BENCHMARKS, Section, skipped
from firsts import first

TITLE = "Bulk ingest on Dask into PostgreSQL"
DAY_OF_NEWS = 300_000  # pages in a day of a news crawl (the "a few hundred thousand")


def _record(url: str, body: bytes) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + http + b"\r\n\r\n", compresslevel=1)


def _page(title: str | None, text: str) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
    heading = html.escape(title or "")
    return (f"<!doctype html><html><head><title>{heading}</title></head><body><article><h1>{heading}</h1>"
            f"{paragraphs}</article></body></html>").encode()


def build_warc(path: Path) -> dict[str, int]:
    sys.path.insert(0, str(Path(__file__).parent))
    from corpora import ecbplus, meantime

    counts: dict[str, int] = {}
    with path.open("wb") as out:
        for name, folder in (("AEB", BENCHMARKS / "extraction" / "scrapinghub_aeb" / "html"),
                             ("WCXB", BENCHMARKS / "extraction" / "wcxb_test" / "html")):
            pages = sorted(folder.glob("*.html*"))
            for page in pages:
                raw = page.read_bytes()
                out.write(_record(f"https://{name.lower()}.example/{page.name}", gzip.decompress(raw)
                                  if page.name.endswith(".gz") else raw))
            counts[name] = len(pages)
        for name, documents in (("MEANTIME", meantime.load(BENCHMARKS)), ("ECB+", ecbplus.load(BENCHMARKS))):
            for document in documents:
                out.write(_record(f"https://{name.lower()}.example/{document.id}", _page(document.title, document.text)))
            counts[name] = len(documents)
    return counts


def _tree_rss(pid: int) -> dict[int, int]:
    import psutil

    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return {}
    rss = {}
    for process in processes:
        with contextlib.suppress(psutil.NoSuchProcess):
            rss[process.pid] = process.memory_info().rss
    return rss


def ingest_run(warc: Path, url: str, scheduler: str | None) -> dict:
    """Run `newsgraph ingest` on the archive; wall time, stored documents, peak RSS per process."""
    from sqlalchemy import create_engine, text

    command = [sys.executable, "-m", "newsgraph.cli", "ingest", str(warc), "--db", url, "--quiet"]
    if scheduler:
        command += ["--scheduler", scheduler]
    started = time.time()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peaks: dict[int, int] = {}
    first_stored = None
    engine = create_engine(url)
    while process.poll() is None:
        for pid, rss in _tree_rss(process.pid).items():
            peaks[pid] = max(peaks.get(pid, 0), rss)
        if first_stored is None:
            try:
                with engine.connect() as connection:
                    if connection.execute(text("SELECT count(*) FROM documents")).scalar():
                        first_stored = time.time() - started
            except Exception:  # the schema is not created yet
                first_stored = None
        time.sleep(0.5)
    seconds = time.time() - started
    stderr = process.stderr.read()
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT count(*) FROM documents WHERE duplicate_of IS NULL")).scalar()
        all_documents = connection.execute(text("SELECT count(*) FROM documents")).scalar()
    engine.dispose()
    workers = sorted(peaks.values(), reverse=True)
    return {
        "seconds": seconds, "stored": stored, "documents": all_documents, "rate": all_documents / seconds,
        "first": first_stored, "peaks": peaks, "main": peaks.get(process.pid, 0),
        "worker_peak": max((rss for pid, rss in peaks.items() if pid != process.pid), default=0),
        "largest": workers[:4], "summary": stderr.strip().splitlines()[-1] if stderr.strip() else "",
    }


def extraction_only(warc: Path, workers: int) -> float:
    """Documents per second of the Dask workers alone (results consumed, nothing stored), pipeline
    start-up excluded: how the extraction itself scales with workers."""
    from newsgraph.distributed import close_client, cluster_client, distributed_outcomes, plan_partitions

    client = cluster_client(f"local:{workers}")
    try:
        client.wait_for_workers(workers)
        started = time.perf_counter()
        done = sum(1 for _ in distributed_outcomes(client, plan_partitions([str(warc)])))
        return done / (time.perf_counter() - started)
    finally:
        close_client(client)


def generation_contention(server) -> str:
    """Writers that each hold a transaction open for a while (as storing a long document does): with a
    counter row every write transaction updates, they queue on its lock; without, they overlap."""
    from sqlalchemy import text

    from newsgraph.store.db import make_engine

    results = {}
    writers, transactions, hold = 8, 25, 0.02
    for mode in ("counter row", "snapshot (newsgraph)"):
        engine = make_engine(server.new_database(f"gen_{mode.split()[0]}"))
        engine.dispose()
        engine = make_engine(engine.url.render_as_string(hide_password=False), migrate_schema=False)

        def write(number: int, mode: str = mode, engine=engine) -> None:
            for t in range(transactions):
                with engine.begin() as connection:
                    connection.execute(text("INSERT INTO ingest_errors (source, reason, at) "
                                            "VALUES (:s, 'x', now())"), {"s": f"w{number}-{t}"})
                    if mode == "counter row":
                        connection.execute(text("UPDATE store_meta SET generation = generation + 1"))
                    time.sleep(hold)  # the rest of a document's transaction

        started = time.perf_counter()
        threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        results[mode] = writers * transactions / (time.perf_counter() - started)
        engine.dispose()
    return (
        "Store-generation counter under 8 concurrent writers, each transaction held 20 ms: "
        + ", ".join(f"{mode} {rate:.0f} transactions/s" for mode, rate in results.items())
        + " (a counter row serialises the writers; the snapshot costs them nothing)."
    )


def run() -> Section:
    if not (BENCHMARKS / "extraction" / "wcxb_test").exists():
        return skipped(TITLE, "../shared/benchmarks not present")
    from newsgraph.store.throwaway import PostgresUnavailable, ThrowawayPostgres

    try:
        server = ThrowawayPostgres(durable=True).start()
    except PostgresUnavailable as exc:
        return skipped(TITLE, str(exc))
    try:
        with tempfile.TemporaryDirectory() as folder:
            warc = Path(folder) / "real-pages.warc.gz"
            counts = build_warc(warc)
            runs = {}
            for label, scheduler in (("one process", None), ("Dask, 1 worker", "local:1"),
                                     ("Dask, 2 workers", "local:2")):
                print(f"  {label} ...", flush=True)
                runs[label] = ingest_run(warc, server.new_database(label.split()[-2].lower() + "_run"), scheduler)
            print("  extraction only ...", flush=True)
            extraction = {n: extraction_only(warc, n) for n in (1, 2)}
        contention = generation_contention(server)
    finally:
        server.stop()
    return Section(TITLE, report(counts, runs, contention, extraction))


def report(counts: dict[str, int], runs: dict[str, dict], contention: str, extraction: dict[int, float]) -> str:
    mb = 1024 * 1024
    rows = ["| run | wall s | documents | docs/s | first stored after | peak RSS, main | peak RSS, largest worker |",
            "|---|---|---|---|---|---|---|"]
    for label, r in runs.items():
        worker = f"{r['worker_peak'] / mb:.0f} MB" if label != "one process" else "(in main)"
        first_stored = f"{r['first']:.1f} s" if r["first"] is not None else "n/a"
        rows.append(f"| {label} | {r['seconds']:.0f} | {r['documents']} | {r['rate']:.2f} | {first_stored} | "
                    f"{r['main'] / mb:.0f} MB | {worker} |")
    one, single, double = runs["one process"], runs["Dask, 1 worker"], runs["Dask, 2 workers"]
    speedup = double["rate"] / single["rate"]
    overhead = single["rate"] / one["rate"]
    writer_hours = DAY_OF_NEWS / double["rate"] / 3600
    extraction_hours = DAY_OF_NEWS / extraction[1] / 3600
    lines = [
        f"Archive: {sum(counts.values())} real pages in one WARC ({', '.join(f'{k} {v}' for k, v in counts.items())}); "
        "each run ingests it into a fresh PostgreSQL database (throwaway server, fsync on) and is timed end "
        "to end, start-up of the pipeline and the workers included.",
        "",
        *rows,
        "",
        f"- 2 workers / 1 worker: **{speedup:.2f}x** (target >= 1.7x). 1 Dask worker / one process: "
        f"**{overhead:.2f}x** (target >= 0.9x). Largest worker peak RSS: "
        f"**{max(r['worker_peak'] for r in (single, double)) / mb:.0f} MB** (target < 1 GB).",
        f"- Summary lines: {'; '.join(r['summary'] for r in runs.values())}.",
        f"- Extraction alone on Dask (the workers' results consumed, nothing stored; pipeline start-up "
        f"excluded): 1 worker {extraction[1]:.2f} docs/s, 2 workers {extraction[2]:.2f} docs/s, "
        f"**{extraction[2] / extraction[1]:.2f}x**. The engine scales; end to end, the workers share this "
        "machine's 2 cores with the storing client and PostgreSQL, so adding a worker adds only what "
        "storing leaves of the second core.",
        f"- A day of news, {DAY_OF_NEWS:,} pages: extraction needs **{extraction_hours:.1f} core-hours** "
        f"({extraction[1]:.2f} docs/s per worker core), e.g. 1 hour on {math.ceil(extraction_hours)} worker cores. Storing runs in one "
        "client, in input order (so the KB is the same as a serial run's): here it kept "
        f"{double['rate']:.2f} docs/s while sharing the cores, {writer_hours:.1f} hours for the day, so a "
        "day-sized crawl wants the workers on other machines and the client and PostgreSQL on their own cores.",
        "- First measurement of each rate (bench/first_measurements.json) beside this run: "
        + ", ".join(f"{label} {first('scale.docs_per_s.' + key, r['rate']):.2f} → {r['rate']:.2f} docs/s"
                    for (label, r), key in zip(runs.items(), ("one_process", "dask_1_worker", "dask_2_workers"), strict=True))
        + ".",
        f"- {contention}",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(run().markdown)
