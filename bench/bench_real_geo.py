"""Places end to end on GeoWebNews, LGL and TR-News (issue: places end to end): from the raw article text
through the whole pipeline, as a user runs it. Toponym recall: gold toponyms covered by a newsgraph PLACE
mention (or a placed demonym) overlapping at least half of the shorter span; precision: newsgraph place
mentions that overlap a gold toponym, among those in the articles (gold sets annotate every toponym, so an
unmatched place mention is counted as a false one, which overstates errors where gold skipped one);
acc@161 km and median error over the toponyms found. Beside them, per half, the gold-span protocol
(resolve the gold toponym spans; unresolved is a miss) and its ceiling (share of gold toponyms with any
gazetteer candidate within 161 km), and the gazetteer index's build time and size. Halves by hashed
article number."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from bench_geo import MAX_KM, SETS, load, oracle, resolve
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


def gold_span_scores(articles) -> dict[str, float]:
    """acc@161 of the resolver on the gold toponym spans, and the gazetteer's ceiling for them."""
    from newsgraph.geo.gazetteer import distance_km

    nlp = pipeline()
    resolver = nlp.get_pipe("newsgraph_geo")
    hits: list[bool] = []
    reachable: list[bool] = []
    for text, toponyms in articles:
        reachable += oracle(resolver, toponyms)
        for predicted, (*_, lat, lon) in zip(resolve(nlp, resolver, text, toponyms), toponyms, strict=True):
            hits.append((distance_km(predicted, (lat, lon)) if predicted else MAX_KM) <= 161)
    return {"acc161": sum(hits) / len(hits), "ceiling": sum(reachable) / len(reachable)}


def gazetteer_build() -> str:
    """Build the gazetteer index afresh in a scratch folder: wall time, size on disk, places and names."""
    import sqlite3

    from newsgraph.geo.gazetteer import build_index

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "gazetteer.sqlite"
        started = time.perf_counter()
        build_index(path)
        seconds = time.perf_counter() - started
        con = sqlite3.connect(path)
        places = con.execute("SELECT count(*) FROM place").fetchone()[0]
        features = dict(con.execute("SELECT feature, count(*) FROM place GROUP BY feature").fetchall())
        names = con.execute("SELECT count(*) FROM name").fetchone()[0]
        con.close()
        size = path.stat().st_size / 1e6
    by_feature = ", ".join(f"{feature} {count:,}" for feature, count in sorted(features.items()))
    return (
        f"Gazetteer index built from the installed packages in **{seconds:.0f} s**, **{size:.0f} MB** on disk "
        f"(targets: under 2 minutes, under 500 MB): {places:,} places ({by_feature}), {names:,} names."
    )


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
        spans = {h: gold_span_scores(halves[h]) for h in halves}
        lines.append(row(f"{name}: gold spans, acc@161 km", f"geo.gold.{name.lower()}.acc161",
                         spans["dev"]["acc161"], spans["test"]["acc161"], "≥ 0.85"))
        lines.append(row(f"{name}: gold spans, gazetteer ceiling", f"geo.gold.{name.lower()}.ceiling",
                         spans["dev"]["ceiling"], spans["test"]["ceiling"]))
        counts.append(f"{name} {result['dev']['toponyms']}/{result['test']['toponyms']}")
    lines += ["", "Gold toponyms per half (dev/test): " + ", ".join(counts) + ".", "", gazetteer_build()]
    return Section(TITLE, "\n".join(lines) + "\n")


if __name__ == "__main__":
    print(run().markdown)
