"""The web API's own errors and the HTTP status of every error.

Kept free of FastAPI so that worker processes (which turn errors into statuses before
sending them to the server) can import it cheaply.
"""

from __future__ import annotations

from typing import Any

from ..errors import BadImage, FacemojiError, InvalidParams, MissingExtra, NoFaceFound, UnknownName


class Refused(FacemojiError):
    """A request the server answers with ``status``: ``headers`` go with the answer,
    ``extra`` is merged into its JSON body (beside ``error``)."""

    status = 400

    def __init__(self, message: str, status: int | None = None,
                 headers: dict[str, str] | None = None,
                 extra: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        if status is not None:
            self.status = status
        self.headers = headers or {}
        self.extra = extra or {}


class TimeLimit(Refused):
    """A request that ran past its time limit; its work was stopped."""

    status = 504


class Busy(Refused):
    """Every worker is busy and the queue is full: try again in ``retry_after`` seconds."""

    status = 503

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message, headers={"Retry-After": str(retry_after)})


class WorkerLost(Refused):
    """The worker process running the request died (out of memory?); it was replaced."""

    status = 503


class Cancelled(Exception):
    """Raised in a worker, at its next progress report, when the server cancelled the
    request it works on (not a :class:`FacemojiError`: nobody is answered with it)."""


STATUSES: tuple[tuple[type[FacemojiError], int], ...] = (
    (UnknownName, 404), (NoFaceFound, 422), (InvalidParams, 422), (BadImage, 415),
    (MissingExtra, 501),
)


def status_for(exc: FacemojiError) -> int:
    """The HTTP status that answers ``exc`` (its own ``status`` if it has one, else by
    class; 400 for any other bad argument)."""
    status = getattr(exc, "status", None)
    if isinstance(status, int):
        return status
    return next((status for cls, status in STATUSES if isinstance(exc, cls)), 400)
