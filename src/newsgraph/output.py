"""Writers for extract output: JSON (one object, or JSON Lines for several) and flat CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TextIO

CSV_COLUMNS = ["document_id", "record", "id", "label", "text", "start", "end", "details"]
_SECTIONS = {
    "entities": ("entity", "type", "name"),
    "quotes": ("quote", "channel", "text"),
    "events": ("event", "type", "sentence"),
    "relations": ("relation", "predicate", "object"),
    "claims": ("claim", "status", "statement"),
}


def write_json(results: Iterable[dict], out: TextIO, lines: bool) -> int:
    """Pretty JSON for a single document, JSON Lines as soon as there are several (contract v1)."""
    count = 0
    pending: dict | None = None
    for result in results:
        count += 1
        if lines:
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
            continue
        if pending is not None:
            out.write(json.dumps(pending, ensure_ascii=False) + "\n")
            lines = True
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
            pending = None
            continue
        pending = result
    if pending is not None:
        out.write(json.dumps(pending, ensure_ascii=False, indent=2) + "\n")
    return count


def csv_rows(result: dict) -> Iterable[list]:
    doc_id = result["document"]["id"]
    yield [
        doc_id,
        "document",
        doc_id,
        result["document"].get("published") or "",
        result["document"].get("title") or "",
        0,
        len(result["document"]["text"]),
        json.dumps({"source": result["document"]["source"]}),
    ]
    for section, (record, label_key, text_key) in _SECTIONS.items():
        for number, item in enumerate(result.get(section, []), 1):
            start = item.get(
                "start", item.get("mentions", [{}])[0].get("start", "") if item.get("mentions") else ""
            )
            end = item.get(
                "end", item.get("mentions", [{}])[0].get("end", "") if item.get("mentions") else ""
            )
            skip = {label_key, text_key, "start", "end", "id"}
            details = {k: v for k, v in item.items() if k not in skip}
            yield [
                doc_id,
                record,
                item.get("id", f"{record[0]}{number}"),
                item.get(label_key) or "",
                item.get(text_key) or "",
                start,
                end,
                json.dumps(details, ensure_ascii=False),
            ]


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """A cell a spreadsheet will not run: text starting like a formula gets a leading apostrophe (the
    OWASP rule for CSV injection); lists become '; '-joined text; numbers stay numbers."""
    if isinstance(value, list):
        value = "; ".join(map(str, value))
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


class SafeCsvWriter:
    """csv.writer whose every cell goes through spreadsheet_safe: the one way newsgraph writes CSV."""

    def __init__(self, out: TextIO) -> None:
        self._writer = csv.writer(out)

    def writerow(self, row: Iterable) -> None:
        self._writer.writerow([spreadsheet_safe(v) for v in row])

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)

    def write_dicts(self, rows: Iterable[dict], columns: list[str]) -> None:
        """A header, then each row's values for `columns` (missing ones empty)."""
        self.writerow(columns)
        for row in rows:
            self.writerow([row.get(column, "") for column in columns])


def write_csv(results: Iterable[dict], out: TextIO) -> int:
    writer = SafeCsvWriter(out)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for result in results:
        count += 1
        writer.writerows(csv_rows(result))
    return count
