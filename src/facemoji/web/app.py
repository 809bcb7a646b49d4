"""The FastAPI app: the page at ``/`` and a JSON API under ``/api`` (OpenAPI at ``/docs``).

CPU work never runs on the event loop: ``generate`` and ``analyze`` go to a process pool
(spawned, not forked: libvips keeps threads) whose workers load the face models once;
``render`` goes to a thread pool in this process, so renders stay fast while a generate
runs. Every request has a time limit. Uploads are parsed in memory with size caps
(:mod:`facemoji.web.uploads`); nothing is written to disk. Every
:class:`~facemoji.errors.FacemojiError` becomes a 4xx answer ``{"error": message}``.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import AsyncIterator, Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from functools import partial
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Literal, TypeVar

from .. import __version__
from ..avatar.style import get_style, list_styles
from ..errors import (
    BadArgument,
    BadImage,
    FacemojiError,
    InvalidParams,
    MissingExtra,
    NoFaceFound,
    UnknownName,
    missing_extra,
)
from . import jobs
from .uploads import Form, Limits, UploadError, read_form

try:
    from fastapi import FastAPI, Request
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import FileResponse, JSONResponse, Response
    from fastapi.staticfiles import StaticFiles
    from pydantic import BaseModel, Field
    from starlette.exceptions import HTTPException
except ImportError as exc:  # pragma: no cover - depends on the installed extras
    raise missing_extra(exc.name or "fastapi", "web") from None

log = logging.getLogger(__name__)
T = TypeVar("T")

STATIC = Path(__file__).parent / "static"
METHODS = ("attributes", "greedy", "search")


@dataclass(frozen=True)
class WebConfig:
    """Server settings: worker processes (default: one per core), per-request time
    limits in seconds, and upload limits."""

    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    generate_timeout: float = 120.0
    analyze_timeout: float = 60.0
    render_timeout: float = 30.0
    limits: Limits = field(default_factory=Limits)


class RenderRequest(BaseModel):
    """``POST /api/render`` body."""

    style: str | None = Field(None, description="Style name; default: params' own style.")
    params: dict[str, Any] = Field(
        ..., description="Params as written by generate (``{style, values}``) or a bare "
        "``{feature: value}`` map; missing features take their defaults.")
    format: Literal["svg", "png"] = "svg"
    size: int = Field(512, ge=16, le=2048, description="PNG size in pixels.")
    crop: Literal["none", "face"] = Field(
        "none", description="``face``: zoom onto the face (the page's option thumbnails).")


class TimeLimit(FacemojiError):
    """A request that ran past its time limit (answered 504)."""


def status_for(exc: FacemojiError) -> int:
    """The HTTP status that answers ``exc``."""
    if isinstance(exc, UploadError):
        return exc.status
    statuses: tuple[tuple[type[FacemojiError], int], ...] = (
        (UnknownName, 404), (NoFaceFound, 422), (InvalidParams, 422), (BadImage, 415),
        (TimeLimit, 504), (MissingExtra, 501),
    )
    return next((status for cls, status in statuses if isinstance(exc, cls)), 400)


class Pools:
    """The process pool (generate, analyze) and the thread pool (render)."""

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self.processes: ProcessPoolExecutor | None = None
        self.threads: ThreadPoolExecutor | None = None

    def start(self) -> None:
        """Start the pools; the worker processes start at once so that they load the
        models before the first request (each runs :func:`jobs.warm` once)."""
        self.threads = ThreadPoolExecutor(self.workers, thread_name_prefix="facemoji-render")
        self._start_processes()

    def _start_processes(self) -> None:
        self.processes = ProcessPoolExecutor(self.workers, mp_context=get_context("spawn"),
                                             initializer=jobs.warm, initargs=(os.getpid(),))
        for _ in range(self.workers):
            self.processes.submit(int)  # a no-op that makes the pool start a worker

    def stop(self) -> None:
        """Stop both pools, dropping queued work."""
        for pool in (self.processes, self.threads):
            if pool is not None:
                pool.shutdown(wait=False, cancel_futures=True)
        self.processes = self.threads = None

    async def run(self, pool: Literal["process", "thread"], timeout: float, what: str,
                  fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(*args)`` on a pool within ``timeout`` seconds; raises
        :class:`TimeLimit` after that (work already running finishes in the background)."""
        if self.processes is None or self.threads is None:
            self.start()
        executor: Executor = self.processes if pool == "process" else self.threads  # type: ignore[assignment]
        future = executor.submit(fn, *args)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), timeout)
        except TimeoutError:
            future.cancel()
            hint = "; try fewer or smaller photos, or a faster method" if pool == "process" else ""
            raise TimeLimit(f"{what} took longer than {timeout:g} s{hint}") from None
        except BrokenProcessPool:  # a worker died (out of memory?): start fresh ones
            log.error("a worker process died; restarting the pool")
            if self.processes is not None:
                self.processes.shutdown(wait=False, cancel_futures=True)
            self._start_processes()
            raise


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
        parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else err.get("msg", ""))
    return "bad request: " + "; ".join(parts)


def _upload_doc(fields: dict[str, Any], required: list[str]) -> dict[str, Any]:
    """OpenAPI ``requestBody`` for a multipart endpoint parsed by hand."""
    schema = {"type": "object", "properties": fields, "required": required}
    return {"requestBody": {"required": True,
                            "content": {"multipart/form-data": {"schema": schema}}}}


