"""Real-browser fixtures: a Streamlit server on a free loopback port and
Playwright driving Debian's Chromium. Every request to a host other than
the loopback server is recorded, and a test fails if there was any. The
server (testkit.server) takes a port of this xdist worker's own range."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from testkit.server import CHROMIUM, LOOPBACK, Server
from tests.conftest import MINI

# A chart can take several seconds to draw on a busy two-core CI machine
# (Streamlit's script run, then plotly's first layout); assertions wait for
# what a user would see rather than fail at playwright's 5 s default.
expect.set_options(timeout=20_000)

# A bound for a hang, not a speed test, the same in every context a test
# opens: CI once took over 30 s (playwright's default) to show the first
# page of a worker's fresh server while the other worker ran its browser tests.
READY_MS = 60_000


def new_context(browser: Browser, **options: Any) -> BrowserContext:
    """A browser context whose pages wait up to READY_MS for a navigation, a
    selector or a function, like the shared page fixture: CI met
    playwright's 30 s default on a page load while the other worker's tests
    kept both cores busy."""
    context = browser.new_context(**options)
    context.set_default_timeout(READY_MS)
    return context


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
    context = new_context(browser, viewport={"width": 1400, "height": 1000}, accept_downloads=True)
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
    yield pg
    context.close()
    assert not outside, f"requests left the machine: {outside[:5]}"


def wait_ready(page: Page) -> None:
    """Wait until the app has rendered and no script run is in progress."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=READY_MS)
    page.wait_for_selector('[data-testid="stMain"]', timeout=READY_MS)
    page.wait_for_timeout(300)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=READY_MS)
    page.wait_for_timeout(300)


def charts_drawn(charts: Any) -> bool:
    """For `settled`: a list of {chart, svg, ...} widths in which every
    chart's svg has been sized to its chart."""
    return bool(charts) and all(c["svg"] is not None and abs(c["svg"] - c["chart"]) <= 2 for c in charts)


def settled(
    page: Page, script: str, *, ready: Callable[[Any], bool] = bool, hold_ms: int = 1_000, timeout_s: float = 30
) -> Any:
    """What `script` returns once it is `ready` and has returned the same for
    `hold_ms` (or the last look, at `timeout_s`). A chart is laid out in
    steps: plotly sizes its svg to a new width first and its plot area after,
    so on a busy machine one look can fall between the two (CI once saw a
    597 px svg around the 242 px plot area of the 354 px layout before)."""
    deadline = time.monotonic() + timeout_s
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        now = page.evaluate(script)
        if now != last or not ready(now):
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= hold_ms / 1000:
            return now
        page.wait_for_timeout(100)
    return page.evaluate(script)


def choose_option(page: Page, combobox: Locator, option: str, tries: int = 3) -> None:
    """Open a selectbox and pick `option`. On a busy machine a rerun can
    redraw the widget just as it opens, closing its list: open it again."""
    item = page.get_by_role("option", name=option)
    for attempt in range(tries):
        combobox.click()
        try:
            item.wait_for(timeout=10_000)
            break
        except PlaywrightTimeoutError:
            if attempt == tries - 1:
                raise
            page.keyboard.press("Escape")
            wait_ready(page)
    item.click()


def assert_no_exception(page: Page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
