"""Serving a room, on loopback: many first sessions on a cold server, and two
replicas behind HAProxy with one killed mid-run. Asserts only what a user
would notice (errors, their own downloads, the view they had); capacity
figures go to bench/RESULTS.md, never into asserts."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import tasks
from bench import load
from components import serving
from tests.conftest import ROOT
from tests.serve import run


def test_a_room_opening_links_on_a_cold_server_gets_no_error(tmp_path: Path) -> None:
    """30 users open the six deep links at once on a server that has served
    nobody yet (no warm-up), then step through them for 10 s."""
    server = load.Server(load.APP, [], log=tmp_path / "server.log")
    try:
        plan = load.Plan(server.url, load.DEFAULT_PATHS, users=30, seconds=10, timeout=90, pids=[server.proc.pid])
        result = run(load.run(plan))
    finally:
        server.stop()
    summary = load.summarize(result)
    assert summary["errors"] == 0, summary["error_examples"]
    assert summary["sessions"] == 30
    assert summary["steps"] > 0
    log = (tmp_path / "server.log").read_text()
    assert "Traceback" not in log and "partially initialized" not in log
    # One log line per script run, with the page and the time taken.
    assert re.search(r"stancemap\.run: page=/network query=view=bipartite\S* ms=\d+", log)


class Balanced:
    def __init__(self, replicas: int):
        self.port = load.free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "tasks.py"), "serve", "--replicas", str(replicas), "--port", str(self.port)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.replicas: dict[str, tuple[int, str]] = {}
        self.lines: list[str] = []
        deadline = time.time() + 180
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line)
            if m := re.search(r"replica (r\d+) pid (\d+) at (http://\S+)", line):
                self.replicas[m[1]] = (int(m[2]), m[3])
            if "behind HAProxy" in line or time.time() > deadline:
                break
        threading.Thread(target=self._drain, daemon=True).start()
        load.wait_healthy(self.url, 30)

    def _drain(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line)

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture
def balanced() -> Iterator[Balanced]:
    srv = Balanced(2)
    yield srv
    srv.stop()
    for pid, _ in srv.replicas.values():  # Ctrl-C stopped all of it
        assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text()


def test_downloads_reach_the_sessions_own_replica(balanced: Balanced) -> None:
    async def scenario() -> tuple[str, list[str], list[int], list[int]]:
        session = load.Session(balanced.url, 60)
        await session.open("/data")
        replica = session.jar[tasks.AFFINITY_COOKIE]
        media = list(session.media)
        through = [(await load.http_get(balanced.url + u, load.cookie_header(session.jar), 30))[0] for u in media]
        other = next(url for name, (_, url) in balanced.replicas.items() if name != replica)
        elsewhere = [(await load.http_get(other + u, None, 30))[0] for u in media]
        await session.close()
        return replica, media, through, elsewhere

    replica, media, through, elsewhere = run(scenario())
    assert replica in balanced.replicas
    assert media, "the Data page offers downloads"
    assert set(through) == {200}
    # The other replica does not have them: affinity is what makes them work.
    assert set(elsewhere) == {404}


def test_a_killed_replicas_users_reopen_their_view_on_the_other(balanced: Balanced) -> None:
    victim_pid = balanced.replicas["r1"][0]
    plan = load.Plan(balanced.url, load.DEFAULT_PATHS, users=20, seconds=14, timeout=60, media=True)

    def kill_later() -> None:
        time.sleep(5)
        os.kill(victim_pid, signal.SIGKILL)

    threading.Thread(target=kill_later, daemon=True).start()
    result = run(load.run(plan))
    summary = load.summarize(result)
    assert summary["errors"] == 0, summary["error_examples"]
    assert summary["reconnects"] > 0, "some users were on the killed replica"
    assert summary["views_reopened"] == summary["reconnects"]
    assert summary["media_checked"] > 0
    assert any("replica r1 exited" in line for line in balanced.lines)


def test_compose_uses_the_same_balancer_configuration() -> None:
    committed = (ROOT / "deploy" / "haproxy.cfg").read_text()
    servers = [(f"app{i}", f"app{i}:8501") for i in range(1, 4)]
    assert committed == tasks.haproxy_config(servers, "*:8080", dns="127.0.0.11:53")
    check = subprocess.run(
        [tasks.ensure_haproxy(), "-c", "-f", str(ROOT / "deploy" / "haproxy.cfg")], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_port_option_of_app_and_serve() -> None:
    assert tasks.split_port(["--port", "8600", "--", "--dataset", "x"]) == (8600, ["--dataset", "x"])
    assert tasks.split_port(["--", "--dataset", "x"]) == (None, ["--dataset", "x"])
    assert tasks.split_port([]) == (None, [])


def test_a_tab_moved_to_another_replica_is_told_its_upload_is_gone(balanced: Balanced) -> None:
    """What the browser does when its replica dies: the websocket reconnects
    (still carrying the old replica's cookie) and lands on a live replica."""

    async def scenario(cookie: str) -> list[str]:
        session = load.Session(balanced.replicas["r2"][1], 60)
        session.jar[tasks.AFFINITY_COOKIE] = cookie
        await session.open("/network?view=bipartite")
        await session.step("/data")
        await session.close()
        return session.alerts

    moved = run(scenario("r1"))
    stayed = run(scenario("r2"))
    assert not any("has stopped" in text for text in moved), "only the first run says so"
    first_run = run(first_alerts(balanced.replicas["r2"][1], "r1"))
    assert any("upload it again" in text for text in first_run)
    assert not any("has stopped" in text for text in stayed)
    assert tasks.AFFINITY_COOKIE == serving.AFFINITY_COOKIE


async def first_alerts(url: str, cookie: str) -> list[str]:
    session = load.Session(url, 60)
    session.jar[tasks.AFFINITY_COOKIE] = cookie
    await session.open("/network?view=bipartite")
    await session.close()
    return session.alerts
