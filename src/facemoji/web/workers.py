"""Worker processes for the CPU-heavy requests: bounded, cancellable, self-healing.

``concurrent.futures.ProcessPoolExecutor`` can neither stop a call that is running nor
lose one worker without failing every call in flight (``BrokenProcessPool``), and its
queue has no bound. :class:`WorkerPool` keeps ``size`` spawned processes (spawned, not
forked: libvips keeps threads), each running one call at a time, and:

- admits at most ``size + queue`` requests (:meth:`WorkerPool.admit` raises
  :class:`~facemoji.web.errors.Busy` at once when full), before their bodies are read;
- stops a call whose request timed out, was cancelled or went away: the worker sees a
  cancellation token at its next :func:`report` and drops the call; a worker that has
  not stopped ``grace`` seconds later is killed with its process group (the embedding
  helpers it forked included) and replaced, so later calls are never blocked by it;
- answers only the call of a worker that died with
  :class:`~facemoji.web.errors.WorkerLost` (503) and starts one new worker in its place;
  the other workers and their models are left alone.
"""

from __future__ import annotations

import asyncio
import atexit
import itertools
import logging
import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

from ..errors import FacemojiError
from ..worker import exit_with_parent
from .errors import Busy, Cancelled, Refused, TimeLimit, WorkerLost, status_for

log = logging.getLogger(__name__)

Event = dict[str, Any]
"""What a call reports while it runs (progress, per-photo outcomes); plain data."""

# -- in the worker process ------------------------------------------------------------


@dataclass
class _Running:
    """The call the worker runs now: its id, the pipe to the server, the token."""

    call_id: int
    conn: Connection
    token: Any  # multiprocessing Value("q"): the id of the call the server cancelled


_running: _Running | None = None


def report(event: Event) -> None:
    """Send ``event`` to whoever waits for the call this worker runs, then raise
    :class:`~facemoji.web.errors.Cancelled` if the server has cancelled that call.
    Outside a worker (the function called directly) it does nothing."""
    running = _running
    if running is None:
        return
    running.conn.send(("event", running.call_id, event))
    if running.token.value == running.call_id:
        raise Cancelled


def _main(conn: Connection, token: Any, server_pid: int,
          warm: Callable[[], None] | None, max_rss: int | None) -> None:
    """A worker process: warm up, then run calls sent by the server until told to stop,
    or until a call leaves it holding more than ``max_rss`` bytes (then it retires after
    answering, and the server starts a fresh one)."""
    os.setsid()  # its own process group: killing the group also stops what it forked
    exit_with_parent(server_pid)
    if warm is not None:
        try:
            warm()
        except Exception:  # a worker that cannot warm up loads what it needs on first use
            log.warning("could not warm up the worker", exc_info=True)
    conn.send(("ready", os.getpid()))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        call_id, fn, args = message
        answer = _call(conn, token, call_id, fn, args)
        retire = max_rss is not None and _rss() > max_rss
        try:
            if retire:  # before the answer, so that no new call is sent to it
                log.warning("a worker holds %d MB after a call; replacing it", _rss() >> 20)
                conn.send(("retire",))
            conn.send(answer)
        except (EOFError, OSError):
            return
        except Exception as exc:  # a result that cannot be pickled
            log.error("cannot send the result of %s", fn, exc_info=exc)
            conn.send(_internal(call_id, exc))
        if retire:
            return


def _call(conn: Connection, token: Any, call_id: int, fn: Callable[..., Any],
          args: tuple[Any, ...]) -> tuple[Any, ...]:
    global _running
    _running = _Running(call_id, conn, token)
    try:
        if token.value == call_id:  # cancelled while it was being sent
            raise Cancelled
        return ("done", call_id, fn(*args))
    except Cancelled:
        return ("cancelled", call_id)
    except FacemojiError as exc:
        return ("fail", call_id, status_for(exc), str(exc), getattr(exc, "extra", {}))
    except Exception as exc:  # a bug: the worker lives on, the request gets a clean 500
        log.error("internal error in %s", getattr(fn, "__name__", fn), exc_info=exc)
        return _internal(call_id, exc)
    finally:
        _running = None


def _internal(call_id: int, exc: BaseException) -> tuple[Any, ...]:
    return ("fail", call_id, 500, f"internal error ({type(exc).__name__}); see the server "
            "log", {})


