"""scripts/build_faceset.py and scripts/faceset_tally.py on a small git repository and
label files made here; and the committed manifests and labels (face set and portrait set)
pass the tally's checks."""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
FACES = ROOT / "benchmarks" / "data" / "faces"
PORTRAITS = ROOT / "benchmarks" / "data" / "portraits"
REPO = "someone/faces"


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


build_faceset = _script("build_faceset")
faceset_tally = _script("faceset_tally")
faceset_merge_labels = _script("faceset_merge_labels")
select_portraits = _script("select_portraits")


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=cwd,
                          check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def source(tmp_path: Path) -> tuple[Path, Path]:
    """A git checkout with two photos committed, and a manifest naming them."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "src"
    (repo / "lfw").mkdir(parents=True)
    rng = np.random.default_rng(0)
    for name in ("A_0001.jpg", "B_0002.jpg"):
        Image.fromarray(rng.integers(0, 255, (20, 20, 3), dtype=np.uint8)).save(repo / "lfw" / name)
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "photos")
    commit = _git(repo, "rev-parse", "HEAD")
    manifest = tmp_path / "manifest.csv"
    with open(manifest, "w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["file", "identity", "source_repo", "source_path", "source_commit",
                         "sha256", "license_note"])
        for slug, name in (("a", "A_0001.jpg"), ("b", "B_0002.jpg")):
            digest = hashlib.sha256((repo / "lfw" / name).read_bytes()).hexdigest()
            writer.writerow([f"{slug}/01.jpg", slug, REPO, f"lfw/{name}", commit, digest, "test"])
    return repo, manifest


def _build(manifest: Path, repo: Path, out: Path, *extra: str) -> int:
    return build_faceset.main(["--manifest", str(manifest), "--source", f"{REPO}={repo}",
                               "--out", str(out), *extra])


def test_build_writes_verified_copies_then_leaves_them(source, tmp_path, capsys) -> None:
    repo, manifest = source
    out = tmp_path / "out"
    assert _build(manifest, repo, out) == 0
    assert (out / "a" / "01.jpg").read_bytes() == (repo / "lfw" / "A_0001.jpg").read_bytes()
    assert "2 written" in capsys.readouterr().out
    assert _build(manifest, repo, out) == 0
    assert "2 unchanged" in capsys.readouterr().out


def test_build_reads_the_commit_not_the_work_tree(source, tmp_path) -> None:
    repo, manifest = source
    committed = (repo / "lfw" / "A_0001.jpg").read_bytes()
    (repo / "lfw" / "A_0001.jpg").write_bytes(b"changed after the commit")
    assert _build(manifest, repo, tmp_path / "out") == 0
    assert (tmp_path / "out" / "a" / "01.jpg").read_bytes() == committed


def test_build_refuses_to_overwrite_a_different_file_without_force(source, tmp_path,
                                                                  capsys) -> None:
    repo, manifest = source
    out = tmp_path / "out"
    (out / "a").mkdir(parents=True)
    (out / "a" / "01.jpg").write_bytes(b"mine")
    assert _build(manifest, repo, out) == 2
    err = capsys.readouterr().err
    assert "--force" in err and len(err.strip().splitlines()) == 1
    assert (out / "a" / "01.jpg").read_bytes() == b"mine"
    assert not (out / "b").exists()  # nothing written when any row fails
    assert _build(manifest, repo, out, "--force") == 0
    assert (out / "a" / "01.jpg").read_bytes() != b"mine"


def test_build_rejects_a_source_whose_bytes_do_not_match(source, tmp_path, capsys) -> None:
    repo, manifest = source
    shutil.rmtree(repo / ".git")  # a plain folder: the work tree copy is used
    (repo / "lfw" / "B_0002.jpg").write_bytes(b"not the photo")
    assert _build(manifest, repo, tmp_path / "out") == 2
    assert "sha256" in capsys.readouterr().err


def test_build_needs_an_output_folder_and_every_source(source, tmp_path, monkeypatch,
                                                        capsys) -> None:
    repo, manifest = source
    monkeypatch.delenv("FACEMOJI_FACESET", raising=False)
    assert build_faceset.main(["--manifest", str(manifest), "--source", f"{REPO}={repo}"]) == 2
    assert "FACEMOJI_FACESET" in capsys.readouterr().err
    assert build_faceset.main(["--manifest", str(manifest), "--out", str(tmp_path / "o")]) == 2
    assert REPO in capsys.readouterr().err


LABEL = {"hair_color": "red", "skin_tone": "7", "glasses": "sunglasses", "glasses_frame": "thin",
         "facial_hair": "none", "headwear": "cap", "face_count": "1", "frontal": "yes",
         "hair_length": "long", "hair_type": "curly", "hair_up": "none", "bangs": "no",
         "hairline": "normal", "smile": "teeth", "age_band": "60+", "gender": "female",
         "notes": ""}


def _labels(tmp_path: Path, rows: list[dict[str, str]]) -> tuple[Path, Path]:
    labels, manifest = tmp_path / "labels.csv", tmp_path / "manifest.csv"
    with open(labels, "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["file", *LABEL])
        writer.writeheader()
        writer.writerows(rows)
    with open(manifest, "w", newline="") as fh:
        fh.write("file\n" + "".join(f"{r['file']}\n" for r in rows))
    return labels, manifest


def test_tally_counts_each_quota(tmp_path) -> None:
    rows = [{"file": f"p{i}/01.jpg", **LABEL} for i in range(3)]
    rows.append({**rows[0], "file": "p0/02.jpg", "hair_color": "black", "skin_tone": "2",
                 "gender": "male", "smile": "closed"})
    lines, all_met = faceset_tally.quota_table(faceset_tally.read_labels(*_labels(tmp_path, rows)))
    table = {line.split(" | ")[0].lstrip("| "): line.split(" | ")[2] for line in lines[2:]}
    assert not all_met  # four photos are far from 300
    assert table["photos"] == "4" and table["people"] == "3"
    assert table["people with >= 2 photos"] == "1"
    assert table["Monk >= 5 (share of photos)"] == "3 (75%)"
    assert table["red or auburn hair"] == "3" and table["smiling with teeth"] == "3"
    assert table["women, hair past the chin"] == "3" and table["sunglasses"] == "4"


def test_tally_rejects_unknown_values_and_unlabelled_files(tmp_path, capsys) -> None:
    labels, manifest = _labels(tmp_path, [{"file": "p/01.jpg", **LABEL, "glasses": "monocle"}])
    assert faceset_tally.main([str(labels), "--manifest", str(manifest)]) == 2
    assert "monocle" in capsys.readouterr().err
    labels, manifest = _labels(tmp_path, [{"file": "p/01.jpg", **LABEL}])
    manifest.write_text("file\np/01.jpg\np/02.jpg\n")
    assert faceset_tally.main([str(labels), "--manifest", str(manifest)]) == 2
    assert "1 unlabelled" in capsys.readouterr().err


@pytest.mark.parametrize("labels, least", [(FACES / "labels.csv", 300),
                                           (FACES / "labels_pass1.csv", 300),
                                           (PORTRAITS / "labels.csv", 190)],
                         ids=lambda p: f"{p.parent.name}/{p.name}" if isinstance(p, Path) else "")
def test_committed_labels_match_the_manifest_and_vocabulary(labels: Path, least: int) -> None:
    rows = faceset_tally.read_labels(labels, labels.parent / "manifest.csv")
    with open(labels.parent / "manifest.csv", newline="") as fh:
        manifest = list(csv.DictReader(fh))
    assert len(rows) == len(manifest) >= least
    assert all(len(r["sha256"]) == 64 for r in manifest)


@pytest.mark.parametrize("data", [FACES, PORTRAITS], ids=lambda p: p.name)
def test_the_merged_labels_are_what_the_passes_give(data: Path) -> None:
    merge = subprocess.run([sys.executable, str(ROOT / "scripts" / "faceset_merge_labels.py"),
                            "--check", "--data", str(data)], capture_output=True, text=True)
    assert merge.returncode == 0, merge.stdout + merge.stderr


def test_portrait_age_bands_come_from_the_birth_year_and_the_congress() -> None:
    # the 117th Congress met in January 2021
    assert faceset_merge_labels.congress_age_band("1961", "117") == "60+"
    assert faceset_merge_labels.congress_age_band("1962", "117") == "45-59"
    assert faceset_merge_labels.congress_age_band("1989", "117") == "30-44"
    assert faceset_merge_labels.congress_age_band("1992", "117") == "18-29"


def test_portrait_files_are_named_given_name_then_surname_in_ascii() -> None:
    assert select_portraits.slug("BEATTY, Joyce") == "joyce_beatty"
    assert select_portraits.slug("LUJÁN, Ben Ray") == "ben_lujan"
    assert select_portraits.slug("OCASIO-CORTEZ, Alexandria") == "alexandria_ocasio_cortez"


def test_portraits_are_apart_from_the_other_sets_and_the_likeness_sheet() -> None:
    with open(PORTRAITS / "manifest.csv", newline="") as fh:
        portraits = list(csv.DictReader(fh))
    with open(FACES / "manifest.csv", newline="") as fh:
        faceset = {r["identity"] for r in csv.DictReader(fh)}
    with open(ROOT / "docs" / "likeness_sources.csv", newline="") as fh:
        on_sheet = {r["source_path"] for r in csv.DictReader(fh)}
    assert len({r["identity"] for r in portraits}) == len(portraits) == 190
    assert not {r["identity"] for r in portraits} & faceset
    assert not {r["source_path"] for r in portraits} & on_sheet
