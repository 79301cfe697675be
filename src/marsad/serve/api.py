"""The REST API and the web page over one store (FastAPI).

Read-only unless a write token is configured; then POST /api/documents
ingests reports for a caller that presents it (`Authorization: Bearer TOKEN`),
compared in constant time. Every error is JSON: {"error": {"status", "message"}}.
"""


import hmac
import json
import threading
from importlib import resources
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field, model_validator
from starlette.exceptions import HTTPException as StarletteHTTPException

from marsad import __version__
from marsad.store import open_store
from marsad.store.queries import MAX_LIMIT, Filters

WEB = resources.files("marsad.serve") / "web"
DEFAULT_MAX_BODY = 5 * 1024 * 1024

# The page loads nothing from elsewhere; the browser enforces it.
SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
     b"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"items per page (1..{MAX_LIMIT})")]
Offset = Annotated[int, Query(ge=0, description="items to skip")]


class ReportIn(BaseModel):
    """One report to ingest: its text or its page HTML, and what the caller knows of it."""

    text: str | None = Field(None, description="the report as plain text")
    html: str | None = Field(None, description="the report's page HTML (instead of text)")
    name: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = Field(None, description="as the source states it, e.g. 2024-08-22T07:16")
    url: str | None = None

    @model_validator(mode="after")
    def _one_body(self):
        if not (self.text or self.html):
            raise ValueError("a report needs 'text' or 'html'")
        return self


class IngestIn(BaseModel):
    reports: list[ReportIn] = Field(..., min_length=1, max_length=1000)


