"""Geoparsing: gazetteer lookups, ambiguous names decided by context, variants, demonyms, relations, GeoJSON."""

from __future__ import annotations

import json
import subprocess
import sys

import geojson
import pytest

from newsgraph.geo.gazetteer import default_gazetteer, distance_km

from .conftest import SAMPLES, entity_named


@pytest.mark.parametrize(
    ("variants", "country"),
    [
        (["Kharkiv", "Kharkov"], "UA"),
        (["Kyiv", "Kiev"], "UA"),
        (["Panjshir", "Panjsher"], "AF"),
        (["Mazar-i-Sharif", "Mazar-e Sharif"], "AF"),
        (["Mogadishu", "Muqdisho"], "SO"),
        (["Benghazi", "Banghazi"], "LY"),
        (["Urumqi", "Ürümqi"], "CN"),
        (["Peshawar", "Pishawar"], "PK"),
    ],
)
def test_transliteration_variants_resolve_to_one_place(variants, country):
    gazetteer = default_gazetteer()
    found = [{p.id for p in gazetteer.candidates(v) if p.country == country} for v in variants]
    assert all(found), f"some spelling of {variants} is unknown"
    assert set.intersection(*found), f"{variants} do not share a gazetteer entry"


def test_countries_regions_demonyms_and_abbreviations_are_known():
    gazetteer = default_gazetteer()
    assert any(p.feature == "country" and p.country == "SY" for p in gazetteer.candidates("Syria"))
    assert gazetteer.is_demonym("Ukrainian") and gazetteer.is_demonym("Afghans")
    assert any(p.feature == "region" for p in gazetteer.candidates("Darfur"))
    assert any(p.feature == "admin1" and p.name == "West Virginia" for p in gazetteer.candidates("W.Va."))


def test_villages_of_a_few_hundred_people_are_in_the_gazetteer():
    """The fuller gazetteer reaches places of 500-999 people, not only towns of 1000 or more."""
    gazetteer = default_gazetteer()
    village = [p for p in gazetteer.candidates("Zimmerwald") if p.country == "CH"]
    assert village and village[0].feature == "city" and 500 <= village[0].population < 1000
    assert distance_km((village[0].lat, village[0].lon), (46.88, 7.48)) < 10


@pytest.mark.parametrize(
    ("name", "feature", "country", "expected"),
    [
        ("Maricopa", "admin2", "US", "Maricopa County"),  # a county named without 'County'
        ("Niedersachsen", "admin1", "DE", "Lower Saxony"),  # a province in its own language
        ("Bayern", "admin1", "DE", "Bavaria"),
    ],
)
def test_administrative_units_answer_to_their_other_names(name, feature, country, expected):
    gazetteer = default_gazetteer()
    units = [p for p in gazetteer.candidates(name) if p.feature == feature and p.country == country]
    assert [p.name for p in units] == [expected]
    assert units[0].admin1, "a unit knows the province it belongs to"


def geo_of(result: dict, surface: str) -> dict:
    geo = entity_named(result, surface)["geo"]
    assert geo is not None, surface
    return geo


@pytest.mark.parametrize(
    ("text", "surface", "country", "admin1"),
    [
        (
            "Farmers drove tractors through Paris, Texas, to the Lamar County courthouse on Monday.",
            "Paris",
            "US",
            "Texas",
        ),
        (
            "Police blocked the avenues of central Paris as unions marched towards the Bastille. France's interior "
            "minister called for calm.",
            "Paris",
            "FR",
            None,
        ),
        (
            "Gunmen clashed in the Bab al-Tabbaneh district of Tripoli, in northern Lebanon, close to the Syrian "
            "border, the army said.",
            "Tripoli",
            "LB",
            None,
        ),
        (
            "Rival militias fought near the airport of Tripoli as the Libyan government in the capital lost "
            "control of Misrata and Benghazi.",
            "Tripoli",
            "LY",
            None,
        ),
        (
            "Flood water filled the streets of Hyderabad after the Musi overflowed, officials in Telangana said.",
            "Hyderabad",
            "IN",
            "Telangana",
        ),
        (
            "Traders in Hyderabad shut their shops, and the protest spread to Karachi and other cities of Sindh.",
            "Hyderabad",
            "PK",
            "Sindh",
        ),
    ],
)
def test_ambiguous_names_are_decided_by_context(analyse, text, surface, country, admin1):
    geo = geo_of(analyse(text), surface)
    assert geo["country"] == country
    if admin1:
        assert geo["admin1"] == admin1


