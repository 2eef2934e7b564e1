"""The HTTP service: a JSON API over a store, and the analyst's web UI, in one FastAPI app.

``create_app(store_url)`` builds the app; ``thucydides serve`` runs it with uvicorn. The API
only calls the library: ``inputs.read_document`` and ``pipeline.code_articles`` to code a
posted article, the ``Store`` to keep and read records, ``catalog.Catalog`` to list and
group what the store holds. The UI is static files (``thucydides/serve/web``: HTML, CSS, plain
JS, the world outline) served by the same app, so it works with no network at all.

Security, because article text is untrusted and the service may face a network:

* every response carries a strict Content-Security-Policy (scripts and styles only from
  this origin, no inline script, nothing framed), ``X-Content-Type-Options: nosniff`` and
  ``Referrer-Policy: no-referrer``; the UI writes article text with ``textContent`` only;
* a request body over ``max_bytes`` is refused with 413 before it is read whole, and an
  article whose cleaned text is over ``max_chars`` before it is parsed (coding time and
  memory grow with the text);
* ``GET /articles/{id}`` names the input file, never its path on the server;
* writing (POST) needs ``Authorization: Bearer TOKEN`` when the app has a token, and
  ``serve`` refuses to bind a non-loopback address without one; reads stay open;
* a POST whose ``Origin`` is not the server itself is refused (403), so a web page in the
  analyst's browser cannot write into a loopback server; on loopback, only loopback host
  names are answered, which defeats DNS rebinding.

Notes:
    The headers follow the OWASP Secure Headers Project's recommendations
    (https://owasp.org/www-project-secure-headers/); the Origin check is OWASP's CSRF
    "verifying origin with standard headers" defence.
"""

from __future__ import annotations

import dataclasses
import enum
import io
import ipaddress
import secrets
import shutil
import tempfile
import threading
from collections.abc import Awaitable, Callable, Iterator, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path, PurePath
from typing import Annotated, Any, Literal
from urllib.parse import quote, urlsplit

from fastapi import Depends, FastAPI, Query, Request, Response
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, StreamingResponse
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from starlette.background import BackgroundTask
from starlette.convertors import Convertor, register_url_convertor
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from .. import __version__
from ..config import Options
from ..errors import ConfigError, InputTooLarge, RecordNotFound, StoreError
from ..knowledge.lexicon import PLOVER_TYPES, event_type
from ..parse.nlp import Parser
from ..pipeline import code_articles, prepare
from ..read.inputs import read_document, rejection
from ..records import ArticleRecord, RawArticle, Record, Rejected
from ..store import EventQuery, Store, UpsertResult, open_store
from .catalog import (
    ActorItem,
    ArticleItem,
    Catalog,
    EventItem,
    EventMap,
    Filters,
    Granularity,
    Network,
    PlaceItem,
    QuoteItem,
    Timeline,
)
from .export import DEFAULT_MODALITIES, export_events, parse_modalities
from .export import FORMATS as EXPORT_FORMATS
from .refine import EventRefinement

#: The origin posted articles are named by in messages.
POST_ORIGIN = "POST /articles"

#: Host names a loopback-bound server answers to.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")

#: The largest request body read, unless the app is told otherwise.
DEFAULT_MAX_BYTES = Options().max_bytes

#: The longest article text (after cleanup, in characters) a POST may have coded. Coding
#: time and memory grow with the text; at this length one article takes seconds, where a
#: 1 MB text took two minutes and 3 GB. Long news stories run to 30,000 characters.
DEFAULT_MAX_CHARS = 100_000

#: How much of an export the service holds in memory before spooling it to disk.
EXPORT_SPOOL = 8 << 20

#: Page size bounds of every list.
DEFAULT_LIMIT, MAX_LIMIT = 50, 1000

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

SECURITY_HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)

#: The media types POST /articles reads, and how.
BODY_KINDS: dict[str, Literal["text", "html", "json"]] = {
    "text/plain": "text",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/json": "json",
}