def _rss() -> int:
    """This process's resident memory in bytes (0 where /proc is missing)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


# -- in the server process ------------------------------------------------------------


@dataclass(eq=False)
class _Call:
    id: int
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    on_event: Callable[[Event], None] | None
    future: asyncio.Future[Any]
    worker: _Worker | None = None


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection
    token: Any
    call: _Call | None = None
    ready: bool = False
    retiring: bool = False
    kill_timer: asyncio.TimerHandle | None = None


class WorkerPool:
    """``size`` worker processes that run module-level functions (picklable by name)
    with plain-data arguments; at most ``size + queue`` requests admitted at a time.

    ``warm`` runs once in each new worker (load models there, not on the first call);
    a worker left holding more than ``max_rss`` bytes after a call is replaced; a
    cancelled call that is still running ``grace`` seconds later has its worker killed;
    ``retry_after`` is what a refusal tells clients to wait. :meth:`start` and
    :meth:`run` must be called from the server's event loop.
    """

    def __init__(self, name: str, size: int, queue: int, *,
                 warm: Callable[[], None] | None = None, max_rss: int | None = None,
                 grace: float = 5.0, retry_after: int = 5) -> None:
        self.name = name
        self.max_rss = max_rss
        self.size = max(1, size)
        self.queue = max(0, queue)
        self.warm = warm
        self.grace = grace
        self.retry_after = retry_after
        self.restarts = 0
        """Workers started in place of one that died or was killed."""
        self.retired = 0
        """Workers replaced because a call left them holding too much memory."""
        self._held = 0
        self._pending: deque[_Call] = deque()
        self._workers: set[_Worker] = set()
        self._ids = itertools.count(1)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping = False
        self._backoff = 0.0

    @property
    def capacity(self) -> int:
        """How many requests may be admitted at once: running plus waiting."""
        return self.size + self.queue

    @property
    def held(self) -> int:
        """How many requests are admitted now."""
        return self._held

    def pids(self) -> list[int]:
        """The process ids of the live workers."""
        return sorted(w.process.pid for w in self._workers if w.process.pid is not None)

    def ready_count(self) -> int:
        """How many workers have warmed up."""
        return sum(w.ready for w in self._workers)

    def busy_count(self) -> int:
        """How many workers are working on a call (a cancelled one included, until the
        worker has dropped it)."""
        return sum(w.call is not None for w in self._workers)

    def status(self) -> dict[str, int]:
        """How the pool stands: workers (``size``, ``ready``, ``busy``), requests
        (``admitted`` of ``capacity``), workers replaced (``restarts``, ``retired``)."""
        return {"size": self.size, "ready": self.ready_count(), "busy": self.busy_count(),
                "admitted": self._held, "capacity": self.capacity,
                "restarts": self.restarts, "retired": self.retired}

    def start(self) -> None:
        """Start the workers (they warm up in the background)."""
        self._loop = asyncio.get_running_loop()
        self._stopping = False
        atexit.register(self.stop)
        for _ in range(self.size):
            self._spawn()

    def stop(self) -> None:
        """Kill every worker and forget what waits; admitted requests get no answer."""
        self._stopping = True
        self._loop = None
        atexit.unregister(self.stop)
        while self._pending:
            self._pending.popleft().future.cancel()
        for worker in list(self._workers):
            self._kill(worker)
        for worker in list(self._workers):
            worker.process.join(timeout=5)
            worker.conn.close()
        self._workers.clear()

    def acquire(self) -> None:
        """Take one of the ``size + queue`` places (give it back with :meth:`release`);
        raises :class:`~facemoji.web.errors.Busy` (503, ``Retry-After``) at once when
        full."""
        if self._loop is None:
            raise Busy("the server is starting; try again in a moment", 1)
        if self._held >= self.capacity:
            raise Busy(f"the server is busy ({self.size} running, {self.queue} waiting); "
                       f"try again in {self.retry_after} s", self.retry_after)
        self._held += 1

    def release(self) -> None:
        """Give back a place taken by :meth:`acquire`."""
        self._held -= 1

    @contextmanager
    def admit(self) -> Iterator[None]:
        """:meth:`acquire` a place for the block."""
        self.acquire()
        try:
            yield
        finally:
            self.release()

    async def run(self, fn: Callable[..., Any], *args: Any, timeout: float, what: str,
                  on_event: Callable[[Event], None] | None = None) -> Any:
        """``fn(*args)`` on a worker, waiting and running ``timeout`` seconds at most
        (then :class:`~facemoji.web.errors.TimeLimit` and the call is stopped).
        ``on_event`` gets what the call :func:`report` s. Cancelling the awaiting task
        stops the call too."""
        loop = asyncio.get_running_loop()
        call = _Call(next(self._ids), fn, args, on_event, loop.create_future())
        self._pending.append(call)
        self._dispatch()
        try:
            return await asyncio.wait_for(asyncio.shield(call.future), timeout)
        except TimeoutError:
            self._cancel(call)
            raise TimeLimit(f"{what} took longer than {timeout:g} s and was stopped") from None
        except asyncio.CancelledError:
            self._cancel(call)
            raise

    # -- internals (all on the event loop's thread, except _read) --------------------

    def _spawn(self) -> None:
        if self._stopping:
            return
        context = multiprocessing.get_context("spawn")
        mine, theirs = context.Pipe()
        token = context.Value("q", 0, lock=False)
        process = context.Process(
            target=_main, args=(theirs, token, os.getpid(), self.warm, self.max_rss),
            name=f"facemoji-{self.name}")
        process.start()
        theirs.close()
        worker = _Worker(process, mine, token)
        self._workers.add(worker)
        threading.Thread(target=self._read, args=(worker,), daemon=True,
                         name=f"facemoji-{self.name}-reader").start()

    def _read(self, worker: _Worker) -> None:
        """A thread per worker: hand each message to the loop; tell it when the worker
        is gone (its pipe closed, or the process ended with nothing left to read)."""
        conn, sentinel = worker.conn, worker.process.sentinel
        while True:
            try:
                ready = wait([conn, sentinel])
                if conn not in ready:
                    break
                message = conn.recv()
            except (EOFError, OSError):
                break
            except Exception:  # a message that cannot be read: stop trusting the worker
                log.exception("unreadable message from a %s worker", self.name)
                break
            self._post(self._on_message, worker, message)
        self._post(self._on_exit, worker)

    def _post(self, fn: Callable[..., None], *args: Any) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with suppress(RuntimeError):  # the loop closed meanwhile
                loop.call_soon_threadsafe(fn, *args)

    def _dispatch(self) -> None:
        while self._pending:
            worker = next((w for w in self._workers
                           if w.ready and not w.retiring and w.call is None), None)
            if worker is None:
                return
            call = self._pending.popleft()
            worker.call, call.worker = call, worker
            message = (call.id, call.fn, call.args)
            # photos can weigh 100 MB: send from a thread, not from the event loop
            assert self._loop is not None
            self._loop.run_in_executor(None, _send, worker.conn, message)

    def _on_message(self, worker: _Worker, message: tuple[Any, ...]) -> None:
        kind = message[0]
        if kind == "ready":
            worker.ready = True
            self._backoff = 0.0
            self._dispatch()
            return
        if kind == "retire":
            worker.retiring = True
            return
        call = worker.call
        if call is None or call.id != message[1]:
            return
        if kind == "event":
            if call.on_event is not None and not call.future.done():
                try:
                    call.on_event(message[2])
                except Exception:
                    log.exception("progress handler failed")
            return
        worker.call = None
        if worker.kill_timer is not None:
            worker.kill_timer.cancel()
            worker.kill_timer = None
        if not call.future.done():
            if kind == "done":
                call.future.set_result(message[2])
            elif kind == "fail":
                _, _, status, text, extra = message
                call.future.set_exception(Refused(text, status, extra=extra))
            else:
                call.future.cancel()
        self._dispatch()

    def _on_exit(self, worker: _Worker) -> None:
        if worker not in self._workers:
            return
        self._workers.discard(worker)
        self._kill(worker)  # what it forked, if it died alone
        worker.process.join(timeout=1)
        worker.conn.close()
        if worker.kill_timer is not None:
            worker.kill_timer.cancel()
        call = worker.call
        if call is not None and not call.future.done():
            call.future.set_exception(WorkerLost(
                "the worker process stopped while it worked on this request (out of "
                "memory?); a new one was started: try again"))
        if self._stopping:
            return
        if worker.retiring:
            self.retired += 1
            self._spawn()
            return
        if worker.ready:
            log.warning("a %s worker stopped (exit code %s); starting a new one",
                        self.name, worker.process.exitcode)
        else:  # it died while warming up: do not restart in a tight loop
            self._backoff = min(30.0, max(1.0, 2 * self._backoff))
            log.error("a %s worker died while starting (exit code %s); retrying in %.0f s",
                      self.name, worker.process.exitcode, self._backoff)
        self.restarts += 1
        assert self._loop is not None
        self._loop.call_later(0 if worker.ready else self._backoff, self._respawn)

    def _respawn(self) -> None:
        if len(self._workers) < self.size:
            self._spawn()

    def _cancel(self, call: _Call) -> None:
        """Stop ``call``: drop it if it waits; else ask its worker to stop, and kill the
        worker if it is still on it ``grace`` seconds later."""
        call.future.cancel()
        if call in self._pending:
            self._pending.remove(call)
            return
        worker = call.worker
        if worker is None or worker.call is not call or self._loop is None:
            return
        worker.token.value = call.id
        worker.kill_timer = self._loop.call_later(self.grace, self._kill_if_on, worker, call)

    def _kill_if_on(self, worker: _Worker, call: _Call) -> None:
        if worker.call is call:
            log.warning("a %s worker did not stop within %g s; killing it", self.name,
                        self.grace)
            self._kill(worker)

    @staticmethod
    def _kill(worker: _Worker) -> None:
        pid = worker.process.pid
        if pid is None:
            return
        try:
            os.killpg(pid, signal.SIGKILL)  # the worker leads its own group (see _main)
        except (ProcessLookupError, PermissionError):  # not yet its own group, or gone
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def _send(conn: Connection, message: tuple[Any, ...]) -> None:
    with suppress(OSError, EOFError):  # a worker that died meanwhile is handled by _read
        conn.send(message)
