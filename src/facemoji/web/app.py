"""The FastAPI app: the page at ``/`` and a JSON API under ``/api`` (OpenAPI at ``/docs``).

CPU work never runs on the event loop. ``generate`` (and ``/api/jobs``) go to a pool of
worker processes, ``analyze`` and ``photos/check`` to a small pool of their own (so a
photo is checked at once even while every generate worker is busy); both load the face
models once per worker (:mod:`facemoji.web.workers`). ``render`` goes to a thread pool
in this process, so renders stay fast while a generate runs.

Overload is answered, not queued: each pool admits a bounded number of requests
(running plus waiting) and refuses the rest at once with 503 and ``Retry-After``,
before their uploads are read. Every request has a time limit; a request that runs past
it, is cancelled or whose client went away has its work stopped. Uploads are parsed in
memory with size caps (:mod:`facemoji.web.uploads`); nothing is written to disk. Every
:class:`~facemoji.errors.FacemojiError` becomes a 4xx (or 503/504) answer
``{"error": message}``; :mod:`facemoji.web.guard` checks hosts, origins and body sizes
and adds the safety headers.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import os
from collections.abc import AsyncIterator, Awaitable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..avatar.style import get_style, list_styles
from ..errors import BadArgument, FacemojiError, missing_extra
from ..match.generate import DEFAULT_METHOD, METHODS
from . import jobs
from .errors import Busy, Refused, TimeLimit, status_for
from .guard import PAGE_CSP, Guard, Policy
from .jobstore import JobStore
from .uploads import Form, Limits, UploadError, read_form
from .workers import WorkerPool

try:
    from fastapi import FastAPI, Request
    from fastapi.responses import FileResponse, JSONResponse, Response
    from fastapi.staticfiles import StaticFiles
    from pydantic import ValidationError
    from starlette.concurrency import run_in_threadpool
    from starlette.exceptions import HTTPException
    from starlette.requests import ClientDisconnect

    from . import models
except ImportError as exc:  # pragma: no cover - depends on the installed extras
    raise missing_extra(exc.name or "fastapi", "web") from None

log = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"

METHOD_LABELS = {"attributes": "Quick: from measurements only",
                 "greedy": "Recommended: feature by feature",
                 "search": "Global search"}
TYPICAL_SECONDS = {"attributes": 1.0, "greedy": 2.0, "search": 2.0}
"""What the page tells users to expect of one generate of 3 photos, in seconds:
``python benchmarks/web.py --methods`` (docs/benchmarks.md, "Web API"), the median wall
seconds per generate (5 people) on a quiet 2-core machine, rounded up."""

MAX_SEED = 2**32 - 1


@dataclass(frozen=True)
class WebConfig:
    """Server settings.

    ``workers`` generate processes (default: one per core) admitting ``queue`` more
    waiting generates (default: as many as workers; beyond that 503); ``quick_workers``
    processes for analyze and photo checks; time limits in seconds (a generate's covers
    its wait in the queue); ``host`` the address the server is bound to and
    ``allowed_hosts`` other names it may be reached by (see :mod:`facemoji.web.guard`);
    upload ``limits``; ``max_json_bytes`` per JSON body; ``renders`` render requests
    admitted at once; a worker holding more than ``max_worker_mb`` after a request is
    replaced (a warm worker holds about 300 MB); jobs kept ``job_keep`` seconds,
    cancelled when not polled for ``job_abandon`` seconds, ``max_jobs`` at most.
    """

    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    queue: int | None = None
    quick_workers: int = 1
    generate_timeout: float = 120.0
    analyze_timeout: float = 30.0
    check_timeout: float = 30.0
    render_timeout: float = 30.0
    upload_timeout: float = 60.0
    host: str = "127.0.0.1"
    allowed_hosts: tuple[str, ...] = ()
    limits: Limits = field(default_factory=Limits)
    max_json_bytes: int = 256 * 1024
    renders: int = 64
    max_worker_mb: int = 1024
    max_jobs: int = 64
    job_keep: float = 300.0
    job_abandon: float = 15.0


class Server:
    """What one app holds: the worker pools, the render threads, the jobs."""

    def __init__(self, config: WebConfig) -> None:
        self.config = config
        retry = max(2, math.ceil(TYPICAL_SECONDS[DEFAULT_METHOD]))
        queue = config.workers if config.queue is None else config.queue
        max_rss = config.max_worker_mb * 2**20
        self.generate = WorkerPool("generate", config.workers, queue, warm=jobs.warm,
                                   max_rss=max_rss, retry_after=retry)
        # one photo check per photo a user adds: room for a whole upload to wait
        self.quick = WorkerPool("quick", config.quick_workers, config.limits.max_files,
                                warm=jobs.warm, max_rss=max_rss, retry_after=2)
        if config.quick_workers == 0:  # analyze and checks share the generate workers
            self.quick = self.generate
        self.threads: ThreadPoolExecutor | None = None
        self.jobs = JobStore(max_jobs=config.max_jobs, keep_for=config.job_keep,
                             abandon_after=config.job_abandon)
        self.renders = 0
        self._sweeper: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self.threads = ThreadPoolExecutor(max(1, self.config.workers),
                                          thread_name_prefix="facemoji-render")
        self.generate.start()
        if self.quick is not self.generate:
            self.quick.start()
        self._sweeper = asyncio.create_task(self._sweep())

    async def stop(self) -> None:
        if self._sweeper is not None:
            self._sweeper.cancel()
        self.jobs.stop()
        self.generate.stop()
        self.quick.stop()
        if self.threads is not None:
            self.threads.shutdown(wait=False, cancel_futures=True)

    async def _sweep(self) -> None:
        while True:
            await asyncio.sleep(1.0)
            self.jobs.sweep()

    async def render(self, *args: Any) -> bytes:
        """:func:`jobs.render` on a thread, at most :attr:`WebConfig.renders` at once."""
        if self.renders >= self.config.renders:
            raise Busy("too many renders at once; try again in a second", 1)
        self.renders += 1
        try:
            loop = asyncio.get_running_loop()
            work = loop.run_in_executor(self.threads, jobs.render, *args)
            return await asyncio.wait_for(work, self.config.render_timeout)
        except TimeoutError:
            limit = self.config.render_timeout
            raise TimeLimit(f"rendering took longer than {limit:g} s") from None
        finally:
            self.renders -= 1


def create_app(config: WebConfig | None = None) -> FastAPI:
    """The facemoji web app (serve it with uvicorn, or ``facemoji serve``)."""
    config = config or WebConfig()
    server = Server(config)
    limits = config.limits

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await server.start()
        yield
        await server.stop()

    app = _fastapi(
        title="facemoji", version=__version__, lifespan=lifespan,
        description="Turn photos of a person into a personalized, editable cartoon avatar. "
        'Every error is answered as `{"error": message}`; 503 (with `Retry-After`) means '
        "the server is busy, 504 that a request ran past its time limit.",
    )
    app.state.config = config
    app.state.server = server
    app.add_middleware(Guard, policy=Policy(config.host, config.allowed_hosts,
                                            config.max_json_bytes))
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.exception_handler(FacemojiError)
    async def _facemoji_error(_: Request, exc: FacemojiError) -> JSONResponse:
        return _error(status_for(exc), str(exc), getattr(exc, "headers", None),
                      getattr(exc, "extra", None))

    @app.exception_handler(HTTPException)
    async def _http_error(_: Request, exc: HTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    @app.get("/", include_in_schema=False)
    async def page() -> FileResponse:
        return FileResponse(STATIC / "index.html",
                            headers={"Content-Security-Policy": PAGE_CSP})

    @app.get("/api/config", summary="What the page needs first", response_model=models.Config)
    async def get_config() -> dict[str, Any]:
        """The default method (the same as the CLI's), each method with its typical
        time, the upload limits and the styles."""
        return {"default_method": DEFAULT_METHOD,
                "methods": [{"name": m, "label": METHOD_LABELS[m],
                             "typical_seconds": TYPICAL_SECONDS[m]} for m in METHODS],
                "limits": {"max_photos": limits.max_files,
                           "max_photo_bytes": limits.max_file_bytes},
                "styles": _styles()}

    @app.get("/api/health", summary="Is the server ready, how busy is it")
    async def health() -> dict[str, Any]:
        """``ready`` once every generate worker has loaded the models; per pool
        (``generate``, ``quick``: analyze and photo checks) its workers (``size``,
        ``ready``, ``busy``), requests ``admitted`` of ``capacity`` (beyond it: 503),
        workers replaced (``restarts`` after a crash or a kill, ``retired`` after a
        request left one holding too much memory); unfinished ``jobs``."""
        pools = {"generate": server.generate.status(), "quick": server.quick.status()}
        return {"ready": pools["generate"]["ready"] == pools["generate"]["size"],
                **pools, "jobs": server.jobs.unfinished()}

    @app.get("/api/styles", summary="List the avatar styles")
    async def styles() -> dict[str, list[dict[str, str]]]:
        """Every registered style: its name and description."""
        return {"styles": _styles()}

    @app.get("/api/styles/{name}/schema", summary="A style's features")
    async def schema(name: str) -> dict[str, Any]:
        """The style's schema: each feature's kind, label, group, options or range,
        presets and default (what the page builds its controls from)."""
        return get_style(name).schema.describe()

    @app.post("/api/render", summary="Render params to SVG or PNG", openapi_extra={
        "requestBody": {"required": True, "content": {"application/json": {
            "schema": models.RenderRequest.model_json_schema()}}}},
        responses={200: {"content": {"image/svg+xml": {}, "image/png": {}}}})
    async def render(request: Request) -> Response:
        """The avatar of ``params`` as SVG, or as a PNG of ``size`` pixels. The body is
        JSON of at most 256 KB."""
        body = await _json(request, models.RenderRequest)
        data = await server.render(body.style, body.params, body.format, body.size,
                                   body.crop)
        media = "image/svg+xml" if body.format == "svg" else "image/png"
        return Response(data, media_type=media)

    generate_form = _upload_doc(
        {"photos": {"type": "array", "items": {"type": "string", "format": "binary"},
                    "description": f"1 to {limits.max_files} photos of one person, "
                    f"{limits.max_file_bytes // 2**20} MB each at most"},
         "style": {"type": "string", "default": "facemoji"},
         "method": {"type": "string", "enum": list(METHODS), "default": DEFAULT_METHOD},
         "seed": {"type": "integer", "default": 0, "minimum": 0, "maximum": MAX_SEED}},
        ["photos"])

    async def generate_args(request: Request) -> tuple[Any, ...]:
        form = await _form(request, config)
        photos = _photos(form, "photos", limits.max_files)
        style = form.fields.get("style") or "facemoji"
        get_style(style)  # an unknown style fails now, not in a worker
        method = form.fields.get("method") or DEFAULT_METHOD
        if method not in METHODS:
            raise BadArgument(f"unknown method {method!r}; valid: {', '.join(METHODS)}")
        return photos, style, method, _int_field(form, "seed", 0, MAX_SEED)

    @app.post("/api/generate", summary="Make an avatar from photos",
              openapi_extra=generate_form)
    async def generate(request: Request) -> dict[str, Any]:
        """The JSON of ``facemoji generate --json`` (params, score, per-feature rankings,
        ``warnings``), plus ``svg`` (the avatar inline), ``measured`` (colors read from
        the photos) and ``photos``: each photo's outcome ``{name, status: used|skipped,
        error, faces, face_index}``. A photo that is not an image or shows no face is
        skipped; 422 (with ``photos``) only when no photo is usable. 503 at once when
        the server is busy."""
        with server.generate.admit():
            args = await generate_args(request)
            work = server.generate.run(jobs.generate, *args, what="making the avatar",
                                       timeout=config.generate_timeout)
            return await _unless_gone(request, work)

    @app.post("/api/jobs", summary="Start making an avatar in the background",
              status_code=202, response_model=models.JobCreated, openapi_extra=generate_form)
    async def start_job(request: Request) -> dict[str, Any]:
        """The same form as ``/api/generate``; answers at once with the job's id. Poll
        ``GET /api/jobs/{id}`` for its step, progress, photos and result (poll at least
        every 15 s or it is cancelled); ``DELETE`` it to cancel. 503 at once when busy."""
        pool = server.generate
        pool.acquire()  # held until the job ends
        try:
            args = await generate_args(request)

            async def work(job: Any) -> dict[str, Any]:
                return await pool.run(  # type: ignore[no-any-return]
                    jobs.generate, *args, what="making the avatar",
                    timeout=config.generate_timeout, on_event=job.on_event)

            job = server.jobs.start(work)
        except BaseException:
            pool.release()
            raise
        assert job.task is not None
        job.task.add_done_callback(lambda _: pool.release())
        return {"id": job.id, "status_url": f"/api/jobs/{job.id}"}

    @app.get("/api/jobs/{job_id}", summary="A job's state, progress and result",
             response_model=models.JobStatus)
    async def get_job(job_id: str) -> dict[str, Any]:
        """``state`` queued, running, done, failed or cancelled; ``step`` queued,
        detecting, measuring, fitting or rendering; ``progress`` 0..1 from the pipeline;
        ``photos`` each photo's outcome as soon as known; ``result`` (the /api/generate
        document) when done; ``error`` ``{status, message}`` when failed or cancelled."""
        return _job(server, job_id).to_dict()

    @app.delete("/api/jobs/{job_id}", summary="Cancel a job", response_model=models.JobStatus)
    async def cancel_job(job_id: str) -> dict[str, Any]:
        """Stops the job's work (its worker is freed); answers the job, now cancelled
        (a finished job is left as it was)."""
        job = _job(server, job_id)
        server.jobs.cancel(job)
        return job.to_dict()

    @app.post("/api/photos/check", summary="Can this photo be used?",
              response_model=models.PhotoCheck,
              openapi_extra=_upload_doc({"photo": {"type": "string", "format": "binary"}},
                                        ["photo"]))
    async def check_photo(request: Request) -> dict[str, Any]:
        """Whether one photo is an image with a face, within about a second:
        ``{ok, faces, error}`` (a photo that is not ok would be skipped by generate)."""
        with server.quick.admit():
            form = await _form(request, config)
            photo = _photos(form, "photo", 1)[0]
            return await server.quick.run(  # type: ignore[no-any-return]
                jobs.check, photo, what="checking the photo", timeout=config.check_timeout)

    @app.post("/api/analyze", summary="Analyse the face in one photo",
              openapi_extra=_upload_doc({"photo": {"type": "string", "format": "binary"}},
                                        ["photo"]))
    async def analyze(request: Request) -> dict[str, Any]:
        """The JSON of ``facemoji analyze --json``: box, landmarks, colors, accessories."""
        with server.quick.admit():
            form = await _form(request, config)
            photo = _photos(form, "photo", 1)[0]
            return await server.quick.run(  # type: ignore[no-any-return]
                jobs.analyze, photo, what="analysing the photo",
                timeout=config.analyze_timeout)

    return app


def _fastapi(**kwargs: Any) -> FastAPI:
    """A FastAPI app whose ``/docs`` page is served from this machine (``fastapi-offline``
    bundles Swagger UI) when that package is installed; FastAPI's own loads it from a CDN."""
    try:
        from fastapi_offline import FastAPIOffline
    except ImportError:
        return FastAPI(**kwargs)
    return FastAPIOffline(**kwargs)