#: The media type of each export format.
EXPORT_MEDIA = {
    "plover-jsonl": "application/x-ndjson",
    "polecat-tsv": "text/tab-separated-values",
    "icews-tsv": "text/tab-separated-values",
    "csv": "text/csv",
    "parquet": "application/vnd.apache.parquet",
}


class RecordIdConvertor(Convertor[str]):
    """A record id in a path: any characters, "/" and newlines included (Starlette's
    ``path`` stops at a newline), so that every id the store keeps can be asked for."""

    regex = r"[\s\S]+"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("record_id", RecordIdConvertor())

ExportFormat = enum.StrEnum("ExportFormat", {name: name for name in EXPORT_FORMATS})  # type: ignore[misc]


# ---------------------------------------------------------------- answers


@dataclass(frozen=True, slots=True)
class Problem(Record):
    """Why a request failed: the code of the error and the one-line reason.

    ``detail`` reads as a ``Rejected`` record or a CLI error does:
    ``T003 POST /articles: not text: ...``.
    """

    detail: str
    code: str


@dataclass(frozen=True, slots=True)
class Stored(Record):
    """What POST /articles did: "inserted", "updated" or "unchanged", and the record."""

    id: str
    result: str
    record: ArticleRecord


@dataclass(frozen=True, slots=True)
class EventPage(Record):
    total: int
    limit: int
    offset: int
    items: tuple[EventItem, ...]


@dataclass(frozen=True, slots=True)
class ActorPage(Record):
    total: int
    limit: int
    offset: int
    items: tuple[ActorItem, ...]


@dataclass(frozen=True, slots=True)
class QuotePage(Record):
    total: int
    limit: int
    offset: int
    items: tuple[QuoteItem, ...]


@dataclass(frozen=True, slots=True)
class PlacePage(Record):
    total: int
    limit: int
    offset: int
    items: tuple[PlaceItem, ...]


@dataclass(frozen=True, slots=True)
class ArticlePage(Record):
    total: int
    limit: int
    offset: int
    items: tuple[ArticleItem, ...]


@dataclass(frozen=True, slots=True)
class TypeCount(Record):
    type: str
    events: int


@dataclass(frozen=True, slots=True)
class Summary(Record):
    """What the store holds, at a glance; ``event_types`` lists every PLOVER type."""

    articles: int
    events: int
    events_by_type: tuple[TypeCount, ...]
    event_types: tuple[str, ...]


class ApiError(Exception):
    """An error answered with ``status`` and a ``Problem`` body."""

    def __init__(self, status: int, code: str, detail: str, headers: dict[str, str] | None = None):
        super().__init__(detail)
        self.status = status
        self.problem = Problem(detail=detail, code=code)
        self.headers = headers


# ---------------------------------------------------------------- state


class StoreAccess:
    """Opens the store for each request; the catalog over it reads one page at a time.

    A store is opened and closed inside each request's worker thread: SQLite connections
    cannot cross threads, and FastAPI runs plain handlers in a thread pool. Nothing of the
    store is kept between requests, so articles coded by ``thucydides ingest`` into the
    same store show up on the next request, and memory does not grow with the store.
    """

    def __init__(self, url: str) -> None:
        self.url = url

    @contextmanager
    def open(self) -> Iterator[Store]:
        """The store, open for the length of the block."""
        with open_store(self.url) as store:
            yield store

    @contextmanager
    def catalog(self) -> Iterator[Catalog]:
        """The catalog of the store, open for the length of the block."""
        with self.open() as store:
            yield Catalog(store)