class BodyLimit:
    """Refuses request bodies over `limit` bytes (by Content-Length, and by counting)."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            return await _too_large(self.limit, send)
        seen = 0

        async def counted():
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:  # a body sent without Content-Length, or longer than it said
                raise HTTPException(413, f"request body over {self.limit} bytes")
            return message

        await self.app(scope, counted, send)


async def _too_large(limit: int, send) -> None:
    body = json.dumps({"error": {"status": 413, "message": f"request body over {limit} bytes"}}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        async def with_headers(message):
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, with_headers)


def _error(status: int, message, **extra) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "message": message, **extra}}, status_code=status)


def create_app(db: str, token: str | None = None, max_body: int = DEFAULT_MAX_BODY) -> FastAPI:
    """The API and page over the store at `db`; writing only when `token` is set."""
    app = FastAPI(
        title="marsad", version=__version__,
        description="Arabic news reports as stories, entities, events and search. "
        "Read-only unless the server was started with a write token.",
        docs_url=None, redoc_url=None,  # their pages load scripts from a CDN; /docs is ours, offline
    )
    local = threading.local()
    write_lock = threading.Lock()

    def store():
        if getattr(local, "store", None) is None:
            local.store = open_store(db)
        return local.store

    def filters(
        date_from: Annotated[str | None, Query(alias="from", pattern=DATE, description="YYYY[-MM[-DD]]")] = None,
        date_to: Annotated[str | None, Query(alias="to", pattern=DATE, description="YYYY[-MM[-DD]], inclusive")] = None,
        outlet: str | None = None,
        entity: Annotated[str | None, Query(description="entity key (see /api/entities)")] = None,
        event_type: Annotated[str | None, Query(description="PLOVER or X_ type, e.g. ASSAULT")] = None,
        story: str | None = None,
    ) -> Filters:
        return Filters(date_from, date_to, outlet, entity, event_type, story)

    def found(item, what: str, key: str):
        if item is None:
            raise HTTPException(404, f"no {what} {key!r}")
        return item

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        response = _error(exc.status_code, exc.detail)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        problems = [
            {"where": ".".join(str(p) for p in e["loc"]), "message": e["msg"]} for e in exc.errors()
        ]
        return _error(422, "invalid request: " + "; ".join(f"{p['where']}: {p['message']}" for p in problems),
                      problems=problems)

    @app.exception_handler(ValueError)
    async def bad_value(request: Request, exc: ValueError):
        return _error(400, str(exc))

    @app.exception_handler(Exception)
    async def failed(request: Request, exc: Exception):
        return _error(500, f"internal error: {type(exc).__name__}")

    # -- reading ------------------------------------------------------------

    @app.get("/api/stats", tags=["store"], summary="counts of what the store holds")
    def stats():
        return store().stats()

    @app.get("/api/documents", tags=["documents"], summary="reports, newest first")
    def documents(f: Annotated[Filters, Depends(filters)], limit: Limit = 20, offset: Offset = 0):
        return store().documents(f, limit, offset)

    @app.get("/api/documents/{doc_id}", tags=["documents"], summary="one report's full analysis")
    def document(doc_id: str):
        return found(store().document(doc_id), "document", doc_id)

    @app.get("/api/stories", tags=["stories"], summary="stories, newest or biggest first")
    def stories(sort: Annotated[str, Query(pattern="^(newest|biggest)$")] = "newest",
                limit: Limit = 20, offset: Offset = 0):
        return store().stories(sort, limit, offset)

    @app.get("/api/stories/{story_id}", tags=["stories"],
             summary="a story: timeline, reports, comparison, summary, events")
    def story(story_id: str):
        return found(store().story(story_id), "story", story_id)

    @app.get("/api/topics", tags=["stories"], summary="topics, biggest first")
    def topics(limit: Limit = 20, offset: Offset = 0):
        return store().topics(limit, offset)

    @app.get("/api/topics/{topic_id}", tags=["stories"], summary="a topic and its stories")
    def topic(topic_id: str):
        return found(store().topic(topic_id), "topic", topic_id)

    @app.get("/api/entities", tags=["entities"], summary="entities, most mentioned first")
    def entities(q: Annotated[str | None, Query(description="part of a name, any spelling")] = None,
                 type: Annotated[str | None, Query(description="PER, ORG, LOC, FAC, NORP, MISC")] = None,
                 limit: Limit = 50, offset: Offset = 0):
        return store().entities(q, type, limit, offset)

    @app.get("/api/entities/{key:path}", tags=["entities"], summary="an entity: its names, stories, events over time")
    def entity(key: str):
        return found(store().entity(key), "entity", key)

    @app.get("/api/events", tags=["events"], summary="events, latest first")
    def events(f: Annotated[Filters, Depends(filters)],
               type: Annotated[str | None, Query(description="event type")] = None,
               limit: Limit = 50, offset: Offset = 0):
        return store().events(f, type, limit, offset)

    @app.get("/api/search", tags=["search"], summary="full-text search, BM25-ranked, with snippets")
    def search(q: Annotated[str, Query(min_length=1, max_length=500,
                                       description='words (all must match, any form) and "quoted phrases"')],
               f: Annotated[Filters, Depends(filters)], limit: Limit = 20, offset: Offset = 0):
        return store().search(q, f, limit, offset)

    @app.get("/api/outlets", tags=["store"], summary="outlets and their report counts")
    def outlets():
        return store().outlets()

    @app.get("/api/event-types", tags=["events"], summary="event types and their counts")
    def event_types():
        return store().event_types()

    @app.get("/api/export/documents.jsonl", tags=["exports"],
             summary="the filtered reports as `marsad analyze` prints them (JSON Lines)")
    def export_documents(f: Annotated[Filters, Depends(filters)]):
        s = store()

        def lines():
            offset = 0
            while True:
                page = s.documents(f, MAX_LIMIT, offset)
                for item in page["items"]:
                    doc = s.document(item["id"])
                    doc.pop("stories", None)
                    yield json.dumps(doc, ensure_ascii=False) + "\n"
                offset += MAX_LIMIT
                if offset >= page["total"]:
                    return

        return StreamingResponse(lines(), media_type="application/x-ndjson")

    @app.get("/api/export/events", tags=["exports"],
             summary="the filtered reports' events as PLOVER JSON, ACLED-style CSV or GeoJSON (as `marsad export`)")
    def export_events(f: Annotated[Filters, Depends(filters)],
                      format: Annotated[str, Query(pattern="^(plover|acled|geojson)$")] = "plover"):
        from marsad.contract import analyzed_from_json
        from marsad.serve.exports import render

        s = store()
        docs, offset = [], 0
        while True:
            page = s.documents(f, MAX_LIMIT, offset)
            docs += [analyzed_from_json(s.document(item["id"])) for item in page["items"]]
            offset += MAX_LIMIT
            if offset >= page["total"]:
                break
        media = {"plover": "application/json", "acled": "text/csv; charset=utf-8",
                 "geojson": "application/geo+json"}[format]
        return Response(render(format, docs), media_type=media)

    # -- writing ------------------------------------------------------------

    def writer(authorization: Annotated[str | None, Header()] = None) -> None:
        if not token:
            raise HTTPException(403, "writing is off: start the server with --token or MARSAD_TOKEN to allow it")
        given = (authorization or "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise HTTPException(401, "a valid write token is needed (Authorization: Bearer TOKEN)",
                                headers={"WWW-Authenticate": "Bearer"})

    @app.post("/api/documents", tags=["documents"], status_code=201, dependencies=[Depends(writer)],
              summary="ingest reports (needs the write token)")
    def ingest(body: IngestIn):
        from marsad.serve.ingest_api import ingest_reports

        with write_lock:
            return ingest_reports(store(), body.reports)

    # -- the page -----------------------------------------------------------

    app.mount("/static", StaticFiles(directory=str(WEB)), name="static")

    @app.get("/", include_in_schema=False)
    def index():
        return FileResponse(str(WEB / "index.html"))

    @app.get("/docs", include_in_schema=False)
    def docs():
        return RedirectResponse("/#/api")

    app.add_middleware(BodyLimit, limit=max_body)
    app.add_middleware(SecurityHeaders)
    return app
