"""Nothing facemoji does with a photo touches the network (issue 14, item 5).

onnxruntime's wheels start a telemetry client with the first inference session: it keeps a
device id under ``~/.cache/Microsoft/DeveloperTools/.onnxruntime`` and, a few seconds
later, looks up and posts to ``mobile.events.data.microsoft.com`` from a native thread
(``disable_telemetry_events()`` does not stop it; ``ORT_DISABLE_TELEMETRY=1`` set before
the import does, and ``import facemoji`` sets it). A fresh process runs analyze, generate
(attributes and greedy) and a GAN translation with Python's sockets forbidden and its home
folder in a temporary folder, under ``strace`` where it is installed; then nothing may
have opened a socket, resolved a name or written the telemetry's files.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHILD = r"""
import socket, sys, time

def refuse(*args, **kwargs):
    raise OSError("network access attempted: " + repr(args)[:80])

socket.socket.connect = socket.socket.connect_ex = refuse
socket.socket.sendto = refuse
socket.getaddrinfo = socket.gethostbyname = socket.create_connection = refuse

import numpy as np
from skimage import data
import facemoji
from facemoji.gan.translate import Translator

start = time.perf_counter()
photo = data.astronaut()
analysis = facemoji.analyze(photo)
facemoji.generate([analysis], method="attributes")
facemoji.generate([analysis], method="greedy", budget=1)
cartoon, _ = Translator(sys.argv[1]).translate_photo(photo, analysis.detection.landmarks)
assert cartoon.shape == (32, 32, 3)
time.sleep(max(0.0, 6.0 - (time.perf_counter() - start)))  # the telemetry waits ~5 s
print("done")
"""


def _tiny_gan(path: Path) -> None:
    """A 32 px "generator" (tanh of the input) with the metadata ``gan export`` writes."""
    onnx = pytest.importorskip("onnx")
    from onnx import TensorProto, helper

    from facemoji.gan.translate import METADATA_KEY

    io = [helper.make_tensor_value_info(name, TensorProto.FLOAT, ["n", 3, 32, 32])
          for name in ("image", "cartoon")]
    graph = helper.make_graph([helper.make_node("Tanh", ["image"], ["cartoon"])], "tiny",
                              [io[0]], [io[1]])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)])
    model.ir_version = 9
    helper.set_model_props(model, {METADATA_KEY: json.dumps(
        {"size": 32, "padding": 0.5, "landmarks": False, "heatmap_sigma": 1.0})})
    onnx.save_model(model, str(path))


def test_photos_are_processed_without_any_network(tmp_path: Path) -> None:
    model = tmp_path / "tiny.onnx"
    _tiny_gan(model)
    home = tmp_path / "home"
    home.mkdir()
    env = {key: value for key, value in os.environ.items()
           if key not in ("ORT_DISABLE_TELEMETRY", "XDG_CACHE_HOME")}
    env["HOME"] = str(home)
    command = [sys.executable, "-c", CHILD, str(model)]
    trace = tmp_path / "strace.txt"
    strace = shutil.which("strace")
    if strace and subprocess.run([strace, "-o", os.devnull, "true"],
                                 capture_output=True, check=False).returncode == 0:
        command = [strace, "-f", "--seccomp-bpf", "-e", "trace=connect,sendto", "-o",
                   str(trace), *command]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600,
                          check=False)
    assert done.returncode == 0 and "done" in done.stdout, done.stderr[-2000:]
    assert "network access attempted" not in done.stderr
    assert not (home / ".cache" / "Microsoft").exists(), "onnxruntime's telemetry started"
    if trace.exists():
        inet = [line for line in trace.read_text().splitlines()
                if "AF_INET" in line or "htons(" in line]
        assert inet == [], inet[:3]
