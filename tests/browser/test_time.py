"""Positions over time in a real browser: the milestone presets set `asof=`
in the link and every page says which date it shows; the What changed page
draws its grid over time and keeps since/until in the link."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Server, assert_no_exception, choose_option, wait_ready
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def shifting() -> Iterator[Server]:
    srv = Server(FIXTURES / "shifting")
    yield srv
    srv.stop()


def test_a_milestone_preset_sets_asof_in_the_link(shifting: Server, page: Page) -> None:
    page.goto(shifting.url)
    wait_ready(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    choose_option(page, sidebar.get_by_role("combobox", name="Milestones"), "2024-12-01: Treaty adopted")
    page.wait_for_url("**asof=2024-12-01**")
    wait_ready(page)
    expect(page.get_by_text("as it stood on 2024-12-01")).to_be_visible()
    assert_no_exception(page)
    page.reload()
    wait_ready(page)
    expect(page.get_by_text("as it stood on 2024-12-01")).to_be_visible()


def test_the_changes_page_draws_the_map_over_time(shifting: Server, page: Page) -> None:
    page.goto(f"{shifting.url}/changes?since=2023-12-31&until=2024-12-01")
    wait_ready(page)
    expect(page.get_by_text("From 2023-12-31 to 2024-12-01")).to_be_visible()
    chart = page.locator('[data-testid="stPlotlyChart"] .js-plotly-plot').first
    chart.wait_for(timeout=120_000)
    frames = page.evaluate(
        "() => { const el = document.querySelector('[data-testid=\"stPlotlyChart\"] .js-plotly-plot');"
        " return el._transitionData ? el._transitionData._frames.map(f => f.name) : []; }"
    )
    assert frames == ["2024-03-01", "2024-12-01", "2025-02-01", "2025-12-31"]
    assert "since=2023-12-31" in page.url and "until=2024-12-01" in page.url
    assert_no_exception(page)
