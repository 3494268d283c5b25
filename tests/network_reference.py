"""The agreement graph as a full networkx graph: the reference the app's one
form of it (network.AllyTable, the ally edges as a table) is checked
against. Every measured pair is an edge here; the app keeps only allies.
Tests only: nothing in components/ imports it."""

from __future__ import annotations

import random

import igraph
import networkx as nx
import pandas as pd

from components import analysis, network
from components.network import (
    ALLY_THRESHOLD,
    MIN_SHARED,
    Network,
    _stakeholder_nodes,
    allies,
    bipartite_graph,
    drawn_stakeholders,
    layout,
)


def agreement_graph(current: pd.DataFrame, min_shared: int = MIN_SHARED) -> nx.Graph[str]:
    """Stakeholders as nodes (kind, id, label, name, type, positions); an edge
    between two stakeholders who took a stance on at least `min_shared` of the
    same provisions, with weight = their agreement (`analysis.agreement`:
    1 - mean |a - b| / 4 over those provisions, so 1 is the same stance
    everywhere and 0 opposite ends of the scale everywhere) and `shared`.
    Pairs with fewer shared provisions get no edge at all: too little to say."""
    graph: nx.Graph[str] = nx.Graph()
    if current.empty:
        return graph
    graph.add_nodes_from(_stakeholder_nodes(current).items())
    pairs = analysis.agreement_pairs(current, min_shared=min_shared)
    graph.add_edges_from(
        (a, b, {"weight": float(w), "shared": int(n)})
        for a, b, w, n in zip(pairs["a"], pairs["b"], pairs["agreement"], pairs["shared"], strict=True)
    )
    return graph


def coalitions(graph: nx.Graph[str], seed: int = 42, threshold: float = ALLY_THRESHOLD) -> list[frozenset[str]]:
    """network.coalitions over the full networkx agreement graph: the same
    Louvain run (igraph, nodes in id order, seeded) on its ally edges."""
    strong = allies(graph, threshold)
    ids = sorted(strong.nodes)
    index = {node: i for i, node in enumerate(ids)}
    edges = sorted(
        (min(index[u], index[v]), max(index[u], index[v]), d["weight"]) for u, v, d in strong.edges(data=True)
    )
    if not ids:
        return []
    ally_graph = igraph.Graph(
        n=len(ids),
        edges=[(e[0], e[1]) for e in edges],
        edge_attrs={"weight": [e[2] for e in edges]},
    )
    with network._IGRAPH_RNG:
        igraph.set_random_number_generator(random.Random(seed))
        try:
            found = ally_graph.community_multilevel(weights="weight", resolution=1)
        finally:
            igraph.set_random_number_generator(random)
    groups = [frozenset(ids[i] for i in members) for members in found]
    return sorted(groups, key=lambda g: (-len(g), sorted(g)))


def centrality(graph: nx.Graph[str], threshold: float = ALLY_THRESHOLD) -> pd.Series:
    """How much agreement each node commands: the sum of its ally-edge weights
    (agreement above `threshold`) divided by the number of other nodes, i.e.
    weighted degree centrality, from 0 (no ally) to 1 (full agreement with
    everyone). On the bipartite graph, whose edges carry no weight, this is
    plain degree centrality. Highest first, ties by node id."""
    n = graph.number_of_nodes()
    if n == 0:
        return pd.Series(dtype=float, name="centrality")
    strong = allies(graph, threshold)
    strength = dict(strong.degree(weight="weight"))
    values = pd.Series({node: strength.get(node, 0.0) / max(n - 1, 1) for node in sorted(graph.nodes)}, dtype=float)
    order = sorted(values.index, key=lambda node: (-values[node], node))
    return values[order].rename("centrality")


def build(current: pd.DataFrame, graph_kind: str = "bipartite", seed: int = 42, limit: int | None = None) -> Network:
    """The Network as the app built it from the full networkx agreement graph,
    before AllyTable became its one form: the reference `network.build` must
    draw and read exactly like."""
    total = int(current["stakeholder_id"].nunique()) if not current.empty else 0
    shown = drawn_stakeholders(current, limit) if total else None
    n_shown = total if shown is None else len(shown)
    agreement = agreement_graph(current)
    if graph_kind == "agreement":
        graph = agreement if shown is None else agreement.subgraph(sorted(shown)).copy()
    else:
        graph = bipartite_graph(current, shown)
    return Network(
        graph=graph,
        agreement=agreement,
        positions=layout(graph, seed=seed),
        groups=coalitions(agreement, seed=seed),
        central=centrality(agreement),
        shown=n_shown,
        total=total,
    )
