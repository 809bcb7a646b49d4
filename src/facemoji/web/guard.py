"""The ASGI middleware in front of the app: who may call it, how much they may send,
the safety headers on every answer, and a clean answer to any unexpected error.

- **Host check** (against DNS rebinding): the ``Host`` header must be an IP address,
  ``localhost`` (or a name under it), the address the server was bound to, or a name
  given in :attr:`Policy.hosts`. A site whose name resolves to this machine
  therefore cannot talk to the server from a browser.
- **Cross-origin writes** are refused (against CSRF: a cross-origin multipart POST
  needs no preflight): a ``POST``/``PUT``/``PATCH``/``DELETE`` whose ``Sec-Fetch-Site``
  is ``cross-site`` or ``same-site``, or whose ``Origin`` is not this server, gets 403.
  Clients that send neither header (curl, scripts) are not browsers and pass.
- **Body limit**: any body that is not ``multipart/form-data`` (JSON) may weigh
  :attr:`Policy.max_json_bytes` at most: a larger ``Content-Length`` is refused
  unread, a body sent without one is counted while it arrives. Multipart uploads have
  their own limits (:mod:`facemoji.web.uploads`).
- **Headers**: ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer``,
  ``X-Frame-Options: DENY`` and ``Cross-Origin-Resource-Policy: same-origin`` on every
  answer; SVG answers get a CSP that forbids scripts and loads (:data:`SVG_CSP`).
- **Unexpected errors** are logged and answered 500 ``{"error": ...}`` with
  ``Connection: close``, so the client's next request opens a fresh connection.
"""

from __future__ import annotations

import ipaddress
import json
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
"""The page's Content-Security-Policy: its own scripts only, no inline script, no
plugin, nothing loaded from elsewhere (inline styles: the avatar SVG has them)."""

SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"
"""An SVG answer opened on its own runs no script and loads nothing."""

HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
           (b"x-frame-options", b"DENY"), (b"cross-origin-resource-policy", b"same-origin")]
WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass(frozen=True)
class Policy:
    """What :class:`Guard` lets through: the bound ``bind`` address, other trusted
    ``hosts`` names, and the largest non-multipart body."""

    bind: str = "127.0.0.1"
    hosts: tuple[str, ...] = field(default_factory=tuple)
    max_json_bytes: int = 256 * 1024

    def host_allowed(self, host: str) -> bool:
        """Whether a ``Host`` header value (``name[:port]``) names this server."""
        name = _host_name(host)
        if not name:
            return False
        if _is_ip(name) or name == "localhost" or name.endswith(".localhost"):
            return True
        trusted = {h.lower().strip("[]") for h in (self.bind, *self.hosts)}
        return name in trusted


class BodyTooLarge(Exception):
    """A body that went over the limit while it arrived."""


class Guard:
    """The middleware (see the module docstring)."""

    def __init__(self, app: ASGIApp, policy: Policy) -> None:
        self.app = app
        self.policy = policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        refusal = self._refusal(scope, headers)
        if refusal is not None:
            await _answer(send, *refusal, close=True)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = _safe_headers(list(message.get("headers", [])))
            await send(message)

        if not headers.get("content-type", "").startswith("multipart/form-data"):
            receive = _counted(receive, self.policy.max_json_bytes)
        try:
            await self.app(scope, receive, send_with_headers)
        except BodyTooLarge:
            if not started:
                await _answer(send, 413, self._too_large(), close=True)
        except Exception as exc:
            log.error("internal error on %s %s", scope.get("method"), scope.get("path"),
                      exc_info=exc)
            if not started:
                await _answer(send, 500, f"internal error ({type(exc).__name__}); see the "
                              "server log", close=True)

    def _refusal(self, scope: Scope, headers: dict[str, str]) -> tuple[int, str] | None:
        host = headers.get("host", "")
        if not self.policy.host_allowed(host):
            return 400, (f"this server does not answer to the host name {host!r}; start it "
                         "with --allow-host NAME to allow it")
        if scope.get("method") in WRITES:
            site = headers.get("sec-fetch-site")
            if site is not None and site not in ("same-origin", "none"):
                return 403, "cross-origin requests are refused"
            origin = headers.get("origin")
            if origin is not None and not _same_origin(origin, host, scope):
                return 403, f"requests from {origin!r} are refused"
        length = headers.get("content-length", "")
        if (not headers.get("content-type", "").startswith("multipart/form-data")
                and length.isdigit() and int(length) > self.policy.max_json_bytes):
            return 413, self._too_large()
        return None

    def _too_large(self) -> str:
        return f"the request body is larger than {self.policy.max_json_bytes // 1024} KB"


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1")
            for k, v in scope.get("headers", [])}


def _host_name(host: str) -> str:
    """The name of a ``Host`` header, lower case, without port or IPv6 brackets."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else ""
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def _same_origin(origin: str, host: str, scope: Scope) -> bool:
    """Whether ``origin`` (``scheme://host[:port]``) is the server the request reached."""
    parts = urlsplit(origin)
    scheme = scope.get("scheme", "http")
    return parts.scheme == scheme and parts.netloc.lower() == host.strip().lower()


def _counted(receive: Receive, limit: int) -> Receive:
    """``receive`` that raises :class:`BodyTooLarge` once more than ``limit`` body bytes
    arrived."""
    total = 0

    async def counted() -> Message:
        nonlocal total
        message = await receive()
        if message["type"] == "http.request":
            total += len(message.get("body", b""))
            if total > limit:
                raise BodyTooLarge
        return message

    return counted


def _safe_headers(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    names = {k.lower() for k, _ in headers}
    out = headers + [(k, v) for k, v in HEADERS if k not in names]
    content_type = next((v for k, v in headers if k.lower() == b"content-type"), b"")
    if content_type.startswith(b"image/svg+xml") and b"content-security-policy" not in names:
        out.append((b"content-security-policy", SVG_CSP.encode()))
    return out


async def _answer(send: Send, status: int, message: str, *, close: bool) -> None:
    body = json.dumps({"error": message}).encode()
    headers = [(b"content-type", b"application/json"),
               (b"content-length", str(len(body)).encode())]
    if close:
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status,
                "headers": _safe_headers(headers)})
    await send({"type": "http.response.body", "body": body})
