"""Load test at Streamlit's protocol level, no browser: hundreds of simulated
users fit on a 2-core machine.

    .venv/bin/python -m bench.load --url http://127.0.0.1:8501 --users 50 --seconds 30
    .venv/bin/python -m bench.load --start --baseline --users 50 --seconds 30
    .venv/bin/python -m bench.load --start --baseline --ramp --limit-ms 5000

Each simulated user does what a browser tab does on the wire: an HTTP GET of
its deep link (which also picks up a load balancer's affinity cookie), then
the websocket `/_stcore/stream` with a `rerun_script` BackMsg carrying the
link's page name and query string, and waits for the `script_finished`
ForwardMsg ("first render"). It then steps through further deep links on the
same websocket (a "step": one rerun with another page and query string, as
a click on a page link does) until the time is up.

Errors: a connection or HTTP failure, a step past --timeout, an exception
element in the page, a script that did not finish successfully, a page not
found. Memory: the RSS of the server process(es) from /proc, sampled every
half second; per session = (RSS with every user connected and idle - RSS
before they came) / users.

--start launches Stancemap itself on a free loopback port (--dataset,
--flag name=value passed to `streamlit run`); --baseline also launches
bench/baseline_app.py with the same flags and runs the identical load against
it in the same run, so every figure is also a ratio. --ramp doubles the users
from --users until p95 first render passes --limit-ms.

Only loopback targets are accepted; users, seconds and steps are capped.
The summary is printed as ONE JSON line, last.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import contextlib
import http.cookies
import json
import os
import platform
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
BASELINE = ROOT / "bench" / "baseline_app.py"
MAX_USERS = 1000
MAX_SECONDS = 900
CONNECT_TRIES = 3
LOOPBACK_NAMES = {"localhost", "ip6-localhost"}

# Six deep links a briefer's room steps through (every view is a URL).
DEFAULT_PATHS = [
    "/",
    "/stakeholders",
    "/network?view=bipartite",
    "/provisions",
    "/timeline",
    "/data",
]


# --------------------------------------------------------------------------
# Pure parts (unit-tested): arguments, links, summaries


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost: the only targets allowed."""
    host = host.strip("[]").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        import ipaddress

        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_url(url: str) -> tuple[str, int]:
    """(host, port) of an http(s) loopback URL; ValueError otherwise."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"{url}: only http:// or https:// URLs")
    host = parts.hostname or ""
    if not is_loopback(host):
        raise ValueError(f"{url}: refusing a non-loopback host ({host or 'none'}); load tests stay on this machine")
    return host, parts.port or (443 if parts.scheme == "https" else 80)


def parse_link(link: str) -> tuple[str, str]:
    """A deep link '/network?view=bipartite' -> ('network', 'view=bipartite')."""
    link = link.strip()
    if "://" in link:
        parts = urlsplit(link)
        path, query = parts.path, parts.query
    else:
        path, _, query = link.partition("?")
    return path.strip("/"), query


def read_paths(text: str) -> list[str]:
    """Deep links from a --paths file: one a line, '#' comments and blanks skipped."""
    links = [line.split("#", 1)[0].strip() for line in text.splitlines()]
    links = [link for link in links if link]
    if not links:
        raise ValueError("the paths file has no deep link")
    return links


def same_view(page: str, query: str, got_page: str | None, got_query: str | None) -> bool:
    """Did a run of deep link (page, query) show that view? Same page, and every
    parameter of the link kept (the app may add its defaults to the URL)."""
    if got_page != page:
        return False
    if got_query is None:  # the app left the URL as it was
        return True
    return set(parse_qsl(query)) <= set(parse_qsl(got_query))


def percentile(values: list[float], q: float) -> float | None:
    """The q-th percentile (0-100) by linear interpolation; None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    pos = (len(ordered) - 1) * q / 100
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


@dataclass
class Result:
    """What one load run measured (times in seconds)."""

    users: int
    seconds: float
    first: list[float] = field(default_factory=list)
    steps: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    rss_before: int | None = None
    rss_sessions: int | None = None
    rss_peak: int | None = None
    cpu_s: float | None = None  # server CPU seconds used during the run
    rss_series: list[tuple[float, int]] = field(default_factory=list)  # (seconds from start, bytes)
    reconnects: int = 0
    connect_retries: int = 0
    media_checked: int = 0
    views_reopened: int = 0


