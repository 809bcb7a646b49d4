"""Output files (issue 14, items 11-13): never through a link, checked before the work,
written whole, a set replaced together, and Ctrl-C always stops a command (exit 130)."""

from __future__ import annotations

import importlib
import logging
import os
import signal
from pathlib import Path

import pytest

from facemoji import outputs
from facemoji.cli import main
from facemoji.errors import BadArgument


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_render_never_writes_through_a_link(tmp_path, capsys, force) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (tmp_path / "out").mkdir()
    link = tmp_path / "out" / "avatar.svg"
    link.symlink_to(victim)
    code, _, err = run(capsys, "render", "-o", str(link), *force)
    assert code == 2 and "symbolic link" in err and len(err.strip().splitlines()) == 1
    assert victim.read_text() == "precious" and link.is_symlink()


def test_a_dangling_link_is_not_followed(tmp_path, capsys) -> None:
    target = tmp_path / "elsewhere.json"
    link = tmp_path / "avatar.json"
    link.symlink_to(target)
    code, _, err = run(capsys, "render", "-o", str(link))
    assert code == 2 and "symbolic link" in err
    assert not target.exists() and link.is_symlink()


@pytest.mark.parametrize("argv", [
    ["gallery", "-n", "2", "-o", "{link}"],
    ["render", "--random", "-o", "{link}", "--force"],
])
def test_every_image_output_refuses_links(tmp_path, capsys, argv) -> None:
    victim = tmp_path / "victim.png"
    victim.write_bytes(b"keep")
    link = tmp_path / "sheet.png"
    link.symlink_to(victim)
    code, _, err = run(capsys, *[a.replace("{link}", str(link)) for a in argv])
    assert code == 2 and "symbolic link" in err and victim.read_bytes() == b"keep"


def test_write_files_replaces_a_set_whole(tmp_path) -> None:
    old = {"a.txt": "old a", "b.txt": "old b"}
    outputs.write_files(tmp_path / "set", old)
    with pytest.raises(BadArgument, match="use --force"):
        outputs.write_files(tmp_path / "set", {"a.txt": "new a"})
    written = outputs.write_files(tmp_path / "set", {"a.txt": "new a", "b.txt": b"new b"},
                                  force=True)
    assert written["b.txt"].read_text() == "new b"
    assert sorted(p.name for p in (tmp_path / "set").iterdir()) == ["a.txt", "b.txt"]


def test_write_files_removes_a_file_the_new_set_lacks_only_with_force(tmp_path) -> None:
    outputs.write_files(tmp_path, {"a.txt": "1", "report.html": "old"})
    with pytest.raises(BadArgument, match="exists"):
        outputs.write_files(tmp_path, {"b.txt": "2"}, remove=["report.html"])
    assert (tmp_path / "report.html").read_text() == "old"
    outputs.write_files(tmp_path, {"a.txt": "3"}, force=True, remove=["report.html", "x"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_an_interrupt_while_renaming_still_leaves_one_whole_set(tmp_path, monkeypatch
                                                                 ) -> None:
    folder = tmp_path / "set"
    outputs.write_files(folder, {"a.txt": "old", "b.txt": "old", "c.txt": "old"})
    real_replace = os.replace

    def replace_then_interrupt(src: Path, dst: Path) -> None:
        real_replace(src, dst)
        signal.raise_signal(signal.SIGINT)  # Ctrl-C after the first file moved

    monkeypatch.setattr(outputs.os, "replace", replace_then_interrupt)
    # Python's own Ctrl-C handler, whatever an earlier test (Ray, a CLI run) installed
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    restore = previous if previous is not None else signal.SIG_DFL
    try:
        with pytest.raises(KeyboardInterrupt):
            outputs.write_files(folder, dict.fromkeys(("a.txt", "b.txt", "c.txt"), "new"),
                                force=True)
    finally:
        signal.signal(signal.SIGINT, restore)
    assert {p.read_text() for p in folder.iterdir()} == {"new"}  # no staging folder left


def test_nothing_is_written_when_a_file_cannot_be_made(tmp_path) -> None:
    folder = tmp_path / "set"
    outputs.write_files(folder, {"a.txt": "old"})
    with pytest.raises(TypeError):
        outputs.write_files(folder, {"a.txt": "new", "b.txt": 42}, force=True)  # type: ignore[dict-item]
    assert [p.name for p in folder.iterdir()] == ["a.txt"]
    assert (folder / "a.txt").read_text() == "old"


@pytest.mark.parametrize("where, message", [
    ("file", "is not a folder"),
    ("missing/out", "does not exist"),
])
def test_output_folder_problems(tmp_path, where, message) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(BadArgument, match=message):
        outputs.check_folder(tmp_path / where, ["a.txt"])


def test_a_folder_that_cannot_be_written(tmp_path, monkeypatch) -> None:
    def read_only(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(outputs.tempfile, "TemporaryFile", read_only)
    with pytest.raises(BadArgument, match=r"cannot write in .*Permission denied"):
        outputs.check_file(tmp_path / "a.png", (".png",))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_folder_for_real(tmp_path) -> None:
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(BadArgument, match="cannot write in"):
            outputs.check_folder(tmp_path, ["a.txt"])
    finally:
        tmp_path.chmod(0o755)


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the drop
def test_ctrl_c_inside_a_pyvips_callback_stops_the_command(tmp_path, capsys, monkeypatch
                                                            ) -> None:
    """A SIGINT that lands while pyvips runs Python (its log callback) used to be printed
    and dropped by cffi: the command went on, wrote its file and exited 0."""
    import pyvips

    render_module = importlib.import_module("facemoji.avatar.render")

    class InterruptOnLog(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            os.kill(os.getpid(), signal.SIGINT)

    handler = InterruptOnLog()
    logging.getLogger("pyvips").addHandler(handler)
    real = render_module.svg_to_png

    def svg_to_png_with_a_warning(*args, **kwargs) -> bytes:
        # libvips logging a warning mid-render: Python runs inside a C callback
        pyvips.glib_lib._log_handler_callback(b"VIPS", 1 << 4, b"a warning", pyvips.ffi.NULL)
        return real(*args, **kwargs)

    monkeypatch.setattr(render_module, "svg_to_png", svg_to_png_with_a_warning)
    try:
        code, _, err = run(capsys, "render", "--random", "-o", str(tmp_path / "a.png"))
    finally:
        logging.getLogger("pyvips").removeHandler(handler)
    assert code == 130 and "interrupted" in err
    assert not (tmp_path / "a.png").exists()


def test_ctrl_c_exits_130(tmp_path, capsys, monkeypatch) -> None:
    render_module = importlib.import_module("facemoji.avatar.render")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(render_module, "render_svg", interrupted)
    code, _, err = run(capsys, "render", "-o", str(tmp_path / "a.svg"))
    assert code == 130 and "interrupted" in err and not (tmp_path / "a.svg").exists()
