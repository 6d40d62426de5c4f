"""FastAPI application over the knowledge base: every view is JSON, most also CSV or GeoJSON; lists are
paged; bad input gets an RFC 7807 problem document. Started by `newsgraph serve` (127.0.0.1:8000)."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
from importlib import resources
from typing import Annotated

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from newsgraph import __version__
from newsgraph.kb.situation import contested_across_documents, situation
from newsgraph.store.db import make_engine
from newsgraph.store.queries import (
    CLUSTER_COLUMNS,
    EVENT_COLUMNS,
    PLACE_COLUMNS,
    QUOTE_COLUMNS,
    EventFilter,
    cluster_rows,
    entity_profile,
    event_rows,
    place_rows,
    quote_rows,
    to_geojson,
)
from newsgraph.store.repository import Store
from newsgraph.store.schema import ClaimRow, DocumentRow, EntityRow, KbEntityRow

Limit = Annotated[int, Query(ge=1, le=1000)]
Offset = Annotated[int, Query(ge=0)]
DateParam = Annotated[str | None, Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]
Format = Annotated[str, Query(pattern="^(json|csv)$")]


def problem(status: int, title: str, detail: str) -> JSONResponse:
    return JSONResponse(
        {"type": "about:blank", "title": title, "status": status, "detail": detail},
        status_code=status,
        media_type="application/problem+json",
    )


def as_csv(rows: list[dict], columns: list[str]) -> Response:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "; ".join(map(str, v)) if isinstance(v, list) else v for k, v in row.items()})
    return Response(buffer.getvalue(), media_type="text/csv")


def create_app(db: str | None = None) -> FastAPI:
    store = Store(make_engine(db))
    engine = store.engine
    app = FastAPI(
        title="newsgraph",
        version=__version__,
        description="Source-attributed knowledge base of news: entities, quotes, events, places, claims.",
    )

    @app.exception_handler(HTTPException)
    async def http_problem(_: Request, exc: HTTPException) -> JSONResponse:
        return problem(exc.status_code, "Error", str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_problem(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", []))
        return problem(422, "Invalid request", f"{where}: {first.get('msg', 'invalid value')}")

    @app.get("/api/stats")
    def stats() -> dict:
        return JSONResponse(store.stats())

    @app.get("/api/documents")
    def documents(limit: Limit = 50, offset: Offset = 0) -> dict:
        with Session(engine) as session:
            total = session.scalar(select(func.count()).select_from(DocumentRow))
            rows = session.execute(
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
            ).all()
        return JSONResponse(
            {
                "total": total,
                "limit": limit,
                "offset": offset,
                "items": [
                    dict(zip(("id", "title", "source", "published", "duplicate_of"), r, strict=True))
                    for r in rows
                ],
            }
        )

    @app.get("/api/documents/{doc_id}")
    def document(doc_id: str) -> dict:
        contract = store.contract(doc_id)
        if contract is None:
            raise HTTPException(404, f"no document {doc_id}")
        return JSONResponse(contract)

    @app.get("/api/search")
    def search(q: Annotated[str, Query(min_length=1, max_length=500)], limit: Limit = 20) -> dict:
        return JSONResponse({"query": q, "items": [hit.__dict__ for hit in store.search(q, limit)]})

    @app.get("/api/entities")
    def entities(
        q: str | None = None,
        type: Annotated[str | None, Query(pattern="^(PERSON|ORG|PLACE|EVENT|OTHER)$")] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict:
        query = select(KbEntityRow).order_by(KbEntityRow.documents.desc(), KbEntityRow.name)
        if type:
            query = query.where(KbEntityRow.type == type)
        if q:
            query = query.where(KbEntityRow.name.ilike(f"%{q}%"))
        with Session(engine) as session:
            rows = session.scalars(query.limit(limit).offset(offset)).all()
            items = [
                {
                    "kb_id": r.kb_id,
                    "name": r.name,
                    "type": r.type,
                    "aliases": r.aliases,
                    "countries": r.countries,
                    "documents": r.documents,
                }
                for r in rows
            ]
        return JSONResponse({"limit": limit, "offset": offset, "items": items})

    @app.get("/api/entities/{kb_id}")
    def entity(kb_id: str) -> dict:
        profile = entity_profile(engine, kb_id)
        if profile is None:
            raise HTTPException(404, f"no entity {kb_id}")
        return JSONResponse(profile)

    @app.get("/api/entities/{kb_id}/situation")
    def entity_situation(kb_id: str) -> dict:
        picture = situation(engine, kb_id)
        if picture is None:
            raise HTTPException(404, f"no entity {kb_id}")
        return picture

    @app.get("/api/claims/contested")
    def contested_claims() -> dict:
        """Claims that sources contest, within a document (alternatives) and across documents."""
        return JSONResponse({"across_documents": contested_across_documents(engine)})

    @app.get("/api/events")
    def events(
        type: str | None = None,
        country: Annotated[str | None, Query(pattern="^[A-Za-z]{2}$")] = None,
        since: DateParam = None,
        until: DateParam = None,
        negated: bool | None = None,
        hypothetical: bool | None = None,
        actor: str | None = None,
        limit: Limit = 100,
        offset: Offset = 0,
        format: Format = "json",
    ):
        rows = event_rows(
            engine, EventFilter(type, country, since, until, negated, hypothetical, actor, limit, offset)
        )
        if format == "csv":
            return as_csv(rows, EVENT_COLUMNS)
        return JSONResponse({"limit": limit, "offset": offset, "items": rows})

    @app.get("/api/events/clusters")
    def clusters(type: str | None = None, limit: Limit = 100, offset: Offset = 0, format: Format = "json"):
        rows = cluster_rows(engine, EventFilter(type=type, limit=limit, offset=offset))
        return (
            as_csv(rows, CLUSTER_COLUMNS)
            if format == "csv"
            else JSONResponse({"limit": limit, "offset": offset, "items": rows})
        )

    @app.get("/api/quotes")
    def quotes(
        speaker: str | None = None,
        channel: str | None = None,
        grouped: bool = False,
        limit: Limit = 100,
        offset: Offset = 0,
        format: Format = "json",
    ):
        rows = quote_rows(engine, speaker, channel, grouped, limit, offset)
        return (
            as_csv(rows, QUOTE_COLUMNS)
            if format == "csv"
            else JSONResponse({"limit": limit, "offset": offset, "items": rows})
        )

    @app.get("/api/claims")
    def claims(contested: bool = False, limit: Limit = 100, offset: Offset = 0) -> dict:
        query = select(ClaimRow, EntityRow.name).outerjoin(EntityRow, EntityRow.pk == ClaimRow.subject_pk)
        if contested:
            query = query.where(ClaimRow.status == "contested")
        with Session(engine) as session:
            rows = session.execute(query.order_by(ClaimRow.pk).limit(limit).offset(offset)).all()
            items = [
                {
                    "document_id": c.document_id,
                    "id": c.local_id,
                    "subject": name,
                    "statement": c.statement,
                    "status": c.status,
                    "alternatives": c.alternatives,
                    **c.details,
                }
                for c, name in rows
            ]
        return JSONResponse({"limit": limit, "offset": offset, "items": items})

    @app.get("/api/places")
    def places(
        country: Annotated[str | None, Query(pattern="^[A-Za-z]{2}$")] = None,
        limit: Limit = 500,
        offset: Offset = 0,
        format: Format = "json",
    ):
        rows = place_rows(engine, country, limit, offset)
        return (
            as_csv(rows, PLACE_COLUMNS)
            if format == "csv"
            else JSONResponse({"limit": limit, "offset": offset, "items": rows})
        )

    @app.get("/api/export.geojson")
    def geojson(country: Annotated[str | None, Query(pattern="^[A-Za-z]{2}$")] = None) -> Response:
        collection = to_geojson(
            event_rows(engine, EventFilter(country=country, limit=10**9)), place_rows(engine, country)
        )
        return JSONResponse(collection, media_type="application/geo+json")

    @app.get("/api/feed.atom")
    def feed(limit: Limit = 50) -> Response:
        """An Atom feed of the latest events, for feed readers and alerting."""
        rows = event_rows(engine, EventFilter(limit=limit))
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        entries = "".join(
            f"<entry><id>urn:newsgraph:event:{r['id']}</id><title>{html.escape(r['type'])}: "
            f"{html.escape(r['actor'] or '?')} / {html.escape(r['target'] or '?')}</title><updated>{now}</updated>"
            f'<summary>{html.escape(r["sentence"])}</summary><link href="{html.escape(r["source"] or "")}"/>'
            "</entry>"
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
    """Factory for `newsgraph serve` (uvicorn workers): the database URL comes from $NEWSGRAPH_DB."""
    return create_app(None)
