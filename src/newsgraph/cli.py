"""The newsgraph command line."""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from newsgraph.errors import InputError
from newsgraph.ingest.sources import DEFAULT_MAX_BYTES

app = typer.Typer(
    help="newsgraph: news articles and posts to a source-attributed knowledge graph.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

DbOption = Annotated[
    str | None,
    typer.Option("--db", envvar="NEWSGRAPH_DB", help="Database URL or SQLite path (default ./newsgraph.db)."),
]
Paths = Annotated[list[str], typer.Argument(help="Files, directories, .gz files, or - for stdin.")]
BatchSize = Annotated[int, typer.Option(min=1, help="Documents per nlp.pipe batch.")]
Processes = Annotated[int, typer.Option("--n-process", min=1, help="Worker processes for nlp.pipe.")]
MaxBytes = Annotated[int, typer.Option(min=1, help="Refuse inputs larger than this many bytes.")]


class ExtractFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class TableFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def report_error(error: InputError) -> None:
    """One line on stderr naming the input and the reason."""
    print(f"newsgraph: error: {error.line()}", file=sys.stderr, flush=True)


def _store(db: str | None):
    from newsgraph.store.db import make_engine
    from newsgraph.store.repository import Store

    return Store(make_engine(db))


Scheduler = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Extract on Dask: local:N starts N worker processes here; tcp://HOST:PORT uses a running cluster.",
    ),
]


@app.command()
def ingest(
    paths: Paths,
    db: DbOption = None,
    batch_size: BatchSize = 32,
    n_process: Processes = 1,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    scheduler: Scheduler = None,
    partition_size: Annotated[int, typer.Option(min=1, help="Input items per Dask task.")] = 8,
    quiet: Annotated[bool, typer.Option(help="No progress display; errors and the summary only.")] = False,
) -> None:
    """Read documents, extract everything, and store it. Idempotent and resumable: documents already
    stored are skipped, so a run that was stopped carries on where it stopped. Near-duplicates are
    recorded once."""
    from newsgraph.progress import IngestProgress
    from newsgraph.runner import Batch

    store = _store(db)
    with IngestProgress(err, enabled=not quiet) as progress:

        def on_error(error: InputError) -> None:
            report_error(error)
            progress.show(batch.report)

        if scheduler is None:
            from newsgraph.nlp.pipeline import build_pipeline

            progress.expect(count_inputs(paths))
            batch = Batch(build_pipeline(), on_error, store=store, max_bytes=max_bytes, batch_size=batch_size,
                          n_process=n_process)
            for _ in batch.run(paths):
                progress.show(batch.report)
        else:
            batch = Batch(None, on_error, store=store, max_bytes=max_bytes, batch_size=batch_size)
            _ingest_distributed(batch, paths, scheduler, store, partition_size, progress)
    r = batch.report
    err.print(
        f"ingest: {r.stored} stored, {r.already_stored} already stored, {r.near_duplicates} near-duplicates, "
        f"{r.failed} failed",
        markup=False,
    )
    raise typer.Exit(1 if r.failed else 0)


def _ingest_distributed(batch, paths: list[str], scheduler: str, store, partition_size: int, progress) -> None:
    from newsgraph.distributed import close_client, cluster_client, distributed_outcomes, plan_partitions

    try:
        client = cluster_client(scheduler)
    except (ValueError, OSError) as exc:
        err.print(f"newsgraph: error: {exc}", markup=False)
        raise typer.Exit(2) from None
    try:
        outcomes = distributed_outcomes(
            client,
            plan_partitions(paths, batch.max_bytes, partition_size),
            max_bytes=batch.max_bytes,
            # Workers skip documents already stored when they can reach the store: a server, or a SQLite
            # file on this machine. A remote worker would only find (and create) an empty file of that name.
            db_url=store.engine.url.render_as_string(hide_password=False)
            if scheduler.startswith("local:") or store.engine.dialect.name != "sqlite" else None,
            batch_size=batch.batch_size,
            on_partition=lambda partition: progress.expect(len(partition.units)),
        )
        for _ in batch.run_extracted(outcomes):
            progress.show(batch.report)
    finally:
        close_client(client)


