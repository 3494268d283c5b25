"""serving.RunSlots: a few script runs compute at once, the rest wait their
turn in the order they came."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable

import pytest

from components import serving


def _until(condition: Callable[[], bool], seconds: float = 5) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.002)
    return True


def test_runs_beyond_the_limit_wait_and_go_first_come_first_served() -> None:
    """Eight runs arrive one after another (each waits or computes before the
    next comes); each run ends when the test says so. Two compute at once,
    and each run that ends lets exactly the next in arrival order start."""
    slots = serving.RunSlots(2)
    started: list[int] = []
    lock = threading.Lock()
    ends = [threading.Event() for _ in range(8)]

    def run(i: int) -> None:
        with slots.slot():
            with lock:
                started.append(i)
            ends[i].wait(10)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(8)]
    for i, t in enumerate(threads):
        t.start()
        assert _until(lambda n=i + 1: len(started) + slots.waiting == n)
    assert started == [0, 1]
    assert slots.waiting == 6
    for i in range(6):
        ends[i].set()
        assert _until(lambda n=i + 3: len(started) == n)
        time.sleep(0.02)  # and no other run started with it
        assert started == list(range(i + 3))
        assert slots.waiting == 5 - i
    for end in ends:
        end.set()
    for t in threads:
        t.join(10)
    assert not any(t.is_alive() for t in threads)


def _meet_inside(limit: int, runs: int, timeout: float) -> int:
    """`runs` runs at once, each waiting inside its slot (up to `timeout` s)
    for all of them to be inside theirs: how many met."""
    slots = serving.RunSlots(limit)
    together = threading.Barrier(runs, timeout=timeout)
    met: list[bool] = []

    def run() -> None:
        with slots.slot(), contextlib.suppress(threading.BrokenBarrierError):
            together.wait()
            met.append(True)

    threads = [threading.Thread(target=run) for _ in range(runs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout + 10)
    assert not any(t.is_alive() for t in threads)
    return len(met)


def test_no_limit_lets_every_run_compute_at_once() -> None:
    assert _meet_inside(0, 6, timeout=10) == 6


def test_a_limit_keeps_the_others_out_while_its_runs_compute() -> None:
    # With a limit of 2, three runs are never inside at once: the barrier times out.
    assert _meet_inside(2, 3, timeout=0.5) == 0


def test_a_run_that_fails_or_stops_gives_its_slot_back() -> None:
    slots = serving.RunSlots(1)
    with pytest.raises(RuntimeError), slots.slot():
        raise RuntimeError("page error")
    done = threading.Event()

    def next_run() -> None:
        with slots.slot():
            done.set()

    threading.Thread(target=next_run).start()
    assert done.wait(2)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, serving.RUNS_AT_ONCE),
        ("", serving.RUNS_AT_ONCE),
        ("3", 3),
        (" 1 ", 1),
        ("0", 0),
        ("-2", 0),
        ("many", serving.RUNS_AT_ONCE),
    ],
)
def test_runs_at_once_from_the_environment(raw: str | None, expected: int) -> None:
    environ = {} if raw is None else {serving.RUNS_AT_ONCE_ENV: raw}
    assert serving.runs_at_once(environ) == expected
