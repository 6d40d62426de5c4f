"""Hostile inputs at volume: 10,000 generated inputs of thirteen breakage classes (tests/hostile_inputs.py)
go through the normal ingest path into a fresh store, one input at a time. Reported: crashes (exceptions
that escape the batch: must be 0), documents lost (read by a reader but neither stored, skipped as a
duplicate nor reported: must be 0), peak RSS, the slowest input; then one 1,000,000-character article
(target: under 5 minutes, peak RSS under 2 GB), measured in a separate process."""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from common import ROOT, Section

TITLE = "Hostile inputs (fuzz run) and a 1,000,000-character article"
COUNT = int(__import__("os").environ.get("NEWSGRAPH_FUZZ_COUNT", "10000"))


def run() -> Section:
    sys.path.insert(0, str(ROOT / "tests"))
    from hostile_inputs import generate
    from newsgraph.errors import InputError
    from newsgraph.ingest.sources import iter_documents
    from newsgraph.nlp.pipeline import build_pipeline
    from newsgraph.runner import Batch
    from newsgraph.store.db import make_engine
    from newsgraph.store.repository import Store

    nlp = build_pipeline()
    crashes: Counter = Counter()
    read = 0
    slowest = (0.0, "")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        batch = Batch(nlp, lambda e: None, store=Store(make_engine(f"sqlite:///{root / 'fuzz.db'}")))
        started = time.perf_counter()
        for kind, name, data in generate(COUNT, seed=2026):
            path = root / name
            path.write_bytes(data)
            read += sum(not isinstance(i, InputError) for i in iter_documents([str(path)]))
            began = time.perf_counter()
            try:
                for _ in batch.run([str(path)]):
                    pass
            except Exception as exc:  # what the bench exists to catch
                crashes[f"{kind}: {type(exc).__name__}"] += 1
            slowest = max(slowest, (time.perf_counter() - began, f"{kind} ({len(data):,} bytes)"))
            path.unlink()
        elapsed = time.perf_counter() - started
        report = batch.report
        accounted = report.processed + report.already_stored + report.near_duplicates
        pipeline_failures = sum(1 for e in report.errors if "failed" in e.reason or "store" in e.reason)
        lost = max(0, read - accounted - pipeline_failures)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    long_time, long_rss = _long_article(root_hint=ROOT)
    lines = [
        f"{COUNT:,} inputs in {elapsed:.0f} s: {report.stored:,} stored, {report.already_stored:,} already stored, "
        f"{report.near_duplicates:,} near-duplicates, {report.failed:,} reported as errors (one line each).",
        "",
        "| measure | value | target |",
        "|---|---|---|",
        f"| crashes (exceptions escaping the batch) | **{sum(crashes.values())}** | 0 |",
        f"| documents lost (read but neither stored, skipped nor reported) | **{lost}** | 0 |",
        f"| peak RSS of the run | {peak:,.0f} MB | |",
        f"| slowest input | {slowest[0]:.2f} s, {slowest[1]} | |",
        f"| 1,000,000-character article: wall time | **{long_time:.0f} s** | < 300 s |",
        f"| 1,000,000-character article: peak RSS | **{long_rss:,.0f} MB** | < 2,048 MB |",
    ]
    if crashes:
        lines += ["", "Crashes: " + ", ".join(f"{k} × {v}" for k, v in crashes.most_common())]
    return Section(TITLE, "\n".join(lines) + "\n")


def _long_article(root_hint: Path) -> tuple[float, float]:
    """Ingest one generated 1,000,000-character article in a fresh process; (seconds, peak RSS in MB)."""
    parts = [p.read_text("utf-8") for p in sorted((root_hint / "samples" / "text").glob("*.txt"))]
    text, number = ["A long report\n"], 0
    while sum(map(len, text)) < 1_000_000:
        text.append(parts[number % len(parts)].replace("\n\n", f"\n\nPart {number}. ", 1))
        number += 1
    with tempfile.TemporaryDirectory() as folder:
        article = Path(folder) / "long.txt"
        article.write_text("\n\n".join(text)[:1_000_000])
        command = [sys.executable, "-c", (
            "import resource,subprocess,sys,time;t=time.perf_counter();"
            f"subprocess.run([sys.executable,'-m','newsgraph.cli','ingest',{str(article)!r},'--db',"
            f"{str(Path(folder) / 'long.db')!r},'--quiet'],check=True);"
            "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024)"
        )]
        seconds, rss = subprocess.run(command, capture_output=True, text=True, check=True).stdout.split()
    return float(seconds), float(rss)


if __name__ == "__main__":
    print(run().markdown)
