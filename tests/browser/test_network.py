"""The Network page in a real browser: clicking a node opens its panel, the
link keeps it on reload, and the agreement view draws."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from testkit.server import Server
from tests.browser.conftest import assert_no_exception, wait_ready

PLOT = '[data-testid="stPlotlyChart"] .js-plotly-plot'

# Page coordinates of the marker whose customdata is `node`, from plotly's own
# axes: l2p maps data to pixels inside the plot area, _size gives its margins.
MARKER_POSITION = """(node) => {
    const el = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
    const full = el._fullLayout;
    for (const trace of el._fullData) {
        const ids = Array.from(trace.customdata || []);
        const i = ids.indexOf(node);
        if (i < 0) continue;
        const box = el.getBoundingClientRect();
        return {
            x: box.left + full._size.l + full.xaxis.l2p(Array.from(trace.x)[i]),
            y: box.top + full._size.t + full.yaxis.l2p(Array.from(trace.y)[i]),
        };
    }
    return null;
}"""


def open_network(server: Server, page: Page, query: str = "") -> None:
    """Open /network: the app's root first, because a deep link as the very
    first request of a fresh server is a separate known problem (see
    test_explorer's fresh-server test), not the Network page's."""
    page.goto(server.url)
    wait_ready(page)
    page.goto(f"{server.url}/network{query}")
    wait_ready(page)


def click_node(page: Page, node: str) -> None:
    page.locator(PLOT).wait_for()
    page.wait_for_function(f"() => document.querySelector('{PLOT}')._fullData !== undefined")
    page.evaluate(f"() => document.querySelector('{PLOT}').scrollIntoView({{block: 'center'}})")
    page.wait_for_timeout(300)
    point = page.evaluate(MARKER_POSITION, node)
    assert point is not None, f"no marker for {node}"
    page.mouse.move(point["x"], point["y"])
    page.wait_for_timeout(200)
    page.mouse.click(point["x"], point["y"])


def test_clicking_a_stakeholder_node_opens_its_panel_and_the_link_keeps_it(server: Server, page: Page) -> None:
    open_network(server, page)
    click_node(page, "s:gamma-gov")
    page.wait_for_url("**node=s%3Agamma-gov**")
    wait_ready(page)
    expect(page.get_by_role("heading", name="Government of Gammaland")).to_be_visible()
    expect(page.get_by_text("Open the profile of Government of Gammaland")).to_be_visible()
    assert page.locator('[data-testid="stDataFrame"]').count() == 1
    page.reload()
    wait_ready(page)
    expect(page.get_by_role("heading", name="Government of Gammaland")).to_be_visible()
    assert_no_exception(page)


def test_clicking_an_article_node_opens_its_panel_and_links_to_the_article(server: Server, page: Page) -> None:
    open_network(server, page, "?view=bipartite")
    click_node(page, "p:p-03")
    page.wait_for_url("**node=p%3Ap-03**")
    wait_ready(page)
    expect(page.get_by_role("heading", name="Art. 3: Retention of traffic data")).to_be_visible()
    page.get_by_text("Open Art. 3 in detail").click()
    page.wait_for_url("**/provisions?**provision=p-03**")
    wait_ready(page)
    assert_no_exception(page)


def test_agreement_view_draws_coalitions_and_reading(server: Server, page: Page) -> None:
    open_network(server, page, "?view=agreement")
    page.locator(PLOT).wait_for()
    ids = page.evaluate(
        f"() => document.querySelector('{PLOT}')._fullData.flatMap(t => Array.from(t.customdata || []))"
    )
    assert sorted(ids) == ["alpha-ngo", "beta-ngo", "delta-gov", "epsilon-corp", "gamma-gov", "zeta-un"]
    expect(page.get_by_text("Coalition 1: Alpha, Beta, Epsilon")).to_be_visible()
    assert_no_exception(page)
