"""``facemoji batch`` on the command line: one-line errors with exit 2, the summary, the
translate task, and a batch stopped by Ctrl-C (exit 130), resumed, killed with SIGKILL
half-way, and resumed to the end."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from facemoji.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("argv, message", [
    (["batch", "-o", "{tmp}/out"], "needs INPUT"),
    (["batch", "{tmp}/missing", "-o", "{tmp}/out"], "does not exist"),
    (["batch", "{tmp}/m.csv", "-o", "{tmp}/out"], "columns person and photo"),
    (["batch", "{tmp}/m.csv"], "needs -o OUT"),
    (["batch", "{tmp}/m.csv", "-o", "{tmp}/out", "--task", "paint"], "unknown task"),
    (["batch", "{tmp}/m.csv", "-o", "{tmp}/out", "--method", "guess"], "unknown method"),
    (["batch", "{tmp}/m.csv", "-o", "{tmp}/out", "--task", "translate"], "--model"),
    (["batch", "-o", "{tmp}/out", "--task", "synth"], "-n"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, capsys, argv: list[str],
                                          message: str) -> None:
    (tmp_path / "m.csv").write_text("name,file\nann,a.jpg\n")
    code, out, err = run(capsys, *[a.format(tmp=tmp_path) for a in argv])
    assert code == 2 and out == ""
    assert err.startswith("error: ") and message in err and err.count("\n") == 1
    assert not (tmp_path / "out" / "results.jsonl").exists()


def test_summary_json_and_refusal_to_restart(people: Path, tmp_path: Path, capsys) -> None:
    out = str(tmp_path / "out")
    code, stdout, err = run(capsys, "batch", str(people), "-o", out, "--task", "analyze",
                            "--workers", "0", "--json")
    assert code == 0
    summary = json.loads(stdout)
    assert (summary["done"], summary["failed"]) == (2, 2)
    assert "skipped _group" in err and "person/s" in err
    code, _, err = run(capsys, "batch", str(people), "-o", out, "--task", "analyze")
    assert code == 2 and "--resume" in err
    code, _, err = run(capsys, "batch", str(people), "-o", out, "--task", "analyze",
                       "--workers", "0", "--resume")
    assert code == 0 and "2 of 4 done, 2 failed" in err and "4 from an earlier run" in err


def test_generate_without_reports(people: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    code, _, _ = run(capsys, "batch", str(people), "-o", str(out), "--method", "attributes",
                     "--workers", "0", "--no-report")
    assert code == 0
    assert (out / "alice" / "avatar.png").exists()
    assert not list(out.glob("*/report.html"))


def test_translate_task(people: Path, tmp_path: Path, capsys) -> None:
    onnx = pytest.importorskip("onnx")
    from onnx import TensorProto, helper

    from facemoji.gan.translate import METADATA_KEY

    # an identity "generator": the cartoon is the aligned face chip itself
    graph = helper.make_graph(
        [helper.make_node("Identity", ["image"], ["cartoon"])], "identity",
        [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["n", 3, 48, 48])],
        [helper.make_tensor_value_info("cartoon", TensorProto.FLOAT, ["n", 3, 48, 48])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    helper.set_model_props(model, {METADATA_KEY: json.dumps(
        {"size": 48, "padding": 0.5, "landmarks": False, "heatmap_sigma": 1.5})})
    onnx.save_model(model, str(tmp_path / "id.onnx"))
    out = tmp_path / "out"
    code, stdout, _ = run(capsys, "batch", str(people), "-o", str(out), "--task",
                          "translate", "--model", str(tmp_path / "id.onnx"), "--workers",
                          "0", "--json")
    assert code == 0 and json.loads(stdout)["done"] == 2
    from PIL import Image

    cartoons = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.png"))
    assert cartoons == ["alice/1.png", "alice/2.png", "bob/1.png"]
    chip = np.asarray(Image.open(out / "alice" / "1.png"))
    assert chip.shape == (48, 48, 3) and chip.std() > 10  # a face, not a blank


def _stop_half_way(command: list[str], results: Path, at: int, how: signal.Signals) -> int:
    """Start ``command`` in its own process group, wait for ``at`` lines in ``results``,
    send ``how`` (SIGINT to the whole group, as Ctrl-C does; SIGKILL to the driver
    alone) and return the exit status."""
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          start_new_session=True) as batch:
        before = results.read_bytes().count(b"\n") if results.exists() else 0
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and batch.poll() is None:
            if results.exists() and results.read_bytes().count(b"\n") >= before + at:
                break
            time.sleep(0.05)
        assert batch.poll() is None, "the batch ended before it could be stopped"
        if how == signal.SIGINT:
            os.killpg(batch.pid, signal.SIGINT)
        else:
            batch.send_signal(how)
        return batch.wait(timeout=60)


@pytest.mark.slow
def test_interrupted_then_killed_batch_resumes_with_one_line_each(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("facemoji")  # the installed console script
    if not script.exists():
        pytest.skip("the facemoji command is not installed beside this Python")
    out = tmp_path / "out"
    results = out / "results.jsonl"
    command = [str(script), "batch", "-o", str(out), "--task", "synth", "-n", "200",
               "--size", "24", "--workers", "2"]
    assert _stop_half_way(command, results, 15, signal.SIGINT) == 130
    interrupted = results.read_bytes().count(b"\n")
    assert not list(out.glob(".*.tmp")), "no half-written file is left"
    assert _stop_half_way([*command, "--resume"], results, 15, signal.SIGKILL) == -9
    killed = results.read_bytes().count(b"\n")
    assert interrupted + 15 <= killed < 200
    done = subprocess.run([*command, "--resume", "--json"], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["done"] == 200 and summary["resumed"] >= killed - 1
    names = [json.loads(line)["person"] for line in results.read_text().splitlines()]
    assert len(names) == len(set(names)) == 200
    landmarks = json.loads((out / "landmarks.json").read_text())
    assert len(landmarks) == 200 and len(list(out.glob("*.png"))) == 200