def summarize(result: Result) -> dict[str, object]:
    """The figures of one run as a flat dict (ms, MB, per second)."""

    def ms(value: float | None) -> float | None:
        return None if value is None else round(value * 1000, 1)

    def mb(value: int | None) -> float | None:
        return None if value is None else round(value / 2**20, 1)

    runs = len(result.first) + len(result.steps)
    per_session = None
    if result.rss_before is not None and result.rss_sessions is not None and result.users:
        per_session = round((result.rss_sessions - result.rss_before) / result.users / 2**20, 2)
    kinds: dict[str, int] = {}
    for err in result.errors:
        kind = err.split(":", 1)[0]
        kinds[kind] = kinds.get(kind, 0) + 1
    return {
        "users": result.users,
        "seconds": round(result.seconds, 2),
        "sessions": len(result.first),
        "sessions_per_s": round(len(result.first) / result.seconds, 2) if result.seconds else None,
        "runs_per_s": round(runs / result.seconds, 2) if result.seconds else None,
        "steps": len(result.steps),
        "first_p50_ms": ms(percentile(result.first, 50)),
        "first_p95_ms": ms(percentile(result.first, 95)),
        "first_p99_ms": ms(percentile(result.first, 99)),
        "step_p50_ms": ms(percentile(result.steps, 50)),
        "step_p95_ms": ms(percentile(result.steps, 95)),
        "step_p99_ms": ms(percentile(result.steps, 99)),
        "errors": len(result.errors),
        "error_kinds": kinds,
        "error_examples": result.errors[:3],
        "rss_before_mb": mb(result.rss_before),
        "rss_sessions_mb": mb(result.rss_sessions),
        "rss_peak_mb": mb(result.rss_peak),
        "mb_per_session": per_session,
        "rss_series_mb": [
            [round(t), round(v / 2**20, 1)] for t, v in result.rss_series[:: max(1, len(result.rss_series) // 20)]
        ],
        "server_cpu_percent": round(100 * result.cpu_s / result.seconds) if result.cpu_s and result.seconds else None,
        "server_cpu_ms_per_run": round(1000 * result.cpu_s / runs, 1) if result.cpu_s and runs else None,
        "reconnects": result.reconnects,
        "connect_retries": result.connect_retries,
        "media_checked": result.media_checked,
        "views_reopened": result.views_reopened,
    }


def ratios(app: dict[str, object], base: dict[str, object]) -> dict[str, float | None]:
    """Stancemap's figures over the baseline's, measured in the same run."""
    out: dict[str, float | None] = {}
    for key in ("runs_per_s", "sessions_per_s", "first_p50_ms", "first_p95_ms", "step_p50_ms", "step_p95_ms"):
        a, b = app.get(key), base.get(key)
        out[key] = round(a / b, 2) if isinstance(a, int | float) and isinstance(b, int | float) and b else None
    return out


# --------------------------------------------------------------------------
# Server memory from /proc


def listening_pids(port: int) -> list[int]:
    """Pids of the processes that listen on a TCP port (Linux /proc)."""
    inodes: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            cols = line.split()
            if len(cols) > 9 and cols[3] == "0A" and int(cols[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(cols[9])
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            for fd in (proc / "fd").iterdir():
                target = os.readlink(fd)
                if target.startswith("socket:[") and target[8:-1] in inodes:
                    pids.append(int(proc.name))
                    break
        except OSError:
            continue
    return pids


def cpu_seconds(pids: list[int]) -> float | None:
    """User + system CPU time the pids have used so far (Linux /proc), in seconds."""
    ticks, seen = 0, False
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
            seen = True
        except (OSError, IndexError, ValueError):
            continue
    return ticks / os.sysconf("SC_CLK_TCK") if seen else None


def rss(pids: list[int]) -> int | None:
    """Total resident memory of the pids in bytes (None when none readable)."""
    total, seen = 0, False
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
                    seen = True
        except OSError:
            continue
    return total if seen else None


# --------------------------------------------------------------------------
# One simulated user


class StepError(Exception):
    pass


async def http_get(url: str, cookie: str | None, timeout: float) -> tuple[int, str | None, bytes]:
    """GET in a worker thread: (status, Set-Cookie values joined, body)."""

    def get() -> tuple[int, str | None, bytes]:
        req = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return resp.status, "; ".join(resp.headers.get_all("Set-Cookie") or []) or None, resp.read()
        except urllib.error.HTTPError as err:
            return err.code, None, b""

    return await asyncio.to_thread(get)


def merge_cookie(jar: dict[str, str], set_cookie: str | None) -> None:
    if not set_cookie:
        return
    parsed = http.cookies.SimpleCookie()
    try:
        parsed.load(set_cookie)
    except http.cookies.CookieError:
        return
    for name, morsel in parsed.items():
        jar[name] = morsel.value


def cookie_header(jar: dict[str, str]) -> str | None:
    return "; ".join(f"{k}={v}" for k, v in jar.items()) or None


class Session:
    """One browser tab: an HTTP GET of the link, then the websocket."""

    def __init__(self, base: str, timeout: float):
        self.base = base.rstrip("/")
        self.timeout = timeout
        self.jar: dict[str, str] = {}
        self.connect_retries = 0
        self.ws: websockets.ClientConnection | None = None
        self.media: list[str] = []
        self.alerts: list[str] = []  # texts of the st.info/warning/error boxes of the last run
        self.page_hashes: dict[str, str] = {}  # url path -> script hash
        self.last_page_hash = ""
        self.last_query: str | None = None  # the query the app set in the last run, if it did

    async def open(self, link: str) -> float:
        started = time.perf_counter()
        page, query = parse_link(link)
        status, set_cookie, _ = await http_get(f"{self.base}/{page}{'?' + query if query else ''}", None, self.timeout)
        merge_cookie(self.jar, set_cookie)
        if status != 200:
            raise StepError(f"http: GET /{page} gave {status}")
        ws_url = self.base.replace("http", "ws", 1) + "/_stcore/stream"
        headers = {"Cookie": cookie_header(self.jar)} if self.jar else None
        for attempt in range(CONNECT_TRIES):
            try:
                self.ws = await asyncio.wait_for(
                    websockets.connect(
                        ws_url,
                        subprotocols=["streamlit"],  # type: ignore[list-item]
                        additional_headers=headers,
                        max_size=None,
                        open_timeout=self.timeout,
                        compression=None,
                    ),
                    self.timeout,
                )
                break
            except (TimeoutError, OSError, websockets.WebSocketException) as err:
                # Streamlit's page retries a failed websocket by itself (the
                # user sees "Connecting"); so does a simulated user, a few times.
                if attempt == CONNECT_TRIES - 1:
                    raise StepError(f"connect: {type(err).__name__} {err}") from err
                self.connect_retries += 1
                await asyncio.sleep(1 + attempt)
        await self.run(page, query)
        return time.perf_counter() - started

    async def step(self, link: str) -> float:
        started = time.perf_counter()
        page, query = parse_link(link)
        await self.run(page, query)
        return time.perf_counter() - started

    async def run(self, page: str, query: str) -> None:
        assert self.ws is not None
        msg = BackMsg()
        msg.rerun_script.query_string = query
        msg.rerun_script.page_name = page
        msg.rerun_script.page_script_hash = self.page_hashes.get(page, "")
        try:
            await self.ws.send(msg.SerializeToString())
            await asyncio.wait_for(self._until_finished(page), self.timeout)
        except TimeoutError as err:
            raise StepError(f"timeout: /{page}?{query} took over {self.timeout:.0f} s") from err
        except websockets.ConnectionClosed as err:
            raise StepError(f"closed: websocket closed during /{page} ({err.code})") from err

    async def _until_finished(self, page: str) -> None:
        assert self.ws is not None
        problem = None
        self.media = []
        self.alerts = []
        self.last_query = None
        while True:
            data = await self.ws.recv()
            if isinstance(data, str):
                continue
            fwd = ForwardMsg()
            fwd.ParseFromString(data)
            kind = fwd.WhichOneof("type")
            if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                etype = element.WhichOneof("type")
                if etype == "exception" and problem is None:
                    problem = f"exception: {element.exception.type} {element.exception.message[:120]}"
                elif etype == "alert":
                    self.alerts.append(element.alert.body)
                elif etype == "download_button" and element.download_button.url:
                    self.media.append(element.download_button.url)
            elif kind == "navigation":
                for app_page in fwd.navigation.app_pages:
                    self.page_hashes[app_page.url_pathname] = app_page.page_script_hash
                self.last_page_hash = fwd.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.last_query = fwd.page_info_changed.query_string
            elif kind == "page_not_found" and problem is None:
                problem = f"not-found: page {fwd.page_not_found.page_name!r}"
            elif kind == "session_event" and fwd.session_event.WhichOneof("type") == "script_compilation_exception":
                problem = "exception: script compilation"
            elif kind == "script_finished":
                status = fwd.script_finished
                if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue
                if status != ForwardMsg.FINISHED_SUCCESSFULLY and problem is None:
                    problem = f"script: finished with status {status}"
                break
        if problem:
            raise StepError(problem)

    def page_of_last_run(self) -> str | None:
        """The url path of the page the last run rendered."""
        for path, script_hash in self.page_hashes.items():
            if script_hash == self.last_page_hash:
                return path
        return None

    async def fetch_media(self) -> int:
        """GET the page's download URLs with this session's cookies; the count
        fetched. The balancer's 502/503/504 means the session's replica is gone
        (killed after the page was drawn): a "closed" error, so the user
        reconnects as a browser would; any other status is an error (404: the
        request reached a replica that is not the session's)."""
        for url in self.media:
            status, _, _ = await http_get(self.base + url, cookie_header(self.jar), self.timeout)
            if status in (502, 503, 504):
                raise StepError(f"closed: media GET {url} gave {status}, the session's replica is gone")
            if status != 200:
                raise StepError(f"media: GET {url} gave {status} (not this session's replica?)")
        return len(self.media)

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
            self.ws = None


# --------------------------------------------------------------------------
# A run: many users at once


@dataclass
class Plan:
    url: str
    links: list[str]
    users: int
    seconds: float
    timeout: float = 120.0
    spawn: float = 0.0  # seconds over which users arrive (0: all at once)
    think: float = 0.0
    reconnect: bool = True
    media: bool = False
    pids: list[int] = field(default_factory=list)


async def user(
    plan: Plan, index: int, result: Result, deadline: float, open_sessions: list[Session], all_sessions: list[Session]
) -> None:
    await asyncio.sleep(plan.spawn * index / max(plan.users, 1))
    links = plan.links
    position = index % len(links)
    session = Session(plan.url, plan.timeout)
    all_sessions.append(session)
    try:
        result.first.append(await session.open(links[position]))
    except StepError as err:
        if not (plan.reconnect and str(err).startswith("closed")):
            result.errors.append(str(err))
            await session.close()
            return
        await reopen(plan, session, links[position], result, deadline)
        if session.ws is None:
            return
    open_sessions.append(session)
    if plan.media and not await check_media(plan, session, links[position], result, deadline):
        return
    while time.perf_counter() < deadline:
        if plan.think:
            await asyncio.sleep(min(plan.think, max(0.0, deadline - time.perf_counter())))
            if time.perf_counter() >= deadline:
                break
        position = (position + 1) % len(links)
        link = links[position]
        try:
            result.steps.append(await session.step(link))
        except StepError as err:
            if not (plan.reconnect and str(err).startswith("closed")):
                result.errors.append(str(err))
                return
            # The server went away (a replica killed): like a browser, reconnect
            # with the same cookies and reopen the same deep link.
            await reopen(plan, session, link, result, deadline)
            if session.ws is None:
                return
            continue
        if plan.media and not await check_media(plan, session, link, result, deadline):
            return


async def check_media(plan: Plan, session: Session, link: str, result: Result, deadline: float) -> bool:
    """Fetch the page's downloads; when the session's replica went away in
    between, reconnect, reopen `link` and fetch the new page's downloads.
    False when the user cannot go on (no replica answered before the deadline)."""
    try:
        result.media_checked += await session.fetch_media()
        return True
    except StepError as err:
        if not (plan.reconnect and str(err).startswith("closed")):
            result.errors.append(str(err))
            return True
    await reopen(plan, session, link, result, deadline)
    if session.ws is None:
        return False
    try:
        result.media_checked += await session.fetch_media()
    except StepError as err:
        result.errors.append(str(err))
    return True


async def reopen(plan: Plan, session: Session, link: str, result: Result, deadline: float) -> None:
    page, query = parse_link(link)
    await session.close()
    while time.perf_counter() < deadline:
        try:
            result.steps.append(await session.open(link))
        except StepError:
            session.ws = None
            await asyncio.sleep(0.5)
            continue
        result.reconnects += 1
        if same_view(page, query, session.page_of_last_run(), session.last_query):
            result.views_reopened += 1
        else:
            result.errors.append(f"view: reopened {link} but got page {session.page_of_last_run()!r}")
        return
    result.errors.append(f"reconnect: no live server for {link} before the end")


async def sample_memory(pids: list[int], result: Result, stop: asyncio.Event) -> None:
    started = time.perf_counter()
    while not stop.is_set():
        value = rss(pids)
        if value is not None:
            result.rss_series.append((time.perf_counter() - started, value))
        if value is not None and (result.rss_peak is None or value > result.rss_peak):
            result.rss_peak = value
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(stop.wait(), 0.5)


async def run(plan: Plan) -> Result:
    # Every user's HTTP GET runs in a worker thread (http_get). asyncio's default
    # pool has min(32, cores + 4) threads, 6 here: a room of 200 would then
    # arrive six GETs at a time, and the tool would measure its own queue (it
    # did: p95 first render 10 s where a thread per user gave 4.8 s). Browsers
    # each GET at once, so the pool has a thread per user.
    asyncio.get_running_loop().set_default_executor(
        concurrent.futures.ThreadPoolExecutor(max_workers=plan.users + 4, thread_name_prefix="load-http")
    )
    result = Result(users=plan.users, seconds=0.0)
    result.rss_before = rss(plan.pids)
    cpu_start = cpu_seconds(plan.pids)
    stop = asyncio.Event()
    sampler = asyncio.create_task(sample_memory(plan.pids, result, stop))
    open_sessions: list[Session] = []
    all_sessions: list[Session] = []
    started = time.perf_counter()
    deadline = started + plan.seconds
    tasks = [
        asyncio.create_task(user(plan, i, result, deadline, open_sessions, all_sessions)) for i in range(plan.users)
    ]
    try:
        await asyncio.wait(tasks, timeout=plan.seconds + 2 * plan.timeout)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        result.seconds = time.perf_counter() - started
        cpu_end = cpu_seconds(plan.pids)
        if cpu_start is not None and cpu_end is not None:
            result.cpu_s = cpu_end - cpu_start
        # Every user is still connected and idle: settle, then read the memory.
        await asyncio.sleep(2)
        result.rss_sessions = rss(plan.pids)
        stop.set()
        await sampler
        result.connect_retries = sum(s.connect_retries for s in all_sessions)
        await asyncio.gather(*(s.close() for s in open_sessions), return_exceptions=True)
    return result


# --------------------------------------------------------------------------
# Servers this tool starts itself (loopback only)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`streamlit run SCRIPT` on a free loopback port, through the project's launcher."""

    def __init__(
        self,
        script: Path,
        flags: list[str],
        dataset: str | None = None,
        log: Path | None = None,
        env: list[str] | None = None,
        plain: bool = False,
        cwd: Path = ROOT,
    ):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        launcher = ["-m", "streamlit", "run"] if plain else [str(ROOT / "serve.py")]
        cmd = [sys.executable, *launcher, str(script), "--server.port", str(self.port)]
        cmd += ["--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none"]
        for flag in flags:
            name, _, value = flag.partition("=")
            cmd += [f"--{name}", value]
        if dataset:
            cmd += ["--", "--dataset", dataset]
        self.log = open(log or os.devnull, "w")  # noqa: SIM115 - closed in stop()
        extra = dict(item.partition("=")[::2] for item in env or [])
        self.proc = subprocess.Popen(
            cmd,
            cwd=cwd,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env={**os.environ, **extra},
        )
        wait_healthy(self.url, 90)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def wait_healthy(url: str, seconds: float) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer /_stcore/health in {seconds:.0f} s")


# --------------------------------------------------------------------------
# Command line


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    p.add_argument("--url", help="a running server (loopback only), e.g. http://127.0.0.1:8501")
    p.add_argument("--start", action="store_true", help="start Stancemap itself on a free loopback port")
    p.add_argument("--baseline", action="store_true", help="also run the same load on bench/baseline_app.py")
    p.add_argument("--dataset", help="dataset folder for --start (default: the shipped data)")
    p.add_argument("--flag", action="append", default=[], help="name=value for `streamlit run` (--start/--baseline)")
    p.add_argument("--env", action="append", default=[], help="NAME=VALUE for the servers --start/--baseline start")
    p.add_argument("--app", help="app.py to --start (default: this checkout's; e.g. an older one)")
    p.add_argument("--plain", action="store_true", help="start with plain `streamlit run`, not serve.py")
    p.add_argument("--log", help="file for the started server's output")
    p.add_argument("--users", type=int, default=30)
    p.add_argument("--seconds", type=float, default=20)
    p.add_argument("--paths", help="file of deep links, one a line (default: six Stancemap views)")
    p.add_argument("--spawn", type=float, default=0.0, help="seconds over which users arrive (0: all at once)")
    p.add_argument("--think", type=float, default=0.0, help="seconds a user waits between steps")
    p.add_argument("--timeout", type=float, default=120.0, help="seconds one step may take before it is an error")
    p.add_argument("--no-warmup", action="store_true", help="measure a cold server (no warm-up user)")
    p.add_argument("--media", action="store_true", help="GET each page's download URLs with the session's cookies")
    p.add_argument("--pid", type=int, action="append", default=[], help="server pid(s) for memory (default: by port)")
    p.add_argument("--ramp", action="store_true", help="double users from --users until p95 first render > limit")
    p.add_argument("--limit-ms", type=float, default=5000.0)
    p.add_argument("--max-users", type=int, default=400)
    p.add_argument("--label", default="", help="a note carried into the summary")
    args = p.parse_args(argv)
    if not args.url and not args.start:
        p.error("give --url URL or --start")
    if not 1 <= args.users <= MAX_USERS or not 1 <= args.max_users <= MAX_USERS:
        p.error(f"--users and --max-users must be 1..{MAX_USERS}")
    if not 0 < args.seconds <= MAX_SECONDS:
        p.error(f"--seconds must be in (0, {MAX_SECONDS}]")
    if args.url:
        try:
            check_url(args.url)
        except ValueError as err:
            p.error(str(err))
    return args


async def warm_up(url: str, links: list[str], timeout: float) -> None:
    session = Session(url, timeout)
    try:
        await session.open(links[0])
        for link in links[1:]:
            await session.step(link)
    finally:
        await session.close()


def measure(url: str, links: list[str], args: argparse.Namespace, users: int, pids: list[int]) -> dict[str, object]:
    if not args.no_warmup:
        # One user through every link first: the dataset and caches are loaded,
        # as on a server that has been up for a while.
        asyncio.run(warm_up(url, links, args.timeout))
    plan = Plan(url, links, users, args.seconds, args.timeout, args.spawn, args.think, True, args.media, pids)
    return summarize(asyncio.run(run(plan)))


def measure_all(url: str, links: list[str], args: argparse.Namespace, pids: list[int]) -> dict[str, object]:
    if not args.ramp:
        return measure(url, links, args, args.users, pids)
    levels = []
    users = args.users
    while users <= args.max_users:
        summary = measure(url, links, args, users, pids)
        levels.append(summary)
        print(json.dumps({"ramp_level": summary}), file=sys.stderr, flush=True)
        p95 = summary["first_p95_ms"]
        if summary["errors"] or (isinstance(p95, float) and p95 > args.limit_ms):
            break
        users *= 2
    within = [lvl["users"] for lvl in levels if not lvl["errors"] and (lvl["first_p95_ms"] or 0) <= args.limit_ms]
    return {"ramp": levels, "limit_ms": args.limit_ms, "max_users_within_limit": max(within) if within else 0}


def load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    links = read_paths(Path(args.paths).read_text()) if args.paths else DEFAULT_PATHS
    out: dict[str, object] = {
        "label": args.label,
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": f"{platform.machine()} {os.cpu_count()} cpu",
        "load_before": load_average(),
        "flags": args.flag,
        "env": args.env,
        "app": args.app or "this checkout",
        "plain": args.plain,
        "dataset": args.dataset or "shipped",
        "links": links,
    }
    servers: list[Server] = []
    # The checkout whose app.py runs: its .streamlit/config.toml applies to the
    # baseline too, so both run under the same settings.
    app = Path(args.app).resolve() if args.app else APP
    checkout = app.parent if args.start else ROOT
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        if args.start:
            server = Server(
                app, args.flag, args.dataset, Path(args.log) if args.log else None, args.env, args.plain, checkout
            )
            servers.append(server)
            url, pids = server.url, [server.proc.pid]
        else:
            url = args.url
            pids = args.pid or listening_pids(check_url(url)[1])
        out["url"] = url
        out["stancemap"] = measure_all(url, links, args, pids)
        if args.baseline:
            base = Server(BASELINE, args.flag, env=args.env, plain=args.plain, cwd=checkout)
            servers.append(base)
            # The baseline has one page: the same number of runs, on its only link.
            out["baseline"] = measure_all(base.url, ["/"], args, [base.proc.pid])
            if not args.ramp:
                out["ratio"] = ratios(out["stancemap"], out["baseline"])  # type: ignore[arg-type]
    finally:
        for server in servers:
            server.stop()
    out["load_after"] = load_average()
    print(json.dumps(out), flush=True)
    failed = any(isinstance(part, dict) and part.get("errors") for part in (out.get("stancemap"), out.get("baseline")))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
