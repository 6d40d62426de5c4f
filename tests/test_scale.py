"""Bulk runs: extraction on Dask workers builds the same store as one process, and a run killed with
SIGKILL part way leaves a sound database and carries on to the same store as an uninterrupted one."""

from __future__ import annotations

import gzip
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import DateTime, create_engine, select, text

from .conftest import SAMPLES

RUN = [sys.executable, "-m", "newsgraph.cli"]
NOT_CONTENT = {"store_meta", "alembic_version", "ingest_errors"}  # bookkeeping, compared separately


def store_contents(url: str) -> dict[str, list]:
    """Every row of every content table, decoded by the schema's types and sorted, without the moments
    rows were written: two stores with equal contents hold the same documents, entities, KB merges
    (with their evidence) and facts, whichever database engine holds them."""
    from newsgraph.store.schema import Base

    engine = create_engine(url)
    contents: dict[str, list] = {}
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            if table.name in NOT_CONTENT:
                continue
            columns = [c for c in table.columns if not isinstance(c.type, DateTime)]
            rows = connection.execute(select(*columns))
            contents[table.name] = sorted(json.dumps(list(row), default=str, sort_keys=True) for row in rows)
        contents["ingest_errors"] = sorted(
            {json.dumps(list(row)) for row in connection.execute(text("SELECT source, reason FROM ingest_errors"))}
        )
    engine.dispose()
    return contents


def ingest(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([*RUN, "ingest", *args, "--quiet"], capture_output=True, text=True, timeout=900,
                          check=check)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    """The samples plus what bulk runs meet: an archive of many pages, a broken file, an empty one."""
    folder = tmp_path_factory.mktemp("bulk")
    subprocess.run(["cp", "-r", str(SAMPLES / "html"), str(SAMPLES / "text"), str(SAMPLES / "feeds"), str(folder)],
                   check=True)
    records = []
    for number, page in enumerate(sorted((SAMPLES / "html").glob("*.html"))[:6]):
        body = page.read_bytes()
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
        head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://archive.example/{number}\r\n"
                f"WARC-Record-ID: <urn:uuid:0000000{number}>\r\nContent-Type: application/http; msgtype=response\r\n"
                f"Content-Length: {len(http)}\r\n\r\n").encode()
        records.append(gzip.compress(head + http + b"\r\n\r\n"))
    (folder / "crawl.warc.gz").write_bytes(b"".join(records) + gzip.compress(b"WARC/1.0\r\nbroken"))
    (folder / "junk.html").write_bytes(b"\x00\x01\x02\xff" * 50)
    (folder / "empty.txt").write_bytes(b"")
    return folder


@pytest.fixture(scope="module")
def serial(inputs, tmp_path_factory) -> tuple[str, subprocess.CompletedProcess]:
    url = f"sqlite:///{tmp_path_factory.mktemp('serial') / 'kb.db'}"
    return url, ingest(str(inputs), "--db", url, check=False)


def error_lines(result: subprocess.CompletedProcess) -> list[str]:
    return sorted(line for line in result.stderr.splitlines() if line.startswith("newsgraph: error:"))


def test_two_dask_workers_build_the_same_store_as_one_process(inputs, serial, tmp_path):
    serial_url, serial_run = serial
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    parallel_run = ingest(str(inputs), "--db", url, "--scheduler", "local:2", "--partition-size", "3", check=False)
    assert serial_run.returncode == parallel_run.returncode == 1  # the broken inputs
    assert error_lines(parallel_run) == error_lines(serial_run) and len(error_lines(serial_run)) >= 3
    assert parallel_run.stderr.splitlines()[-1] == serial_run.stderr.splitlines()[-1]  # the summary
    expected, got = store_contents(serial_url), store_contents(url)
    assert len(expected["documents"]) >= 30 and len(expected["kb_links"]) > 0
    for table in expected:
        assert got[table] == expected[table], table