def _error(status: int, message: str, headers: dict[str, str] | None = None,
           extra: dict[str, Any] | None = None) -> JSONResponse:
    headers = dict(headers or {})
    if status >= 500 and status not in (503, 504):
        headers["Connection"] = "close"
    return JSONResponse({"error": message, **(extra or {})}, status_code=status,
                        headers=headers)


def _styles() -> list[dict[str, str]]:
    return [{"name": n, "description": getattr(get_style(n), "description", "")}
            for n in list_styles()]


def _job(server: Server, job_id: str) -> Any:
    job = server.jobs.get(job_id)
    if job is None:
        raise Refused(f"no job {job_id!r} (finished jobs are kept "
                      f"{server.jobs.keep_for:g} s)", 404)
    return job


def _upload_doc(fields: dict[str, Any], required: list[str]) -> dict[str, Any]:
    """OpenAPI ``requestBody`` for a multipart endpoint parsed by hand."""
    schema = {"type": "object", "properties": fields, "required": required}
    return {"requestBody": {"required": True,
                            "content": {"multipart/form-data": {"schema": schema}}}}


async def _form(request: Request, config: WebConfig) -> Form:
    reading = read_form(request.headers.get("content-type"),
                        request.headers.get("content-length"), request.stream(),
                        config.limits)
    try:
        return await asyncio.wait_for(reading, config.upload_timeout)
    except TimeoutError:
        raise UploadError(f"the upload took longer than {config.upload_timeout:g} s",
                          408) from None
    except ClientDisconnect:
        raise Refused("the client went away during the upload", 499) from None