class Coder:
    """Codes posted articles with one spaCy model per app, loaded on the first article.

    An article whose cleaned text is over ``max_chars`` characters is refused (T006)
    before it is parsed: that bounds the time and memory one request can take.
    """

    def __init__(self, options: Options, max_chars: int = DEFAULT_MAX_CHARS) -> None:
        self.options = options
        self.max_chars = max_chars
        self._parser: Parser | None = None
        # One article at a time: the model is shared, and coding is CPU-bound anyway.
        self._lock = threading.Lock()

    def code(
        self, data: bytes, kind: Literal["text", "html", "json"], published: str | None
    ) -> ArticleRecord | Rejected:
        """Reads and codes one posted body into an ``ArticleRecord`` or a ``Rejected``."""
        options = self.options.replace(published=published)
        raw = read_document(data, kind, POST_ORIGIN, options, what="the request body")
        if isinstance(raw, Rejected):
            return raw
        too_long = self._too_long(raw, options)
        if too_long is not None:
            return too_long
        with self._lock:
            if self._parser is None:
                self._parser = Parser(options.model, options.batch_size)
            return next(code_articles([raw], options, self._parser))

    def _too_long(self, raw: RawArticle, options: Options) -> Rejected | None:
        """The T006 rejection of an article whose cleaned text is over ``max_chars``."""
        prepared = prepare(raw, options)
        if isinstance(prepared, Rejected):
            return prepared
        size = len(prepared.cleaned.text)
        if size <= self.max_chars:
            return None
        return rejection(
            InputTooLarge(
                POST_ORIGIN,
                f"the article's text is {size:,} characters, over the service's limit of "
                f"{self.max_chars:,} (--max-chars); split the article, code it with "
                "thucydides ingest, or raise the server's --max-chars",
            )
        )

    @property
    def loaded(self) -> bool:
        """Whether the model has been loaded."""
        return self._parser is not None


# ---------------------------------------------------------------- middleware