def count_inputs(paths: list[str]) -> int:
    """Input files (a directory's readable files), for the progress display's total."""
    from newsgraph.ingest.sources import input_files

    return sum(1 for _ in input_files(paths))


@app.command()
def follow(
    sources: Annotated[list[str], typer.Argument(help="Feed URLs, OPML files, or text files of feed URLs.")],
    db: DbOption = None,
    every: Annotated[str, typer.Option(help="Time between rounds: 30s, 15m, 2h.")] = "15m",
    once: Annotated[bool, typer.Option(help="One round, then exit (1 if anything failed).")] = False,
    delay: Annotated[float, typer.Option(min=0, help="Seconds between two requests to one host.")] = 1.0,
    timeout: Annotated[float, typer.Option(min=0.1, help="Connect/read timeout in seconds.")] = 10.0,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    allow_private: Annotated[
        bool, typer.Option(help="Also fetch private, loopback and link-local addresses (an internal feed server).")
    ] = False,
    allow_host: Annotated[
        list[str] | None, typer.Option(help="A host to fetch even if it resolves to a private address (repeatable).")
    ] = None,
    quiet: bool = False,
) -> None:
    """Follow feeds as news breaks: each round fetches every feed (conditional GET), the article page of each
    new entry that carries only a teaser, and stores new documents. Seen entries survive restarts."""
    from newsgraph.follow import Follower, parse_duration, read_sources
    from newsgraph.follow import follow as follow_rounds
    from newsgraph.ingest.fetch import AddressPolicy, Fetcher
    from newsgraph.nlp.pipeline import build_pipeline

    try:
        interval = parse_duration(every)
        urls = read_sources(sources)
    except (ValueError, OSError) as exc:
        err.print(f"newsgraph: error: {exc}", markup=False)
        raise typer.Exit(2) from None
    if not urls:
        err.print("newsgraph: error: no feed URLs in the sources", markup=False)
        raise typer.Exit(2)
    policy = AddressPolicy(allow_private, frozenset(h.lower() for h in allow_host or []))
    fetcher = Fetcher(policy=policy, delay=delay, max_bytes=max_bytes, timeout=timeout)
    follower = Follower(build_pipeline(), _store(db), fetcher, report_error,
                        lambda line: err.print(f"newsgraph: warning: {line}", markup=False))

    def on_round(r) -> None:
        if not quiet:
            err.print(
                f"follow: {r.feeds} feeds, {r.not_modified} unchanged, {r.new_entries} new entries, {r.stored} stored, "
                f"{r.failed} failed, {r.seconds:.1f} s",
                markup=False,
            )

    try:
        last = follow_rounds(follower, urls, interval, once, on_round)
    except KeyboardInterrupt:
        raise typer.Exit(0) from None
    finally:
        fetcher.close()
    raise typer.Exit(1 if last.failed else 0)


@app.command()
def extract(
    paths: Paths,
    format: Annotated[ExtractFormat, typer.Option("--format", "-f")] = ExtractFormat.json,
    batch_size: BatchSize = 32,
    n_process: Processes = 1,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
) -> None:
    """Print the contract JSON for each document (one: a JSON object; several: JSON Lines) or CSV rows."""
    from newsgraph.nlp.pipeline import build_pipeline
    from newsgraph.output import write_csv, write_json
    from newsgraph.runner import Batch

    batch = Batch(
        build_pipeline(), report_error, max_bytes=max_bytes, batch_size=batch_size, n_process=n_process
    )
    results = (contract for _, contract in batch.run(paths))
    if format is ExtractFormat.csv:
        write_csv(results, sys.stdout)
    else:
        write_json(results, sys.stdout, lines=format is ExtractFormat.jsonl)
    raise typer.Exit(1 if batch.report.failed else 0)


