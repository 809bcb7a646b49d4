"""``facemoji serve`` in a subprocess, for the web benchmarks (``web.py``, ``abuse.py``).

Starts it on a free port of 127.0.0.1, waits until ``/api/health`` says its workers
have loaded the models, finds its worker processes and reads their memory from
``/proc`` (Linux), and stops it at the end. Also the photos the benchmarks send: the
first photo of ../shared/data/faces where that folder is present, else scikit-image's
astronaut.
"""

from __future__ import annotations

import asyncio
import io
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FACES = SHARED / "data" / "faces"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Served:
    """The server process while the ``with`` block lasts; ``base`` is its URL."""

    def __init__(self, workers: int, *options: str) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.argv = ["serve", "--port", str(self.port), "--workers", str(workers), *options]
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Served:
        code = f"from facemoji.cli import main; main({self.argv!r})"
        self.process = subprocess.Popen([sys.executable, "-c", code],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.process is not None
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    async def ready(self, http: Any, timeout: float = 180) -> dict[str, Any]:
        """Wait until the server answers and its workers are warm; its health document."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise SystemExit("the server exited at start")
            try:
                health = (await http.get("/api/health")).json()
                if health["ready"] and health["quick"]["ready"] == health["quick"]["size"]:
                    return health  # type: ignore[no-any-return]
            except Exception:  # not listening yet
                pass
            await asyncio.sleep(0.2)
        raise SystemExit(f"the server was not ready after {timeout:.0f} s")

    def workers(self) -> list[int]:
        """The worker processes (the server's children)."""
        return children(self.pid)


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return sorted(found)


def memory_mb(pid: int, field: str = "VmRSS") -> float:
    """``VmRSS`` (now) or ``VmHWM`` (peak) of ``pid`` in MB; 0 when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds ``pid`` has used itself (not its children); 0 when gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def reset_peak(pid: int) -> bool:
    """Reset ``pid``'s ``VmHWM`` to its current RSS (Linux ``clear_refs``)."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def face_photos() -> list[Path]:
    """The first photo of each person in ../shared (empty where it is absent)."""
    if not FACES.is_dir():
        return []
    return sorted(p for p in FACES.glob("*/01.jpg") if not p.parent.name.startswith("_"))


def a_face() -> tuple[str, bytes]:
    """A photo with one face: the first shared one, else the astronaut (PNG)."""
    photos = face_photos()
    if photos:
        return photos[0].name, photos[0].read_bytes()
    from PIL import Image
    from skimage.data import astronaut

    buf = io.BytesIO()
    Image.fromarray(astronaut()).save(buf, "PNG")
    return "astronaut.png", buf.getvalue()


def load_line() -> str:
    """The machine: cores and load average, for the benchmark's header."""
    import platform

    return (f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}, load average "
            f"{' / '.join(f'{x:.1f}' for x in os.getloadavg())}")
