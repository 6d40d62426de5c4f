"""A batch killed with SIGKILL mid-run loses nothing it committed, leaves a sound database, and a re-run
ends with the same store as a run that was never interrupted."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time

from .conftest import SAMPLES

RUN = [sys.executable, "-m", "newsgraph.cli"]


def stats(db) -> dict:
    out = subprocess.run([*RUN, "stats", "--db", str(db), "--format", "json"], capture_output=True, text=True,
                         timeout=300, check=True)
    return json.loads(out.stdout)


def documents_in(db) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as connection:
            return connection.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_killed_ingest_resumes_to_the_same_store(tmp_path):
    inputs = [str(SAMPLES / "html"), str(SAMPLES / "text")]
    whole, killed = tmp_path / "whole.db", tmp_path / "killed.db"
    subprocess.run([*RUN, "ingest", *inputs, "--db", str(whole), "--quiet"], check=True, timeout=600)

    process = subprocess.Popen([*RUN, "ingest", *inputs, "--db", str(killed), "--quiet"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while documents_in(killed) < 3 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    interrupted = documents_in(killed)
    assert 0 < interrupted < stats(whole)["documents"], "the kill should land mid-batch"
    with sqlite3.connect(killed) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    subprocess.run([*RUN, "ingest", *inputs, "--db", str(killed), "--quiet"], check=True, timeout=600)
    assert stats(killed) == stats(whole)
