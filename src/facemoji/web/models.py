"""The JSON documents of the API, as pydantic models: they validate what comes in
(``/api/render``) and document what goes out (``/docs``)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field


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


class Method(BaseModel):
    """A fitting method the page offers."""

    name: str = Field(..., description="What ``method`` takes: attributes, greedy, search.")
    label: str = Field(..., description="A short name for a menu.")
    typical_seconds: float = Field(
        ..., description="Measured wall seconds of one generate with this method, 3 photos, "
        "through the server (docs/benchmarks.md, 'Web API').")


class Limits(BaseModel):
    """Upload limits."""

    max_photos: int = Field(..., description="Photos per generate.")
    max_photo_bytes: int = Field(..., description="Bytes per photo.")


class StyleInfo(BaseModel):
    """An avatar style."""

    name: str
    description: str


class Config(BaseModel):
    """``GET /api/config``: what the page needs before anything else."""

    default_method: str = Field(..., description="The method to preselect (the CLI's and "
                                "the Python API's default too).")
    methods: list[Method]
    limits: Limits
    styles: list[StyleInfo]


class PhotoOutcome(BaseModel):
    """What a generate did with one photo."""

    name: str = Field(..., description="The uploaded file name.")
    status: Literal["used", "skipped"]
    error: str | None = Field(None, description="Why it was skipped (not an image, no "
                              "face, ...).")
    faces: int = Field(..., description="Faces found in it (0 when skipped).")
    face_index: int | None = Field(None, description="Which face was used, 0 = the largest.")


class PhotoCheck(BaseModel):
    """``POST /api/photos/check``: can this photo be used?"""

    ok: bool
    faces: int = Field(..., description="Faces found (0 when not ok).")
    error: str | None = Field(None, description="Why it cannot be used.")


class JobCreated(BaseModel):
    """``POST /api/jobs`` (202)."""

    id: str
    status_url: str = Field(..., description="Poll it (``GET``) at least every 15 s, or the "
                            "job is cancelled; ``DELETE`` it to cancel.")


class JobError(BaseModel):
    """Why a job failed or was cancelled."""

    status: int = Field(..., description="The HTTP status /api/generate would have "
                        "answered (499: cancelled).")
    message: str


class JobStatus(BaseModel):
    """``GET /api/jobs/{id}``."""

    id: str
    state: Literal["queued", "running", "done", "failed", "cancelled"]
    step: Literal["queued", "detecting", "measuring", "fitting", "rendering"] = Field(
        ..., description="The pipeline's current step.")
    progress: float = Field(..., ge=0, le=1, description="Fraction done, from the pipeline.")
    photos: list[PhotoOutcome] = Field(..., description="Each photo's outcome, as soon as "
                                       "it is known.")
    result: dict[str, Any] | None = Field(None, description="When done: the /api/generate "
                                          "document.")
    error: JobError | None = None