class SecurityHeaders:
    """ASGI middleware: adds ``SECURITY_HEADERS`` to every HTTP response."""

    def __init__(self, app: Callable[..., Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in SECURITY_HEADERS}
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message["headers"] = kept + list(SECURITY_HEADERS)
            await send(message)

        await self.app(scope, receive, send_with_headers)


# ---------------------------------------------------------------- the app


def create_app(
    store_url: str,
    *,
    token: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    options: Options | None = None,
    allowed_hosts: tuple[str, ...] | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> FastAPI:
    """Builds the API and UI over the store ``store_url``.

    Args:
        store_url: a store path or URL, as ``open_store`` takes it.
        token: when set, POST needs ``Authorization: Bearer TOKEN``.
        max_bytes: the largest request body read; larger ones get 413.
        options: coding options (model, language, minimum length...); ``max_bytes`` wins
            over ``options.max_bytes``.
        allowed_hosts: host names answered (others get 400); None answers any.
        max_chars: the longest cleaned article text coded; longer ones get 413 (T006).

    Returns:
        The FastAPI app. The model is loaded on the first POST, once per app.
    """
    options = (options or Options()).replace(max_bytes=max_bytes)
    access = StoreAccess(store_url)
    coder = Coder(options, max_chars)

    app = FastAPI(
        title="Thucydides",
        version=__version__,
        summary="PLOVER event records coded from news, with the evidence behind each event.",
        # Swagger UI and ReDoc load scripts from a CDN: not offline, not under our CSP.
        docs_url=None,
        redoc_url=None,
    )
    app.state.access = access
    app.state.coder = coder
    if allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.add_middleware(SecurityHeaders)  # added last: outermost, so every answer has them

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(exc.problem.as_dict(), status_code=exc.status, headers=exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code != 405:
            return await http_exception_handler(request, exc)
        # Starlette's Allow names the first route that matched the path; GET and POST
        # /articles are two routes, and the header must list both.
        allowed = sorted(
            method
            for route in app.routes
            if isinstance(route, APIRoute) and route.path_regex.match(request.url.path)
            for method in route.methods or ()
        )
        return JSONResponse(
            {"detail": exc.detail}, status_code=405, headers={"Allow": ", ".join(allowed)}
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        # One line, like every other refusal: "query.limit: Input should be ...; ...".
        reasons = "; ".join(
            f"{'.'.join(str(p) for p in error.get('loc', ()))}: {error.get('msg', '')}"
            for error in exc.errors()
        )
        detail = f"Invalid request: {reasons}. The schema is at /openapi.json."
        return JSONResponse(Problem(detail, ConfigError.code).as_dict(), status_code=422)

    @app.exception_handler(ConfigError)
    async def _config_error(request: Request, exc: ConfigError) -> JSONResponse:
        return JSONResponse(Problem(str(exc), exc.code).as_dict(), status_code=422)

    @app.exception_handler(RecordNotFound)
    async def _not_found(request: Request, exc: RecordNotFound) -> JSONResponse:
        detail = _without_store_location(str(exc), store_url)
        return JSONResponse(Problem(detail, exc.code).as_dict(), status_code=404)

    @app.exception_handler(StoreError)
    async def _store_error(request: Request, exc: StoreError) -> JSONResponse:
        detail = _without_store_location(str(exc), store_url)
        return JSONResponse(Problem(detail, exc.code).as_dict(), status_code=503)

    _add_routes(app, access, coder, max_bytes, token)
    web = resources.files("thucydides").joinpath("serve/web")
    app.mount("/ui", StaticFiles(directory=str(web), html=True), name="ui")
    return app


def _add_routes(
    app: FastAPI, access: StoreAccess, coder: Coder, max_bytes: int, token: str | None
) -> None:
    """Registers the API routes."""
    problems: dict[int | str, dict[str, Any]] = {422: {"model": Problem}}

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/ui/")

    @app.get("/health", tags=["service"])
    def health() -> dict[str, Any]:
        """Tells that the service runs, and whether the model is loaded yet."""
        return {"status": "ok", "version": __version__, "model_loaded": coder.loaded}

    @app.post(
        "/articles",
        tags=["articles"],
        status_code=201,
        response_model=Stored,
        responses={
            200: {"model": Stored, "description": "Already stored, or updated"},
            401: {"model": Problem, "description": "Missing or wrong bearer token"},
            403: {"model": Problem, "description": "Cross-origin write refused"},
            413: {"model": Problem, "description": "Body over the size limit (T006)"},
            415: {"model": Problem, "description": "Unsupported media type"},
            422: {"model": Problem, "description": "The article cannot be coded"},
        },
        openapi_extra={
            "requestBody": {
                "required": True,
                "description": "One article: plain text as scraped, an HTML page, or a JSON "
                "object with text or html and optionally id, title, url, published, author.",
                "content": {
                    "text/plain": {"schema": {"type": "string"}},
                    "text/html": {"schema": {"type": "string"}},
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "text": {"type": "string"},
                                "html": {"type": "string"},
                                "id": {"type": "string"},
                                "title": {"type": "string"},
                                "url": {"type": "string"},
                                "published": {"type": "string"},
                                "author": {"type": "string"},
                            },
                        }
                    },
                },
            },
        },
    )
    async def post_article(
        request: Request,
        response: Response,
        published: Annotated[
            str | None, _date_query("Publication date for a body that carries none")
        ] = None,
    ) -> Stored:
        """Codes one article and stores it; answers with the record.

        Bad input is refused with the code and one-line reason a ``Rejected`` record
        carries: 413 for T006 (too large), 422 for the others (empty, binary, not UTF-8,
        malformed JSON, not English, no article text).
        """
        _check_write(request, token)
        kind = _body_kind(request)
        data = await _read_body(request, max_bytes)
        if published is not None:
            EventQuery(since=published)  # checks the calendar date (ConfigError: 422)
        coded = await _run_sync(coder.code, data, kind, published)
        if isinstance(coded, Rejected):
            status = 413 if coded.code == InputTooLarge.code else 422
            raise ApiError(status, coded.code, str(coded))
        result: UpsertResult = await _run_sync(_store_record, access, coded)
        response.status_code = 201 if result == "inserted" else 200
        response.headers["Location"] = f"/articles/{quote(coded.id, safe='/')}"
        return Stored(id=coded.id, result=result, record=coded)

    @app.get(
        "/articles/{article_id:record_id}",
        tags=["articles"],
        response_model=ArticleRecord,
        responses={404: {"model": Problem, "description": "No article with that id"}},
    )
    def get_article(article_id: str) -> ArticleRecord:
        """Returns one stored article record (the article-record contract); its
        ``source.path`` is the input's file name only, never a path on the server."""
        with access.open() as store:
            try:
                return _without_server_path(store.get(article_id))
            except RecordNotFound:
                raise ApiError(
                    404,
                    RecordNotFound.code,
                    f'No article "{article_id}". List articles at /articles.',
                ) from None

    @app.get("/articles", tags=["articles"], response_model=ArticlePage, responses=problems)
    def list_articles(
        filters: Annotated[Filters, Depends(_filters)],
        page: Annotated[tuple[int, int], Depends(_page)],
    ) -> ArticlePage:
        """Lists stored articles, newest first."""
        with access.catalog() as catalog:
            found = catalog.articles(filters, *page)
        return ArticlePage(found.total, *page, found.items)

    @app.get("/events", tags=["events"], response_model=EventPage, responses=problems)
    def list_events(
        filters: Annotated[Filters, Depends(_filters)],
        page: Annotated[tuple[int, int], Depends(_page)],
        refine: Annotated[EventRefinement, Depends(_refinement)],
        sort: Annotated[
            str | None,
            Query(
                description="date, event, actor, recipient, place, modality, confidence or "
                'article; "-" first for descending. Default: by date, undated last.',
                pattern=r"^-?[a-z]+$",
            ),
        ] = None,
    ) -> EventPage:
        """Lists events with their actors, place, date and evidence sentence."""
        with access.catalog() as catalog:
            found = catalog.events(filters, sort, *page, refine=refine)
        return EventPage(found.total, *page, found.items)

    @app.get(
        "/events/{article_id:record_id}/{event_id}",
        tags=["events"],
        response_model=EventItem,
        responses={404: {"model": Problem, "description": "No such event"}},
    )
    def get_event(article_id: str, event_id: str) -> EventItem:
        """Returns one event, with what it names resolved."""
        with access.catalog() as catalog:
            item = catalog.event(article_id, event_id)
        if item is None:
            raise ApiError(
                404,
                RecordNotFound.code,
                f'No event "{event_id}" in article "{article_id}". List events at /events.',
            )
        return item

    @app.get("/actors", tags=["actors"], response_model=ActorPage, responses=problems)
    def list_actors(
        filters: Annotated[Filters, Depends(_filters)],
        page: Annotated[tuple[int, int], Depends(_page)],
    ) -> ActorPage:
        """Lists actors grouped by name and country, most involved first."""
        with access.catalog() as catalog:
            found = catalog.actors(filters, *page)
        return ActorPage(found.total, *page, found.items)

    @app.get("/quotes", tags=["quotes"], response_model=QuotePage, responses=problems)
    def list_quotes(
        filters: Annotated[Filters, Depends(_filters)],
        page: Annotated[tuple[int, int], Depends(_page)],
    ) -> QuotePage:
        """Lists quotes with their speakers."""
        with access.catalog() as catalog:
            found = catalog.quotes(filters, *page)
        return QuotePage(found.total, *page, found.items)

    @app.get("/places", tags=["places"], response_model=PlacePage, responses=problems)
    def list_places(
        filters: Annotated[Filters, Depends(_filters)],
        page: Annotated[tuple[int, int], Depends(_page)],
    ) -> PlacePage:
        """Lists places grouped by name and country, most mentioned first."""
        with access.catalog() as catalog:
            found = catalog.places(filters, *page)
        return PlacePage(found.total, *page, found.items)

    @app.get("/network", tags=["views"], response_model=Network, responses=problems)
    def network(
        filters: Annotated[Filters, Depends(_filters)],
        refine: Annotated[EventRefinement, Depends(_refinement)],
    ) -> Network:
        """Who did what to whom among the matching events, by quad class."""
        with access.catalog() as catalog:
            return catalog.network(filters, refine)

    @app.get("/timeline", tags=["views"], response_model=Timeline, responses=problems)
    def timeline(
        filters: Annotated[Filters, Depends(_filters)],
        refine: Annotated[EventRefinement, Depends(_refinement)],
        granularity: Annotated[
            Granularity | None, Query(description="Bucket size; chosen from the span if unset")
        ] = None,
    ) -> Timeline:
        """Matching events per type per day, month or year."""
        with access.catalog() as catalog:
            return catalog.timeline(filters, granularity, refine)

    @app.get("/map", tags=["views"], response_model=EventMap, responses=problems)
    def event_map(
        filters: Annotated[Filters, Depends(_filters)],
        refine: Annotated[EventRefinement, Depends(_refinement)],
    ) -> EventMap:
        """Matching events grouped by the place they happened at."""
        with access.catalog() as catalog:
            return catalog.event_map(filters, refine)

    @app.get("/summary", tags=["service"], response_model=Summary)
    def summary() -> Summary:
        """Counts of articles and events, and events per type."""
        with access.open() as store:
            found = store.summary(top=0)
        by_type = tuple(TypeCount(name, n) for name, n in found.events_by_type)
        return Summary(found.articles, found.events, by_type, PLOVER_TYPES)

    @app.get(
        "/export",
        tags=["events"],
        response_class=Response,
        responses={
            200: {
                "content": {media: {} for media in sorted(set(EXPORT_MEDIA.values()))},
                "description": "The matching events in the format asked for",
            },
            422: {"model": Problem},
        },
    )
    def export(
        filters: Annotated[Filters, Depends(_filters)],
        refine: Annotated[EventRefinement, Depends(_refinement)],
        format: Annotated[
            ExportFormat, Query(description="A dataset format, as `thucydides export` writes")
        ] = ExportFormat.csv,  # type: ignore[attr-defined]
        include_modality: Annotated[
            str | None,
            Query(
                max_length=100,
                description="Comma-separated modalities to export (default asserted,future); "
                "`modality`, as the other lists take it, wins",
            ),
        ] = None,
    ) -> Response:
        """Exports the matching events in one dataset's format (``thucydides export``).

        Every filter of ``/events`` applies, ``text`` and ``role`` included, so that the UI
        exports the events its table shows; by default only asserted and future events
        are exported, as by ``thucydides export``.
        """
        fmt = ExportFormat(format).value
        modalities = refine.modalities or (
            parse_modalities(include_modality) if include_modality else DEFAULT_MODALITIES
        )
        # Every filter in the store's query, so the store applies them all (in SQL).
        query = refine.narrow(filters.event_query(text=True))
        # Written to a spooled file (memory up to EXPORT_SPOOL bytes, then disk) and sent
        # from it in chunks: the service's memory does not grow with the export.
        spool = tempfile.SpooledTemporaryFile(max_size=EXPORT_SPOOL)
        try:
            with access.open() as store:
                if fmt == "parquet":  # binary, and written through a file by export_events
                    with tempfile.TemporaryDirectory() as folder:
                        path = Path(folder) / "events.parquet"
                        export_events(store, fmt, path, query, modalities)
                        with path.open("rb") as written:
                            shutil.copyfileobj(written, spool)
                else:
                    text = io.TextIOWrapper(spool, encoding="utf-8", newline="")
                    export_events(store, fmt, text, query, modalities)
                    text.flush()
                    text.detach()
            spool.seek(0)
        except BaseException:
            spool.close()
            raise
        suffix = {"plover-jsonl": "jsonl", "polecat-tsv": "tsv", "icews-tsv": "tsv"}.get(fmt, fmt)
        return StreamingResponse(
            iter(lambda: spool.read(1 << 16), b""),
            media_type=EXPORT_MEDIA[fmt],
            headers={"Content-Disposition": f'attachment; filename="thucydides-{fmt}.{suffix}"'},
            background=BackgroundTask(spool.close),
        )


# ---------------------------------------------------------------- request helpers


def _without_server_path(record: ArticleRecord) -> ArticleRecord:
    """``record`` with ``source.path`` cut to the file name: where the server keeps its
    inputs is none of the API's business (a path names users, folders, mounts)."""
    path = record.source.path
    if not path:
        return record
    name = PurePath(path.replace("\\", "/")).name
    return dataclasses.replace(record, source=dataclasses.replace(record.source, path=name))


def _without_store_location(message: str, store_url: str) -> str:
    """A store's message with the store's path or URL (a PostgreSQL URL may hold a
    password) replaced by "the store": API answers name no place on the server."""
    places = {store_url}
    if "://" not in store_url:
        places.add(str(Path(store_url).resolve()))
    for place in sorted(places, key=len, reverse=True):
        message = message.replace(place, "the store")
    return message


def _store_record(access: StoreAccess, record: ArticleRecord) -> UpsertResult:
    """Stores one coded record; the next request reads it, nothing is rebuilt."""
    with access.open() as store:
        return store.upsert(record)


def _date_query(description: str) -> Any:
    """A YYYY-MM-DD query parameter; the calendar check is EventQuery's (422 if wrong)."""
    # Not a ``date``: pydantic would also read "0" as a Unix timestamp (1970-01-01).
    return Query(
        pattern=r"^\d{4}-\d{2}-\d{2}$",
        description=description,
        json_schema_extra={"format": "date"},
    )


def _query_filters(
    type: Annotated[
        str | None,
        Query(
            pattern=r"^[A-Za-z]+$",
            description=f"A PLOVER event type, any case: {', '.join(PLOVER_TYPES)}",
        ),
    ] = None,
    actor: Annotated[
        str | None, Query(max_length=200, description="Part of an actor's name")
    ] = None,
    country: Annotated[
        str | None,
        Query(pattern=r"^[A-Za-z]{3}$", description="ISO 3166 alpha-3 country code"),
    ] = None,
    since: Annotated[str | None, _date_query("First date kept, YYYY-MM-DD")] = None,
    until: Annotated[str | None, _date_query("Last date kept, YYYY-MM-DD")] = None,
) -> Filters:
    """The filters the store evaluates (``EventQuery``), from the query string."""
    return Filters(
        type=event_type(type) if type else None,
        actor=actor or None,
        country=country.upper() if country else None,
        since=since or None,
        until=until or None,
    )


def _filters(
    query: Annotated[Filters, Depends(_query_filters)],
    text: Annotated[
        str | None, Query(max_length=200, description="Words to find, case-insensitive")
    ] = None,
) -> Filters:
    """Every list filter, from the query string."""
    return dataclasses.replace(query, text=text or None)


def _refinement(
    role: Annotated[
        str | None,
        Query(
            pattern=r"^(?i:either|actor|recipient)$",
            description="Which side `actor` and `country` look at: actor, recipient or "
            "either (default)",
        ),
    ] = None,
    modality: Annotated[
        str | None,
        Query(
            max_length=100,
            description="Comma-separated modalities kept (asserted, future, hypothetical, "
            "negated), or all (default: all)",
        ),
    ] = None,
    min_confidence: Annotated[
        float | None, Query(ge=0.0, le=1.0, description="Lowest confidence kept, 0 to 1")
    ] = None,
) -> EventRefinement:
    """The role, modality and confidence filters (``refine.py``), from the query string."""
    return EventRefinement.parse(role, modality, min_confidence)


def _page(
    limit: Annotated[int, Query(ge=0, le=MAX_LIMIT, description="Page size")] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, le=10**9, description="Items skipped")] = 0,
) -> tuple[int, int]:
    """The page asked for, as (limit, offset)."""
    return limit, offset


