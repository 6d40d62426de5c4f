"""First measurements, kept forever beside the latest: the first time a metric is measured its value is
written to bench/first_measurements.json (committed), and every later report shows both. Delete a key
only when the metric itself changes definition, and say so in the commit."""

from __future__ import annotations

import json
from pathlib import Path

FILE = Path(__file__).parent / "first_measurements.json"


def _load() -> dict[str, float]:
    return json.loads(FILE.read_text()) if FILE.exists() else {}


def first(key: str, value: float) -> float:
    """The first recorded value of `key`; records `value` if there is none yet."""
    values = _load()
    if key not in values:
        values[key] = round(float(value), 6)
        FILE.write_text(json.dumps(values, indent=1, sort_keys=True) + "\n")
    return values[key]


def row(label: str, key: str, dev: float | None, test: float | None, target: str = "", fmt: str = ".3f") -> str:
    """A markdown row: label | dev first | dev latest | test first | test latest | target."""
    cells = [label]
    for half, value in (("dev", dev), ("test", test)):
        if value is None:
            cells += ["–", "–"]
            continue
        cells += [format(first(f"{key}.{half}", value), fmt), f"**{format(value, fmt)}**"]
    cells.append(target)
    return "| " + " | ".join(cells) + " |"


HEADER = "| metric | dev first | dev latest | test first | test latest | target (test) |\n|---|---|---|---|---|---|"
