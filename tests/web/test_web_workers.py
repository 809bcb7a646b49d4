"""The worker pool on its own, with functions of the standard library (no models):
a bounded queue, time limits that stop the work, a dead worker that fails only its own
call, an unexpected error that leaves the worker alive."""

from __future__ import annotations

import asyncio
import operator
import os
import time
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from facemoji.web.errors import Busy, Refused, TimeLimit, WorkerLost
from facemoji.web.workers import WorkerPool

from .conftest import until


def _with_pool(size: int, queue: int, scenario: Callable[[WorkerPool], Awaitable[Any]],
               **options: Any) -> Any:
    async def main() -> Any:
        pool = WorkerPool("test", size, queue, grace=0.5, retry_after=7, **options)
        pool.start()
        try:
            await until(lambda: pool.ready_count() == size)
            return await asyncio.wait_for(scenario(pool), 60)
        finally:
            pool.stop()

    return asyncio.run(main())


def test_a_full_pool_refuses_at_once_with_retry_after() -> None:
    async def scenario(pool: WorkerPool) -> None:
        held = [pool.admit() for _ in range(pool.capacity)]
        for admission in held:
            admission.__enter__()
        with pytest.raises(Busy, match="busy") as info:  # raised, not waited for
            pool.acquire()
        assert info.value.status == 503 and info.value.headers == {"Retry-After": "7"}
        held[0].__exit__(None, None, None)
        pool.acquire()  # a place came free
        assert pool.held == pool.capacity

    _with_pool(1, 2, scenario)


def test_calls_run_on_the_workers_in_turn() -> None:
    async def scenario(pool: WorkerPool) -> list[int]:
        return list(await asyncio.gather(*(pool.run(operator.add, i, 10, timeout=30,
                                                    what="adding") for i in range(6))))

    assert _with_pool(2, 4, scenario) == [10, 11, 12, 13, 14, 15]


def test_a_timed_out_call_is_stopped_and_the_worker_replaced() -> None:
    """time.sleep never reports, so the worker is killed after the grace period; the
    next call runs at once on a new worker instead of waiting for the sleep."""

    async def scenario(pool: WorkerPool) -> tuple[float, list[int], int, float]:
        before = pool.pids()
        t0 = time.perf_counter()
        with pytest.raises(TimeLimit, match=r"sleeping took longer than 0\.3 s"):
            await pool.run(time.sleep, 60, timeout=0.3, what="sleeping")
        answered = time.perf_counter() - t0
        pid = await pool.run(os.getpid, timeout=30, what="asking")
        return answered, before, pid, time.perf_counter() - t0

    answered, before, pid, total = _with_pool(1, 1, scenario)
    assert answered < 10  # the time limit, not the 60 s sleep
    assert pid not in before  # a new worker
    assert total < 30


def test_a_waiting_call_that_times_out_never_runs() -> None:
    async def scenario(pool: WorkerPool) -> None:
        busy = asyncio.ensure_future(pool.run(time.sleep, 1.0, timeout=30, what="sleeping"))
        await asyncio.sleep(0.1)
        with pytest.raises(TimeLimit):
            await pool.run(os._exit, 1, timeout=0.2, what="exiting")  # would kill the worker
        await busy
        assert pool.restarts == 0

    _with_pool(1, 1, scenario)


def test_a_dead_worker_fails_only_its_own_call() -> None:
    async def scenario(pool: WorkerPool) -> None:
        before = pool.pids()
        sleeper = asyncio.ensure_future(pool.run(time.sleep, 1.5, timeout=30, what="sleeping"))
        await asyncio.sleep(0.2)
        with pytest.raises(WorkerLost) as info:
            await pool.run(os._exit, 3, timeout=30, what="exiting")
        assert info.value.status == 503
        assert await sleeper is None  # the other worker's call was not touched
        await until(lambda: len(pool.pids()) == 2)
        after = pool.pids()
        assert len(set(before) & set(after)) == 1  # one worker replaced, one left alone
        assert pool.restarts == 1
        assert await pool.run(operator.mul, 6, 7, timeout=30, what="multiplying") == 42

    _with_pool(2, 2, scenario)


def test_an_unexpected_error_is_a_500_and_the_worker_lives_on() -> None:
    async def scenario(pool: WorkerPool) -> None:
        pid = await pool.run(os.getpid, timeout=30, what="asking")
        with pytest.raises(Refused, match="internal error") as info:
            await pool.run(operator.truediv, 1, 0, timeout=30, what="dividing")
        assert info.value.status == 500 and "ZeroDivisionError" in str(info.value)
        assert await pool.run(os.getpid, timeout=30, what="asking") == pid

    _with_pool(1, 0, scenario)


def test_cancelling_the_awaiting_task_stops_the_call() -> None:
    async def scenario(pool: WorkerPool) -> None:
        task = asyncio.ensure_future(pool.run(time.sleep, 60, timeout=120, what="sleeping"))
        await asyncio.sleep(0.3)
        task.cancel()
        t0 = time.perf_counter()
        assert await pool.run(operator.neg, 5, timeout=30, what="negating") == -5
        assert time.perf_counter() - t0 < 30

    _with_pool(1, 1, scenario)


def test_a_worker_left_holding_too_much_memory_is_replaced_between_calls() -> None:
    async def scenario(pool: WorkerPool) -> None:
        first = await pool.run(os.getpid, timeout=30, what="asking")
        second = await pool.run(os.getpid, timeout=30, what="asking")  # not lost: waits
        assert first != second
        assert pool.retired >= 1 and pool.restarts == 0
        assert pool.status()["retired"] == pool.retired

    _with_pool(1, 1, scenario, max_rss=1)  # every call leaves more than 1 byte
