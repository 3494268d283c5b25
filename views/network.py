"""Network: who stands with whom. Stakeholders linked to the provisions they
took a stance on (bipartite view) or to each other by agreement (agreement
view), coalitions and a plain reading beside the graph; click a node to see
its positions."""

import plotly.graph_objects as go
import streamlit as st

from components import analysis, network, pages, ui
from components.dataset import Dataset
from components.filters import FilterState
from components.params import shorten
from components.safety import markdown_text
from components.vocab import TYPE_LABELS

GRAPH_KIND_LABELS = {"bipartite": "Stakeholders × provisions", "agreement": "Agreement between stakeholders"}
COLOR_LABELS = {"type": "Stakeholder type", "coalition": "Coalition"}
EXPLAIN = {
    "bipartite": "Each line is one stakeholder's current stance on one provision (grey squares), coloured by stance.",
    "agreement": (
        "Stakeholders are linked when they agree (above 0.5 on the 0–1 agreement scale) on at least three "
        "provisions both addressed; stakeholders who agree sit close together."
    ),
}


@ui.cached
def network_for(ds: Dataset, filters: FilterState, graph_kind: str, show_all: bool) -> network.Network:
    """Graphs, coalitions and layout: computed once per dataset, filters, view
    and "show all" (else the MAX_DRAWN_STAKEHOLDERS with the most positions)."""
    return network.build(
        ui.filtered_positions(ds, filters),
        graph_kind,
        agreement=ui.agreement_graph(ds, filters),
        groups=ui.coalitions(ds, filters),
        limit=None if show_all else network.MAX_DRAWN_STAKEHOLDERS,
    )


@ui.cached
def figure_for(ds: Dataset, filters: FilterState, graph_kind: str, show_all: bool, color_by: str) -> go.Figure:
    net = network_for(ds, filters, graph_kind, show_all)
    return network.figure(net.graph, net.positions, color_by=color_by, groups=net.groups)


@ui.cached
def ally_count_for(ds: Dataset, filters: FilterState, graph_kind: str, show_all: bool) -> int:
    return network.allies(network_for(ds, filters, graph_kind, show_all).graph).number_of_edges()


@ui.cached
def reading_for(ds: Dataset, filters: FilterState, graph_kind: str, show_all: bool) -> tuple[list[str], object]:
    """The plain reading and the contested provisions, once per dataset, filters and view."""
    net = network_for(ds, filters, graph_kind, show_all)
    contested = network.contested(ui.filtered_positions(ds, filters), ui.ordered_provisions(ds))
    return list(network.reading(net.agreement, net.groups, net.central, contested)), contested


def chosen_node(ds: Dataset, event: object) -> network.NodeRef | None:
    """A newly clicked node wins and goes into ?node=; otherwise the link's node."""
    clicked = network.selected_node(event)
    if clicked is not None and st.session_state.get("_network_clicked") != clicked:
        st.session_state["_network_clicked"] = clicked
        ui.set_param("node", clicked)
    raw = (ui.param("node") or [None])[0]
    node = network.resolve_node(raw, set(ds.stakeholders["stakeholder_id"]), set(ds.provisions["provision_id"]))
    if raw and node is None:
        ui.note([f"Ignored unknown node {shorten(raw)!r}."])
        ui.set_param("node", None)
    return node


def show_all_control(total: int) -> bool:
    """Above MAX_DRAWN_STAKEHOLDERS stakeholders in view, a toggle to draw
    them all; off by default so a large dataset's graph comes up quickly."""
    limit = network.MAX_DRAWN_STAKEHOLDERS
    if total <= limit:
        return True
    show_all = ui.switch(f"Draw all {total:,} stakeholders (slower)", "all", "network_all")
    if not show_all:
        st.caption(
            f"Drawing the {limit} stakeholders with the most positions in view, of {total:,}. "
            "Coalitions, centrality and the reading count all of them."
        )
    return show_all


def node_panel(ds: Dataset, filters: FilterState, node: network.NodeRef, net: network.Network) -> None:
    """The clicked stakeholder's or provision's positions in view, and a link on."""
    current = ui.filtered_positions(ds, filters)
    if node.kind == network.STAKEHOLDER:
        person = ui.stakeholders_by_id(ds).loc[node.id]
        st.subheader(markdown_text(person["name"]))
        ui.text(TYPE_LABELS.get(person["type"], person["type"]), caption=True)
        group = next((g for g in net.groups if node.id in g), frozenset())
        if len(group) > 1:
            names = analysis.display_names(ds)
            others = ", ".join(sorted(names.get(s, s) for s in group if s != node.id))
            st.caption(f"In a coalition with: {markdown_text(others)}")
        rows = current[current["stakeholder_id"] == node.id].sort_values(["number", "row"], na_position="first")
        ui.positions_table(
            rows,
            columns=("label", "title", "stance_text", "summary", "quote", "source_date", "source_url"),
            key="node_rows",
        )
        ui.page_link(pages.STAKEHOLDERS, f"Open the profile of {person['name']}", stakeholder=node.id)
    else:
        provision = ui.provisions_by_id(ds).loc[node.id]
        st.subheader(f"{markdown_text(provision['label'])}: {markdown_text(provision['title'])}")
        ui.text(provision["summary"], caption=True)
        rows = analysis.stances_on(current, node.id)
        ui.positions_table(
            rows,
            columns=("stakeholder", "stance_text", "summary", "quote", "source_date", "source_url"),
            key="node_rows",
        )
        ui.page_link(pages.PROVISIONS, f"Open {provision['label']} in detail", provision=node.id)


ds, filters = ui.current()
st.title("Network")
ui.as_of_caption(ds)
ui.filtered_caption(filters)

graph_kind = ui.pick("Graph", "view", network.GRAPH_KINDS, GRAPH_KIND_LABELS.get, "network view", buttons=True)
current = ui.filtered_positions(ds, filters)
event = None
if current.empty:
    st.info("No positions match the current filters, so there is no network to draw. Remove a filter in the sidebar.")
else:
    left, right = st.columns([3, 1.2], gap="large")
    with left:
        show_all = show_all_control(current["stakeholder_id"].nunique())
        color_by = ui.pick(
            "Colour stakeholders by", "color", network.COLOR_BY, COLOR_LABELS.get, "colouring", buttons=True
        )
        st.caption(
            EXPLAIN[graph_kind] + " Click a node to see its positions. Where names would collide, the busiest "
            "nodes are named and the others show their name on hover."
        )
        if graph_kind == "bipartite":  # its links are stances; the agreement view's legend is in the chart
            ui.stance_legend()
        if graph_kind == "agreement" and ally_count_for(ds, filters, graph_kind, show_all) == 0:
            st.info(
                "No two stakeholders in view agree above 0.5 on three or more shared provisions, so there are no links."
            )
        event = ui.chart(
            figure_for(ds, filters, graph_kind, show_all, color_by),
            on_select="rerun",
            selection_mode="points",
            key="network",
            min_width=network.MIN_WIDTH,
            alt="Network chart: stakeholders linked to the provisions they took a stance on, or to the stakeholders they agree with.",
        )
    with right:
        st.header("Reading")
        lines, contested = reading_for(ds, filters, graph_kind, show_all)
        for line in lines:
            st.markdown("- " + markdown_text(line))
        for row in contested.itertuples():
            ui.page_link(pages.PROVISIONS, f"{row.label}: {row.title}", provision=row.provision_id)

node = chosen_node(ds, event)
if node is not None and not current.empty:
    node_panel(ds, filters, node, network_for(ds, filters, graph_kind, show_all))
