"""TEMPORARY: the job API of the server rewrite (issue 12), until that branch is merged.

Adds ``GET /api/config``, ``POST /api/photos/check``, ``POST /api/jobs``,
``GET``/``DELETE /api/jobs/{id}`` to today's app, on top of the real analysis and
generate code, so that the page's browser tests run against the contract the server
implements. Delete this file (and its use in the browser tests' ``server`` fixture) when
the real endpoints land: the tests must then pass against them unchanged.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from facemoji.avatar.style import list_styles
from facemoji.errors import FacemojiError
from facemoji.web import jobs
from facemoji.web.app import status_for
from facemoji.web.uploads import Limits, read_form

TYPICAL = {"attributes": 3.0, "greedy": 8.0, "search": 20.0}
LABELS = {"attributes": "Quick", "greedy": "Balanced", "search": "Thorough"}


def _check(photo: jobs.Photo) -> dict[str, Any]:
    from facemoji.face.detect import detect_faces

    try:
        faces = detect_faces(jobs.decode(photo), method="hog")
    except FacemojiError as exc:
        return {"ok": False, "faces": 0, "error": str(exc)}
    if not faces:
        return {"ok": False, "faces": 0, "error": "no face found"}
    return {"ok": True, "faces": len(faces), "error": None}


def _generate(job: dict[str, Any], photos: list[jobs.Photo], style: str, method: str) -> None:
    outcomes = [{"name": n, "status": "used", "error": None, "faces": 1, "face_index": 0}
                for n, _ in photos]
    job.update(state="running", step="detecting", progress=0.1)
    for i, photo in enumerate(photos):
        if job["state"] == "cancelled":
            return
        checked = _check(photo)
        if not checked["ok"]:
            outcomes[i].update(status="skipped", error=checked["error"], faces=0)
    job["photos"] = outcomes
    used = [p for p, o in zip(photos, outcomes, strict=True) if o["status"] == "used"]
    if not used:
        job.update(state="failed", error={"status": 422, "message": "no face found in any photo"})
        return
    job.update(step="fitting", progress=0.5)
    try:
        doc = jobs.generate(used, style, method, 0)
    except FacemojiError as exc:
        job.update(state="failed", error={"status": status_for(exc), "message": str(exc)})
        return
    if job["state"] == "cancelled":
        return
    doc["photos"] = outcomes
    job.update(state="done", step="rendering", progress=1.0, result=doc)


def add_contract_endpoints(app: FastAPI, delay: float = 0.0) -> None:
    """Add the job API to ``app``; ``delay`` seconds are spent "queued" first."""
    store: dict[str, dict[str, Any]] = {}
    limits = Limits()

    @app.get("/api/config")
    async def config() -> dict[str, Any]:
        return {"default_method": "greedy",
                "methods": [{"name": m, "label": LABELS[m], "typical_seconds": TYPICAL[m]}
                            for m in ("attributes", "greedy", "search")],
                "limits": {"max_photos": limits.max_files,
                           "max_photo_bytes": limits.max_file_bytes},
                "styles": list(list_styles())}

    async def form(request: Request) -> Any:
        return await read_form(request.headers.get("content-type"),
                               request.headers.get("content-length"), request.stream(), limits)

    @app.post("/api/photos/check")
    async def check(request: Request) -> dict[str, Any]:
        parsed = await form(request)
        upload = parsed.files[0]
        return await asyncio.to_thread(_check, (upload.filename, upload.data))

    @app.post("/api/jobs", status_code=202)
    async def start(request: Request) -> dict[str, Any]:
        parsed = await form(request)
        photos = [(u.filename, u.data) for u in parsed.files]
        job_id = uuid.uuid4().hex[:12]
        job: dict[str, Any] = {"state": "queued", "step": "queued", "progress": 0.0,
                               "photos": [], "result": None, "error": None,
                               "polled": time.monotonic()}
        store[job_id] = job

        async def run() -> None:
            await asyncio.sleep(delay)
            if job["state"] != "cancelled":
                await asyncio.to_thread(_generate, job, photos,
                                        parsed.fields.get("style") or "facemoji",
                                        parsed.fields.get("method") or "greedy")

        job["task"] = asyncio.get_running_loop().create_task(run())
        return {"id": job_id, "status_url": f"/api/jobs/{job_id}"}

    @app.get("/api/jobs/{job_id}")
    async def status(job_id: str) -> Any:
        job = store.get(job_id)
        if job is None:
            return JSONResponse({"error": f"no job {job_id}"}, status_code=404)
        job["polled"] = time.monotonic()
        return {k: v for k, v in job.items() if k not in ("task", "polled")}

    @app.delete("/api/jobs/{job_id}")
    async def cancel(job_id: str) -> Any:
        job = store.get(job_id)
        if job is None:
            return JSONResponse({"error": f"no job {job_id}"}, status_code=404)
        if job["state"] in ("queued", "running"):
            job["state"] = "cancelled"
        return {k: v for k, v in job.items() if k not in ("task", "polled")}
