"""The guard in front of the app: trusted hosts, no cross-origin writes, capped JSON
bodies, safety headers, and a clean 500 (with ``Connection: close``) for a bug."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest
from fastapi.testclient import TestClient

from facemoji.web import WebConfig, create_app
from facemoji.web.guard import PAGE_CSP, Policy

from .conftest import BASE_URL

RENDER = {"params": {}, "format": "svg"}


@pytest.fixture(scope="module")
def client() -> TestClient:
    """The app without its worker processes (no lifespan): these routes need none."""
    return TestClient(create_app(WebConfig(workers=1)), base_url=BASE_URL)


@pytest.mark.parametrize(("host", "allowed"), [
    ("127.0.0.1:8000", True), ("localhost:8000", True), ("LOCALHOST", True),
    ("[::1]:8000", True), ("192.168.1.20:8000", True), ("app.localhost", True),
    ("studio.example:8000", True),  # the bound name
    ("evil.example:8000", False), ("127.0.0.1.nip.io:8000", False), ("", False),
    ("localhost.evil.example", False),
])
def test_trusted_hosts(host: str, allowed: bool) -> None:
    assert Policy(bind="studio.example").host_allowed(host) is allowed


def test_a_foreign_host_name_is_refused(client: TestClient) -> None:
    """DNS rebinding: a page of evil.example whose name now resolves to 127.0.0.1."""
    response = client.get("/api/styles", headers={"host": "evil.example:8000"})
    assert response.status_code == 400 and "evil.example" in response.json()["error"]
    response = client.post("/api/render", json=RENDER, headers={"host": "evil.example"})
    assert response.status_code == 400
    assert client.get("/api/styles", headers={"host": "localhost:8000"}).status_code == 200


def test_more_host_names_can_be_allowed() -> None:
    app = create_app(WebConfig(workers=1, allowed_hosts=("studio.lan",)))
    http = TestClient(app, base_url="http://studio.lan:8000")
    assert http.get("/api/styles").status_code == 200


@pytest.mark.parametrize("headers", [
    {"origin": "http://evil.example"},
    {"origin": "null"},
    {"sec-fetch-site": "cross-site"},
    {"sec-fetch-site": "same-site", "origin": "http://127.0.0.1:9999"},
])
def test_cross_origin_writes_are_refused(client: TestClient, headers: dict[str, str]) -> None:
    response = client.post("/api/render", json=RENDER, headers=headers)
    assert response.status_code == 403, response.text
    assert "refused" in response.json()["error"]
    multipart = client.post("/api/generate", files={"photos": ("a.png", b"x")},
                            headers=headers)
    assert multipart.status_code == 403  # a form post needs no preflight: refused here


@pytest.mark.parametrize("headers", [
    {}, {"origin": BASE_URL}, {"sec-fetch-site": "same-origin", "origin": BASE_URL},
    {"sec-fetch-site": "none"},
])
def test_same_origin_and_non_browser_writes_pass(client: TestClient,
                                                 headers: dict[str, str]) -> None:
    assert client.post("/api/render", json=RENDER, headers=headers).status_code == 200


def test_cross_origin_reads_are_not_refused(client: TestClient) -> None:
    # a GET changes nothing; the browser keeps its answer from the other site (no CORS)
    response = client.get("/api/styles", headers={"origin": "http://evil.example"})
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


def test_safety_headers(client: TestClient) -> None:
    page = client.get("/")
    assert page.headers["content-security-policy"] == PAGE_CSP
    assert "script-src 'self'" in PAGE_CSP and "'unsafe-inline'" not in PAGE_CSP.split(
        "script-src")[1].split(";")[0]
    svg = client.post("/api/render", json=RENDER)
    assert svg.headers["content-type"].startswith("image/svg+xml")
    assert "sandbox" in svg.headers["content-security-policy"]
    assert "default-src 'none'" in svg.headers["content-security-policy"]
    for response in (page, svg, client.get("/api/styles"), client.get("/api/nothing"),
                     client.get("/static/app.js")):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "no-referrer"


def test_a_json_body_over_256_kb_is_refused_unread(client: TestClient) -> None:
    body = json.dumps({"params": {"x": "y" * 300_000}}).encode()
    response = client.post("/api/render", content=body,
                           headers={"content-type": "application/json"})
    assert response.status_code == 413 and "256 KB" in response.json()["error"]


def test_a_json_body_of_unknown_length_is_counted() -> None:
    app = create_app(WebConfig(workers=1))
    taken = 0

    async def body():  # type: ignore[no-untyped-def]
        nonlocal taken
        for _ in range(200):
            taken += 65536
            yield b" " * 65536

    async def send() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=BASE_URL) as http:
            return await http.post("/api/render", content=body(),
                                   headers={"content-type": "application/json"})

    response = asyncio.run(send())
    assert response.status_code == 413
    assert taken < 1_000_000  # refused at the cap, not after 13 MB


@pytest.mark.parametrize("body", [b"[" * 100_000, b'{"params": ' * 20_000, b"\xff\xfe"])
def test_hostile_json_is_a_4xx(client: TestClient, body: bytes) -> None:
    response = client.post("/api/render", content=body,
                           headers={"content-type": "application/json"})
    assert response.status_code == 422 and "JSON" in response.json()["error"]


def test_a_bug_is_a_clean_500_that_closes_the_connection() -> None:
    app = create_app(WebConfig(workers=1))

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("a bug")

    http = TestClient(app, base_url=BASE_URL, raise_server_exceptions=False)
    response = http.get("/boom")
    assert response.status_code == 500
    assert response.headers["connection"] == "close"
    assert response.json() == {"error": "internal error (RuntimeError); see the server log"}
    assert response.headers["x-content-type-options"] == "nosniff"
    assert http.get("/api/styles").status_code == 200


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded",
                                          None])
def test_render_takes_only_json(client: TestClient, content_type: str | None) -> None:
    # a cross-site <form> can send text/plain without a preflight: not taken
    headers = {"content-type": content_type} if content_type else {}
    response = client.post("/api/render", content=json.dumps(RENDER).encode(),
                           headers=headers)
    assert response.status_code == 415 and "application/json" in response.json()["error"]
