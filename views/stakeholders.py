"""Stakeholder profile: who they are, their stance by provision, every
position with its source, and how positions changed."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import analysis, charts, history, pages, ui
from components.dataset import Dataset
from components.filters import FilterState
from components.safety import markdown_text
from components.vocab import TYPE_LABELS


@ui.cached
def profile_for(ds: Dataset, filters: FilterState, stakeholder_id: str) -> tuple[pd.DataFrame, go.Figure, pd.DataFrame]:
    """Positions, chart and history: built once per dataset, filters and stakeholder."""
    table = ui.filtered_table(ds, filters)
    profile = analysis.stakeholder_profile(table, stakeholder_id)
    return profile, charts.stakeholder_stances(profile), analysis.history(table, stakeholder_id)


@ui.cached
def strip_for(ds: Dataset, filters: FilterState, stakeholder_id: str) -> go.Figure:
    """The stakeholder's statements over time, one row per provision."""
    return charts.stance_strip(history.stance_strip(ui.filtered_table(ds, filters), stakeholder_id))


ds, filters = ui.current()
st.title("Stakeholder profile")
ui.as_of_caption(ds)
stakeholder_id = ui.pick_stakeholder(ds)
stakeholder = ui.stakeholders_by_id(ds).loc[stakeholder_id]

st.header(markdown_text(stakeholder["name"]))
facts = [TYPE_LABELS.get(stakeholder["type"], stakeholder["type"])]
if stakeholder["country_iso3"]:
    facts.append(stakeholder["country_iso3"])
st.caption(" · ".join(markdown_text(f) for f in facts))
ui.text(stakeholder["description"])
ui.link("Website", stakeholder["website"])

profile, chart, changes = profile_for(ds, filters, stakeholder_id)
ui.filtered_caption(filters)
st.subheader(f"Stances by provision ({len(profile)})")
ui.stance_legend()
ui.chart(chart, key="stakeholder_chart", alt="Bar chart: this stakeholder's stance on each provision.")

st.subheader("Positions and sources")
ui.positions_table(
    profile,
    columns=("label", "title", "stance_text", "summary", "quote", "source_date", "source_url", "evidence"),
    empty="This stakeholder has no recorded position yet."
    if filters.is_empty
    else "None of this stakeholder's positions matches the current filters.",
)

st.subheader("Position history")
if changes.empty:
    st.caption("No provision has more than one recorded position from this stakeholder.")
else:
    st.caption(
        "Provisions where this stakeholder stated a position more than once, oldest first; the latest is current."
    )
    ui.positions_table(changes, columns=("label", "stance_text", "summary", "source_date", "source_url"), key="history")

st.subheader("Stances over time")
strip = strip_for(ds, filters, stakeholder_id)
st.caption(
    "Each dated statement at its date, one row per provision; a thick ring marks a statement that changed the "
    "stance on that provision."
)
ui.chart(strip, key="stakeholder_strip")

ui.page_link(pages.COMPARE, "Compare with others", stakeholders=stakeholder_id)