def test_a_killed_run_resumes_to_the_same_store(inputs, serial, tmp_path):
    db = tmp_path / "kb.db"
    url = f"sqlite:///{db}"
    process = subprocess.Popen([*RUN, "ingest", str(inputs), "--db", url, "--quiet"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    stored = 0
    while stored < 8 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
        if db.exists():
            try:
                with create_engine(url).connect() as connection:
                    stored = connection.execute(text("SELECT count(*) FROM documents")).scalar()
            except Exception:  # the schema may not exist yet
                stored = 0
    assert process.poll() is None, "the run ended before it could be stopped"
    process.send_signal(signal.SIGKILL)
    process.wait()
    partial = store_contents(url)
    assert 8 <= len(partial["documents"]) < len(store_contents(serial[0])["documents"])
    with create_engine(url).connect() as connection:  # what was committed is sound
        assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    resumed = ingest(str(inputs), "--db", url, check=False)
    assert "already stored" in resumed.stderr
    expected, got = store_contents(serial[0]), store_contents(url)
    for table in expected:
        assert got[table] == expected[table], table


def test_bad_scheduler_is_one_clear_error(tmp_path):
    result = ingest(str(SAMPLES / "text"), "--db", str(tmp_path / "kb.db"), "--scheduler", "local:x", check=False)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == ["newsgraph: error: bad --scheduler 'local:x': expected local:N or tcp://host:port"]


def test_copy_store_moves_a_sqlite_store_to_postgresql_whole(serial, postgres, tmp_path):
    target = postgres.new_database("copied")
    copied = subprocess.run([*RUN, "copy-store", serial[0], target], capture_output=True, text=True, timeout=600)
    assert copied.returncode == 0, copied.stderr
    expected, got = store_contents(serial[0]), store_contents(target)
    for table in expected:
        assert got[table] == expected[table], table
    extra = tmp_path / "later.txt"  # the copy takes new documents: its key sequences start past the copied rows
    extra.write_text("Engineers reopened the bridge at Korvale on Tuesday after the flood, the mayor said.\n")
    assert ingest(str(extra), "--db", target).returncode == 0
    again = subprocess.run([*RUN, "copy-store", serial[0], target], capture_output=True, text=True, timeout=600)
    assert again.returncode == 2 and "already holds documents" in again.stderr


def test_a_worker_killed_mid_run_loses_nothing(inputs, serial, tmp_path):
    """SIGKILL one Dask worker while it works: its partitions run again elsewhere (or on its restarted
    replacement) and the store is still the one a serial run builds."""
    import psutil

    db = tmp_path / "kb.db"
    url = f"sqlite:///{db}"
    process = subprocess.Popen([*RUN, "ingest", str(inputs), "--db", url, "--quiet", "--scheduler", "local:2",
                                "--partition-size", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    killed = None
    deadline = time.monotonic() + 300
    while killed is None and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
        if not db.exists():
            continue
        try:
            with create_engine(url).connect() as connection:
                stored = connection.execute(text("SELECT count(*) FROM documents")).scalar()
        except Exception:  # the schema may not exist yet
            continue
        workers = [p for p in psutil.Process(process.pid).children(recursive=True)
                   if "spawn_main" in " ".join(p.cmdline())]
        if stored >= 4 and workers:
            workers[0].send_signal(signal.SIGKILL)
            killed = workers[0].pid
    assert killed is not None, "no worker was seen at work"
    _, stderr = process.communicate(timeout=600)
    assert "extraction failed" not in stderr
    expected, got = store_contents(serial[0]), store_contents(url)
    for table in expected:
        assert got[table] == expected[table], table


def test_two_ingests_at_once_into_postgresql_store_each_document_and_entity_once(inputs, serial, postgres):
    """Two runs of the same inputs against one PostgreSQL database at the same time: each document is
    stored once and the KB is the one a single run builds (no entity created twice by two writers)."""
    url = postgres.new_database("race")
    ingest(str(SAMPLES / "feeds"), "--db", url)  # the schema first, as a long-running store has it
    runs = [subprocess.Popen([*RUN, "ingest", str(inputs / "html"), str(inputs / "text"), "--db", url, "--quiet"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for run in runs:
        _, stderr = run.communicate(timeout=600)
        assert run.returncode == 0, stderr
    single = postgres.new_database("single")
    ingest(str(SAMPLES / "feeds"), "--db", single)
    ingest(str(inputs / "html"), str(inputs / "text"), "--db", single)
    raced, alone = store_contents(url), store_contents(single)
    assert len(raced["documents"]) == len(alone["documents"])
    assert len(raced["kb_entities"]) == len(alone["kb_entities"])
    assert len(raced["entities"]) == len(alone["entities"])


def test_ingest_on_a_running_cluster_by_its_address(inputs, serial, tmp_path):
    """--scheduler tcp://HOST:PORT: the workers of a cluster started elsewhere (here, by the test) get
    the pipeline from the client and build the same store as one process."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=40) as cluster:
        url = f"sqlite:///{tmp_path / 'kb.db'}"
        result = ingest(str(inputs), "--db", url, "--scheduler", cluster.scheduler_address, check=False)
    assert result.returncode == 1 and cluster.scheduler_address.startswith("tcp://")
    expected, got = store_contents(serial[0]), store_contents(url)
    for table in expected:
        assert got[table] == expected[table], table
