"""facemoji.batch on the local engine: per-person outcomes, resume, inputs."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import facemoji
from facemoji.batch.inputs import read_people
from facemoji.batch.results import ResultsFile
from facemoji.errors import BadArgument


class Interrupt(Exception):
    """Stands for Ctrl-C in a test (pytest treats a real KeyboardInterrupt as its own)."""


def test_bad_photos_fail_their_person_only(people: Path, tmp_path: Path, read_lines) -> None:
    out = tmp_path / "out"
    summary = facemoji.batch(people, out, method="attributes", workers=0)
    lines = {line["person"]: line for line in read_lines(out)}
    assert sorted(lines) == ["alice", "bob", "empty", "nobody"]  # _group is not a person
    alice = lines["alice"]
    assert alice["status"] == "done" and alice["error"] is None
    # made from the two good photos, the unreadable one named in a warning
    assert len(alice["warnings"]) == 1 and "3.jpg" in alice["warnings"][0]
    assert isinstance(alice["score"], float) and alice["seconds"] > 0
    assert set(alice["files"]) == {"json", "svg", "png", "report"}
    for kind, rel in alice["files"].items():
        assert (out / rel).stat().st_size == alice["sizes"][kind]
    params = json.loads((out / "alice" / "avatar.json").read_text())
    assert params["style"] == "facemoji"
    assert lines["bob"]["status"] == "done" and lines["bob"]["warnings"] == []
    nobody = lines["nobody"]
    assert (nobody["status"], nobody["reason"]) == ("failed", "no_face")
    assert "no face found in 1.png" in nobody["error"] and nobody["files"] == {}
    assert (lines["empty"]["status"], lines["empty"]["reason"]) == ("failed", "no_photos")
    assert not (out / "nobody").exists()
    assert (summary.people, summary.done, summary.failed) == (4, 2, 2)
    assert summary.failed_by_reason == {"no_face": 1, "no_photos": 1}
    assert summary.processed == 4 and summary.per_second > 0
    assert any("_group" in note for note in summary.notes)
    assert json.loads((out / "summary.json").read_text())["done"] == 2


def test_a_batch_without_reports(people: Path, tmp_path: Path, read_lines) -> None:
    out = tmp_path / "out"
    facemoji.batch(people, out, method="attributes", workers=0)
    assert (out / "alice" / "report.html").exists()
    # started again without reports: none is left from the first batch
    facemoji.batch(people, out, method="attributes", workers=0, report=False, force=True)
    alice = next(line for line in read_lines(out) if line["person"] == "alice")
    assert set(alice["files"]) == {"json", "svg", "png"}
    assert sorted(p.name for p in (out / "alice").iterdir()) == [
        "avatar.json", "avatar.png", "avatar.svg"]


def test_unreadable_photos_only(tmp_path: Path, read_lines) -> None:
    photos = tmp_path / "photos"
    photos.mkdir()
    (photos / "carol.jpg").write_bytes(b"\xff\xd8 truncated")
    summary = facemoji.batch(photos, tmp_path / "out", task="analyze", workers=0)
    [line] = read_lines(tmp_path / "out")
    assert (line["person"], line["reason"]) == ("carol", "bad_photo")
    assert "carol.jpg" in line["error"]
    assert summary.failed_by_reason == {"bad_photo": 1}


def test_interrupted_batch_resumes_without_redoing_or_duplicating(people: Path, tmp_path: Path,
                                                                   read_lines) -> None:
    out = tmp_path / "out"
    seen: list[str] = []

    def stop_after_two(line: dict) -> None:
        seen.append(line["person"])
        if len(seen) == 2:
            raise Interrupt

    with pytest.raises(Interrupt):
        facemoji.batch(people, out, task="analyze", workers=0, on_result=stop_after_two)
    first = read_lines(out)
    assert [line["person"] for line in first] == seen
    done_file = out / first[0]["files"]["json"] if first[0]["files"] else None
    stamp = done_file.stat().st_mtime_ns if done_file else None
    # a kill while writing leaves half a line; one killed between saving a person's
    # files and its line leaves files and no line
    with open(out / "results.jsonl", "a", encoding="utf-8") as file:
        file.write('{"person": "nobody", "sta')
    with pytest.raises(BadArgument, match="--resume"):
        facemoji.batch(people, out, task="analyze", workers=0)

    resumed: list[str] = []
    summary = facemoji.batch(people, out, task="analyze", workers=0, resume=True,
                             on_result=lambda line: resumed.append(line["person"]))
    lines = read_lines(out)
    assert sorted(line["person"] for line in lines) == ["alice", "bob", "empty", "nobody"]
    assert not set(resumed) & set(seen), "finished people must not be redone"
    assert summary.resumed == 2 and summary.processed == 2
    if done_file:
        assert done_file.stat().st_mtime_ns == stamp

    # a finished person whose file went missing is made again, and listed once
    victim = next(line for line in lines if line["status"] == "done")
    (out / victim["files"]["json"]).unlink()
    again: list[str] = []
    facemoji.batch(people, out, task="analyze", workers=0, resume=True,
                   on_result=lambda line: again.append(line["person"]))
    assert again == [victim["person"]]
    names = [line["person"] for line in read_lines(out)]
    assert sorted(names) == ["alice", "bob", "empty", "nobody"]


def test_results_file_keeps_only_finished_lines(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "a").mkdir()
    (out / "a" / "f.json").write_text("{}")
    lines = [
        {"person": "a", "status": "done", "files": {"json": "a/f.json"}, "sizes": {"json": 2}},
        {"person": "b", "status": "done", "files": {"json": "b/f.json"}, "sizes": {"json": 2}},
        {"person": "c", "status": "failed", "reason": "no_face"},
        {"person": "d", "status": "failed", "reason": "worker_lost"},
        {"person": "e", "status": "failed", "reason": "error"},
    ]
    (out / "results.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    with ResultsFile(out, resume=True) as results:
        assert sorted(results.lines) == ["a", "c"]
        with pytest.raises(ValueError):
            results.write({"person": "a", "status": "done"})
    assert [json.loads(x)["person"] for x in (out / "results.jsonl").read_text().split()] \
        == ["a", "c"]
    # a changed file is not complete any more
    (out / "a" / "f.json").write_text("{ }")
    with ResultsFile(out, resume=True) as results:
        assert sorted(results.lines) == ["c"]
    with ResultsFile(out, force=True) as results:
        assert results.lines == {}
    assert (out / "results.jsonl").read_text() == ""


def test_out_folder_rules(people: Path, tmp_path: Path) -> None:
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "mine.txt").write_text("keep me")
    with pytest.raises(BadArgument, match="not empty"):
        facemoji.batch(people, busy, task="analyze", workers=0)
    with pytest.raises(BadArgument, match="not both"):
        facemoji.batch(people, busy, task="analyze", workers=0, resume=True, force=True)
    assert (busy / "mine.txt").read_text() == "keep me"


def test_local_pool_matches_in_process(people: Path, tmp_path: Path) -> None:
    here = facemoji.batch(people, tmp_path / "here", task="analyze", workers=0)
    pooled = facemoji.batch(people, tmp_path / "pool", task="analyze", workers=2)
    assert (pooled.engine, pooled.workers) == ("local", 2)
    assert (pooled.done, pooled.failed_by_reason) == (here.done, here.failed_by_reason)
    for name in ("alice", "bob"):
        a = json.loads((tmp_path / "here" / name / "analysis.json").read_text())
        b = json.loads((tmp_path / "pool" / name / "analysis.json").read_text())
        assert a == b and sorted(a) == (["1.jpg", "2.png"] if name == "alice" else ["1.png"])


def test_manifests(tmp_path: Path, people: Path) -> None:
    (tmp_path / "m.csv").write_text("person,photo\nann,people/alice/1.jpg\n"
                                    "ann,people/bob/1.png\nben,/nowhere/x.jpg\n")
    jobs = read_people(tmp_path / "m.csv").jobs
    assert [(j.name, len(j.photos)) for j in jobs] == [("ann", 2), ("ben", 1)]
    assert jobs[0].photos[0] == str(people / "alice" / "1.jpg")
    (tmp_path / "m.jsonl").write_text('{"person": "ann", "photo": "people/bob/1.png"}\n\n')
    assert read_people(tmp_path / "m.jsonl").jobs[0].photos == (str(people / "bob" / "1.png"),)
    bad = {
        "no_columns.csv": ("name,file\nann,a.jpg\n", "columns person and photo"),
        "blank.csv": ("person,photo\nann,\n", "line 2"),
        "bad.jsonl": ('{"person": "ann", "photo": "a.jpg"}\n{oops\n', "line 2"),
        "escape.csv": ("person,photo\n../up,a.jpg\n", "folder name"),
        "reserved.csv": ("person,photo\nresults.jsonl,a.jpg\n", "rename"),
        "empty.jsonl": ("", "no rows"),
    }
    for name, (text, message) in bad.items():
        (tmp_path / name).write_text(text)
        with pytest.raises(BadArgument, match=message):
            read_people(tmp_path / name)


def test_folder_of_single_photos(tmp_path: Path, people: Path) -> None:
    photos = tmp_path / "photos"
    photos.mkdir()
    for name in ("x.jpg", "y.png", ".hidden.jpg", "readme.md"):
        os.symlink(people / "alice" / "1.jpg", photos / name)
    assert [j.name for j in read_people(photos).jobs] == ["x", "y"]
    os.symlink(people / "bob" / "1.png", photos / "x.png")
    with pytest.raises(BadArgument, match="x"):
        read_people(photos)
    with pytest.raises(BadArgument, match="does not exist"):
        read_people(tmp_path / "missing")


def test_synth_task_writes_a_training_folder(tmp_path: Path) -> None:
    from facemoji.gan.data import load_avatars

    out = tmp_path / "cartoons"
    summary = facemoji.batch(None, out, task="synth", count=3, seed=5, size=32, workers=0)
    assert (summary.done, summary.people) == (3, 3)
    avatars = load_avatars(out, 32, need_landmarks=True)
    assert avatars.names == ("facemoji_000005.png", "facemoji_000006.png",
                             "facemoji_000007.png")
    assert avatars.landmarks is not None and avatars.landmarks.shape == (3, 68, 2)


def test_a_batch_resumes_only_with_the_options_it_started_with(people: Path, tmp_path: Path,
                                                               read_lines) -> None:
    out = tmp_path / "out"
    facemoji.batch(people, out, method="attributes", workers=0)
    recorded = json.loads((out / "batch.json").read_text())
    assert (recorded["task"], recorded["method"], recorded["report"]) == (
        "generate", "attributes", True)
    with pytest.raises(BadArgument, match=r"method 'attributes' now 'greedy'.*--force"):
        facemoji.batch(people, out, method="greedy", workers=0, resume=True)
    with pytest.raises(BadArgument, match="report True now False"):
        facemoji.batch(people, out, method="attributes", workers=0, resume=True, report=False)
    again = facemoji.batch(people, out, method="attributes", workers=0, resume=True)
    # the same options: nothing left to do (the two failures would fail again), none lost
    assert (again.processed, again.done, again.failed) == (0, 2, 2)
    assert len(read_lines(out)) == 4
