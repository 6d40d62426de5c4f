"""Run every bench_*.py and write docs/benchmarks.md (machine and date included)."""

from __future__ import annotations

import datetime as dt
import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import ROOT, Section, machine  # noqa: E402

ORDER = [
    "bench_extraction",
    "bench_throughput",
    "bench_real_entities",
    "bench_entities",
    "bench_real_quotes",
    "bench_quotes",
    "bench_real_events",
    "bench_events",
    "bench_mojibake",
    "bench_geo",
    "bench_real_geo",
    "bench_situation",
    "bench_real_relations",
    "bench_api",
    "bench_scale",
    "bench_follow",
    "bench_fuzz",
]


def main() -> None:
    names = _all_names()
    names.sort(key=lambda n: ORDER.index(n) if n in ORDER else len(ORDER))
    if len(sys.argv) > 1:
        names = [n for n in names if any(arg in n for arg in sys.argv[1:])]
    sections: list[Section] = []
    for name in names:
        print(f"running {name} ...", flush=True)
        sections.append(importlib.import_module(name).run())
        print(sections[-1].markdown, flush=True)
    target = ROOT / "docs" / "benchmarks.md"
    previous = target.read_text() if target.exists() and len(sys.argv) > 1 else ""
    body = [
        f"# Benchmarks\n\nWritten by `make bench` on {dt.date.today().isoformat()}.\nMachine: {machine()}.\n"
    ]
    current = {getattr(importlib.import_module(n), "TITLE", None) for n in _all_names()}
    kept = [k for k in _kept_sections(previous, {s.title for s in sections}) if _title(k) in current]
    for section in sections:
        body.append(f"## {section.title}\n\n{section.markdown}")
    body.extend(kept)
    target.parent.mkdir(exist_ok=True)
    target.write_text("\n".join(body))
    print(f"wrote {target}")


def _all_names() -> list[str]:
    return [p.stem for p in sorted(Path(__file__).parent.glob("bench_*.py"))]


def _title(section: str) -> str:
    return section.removeprefix("## ").split("\n", 1)[0]


def _kept_sections(previous: str, replaced: set[str]) -> list[str]:
    """When only some benchmarks run, keep the other sections of the last full report."""
    kept = []
    for chunk in previous.split("\n## ")[1:]:
        title = chunk.split("\n", 1)[0]
        if title not in replaced:
            kept.append(f"## {chunk}")
    return kept


if __name__ == "__main__":
    main()
