"""Page extraction F1 on the ScrapingHub Article Extraction Benchmark, with the upstream metric:
word 4-gram shingle multisets per page, TP/FP/FN normalised per page, precision and recall
averaged over pages, F1 the harmonic mean of the two averages (see its SOURCE.md)."""

from __future__ import annotations

import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from common import BENCHMARKS, Section, skipped
from newsgraph.errors import InputError
from newsgraph.ingest.decode import decode_text
from newsgraph.ingest.html import extract_html

TOKEN = re.compile(r"\w+", re.UNICODE)
TITLE = "Page extraction (ScrapingHub AEB, WCXB)"
WORD = re.compile(r"\w+", re.UNICODE)


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
        f"**ScrapingHub AEB.** {len(truth)} pages; target F1 ≥ 0.963. Pages with no extractable text: {failures}. "
        f"Extraction time {elapsed:.1f} s ({len(truth) / elapsed:.1f} pages/s).\n\n" + "\n".join(table) + "\n"
    )
    return Section(TITLE, text + "\n" + wcxb())


def bag_f1(truth: str, prediction: str) -> float:
    """WCXB's upstream metric for one page: bag of lower-cased \\w+ tokens, F1."""
    true, pred = Counter(WORD.findall(truth.lower())), Counter(WORD.findall((prediction or "").lower()))
    shared = sum((true & pred).values())
    if not shared:
        return 0.0
    precision, recall = shared / sum(pred.values()), shared / sum(true.values())
    return 2 * precision * recall / (precision + recall)


def wcxb_pages() -> list[dict]:
    sys.path.insert(0, str(Path(__file__).parent))
    from corpora.split import half_of

    folder = BENCHMARKS / "extraction" / "wcxb_test"
    pages = []
    for path in sorted((folder / "ground-truth").glob("*.json")):
        record = json.loads(path.read_text("utf-8"))
        truth = record["ground_truth"]
        if not truth.get("main_content"):
            continue
        html_path = folder / "html" / f"{path.stem}.html.gz"
        if html_path.exists():
            pages.append({"id": path.stem, "half": half_of(f"wcxb:{path.stem}"), "truth": truth,
                          "kind": record.get("_internal", {}).get("page_type", {}).get("primary", "?"),
                          "html": html_path, "url": record.get("url")})
    return pages


def wcxb() -> str:
    """WCXB: newsgraph's HTML path against trafilatura's own extract() on the same pages; and the
    plain-text path on the same pages saved as text with their chrome (every block a line), against the
    uncleaned text."""
    import trafilatura

    from firsts import HEADER, row
    from newsgraph.ingest.cleaner import clean_text
    from newsgraph.ingest.html import fragment_to_text

    pages = wcxb_pages()
    if not pages:
        return "_WCXB skipped: ../shared/benchmarks/extraction/wcxb_test is absent._\n"
    scores: dict[str, dict[str, list[float]]] = {}
    for page in pages:
        html = decode_text(gzip.decompress(page["html"].read_bytes()), page["id"])
        truth = page["truth"]["main_content"]
        try:
            ours = extract_html(html, page["id"], page["url"]).text
        except InputError:
            ours = ""
        baseline = trafilatura.extract(html, url=page["url"], include_comments=False) or ""
        saved = fragment_to_text(html)
        cleaned = clean_text(saved, detect_title=False).text
        for name, value in (("ours", ours), ("baseline", baseline), ("text_raw", saved), ("text_clean", cleaned)):
            bucket = scores.setdefault(name, {"dev": [], "test": [], "dev-article": [], "test-article": []})
            bucket[page["half"]].append(bag_f1(truth, value))
            if page["kind"] == "article":
                bucket[page["half"] + "-article"].append(bag_f1(truth, value))
    mean = lambda values: sum(values) / len(values) if values else None  # noqa: E731
    lines = [
        f"**WCXB** (test split, {len(pages)} pages of seven kinds with main content; halves by hashed page id). "
        "Upstream metric: bag-of-words F1 per page, macro-averaged.",
        "",
        HEADER,
    ]
    labels = {
        "ours": ("newsgraph HTML path", "≥ trafilatura"),
        "baseline": ("trafilatura 2.3.1 `extract()` on the same pages", ""),
        "text_clean": ("plain-text path: page saved as text, newsgraph cleaner", "> uncleaned"),
        "text_raw": ("page saved as text, uncleaned", ""),
    }
    for suffix, scope in (("", "all pages"), ("-article", "articles")):
        for name, (label, target) in labels.items():
            lines.append(row(f"{label} ({scope})", f"extraction.wcxb.{name}{suffix}",
                             mean(scores[name]["dev" + suffix]), mean(scores[name]["test" + suffix]), target))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(run().markdown)
