"""``facemoji serve``: the web page and HTTP API on a local port."""

from __future__ import annotations

import os
import socket
from typing import Annotated

import typer

from ..errors import BadArgument, missing_extra
from . import app


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on (127.0.0.1: "
                                      "this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", help="Port.", min=1, max=65535)] = 8000,
    workers: Annotated[int | None, typer.Option("--workers", "-w", help="Worker processes "
                                                "for generate (default: one per core).",
                                                min=1)] = None,
    timeout: Annotated[float, typer.Option("--timeout", help="Time limit of one generate, "
                                           "in seconds.", min=1)] = 120.0,
    allow_host: Annotated[list[str] | None, typer.Option(
        "--allow-host", help="Another host name the page may be opened by (repeatable); "
        "IP addresses, localhost and --host are always allowed.")] = None,
) -> None:
    """Serve the web page: drop photos, edit the avatar, download it."""
    try:
        import uvicorn
    except ImportError:
        raise missing_extra("uvicorn", "web") from None
    from ..web import WebConfig, create_app

    _check_free(host, port)
    config = WebConfig(workers=workers or os.cpu_count() or 1, generate_timeout=timeout,
                       host=host, allowed_hosts=tuple(allow_host or ()))
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"facemoji is at http://{shown}:{port}  (API docs: /docs; Ctrl+C stops)",
               err=True)
    uvicorn.run(create_app(config), host=host, port=port, log_level="warning")


def _check_free(host: str, port: int) -> None:
    """Fail with a one-line message, before any worker starts, if the address is taken."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        with socket.socket(infos[0][0], socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(infos[0][4])
    except OSError as exc:
        raise BadArgument(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
