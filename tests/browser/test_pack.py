"""The briefing pack in a real browser: every label of every chart inside
its chart, and one slide per printed page on A4 and US Letter."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from components import analysis, briefing, dataset, network
from components.filters import FilterState
from tests.browser.conftest import new_context
from tests.conftest import MINI, SHIPPED

# Every text plotly draws that a reader needs: tick labels, axis titles,
# values on bars, annotations (the threshold) and legend entries.
LABELS = ".xtick text, .ytick text, .g-xtitle text, .g-ytitle text, .bartext, .annotation-text, .legendtext"


def pack_of(path: Path) -> tuple[str, int]:
    ds = dataset.load_path(path)
    filters = FilterState()
    current = analysis.filtered_positions(ds, filters)
    groups = network.coalitions(network.ally_table(current))
    deck = briefing.build_deck(ds, current, analysis.ordered_provisions(ds), coalitions=groups, filters=filters)
    return briefing.pack_html(deck, ds.meta, filters), len(deck)


@pytest.fixture(scope="module", params=[SHIPPED, MINI], ids=["shipped", "mini"])
def pack(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    html, slides = pack_of(request.param)
    path = tmp_path_factory.mktemp("pack") / "pack.html"
    path.write_text(html, encoding="utf-8")
    return path, slides


@pytest.mark.parametrize("width", [1280, 1024])
def test_every_label_of_every_pack_chart_is_inside_its_chart(
    browser: Browser, pack: tuple[Path, int], width: int
) -> None:
    path, slides = pack
    context = new_context(browser, viewport={"width": width, "height": 800}, offline=True)
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        page.wait_for_function(
            "n => document.querySelectorAll('.plotly-graph-div .main-svg').length >= n", arg=slides, timeout=30_000
        )
        report = page.evaluate(
            """sel => Array.from(document.querySelectorAll('.plotly-graph-div')).map(div => {
                const box = div.getBoundingClientRect();
                const labels = Array.from(div.querySelectorAll(sel)).filter(t => t.textContent.trim());
                const out = labels.filter(t => {
                    const r = t.getBoundingClientRect();
                    return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1
                        || r.top < box.top - 1 || r.bottom > box.bottom + 1);
                }).map(t => t.textContent);
                return {id: div.id, labels: labels.length, out};
            })""",
            LABELS,
        )
        assert len(report) == slides
        for chart in report:
            assert chart["labels"] >= 2, chart
            assert chart["out"] == [], chart
    finally:
        context.close()


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_pack_prints_one_slide_per_page(browser: Browser, pack: tuple[Path, int], paper: str) -> None:
    path, slides = pack
    context = new_context(browser, offline=True)
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        page.wait_for_function(
            "n => document.querySelectorAll('.plotly-graph-div .main-svg').length >= n", arg=slides, timeout=30_000
        )
        pdf = page.pdf(format=paper, landscape=True, prefer_css_page_size=True)
    finally:
        context.close()
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
    assert pages == slides + 1  # the cover (title, as-of date, filters), then one page per slide
