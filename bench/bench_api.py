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

TITLE = "API latency at scale (1 M mentions, 50 concurrent clients)"
MENTIONS = 1_000_000
DOCUMENTS = 50_000
CLIENTS = 50
WORKERS = 2  # one uvicorn worker per core of the 2-core machine
REQUESTS = 3000
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
    entities, mentions, events, quotes = [], [], [], []
    per_doc = MENTIONS // DOCUMENTS
    pk = 0
    for d in range(DOCUMENTS):
        doc_id = f"{d:016x}"
        for local in range(4):
            pk += 1
            k = rng.choice(kb)
            entities.append((pk, doc_id, f"e{local + 1}", k[1], k[2], "[]", k[0]))
            for m in range(per_doc // 4):
                mentions.append((pk, doc_id, m * 10, m * 10 + 6, k[1]))
        for _ in range(2):
            events.append(
                (
                    doc_id,
                    rng.choice(TYPES),
                    pk - 3,
                    pk - 2,
                    pk,
                    f"2025-{rng.randint(1, 12):02d}-01",
                    "A synthetic sentence.",
                    0,
                    20,
                    "{}",
                )
            )
        quotes.append((doc_id, "A synthetic quotation of some words.", 0, 36, pk - 3, "unknown", "direct"))
    con.executemany(
        "INSERT INTO entities (pk, document_id, local_id, name, type, aliases, kb_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        entities,
    )
    con.executemany(
        "INSERT INTO mentions (entity_pk, document_id, start, end, text) VALUES (?, ?, ?, ?, ?)", mentions
    )
    con.executemany(
        "INSERT INTO events (document_id, type, actor_pk, target_pk, location_pk, date, sentence, start, "
        "end, negated, hypothetical, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?)",
        events,
    )
    con.executemany(
        "INSERT INTO quotes (document_id, text, start, end, speaker_pk, channel, kind) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        quotes,
    )
    con.commit()
    counts = {
        t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("documents", "entities", "mentions", "events", "quotes", "kb_entities")
    }
    con.close()
    counts["seconds"] = round(time.perf_counter() - started, 1)
    return counts


def paths(rng: random.Random) -> str:
    choice = rng.randrange(6)
    if choice == 0:
        return f"/api/events?type={rng.choice(TYPES)}&limit=50"
    if choice == 1:
        return f"/api/search?q={rng.choice(WORDS)}&limit=20"
    if choice == 2:
        return f"/api/documents?limit=50&offset={rng.randrange(1000)}"
    if choice == 3:
        return f"/api/entities?type=PERSON&limit=50&offset={rng.randrange(500)}"
    if choice == 4:
        return f"/api/quotes?limit=50&offset={rng.randrange(1000)}"
    return f"/api/documents/{rng.randrange(DOCUMENTS):016x}"


async def load(base: str) -> list[tuple[str, float, int]]:
    import httpx

    rng = random.Random(11)
    queue: asyncio.Queue[str] = asyncio.Queue()
    for _ in range(REQUESTS):
        queue.put_nowait(paths(rng))
    results: list[tuple[str, float, int]] = []

    async def client(http: httpx.AsyncClient) -> None:
        while not queue.empty():
            path = queue.get_nowait()
            started = time.perf_counter()
            try:
                status = (await http.get(base + path)).status_code
            except httpx.TransportError:
                status = 599  # a dropped connection counts as a failed request, not a crashed benchmark
            results.append(
                (
                    path.split("?")[0].rsplit("/", 1)[0]
                    if path.startswith("/api/documents/")
                    else path.split("?")[0],
                    (time.perf_counter() - started) * 1000,
                    status,
                )
            )

    limits = httpx.Limits(max_connections=CLIENTS)
    async with httpx.AsyncClient(timeout=30, limits=limits) as http:
        await asyncio.wait_for(asyncio.gather(*(client(http) for _ in range(CLIENTS))), timeout=600)
    return results


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def run() -> Section:
    from newsgraph.web.testing import free_port

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "scale.db"
        counts = generate(db)
        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "newsgraph.cli",
                "serve",
                "--db",
                str(db),
                "--port",
                str(port),
                "--workers",
                str(WORKERS),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ},
        )
        try:
            base = f"http://127.0.0.1:{port}"
            import httpx

            for _ in range(300):
                try:
                    if httpx.get(base + "/api/stats", timeout=5).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.2)
            started = time.perf_counter()
            results = asyncio.run(load(base))
            elapsed = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=30)
    errors = sum(1 for _, _, status in results if status >= 400)
    by_path: dict[str, list[float]] = {}
    for path, ms, _ in results:
        by_path.setdefault(path, []).append(ms)
    latencies = [ms for _, ms, _ in results]
    rows = ["| endpoint | requests | p50 ms | p95 ms |", "|---|---|---|---|"]
    for path, values in sorted(by_path.items()):
        rows.append(
            f"| `{path}` | {len(values)} | {statistics.median(values):.1f} | {percentile(values, 95):.1f} |"
        )
    rows.append(
        f"| **all** | {len(latencies)} | **{statistics.median(latencies):.1f}** | "
        f"**{percentile(latencies, 95):.1f}** |"
    )
    text = (
        f"Synthetic store: {json.dumps(counts)} (generated in {counts['seconds']} s through the app's own "
        f"migrations). `newsgraph serve --workers {WORKERS}` (uvicorn) on loopback; {CLIENTS} concurrent "
        f"clients sent {len(results)} requests in {elapsed:.1f} s ({len(results) / elapsed:.0f} req/s), "
        f"{errors} errors. Target: p95 < 100 ms.\n\n" + "\n".join(rows) + "\n"
    )
    return Section(TITLE, text)


if __name__ == "__main__":
    print(run().markdown)
