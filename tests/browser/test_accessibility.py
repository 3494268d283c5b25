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
