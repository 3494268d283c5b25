"""The registry of pages and link parameters (components/pages.py) is the one
source of the navigation, the URL whitelist, the README's tables and the
filters: these tests fail when another place drifts from it."""

from __future__ import annotations

import re
import types
from dataclasses import fields
from pathlib import Path

import components.ui as ui
from components import pages
from components.filters import FilterState

ROOT = Path(__file__).resolve().parent.parent


def test_readme_tables_are_the_registry() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- pages table:[^\n]*-->\n(.*?)\n<!-- end of pages table -->", readme, re.S)
    assert found, "README.md lost its pages table markers"
    assert found.group(1) == pages.readme_tables(), (
        "README.md's pages table differs from components/pages.py: run `python -m components.pages`"
    )


def test_every_view_file_is_a_registered_page_and_back() -> None:
    files = {p.relative_to(ROOT).as_posix() for p in (ROOT / "views").glob("*.py")}
    assert files == {p.file for p in pages.PAGES}
    assert len({p.url_path for p in pages.PAGES}) == len(pages.PAGES)
    assert [p for p in pages.PAGES if p.default] == [pages.OVERVIEW]


def test_no_page_links_by_file_name_in_views() -> None:
    """Page links name a registry entry (pages.PROVISIONS), never a path string."""
    for filters in (ROOT / "views").glob("*.py"):
        assert "views/" not in filters.read_text(encoding="utf-8"), filters.name


def test_every_filter_is_a_filter_state_field() -> None:
    assert [f.field for f in pages.FILTERS] == [f.name for f in fields(FilterState)]
    assert len(set(pages.FILTER_KEYS)) == len(pages.FILTER_KEYS)


def test_page_parameters_do_not_shadow_filters_or_streamlit() -> None:
    reserved = set(pages.FILTER_KEYS) | set(pages.STREAMLIT_PARAMS)
    for page in pages.PAGES:
        names = [p.name for p in page.params]
        assert len(set(names)) == len(names), page.name
        assert not reserved & set(names), page.name


def test_unknown_params_follow_the_registry() -> None:
    assert pages.unknown_params(["view", "color", "all", "node", "source", "embed", "x"], "network") == ["x"]
    assert pages.unknown_params(["slide"], "") == ["slide"]


def test_ui_exports_only_its_listed_api() -> None:
    """components.ui re-exports exactly __all__ (and its own parts): markdown_text,
    humanize and the like are imported from where they live."""
    public = {n for n in vars(ui) if not n.startswith("_")}
    parts = {n for n in public if isinstance(getattr(ui, n), types.ModuleType)}
    assert parts == {"cache", "plots", "render", "state", "upload", "widgets"}
    assert public - parts == set(ui.__all__)
    assert "markdown_text" not in public and "humanize" not in public


def test_hostile_browser_test_visits_every_registered_page() -> None:
    from tests.browser.test_hostile import HOSTILE_PAGES

    assert {url.split("?")[0] for url in HOSTILE_PAGES} == {p.url_path for p in pages.PAGES}
