"""axe-core (shipped inside axe-playwright-python, no download) on every
page of the registry: no serious or critical violation."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from components import pages
from tests.browser.conftest import Server, wait_ready

AXE = Axe()


@pytest.mark.parametrize("page_def", pages.PAGES, ids=lambda p: p.url_path or "overview")
def test_page_has_no_serious_or_critical_axe_violation(server: Server, page: Page, page_def: pages.Page) -> None:
    page.goto(server.url)
    wait_ready(page)
    page.goto(f"{server.url}/{page_def.url_path}")
    wait_ready(page)
    page.wait_for_timeout(1000)
    results = AXE.run(page)
    bad = [
        (v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"][:3]])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == [], bad


def test_a_chart_box_that_scrolls_sideways_takes_keyboard_focus(server: Server, page: Page) -> None:
    """At 1280x720 with the sidebar open, the Overview's contested chart is
    wider than its column and scrolls inside its box: a keyboard reaches the
    box (a named region), the arrow keys scroll it, and axe finds no serious
    violation on the page."""
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(server.url)
    wait_ready(page)
    box = page.locator(".st-key-contested_box")
    box.scroll_into_view_if_needed()
    # It does scroll here, once plotly has laid the chart out at its floor width.
    page.wait_for_function(
        "() => { const el = document.querySelector('.st-key-contested_box');"
        " return el && el.scrollWidth > el.clientWidth; }",
        timeout=15_000,
    )
    assert box.get_attribute("tabindex") == "0"
    assert box.get_attribute("role") == "region" and "scroll sideways" in (box.get_attribute("aria-label") or "")
    box.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    assert box.evaluate("el => el.scrollLeft") > 0
    results = AXE.run(page)
    bad = [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], bad
