"""What the page codes against: /api/config, per-photo outcomes of /api/generate,
background jobs (/api/jobs) with real progress and cancel, and /api/photos/check."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

import facemoji
from facemoji.match.generate import DEFAULT_METHOD, METHODS
from facemoji.web import WebConfig, create_app

from .conftest import BASE_URL, until, wait_until

pytestmark = pytest.mark.slow

FINISHED = ("done", "failed", "cancelled")


def _poll(client: TestClient, url: str, *, states: tuple[str, ...] = FINISHED,
          timeout: float = 120) -> list[dict[str, Any]]:
    """Every state seen while polling ``url`` until the job reaches one of ``states``."""
    seen = []
    deadline = time.monotonic() + timeout
    while True:
        response = client.get(url)
        assert response.status_code == 200, response.text
        seen.append(response.json())
        if seen[-1]["state"] in states:
            return seen
        assert time.monotonic() < deadline, f"job still {seen[-1]['state']}"
        time.sleep(0.05)


def test_config_is_what_the_page_needs(client: TestClient) -> None:
    doc = client.get("/api/config").json()
    assert doc["default_method"] == DEFAULT_METHOD
    assert [m["name"] for m in doc["methods"]] == list(METHODS)
    assert all(m["label"] and m["typical_seconds"] > 0 for m in doc["methods"])
    assert doc["limits"] == {"max_photos": 10, "max_photo_bytes": 10 * 2**20}
    assert [s["name"] for s in doc["styles"]] == facemoji.list_styles()


def test_generate_skips_the_photos_it_cannot_use(client: TestClient, astronaut_png: bytes,
                                                 blank_png: bytes) -> None:
    files = [("photos", ("me.png", astronaut_png)), ("photos", ("wall.png", blank_png)),
             ("photos", ("notes.jpg", b"these are not pixels"))]
    response = client.post("/api/generate", files=files, data={"method": "attributes"})
    assert response.status_code == 200, response.text
    doc = response.json()
    assert doc["photos"] == [
        {"name": "me.png", "status": "used", "error": None, "faces": 1, "face_index": 0},
        {"name": "wall.png", "status": "skipped", "faces": 0, "face_index": None,
         "error": doc["photos"][1]["error"]},
        {"name": "notes.jpg", "status": "skipped", "faces": 0, "face_index": None,
         "error": doc["photos"][2]["error"]},
    ]
    assert "no face" in doc["photos"][1]["error"]
    assert "not an image" in doc["photos"][2]["error"]
    assert any("wall.png" in w for w in doc["warnings"])
    assert any("notes.jpg" in w for w in doc["warnings"])
    assert doc["svg"].startswith("<svg")


def test_generate_fails_only_without_any_usable_photo(client: TestClient,
                                                      blank_png: bytes) -> None:
    files = [("photos", ("wall.png", blank_png)), ("photos", ("notes.jpg", b"text"))]
    response = client.post("/api/generate", files=files, data={"method": "attributes"})
    assert response.status_code == 422
    doc = response.json()
    assert "no usable photo" in doc["error"] and "wall.png" in doc["error"]
    assert [p["status"] for p in doc["photos"]] == ["skipped", "skipped"]


def test_a_group_photo_is_used_with_a_warning(client: TestClient, group_png: bytes) -> None:
    response = client.post("/api/generate", files=[("photos", ("party.png", group_png))],
                           data={"method": "attributes"})
    assert response.status_code == 200, response.text
    doc = response.json()
    assert doc["photos"][0]["faces"] == 2 and doc["photos"][0]["face_index"] == 0
    assert any(w.startswith("party.png: the largest of 2 faces was used")
               for w in doc["warnings"])


def test_a_job_reports_its_steps_photos_and_result(client: TestClient, astronaut_png: bytes,
                                                   blank_png: bytes) -> None:
    files = [("photos", ("me.png", astronaut_png)), ("photos", ("wall.png", blank_png))]
    created = client.post("/api/jobs", files=files, data={"method": "greedy"})
    assert created.status_code == 202, created.text
    job = created.json()
    assert job["status_url"] == f"/api/jobs/{job['id']}"
    seen = _poll(client, job["status_url"])
    last = seen[-1]
    assert last["state"] == "done", last["error"]
    steps = [s["step"] for s in seen]
    # photo by photo (detecting, measuring, then the next photo), then the fit, the render
    phase = {"queued": 0, "detecting": 1, "measuring": 1, "fitting": 2, "rendering": 3}
    assert steps == sorted(steps, key=phase.__getitem__)
    assert "fitting" in steps
    progress = [s["progress"] for s in seen]
    assert progress == sorted(progress) and progress[-1] == 1.0
    assert any(0 < p < 1 for p in progress)  # something in between was seen
    assert [p["status"] for p in last["photos"]] == ["used", "skipped"]
    result = last["result"]
    assert result["method"] == "greedy" and result["photos"] == last["photos"]
    assert facemoji.load_params(result["params"]).style == "facemoji"
    assert last["error"] is None


def test_a_job_without_a_usable_photo_fails_with_the_outcomes(client: TestClient,
                                                              blank_png: bytes) -> None:
    created = client.post("/api/jobs", files=[("photos", ("wall.png", blank_png))])
    last = _poll(client, created.json()["status_url"])[-1]
    assert last["state"] == "failed" and last["result"] is None
    assert last["error"]["status"] == 422 and "wall.png" in last["error"]["message"]
    assert last["photos"][0]["status"] == "skipped"


def test_cancel_stops_the_worker(client: TestClient, astronaut_png: bytes) -> None:
    pool = client.app.state.server.generate  # type: ignore[attr-defined]
    before = pool.pids()
    files = [("photos", (f"{i}.png", astronaut_png)) for i in range(6)]
    created = client.post("/api/jobs", files=files, data={"method": "search"}).json()
    _poll(client, created["status_url"], states=("running",))
    cancelled = client.delete(created["status_url"])
    assert cancelled.status_code == 200 and cancelled.json()["state"] == "cancelled"
    assert cancelled.json()["error"]["status"] == 499
    # the worker drops the job at its next report: it is free again, and was not killed
    wait_until(lambda: not pool.held and not pool.busy_count(), 30)
    assert pool.pids() == before and pool.restarts == 0
    assert client.get(created["status_url"]).json()["state"] == "cancelled"


def test_unknown_job_is_404(client: TestClient) -> None:
    assert client.get("/api/jobs/nope").status_code == 404
    assert client.delete("/api/jobs/nope").status_code == 404


def test_a_job_nobody_polls_is_cancelled(astronaut_png: bytes) -> None:
    app = create_app(WebConfig(workers=1, quick_workers=0, job_abandon=1.0))
    with TestClient(app, base_url=BASE_URL) as client:
        files = [("photos", (f"{i}.png", astronaut_png)) for i in range(8)]
        url = client.post("/api/jobs", files=files, data={"method": "search"}).json()[
            "status_url"]
        time.sleep(4)  # the page was closed: nobody polls
        job = client.get(url).json()
        assert job["state"] == "cancelled", job
        assert "nobody asked" in job["error"]["message"]
        assert app.state.server.generate.held == 0


def test_check_a_photo(client: TestClient, astronaut_png: bytes, blank_png: bytes,
                       group_png: bytes) -> None:
    def check(name: str, data: bytes) -> dict[str, Any]:
        response = client.post("/api/photos/check", files={"photo": (name, data)})
        assert response.status_code == 200, response.text
        return response.json()  # type: ignore[no-any-return]

    assert check("me.png", astronaut_png) == {"ok": True, "faces": 1, "error": None}
    assert check("party.png", group_png) == {"ok": True, "faces": 2, "error": None}
    fake = check("holiday.jpg", b"%PDF-1.4 not a photo")
    assert not fake["ok"] and "holiday.jpg" in fake["error"] and fake["faces"] == 0
    blank = check("wall.png", blank_png)
    assert not blank["ok"] and "no face" in blank["error"]
    two = client.post("/api/photos/check", files=[("photo", ("a.png", astronaut_png)),
                                                  ("photo", ("b.png", astronaut_png))])
    assert two.status_code == 413


def test_check_is_not_held_up_by_generates(astronaut_png: bytes) -> None:
    """Photos are checked in their own worker: at once, even while the generate worker
    is busy and its queue is full."""
    app = create_app(WebConfig(workers=1, queue=0))

    async def scenario() -> tuple[int, int, dict[str, Any]]:
        transport = httpx.ASGITransport(app=app)
        async with app.router.lifespan_context(app), httpx.AsyncClient(
                transport=transport, base_url=BASE_URL, timeout=120) as http:
            server = app.state.server
            await until(lambda: server.generate.ready_count() + server.quick.ready_count() == 2)
            files = [("photos", (f"{i}.png", astronaut_png)) for i in range(2)]
            job = (await http.post("/api/jobs", files=files, data={"method": "search"})).json()
            busy = await http.post("/api/generate", files=files[:1])
            check = await http.post("/api/photos/check",
                                    files={"photo": ("me.png", astronaut_png)})
            await http.delete(job["status_url"])
            return busy.status_code, check.status_code, check.json()

    busy, status, doc = asyncio.run(scenario())
    assert busy == 503
    assert status == 200 and doc["ok"]


def test_health_tells_when_the_server_is_ready(client: TestClient) -> None:
    wait_until(lambda: client.get("/api/health").json()["ready"])
    doc = client.get("/api/health").json()
    assert doc["jobs"] == 0
    assert doc["generate"]["size"] == 1 and doc["generate"]["capacity"] == 2
    assert doc["quick"]["ready"] == 1
