"""``facemoji batch``: one task for every person of a folder or a manifest."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from tqdm import tqdm

from ..errors import BadArgument
from . import app
from .common import print_json

BAR = ("{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} "
       "[{elapsed}<{remaining}, {rate_noinv_fmt}{postfix}]")
"""tqdm's bar, always in people per second (not seconds per person when slow)."""


@app.command()
def batch(
    source: Annotated[Path | None, typer.Argument(
        metavar="INPUT", show_default=False,
        help="A folder of per-person folders, a folder of photos (one person each), or a "
        "manifest (.csv with person,photo columns, or .jsonl).")] = None,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", show_default=False,
        help="Output folder: one folder per person, results.jsonl, summary.json.")] = None,
    task: Annotated[str, typer.Option(
        "--task", "-t", help="generate, analyze, translate (--model) or synth (-n).")]
    = "generate",
    method: Annotated[str, typer.Option("--method", "-m", help="generate: attributes, "
                                        "greedy or search.")] = "greedy",
    style: Annotated[str, typer.Option("--style", "-s", help="Avatar style.")] = "facemoji",
    budget: Annotated[int | None, typer.Option("--budget", help="generate: search's "
                                               "identity evaluations, greedy's rounds.")]
    = None,
    seed: Annotated[int, typer.Option("--seed", help="generate: search seed; synth: first "
                                      "avatar's seed.")] = 0,
    model: Annotated[Path | None, typer.Option("--model", help="translate: ONNX model from "
                                               "`facemoji gan export`.")] = None,
    n: Annotated[int | None, typer.Option("-n", help="synth: number of avatars.")] = None,
    size: Annotated[int, typer.Option("--size", help="synth: chip side in pixels.")] = 128,
    report: Annotated[bool, typer.Option(
        "--report/--no-report", help="generate: write each person's report.html (about a "
        "second each).")] = True,
    workers: Annotated[int | None, typer.Option(
        "--workers", "-w", show_default=False,
        help="Worker processes (default: one per core; 0: none, run here), or Ray actors "
        "(default: one per cluster CPU).")] = None,
    ray: Annotated[str | None, typer.Option(
        "--ray", envvar="RAY_ADDRESS", show_default=False,
        help="Run on a Ray cluster: auto, ray://HOST:10001, or local (a new one here); "
        "default $RAY_ADDRESS. Needs facemoji\\[ray].")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Continue a batch in OUT: skip "
                                         "the people it finished.")] = False,
    force: Annotated[bool, typer.Option("--force", "-f", help="Start again over a batch in "
                                        "OUT, or write into a folder that is not empty.")]
    = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")]
    = False,
) -> None:
    """Run one task for many people, on every core or a Ray cluster; resumable.

    Each person's files go to OUT/<person>/ and their line to OUT/results.jsonl as they finish. A person without a usable photo is a failed line, not a stopped batch. Ctrl-C loses only the people in flight: continue with --resume.
    """  # noqa: E501 (one paragraph per line: --help reflows it)
    from ..batch import Plan, run_batch

    if output is None:
        raise BadArgument("batch needs -o OUT, the output folder")
    bar: list[tqdm] = []
    failed = [0]

    def started(plan: Plan) -> None:
        for note in plan.notes:
            typer.echo(f"note: {note}", err=True)
        if plan.resumed:
            typer.echo(f"resuming: {plan.resumed} of {plan.people} finished already",
                       err=True)
        engine = (f"{plan.workers} workers" if plan.workers else
                  "in this process" if plan.engine == "local" else "one per CPU")
        bar.append(tqdm(total=plan.todo, desc=f"{plan.task} ({plan.engine}, {engine})",
                        unit=plan.unit, file=sys.stderr, dynamic_ncols=True, smoothing=0.05,
                        bar_format=BAR))

    def finished(line: dict[str, Any]) -> None:
        if line["status"] != "done":
            failed[0] += 1
            bar[0].set_postfix(failed=failed[0], refresh=False)
        bar[0].update(1)

    try:
        summary = run_batch(source, output, task=task, style=style, method=method,
                            budget=budget, seed=seed, model=model, count=n, size=size,
                            report=report, workers=workers, ray=ray, resume=resume, force=force,
                            on_start=started, on_result=finished)
    except KeyboardInterrupt:
        if bar:
            bar[0].close()
        typer.echo(f"interrupted: the finished people are in {output / 'results.jsonl'}; "
                   "continue with --resume", err=True)
        raise
    finally:
        if bar:
            bar[0].close()
    if as_json:
        print_json(summary.to_dict())
        return
    failures = ", ".join(f"{reason} {count}" for reason, count in
                         summary.failed_by_reason.items())
    typer.echo(f"{summary.done} of {summary.people} done"
               + (f", {summary.failed} failed ({failures})" if summary.failed else "")
               + (f", {summary.resumed} from an earlier run" if summary.resumed else "")
               + f"; {summary.processed} in {summary.seconds:.1f} s "
               f"({summary.per_second:.2f}/s, {summary.workers} workers, {summary.engine})"
               f"\nresults: {summary.results}", err=True)
