"""Geocoding given the gold toponym spans (the Mordecai3 / Gritta et al. protocol) on GeoWebNews, LGL and
TR-News: accuracy@161 km, mean and median error. A toponym left unresolved counts as a miss with the
maximum error (20,038 km), as in the paper. Compared with a population-only baseline on the same
candidates."""

from __future__ import annotations

import statistics
import time
import xml.etree.ElementTree as ET
from collections import defaultdict

from common import BENCHMARKS, Section, skipped

TITLE = "Geocoding (GeoWebNews, LGL, TR-News; gold toponym spans)"
MAX_KM = 20038.0
SETS = {"GeoWebNews": "GWN.xml", "LGL": "lgl.xml", "TR-News": "TR-News.xml"}


def _float(node, path):
    found = node.find(path)
    try:
        return float(found.text) if found is not None and found.text else None
    except ValueError:
        return None


def load(path) -> list[tuple[str, list[tuple[int, int, str, float, float]]]]:
    """(text, [(start, end, phrase, lat, lon)]) per article, toponyms with coordinates only."""
    articles = []
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        toponyms = []
        for toponym in article.iter("toponym"):
            start, end = int(toponym.findtext("start")), int(toponym.findtext("end"))
            if toponym.find("gaztag") is not None:  # LGL, TR-News
                lat, lon = _float(toponym, "gaztag/lat"), _float(toponym, "gaztag/lon")
            else:  # GeoWebNews
                if (toponym.findtext("nonLocational") or "").strip() == "Yes":
                    continue
                lat, lon = _float(toponym, "latitude"), _float(toponym, "longitude")
            if lat is None or lon is None or not (0 <= start < end <= len(text)):
                continue
            toponyms.append((start, end, text[start:end], lat, lon))
        if toponyms:
            articles.append((text, toponyms))
    return articles


def resolve(nlp, resolver, text: str, toponyms) -> list[tuple[float, float] | None]:
    """Run the geo component on a doc whose place entities are the gold toponyms."""
    doc = nlp.make_doc(text)
    groups: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for start, end, phrase, _, _ in toponyms:
        groups[phrase].append((start, end))
    entities, token_entity = [], [None] * len(doc)
    for number, (phrase, spans) in enumerate(groups.items(), 1):
        entity_id = f"e{number}"
        mentions = [{"start": s, "end": e, "text": text[s:e]} for s, e in sorted(set(spans))]
        entities.append(
            {
                "id": entity_id,
                "name": phrase,
                "type": "PLACE",
                "aliases": [],
                "mentions": mentions,
                "geo": None,
            }
        )
        for s, e in spans:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None:
                for i in range(span.start, span.end):
                    token_entity[i] = entity_id
    doc._.entities, doc._.token_entity = entities, token_entity
    resolver(doc)
    located = {}
    for entity in doc._.entities:
        for mention in entity["mentions"]:
            geo = entity.get("geo")
            located[mention["start"]] = (geo["lat"], geo["lon"]) if geo else None
    return [located.get(start) for start, *_ in toponyms]


def oracle(resolver, toponyms) -> list[bool]:
    from newsgraph.geo.gazetteer import distance_km

    """Whether any candidate the component considers lies within 161 km: the ceiling for re-ranking."""
    results = []
    for _, _, phrase, lat, lon in toponyms:
        entity = {"name": phrase, "aliases": [], "type": "PLACE"}
        results.append(
            any(distance_km((p.lat, p.lon), (lat, lon)) <= 161 for p in resolver._candidates(entity))
        )
    return results


def population_baseline(gazetteer, toponyms) -> list[tuple[float, float] | None]:
    results = []
    for _, _, phrase, _, _ in toponyms:
        candidates = gazetteer.candidates(phrase)
        best = max(candidates, key=lambda p: p.population, default=None)
        results.append((best.lat, best.lon) if best else None)
    return results


def metrics(errors: list[float]) -> dict[str, float]:
    return {
        "n": len(errors),
        "acc161": sum(e <= 161 for e in errors) / len(errors),
        "mean": statistics.fmean(errors),
        "median": statistics.median(errors),
    }


def run() -> Section:
    folder = BENCHMARKS / "geo" / "geowebnews_lgl_trnews"
    if not folder.exists():
        return skipped(TITLE, f"{folder} is absent")
    from newsgraph.geo.gazetteer import default_gazetteer, distance_km
    from newsgraph.nlp.pipeline import build_pipeline

    nlp = build_pipeline()
    resolver = nlp.get_pipe("newsgraph_geo")
    gazetteer = default_gazetteer()
    rows, all_ours, all_base, all_oracle = [], [], [], []
    started = time.perf_counter()
    for name, file in SETS.items():
        ours, base, ceiling = [], [], []
        for text, toponyms in load(folder / file):
            ceiling += oracle(resolver, toponyms)
            for predicted, baseline, (_, _, _, lat, lon) in zip(
                resolve(nlp, resolver, text, toponyms),
                population_baseline(gazetteer, toponyms),
                toponyms,
                strict=True,
            ):
                ours.append(distance_km(predicted, (lat, lon)) if predicted else MAX_KM)
                base.append(distance_km(baseline, (lat, lon)) if baseline else MAX_KM)
        rows.append((name, metrics(ours), metrics(base), sum(ceiling) / len(ceiling)))
        all_ours += ours
        all_base += base
        all_oracle += ceiling
    rows.append(("all three", metrics(all_ours), metrics(all_base), sum(all_oracle) / len(all_oracle)))
    elapsed = time.perf_counter() - started
    table = [
        "| set | toponyms | acc@161 km | mean km | median km | population baseline acc@161 | ceiling |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, ours, base, ceiling in rows:
        table.append(
            f"| {name} | {ours['n']} | **{ours['acc161']:.3f}** | {ours['mean']:.0f} | {ours['median']:.1f} | "
            f"{base['acc161']:.3f} | {ceiling:.3f} |"
        )
    text = (
        "Resolution of the gold toponym spans by the `newsgraph_geo` component with the offline gazetteer "
        f"(unresolved = miss at {MAX_KM:.0f} km). Target acc@161 ≥ 0.90. Mordecai3 reports 0.966 acc@161 on "
        "a mix of held-out sets including these three (trained neural ranker, online-built GeoNames "
        f"Elasticsearch index). The ceiling column is the share of toponyms for which any candidate from the "
        "offline gazetteer lies within 161 km: no re-ranking can exceed it (streets, buildings, rivers and "
        "villages under 500 people are not in the registry-shipped GeoNames extracts). Country points follow "
        "REST Countries / outline centroids, which differ from GeoNames' conventional points by up to a few "
        f"hundred km for large countries. Run time {elapsed:.0f} s.\n\n" + "\n".join(table) + "\n"
    )
    return Section(TITLE, text)


if __name__ == "__main__":
    print(run().markdown)
