"""Server-rendered pages of the web UI. Everything shown is escaped by Jinja2's autoescaping; the
article view builds its highlights from escaped text pieces (markupsafe) only."""

from __future__ import annotations

import json
import os
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from newsgraph.kb.situation import contested_across_documents, situation
from newsgraph.store.queries import entity_profile
from newsgraph.store.repository import QueryTooLong, Store
from newsgraph.store.schema import KbEntityRow
from newsgraph.web.security import web_url

PLOVER = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
TEMPLATES = Jinja2Templates(directory=str(resources.files("newsgraph.web").joinpath("templates")))
TEMPLATES.env.tests["web_url"] = web_url


def source_label(source: str | None) -> str:
    """A source as a reader names it: a speaker as given, a web page by its host, a file by its name."""
    if not source:
        return "the article"
    if web_url(source):
        return urlsplit(source).hostname or source
    if "/" in source and " " not in source:
        return source.rstrip("/").rsplit("/", 1)[-1]
    return source


TEMPLATES.env.filters["source_label"] = source_label
POLL_MS = int(os.environ.get("NEWSGRAPH_POLL_MS", "10000"))  # how often the live view asks for new reports


@lru_cache(maxsize=1)
def basemap() -> dict:
    """Country outlines for the map, from the countryinfo package (Natural Earth-derived, MIT)."""
    folder = Path(str(resources.files("countryinfo").joinpath("data")))
    features = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        for feature in (data.get("geoJSON") or {}).get("features", []):
            features.append(
                {
                    "type": "Feature",
                    "geometry": feature.get("geometry"),
                    "properties": {"name": data.get("name")},
                }
            )
    return {"type": "FeatureCollection", "features": [f for f in features if f["geometry"]]}


def highlighted(contract: dict, evidence: tuple[int, int] | None = None) -> Markup:
    """The article text with entity mentions marked and quotes underlined, each with hover details; an
    `evidence` range (a sentence the situation picture cites) is marked and can be jumped to."""
    text = contract["document"]["text"]
    spans = []
    if evidence is not None:
        spans.append((evidence[0], evidence[1], "span", "evidence", "cited as evidence"))
    for entity in contract["entities"]:
        for mention in entity["mentions"]:
            spans.append(
                (
                    mention["start"],
                    mention["end"],
                    "mark",
                    entity["type"],
                    f"{entity['name']} ({entity['type']})"
                    + (f" · aliases: {', '.join(entity['aliases'])}" if entity["aliases"] else ""),
                )
            )
    names = {e["id"]: e["name"] for e in contract["entities"]}
    for quote in contract["quotes"]:
        speaker = names.get(quote["speaker"]) or quote["speaker_text"] or "unnamed"
        spans.append(
            (
                quote["start"],
                quote["end"],
                "span",
                "quote",
                f"{quote['kind']} quote · {speaker} · {quote['channel']}",
            )
        )
    spans.sort(key=lambda s: (s[0], -s[1]))
    out, position, stack = [], 0, []
    for start, end, tag, css, title in spans:
        while stack and stack[-1][0] <= start:
            close, close_tag = stack.pop()
            out.append(escape(text[position:close]))
            out.append(Markup(f"</{close_tag}>"))
            position = close
        if stack and end > stack[-1][0]:
            continue  # crosses an open span: leave it out rather than break the nesting
        out.append(escape(text[position:start]))
        anchor = Markup(' id="evidence"') if css == "evidence" else Markup("")
        out.append(Markup('<{} class="{}" title="{}"{}>').format(Markup(tag), css, title, anchor))
        stack.append((end, tag))
        position = start
    while stack:
        close, close_tag = stack.pop()
        out.append(escape(text[position:close]))
        out.append(Markup(f"</{close_tag}>"))
        position = close
    out.append(escape(text[position:]))
    return Markup("").join(out)


def page_router(store: Store) -> APIRouter:
    engine: Engine = store.engine
    router = APIRouter(include_in_schema=False)

    def render(request: Request, template: str, **context) -> HTMLResponse:
        context.setdefault("nonce", request.scope.get("state", {}).get("csp_nonce", ""))
        return TEMPLATES.TemplateResponse(request, template, context)

    @router.get("/", response_class=HTMLResponse)
    def home(request: Request):
        return render(request, "map.html", title="Events and places", types=PLOVER, query=None, poll_ms=POLL_MS)

    @router.get("/api/basemap.geojson")
    def basemap_geojson():
        return JSONResponse(basemap(), media_type="application/geo+json")

    @router.get("/search", response_class=HTMLResponse)
    def search_page(request: Request, q: str = ""):
        try:
            hits = store.search(q, 50) if q.strip() else []
        except QueryTooLong as exc:
            return render(request, "search.html", title="Search", hits=[], entities=[], query=q, error=str(exc))
        entities = []
        if q.strip():
            with Session(engine) as session:
                entities = session.scalars(
                    select(KbEntityRow).where(KbEntityRow.name.ilike(f"%{q}%")).limit(20)
                ).all()
        return render(request, "search.html", title=f"Search: {q}", hits=hits, entities=entities, query=q)

    @router.get("/entity/{kb_id}", response_class=HTMLResponse)
    def entity_page(request: Request, kb_id: str):
        profile = entity_profile(engine, kb_id)
        if profile is None:
            raise HTTPException(404, f"no entity {kb_id}")
        by_channel = defaultdict(list)
        for quote in profile["quotes"]:
            by_channel[quote["channel"]].append(quote)
        picture = situation(engine, kb_id) or {}
        history = (picture.get("whereabouts") or {}).get("history") or []
        sightings = [
            {"place": w["place"], "date": w["date"], "lat": w["lat"], "lon": w["lon"]}
            for w in history
            if w.get("lat") is not None and w.get("lon") is not None
        ]
        return render(
            request,
            "entity.html",
            title=profile["name"],
            entity=profile,
            situation=picture,
            sightings=sightings,
            quotes_by_channel=dict(by_channel),
            events=profile["events"],
            query=None,
        )

    @router.get("/document/{doc_id}", response_class=HTMLResponse)
    def document_page(
        request: Request,
        doc_id: str,
        at: int | None = Query(None, ge=0, le=10**9),
        length: int = Query(0, ge=0, le=100_000),
    ):
        contract = store.contract(doc_id)
        if contract is None:
            raise HTTPException(404, f"no document {doc_id}")
        size = len(contract["document"]["text"])
        evidence = (at, min(size, at + max(length, 1))) if at is not None and at < size else None
        title = contract["document"]["title"] or contract["document"]["source"]
        return render(
            request,
            "document.html",
            title=title,
            doc=contract["document"],
            body=highlighted(contract, evidence),
            evidence=contract["document"]["text"][evidence[0] : evidence[1]] if evidence else None,
            query=None,
        )

    @router.get("/contested", response_class=HTMLResponse)
    def contested_page(request: Request):
        return render(
            request,
            "contested.html",
            title="Contested claims",
            groups=contested_across_documents(engine),
            query=None,
        )

    return router
