"""The Briefing page in a real browser: Next moves the link on, and the
downloaded pack draws every chart in a browser cut off from the network."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from testkit.server import Server
from tests.browser.conftest import assert_no_exception, new_context, wait_ready


def open_briefing(server: Server, page: Page, query: str = "") -> None:
    """Open the app once at its root, then the Briefing page: a deep link as
    the very first request of a fresh server is a separate, known problem
    (tests/browser/test_explorer.py), not what these tests are about."""
    page.goto(server.url)
    wait_ready(page)
    page.goto(f"{server.url}/briefing{query}")
    wait_ready(page)


def test_next_moves_to_slide_two_in_the_url_with_the_sidebar_collapsed(server: Server, page: Page) -> None:
    open_briefing(server, page)
    expect(page.locator('[data-testid="stPlotlyChart"] .main-svg').first).to_be_visible()
    expect(page.get_by_role("button", name="Expand sidebar")).to_be_visible()
    page.get_by_role("button", name="Next →").click()
    page.wait_for_url("**slide=2**")
    wait_ready(page)
    expect(page.get_by_role("heading", name="Who is who")).to_be_visible()
    assert_no_exception(page)


def test_downloaded_pack_draws_every_chart_offline(
    server: Server, page: Page, browser: Browser, tmp_path: Path
) -> None:
    open_briefing(server, page, "?slide=3")
    slides = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]').first
    slides.click()
    count = page.get_by_role("option").count()
    page.keyboard.press("Escape")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download briefing pack").click()
    download = info.value
    assert download.suggested_filename == "stancemap-briefing_model-data-retention-bill_all_2024-07-01.html"
    pack = tmp_path / download.suggested_filename
    download.save_as(pack)

    offline = new_context(browser, viewport={"width": 1280, "height": 900}, offline=True)
    requests: list[str] = []

    def cut_off(route, request):  # type: ignore[no-untyped-def]
        if request.url.startswith("file://"):
            route.continue_()
        else:
            requests.append(request.url)
            route.abort()

    offline.route("**/*", cut_off)
    try:
        viewer = offline.new_page()
        errors: list[str] = []
        viewer.on("pageerror", lambda err: errors.append(str(err)))
        viewer.goto(pack.as_uri())
        viewer.wait_for_function(
            "n => document.querySelectorAll('.plotly-graph-div .main-svg').length >= n", arg=count, timeout=30_000
        )
        charts = viewer.evaluate(
            "() => Array.from(document.querySelectorAll('.plotly-graph-div'))"
            ".filter(el => el.querySelector('.main-svg') && el._fullData).length"
        )
        assert charts == count == viewer.locator("section.slide").count()
        assert not errors, errors
    finally:
        offline.close()
    assert requests == []