async def _form(request: Request, limits: Limits) -> Form:
    return await read_form(request.headers.get("content-type"),
                           request.headers.get("content-length"), request.stream(), limits)


def create_app(config: WebConfig | None = None) -> FastAPI:
    """The facemoji web app (serve it with uvicorn, or ``facemoji serve``)."""
    config = config or WebConfig()
    pools = Pools(config.workers)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        pools.start()
        yield
        pools.stop()

    app = _fastapi(
        title="facemoji", version=__version__, lifespan=lifespan,
        description="Turn photos of a person into a personalized, editable cartoon avatar. "
        'Every error is answered as `{"error": message}`.',
    )
    app.state.config = config
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.exception_handler(FacemojiError)
    async def _facemoji_error(_: Request, exc: FacemojiError) -> JSONResponse:
        return _error(status_for(exc), str(exc))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(422, _validation_message(exc))

    @app.exception_handler(HTTPException)
    async def _http_error(_: Request, exc: HTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def _internal_error(_: Request, exc: Exception) -> JSONResponse:
        log.error("internal error", exc_info=exc)
        return _error(500, f"internal error ({type(exc).__name__}); see the server log")

    @app.get("/", include_in_schema=False)
    async def page() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @app.get("/api/styles", summary="List the avatar styles")
    async def styles() -> dict[str, list[dict[str, str]]]:
        """Every registered style: its name and description."""
        return {"styles": [{"name": n, "description": getattr(get_style(n), "description", "")}
                           for n in list_styles()]}

    @app.get("/api/styles/{name}/schema", summary="A style's features")
    async def schema(name: str) -> dict[str, Any]:
        """The style's schema: each feature's kind, label, group, options or range,
        presets and default (what the page builds its controls from)."""
        return get_style(name).schema.describe()

    @app.post("/api/render", summary="Render params to SVG or PNG",
              responses={200: {"content": {"image/svg+xml": {}, "image/png": {}}}})
    async def render(body: RenderRequest) -> Response:
        """The avatar of ``params`` as SVG, or as a PNG of ``size`` pixels."""
        data = await pools.run("thread", config.render_timeout, "rendering", jobs.render,
                               body.style, body.params, body.format, body.size, body.crop)
        media = "image/svg+xml" if body.format == "svg" else "image/png"
        return Response(data, media_type=media)

    @app.post("/api/generate", summary="Make an avatar from photos", openapi_extra=_upload_doc(
        {"photos": {"type": "array", "items": {"type": "string", "format": "binary"},
                    "description": f"1 to {config.limits.max_files} photos of one person, "
                    f"{config.limits.max_file_bytes // 2**20} MB each at most"},
         "style": {"type": "string", "default": "facemoji"},
         "method": {"type": "string", "enum": list(METHODS), "default": "search"},
         "seed": {"type": "integer", "default": 0}}, ["photos"]))
    async def generate(request: Request) -> dict[str, Any]:
        """The JSON of ``facemoji generate --json`` (params, score, per-feature rankings),
        plus ``svg`` (the avatar inline) and ``measured`` (colors read from the photos)."""
        form = await _form(request, config.limits)
        photos = _photos(form, "photos", config.limits.max_files)
        style = form.fields.get("style") or "facemoji"
        get_style(style)  # an unknown style fails now, not in a worker
        method = form.fields.get("method") or "search"
        if method not in METHODS:
            raise BadArgument(f"unknown method {method!r}; valid: {', '.join(METHODS)}")
        seed = _int_field(form, "seed", 0)
        return await pools.run("process", config.generate_timeout, "making the avatar",
                               partial(jobs.generate, photos, style, method, seed))

    @app.post("/api/analyze", summary="Analyse the face in one photo",
              openapi_extra=_upload_doc({"photo": {"type": "string", "format": "binary"}},
                                        ["photo"]))
    async def analyze(request: Request) -> dict[str, Any]:
        """The JSON of ``facemoji analyze --json``: box, landmarks, colors, accessories."""
        form = await _form(request, config.limits)
        photo = _photos(form, "photo", 1)[0]
        return await pools.run("process", config.analyze_timeout, "analysing the photo",
                               jobs.analyze, photo)

    return app


def _fastapi(**kwargs: Any) -> FastAPI:
    """A FastAPI app whose ``/docs`` page is served from this machine (``fastapi-offline``
    bundles Swagger UI) when that package is installed; FastAPI's own loads it from a CDN."""
    try:
        from fastapi_offline import FastAPIOffline
    except ImportError:
        return FastAPI(**kwargs)
    return FastAPIOffline(**kwargs)


def _photos(form: Form, name: str, most: int) -> list[jobs.Photo]:
    others = sorted({u.field for u in form.files if u.field != name})
    if others:
        raise BadArgument(f"unexpected file field {others[0]!r}; send photos as {name!r}")
    if not form.files:
        raise BadArgument(f"no photo: send {'1' if most == 1 else f'1 to {most}'} image "
                          f"file{'' if most == 1 else 's'} in the form field {name!r}")
    if len(form.files) > most:
        raise UploadError(f"too many photos: at most {most}", 413)
    return [(u.filename, u.data) for u in form.files]


def _int_field(form: Form, name: str, default: int) -> int:
    text = form.fields.get(name, "").strip()
    if not text:
        return default
    try:
        return int(text)
    except ValueError:
        raise BadArgument(f"{name} must be an integer, not {text!r}") from None
