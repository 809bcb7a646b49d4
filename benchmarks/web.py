"""Web API latency: ``/api/render`` alone, 20 concurrent renders while a generate runs,
and (``--methods``) how long a generate of each method takes through the server.

Starts ``facemoji serve`` (uvicorn) on 127.0.0.1 on a free port in a subprocess, waits
until its workers are warm, and then:

1. ``/api/render`` of random avatars (``schema.random(seed=i)``), one request at a
   time: SVG, and PNG at 512 px (wall-clock latency per request, client included);
2. starts one ``/api/generate`` (the first photo of ../shared/data/faces, ``--method``,
   default greedy) and, once it is running, fires 20 concurrent PNG 512 px renders;
   prints each one's status and latency, and the generate's.

With ``--methods``: one ``/api/generate`` at a time of ``--photos`` photos (01, 02,
...) of each of the first ``--people`` people, with each method; the median wall
seconds per method are the ``TYPICAL_SECONDS`` the page shows (facemoji.web.app).

The server is stopped at the end (or after ``--limit`` seconds). Skips (exit 0) where
the shared folder is absent.

Usage: ``python benchmarks/web.py [--n 40] [--method greedy] [--workers 2]``
       ``python benchmarks/web.py --methods [--people 5] [--photos 3]``
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time

from served import FACES, Served, cpu_seconds, face_photos, load_line


def _stats(ms: list[float]) -> str:
    q = statistics.quantiles(ms, n=10)
    return (f"median {statistics.median(ms):6.1f} ms  p90 {q[-1]:6.1f} ms  "
            f"min {min(ms):6.1f}  max {max(ms):6.1f}  (n={len(ms)})")


async def _render(http, body: dict) -> tuple[int, float]:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    response = await http.post("/api/render", json=body)
    return response.status_code, (time.perf_counter() - t0) * 1000


async def _run(args: argparse.Namespace, server: Served) -> None:
    import httpx

    import facemoji

    schema = facemoji.get_style("facemoji").schema
    bodies = [schema.random(seed=i).to_dict() for i in range(args.n)]
    async with httpx.AsyncClient(base_url=server.base, timeout=300) as http:
        await server.ready(http)
        if args.methods:
            await _methods(http, args, server)
            return
        await _render(http, {"params": bodies[0]})  # first-request costs out of the numbers
        for fmt in ("svg", "png"):
            ms = []
            for params in bodies:
                status, took = await _render(http, {"params": params, "format": fmt,
                                                    "size": 512})
                assert status == 200, status
                ms.append(took)
            print(f"/api/render {fmt.upper()} (512 px), one at a time: {_stats(ms)}")

        photo = face_photos()[0]
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


async def _methods(http, args: argparse.Namespace, server: Served) -> None:  # type: ignore[no-untyped-def]
    from facemoji.match.generate import METHODS

    people = [p.parent for p in face_photos()][: args.people]
    print(f"/api/generate, one at a time, {args.photos} photos of each of {len(people)} "
          "people: wall seconds (client side), CPU seconds of the worker process itself "
          "(its embedding helpers not counted: they run beside it), and `seconds` of the "
          "answer")
    print("| method | median wall s | min | max | median worker CPU s | median `seconds` |")
    print("|---|---|---|---|---|---|")
    for method in METHODS:
        wall, cpu, inside = [], [], []
        for person in people:
            files = [("photos", (p.name, p.read_bytes()))
                     for p in sorted(person.glob("*.jpg"))[: args.photos]]
            workers = server.workers()
            before = sum(cpu_seconds(pid) for pid in workers)
            t0 = time.perf_counter()
            response = await http.post("/api/generate", files=files, data={"method": method})
            wall.append(time.perf_counter() - t0)
            cpu.append(sum(cpu_seconds(pid) for pid in workers) - before)
            assert response.status_code == 200, response.text
            inside.append(response.json()["seconds"])
        print(f"| {method} | {statistics.median(wall):.1f} | {min(wall):.1f} | "
              f"{max(wall):.1f} | {statistics.median(cpu):.1f} | "
              f"{statistics.median(inside):.1f} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=40, help="Renders per format.")
    parser.add_argument("--method", default="greedy", help="Method of the generate.")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--limit", type=float, default=600, help="Stop after this many s.")
    parser.add_argument("--methods", action="store_true",
                        help="Time a generate of each method instead.")
    parser.add_argument("--people", type=int, default=5, help="--methods: people.")
    parser.add_argument("--photos", type=int, default=3, help="--methods: photos each.")
    args = parser.parse_args()
    if not face_photos():
        print(f"skipped: {FACES} not found")
        return 0
    print(f"# facemoji web benchmark: {load_line()}, {args.workers} worker processes\n")
    with Served(args.workers) as server:
        asyncio.run(asyncio.wait_for(_run(args, server), args.limit))
    return 0


if __name__ == "__main__":
    sys.exit(main())
