"""``facemoji batch`` throughput: people per second by task, workers and engine.

Builds a batch of ``--people`` people from ``../shared/data/faces`` (each identity's
photos, symlinked again under new names — person_000, person_001, … — as many times as
needed; nothing is copied) and runs ``facemoji.batch`` on it for every combination of
``--configs`` (``analyze``; ``attributes`` and ``greedy``: generate with that method;
``attributes-no-report`` and ``greedy-no-report``: the same without ``report.html``),
``--engines`` (``local``: the process pool; ``ray``: a local Ray cluster started once
with ``ray.init()``) and ``--workers``. Each run writes into a fresh temporary OUT.

Per run it prints: people/s over the whole run (start-up and model loading included,
what a user gets), the steady rate after the first result, the start-up time (to the
first result), the scaling against 1 worker, the peak memory (VmHWM) of the busiest
worker process, and the workers' CPU seconds per person (start-up included; on a
loaded machine the least noisy measure of the work, as it does not count waiting for a
core). At the end: the driver's cost per result line and
the bytes written per person, and from those a paper estimate for a 10-node, 16-core
Ray cluster. The load average is printed before and after: on a shared machine the
numbers move with it.

    python benchmarks/batch.py [--people 200] [--configs analyze,attributes,greedy]
                               [--engines local,ray] [--workers 1,2]
                               [--limit greedy=40] [--json results.json]

Skips (exit 0) where the shared folder is absent, and the Ray runs where ``ray`` is not
installed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FACES = SHARED / "data" / "faces"
CONFIGS = {"analyze": {"task": "analyze"},
           "attributes": {"task": "generate", "method": "attributes"},
           "greedy": {"task": "generate", "method": "greedy"},
           "attributes-no-report": {"task": "generate", "method": "attributes",
                                    "report": False},
           "greedy-no-report": {"task": "generate", "method": "greedy", "report": False}}
CLUSTER = (10, 16)
"""The paper cluster: nodes, cores per node."""


def build_people(root: Path, count: int) -> None:
    """``count`` person folders under ``root``, each the photos of one shared identity
    (in turn), symlinked."""
    from facemoji.batch.inputs import read_people

    identities = [job for job in read_people(FACES).jobs if job.photos]
    for i in range(count):
        folder = root / f"person_{i:03d}"
        folder.mkdir(parents=True)
        for photo in identities[i % len(identities)].photos:
            os.symlink(photo, folder / Path(str(photo)).name)


class WorkerSampler:
    """Samples the batch's worker processes (this process's spawned children, or Ray's
    ``BatchWorker`` actors): their VmHWM (peak resident memory) and CPU time."""

    def __init__(self) -> None:
        self.peaks: dict[int, int] = {}
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> WorkerSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = os.getpid()
        tick = os.sysconf("SC_CLK_TCK")
        while not self._stop.wait(0.2):
            for pid in filter(str.isdigit, os.listdir("/proc")):
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                    cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
                    stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
                ours = (int(fields.get("PPid", "0")) == me and b"spawn_main" in cmdline
                        ) or cmdline.startswith(b"ray::BatchWorker")
                if ours and "VmHWM" in fields:
                    kb = int(fields["VmHWM"].split()[0])
                    self.peaks[int(pid)] = max(self.peaks.get(int(pid), 0), kb)
                    self.cpu[int(pid)] = (int(stat[11]) + int(stat[12])) / tick  # utime+stime

    @property
    def worker_mb(self) -> float:
        """The largest worker peak, in MB."""
        return max(self.peaks.values(), default=0) / 1024


def run_one(people: Path, config: str, engine: str, workers: int) -> dict[str, Any]:
    """One batch; its numbers."""
    import facemoji

    first: list[float] = []
    sizes: list[int] = []
    start = time.perf_counter()

    def on_result(line: dict[str, Any]) -> None:
        if not first:
            first.append(time.perf_counter() - start)
        sizes.append(sum(line.get("sizes", {}).values()))

    with tempfile.TemporaryDirectory(prefix="facemoji-bench-") as out, \
            WorkerSampler() as workers_seen:
        summary = facemoji.batch(people, Path(out) / "out", workers=workers,
                                 ray="auto" if engine == "ray" else None,
                                 on_result=on_result, **CONFIGS[config])
    steady = ((summary.processed - 1) / (summary.seconds - first[0])
              if summary.processed > 1 and summary.seconds > first[0] else 0.0)
    return {"config": config, "engine": engine, "workers": workers,
            "people": summary.people, "done": summary.done, "failed": summary.failed,
            "seconds": summary.seconds, "per_second": summary.per_second,
            "steady_per_second": round(steady, 3), "first_result_s": round(first[0], 2),
            "worker_peak_mb": round(workers_seen.worker_mb),
            "worker_cpu_s_per_person": round(sum(workers_seen.cpu.values())
                                             / max(1, summary.processed), 3),
            "bytes_per_person": round(sum(sizes) / max(1, len(sizes))),
            "load": os.getloadavg()[0]}


def driver_cost_per_line(n: int = 2000) -> float:
    """Seconds the driver spends writing one results line (flushed)."""
    from facemoji.batch.results import ResultsFile

    line = {"person": "x", "status": "done", "reason": None, "error": None, "score": 0.5,
            "seconds": 3.2, "warnings": [], "sizes": {"json": 947, "png": 59945},
            "files": {"json": "x/avatar.json", "png": "x/avatar.png"}}
    with tempfile.TemporaryDirectory() as out, ResultsFile(Path(out) / "o") as results:
        start = time.perf_counter()
        for i in range(n):
            results.write({**line, "person": f"p{i}"})
        return (time.perf_counter() - start) / n


def estimate(rows: list[dict[str, Any]], line_s: float) -> list[str]:
    """The paper estimate for the cluster of :data:`CLUSTER`, per config: one core does
    1 / (CPU s per person) people/s (the 1-worker local run; CPU time, because waiting for
    a busy machine's cores is not work), times the parallel efficiency measured with all
    this machine's cores, times the cluster's cores."""
    nodes, cores = CLUSTER
    out = [f"Paper estimate, {nodes} nodes x {cores} cores ({nodes * cores} actors):"]
    for config in CONFIGS:
        runs = {r["workers"]: r for r in rows if r["config"] == config
                and r["engine"] == "local"}
        if 1 not in runs or not runs[1]["worker_cpu_s_per_person"]:
            continue
        per_core = 1 / runs[1]["worker_cpu_s_per_person"]
        most = max(runs)
        efficiency = (min(1.0, runs[1]["worker_cpu_s_per_person"]
                          / runs[most]["worker_cpu_s_per_person"]) if most > 1 else 1.0)
        cluster = per_core * efficiency * nodes * cores
        mb = runs[1]["bytes_per_person"] / 1e6
        out.append(
            f"- {config}: {per_core:.2f} people/s per core x {efficiency:.2f} (CPU per person "
            f"with {most} workers vs 1) x {nodes * cores} = {cluster:.0f} people/s, "
            f"{cluster * 3600:,.0f} people/hour; the driver spends "
            f"{cluster * line_s * 100:.2f}% of its time writing lines; {cluster * mb:.1f} MB/s "
            f"of results ({mb:.3f} MB per person) if sent back by bytes; start-up "
            f"{runs[1]['first_result_s']:.0f} s to the first result, once per actor")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--configs", default="analyze,attributes,greedy")
    parser.add_argument("--engines", default="local,ray")
    parser.add_argument("--workers", default=f"1,{os.cpu_count() or 1}")
    parser.add_argument("--limit", default="", help="fewer people for some configs: "
                        "greedy=40,attributes=100")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args()
    if not FACES.is_dir():
        print(f"skipped: {FACES} not found")
        return 0
    engines = args.engines.split(",")
    if "ray" in engines:
        try:
            import ray
        except ImportError:
            print("ray is not installed (pip install 'facemoji[ray]'): local engine only")
            engines = [e for e in engines if e != "ray"]
        else:
            ray.init(include_dashboard=False, log_to_driver=False, logging_level="warning")
    limits = {k: int(v) for k, v in (item.split("=") for item in args.limit.split(",") if item)}
    print(f"# {platform.node()}: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"load average {os.getloadavg()}")
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="facemoji-people-") as tmp:
        built: dict[int, Path] = {}
        for config in args.configs.split(","):
            count = limits.get(config, args.people)
            if count not in built:
                built[count] = Path(tmp) / f"people{count}"
                build_people(built[count], count)
            for engine in engines:
                for workers in (int(w) for w in args.workers.split(",")):
                    row = run_one(built[count], config, engine, workers)
                    base = next((r for r in rows if r["config"] == config
                                 and r["engine"] == engine and r["workers"] == 1), None)
                    row["scaling"] = (round(row["per_second"] / base["per_second"], 2)
                                      if base and base["per_second"] else None)
                    rows.append(row)
                    print(json.dumps(row), flush=True)
    print()
    print("| config | engine | workers | people | s | people/s | steady people/s | "
          "x 1 worker | first result s | worker CPU s/person | worker peak MB | load |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['config']} | {r['engine']} | {r['workers']} | {r['people']} | "
              f"{r['seconds']:.0f} | {r['per_second']:.3f} | {r['steady_per_second']:.3f} | "
              f"{r['scaling'] or '–'} | {r['first_result_s']:.1f} | "
              f"{r['worker_cpu_s_per_person']:.2f} | {r['worker_peak_mb']} | {r['load']:.1f} |")
    line_s = driver_cost_per_line()
    print(f"\ndriver: {line_s * 1e6:.0f} µs per results line; driver peak RSS "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    print("\n".join(estimate(rows, line_s)))
    print(f"\nload average at the end {os.getloadavg()}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
