"""FastAPI application over the knowledge base: every view is JSON, most also CSV or GeoJSON; lists are
paged; bad input gets an RFC 7807 problem document. Started by `newsgraph serve` (127.0.0.1:8000)."""

from __future__ import annotations

import datetime as dt
import gc
import html
import io
import os
import re
from dataclasses import replace
from importlib import resources
from typing import Annotated

import orjson
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import AfterValidator
from sqlalchemy import func, select
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsgraph import __version__
from newsgraph.kb.situation import contested_across_documents, situation
from newsgraph.output import SafeCsvWriter
from newsgraph.store.db import generation, make_engine
from newsgraph.store.queries import (
    CLUSTER_COLUMNS,
    EVENT_COLUMNS,
    PLACE_COLUMNS,
    QUOTE_COLUMNS,
    EventFilter,
    claim_rows,
    cluster_rows,
    entity_profile,
    entity_rows,
    event_rows,
    latest_reports,
    place_rows,
    quote_rows,
    to_geojson,
)
from newsgraph.store.repository import MAX_QUERY_CHARS, QueryTooLong, Store
from newsgraph.store.schema import DocumentRow
from newsgraph.web.cache import ResponseCache
from newsgraph.web.security import LOCAL_HOSTS, HostCheck, SecurityHeaders, web_url

MAX_OFFSET = 1_000_000_000  # far past any store's size, far below SQLite's 64-bit integers


def real_date(value: str | None) -> str | None:
    """A year, a month or a day that exists on the calendar ('2025-13-45' does not)."""
    if value is None:
        return None
    year, month, day = ([int(p) for p in value.split("-")] + [1, 1])[:3]  # a year or month: its first day
    try:
        dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"{value!r} is not a calendar date") from None
    return value


Limit = Annotated[int, Query(ge=1, le=1000)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
DateParam = Annotated[
    str | None, Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$"), AfterValidator(real_date)
]
Format = Annotated[str, Query(pattern="^(json|csv)$")]
Country = Annotated[str | None, Query(pattern="^[A-Za-z]{2}$")]


class JSON(JSONResponse):
    """JSON rendered by orjson: several times faster than the standard library on large pages."""

    def render(self, content: object) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS)


def problem(status: int, title: str, detail: str) -> JSONResponse:
    return JSON(
        {"type": "about:blank", "title": title, "status": status, "detail": detail},
        status_code=status,
        media_type="application/problem+json",
    )


def listing(rows: list[dict], columns: list[str], limit: int, offset: int, format: str) -> Response:
    """A page of rows: CSV with `columns`, or JSON with its paging."""
    if format == "csv":
        return as_csv(rows, columns)
    return JSON({"limit": limit, "offset": offset, "items": rows})


def as_csv(rows: list[dict], columns: list[str]) -> Response:
    buffer = io.StringIO()
    SafeCsvWriter(buffer).write_dicts(rows, columns)
    return Response(buffer.getvalue(), media_type="text/csv")


_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: object) -> str:
    """Text safe inside an XML element or attribute: escaped, and without the characters XML 1.0 forbids."""
    return html.escape(_NOT_XML.sub("", str(value)))


async def event_filter(  # async: FastAPI would run a plain function in the threadpool
    type: str | None = None,
    country: Country = None,
    since: DateParam = None,
    until: DateParam = None,
    negated: bool | None = None,
    hypothetical: bool | None = None,
    actor: str | None = None,
) -> EventFilter:
    """The event filters that /api/events and the map's GeoJSON share (a FastAPI dependency)."""
    return EventFilter(
        type=type,
        country=country,
        since=since,
        until=until,
        negated=negated,
        hypothetical=hypothetical,
        actor=actor,
    )