@app.command("copy-store")
def copy_store(
    source: Annotated[str, typer.Argument(help="The store to copy (URL or SQLite path).")],
    target: Annotated[str, typer.Argument(help="An empty store to copy into, e.g. postgresql+psycopg://…")],
) -> None:
    """Copy a whole store to another database (a laptop's SQLite store onto a PostgreSQL server): every
    table, keys unchanged, so KB ids, links and document URLs stay valid."""
    from newsgraph.store.copy import TargetNotEmpty
    from newsgraph.store.copy import copy_store as copy_all
    from newsgraph.store.db import database_url

    try:
        copied = copy_all(database_url(source), database_url(target),
                          lambda table, rows: err.print(f"copied {rows} rows of {table}", markup=False))
    except TargetNotEmpty as exc:
        err.print(f"newsgraph: error: {exc}", markup=False)
        raise typer.Exit(2) from None
    err.print(f"copy-store: {sum(copied.values())} rows in {len(copied)} tables", markup=False)


@app.command()
def stats(
    db: DbOption = None, format: Annotated[TableFormat, typer.Option("--format")] = TableFormat.table
) -> None:
    """Counts of everything in the store."""
    counts = _store(db).stats()
    if format is TableFormat.json:
        print(json.dumps(counts))
        return
    if format is TableFormat.csv:
        from newsgraph.output import SafeCsvWriter

        SafeCsvWriter(sys.stdout).write_dicts([{"table": n, "count": c} for n, c in counts.items()], ["table", "count"])
        return
    table = Table(title="newsgraph store")
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, count in counts.items():
        table.add_row(name, str(count))
    out.print(table)


@app.command()
def search(
    query: str,
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
    format: Annotated[TableFormat, typer.Option("--format")] = TableFormat.table,
) -> None:
    """Full-text search over stored documents (SQLite FTS5 syntax; plain words work)."""
    hits = _store(db).search(query, limit)
    if format is TableFormat.json:
        print(json.dumps([hit.__dict__ for hit in hits], ensure_ascii=False))
        return
    if format is TableFormat.csv:
        from newsgraph.output import SafeCsvWriter

        writer = SafeCsvWriter(sys.stdout)
        writer.writerow(["id", "title", "source", "published", "snippet"])
        writer.writerows([h.id, h.title, h.source, h.published, h.snippet] for h in hits)
        return
    table = Table(title=f"{len(hits)} documents match {query!r}")
    for column in ("id", "published", "title", "snippet"):
        table.add_column(column)
    for hit in hits:
        table.add_row(hit.id, hit.published or "", hit.title or "", hit.snippet)
    out.print(table, markup=False)


@app.command()
def quotes(
    db: DbOption = None,
    speaker: Annotated[str | None, typer.Option(help="Part of the speaker's name or description.")] = None,
    channel: Annotated[
        str | None, typer.Option(help="tweet, post, video, statement, interview, speech...")
    ] = None,
    grouped: Annotated[
        bool, typer.Option("--grouped", help="One row per quotation, with its occurrences.")
    ] = False,
    limit: Annotated[int, typer.Option(min=1, max=100000)] = 1000,
    format: Annotated[TableFormat, typer.Option("--format")] = TableFormat.table,
) -> None:
    """Stored quotes with speaker and channel; --grouped joins the same words quoted in many documents."""
    from newsgraph.store.queries import QUOTE_COLUMNS, quote_rows

    rows = quote_rows(_store(db).engine, speaker, channel, grouped, limit)
    if format is not TableFormat.table:
        _write_rows(rows, QUOTE_COLUMNS, format.value)
        return
    for row in rows:
        row["said by"] = row["speaker"] or row["speaker_text"]
    _print_table(f"{len(rows)} quotes", rows, ("said by", "channel", "kind", "occurrences", "text"))


entity_app = typer.Typer(help="The cross-document knowledge base: show, explain and split merges.")
app.add_typer(entity_app, name="entity")


