"""Open a page of the app in Streamlit's AppTest the way a deep link does:
app.py runs (page config, dataset, sidebar filters, URL whitelist) and its
st.navigation picks the page. Only Streamlit's public testing API is used:
`AppTest.from_file(app.py)`, `switch_page(file)` and `query_params`."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from components import pages
from testkit.server import APP


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
