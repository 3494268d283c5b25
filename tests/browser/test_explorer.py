"""The explorer in a real browser: every page draws, filters live in the URL."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from testkit.server import Server
from tests.browser.conftest import assert_no_exception, choose_option, wait_ready
from tests.conftest import MINI

PAGES_WITH_CHARTS = [
    ("", 2),
    ("stakeholders?stakeholder=gamma-gov", 1),
    ("provisions?provision=p-03", 1),
]


@pytest.mark.parametrize(("path", "charts"), PAGES_WITH_CHARTS)
def test_page_draws_its_charts_without_exception(server: Server, page: Page, path: str, charts: int) -> None:
    page.goto(f"{server.url}/{path}")
    wait_ready(page)
    plots = page.locator('[data-testid="stPlotlyChart"] .main-svg')
    expect(plots.first).to_be_visible()
    # Charts attach one by one; under load the second can come after the first is drawn.
    page.wait_for_function("n => document.querySelectorAll('[data-testid=\"stPlotlyChart\"]').length >= n", arg=charts)
    assert_no_exception(page)


def test_heatmap_draws_one_row_per_stakeholder_with_stance_symbols(server: Server, page: Page) -> None:
    page.goto(server.url)
    wait_ready(page)
    # The grid is the page's one heatmap trace; other charts (the contested
    # bars) may draw first, so pick it by type, not by position.
    handle = page.wait_for_function(
        """() => {
        const plots = Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot'));
        const el = plots.find(p => p._fullData && p._fullData[0] && p._fullData[0].type === 'heatmap');
        if (!el) return null;
        const t = el._fullData[0];
        return {y: Array.from(t.y), text: Array.from(t.text, row => Array.from(row)).flat()};
    }"""
    )
    rows = handle.json_value()
    assert rows["y"] == ["Alpha", "Beta", "Gammaland", "Deltania", "Epsilon", "Zeta"]
    assert "−−" in rows["text"] and "++" in rows["text"]


def test_about_page_renders_text(server: Server, page: Page) -> None:
    page.goto(f"{server.url}/about")
    wait_ready(page)
    expect(page.get_by_text("The stance scale")).to_be_visible()
    assert_no_exception(page)


def test_filter_chosen_in_sidebar_goes_to_url_and_survives_reload(server: Server, page: Page) -> None:
    page.goto(server.url)
    wait_ready(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    choose_option(page, sidebar.get_by_role("combobox", name="Stance"), "−− Oppose")
    page.keyboard.press("Escape")
    page.wait_for_url("**stance=oppose**")
    wait_ready(page)
    page.reload()
    wait_ready(page)
    assert "stance=oppose" in page.url
    expect(sidebar.get_by_text("−− Oppose")).to_be_visible()
    # The heatmap shows only the stakeholders with an "oppose" stance.
    page.wait_for_function(
        """() => {
        const plots = Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot'));
        const el = plots.find(p => p._fullData && p._fullData[0] && p._fullData[0].type === 'heatmap');
        return el && Array.from(el._fullData[0].y).join('|') === 'Alpha|Beta|Epsilon';
    }"""
    )


def test_deep_link_selects_the_provision(server: Server, page: Page) -> None:
    page.goto(f"{server.url}/provisions?provision=p-04")
    wait_ready(page)
    expect(page.get_by_role("heading", name="Art. 4: Cross-border requests")).to_be_visible()


def test_garbage_link_parameters_show_a_notice_not_an_error(server: Server, page: Page) -> None:
    page.goto(f"{server.url}/provisions?provision=%3Cscript%3E&stance=bogus&zzz=1")
    wait_ready(page)
    expect(page.get_by_text("Ignored unknown provision")).to_be_visible()
    assert_no_exception(page)


def test_deep_link_as_the_first_request_on_a_fresh_server_opens_the_page(page: Page) -> None:
    """A briefer's prepared link is often the first thing a new server sees."""
    fresh = Server(MINI)
    try:
        page.goto(f"{fresh.url}/provisions?provision=p-04")
        wait_ready(page)
        expect(page.get_by_role("heading", name="Art. 4: Cross-border requests")).to_be_visible()
        expect(page.get_by_text("Open Stancemap through app.py")).to_have_count(0)
    finally:
        fresh.stop()
