"""Open a page of the app in Streamlit's AppTest the way a deep link does:
app.py runs (page config, dataset, sidebar filters, URL whitelist) and its
st.navigation picks the page. Only Streamlit's public testing API is used:
`AppTest.from_file(app.py)`, `switch_page(file)` and `query_params`.

One private hook, here and nowhere else: every new AppTest scans the
metadata of every installed package for custom-component manifests (0.38 s
of a 0.44 s page run, 87% of the AppTest tier). Installed packages do not
change during a test session, so the scan runs once per process. The
behaviour is the same (the same manifests come back); tests/app/
test_deep_link_harness.py fails loudly if a Streamlit upgrade moves it."""

from __future__ import annotations

import functools

from streamlit.components.v2 import manifest_scanner
from streamlit.testing.v1 import AppTest

from components import pages
from testkit.server import APP

if not hasattr(manifest_scanner.scan_component_manifests, "cache_info"):
    manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)


def app_test(
    page: str | pages.Page | None = None, params: dict[str, str] | None = None, timeout: float = 60
) -> AppTest:
    """An AppTest of app.py about to open `page` (a registry entry, its file
    "views/x.py" or its url path) with the link parameters `params`; call
    .run() on it."""
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    if page is not None:
        at.switch_page(page_file(page))
    at.query_params.update(params or {})
    return at


def page_file(page: str | pages.Page) -> str:
    """The file of a page, as app.py's st.navigation knows it."""
    if isinstance(page, pages.Page):
        return page.file
    if page in pages.BY_PATH:
        return pages.BY_PATH[page].file
    if page == "overview":
        return pages.OVERVIEW.file
    return page
