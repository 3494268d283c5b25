"""Stancemap entrypoint: page config, the active dataset, the shared filters
from the URL, and the router over the pages registered in components/pages.py.
Pages live in views/, logic in components/."""

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
# A few runs compute at a time, first come first served (serving.RunSlots).
with serving.RUN_SLOTS.slot():
    st.set_page_config(page_title="Stancemap", page_icon=ui.page_icon(str(HERE / "assets/icon.png")), layout="wide")

    page = st.navigation(ui.navigation_pages())
    try:
        ds = ui.active_dataset()
        if ds is None:
            st.stop()
        filters = ui.sidebar_filters(ds)
        ui.drop_unknown_params(page.url_path)
        ui.set_current(ui.dataset_on(ds, filters.asof), filters)
        ui.upload_banner(ds)
        serving.moved_replica_notice()
        notices = st.container()
        ui.run_safely(page.run)
        with notices:
            ui.show_notices()
    finally:
        serving.log_run(page.url_path, STARTED)
