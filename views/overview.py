"""Overview: headline figures, the stance heatmap, the most contested
provisions and the latest events."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import analysis, charts, pages, ui
from components.dataset import Dataset
from components.filters import FilterState
from components.safety import markdown_text


# Built once per dataset and filters, so a rerun that changes neither (a
# click elsewhere, a toggle) only sends what is already there.
@ui.cached
def headline_for(ds: Dataset, filters: FilterState) -> analysis.Headline:
    return analysis.headline(ds, ui.filtered_positions(ds, filters))


@ui.cached
def cells_for(ds: Dataset, filters: FilterState) -> analysis.TopCells:
    return analysis.top_cells(ui.filtered_positions(ds, filters))


@ui.cached
def heatmap_for(ds: Dataset, filters: FilterState, show_all: bool) -> go.Figure:
    shown = ui.filtered_positions(ds, filters) if show_all else cells_for(ds, filters).positions
    return charts.stance_heatmap(shown, ui.ordered_provisions(ds), ds.stakeholders)


@ui.cached
def grid_for(ds: Dataset, filters: FilterState, show_all: bool) -> pd.DataFrame:
    """The cells of the stance grid as a wide table of symbols (analysis.stance_grid)."""
    shown = ui.filtered_positions(ds, filters) if show_all else cells_for(ds, filters).positions
    return analysis.stance_grid(shown, ui.ordered_provisions(ds), ds.stakeholders)


@ui.cached
def contested_for(ds: Dataset, filters: FilterState) -> tuple[pd.DataFrame, go.Figure]:
    contested = analysis.most_contested(ui.filtered_positions(ds, filters), ui.ordered_provisions(ds), n=8)
    return contested, charts.contested_bars(contested)


ds, filters = ui.current()
st.title(ds.meta.subject or ds.meta.title)
ui.as_of_caption(ds)
ui.filtered_caption(filters)

figures = headline_for(ds, filters)
cols = st.columns(4)
cols[0].metric("Stakeholders", figures.stakeholders, help="Stakeholders with at least one position in view")
cols[1].metric(
    "Provisions with positions",
    figures.provisions_with_positions,
    help="Provisions with at least one position in view, as the grid below draws them: "
    "positions on the instrument as a whole count as one provision",
)
if figures.signatures is not None:
    cols[2].metric("Signatures", figures.signatures)
    label, value = analysis.progress_metric(figures.ratifications, figures.threshold)
    cols[3].metric(
        label,
        value,
        help="Ratifications, acceptances, approvals or accessions; the threshold is what entry into force needs",
    )
else:
    cols[2].metric("Positions", figures.positions)
    cols[3].metric("Data as of", figures.as_of or "unknown")

st.header("Who stands where")
st.caption(
    "Each cell is one stakeholder's current stance on one provision. Hover for the summary and the source, "
    "or open the chart as a table below it; every position is also listed on the Data & downloads page."
)
ui.stance_legend()
cells = cells_for(ds, filters)
show_all = cells.is_cut and ui.switch(
    f"Show all {cells.stakeholders:,} stakeholders and {cells.provisions:,} provisions", "all", "heatmap_all"
)
if cells.is_cut and not show_all:
    st.caption(
        f"Showing the {cells.shown_stakeholders} stakeholders with the most positions and the "
        f"{cells.shown_provisions} provisions they address most."
    )
heatmap = heatmap_for(ds, filters, show_all)
ui.chart(
    heatmap,
    key="heatmap",
    min_width=charts.heatmap_min_width(heatmap),
    alt="Stance grid: each stakeholder's current stance (rows) on each provision (columns).",
)
with st.expander("The grid with names that stay in view (for phones and narrow windows)"):
    st.caption("The same stances as symbols: scroll sideways through the provisions, the names stay on the left.")
    ui.pinned_grid(grid_for(ds, filters, show_all), key="heatmap_grid")

left, right = st.columns([3, 2])
with left:
    st.header("Most contested provisions")
    st.caption(
        "Provisions with stakeholders on both sides, most divided first (contestation is explained on the About page)."
    )
    contested, contested_chart = contested_for(ds, filters)
    ui.chart(
        contested_chart,
        key="contested",
        min_width=560,
        alt="Bar chart: how many stakeholders stand for and against each of the most contested provisions.",
    )
    for row in contested.head(8).itertuples():
        ui.page_link(pages.PROVISIONS, f"{row.label}: {row.title}", provision=row.provision_id)
with right:
    st.header("Latest events")
    if ds.has_events:
        for event in analysis.latest_events(ds.events, 6).itertuples():
            st.markdown(f"**{markdown_text(event.date)}** · {markdown_text(event.title)}")
            ui.text(event.description, caption=True)
        ui.page_link(pages.TIMELINE, "Full timeline")
    else:
        st.info("This dataset has no events.csv, so there is no timeline.")