def _check_write(request: Request, token: str | None) -> None:
    """Refuses a write with a wrong or missing token, or from another origin."""
    origin = request.headers.get("origin")
    if origin is not None:
        host = request.headers.get("host", "")
        if origin == "null" or urlsplit(origin).netloc.lower() != host.lower():
            raise ApiError(
                403,
                "T403",
                f'Cross-origin write refused: Origin "{origin}" is not this server ({host}). '
                "Post from the API directly, not from another site's page.",
            )
    if token is None:
        return
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(
        given.strip().encode(), token.encode()
    ):
        raise ApiError(
            401,
            "T401",
            "Writing needs the server's token: send the header Authorization: Bearer TOKEN.",
            headers={"WWW-Authenticate": "Bearer"},
        )


def _body_kind(request: Request) -> Literal["text", "html", "json"]:
    """How to read the body, from its Content-Type (plain text when none is given)."""
    media = request.headers.get("content-type", "text/plain").split(";")[0].strip().lower()
    kind = BODY_KINDS.get(media or "text/plain")
    if kind is None:
        raise ApiError(
            415,
            "T415",
            f'Unsupported Content-Type "{media}". Send one of: {", ".join(BODY_KINDS)}.',
        )
    return kind


async def _read_body(request: Request, max_bytes: int) -> bytes:
    """Reads the body, refusing it (413) as soon as it is known to exceed ``max_bytes``."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(int(declared), max_bytes)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(size, max_bytes)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(size: int, max_bytes: int) -> ApiError:
    """The 413 answer, worded as the T006 rejection of a file is."""
    rejected = rejection(
        InputTooLarge(
            POST_ORIGIN,
            f"the request body is {size:,} bytes or more, over the limit of {max_bytes:,} "
            "(max_bytes); split the article or raise the server's --max-bytes",
        )
    )
    return ApiError(413, rejected.code, str(rejected))


async def _run_sync(function: Callable[..., Any], *args: Any) -> Any:
    """Runs blocking work (coding, SQLite) in the thread pool, off the event loop."""
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(function, *args)


# ---------------------------------------------------------------- serving


def is_loopback(host: str) -> bool:
    """Tells whether ``host`` (a name or address to bind) is reachable only from here."""
    if host.strip("[]").lower() in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything


def check_bind(host: str, token: str | None) -> None:
    """Refuses to expose writing beyond this machine without a token.

    Raises:
        ConfigError: ``host`` is not a loopback address and no token is set.
    """
    if token is None and not is_loopback(host):
        raise ConfigError(
            f"Refusing to serve on {host} without a token: anyone who can reach it could "
            "write into the store. Pass --token TOKEN (or set THUCYDIDES_TOKEN), or bind to "
            "127.0.0.1."
        )


def serve(
    store_url: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    options: Options | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> None:
    """Runs the service with uvicorn until interrupted.

    Raises:
        ConfigError: a non-loopback ``host`` without a token.
        StoreError: the store cannot be opened.
    """
    import uvicorn

    check_bind(host, token)
    open_store(store_url).close()  # fail now, with the store's message, not on a request
    allowed = None
    if is_loopback(host):
        # Starlette reads the Host "[::1]:8000" as "[::1]", brackets kept: list both forms.
        allowed = LOOPBACK_HOSTS
    app = create_app(
        store_url,
        token=token,
        max_bytes=max_bytes,
        options=options,
        allowed_hosts=allowed,
        max_chars=max_chars,
    )
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)


@contextmanager
def running(app: FastAPI, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Runs ``app`` with uvicorn in a background thread; yields its base URL.

    For tests and screenshots: the server stops when the block ends.
    """
    import socket
    import time

    import uvicorn

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    config = uvicorn.Config(app, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        shown = f"[{host}]" if ":" in host else host
        yield f"http://{shown}:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
