"""Rebuild the labelled face-photo folder from local copies of its source repositories.

    python scripts/build_faceset.py \
        --source umass-vis-lfw/umass-vis-lfw.github.io=/path/to/its/git-dir-or-checkout \
        [--out DIR]          # default: $FACEMOJI_FACESET
        [--manifest CSV]     # default: benchmarks/data/faces/manifest.csv
        [--force]            # replace files that differ from the manifest

The photos are not in this repository (no license lets us redistribute them): each
manifest row names a source repository, a commit, a path and the file's sha256. A source
is a bare git directory or a checkout; the file is read from the named commit (``git
cat-file``), or from the checkout's work tree when that commit is absent, and is written
only if its sha256 matches. Existing files that match are left alone; a file that differs
is replaced only with ``--force``; photos the manifest no longer lists are reported, never
deleted. Errors are one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import subprocess
import sys
from pathlib import Path

MANIFEST = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "faces" / "manifest.csv"
COLUMNS = ("file", "identity", "source_repo", "source_path", "source_commit", "sha256")


class BuildError(Exception):
    """A problem the user can fix; reported as one line, exit status 2."""


def read_manifest(path: Path) -> list[dict[str, str]]:
    """Manifest rows; raises BuildError when the file or a needed column is missing."""
    try:
        with open(path, newline="") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:
        raise BuildError(f"cannot read manifest {path}: {exc.strerror}") from None
    missing = [c for c in COLUMNS if rows and c not in rows[0]]
    if not rows or missing:
        raise BuildError(f"manifest {path} has no rows or lacks columns: {', '.join(missing)}")
    return rows


def parse_sources(specs: list[str]) -> dict[str, Path]:
    """``owner/name=PATH`` pairs to a mapping; PATH must be a directory."""
    sources = {}
    for spec in specs:
        repo, sep, path = spec.partition("=")
        if not sep or "/" not in repo or not path:
            raise BuildError(f"--source wants owner/name=PATH, got {spec!r}")
        if not Path(path).is_dir():
            raise BuildError(f"--source {repo}: {path} is not a directory")
        sources[repo] = Path(path)
    return sources


def _git_dir(source: Path) -> Path:
    return source / ".git" if (source / ".git").exists() else source


def read_source(source: Path, commit: str, path: str) -> bytes | None:
    """The file at ``commit:path`` in the repository at ``source``, else the checkout's copy."""
    try:
        result = subprocess.run(
            ["git", "--git-dir", str(_git_dir(source)), "cat-file", "blob", f"{commit}:{path}"],
            capture_output=True,
        )
    except FileNotFoundError:
        raise BuildError("git is not installed (it reads the source repositories)") from None
    if result.returncode == 0:
        return result.stdout
    work_file = source / path
    return work_file.read_bytes() if work_file.is_file() else None


def build(
    rows: list[dict[str, str]], sources: dict[str, Path], out: Path, force: bool
) -> dict[str, int]:
    """Write every manifest photo under ``out``; returns counts of written/unchanged/replaced."""
    needed = sorted({r["source_repo"] for r in rows} - set(sources))
    if needed:
        raise BuildError(f"no --source given for: {', '.join(needed)}")
    plan = []  # check everything before writing anything
    for row in rows:
        target = out / row["file"]
        if not target.resolve().is_relative_to(out.resolve()):
            raise BuildError(f"manifest file {row['file']!r} points outside --out")
        data = read_source(sources[row["source_repo"]], row["source_commit"], row["source_path"])
        if data is None:
            raise BuildError(f"{row['source_repo']} has no {row['source_path']} at "
                             f"{row['source_commit'][:12]} (nor in its work tree)")
        if hashlib.sha256(data).hexdigest() != row["sha256"]:
            raise BuildError(f"{row['source_repo']}:{row['source_path']} does not match the "
                             f"manifest's sha256 for {row['file']}")
        state = "written"
        if target.exists():
            if hashlib.sha256(target.read_bytes()).hexdigest() == row["sha256"]:
                state = "unchanged"
            elif not force:
                raise BuildError(f"{target} exists and differs from the manifest "
                                 "(use --force to replace it)")
            else:
                state = "replaced"
        plan.append((target, data, state))
    counts = {"written": 0, "unchanged": 0, "replaced": 0}
    for target, data, state in plan:
        counts[state] += 1
        if state != "unchanged":
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(".part")
            tmp.write_bytes(data)
            tmp.replace(target)
    return counts


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", action="append", default=[], metavar="OWNER/NAME=PATH",
                        help="local git dir or checkout of a source repository (repeatable)")
    parser.add_argument("--out", help="photo folder to fill (default: $FACEMOJI_FACESET)")
    parser.add_argument("--manifest", type=Path, default=MANIFEST)
    parser.add_argument("--force", action="store_true", help="replace files that differ")
    args = parser.parse_args(argv)
    try:
        out_arg = args.out or os.environ.get("FACEMOJI_FACESET")
        if not out_arg:
            raise BuildError("no output folder: pass --out or set FACEMOJI_FACESET")
        out = Path(out_arg)
        if out.exists() and not out.is_dir():
            raise BuildError(f"--out {out} exists and is not a directory")
        rows = read_manifest(args.manifest)
        counts = build(rows, parse_sources(args.source), out, args.force)
    except BuildError as exc:
        print(f"build_faceset: error: {exc}", file=sys.stderr)
        return 2
    people = len({r["identity"] for r in rows})
    print(f"{out}: {len(rows)} photos of {people} people: {counts['written']} written, "
          f"{counts['unchanged']} unchanged, {counts['replaced']} replaced (sha256 verified)")
    listed = {out / r["file"] for r in rows}
    extra = sorted(p for p in out.rglob("*.jpg") if p not in listed)
    if extra:
        print(f"note: {len(extra)} .jpg files under {out} are not in the manifest (left alone), "
              f"e.g. {extra[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
