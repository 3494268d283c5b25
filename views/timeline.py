"""Timeline & ratification: events and dated positions over time, signatures
and ratifications towards entry into force, a world map of who signed and
ratified (drawn from shipped shapes, no network), and the signatory list."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import analysis, timeline, ui
from components.dataset import Dataset
from components.filters import FilterState
from components.safety import markdown_text, safe_url
from components.vocab import plural


# Figures are built once per dataset (and filters / choices) and re-sent on
# reruns that change none of them: the map alone is ~80 traces.
@ui.cached
def ratification_for(ds: Dataset) -> tuple[int, int, int | None, str, int]:
    """(signed, ratified, threshold, "3 of 40 ratifications", undated signatures)."""
    signed, _ = analysis.ratification_status(ds.signatories)
    ratified, threshold, progress = timeline.ratification_progress(ds.signatories, ds.meta.ratification_threshold)
    return signed, ratified, threshold, progress, timeline.undated_signatories(ds.signatories)


@ui.cached
def counts_chart_for(ds: Dataset) -> go.Figure:
    counts = timeline.cumulative_counts(ds.signatories)
    return timeline.cumulative_chart(counts, ds.meta.ratification_threshold, ds.meta.as_of)


@ui.cached
def map_for(ds: Dataset) -> tuple[go.Figure, list[str]]:
    status, unknown = timeline.map_status(ds.signatories)
    return timeline.world_map(status), unknown


@ui.cached
def signatories_for(ds: Dataset) -> pd.DataFrame:
    table = timeline.signatory_table(ds.signatories)
    return table.assign(source_url=table["source_url"].map(lambda u: safe_url(u) or ""))


@ui.cached
def items_for(ds: Dataset, filters: FilterState) -> pd.DataFrame:
    return timeline.timeline_items(ds.events, ui.filtered_table(ds, filters), analysis.display_names(ds))


@ui.cached
def people_for(ds: Dataset, filters: FilterState) -> dict[str, str]:
    """The stakeholders on the timeline, id -> display name, in name order."""
    names = analysis.display_names(ds)
    ids = set(items_for(ds, filters)["stakeholder_id"].unique()) - {""}
    shown = {s: str(names.get(s, s)) for s in ids}
    return dict(sorted(shown.items(), key=lambda item: (item[1].casefold(), item[0])))


@ui.cached
def busiest_for(ds: Dataset, filters: FilterState, categories: tuple[str, ...]) -> tuple[tuple[str, ...] | None, int]:
    return timeline.busiest_stakeholders(items_for(ds, filters), categories)


@ui.cached
def items_chart_for(
    ds: Dataset, filters: FilterState, categories: tuple[str, ...], chosen: tuple[str, ...]
) -> go.Figure:
    return timeline.timeline_chart(timeline.filter_items(items_for(ds, filters), categories, chosen))


def signatory_table(table: pd.DataFrame) -> None:
    st.dataframe(
        table,
        hide_index=True,
        key="timeline_signatories",
        column_config={
            "country": st.column_config.TextColumn("Country"),
            "iso3": st.column_config.TextColumn("ISO3", width="small"),
            "status": st.column_config.TextColumn("Status"),
            "signature_date": st.column_config.TextColumn("Signed"),
            "ratification_date": st.column_config.TextColumn("Ratified / acceded"),
            "source_url": ui.POSITION_COLUMNS["source_url"],
        },
    )


ds, filters = ui.current()
st.title("Timeline & ratification")
ui.as_of_caption(ds)

st.header("Signatures and ratifications")
if not ds.has_signatories:
    st.info("This dataset has no signatories.csv, so there is nothing to show about signatures and ratifications.")
else:
    signed, ratified, threshold, progress, undated = ratification_for(ds)
    cols = st.columns([2, 1, 1])
    cols[0].metric("Ratifications", progress, help="Ratifications, acceptances, approvals or accessions")
    cols[1].metric("Signatures", signed)
    if threshold:
        cols[2].metric("Still needed for entry into force", max(threshold - ratified, 0))
    ui.chart(counts_chart_for(ds), key="timeline_counts", alt="Line chart: signatures and ratifications over time.")
    if undated:
        st.caption(
            f"{plural(undated, 'signature')} {'has' if undated == 1 else 'have'} no date in the sources: "
            "counted above, not drawn on the line."
        )

    st.header("Who signed and ratified")
    world, unknown = map_for(ds)
    ui.chart(
        world,
        key="timeline_map",
        config={"scrollZoom": True},
        table=False,  # the list of signatories below is its table
        alt="World map: states that signed or ratified the instrument.",
    )
    st.caption(
        "Blue: ratified or acceded · orange, hatched: signed · grey: not signed. Small states are dots. "
        "Hover a country for its dates. Borders: Natural Earth 1:110m."
    )
    if unknown:
        st.caption("Not on the map (no shape for the code): " + ", ".join(markdown_text(u) for u in unknown))
    table = signatories_for(ds)
    listed = len(table) <= timeline.MAX_LISTED or st.toggle(
        f"List all {len(table):,} signatories with dates and sources", key="timeline_list"
    )
    if listed:
        signatory_table(table)


st.header("Timeline")
items = items_for(ds, filters)
if not ds.has_events:
    st.info("This dataset has no events.csv: the timeline shows dated positions only.")
if items.empty:
    st.info("There are no dated events or positions to draw.")
else:
    left, right = st.columns(2)
    categories = left.multiselect(
        "Show",
        timeline.item_categories(items),
        format_func=timeline.category_label,
        placeholder="Everything",
        key="timeline_categories",
    )
    people = people_for(ds, filters)
    chosen = right.multiselect(
        "Stakeholders", list(people), format_func=people.__getitem__, placeholder="All", key="timeline_stakeholders"
    )
    drawn = tuple(chosen)
    busiest, total = busiest_for(ds, filters, tuple(categories)) if not chosen else (None, 0)
    if busiest is not None and not ui.switch(f"Draw all {total:,} stakeholders (slower)", "all", "timeline_all"):
        drawn = busiest
        st.caption(
            f"Drawing the {len(busiest)} stakeholders with the most dated items, of {total:,}. "
            "Choose stakeholders above to see others."
        )
    ui.stance_legend()
    items_chart = items_chart_for(ds, filters, tuple(categories), drawn)
    ui.chart(
        items_chart,
        key="timeline_items",
        min_width=timeline.timeline_min_width(items_chart),
        alt="Timeline chart: events and stakeholders' dated positions; items on or near the same day are stacked "
        "within their lane.",
    )
