"""Scale check: a synthetic store of one million entity mentions, served by `newsgraph serve`
(uvicorn, its own process), loaded by 50 concurrent clients on loopback for a bounded number of
requests; p50 and p95 latency per endpoint and overall. Target: p95 < 100 ms."""

from __future__ import annotations

import asyncio
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import Section
from firsts import first

TITLE = "API latency at scale (1 M mentions, 50 concurrent clients)"
MENTIONS = 1_000_000
DOCUMENTS = 50_000
CLIENTS = 50
WORKERS = 2  # one uvicorn worker per core of the 2-core machine
REQUESTS = 20_000
WORDS = [
    "ceasefire",
    "shelling",
    "convoy",
    "border",
    "protest",
    "airport",
    "governor",
    "rebels",
    "ministry",
    "talks",
    "refugees",
    "drone",
    "bridge",
    "election",
    "hospital",
    "village",
    "market",
    "harbour",
]
COUNTRIES = ["SD", "UA", "SY", "YE", "ML", "CD", "ET", "MM", "HT", "LY", "SO", "AF", "IQ", "NG", "VE"]
TYPES = ["ASSAULT", "PROTEST", "AGREE", "COERCE", "RETREAT", "ACCUSE", "CONSULT", "THREATEN"]


def generate(path: Path) -> dict:
    """Create the schema through the app's migrations, then bulk-insert synthetic rows."""
    from newsgraph.store.db import make_engine

    make_engine(f"sqlite:///{path}").dispose()
    rng = random.Random(7)
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    started = time.perf_counter()
    kb = [(f"kb{i}", f"Name {i}", rng.choice(["PERSON", "ORG", "PLACE"])) for i in range(1, 20_001)]
    con.executemany(
        "INSERT INTO kb_entities (kb_id, name, type, aliases, countries, documents) "
        "VALUES (?, ?, ?, '[]', '[]', 0)",
        kb,
    )
    docs = []
    for d in range(DOCUMENTS):
        # News vocabulary is large: most words are rare, so a query matches a small share of documents.
        text = " ".join(
            rng.choice(WORDS) if rng.random() < 0.02 else f"term{rng.randrange(5000)}" for _ in range(60)
        )
        published = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        document = {
            "id": f"{d:016x}",
            "source": f"synthetic/{d}.txt",
            "title": f"Report {d}",
            "published": published,
            "language": "en",
            "text": text,
        }
        contract = {
            "document": document,
            "entities": [],
            "quotes": [],
            "events": [],
            "relations": [],
            "claims": [],
        }
        docs.append(
            (
                f"{d:016x}",
                f"synthetic/{d}.txt",
                f"Report {d}",
                published,
                "en",
                "text",
                text,
                json.dumps(contract),
                "2025-01-01 00:00:00",
            )
        )
    con.executemany(
        "INSERT INTO documents (id, source, title, published, language, format, text, contract, ingested_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        docs,
    )
    places = [k for k in kb if k[2] == "PLACE"]
    where = {
        k[0]: {
            "gazetteer_id": f"g{i}",
            "lat": rng.uniform(-40, 60),
            "lon": rng.uniform(-100, 140),
            "country": rng.choice(COUNTRIES),
        }
        for i, k in enumerate(places)
    }
    entities, mentions, events, quotes, claims = [], [], [], [], []
    per_doc = MENTIONS // DOCUMENTS
    pk = 0
    for d in range(DOCUMENTS):
        doc_id = f"{d:016x}"
        for local in range(4):
            pk += 1
            k = rng.choice(places if local == 3 else kb)  # the fourth entity is where things happen
            geo = where.get(k[0])
            entities.append(
                (
                    pk,
                    doc_id,
                    f"e{local + 1}",
                    k[1],
                    k[2],
                    "[]",
                    json.dumps(geo) if geo else None,
                    geo and geo["country"],
                    k[0],
                )
            )
            for m in range(per_doc // 4):
                mentions.append((pk, doc_id, m * 10, m * 10 + 6, k[1]))
        claims.append(
            (doc_id, "c1", pk - 3, "A synthetic claim.", "contested" if rng.random() < 0.1 else "reported")
        )
        for _ in range(2):
            events.append(
                (
                    doc_id,
                    rng.choice(TYPES),
                    pk - 3,
                    pk - 2,
                    pk,
                    f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                    "A synthetic sentence.",
                    0,
                    20,
                    where[entities[-1][-1]]["country"],
                    "{}",
                )
            )
        quotes.append((doc_id, "A synthetic quotation of some words.", 0, 36, pk - 3, "unknown", "direct"))
    con.executemany(
        "INSERT INTO entities (pk, document_id, local_id, name, type, aliases, geo, country, kb_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        entities,
    )
    con.executemany(
        "INSERT INTO mentions (entity_pk, document_id, start, end, text) VALUES (?, ?, ?, ?, ?)", mentions
    )
    con.executemany(
        "INSERT INTO events (document_id, type, actor_pk, target_pk, location_pk, date, sentence, start, "
        "end, country, negated, hypothetical, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?)",
        events,
    )
    con.executemany(
        "INSERT INTO quotes (document_id, text, start, end, speaker_pk, channel, kind) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        quotes,
    )
    con.executemany(
        "INSERT INTO claims (document_id, local_id, subject_pk, statement, status, alternatives, details) "
        "VALUES (?, ?, ?, ?, ?, '[]', '{}')",
        claims,
    )
    con.commit()
    counts = {
        t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("documents", "entities", "mentions", "events", "quotes", "claims", "kb_entities")
    }
    con.close()
    counts["seconds"] = round(time.perf_counter() - started, 1)
    return counts


def paths(rng: random.Random) -> str:
    """A request as the web UI and API users make them: lists, filters, search, detail views."""
    word = rng.choice(WORDS) if rng.random() < 0.5 else f"term{rng.randrange(5000)}"
    month = f"2025-{rng.randint(1, 12):02d}"
    choices = [
        f"/api/events?type={rng.choice(TYPES)}&limit=50",
        f"/api/events?country={rng.choice(COUNTRIES)}&since={month}-01&limit=50",
        f"/api/search?q={word}&limit=20",
        f"/api/documents?limit=50&offset={rng.randrange(5000)}",
        f"/api/documents/{rng.randrange(DOCUMENTS):016x}",
        f"/api/entities?type={rng.choice(['PERSON', 'ORG', 'PLACE'])}&limit=50&offset={rng.randrange(2000)}",
        f"/api/entities/kb{rng.randint(1, 20_000)}",
        f"/api/quotes?limit=50&offset={rng.randrange(5000)}",
        f"/api/claims?contested=true&limit=50&offset={rng.randrange(500)}",
        f"/api/places?country={rng.choice(COUNTRIES)}&limit=100",
        f"/api/export.geojson?type={rng.choice(TYPES)}&since={month}-01&until={month}-28&limit=500",
    ]
    return rng.choice(choices)


async def fetch(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str) -> tuple[int, bool]:
    """One GET on a kept-alive connection: the status, and whether the response cache answered. A bare
    HTTP/1.1 exchange keeps the load generator's own CPU cost (it shares the machine with the server)
    far below httpx's."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    headers = dict(line.lower().split(b": ", 1) for line in head.split(b"\r\n")[1:] if b": " in line)
    await reader.readexactly(int(headers[b"content-length"]))
    return status, headers.get(b"x-cache") == b"hit"


async def load(port: int, requests: int = REQUESTS) -> list[tuple[str, float, int, bool]]:
    rng = random.Random(11)
    queue: asyncio.Queue[str] = asyncio.Queue()
    for _ in range(requests):
        queue.put_nowait(paths(rng))
    results: list[tuple[str, float, int, bool]] = []

    async def client() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        while not queue.empty():
            path = queue.get_nowait()
            started = time.perf_counter()
            try:
                status, hit = await fetch(reader, writer, path)
            except (OSError, asyncio.IncompleteReadError, ValueError, KeyError):
                status, hit = 599, False  # a dropped connection counts as a failed request
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            results.append((endpoint(path), (time.perf_counter() - started) * 1000, status, hit))
        writer.close()

    await asyncio.wait_for(asyncio.gather(*(client() for _ in range(CLIENTS))), timeout=600)
    return results


def endpoint(path: str) -> str:
    """The route a path exercises: query strings and ids folded away."""
    parts = path.split("?")[0].split("/")
    return "/".join(parts[:3] + ["{id}"]) if len(parts) == 4 else "/".join(parts)


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def serve_and_load(db: Path | str, cache: bool) -> tuple[list[tuple[str, float, int, bool]], float]:
    """Start `newsgraph serve` on the store, wait until it answers, run the load; results and seconds."""
    import httpx

    from newsgraph.web.testing import free_port

    port = free_port()
    command = [sys.executable, "-m", "newsgraph.cli", "serve", "--db", str(db), "--port", str(port)]
    command += ["--workers", str(WORKERS), "--cache" if cache else "--no-cache"]
    server = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ}
    )
    try:
        for _ in range(300):
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        started = time.perf_counter()
        results = asyncio.run(load(port))
        return results, time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)


def summary(results: list[tuple[str, float, int, bool]], elapsed: float) -> tuple[dict, str]:
    """Per-endpoint latencies, and one sentence on throughput, errors and cache hits."""
    by_path: dict[str, list[float]] = {}
    for path, ms, _, _ in results:
        by_path.setdefault(path, []).append(ms)
    by_path["**all**"] = [ms for _, ms, _, _ in results]
    errors = sum(1 for *_, status, _ in results if status >= 400)
    hits = sum(1 for *_, hit in results if hit)
    return by_path, (
        f"{len(results)} requests in {elapsed:.1f} s ({len(results) / elapsed:.0f} req/s), {errors} errors, "
        f"{hits / len(results):.0%} answered from the response cache"
    )


def table(cached: dict, uncached: dict) -> list[str]:
    rows = [
        "| endpoint | requests | p50 ms | p95 ms | p50 ms, no cache | p95 ms, no cache |",
        "|---|---|---|---|---|---|",
    ]
    for path in sorted(cached, key=lambda p: (p == "**all**", p)):
        a, b = cached[path], uncached[path]
        name = path if path.startswith("**") else f"`{path}`"
        rows.append(
            f"| {name} | {len(a)} | {statistics.median(a):.1f} | {percentile(a, 95):.1f} | "
            f"{statistics.median(b):.1f} | {percentile(b, 95):.1f} |"
        )
    return rows


def on_postgres(db: Path) -> str:
    """The same store copied onto a throwaway PostgreSQL server (`newsgraph copy-store`), same load."""
    from newsgraph.store.copy import copy_store
    from newsgraph.store.throwaway import PostgresUnavailable, ThrowawayPostgres

    try:
        server = ThrowawayPostgres(durable=True).start()
    except PostgresUnavailable as exc:
        return f"_PostgreSQL run skipped: {exc}_\n"
    try:
        url = server.new_database("api_scale")
        started = time.perf_counter()
        copy_store(f"sqlite:///{db}", url)
        copied = time.perf_counter() - started
        from sqlalchemy import create_engine

        engine = create_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.exec_driver_sql("VACUUM ANALYZE")
        engine.dispose()
        cached, cached_note = summary(*serve_and_load(url, cache=True))
        uncached, uncached_note = summary(*serve_and_load(url, cache=False))
    finally:
        server.stop()
    p95 = {"cache": percentile(cached["**all**"], 95), "no_cache": percentile(uncached["**all**"], 95)}
    firsts = {k: first(f"api.postgres.p95_ms.{k}", v) for k, v in p95.items()}
    return (
        f"First measurement on PostgreSQL, overall p95: {firsts['cache']:.1f} ms with the cache, "
        f"{firsts['no_cache']:.1f} ms without (bench/first_measurements.json); this run: {p95['cache']:.1f} / "
        f"{p95['no_cache']:.1f} ms.\n\n"
        f"**PostgreSQL** (the same store, copied with `newsgraph copy-store` in {copied:.0f} s, then "
        f"`VACUUM ANALYZE`; PostgreSQL 15 on the same 2 cores as the server and the load): default server: "
        f"{cached_note}. With `--no-cache`: {uncached_note}.\n\n" + "\n".join(table(cached, uncached)) + "\n"
    )


def run() -> Section:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "scale.db"
        counts = generate(db)
        cached, cached_note = summary(*serve_and_load(db, cache=True))
        uncached, uncached_note = summary(*serve_and_load(db, cache=False))
        postgres = on_postgres(db)
    text = (
        f"Synthetic store: {json.dumps(counts)} (generated through the app's own migrations). "
        f"`newsgraph serve --workers {WORKERS}` (uvicorn with uvloop and httptools) on loopback; {CLIENTS} "
        f"concurrent clients, each sending its next request as soon as the last is answered, over a mix of "
        f"{len(cached) - 1} endpoints with random filters, offsets, ids and search words (see `paths()`). "
        "Target: p95 < 100 ms.\n\n"
        f"**SQLite**: default server (response cache on): {cached_note}. With `--no-cache`: {uncached_note}.\n\n"
        + "\n".join(table(cached, uncached)) + "\n\n" + postgres
    )
    return Section(TITLE, text)


if __name__ == "__main__":
    print(run().markdown)
