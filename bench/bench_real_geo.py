"""Places end to end on GeoWebNews, LGL and TR-News (issue: places end to end): from the raw article text
through the whole pipeline, as a user runs it. Toponym recall: gold toponyms covered by a newsgraph PLACE
mention (or a placed demonym) overlapping at least half of the shorter span; precision: newsgraph place
mentions that overlap a gold toponym, among those in the articles (gold sets annotate every toponym, so an
unmatched place mention is counted as a false one, which overstates errors where gold skipped one);
acc@161 km and median error over the toponyms found. Halves by hashed article number; the gold-span
figure is in the section 'Geocoding' beside it."""

from __future__ import annotations

import statistics

from bench_geo import SETS, load
from common import BENCHMARKS, Section, skipped
from corpora.align import same_span
from corpora.run import pipeline
from corpora.split import half_of
from firsts import HEADER, row

TITLE = "Places end to end from raw text (GeoWebNews, LGL, TR-News)"


def placed_mentions(result: dict) -> list[tuple[tuple[int, int], dict]]:
    return [((m["start"], m["end"]), e["geo"]) for e in result["entities"] if e.get("geo")
            and e["type"] in ("PLACE", "OTHER") for m in e["mentions"]]


def score(articles) -> dict[str, float]:
    from newsgraph.geo.gazetteer import distance_km
    from newsgraph.ingest.document import Document
    from newsgraph.nlp.pipeline import process

    documents = [Document(source=f"geo-{n}", text=text) for n, (text, _) in enumerate(articles)]
    gold_n = found = predicted_n = predicted_ok = 0
    errors: list[float] = []
    for (_, toponyms), (_, result) in zip(articles, process(pipeline(), documents), strict=True):
        placed = placed_mentions(result)
        gold_spans = [(s, e) for s, e, *_ in toponyms]
        predicted_n += len(placed)
        predicted_ok += sum(any(same_span(g, p) for g in gold_spans) for p, _ in placed)
        for start, end, _, lat, lon in toponyms:
            gold_n += 1
            hit = next((geo for span, geo in placed if same_span((start, end), span)), None)
            if hit is not None:
                found += 1
                errors.append(distance_km((hit["lat"], hit["lon"]), (lat, lon)))
    return {
        "recall": found / gold_n if gold_n else 0.0,
        "precision": predicted_ok / predicted_n if predicted_n else 0.0,
        "acc161": sum(e <= 161 for e in errors) / len(errors) if errors else 0.0,
        "median": statistics.median(errors) if errors else 0.0,
        "toponyms": gold_n,
    }


def run() -> Section:
    folder = BENCHMARKS / "geo" / "geowebnews_lgl_trnews"
    if not folder.exists():
        return skipped(TITLE, f"{folder} is absent")
    lines = [HEADER]
    counts = []
    for name, file in SETS.items():
        path = next(folder.rglob(file), None)
        if path is None:
            continue
        articles = load(path)
        halves = {h: [a for n, a in enumerate(articles) if half_of(f"geo:{name}:{n}") == h] for h in ("dev", "test")}
        result = {h: score(halves[h]) for h in halves}
        target = name == "TR-News"
        key = f"geo.e2e.{name.lower()}"
        lines.append(row(f"{name}: toponym recall", f"{key}.recall", result["dev"]["recall"],
                         result["test"]["recall"], "≥ 0.85" if target else ""))
        lines.append(row(f"{name}: toponym precision", f"{key}.precision", result["dev"]["precision"],
                         result["test"]["precision"]))
        lines.append(row(f"{name}: acc@161 km of toponyms found", f"{key}.acc161", result["dev"]["acc161"],
                         result["test"]["acc161"], "≥ 0.85" if target else ""))
        lines.append(row(f"{name}: median error (km)", f"{key}.median", result["dev"]["median"],
                         result["test"]["median"], fmt=".0f"))
        counts.append(f"{name} {result['dev']['toponyms']}/{result['test']['toponyms']}")
    lines += ["", "Gold toponyms per half (dev/test): " + ", ".join(counts) + "."]
    return Section(TITLE, "\n".join(lines) + "\n")


if __name__ == "__main__":
    print(run().markdown)