def test_spelling_variants_in_one_article_become_one_place(analyse):
    result = analyse(
        "Power went out in Kharkiv after overnight shelling, the governor of the region said on Friday. Many "
        "older residents of Kharkov, as they still call it, spent the night in metro stations."
    )
    kharkiv = entity_named(result, "Kharkiv")
    assert any(m["text"] == "Kharkov" for m in kharkiv["mentions"])
    assert kharkiv["geo"]["country"] == "UA"


def test_demonyms_are_placed_but_stay_demonyms(analyse):
    result = analyse("Syrian refugees and Turkish drones were reported near the border on Tuesday.")
    syrian = entity_named(result, "Syrian")
    assert syrian["type"] == "OTHER"
    assert syrian["geo"]["country"] == "SY"


def test_province_cue_selects_the_province(analyse):
    result = analyse("Fighting spread across Idlib province, while the city of Aleppo stayed calm.")
    idlib = geo_of(result, "Idlib")
    assert idlib["country"] == "SY"
    assert idlib["gazetteer_id"].startswith("admin1:")


def test_located_in_from_text_and_gazetteer(analyse):
    result = analyse("The convoy reached Ariha, a town in Idlib, before dawn. Aid also arrived in Gao.")
    ariha = entity_named(result, "Ariha")
    relations = {(r["subject"], r["object"]) for r in result["relations"] if r["predicate"] == "located_in"}
    idlib = entity_named(result, "Idlib")
    assert (ariha["id"], idlib["id"]) in relations
    gao = entity_named(result, "Gao")
    assert (gao["id"], "ML") in relations


def test_event_takes_its_place_argument(analyse):
    result = analyse("Militants attacked a police post in Mogadishu on Sunday.", published="2025-06-03")
    (event,) = [e for e in result["events"] if e["type"] == "ASSAULT"]
    assert event["location"] == entity_named(result, "Mogadishu")["id"]


def test_geojson_export_is_valid_and_map_ready(tmp_path):
    db = tmp_path / "geo.db"
    run = [sys.executable, "-m", "newsgraph.cli"]
    subprocess.run(
        [*run, "ingest", str(SAMPLES / "html"), "--db", str(db), "--quiet"], check=True, timeout=600
    )
    output = subprocess.run(
        [*run, "export", "--db", str(db), "--format", "geojson"], capture_output=True, check=True, timeout=600
    ).stdout
    collection = geojson.loads(output.decode())
    assert collection.is_valid, collection.errors()
    kinds = {f["properties"]["kind"] for f in collection["features"]}
    assert kinds == {"event", "place"}
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        if feature["properties"]["kind"] == "event":
            assert {"type", "date", "actor", "target", "source", "negated", "hypothetical"} <= set(
                feature["properties"]
            )
    goma = [f for f in collection["features"] if f["properties"].get("name") == "Goma"]
    assert goma and distance_km(tuple(reversed(goma[0]["geometry"]["coordinates"])), (-1.68, 29.22)) < 20
    rows = json.loads(
        subprocess.run(
            [*run, "export", "--db", str(db), "--format", "json", "--what", "places"],
            capture_output=True,
            check=True,
            timeout=600,
        ).stdout
    )
    assert all(r["country"] is None or len(r["country"]) == 2 for r in rows)