def create_app(
    db: str | None = None, cache: bool = True, allowed_hosts: tuple[str, ...] = LOCAL_HOSTS
) -> FastAPI:
    """The API and web UI over the store at `db`; `cache` keeps JSON answers until the store changes;
    requests naming another Host than `allowed_hosts` are refused (DNS rebinding)."""
    store = Store(make_engine(db))
    engine = store.engine
    app = FastAPI(
        title="newsgraph",
        version=__version__,
        description="Source-attributed knowledge base of news: entities, quotes, events, places, claims.",
        docs_url=None,  # served below from the vendored Swagger UI, never from a CDN
        redoc_url=None,
    )
    if cache:
        app.add_middleware(ResponseCache, generation=lambda: generation(engine))
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HostCheck, allowed=tuple(allowed_hosts))

    @app.exception_handler(StarletteHTTPException)
    async def http_problem(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        titles = {404: "Not found", 405: "Method not allowed"}
        return problem(exc.status_code, titles.get(exc.status_code, "Error"), str(exc.detail))

    @app.get("/docs", include_in_schema=False)
    async def docs(request: Request) -> HTMLResponse:
        """The OpenAPI explorer, with Swagger UI served from /static (works offline)."""
        page = get_swagger_ui_html(
            openapi_url=app.openapi_url,
            title="newsgraph API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/vendor/swagger-ui/favicon-32x32.png",
        ).body.decode()
        nonce = request.scope["state"]["csp_nonce"]
        return HTMLResponse(page.replace("<script>", f'<script nonce="{nonce}">'))

    @app.exception_handler(RequestValidationError)
    async def validation_problem(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", []))
        return problem(422, "Invalid request", f"{where}: {first.get('msg', 'invalid value')}")

    @app.get("/api/stats")
    def stats() -> dict:  # counts whole tables: the threadpool, not the event loop
        return JSON(store.stats())

    @app.get("/api/documents")
    async def documents(limit: Limit = 50, offset: Offset = 0) -> dict:
        page = (
            select(
                DocumentRow.id,
                DocumentRow.title,
                DocumentRow.source,
                DocumentRow.published,
                DocumentRow.duplicate_of,
            )
            .order_by(DocumentRow.published.desc())
            .limit(limit)
            .offset(offset)
        )
        with engine.connect() as connection:
            total = connection.scalar(select(func.count()).select_from(DocumentRow))
            items = [dict(row) for row in connection.execute(page).mappings()]
        return JSON({"total": total, "limit": limit, "offset": offset, "items": items})

    @app.get("/api/documents/{doc_id}")
    async def document(doc_id: str) -> dict:
        contract = store.contract(doc_id)
        if contract is None:
            raise HTTPException(404, f"no document {doc_id}")
        return JSON(contract)

    @app.get("/api/search")
    async def search(
        q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS)], limit: Limit = 20
    ) -> dict:
        try:
            hits = store.search(q, limit)
        except QueryTooLong as exc:
            return problem(422, "Invalid request", f"query.q: {exc}")
        return JSON({"query": q, "items": [hit.__dict__ for hit in hits]})

    @app.get("/api/entities")
    async def entities(
        q: str | None = None,
        type: Annotated[str | None, Query(pattern="^(PERSON|ORG|PLACE|EVENT|OTHER)$")] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict:
        items = entity_rows(engine, q, type, limit, offset)
        return JSON({"limit": limit, "offset": offset, "items": items})

    @app.get("/api/entities/{kb_id}")
    async def entity(kb_id: str) -> dict:
        profile = entity_profile(engine, kb_id)
        if profile is None:
            raise HTTPException(404, f"no entity {kb_id}")
        return JSON(profile)

    @app.get("/api/entities/{kb_id}/situation")
    def entity_situation(kb_id: str) -> dict:
        picture = situation(engine, kb_id)
        if picture is None:
            raise HTTPException(404, f"no entity {kb_id}")
        return picture

    @app.get("/api/claims/contested")
    def contested_claims() -> dict:
        """Claims that sources contest, within a document (alternatives) and across documents."""
        return JSON({"across_documents": contested_across_documents(engine)})

    @app.get("/api/events")
    async def events(
        where: Annotated[EventFilter, Depends(event_filter)],
        limit: Limit = 100,
        offset: Offset = 0,
        format: Format = "json",
    ):
        rows = event_rows(engine, replace(where, limit=limit, offset=offset))
        return listing(rows, EVENT_COLUMNS, limit, offset, format)

    @app.get("/api/events/clusters")
    def clusters(type: str | None = None, limit: Limit = 100, offset: Offset = 0, format: Format = "json"):
        rows = cluster_rows(engine, EventFilter(type=type, limit=limit, offset=offset))
        return listing(rows, CLUSTER_COLUMNS, limit, offset, format)

    @app.get("/api/quotes")
    async def quotes(
        speaker: str | None = None,
        channel: str | None = None,
        grouped: bool = False,
        limit: Limit = 100,
        offset: Offset = 0,
        format: Format = "json",
    ):
        rows = quote_rows(engine, speaker, channel, grouped, limit, offset)
        return listing(rows, QUOTE_COLUMNS, limit, offset, format)

    @app.get("/api/claims")
    async def claims(contested: bool = False, limit: Limit = 100, offset: Offset = 0) -> dict:
        items = claim_rows(engine, contested, limit, offset)
        return JSON({"limit": limit, "offset": offset, "items": items})

    @app.get("/api/places")
    async def places(
        country: Country = None,
        limit: Limit = 500,
        offset: Offset = 0,
        format: Format = "json",
    ):
        rows = place_rows(engine, country, limit, offset)
        return listing(rows, PLACE_COLUMNS, limit, offset, format)

    @app.get("/api/export.geojson")
    async def geojson(
        where: Annotated[EventFilter, Depends(event_filter)],
        limit: Annotated[int, Query(ge=1, le=100_000)] = 10_000,
        places: bool = True,
    ) -> Response:
        """Located events (the most recent `limit` that match the filters, as in /api/events) and, unless
        `places=false`, the `limit` most reported places: what the map draws."""
        events = event_rows(engine, replace(where, limit=limit))
        collection = to_geojson(events, place_rows(engine, where.country, limit) if places else [])
        return JSON(collection, media_type="application/geo+json")

    @app.get("/api/latest")
    async def latest(limit: Annotated[int, Query(ge=1, le=200)] = 20) -> dict:
        """The most recently stored reports, newest first (the live view polls this)."""
        return JSON({"items": latest_reports(engine, limit)})

    @app.get("/api/feed.atom")
    async def feed(
        where: Annotated[EventFilter, Depends(event_filter)],
        entity: Annotated[str | None, Query(pattern=r"^kb\d+$", description="events a KB entity takes part in")] = None,
        limit: Limit = 50,
    ) -> Response:
        """An Atom feed of the latest events, for feed readers and alerting; takes the event filters (type,
        country, since, until, negated, hypothetical, actor) and `entity` (a kb_id)."""
        rows = event_rows(engine, replace(where, kb_id=entity, limit=limit))
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        entries = "".join(
            f"<entry><id>urn:newsgraph:event:{xml_text(r['id'])}</id><title>{xml_text(r['type'])}: "
            f"{xml_text(r['actor'] or '?')} / {xml_text(r['target'] or '?')}</title><updated>{now}</updated>"
            f"<summary>{xml_text(r['sentence'])}</summary>"
            + (f'<link href="{xml_text(r["source"])}"/>' if web_url(r["source"]) else "")
            + "</entry>"
            for r in rows
        )
        body = (
            f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>newsgraph events</title><id>urn:newsgraph:events</id><updated>{now}</updated>{entries}</feed>"
        )
        return Response(body, media_type="application/atom+xml")

    from fastapi.staticfiles import StaticFiles

    from newsgraph.web.pages import page_router

    app.include_router(page_router(store))
    app.mount(
        "/static",
        StaticFiles(directory=str(resources.files("newsgraph.web").joinpath("static"))),
        name="static",
    )
    return app


def app_from_environment() -> FastAPI:
    """Factory for `newsgraph serve` (uvicorn workers): the database URL comes from $NEWSGRAPH_DB,
    $NEWSGRAPH_RESPONSE_CACHE=0 turns the response cache off, $NEWSGRAPH_ALLOWED_HOSTS (comma-separated)
    names the Host headers served besides loopback."""
    extra = tuple(h for h in os.environ.get("NEWSGRAPH_ALLOWED_HOSTS", "").split(",") if h)
    app = create_app(
        None, cache=os.environ.get("NEWSGRAPH_RESPONSE_CACHE", "1") != "0", allowed_hosts=LOCAL_HOSTS + extra
    )
    gc.freeze()  # the modules and data loaded so far live as long as the worker: keep them out of GC passes
    return app
