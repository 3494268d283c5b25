"""Real-browser fixtures: a Streamlit server on a free loopback port and
Playwright driving Debian's Chromium. Every request to a host other than
the loopback server is recorded, and a test fails if there was any."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.conftest import MINI, ROOT

CHROMIUM = os.environ.get("STANCEMAP_CHROMIUM", "/usr/bin/chromium")
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, dataset: Path, env: dict[str, str] | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"stancemap-{self.port}.log"
        # As deployed: serve.py (streamlit run app.py with the imports done
        # before the first connection, so a first page is not a cold import).
        cmd = [
            sys.executable,
            str(ROOT / "serve.py"),
            "--server.headless",
            "true",
            "--server.port",
            str(self.port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
            "--",
            "--dataset",
            str(dataset),
        ]
        self.log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            cmd, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"Streamlit did not start; see {self.log_path}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    """The app on the fixture dataset, shared by the browser tests."""
    srv = Server(MINI)
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


class OutsideRequests(list):
    """URLs of requests that left the loopback server."""


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser context; any request to a non-loopback host is
    blocked and fails the test at teardown."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    outside: OutsideRequests = OutsideRequests()

    def guard(route, request):  # type: ignore[no-untyped-def]
        host = urlparse(request.url).hostname or ""
        if request.url.startswith(("data:", "blob:")) or host in LOOPBACK:
            route.continue_()
        else:
            outside.append(request.url)
            route.abort()

    context.route("**/*", guard)
    pg = context.new_page()
    pg.outside_requests = outside  # type: ignore[attr-defined]
    pg.set_default_timeout(30_000)
    yield pg
    context.close()
    assert not outside, f"requests left the machine: {outside[:5]}"


def wait_ready(page: Page) -> None:
    """Wait until the app has rendered and no script run is in progress."""
    page.wait_for_selector('[data-testid="stApp"]')
    page.wait_for_selector('[data-testid="stMain"]')
    page.wait_for_timeout(300)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)
    page.wait_for_timeout(300)


def assert_no_exception(page: Page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
