"""Stancemap entrypoint: page config, the active dataset, the shared filters
from the URL, and the router. Pages live in views/, logic in components/."""

import logging
import sys
import time
from pathlib import Path

import streamlit as st

from components import serving, ui

STARTED = time.perf_counter()
# One-line records on stdout (a container's log collector reads them there).
logging.basicConfig(level=logging.INFO, stream=sys.stdout, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

HERE = Path(__file__).resolve().parent
st.set_page_config(page_title="Stancemap", page_icon=str(HERE / "assets/icon.png"), layout="wide")

PAGES = [
    st.Page(HERE / "views/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page(HERE / "views/stakeholders.py", title="Stakeholders", icon=":material/groups:", url_path="stakeholders"),
    st.Page(HERE / "views/provisions.py", title="Provisions", icon=":material/article:", url_path="provisions"),
    st.Page(HERE / "views/network.py", title="Network", icon=":material/hub:", url_path="network"),
    st.Page(HERE / "views/compare.py", title="Compare", icon=":material/compare_arrows:", url_path="compare"),
    st.Page(
        HERE / "views/timeline.py", title="Timeline & ratification", icon=":material/timeline:", url_path="timeline"
    ),
    st.Page(HERE / "views/briefing.py", title="Briefing", icon=":material/co_present:", url_path="briefing"),
    st.Page(HERE / "views/data.py", title="Data & downloads", icon=":material/download:", url_path="data"),
    st.Page(HERE / "views/about.py", title="About & method", icon=":material/info:", url_path="about"),
]

page = st.navigation(PAGES)
try:
    ds = ui.active_dataset()
    if ds is None:
        st.stop()
    view = ui.sidebar_filters(ds)
    ui.drop_unknown_params(page.url_path)
    ui.set_current(ds, view)
    ui.upload_banner(ds)
    serving.moved_replica_notice()
    notices = st.container()
    ui.run_safely(page.run)
    with notices:
        ui.show_notices()
finally:
    serving.log_run(page.url_path, STARTED)
