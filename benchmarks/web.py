"""Web API latency: ``/api/render`` alone, and 20 concurrent renders while a generate runs.

Starts ``facemoji serve`` (uvicorn) on 127.0.0.1 on a free port in a subprocess, waits
until it answers, and then:

1. ``/api/render`` of random avatars (``schema.random(seed=i)``), one request at a
   time: SVG, and PNG at 512 px (wall-clock latency per request, client included);
2. starts one ``/api/generate`` (the first photo of ../shared/data/faces, ``--method``,
   default greedy) and, once it is running, fires 20 concurrent PNG 512 px renders;
   prints each one's status and latency, and the generate's.

The server is stopped at the end (or after ``--limit`` seconds). Skips (exit 0) where
the shared folder is absent.

Usage: ``python benchmarks/web.py [--n 40] [--method greedy] [--workers 2]``
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FACES = SHARED / "data" / "faces"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(port: int, workers: int) -> subprocess.Popen[bytes]:
    code = (f"from facemoji.cli import main; main(['serve', '--port', '{port}', "
            f"'--workers', '{workers}'])")
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


async def _wait_ready(http, server: subprocess.Popen[bytes]) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server exited at start")
        try:
            if (await http.get("/api/styles")).status_code == 200:
                return
        except Exception:  # not listening yet
            await asyncio.sleep(0.2)
    raise SystemExit("the server did not start in 60 s")


def _stats(ms: list[float]) -> str:
    q = statistics.quantiles(ms, n=10)
    return (f"median {statistics.median(ms):6.1f} ms  p90 {q[-1]:6.1f} ms  "
            f"min {min(ms):6.1f}  max {max(ms):6.1f}  (n={len(ms)})")


async def _render(http, body: dict) -> tuple[int, float]:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    response = await http.post("/api/render", json=body)
    return response.status_code, (time.perf_counter() - t0) * 1000


async def _run(args: argparse.Namespace, base: str, server: subprocess.Popen[bytes]) -> None:
    import httpx

    import facemoji

    schema = facemoji.get_style("facemoji").schema
    bodies = [schema.random(seed=i).to_dict() for i in range(args.n)]
    async with httpx.AsyncClient(base_url=base, timeout=300) as http:
        await _wait_ready(http, server)
        await _render(http, {"params": bodies[0]})  # first-request costs out of the numbers
        for fmt in ("svg", "png"):
            ms = []
            for params in bodies:
                status, took = await _render(http, {"params": params, "format": fmt,
                                                    "size": 512})
                assert status == 200, status
                ms.append(took)
            print(f"/api/render {fmt.upper()} (512 px), one at a time: {_stats(ms)}")

        photo = FACES / sorted(_first_photo())[0]
        print(f"\ngenerate ({args.method}) on {photo.relative_to(FACES)} with 20 concurrent "
              "PNG renders (512 px) fired 1 s after it started:")
        t0 = time.perf_counter()
        generate = asyncio.create_task(http.post(
            "/api/generate", files={"photos": (photo.name, photo.read_bytes())},
            data={"method": args.method}))
        await asyncio.sleep(1.0)
        fired = time.perf_counter() - t0
        results = await asyncio.gather(*(_render(http, {"params": b, "format": "png",
                                                       "size": 512}) for b in bodies[:20]))
        renders_done = time.perf_counter() - t0
        response = await generate
        generate_s = time.perf_counter() - t0
        ok = sum(status == 200 for status, _ in results)
        print(f"  renders: {ok}/20 succeeded; latency {_stats([ms for _, ms in results])}")
        print(f"  all 20 renders answered {renders_done - fired:.2f} s after they were fired;"
              f" generate answered {response.status_code} after {generate_s:.1f} s "
              f"(server-side {response.json().get('seconds', float('nan')):.1f} s)")


def _first_photo() -> list[str]:
    return [str(p.relative_to(FACES)) for p in FACES.glob("*/01.jpg")
            if not p.parent.name.startswith("_")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=40, help="Renders per format.")
    parser.add_argument("--method", default="greedy", help="Method of the generate.")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--limit", type=float, default=300, help="Stop after this many s.")
    args = parser.parse_args()
    if not FACES.is_dir() or not _first_photo():
        print(f"skipped: {FACES} not found")
        return 0
    print(f"# facemoji web benchmark: {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, {args.workers} worker processes, Python "
          f"{platform.python_version()}, load average {os.getloadavg()[0]:.1f}\n")
    port = _free_port()
    server = _start(port, args.workers)
    try:
        asyncio.run(asyncio.wait_for(_run(args, f"http://127.0.0.1:{port}", server),
                                     args.limit))
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
