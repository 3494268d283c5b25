"""Ten browser sessions opening the app at once are all served, on loopback
only, within a bounded time. The bound catches a hang, not slowness: in CI
the ten Chromium tabs share two cores with another worker's browser tests
(one clean-clone run took 144 s); speed is measured in bench/, not here."""

from __future__ import annotations

import time

from playwright.sync_api import Browser

from testkit.server import LOOPBACK, Server
from tests.browser.conftest import new_context

SESSIONS = 10
DEADLINE_S = 300


def test_ten_sessions_at_once_are_all_served(server: Server, browser: Browser) -> None:
    from urllib.parse import urlparse

    outside: list[str] = []
    contexts = [new_context(browser) for _ in range(SESSIONS)]
    pages = []
    try:
        for context in contexts:
            context.route(
                "**/*",
                lambda route, request: (
                    route.continue_()
                    if (urlparse(request.url).hostname or "") in LOOPBACK or request.url.startswith(("data:", "blob:"))
                    else (outside.append(request.url), route.abort())
                ),
            )
            page = context.new_page()
            page.set_default_timeout(DEADLINE_S * 1000)
            pages.append(page)
        start = time.monotonic()
        # Start every load before waiting for any: the server sees them together.
        for i, page in enumerate(pages):
            page.goto(f"{server.url}/provisions?provision=p-0{1 + i % 5}", wait_until="commit")
        served = 0
        for page in pages:
            # The server has run the page for this session once its chart
            # element arrives (background tabs may defer drawing it).
            page.locator('[data-testid="stPlotlyChart"]').first.wait_for(state="attached", timeout=DEADLINE_S * 1000)
            page.get_by_text("Who stands where").first.wait_for(state="attached")
            assert page.locator('[data-testid="stException"]').count() == 0
            served += 1
        elapsed = time.monotonic() - start
    finally:
        for context in contexts:
            context.close()
    assert served == SESSIONS
    assert elapsed < DEADLINE_S
    assert outside == []