@entity_app.command("show")
def entity_show(
    name: str,
    db: DbOption = None,
    format: Annotated[TableFormat, typer.Option("--format")] = TableFormat.table,
) -> None:
    """Every KB entity matching NAME: aliases, countries, and each document mention with why it was merged."""
    from newsgraph.store.queries import kb_entity_details

    found = kb_entity_details(_store(db).engine, name)
    if not found:
        err.print(f"newsgraph: no entity matches {name!r}", markup=False)
        raise typer.Exit(1)
    if format is not TableFormat.table:
        print(json.dumps(found, ensure_ascii=False, default=str))
        return
    for entry in found:
        out.print(
            f"{entry['kb_id']}  {entry['name']}  ({entry['type']})  documents: {entry['documents']}",
            markup=False,
        )
        out.print(
            f"  aliases: {', '.join(entry['aliases']) or '-'}   countries: {', '.join(entry['countries']) or '-'}",
            markup=False,
        )
        table = Table()
        for column in ("entity", "document", "name in document", "method", "score", "active", "evidence"):
            table.add_column(column)
        for link in entry["links"]:
            table.add_row(
                str(link["entity"]),
                link["document"],
                link["name"],
                link["method"],
                str(link["score"]),
                str(link["active"]),
                json.dumps(link["evidence"]),
            )
        out.print(table, markup=False)


@entity_app.command("situation")
def entity_situation(name: str, db: DbOption = None) -> None:
    """The situation picture of the KB entities matching NAME, as JSON: last known whereabouts (people),
    who holds it by which sources (places), allies and opponents (everyone), all with their sources."""
    from newsgraph.kb.situation import situation
    from newsgraph.store.queries import kb_entity_details

    store = _store(db)
    pictures = [situation(store.engine, d["kb_id"]) for d in kb_entity_details(store.engine, name)]
    if not pictures:
        err.print(f"newsgraph: no entity matches {name!r}", markup=False)
        raise typer.Exit(1)
    print(json.dumps(pictures, ensure_ascii=False, indent=2, default=str))


@entity_app.command("split")
def entity_split(entity: int, db: DbOption = None) -> None:
    """Undo a merge: move document entity ENTITY (its number in `entity show`) to a KB entity of its own."""
    from sqlalchemy.orm import Session

    from newsgraph.store.linking import KnowledgeBase

    store = _store(db)
    with Session(store.engine) as session, session.begin():
        try:
            kb = KnowledgeBase(session).split(entity)
        except KeyError:
            err.print(f"newsgraph: error: no document entity {entity}", markup=False)
            raise typer.Exit(1) from None
        out.print(f"entity {entity} now belongs to {kb.kb_id} ({kb.name})", markup=False)


@app.command()
def serve(
    db: DbOption = None,
    host: str = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Worker processes (one per core).")] = 1,
    access_log: Annotated[bool, typer.Option(help="Log every request (costs CPU under load).")] = False,
    cache: Annotated[bool, typer.Option(help="Keep JSON answers until the store changes.")] = True,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(help="A Host name this server answers to besides loopback (repeatable; '*' for any)."),
    ] = None,
) -> None:
    """Serve the web UI and the JSON/CSV/GeoJSON API (OpenAPI docs at /docs) on HOST:PORT, loopback by default.
    Requests whose Host header names another host are refused (DNS rebinding); behind a reverse proxy, name
    the public host with --allowed-host."""
    import os

    import uvicorn

    from newsgraph.store.db import database_url

    os.environ["NEWSGRAPH_DB"] = database_url(db)  # each worker process builds the app from it
    os.environ["NEWSGRAPH_RESPONSE_CACHE"] = "1" if cache else "0"
    hosts = list(allowed_host or [])
    if host not in ("127.0.0.1", "localhost", "::1", "0.0.0.0", "::"):
        hosts.append(host)  # the address it was told to bind is a name it may be reached by
    os.environ["NEWSGRAPH_ALLOWED_HOSTS"] = ",".join(hosts)
    uvicorn.run(
        "newsgraph.web.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        access_log=access_log,
    )


class ExportFormat(str, Enum):
    geojson = "geojson"
    json = "json"
    csv = "csv"


class ExportWhat(str, Enum):
    all = "all"
    events = "events"
    places = "places"


def _write_rows(rows: list[dict], columns: list[str], format: str) -> None:
    from newsgraph.output import SafeCsvWriter

    if format == "json":
        print(json.dumps(rows, ensure_ascii=False, default=str))
        return
    SafeCsvWriter(sys.stdout).write_dicts(rows, columns)


