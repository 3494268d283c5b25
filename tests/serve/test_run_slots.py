"""serving.RunSlots: a few script runs compute at once, the rest wait their
turn in the order they came."""

from __future__ import annotations

import threading
import time

import pytest

from components import serving


def _run_all(slots: serving.RunSlots, n: int, hold: float) -> tuple[list[int], int]:
    """n runs arriving 10 ms apart, each holding its slot `hold` s: the order
    they started computing and the most computing at once."""
    started: list[int] = []
    busy = 0
    most = 0
    lock = threading.Lock()

    def run(i: int) -> None:
        nonlocal busy, most
        with slots.slot():
            with lock:
                started.append(i)
                busy += 1
                most = max(most, busy)
            time.sleep(hold)
            with lock:
                busy -= 1

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
        time.sleep(0.01)
    for t in threads:
        t.join(10)
    assert not any(t.is_alive() for t in threads)
    return started, most


def test_runs_beyond_the_limit_wait_and_go_first_come_first_served() -> None:
    started, most = _run_all(serving.RunSlots(2), 8, 0.05)
    assert most == 2
    assert started == list(range(8))


def test_no_limit_lets_every_run_compute_at_once() -> None:
    _, most = _run_all(serving.RunSlots(0), 6, 0.1)
    assert most == 6


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
