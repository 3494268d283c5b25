"""Serving tests. Their asyncio code runs in a thread of its own: in the full
suite, Playwright's sync API keeps an event loop running in the main thread,
where asyncio.run() is refused."""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def run(coro: Coroutine[Any, Any, T]) -> T:
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()
