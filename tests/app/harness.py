"""Runs app.py the way a deep link opens a page.

AppTest in this Streamlit runs a page file directly after switch_page() when
the app uses st.navigation, which would skip app.py. This harness runs app.py
itself and makes st.navigation return the page whose url path is in session
state `_test_page`, so the page runs exactly as it does behind a URL.
"""

import runpy
from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

APP = Path(__file__).resolve().parents[2] / "app.py"
_navigation = st.navigation


def _navigation_to_test_page(pages, **kwargs):  # type: ignore[no-untyped-def]
    chosen = _navigation(pages, **kwargs)
    wanted = st.session_state.get("_test_page")
    for page in pages:
        if wanted is not None and page.url_path == wanted and page is not chosen:
            chosen._can_be_called = False
            page._can_be_called = True
            get_script_run_ctx().set_mpa_v2_page(page._script_hash)
            return page
    return chosen


st.navigation = _navigation_to_test_page
try:
    runpy.run_path(str(APP), run_name="__main__")
finally:
    st.navigation = _navigation
