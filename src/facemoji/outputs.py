"""Output files written safely: checked before the work, never through a symbolic link,
each file whole or absent, and a set of files replaced together.

Every command that writes a file goes through here (``render``, ``gallery``,
``lineup -o``, ``analyze --debug-image``, ``generate``, ``gan synth|export|translate``),
and so does :meth:`facemoji.Result.save`:

- :func:`check_file` / :func:`check_folder` run before the slow part, so a bad ``-o``
  (an existing file where a folder is needed, a missing or read-only folder, a link, an
  existing output without ``--force``) fails at once with one line;
- :func:`write_files` writes into a private temporary folder inside the output folder
  and then renames each file into place: a rename replaces a link itself, never the file
  it points to, and the renames run with Ctrl-C held back, so an interrupt leaves either
  the previous set or the new one. Nothing is written once a Ctrl-C has arrived
  (:mod:`facemoji.interrupts`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from .errors import BadArgument
from .interrupts import deferred, raise_if_interrupted

Content = bytes | str
"""A file's content: bytes, or text written as UTF-8."""

TEMP_PREFIX = ".facemoji-"
"""The temporary folder's name starts with this (it is removed after every write)."""


def check_file(path: str | os.PathLike[str], suffixes: Iterable[str] | None = None,
               *, force: bool = False) -> Path:
    """Check that ``path`` can be written (before the work): a known suffix (one of
    ``suffixes``, if given), an existing, writable folder, not a folder or a link itself,
    and no existing file unless ``force``. Raises :class:`BadArgument` naming the
    problem; returns ``path`` as a :class:`Path`."""
    out = Path(path)
    if suffixes is not None:
        allowed = tuple(suffixes)
        if out.suffix.lower() not in allowed:
            raise BadArgument(f"{out}: output must end in {' or '.join(allowed)}")
    if not out.parent.is_dir():
        raise BadArgument(f"folder {out.parent} does not exist")
    _check_targets(out.parent, [out.name], force)
    _check_writable(out.parent)
    return out


def check_folder(folder: str | os.PathLike[str], names: Iterable[str], *,
                 force: bool = False) -> Path:
    """Check that the files ``names`` can be written into ``folder`` (before the work):
    ``folder`` is a folder, or does not exist yet and its parent does (it will be
    created); it is writable; none of the files is a link or a folder; existing ones
    only with ``force``. Raises :class:`BadArgument`; returns ``folder`` as a
    :class:`Path`."""
    out = Path(folder)
    if out.is_dir():
        _check_targets(out, names, force)
        _check_writable(out)
    elif out.exists() or out.is_symlink():
        raise BadArgument(f"{out} is not a folder")
    elif not out.parent.is_dir():
        raise BadArgument(f"folder {out.parent} does not exist")
    else:
        _check_writable(out.parent)
    return out


def write_file(path: str | os.PathLike[str], content: Content, *, force: bool = False
               ) -> Path:
    """Write one file whole (see :func:`write_files`); returns its path."""
    out = Path(path)
    return write_files(out.parent, {out.name: content}, force=force)[out.name]


def write_files(folder: str | os.PathLike[str], contents: Mapping[str, Content], *,
                force: bool = False, remove: Iterable[str] = ()) -> dict[str, Path]:
    """Write ``{file name: content}`` into ``folder`` together (created if its parent
    exists), after the checks of :func:`check_folder`; ``remove`` names files of an
    earlier set that this one does not have: checked like the others (only with
    ``force``) and deleted with the swap.

    Each file is written into a temporary folder inside ``folder``, then all are renamed
    into place with SIGINT/SIGTERM held back: a reader sees the previous set or the new
    one. Returns ``{file name: path}``. Raises :class:`BadArgument` for an output
    problem and ``KeyboardInterrupt`` if a Ctrl-C arrived before (nothing is written).
    """
    remove = [name for name in remove if name not in contents]
    targets = [*contents, *remove]
    out = check_folder(folder, targets, force=force)
    raise_if_interrupted()
    try:
        out.mkdir(exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=out))
    except OSError as exc:
        raise BadArgument(f"cannot write in {out}: {exc.strerror or exc}") from None
    try:
        for name, content in contents.items():
            _write_new(staging / name, content)
        _check_targets(out, targets, force)  # again: the folder may have changed meanwhile
        raise_if_interrupted()
        with deferred():
            for name in contents:
                os.replace(staging / name, out / name)
            for name in remove:
                (out / name).unlink(missing_ok=True)
    except OSError as exc:
        raise BadArgument(f"cannot write in {out}: {exc.strerror or exc}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return {name: out / name for name in contents}


def _write_new(path: Path, content: Content) -> None:
    """Create ``path`` (which must not exist; never through a link) and write ``content``."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o666)  # the umask decides, as for any new file
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def _check_targets(folder: Path, names: Iterable[str], force: bool) -> None:
    existing = []
    for name in names:
        target = folder / name
        if target.is_symlink():
            raise BadArgument(f"{target} is a symbolic link: facemoji never writes through "
                              "links; remove it or choose another output")
        if target.is_dir():
            raise BadArgument(f"{target} is a folder")
        if target.exists():
            existing.append(name)
    if existing and not force:
        if len(existing) == 1:
            raise BadArgument(f"{folder / existing[0]} exists; use --force to replace it")
        shown = ", ".join(existing[:4]) + (" …" if len(existing) > 4 else "")
        raise BadArgument(f"{folder} already holds {shown}; use --force to replace them")


def _check_writable(folder: Path) -> None:
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise BadArgument(f"cannot write in {folder}: {exc.strerror or exc}") from None