async def _json(request: Request, model: type[models.RenderRequest]) -> models.RenderRequest:
    """The JSON body (its size capped by the guard), parsed on a thread, validated.
    Only ``application/json`` is taken: a form of another site cannot send it without
    the browser asking first."""
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise Refused("send the body as application/json", 415)
    try:
        body = await request.body()
    except ClientDisconnect:
        raise Refused("the client went away during the upload", 499) from None
    try:
        data = await run_in_threadpool(json.loads, body)
    except (ValueError, RecursionError):
        raise Refused("the body is not valid JSON", 422) from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise Refused(_validation_message(exc), 422) from None


def _validation_message(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()))
        parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else err.get("msg", ""))
    return "bad request: " + "; ".join(parts)


async def _unless_gone(request: Request, work: Awaitable[Any]) -> Any:
    """Await ``work``, cancelling it (and so its worker's call) if the client goes away."""
    task = asyncio.ensure_future(work)
    try:
        while True:
            done, _ = await asyncio.wait({task}, timeout=0.5)
            if done:
                return task.result()
            if await request.is_disconnected():
                task.cancel()
                raise Refused("the client went away", 499)
    finally:
        if not task.done():
            task.cancel()
            with suppress(asyncio.CancelledError, Exception):
                await task


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


def _int_field(form: Form, name: str, default: int, most: int) -> int:
    text = form.fields.get(name, "").strip()
    if not text:
        return default
    try:
        value = int(text)
    except ValueError:
        raise BadArgument(f"{name} must be an integer, not {text[:40]!r}") from None
    if not 0 <= value <= most:
        raise BadArgument(f"{name} must be between 0 and {most}")
    return value
