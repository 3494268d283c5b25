"""Provision detail: what the provision says and every stakeholder's stance
on it, with quote and source."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import analysis, charts, pages, ui
from components.dataset import Dataset
from components.filters import FilterState
from components.safety import markdown_text
from components.vocab import humanize


@ui.cached
def stances_for(ds: Dataset, filters: FilterState, provision_id: str) -> tuple[pd.DataFrame, go.Figure]:
    """Stances and chart: built once per dataset, filters and provision."""
    found = analysis.stances_on(ui.filtered_table(ds, filters), provision_id)
    return found, charts.stance_bars(found)


ds, filters = ui.current()
st.title("Provision detail")
ui.as_of_caption(ds)
provision_id = ui.pick_provision(ds)
provisions = ui.ordered_provisions(ds)
provision = ui.provisions_by_id(ds).loc[provision_id]

st.header(f"{markdown_text(provision['label'])}: {markdown_text(provision['title'])}")
ui.text(provision["chapter"], caption=True)
ui.text(provision["summary"])
if provision["theme_list"]:
    st.caption("Themes: " + ", ".join(markdown_text(humanize(t)) for t in provision["theme_list"]))
ui.link("Official text", provision["text_url"])

stances, chart = stances_for(ds, filters, provision_id)
ui.filtered_caption(filters)
st.subheader(f"Who stands where ({len(stances)})")
ui.stance_legend()
ui.chart(chart, key="provision_chart", alt=f"Bar chart: each stakeholder's stance on this provision ({len(stances)}).")
ui.positions_table(
    stances,
    columns=("stakeholder", "stance_text", "summary", "quote", "source_date", "source_url", "evidence"),
    empty="No stakeholder has a recorded position on this provision yet."
    if filters.is_empty
    else "No position on this provision matches the current filters.",
)

previous_id, next_id = analysis.neighbours(provisions, provision_id)
left, right = st.columns(2)
labels = ui.provisions_by_id(ds)["label"]
with left:
    if previous_id:
        ui.page_link(pages.PROVISIONS, f"← {labels[previous_id]}", provision=previous_id)
with right:
    if next_id:
        ui.page_link(pages.PROVISIONS, f"{labels[next_id]} →", provision=next_id)
