"""What changed between two dates: stances that moved (from -> to, with both
statements), new positions, stakeholders' first positions, signatures and
ratifications, and the provisions that moved most. Narrowed by the shared
filters; `since` and `until` live in the link."""

import datetime as dt
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import charts, export, history, ui
from components.dataset import Dataset
from components.filters import FilterState
from components.safety import markdown_text
from components.vocab import STANCES, stance_label


@ui.cached
def changes_for(ds: Dataset, filters: FilterState, since: str | None, until: str | None) -> history.ChangeSet:
    """The change list, the provisions that moved and the signatory acts: built
    once per dataset, filters and dates."""
    return history.change_set(ds, ui.filtered_table(ds, filters), since, until)


def date_control(label: str, name: str, value: str | None, help: str) -> None:
    """A date picker whose choice is written to the link as `name=`."""
    chosen = st.date_input(label, value=date.fromisoformat(value) if value else None, help=help, format="YYYY-MM-DD")
    if isinstance(chosen, dt.date) and chosen.isoformat() != value:
        ui.set_param(name, chosen.isoformat())
        st.rerun()


SHOWN_ROWS = 500  # a table of tens of thousands of rows costs seconds on every rerun

ds, filters = ui.current()
st.title("What changed")
ui.as_of_caption(ds)
as_of = ds.meta.as_of or None
points = ui.milestones(ds)
window = history.window(ui.param("since"), ui.param("until"), as_of, points)
ui.note(window.notices)

left, middle, right = st.columns([2, 2, 3])
with left:
    date_control("Since", "since", window.since, "Changes after this date (statements dated on it count as before).")
with middle:
    date_control("Until", "until", window.until, "Changes up to and including this date.")
with right:
    if points:
        labels = {m.date: m.label for m in points}
        preset = st.selectbox(
            "Since a milestone",
            [m.date for m in reversed(points)],
            index=None,
            format_func=lambda d: labels[d],
            placeholder="Choose a milestone from the dataset's events",
        )
        if preset and preset != window.since:
            ui.set_param("since", preset)
            st.rerun()
    else:
        st.caption("This dataset has no events to offer as milestones: pick dates on the left.")

since_text = window.since or "the first record"
st.subheader(f"From {markdown_text(since_text)} to {markdown_text(window.until or 'the latest record')}")
ui.filtered_caption(filters)
found = changes_for(ds, filters, window.since, window.until)
counts = found.counts
cols = st.columns(5)
cols[0].metric("Changed stances", counts["changed"])
cols[1].metric("New positions", counts["new_position"])
cols[2].metric("First positions", counts["first_position"], help="Stakeholders that took their first position")
cols[3].metric("Signatures", counts["signature"])
cols[4].metric("Ratifications", counts["ratification"])
if found.undated_left_out:
    n = found.undated_left_out
    st.caption(
        f"{n} undated {'position is' if n == 1 else 'positions are'} left out: nobody can say when "
        f"{'it was' if n == 1 else 'they were'} stated."
    )

st.subheader("Positions that moved")
if found.report.empty:
    st.info(
        "No position was stated in this period."
        + (" The filters may hide some: clear them in the sidebar." if not filters.is_empty else "")
    )
else:
    if len(found.report) > SHOWN_ROWS:
        st.caption(
            f"The first {SHOWN_ROWS:,} of {len(found.report):,} changes (changed stances first); "
            "the download has them all."
        )
    st.dataframe(
        found.report.head(SHOWN_ROWS),
        hide_index=True,
        column_config={
            **{c: st.column_config.TextColumn(t) for c, t in history.REPORT_COLUMNS.items()},
            "source_url_before": st.column_config.LinkColumn(
                "Source before", display_text=r"https?://(?:www\.)?([^/?#]+).*"
            ),
            "source_url": st.column_config.LinkColumn("Source now", display_text=r"https?://(?:www\.)?([^/?#]+).*"),
        },
        key="changes_table",
    )
    st.download_button(
        "Download the changes (CSV)",
        data=lambda: export.to_csv_bytes(export.spreadsheet_safe(found.report.rename(columns=history.REPORT_COLUMNS))),
        file_name=export.export_file_name(ds.meta, filters, date.today(), suffix="csv").replace(
            "stancemap_", f"stancemap_changes_{window.since or 'start'}_{window.until or 'end'}_", 1
        ),
        mime="text/csv",
        on_click="ignore",
        icon=":material/table:",
        help="One row per change. Cells that a spreadsheet would run as a formula start with '.",
    )

st.subheader("Provisions that moved most")
if found.moved.empty:
    st.caption("No provision moved in this period.")
else:
    st.dataframe(
        found.moved,
        hide_index=True,
        column_config={
            "label": st.column_config.TextColumn("Provision"),
            "title": st.column_config.TextColumn("Title"),
            "moves": st.column_config.NumberColumn("Stakeholders that moved"),
            "changed": st.column_config.NumberColumn("Changed stances"),
            "net_shift": st.column_config.NumberColumn("Net shift (−2 … +2 scale)", format="%+.0f"),
        },
        key="moved_table",
    )

st.subheader("Signatures and ratifications")
if found.acts.empty:
    st.caption("No signature or ratification is dated in this period.")
else:
    st.dataframe(
        pd.DataFrame(found.acts).rename(columns={"date": "Date", "country": "State", "iso3": "ISO3", "act": "Act"}),
        hide_index=True,
        key="acts_table",
    )


@ui.cached
def grid_over_time(ds: Dataset, filters: FilterState) -> tuple[go.Figure, pd.DataFrame]:
    """The stance grid at each milestone (an animation) and its data as a table."""
    as_of = ds.meta.as_of or None
    frames = history.snapshots(ui.filtered_table(ds, filters), history.milestones(ds.events, as_of), as_of)
    return (
        charts.stance_grid_over_time(frames, ui.ordered_provisions(ds), ds.stakeholders),
        history.snapshot_counts(frames),
    )


st.subheader("The map over time")
figure, counts_table = grid_over_time(ds, filters)
st.caption(
    "The stance grid at each of the dataset's milestones where it changed: press Play, or move the slider "
    "(arrow keys step through the dates). A cell that fills or changes colour is a stakeholder taking or "
    "changing a position. Large datasets show their busiest stakeholders and provisions."
)
ui.stance_legend()
ui.chart(figure, key="grid_over_time")
with st.expander("The map over time as a table"):
    st.dataframe(
        counts_table.rename(
            columns={"date": "Date", "milestone": "Milestone", "stakeholders": "Stakeholders with a position"}
            | {s: stance_label(s) for s in STANCES}
        ),
        hide_index=True,
        key="grid_over_time_table",
    )
