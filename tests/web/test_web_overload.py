"""Overload and failures through the app, with the real models: a full server answers
503 at once without reading the upload, a request past its deadline frees its worker,
a worker that dies costs only its own request."""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from facemoji.web import WebConfig, create_app

from .conftest import BASE_URL, until

pytestmark = pytest.mark.slow


def _scenario(app: FastAPI, body: Callable[[httpx.AsyncClient, Any], Awaitable[Any]]) -> Any:
    async def main() -> Any:
        transport = httpx.ASGITransport(app=app)
        async with app.router.lifespan_context(app), httpx.AsyncClient(
                transport=transport, base_url=BASE_URL, timeout=120) as http:
            pool = app.state.server.generate
            await until(lambda: pool.ready_count() == pool.size)
            return await body(http, pool)

    return asyncio.run(main())



def _form(photos: list[tuple[str, bytes]], **fields: str) -> tuple[bytes, str]:
    request = httpx.Request("POST", BASE_URL, files=[("photos", p) for p in photos],
                            data=fields)
    return request.read(), request.headers["content-type"]


def test_a_full_server_answers_503_at_once_without_reading_uploads(
        astronaut_png: bytes) -> None:
    app = create_app(WebConfig(workers=1, queue=1, quick_workers=0))
    body, content_type = _form([("me.png", astronaut_png)], method="attributes")
    read: list[int] = []

    async def counted(i: int) -> AsyncIterator[bytes]:
        for start in range(0, len(body), 65536):
            read[i] += 1
            yield body[start:start + 65536]

    async def scenario(http: httpx.AsyncClient, pool: Any) -> list[httpx.Response]:
        async def post(i: int) -> httpx.Response:
            read.append(0)
            return await http.post("/api/generate", content=counted(i),
                                   headers={"content-type": content_type})

        return list(await asyncio.gather(*(post(i) for i in range(12))))

    responses = _scenario(app, scenario)
    statuses = [r.status_code for r in responses]
    assert statuses.count(200) == 2 and statuses.count(503) == 10, statuses
    for response, chunks in zip(responses, read, strict=True):
        if response.status_code == 503:
            assert response.headers["retry-after"].isdigit()
            assert "busy" in response.json()["error"]
            assert chunks == 0  # refused before its upload was read


def test_a_request_past_its_deadline_frees_its_worker(astronaut_png: bytes) -> None:
    """Before: after a 504 the worker went on computing and every request behind it
    timed out too. Now the worker drops the work and the next request is answered."""
    app = create_app(WebConfig(workers=1, quick_workers=0, generate_timeout=2,
                               analyze_timeout=120))
    photos = [(f"{i}.png", astronaut_png) for i in range(10)]

    async def scenario(http: httpx.AsyncClient, pool: Any) -> None:
        slow = await http.post("/api/generate", files=[("photos", p) for p in photos],
                               data={"method": "search"})
        assert slow.status_code == 504 and "was stopped" in slow.json()["error"]
        await until(lambda: pool.busy_count() == 0, timeout=30)
        analysed = await http.post("/api/analyze", files={"photo": ("me.png", astronaut_png)})
        assert analysed.status_code == 200, analysed.text

    _scenario(app, scenario)


async def _running_generate(http: httpx.AsyncClient, pool: Any,
                            photos: list[Any]) -> asyncio.Future[httpx.Response]:
    """A search of ``photos`` sent, once the worker is on it."""
    request = asyncio.ensure_future(http.post("/api/generate", files=photos,
                                              data={"method": "search"}))
    await until(lambda: pool.busy_count() == 1)
    return request


def test_a_dead_worker_costs_only_its_own_request(astronaut_png: bytes) -> None:
    app = create_app(WebConfig(workers=1, quick_workers=0))
    photos = [("photos", (f"{i}.png", astronaut_png)) for i in range(3)]

    async def scenario(http: httpx.AsyncClient, pool: Any) -> None:
        [pid] = pool.pids()
        doomed = await _running_generate(http, pool, photos)
        os.kill(pid, signal.SIGKILL)  # as the out-of-memory killer would
        lost = await doomed
        assert lost.status_code == 503, lost.text
        assert "stopped" in lost.json()["error"]
        await until(lambda: pool.ready_count() == 1)
        assert pool.pids() != [pid] and pool.restarts == 1
        again = await http.post("/api/generate", files=photos[:1],
                                data={"method": "attributes"})
        assert again.status_code == 200, again.text

    _scenario(app, scenario)


def test_a_client_that_goes_away_frees_its_worker(astronaut_png: bytes) -> None:
    app = create_app(WebConfig(workers=1, quick_workers=0))
    photos = [("photos", (f"{i}.png", astronaut_png)) for i in range(3)]

    async def scenario(http: httpx.AsyncClient, pool: Any) -> None:
        request = await _running_generate(http, pool, photos)
        request.cancel()  # the browser tab was closed
        await until(lambda: pool.busy_count() == 0 and pool.held == 0, timeout=30)

    _scenario(app, scenario)
