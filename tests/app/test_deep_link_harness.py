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
