"""The command line as a user runs it: output formats, exit codes, one-line errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import jsonschema

from .conftest import SAMPLES

HTML = SAMPLES / "html" / "drc-goma-m23.html"


def run(*args: str, stdin: bytes | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsgraph.cli", *args], input=stdin, capture_output=True, timeout=600, env=env
    )


def test_extract_one_html_prints_one_contract_object(contract_schema):
    result = run("extract", str(HTML), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.validate(data, contract_schema)
    assert data["document"]["title"] == "M23 rebels enter Goma as residents flee"
    assert data["document"]["published"] == "2025-01-28"
    assert "Share this article" not in data["document"]["text"]


def test_extract_several_prints_json_lines_and_csv():
    paths = [str(HTML), str(SAMPLES / "text" / "iraq-mosul-drone.txt")]
    lines = run("extract", *paths, "--format", "json").stdout.decode().strip().split("\n")
    assert len(lines) == 2 and all(json.loads(line)["document"]["id"] for line in lines)
    rows = list(csv.DictReader(io.StringIO(run("extract", *paths, "--format", "csv").stdout.decode())))
    assert {r["record"] for r in rows} >= {"document", "entity", "event"}
    assert len({r["document_id"] for r in rows}) == 2


def test_stdin_input():
    text = b"Police in Lagos arrested four men on Tuesday after a bank robbery, a spokesman said.\n"
    result = run("extract", "-", "--format", "jsonl", stdin=text)
    assert result.returncode == 0
    assert json.loads(result.stdout)["document"]["source"] == "<stdin>"


def test_failed_document_gives_one_line_exit_1_and_others_still_processed(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run("extract", str(empty), str(HTML), "--format", "jsonl")
    assert result.returncode == 1
    errors = result.stderr.decode().strip().split("\n")
    assert errors == [f"newsgraph: error: {empty}: empty input"]
    assert len(result.stdout.decode().strip().split("\n")) == 1


def test_usage_error_exit_2():
    assert run("extract", str(HTML), "--format", "yaml").returncode == 2
    assert run("no-such-command").returncode == 2


def test_ingest_stats_search_with_db_option_and_env(tmp_path):
    db = tmp_path / "cli.db"
    result = run(
        "ingest", str(HTML), str(SAMPLES / "text" / "iraq-mosul-drone.txt"), "--db", str(db), "--quiet"
    )
    assert result.returncode == 0, result.stderr
    counts = json.loads(run("stats", "--db", str(db), "--format", "json").stdout)
    assert counts["documents"] == 2 and counts["entities"] > 0
    env = {"NEWSGRAPH_DB": f"sqlite:///{db}", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path.parent)}
    import os

    env.update({k: v for k, v in os.environ.items() if k in ("NEWSGRAPH_CACHE", "XDG_CACHE_HOME", "HOME")})
    hits = json.loads(run("search", "Goma", "--format", "json", env=env).stdout)
    assert [h["title"] for h in hits] == ["M23 rebels enter Goma as residents flee"]
