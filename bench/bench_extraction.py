"""Page extraction F1 on the ScrapingHub Article Extraction Benchmark, with the upstream metric:
word 4-gram shingle multisets per page, TP/FP/FN normalised per page, precision and recall
averaged over pages, F1 the harmonic mean of the two averages (see its SOURCE.md)."""

from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter

from common import BENCHMARKS, Section, skipped
from newsgraph.errors import InputError
from newsgraph.ingest.decode import decode_text
from newsgraph.ingest.html import extract_html

TOKEN = re.compile(r"\w+", re.UNICODE)
TITLE = "Page extraction (ScrapingHub Article Extraction Benchmark)"


def shingles(text: str, n: int = 4) -> Counter:
    tokens = TOKEN.findall(text or "")
    n = min(len(tokens), n)
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def page_scores(truth: str, prediction: str) -> tuple[float, float, float]:
    true, pred = shingles(truth), shingles(prediction)
    tp = fp = fn = 0
    for key in true.keys() | pred.keys():
        t, p = true.get(key, 0), pred.get(key, 0)
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def score(ground_truth: dict[str, str], predictions: dict[str, str]) -> dict[str, float]:
    precisions, recalls, exact = [], [], 0
    for key, truth in ground_truth.items():
        prediction = predictions.get(key, "")
        tp, fp, fn = page_scores(truth, prediction)
        precisions.append(tp / (tp + fp) if tp + fp else 0.0)
        recalls.append(tp / (tp + fn) if tp + fn else 0.0)
        exact += TOKEN.findall(truth) == TOKEN.findall(prediction)
    precision = sum(precisions) / len(precisions)
    recall = sum(recalls) / len(recalls)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "accuracy": exact / len(ground_truth)}


def run() -> Section:
    folder = BENCHMARKS / "extraction" / "scrapinghub_aeb"
    if not folder.exists():
        return skipped(TITLE, f"{folder} is absent")
    truth = {k: v["articleBody"] for k, v in json.loads((folder / "ground-truth.json").read_text()).items()}
    predictions, failures = {}, 0
    started = time.perf_counter()
    for key in truth:
        raw = gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes())
        try:
            predictions[key] = extract_html(decode_text(raw, key), key).text
        except InputError:
            failures += 1
    elapsed = time.perf_counter() - started
    ours = score(truth, predictions)
    baseline_file = folder / "baseline-output-trafilatura-2.3.1.json"
    rows = [("newsgraph ingest (trafilatura + chrome rules)", ours)]
    if baseline_file.exists():
        baseline = json.loads(baseline_file.read_text())
        rows.append(
            (
                "trafilatura 2.3.1 `extract()` baseline (shipped output)",
                score(truth, {k: v["articleBody"] for k, v in baseline["output"].items()}),
            )
        )
    table = ["| extractor | precision | recall | F1 | exact |", "|---|---|---|---|---|"]
    table += [
        f"| {name} | {m['precision']:.3f} | {m['recall']:.3f} | **{m['f1']:.3f}** | {m['accuracy']:.3f} |"
        for name, m in rows
    ]
    text = (
        f"{len(truth)} pages; target F1 ≥ 0.96. Pages with no extractable text: {failures}. "
        f"Extraction time {elapsed:.1f} s ({len(truth) / elapsed:.1f} pages/s).\n\n" + "\n".join(table) + "\n"
    )
    return Section(TITLE, text)


if __name__ == "__main__":
    print(run().markdown)
