"""Slides on a projector: at 1280x720 and 1024x768 every slide's title,
sentences and whole chart are on screen without scrolling; a clicker's keys
and the keyboard move between slides, and each slide opens at its top."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import Server, assert_no_exception, new_context, wait_ready

SLIDES = 9  # the fixture's deck: see tests/test_briefing.py


def open_slide(server: Server, page: Page, n: int) -> None:
    page.goto(f"{server.url}/briefing?slide={n}")
    wait_ready(page)
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg')


def boxes(page: Page) -> dict:
    return page.evaluate(
        """() => {
            const box = el => { if (!el) return null; const r = el.getBoundingClientRect();
                return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
            const main = document.querySelector('[data-testid="stMain"]');
            return {
                title: box(document.querySelector('[data-testid="stMain"] h1')),
                sentences: box(document.querySelector('.st-key-slide_sentences')),
                chart: box(document.querySelector('[data-testid="stPlotlyChart"]')),
                scroll: (main ? main.scrollTop : 0) + window.scrollY,
            };
        }"""
    )


def slide_number(page: Page) -> int:
    return int(page.url.split("slide=")[1].split("&")[0])


@pytest.mark.parametrize("size", [(1280, 720), (1024, 768)], ids=["1280x720", "1024x768"])
def test_every_slide_fits_the_projector(server: Server, browser: Browser, size: tuple[int, int]) -> None:
    width, height = size
    context = new_context(browser, viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.goto(server.url)
        wait_ready(page)
        for n in range(1, SLIDES + 1):
            open_slide(server, page, n)
            found = boxes(page)
            for part in ("title", "sentences", "chart"):
                box = found[part]
                assert box is not None, (n, part)
                assert box["top"] >= 0 and box["bottom"] <= height, (n, part, box)
                assert box["left"] >= 0 and box["right"] <= width, (n, part, box)
            # Buttons keep their whole labels.
            for name in ("First", "← Previous", "Next →", "Last"):
                button = page.get_by_role("button", name=name).first
                assert button.evaluate("b => b.scrollWidth <= b.clientWidth + 1"), (n, name)
            assert_no_exception(page)
    finally:
        context.close()


def test_clicker_and_keyboard_move_between_slides_and_open_each_at_its_top(server: Server, browser: Browser) -> None:
    context = new_context(browser, viewport={"width": 1024, "height": 500})  # short, so the page scrolls
    try:
        page = context.new_page()
        page.goto(server.url)
        wait_ready(page)
        open_slide(server, page, 1)
        steps = [("ArrowRight", 2), ("Space", 3), ("PageDown", 4), ("ArrowLeft", 3), ("PageUp", 2), ("End", SLIDES)]
        steps += [("Home", 1)]
        for key, expected in steps:
            page.mouse.wheel(0, 2000)  # the presenter scrolled down to the notes
            page.wait_for_timeout(300)
            page.mouse.click(5, 300)  # focus on the page, not on a widget
            page.keyboard.press(key)
            page.wait_for_url(f"**slide={expected}*")
            wait_ready(page)
            page.wait_for_timeout(300)
            assert slide_number(page) == expected, key
            assert boxes(page)["scroll"] == 0, key
        assert_no_exception(page)
    finally:
        context.close()