@app.command()
def events(
    db: DbOption = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. ASSAULT.")] = None,
    country: Annotated[str | None, typer.Option(help="ISO 3166-1 alpha-2 code of the event's place.")] = None,
    since: Annotated[str | None, typer.Option(help="Earliest event date (ISO 8601).")] = None,
    until: Annotated[str | None, typer.Option(help="Latest event date (ISO 8601).")] = None,
    negated: Annotated[bool | None, typer.Option("--negated/--not-negated")] = None,
    hypothetical: Annotated[bool | None, typer.Option("--hypothetical/--factual")] = None,
    actor: Annotated[str | None, typer.Option(help="Part of the actor's name.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=100000)] = 1000,
    grouped: Annotated[
        bool, typer.Option("--grouped", help="One row per real-world event, with sources.")
    ] = False,
    format: Annotated[TableFormat, typer.Option("--format")] = TableFormat.table,
) -> None:
    """Stored events (mentions, or --grouped real-world events); negated and hypothetical are kept."""
    from newsgraph.store.queries import EVENT_COLUMNS, EventFilter, event_rows

    _validate_date(since, "--since")
    _validate_date(until, "--until")
    store = _store(db)
    query = EventFilter(
        type=type,
        country=country,
        since=since,
        until=until,
        negated=negated,
        hypothetical=hypothetical,
        actor=actor,
        limit=limit,
    )
    if grouped:
        _print_clusters(store, query, format)
        return
    rows = event_rows(store.engine, query)
    if format is not TableFormat.table:
        _write_rows(rows, EVENT_COLUMNS, format.value)
        return
    _print_table(f"{len(rows)} events", rows, EVENT_TABLE)


def _print_clusters(store, query, format: TableFormat) -> None:
    from newsgraph.store.queries import CLUSTER_COLUMNS, cluster_rows

    rows = cluster_rows(store.engine, query)
    if format is not TableFormat.table:
        _write_rows(rows, CLUSTER_COLUMNS, format.value)
        return
    _print_table(f"{len(rows)} events", rows, CLUSTER_COLUMNS)


EVENT_TABLE = ("date", "type", "mode", "actor", "target", "location", "country", "negated", "hypothetical")


def _print_table(title: str, rows: list[dict], columns) -> None:
    """Rows as a rich table; lists joined, None shown empty."""
    table = Table(title=title)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(
            *(
                "; ".join(v) if isinstance(v := row.get(c), list) else "" if v is None else str(v)
                for c in columns
            )
        )
    out.print(table, markup=False)


def _validate_date(value: str | None, name: str) -> None:
    import datetime as dt

    if not value:
        return
    padded = {4: f"{value}-01-01", 7: f"{value}-01"}.get(len(value), value)
    try:
        dt.date.fromisoformat(padded)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)", param_hint=name
        ) from None


@app.command()
def export(
    db: DbOption = None,
    format: Annotated[ExportFormat, typer.Option("--format")] = ExportFormat.geojson,
    what: Annotated[ExportWhat, typer.Option("--what")] = ExportWhat.all,
    country: Annotated[str | None, typer.Option(help="Only this ISO 3166-1 alpha-2 country.")] = None,
) -> None:
    """Export located events and places: GeoJSON for maps, or JSON / CSV rows."""
    from newsgraph.store.queries import (
        EVENT_COLUMNS,
        PLACE_COLUMNS,
        EventFilter,
        event_rows,
        place_rows,
        to_geojson,
    )

    store = _store(db)
    event_list = (
        event_rows(store.engine, EventFilter(country=country, limit=10**9))
        if what != ExportWhat.places
        else []
    )
    place_list = place_rows(store.engine, country) if what != ExportWhat.events else []
    if format is ExportFormat.geojson:
        print(json.dumps(to_geojson(event_list, place_list), ensure_ascii=False))
    elif what is ExportWhat.places:
        _write_rows(place_list, PLACE_COLUMNS, format.value)
    elif what is ExportWhat.events:
        _write_rows(event_list, EVENT_COLUMNS, format.value)
    elif format is ExportFormat.json:
        print(json.dumps({"events": event_list, "places": place_list}, ensure_ascii=False, default=str))
    else:
        raise typer.BadParameter("CSV needs --what events or --what places", param_hint="--format")


if __name__ == "__main__":
    app()
