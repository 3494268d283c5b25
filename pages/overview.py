"""Overview: headline figures, the stance heatmap, the most contested
provisions and the latest events."""

import streamlit as st

from components import analysis, charts, ui

ds, view = ui.current()
st.title(ds.meta.subject or ds.meta.title)
ui.as_of_caption(ds)
if not view.is_empty:
    st.caption(f"Filtered: {ui.markdown_text(view.describe())}")

current = ui.view_positions(ds, view)
figures = analysis.headline(ds, current)
cols = st.columns(4)
cols[0].metric("Stakeholders", figures.stakeholders, help="Stakeholders with at least one position in view")
cols[1].metric("Provisions with positions", figures.provisions_with_positions)
if figures.signatures is not None:
    cols[2].metric("Signatures", figures.signatures)
    target = f" of {figures.threshold}" if figures.threshold else ""
    cols[3].metric(
        "Ratifications",
        f"{figures.ratifications}{target}",
        help="Ratifications, acceptances, approvals or accessions; the threshold is what entry into force needs",
    )
else:
    cols[2].metric("Positions", figures.positions)
    cols[3].metric("Data as of", figures.as_of or "unknown")

st.subheader("Who stands where")
st.caption("Each cell is one stakeholder's current stance on one provision. Hover for the summary and the source.")
ui.stance_legend()
provisions = ui.ordered_provisions(ds)
st.plotly_chart(charts.stance_heatmap(current, provisions, ds.stakeholders), key="heatmap")

left, right = st.columns([3, 2])
with left:
    st.subheader("Most contested provisions")
    st.caption(
        "Provisions with stakeholders on both sides, most divided first (contestation is explained on the About page)."
    )
    contested = analysis.most_contested(current, provisions, n=8)
    st.plotly_chart(charts.contested_bars(contested), key="contested")
    for row in contested.head(8).itertuples():
        ui.page_link("pages/provisions.py", f"{row.label}: {row.title}", provision=row.provision_id)
with right:
    st.subheader("Latest events")
    if ds.has_events:
        for event in analysis.latest_events(ds.events, 6).itertuples():
            st.markdown(f"**{ui.markdown_text(event.date)}** · {ui.markdown_text(event.title)}")
            ui.text(event.description, caption=True)
        ui.page_link("pages/timeline.py", "Full timeline")
    else:
        st.info("This dataset has no events.csv, so there is no timeline.")
