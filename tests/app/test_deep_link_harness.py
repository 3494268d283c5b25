"""Every AppTest opens a page through testkit.apptest with Streamlit's public
API only. This fails loudly if a Streamlit upgrade changes what that API
does: the page must run inside app.py, as a deep link does, with its link
parameters, and no other page may run in its place."""

from __future__ import annotations

import pytest

from components import pages
from tests.app.conftest import assert_clean, open_page


@pytest.mark.parametrize("page", [pages.PROVISIONS, pages.DATA], ids=lambda p: p.name)
def test_a_page_opens_inside_app_py_like_a_deep_link(page: pages.Page) -> None:
    at = open_page(page.file, {"type": "government", "not_a_parameter": "1"})
    assert_clean(at)
    assert "Filters" in [s.value for s in at.sidebar.subheader], "app.py's sidebar did not run"
    assert at.multiselect(key="f_type").value == ["government"], "the link's filters did not reach app.py"
    assert "not_a_parameter" not in at.query_params, "app.py's URL whitelist did not run for the page"
    assert at.title[0].value != "Model Data Retention Bill" or page is pages.OVERVIEW, "the Overview ran instead"


def test_the_component_scan_runs_once_per_process_not_once_per_page() -> None:
    # testkit.apptest's one private hook: if a Streamlit upgrade renames the
    # scanner, this fails instead of the AppTest tier silently taking 8x longer.
    from streamlit.components.v2 import manifest_scanner

    import testkit.apptest  # noqa: F401  (installs the hook)

    scan = manifest_scanner.scan_component_manifests
    assert hasattr(scan, "cache_info"), "the component manifest scan is no longer the one testkit.apptest caches"
    open_page(pages.ABOUT.file)
    before = scan.cache_info()
    open_page(pages.ABOUT.file)
    after = scan.cache_info()
    assert after.misses == before.misses and after.hits == before.hits + 1
