"""Placeholder: this page is being built."""

import streamlit as st

from components import ui

ds, view = ui.current()
st.title("compare")
st.info("This page is coming soon.")
