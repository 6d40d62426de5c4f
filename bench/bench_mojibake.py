"""Mis-decoded text (issue: events on real news, 'mis-encoded archive text'): real article texts (the
ScrapingHub AEB pages, as ingest extracts them) are garbled the ways archives garble them, then put
through ingest's repair step (`cleaner.repair_text`, ftfy). Reported per kind of damage: the share of
damaged documents restored character for character, and of those still showing mojibake. Also: the share
of undamaged documents the repair leaves exactly as they were (must be 1.000). Before the repair step
existed, ingest restored none (0.000): the garbled text went to the parser as it came."""

from __future__ import annotations

import re

from bench_throughput import load_texts
from common import Section

TITLE = "Mis-decoded text repaired at ingest (AEB article texts)"
MARKERS = re.compile("â€|Ã[\u0080-\u00bf]|Â[\u00a0-\u00bf]")


def _garblers():
    import ftfy.bad_codecs  # noqa: F401 - registers the browser-style 'sloppy' codecs

    def windows(text: str) -> str:
        return text.encode("utf-8").decode("sloppy-windows-1252")

    return {
        "UTF-8 read as Windows-1252 (as browsers decode it)": windows,
        "UTF-8 read as Latin-1": lambda text: text.encode("utf-8").decode("latin-1"),
        "garbled twice (Windows-1252, then again)": lambda text: windows(windows(text)),
    }


def run() -> Section:
    from newsgraph.ingest.cleaner import repair_text

    texts, label = load_texts()
    damaged = [t for t in texts if not t.isascii()]
    lines = [
        f"Corpus: {label}, {len(texts)} documents, {len(damaged)} with non-ASCII characters (the ones garbling "
        "can damage).",
        "",
        "| damage | documents | restored exactly | still showing mojibake |",
        "|---|---|---|---|",
    ]
    for name, garble in _garblers().items():
        repaired = [repair_text(garble(t)) for t in damaged]
        exact = sum(r == t for r, t in zip(repaired, damaged, strict=True)) / len(damaged)
        left = sum(bool(MARKERS.search(r)) for r in repaired) / len(damaged)
        lines.append(f"| {name} | {len(damaged)} | **{exact:.3f}** | {left:.3f} |")
    untouched = sum(repair_text(t) == t for t in texts) / len(texts)
    lines += ["", f"Undamaged documents left exactly as they were: **{untouched:.3f}** (must be 1.000)."]
    return Section(TITLE, "\n".join(lines) + "\n")


if __name__ == "__main__":
    print(run().markdown)
