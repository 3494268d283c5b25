"""What a server under load needs from the app: the shipped dataset read once
(again only when its files change on disk), and one log line per script run
with the page and the time it took."""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlencode

import streamlit as st

T = TypeVar("T")
RUN_LOG = logging.getLogger("stancemap.run")


def file_stamp(path: Path) -> tuple[tuple[str, int, int], ...]:
    """Names, modification times (ns) and sizes of a dataset's files: a key that
    changes when a file is edited, added or removed, without reading any of them."""
    if path.is_file():
        info = path.stat()
        return ((path.name, info.st_mtime_ns, info.st_size),)
    stamp = []
    with os.scandir(path) as entries:
        for entry in entries:
            if entry.is_file():
                info = entry.stat()
                stamp.append((entry.name, info.st_mtime_ns, info.st_size))
    return tuple(sorted(stamp))


@st.cache_resource(show_spinner=False, max_entries=4)
def _by_stamp(path: str, stamp: tuple[tuple[str, int, int], ...], _load: Callable[[], T]) -> T:
    return _load()


_STAMPS: dict[str, tuple[float, tuple[tuple[str, int, int], ...]]] = {}


def keyed_on_files(path: Path, load: Callable[[], T], recheck_after: float = 0.0) -> T:
    """`load()` once per state of the files at `path` (one stat per file, no
    read, no hash). With `recheck_after` (seconds), the files are looked at
    again only that long after the last look: a room of sessions then makes no
    system call for them on most runs (each one waits for the interpreter
    lock again under load). An exception from `load` is not kept: the next
    call tries again. Uploads never come here: they live in their session."""
    now = time.monotonic()
    seen = _STAMPS.get(str(path))
    if seen is not None and now - seen[0] < recheck_after:
        stamp = seen[1]
    else:
        stamp = file_stamp(path)
        _STAMPS[str(path)] = (now, stamp)
    return _by_stamp(str(path), stamp, load)


# --------------------------------------------------------------------------
# Script runs at once

RUNS_AT_ONCE_ENV = "STANCEMAP_RUNS_AT_ONCE"
RUNS_AT_ONCE = 1


def runs_at_once(environ: dict[str, str] | os._Environ[str] = os.environ) -> int:
    """How many script runs one process lets compute at the same time
    (`STANCEMAP_RUNS_AT_ONCE`, default 1; 0 for no limit). A bad value gives
    the default."""
    raw = environ.get(RUNS_AT_ONCE_ENV, "").strip()
    try:
        value = int(raw) if raw else RUNS_AT_ONCE
    except ValueError:
        return RUNS_AT_ONCE
    return max(value, 0)


class RunSlots:
    """At most `limit` script runs compute at once; the others wait their turn,
    first come first served (0: no limit).

    Streamlit runs every session's script in a thread of its own, and all of
    them share one interpreter lock. When a room opens a link at once, a
    hundred runs then advance together and each finishes only when nearly
    all do. One at a time, the first users are served first and the last no
    later: 200 users clicking on at once through two replicas waited 5.9-6.5
    s at p95 for their first render with no limit, 2.7-2.8 s with one run at
    a time (5.3-6.3 s with two). Runs per second on the shipped data: median
    1.02x the one-chart baseline, against 0.95x with no limit; on data 100x
    its size a little fewer than with no limit (see the README's Capacity)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._lock = threading.Lock()
        self._free = limit
        self._queue: list[threading.Event] = []

    @property
    def waiting(self) -> int:
        """How many runs wait for a slot now."""
        with self._lock:
            return len(self._queue)

    @contextlib.contextmanager
    def slot(self) -> Iterator[None]:
        if self.limit <= 0:
            yield
            return
        turn: threading.Event | None = None
        with self._lock:
            if self._free > 0 and not self._queue:
                self._free -= 1
            else:
                turn = threading.Event()
                self._queue.append(turn)
        if turn is not None:
            turn.wait()  # the run that ends hands its slot to the first in the queue
        try:
            yield
        finally:
            with self._lock:
                if self._queue:
                    self._queue.pop(0).set()
                else:
                    self._free += 1


RUN_SLOTS = RunSlots(runs_at_once())


def log_run(page: str, started: float) -> None:
    """One line per script run: the page, its query, the time it took, the
    session and the port of this replica (to follow a session behind a balancer)."""
    ms = (time.perf_counter() - started) * 1000
    try:
        query = urlencode(st.query_params.to_dict())
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        ctx = get_script_run_ctx()
        session = ctx.session_id[:8] if ctx else "-"
        port = st.get_option("server.port")
    except Exception:
        query, session, port = "", "-", "-"
    RUN_LOG.info("page=/%s query=%s ms=%.0f session=%s port=%s", page, query or "-", ms, session, port)


# --------------------------------------------------------------------------
# Behind a balancer (tasks.py serve, compose): a tab that lost its replica

AFFINITY_COOKIE = "stancemap_replica"  # the balancer's cookie (tasks.py AFFINITY_COOKIE)
_MOVED_KEY = "_stancemap_moved_from"
MOVED_NOTICE = (
    "The server this page was on has stopped, so it reopened on another one. "
    "The view is as you left it (it lives in the link). An uploaded dataset stays on the server "
    "that received it: if you had uploaded one, it is gone, and you are seeing the shipped dataset; "
    "upload it again on Data & downloads."
)


def moved_replica() -> bool:
    """True on the first run of a session whose balancer cookie names another
    replica than this one (STANCEMAP_REPLICA): its replica went away and the
    balancer sent the tab here, without the session's state."""
    here = os.environ.get("STANCEMAP_REPLICA")
    if not here or _MOVED_KEY in st.session_state:
        return False
    try:
        came_from = st.context.cookies.get(AFFINITY_COOKIE)
    except Exception:
        came_from = None
    st.session_state[_MOVED_KEY] = came_from
    return bool(came_from) and came_from != here


def moved_replica_notice() -> None:
    if moved_replica():
        st.warning(MOVED_NOTICE, icon="🔁")
