"""The Ray engine against a local ``ray.init(num_cpus=2)``, one session for the module
(skipped only when the ``ray`` extra is not installed)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import facemoji
from facemoji.batch.cluster import RayEngine
from facemoji.batch.tasks import make_task

ray = pytest.importorskip("ray")


@pytest.fixture(scope="module")
def ray_session() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
             logging_level="warning")
    yield
    ray.shutdown()


def test_ray_batch_by_path(ray_session: None, people: Path, tmp_path: Path,
                           read_lines) -> None:
    local = facemoji.batch(people, tmp_path / "local", task="analyze", workers=0)
    summary = facemoji.batch(people, tmp_path / "ray", task="analyze", ray="auto")
    assert (summary.engine, summary.workers) == ("ray", 2)
    assert (summary.done, summary.failed_by_reason) == (local.done, local.failed_by_reason)
    lines = {line["person"]: line for line in read_lines(tmp_path / "ray")}
    assert lines["nobody"]["reason"] == "no_face" and "3.jpg" in lines["alice"]["warnings"][0]
    for name in ("alice", "bob"):
        assert (json.loads((tmp_path / "ray" / name / "analysis.json").read_text())
                == json.loads((tmp_path / "local" / name / "analysis.json").read_text()))
    assert ray.is_initialized(), "a session the caller started is left running"


def test_ray_by_bytes_saves_on_the_driver(ray_session: None, people: Path,
                                          tmp_path: Path) -> None:
    from facemoji.batch.inputs import read_people
    from facemoji.batch.results import ResultsFile

    out = tmp_path / "out"
    jobs = [j for j in read_people(people).jobs if j.name in ("alice", "nobody")]
    task = make_task("generate", method="attributes")
    with ResultsFile(out):
        outcomes = {o.name: o for o in RayEngine(None, 1, shared=False).run(task, jobs, out)}
    assert outcomes["alice"].status == "done" and outcomes["alice"].payload is None
    assert outcomes["alice"].warnings and outcomes["nobody"].reason == "no_face"
    params = json.loads((out / outcomes["alice"].files["json"]).read_text())
    assert params["style"] == "facemoji"
    assert (out / "alice" / "report.html").stat().st_size == outcomes["alice"].sizes["report"]
