"""Who stands with whom: networkx graphs of the current positions, the
coalitions and central stakeholders they reveal, a deterministic layout and
the plotly figure of the Network page.

Two graphs:

- the **bipartite** graph links each stakeholder to each provision it took a
  stance on (one edge per current position, carrying the stance);
- the **agreement** graph links two stakeholders with the agreement measure of
  `analysis.agreement` (1 - mean |a - b| / 4 over the provisions both
  addressed, at least `MIN_SHARED` of them). Its one form in the app is
  `AllyTable` (the ally edges as a table; `AllyTable.graph` gives the
  networkx graph a figure draws); the full networkx graph of every measured
  pair survives as the reference in tests/network_reference.py.

Coalitions, centrality and the agreement layout look only at "ally" edges,
agreement above `ALLY_THRESHOLD` (0.5, the midpoint of the scale): a pair at
0.5 or below stands on average two or more steps apart on the stance scale,
so opposing camps are not glued together by their many weak links.

Pure functions, no Streamlit: the page caches and renders them.
"""

from __future__ import annotations

import random
import threading
from collections import Counter
from dataclasses import dataclass
from typing import Any

import igraph
import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components import analysis
from components.charts import base_layout, empty_figure
from components.safety import plot_text, wrap
from components.vocab import COLORS, STANCES, TYPE_COLORS, TYPE_LABELS, TYPE_NOUNS, plural, stance_label

MIN_SHARED = analysis.MIN_SHARED
ALLY_THRESHOLD = 0.5
NUMPY_LAYOUT_NODES = 300  # from this size a part is laid out by _force_layout (~20x faster)
WEBGL_NODES = 1000  # SVG draws a few hundred nodes faster; WebGL above this
MAX_DRAWN_STAKEHOLDERS = 150  # a larger view draws these by default, with a control to draw all
MAX_AGREEMENT_EDGES = 4000
MAX_EDGE_HOVERS = 2000
MAX_NAME_LABELS = 60
MAX_PROVISION_LABELS = 80
GRAPH_KINDS = ("bipartite", "agreement")
COLOR_BY = ("type", "coalition")

STAKEHOLDER = "stakeholder"
PROVISION = "provision"
_PREFIX = {STAKEHOLDER: "s:", PROVISION: "p:"}
PROVISION_COLOR = "#4d4d4d"
ALONE_COLOR = "#bdbdbd"
# Okabe-Ito without the colours that read as the stance scale's ends, then
# Tableau greys: distinct on a projector and for most colour-vision types.
COALITION_COLORS = ("#E69F00", "#009E73", "#0072B2", "#CC79A7", "#D55E00", "#56B4E9", "#8c564b", "#bcbd22")
AGREEMENT_BANDS = (
    # (lowest agreement, label, colour, width)
    (0.75, "Strong agreement (≥ 0.75)", "#525252", 2.2),
    (ALLY_THRESHOLD, "Agreement (0.5–0.75)", "#bdbdbd", 1.0),
)


# --------------------------------------------------------------------------
# Graphs


def node_key(kind: str, id_: str) -> str:
    """The bipartite graph's node for a stakeholder or provision id, e.g.
    's:alpha-ngo' or 'p:art-06': stakeholder and provision ids may collide."""
    return _PREFIX[kind] + id_


def _stakeholder_nodes(current: pd.DataFrame) -> dict[str, dict[str, object]]:
    """stakeholder_id -> node attributes, in id order: kind, id, label, name,
    type, positions and one count per stance."""
    people = current.drop_duplicates("stakeholder_id").set_index("stakeholder_id").sort_index()
    counts = (
        current.groupby(["stakeholder_id", "stance"], observed=True)
        .size()
        .unstack(fill_value=0)
        .reindex(index=people.index, columns=list(STANCES), fill_value=0)
    )
    return {
        sid: {
            "kind": STAKEHOLDER,
            "id": sid,
            "label": label,
            "name": name,
            "type": type_,
            "positions": int(sum(row)),
            **{s: int(n) for s, n in zip(STANCES, row, strict=True)},
        }
        for sid, label, name, type_, row in zip(
            people.index,
            people["short_name"].tolist(),
            people["stakeholder"].tolist(),
            people["type"].tolist(),
            counts.to_numpy().tolist(),
            strict=True,
        )
    }


def bipartite_graph(current: pd.DataFrame, stakeholders: list[str] | None = None) -> nx.Graph[str]:
    """Stakeholders and provisions as nodes, one edge per current position.

    Stakeholder nodes: kind="stakeholder", id, label (short name), name, type,
    positions (how many stances) and one count per stance. Provision nodes:
    kind="provision", id, label, title, themes, positions, for, against,
    contestation (from `analysis.stance_counts`). Edges: stance, score,
    source_url, source_date, summary. Nodes are added in sorted order so
    layouts and community detection are reproducible.

    With `stakeholders`, only those stakeholders, their positions and the
    provisions they address are drawn; a provision's counts and
    contestation still count every stakeholder in `current`."""
    graph: nx.Graph[str] = nx.Graph()
    if current.empty:
        return graph
    counts = analysis.stance_counts(current).set_index("provision_id")
    if stakeholders is not None:
        current = current[current["stakeholder_id"].isin(stakeholders)]
    for sid, data in _stakeholder_nodes(current).items():
        graph.add_node(node_key(STAKEHOLDER, sid), **data)
    provisions = current.drop_duplicates("provision_id").sort_values("provision_id", kind="stable")
    by_provision = counts[["n", "for", "against", "contestation"]].to_dict("index")
    for pid, label, title, themes in zip(
        provisions["provision_id"].tolist(),
        provisions["label"].tolist(),
        provisions["title"].tolist(),
        provisions["theme_list"].tolist(),
        strict=True,
    ):
        c = by_provision[pid]
        graph.add_node(
            node_key(PROVISION, pid),
            kind=PROVISION,
            id=pid,
            label=label,
            title=title,
            themes=tuple(themes),
            positions=int(c["n"]),
            **{"for": int(c["for"]), "against": int(c["against"])},
            contestation=float(c["contestation"]),
        )
    edges = current.sort_values(["stakeholder_id", "provision_id"])
    graph.add_edges_from(
        (
            node_key(STAKEHOLDER, str(sid)),
            node_key(PROVISION, str(pid)),
            {"stance": stance, "score": int(score), "source_url": url, "source_date": date, "summary": summary},
        )
        for sid, pid, stance, score, url, date, summary in zip(
            *(edges[c].tolist() for c in ("stakeholder_id", "provision_id", "stance", "score")),
            *(edges[c].tolist() for c in ("source_url", "source_date", "summary")),
            strict=True,
        )
    )
    return graph


def allies(graph: nx.Graph[str], threshold: float = ALLY_THRESHOLD) -> nx.Graph[str]:
    """The same nodes with only the edges whose weight is above `threshold`
    (edges without a weight count as 1), in sorted order. A graph built by
    `AllyTable.graph` with the same threshold already is one and comes back
    as is: no copy (at 1,500 stakeholders it holds ~240,000 edges)."""
    if graph.graph.get("ally_threshold") == threshold:
        return graph
    kept: nx.Graph[str] = nx.Graph()
    kept.add_nodes_from(sorted(graph.nodes))
    kept.add_weighted_edges_from(
        sorted((a, b, d.get("weight", 1.0)) for a, b, d in graph.edges(data=True) if d.get("weight", 1.0) > threshold)
    )
    return kept


@dataclass(frozen=True)
class AllyTable:
    """The agreement graph in compact form, for large datasets: stakeholder
    node attributes, and only the ally edges (agreement above `threshold`) as
    a table of (a, b, weight, shared) sorted by a then b (a before b), with
    stakeholder ids as categories. At 1,500 stakeholders this is a few MB
    where the full networkx graph of ~360,000 edges is ~140 MB."""

    nodes: dict[str, dict[str, object]]
    pairs: pd.DataFrame
    measured: int  # pairs with agreement measured: the full graph's edges
    threshold: float

    def graph(self, limit: int | None = None) -> nx.Graph[str]:
        """The ally graph (`allies(agreement_graph(current), threshold)`, the
        same nodes, edges and order) with node attributes, `allies` (ally
        count) and `compared` (stakeholders with agreement measured) on each
        node. With `limit`, only the `limit` strongest ally edges (ties in
        (a, b) order), which is all `figure` draws of an agreement graph."""
        pairs = self.pairs
        if limit is not None and len(pairs) > limit:
            pairs = pairs.sort_values("weight", ascending=False, kind="stable").head(limit).sort_index()
        graph: nx.Graph[str] = nx.Graph(ally_threshold=self.threshold, measured=self.measured, allies=len(self.pairs))
        graph.add_nodes_from(self.nodes.items())
        graph.add_edges_from(
            (a, b, {"weight": w, "shared": n})
            for a, b, w, n in zip(
                pairs["a"].astype(object).tolist(),
                pairs["b"].astype(object).tolist(),
                pairs["weight"].tolist(),
                pairs["shared"].tolist(),
                strict=True,
            )
        )
        return graph

    def subset(self, ids: list[str]) -> AllyTable:
        """The table of only the stakeholders `ids` and the ally edges between
        them. Node attributes stay those of the whole table (`allies` and
        `compared` still count every stakeholder), as does `measured`."""
        keep = sorted(set(ids) & set(self.nodes))
        inside = self.pairs["a"].isin(keep) & self.pairs["b"].isin(keep)
        dtype = pd.CategoricalDtype(keep)
        pairs = self.pairs[inside].assign(
            a=lambda t: t["a"].astype(object).astype(dtype), b=lambda t: t["b"].astype(object).astype(dtype)
        )
        return AllyTable(
            nodes={node: self.nodes[node] for node in keep},
            pairs=pairs.reset_index(drop=True),
            measured=self.measured,
            threshold=self.threshold,
        )

    def centrality(self) -> pd.Series:
        """`centrality` of the agreement graph, from the table: each node's
        ally weights summed in the order networkx sums them (neighbours in id
        order), so the values are identical to the last bit."""
        n = len(self.nodes)
        if n == 0:
            return pd.Series(dtype=float, name="centrality")
        ids = list(self.nodes)
        a = self.pairs["a"].cat.codes.to_numpy(dtype=np.int64)
        b = self.pairs["b"].cat.codes.to_numpy(dtype=np.int64)
        weight = self.pairs["weight"].to_numpy()
        node, other = np.concatenate([a, b]), np.concatenate([b, a])
        order = np.lexsort((other, node))
        # bincount adds each node's weights one by one in that order, as
        # Python's sum over its neighbours does.
        strength = np.bincount(node[order], weights=np.concatenate([weight, weight])[order], minlength=n)
        values = pd.Series(strength / max(n - 1, 1), index=pd.Index(ids), dtype=float)
        ranked = np.lexsort((np.array(ids, dtype=str), -values.to_numpy()))
        return values.iloc[ranked].rename("centrality")


def ally_table(current: pd.DataFrame, threshold: float = ALLY_THRESHOLD, min_shared: int = MIN_SHARED) -> AllyTable:
    """The agreement graph of `current` as an `AllyTable`: the agreement of
    every pair (`analysis.agreement_arrays`) is computed, only the ally pairs
    kept; no networkx graph is built. Pairs stay integer codes throughout (a
    million pairs of names would cost a second to make and count)."""
    nodes = _stakeholder_nodes(current) if not current.empty else {}
    order = sorted(nodes)
    ids = pd.CategoricalDtype(order)
    n = len(order)
    found = analysis.agreement_arrays(current, min_shared=min_shared) if nodes else None
    if found is not None and len(found.a):
        code = pd.Index(order).get_indexer(pd.Index(found.ids))  # matrix row -> node code
        a, b = code[found.a], code[found.b]
        compared = np.bincount(a, minlength=n) + np.bincount(b, minlength=n)
        keep = found.agreement > threshold
        a, b, weight, shared = a[keep], b[keep], found.agreement[keep], found.shared[keep]
        by_pair = np.lexsort((b, a))
        a, b, weight, shared = a[by_pair], b[by_pair], weight[by_pair], shared[by_pair]
        measured = len(found.a)
    else:
        a = b = np.zeros(0, dtype=np.int64)
        weight, shared = np.zeros(0), np.zeros(0, dtype=np.int32)
        compared = np.zeros(n, dtype=np.int64)
        measured = 0
    table = pd.DataFrame(
        {
            "a": pd.Categorical.from_codes(a, dtype=ids),
            "b": pd.Categorical.from_codes(b, dtype=ids),
            "weight": np.asarray(weight, dtype=float),
            "shared": np.asarray(shared, dtype=np.int32),
        }
    )
    allies = np.bincount(a, minlength=n) + np.bincount(b, minlength=n)
    for k, node in enumerate(order):
        nodes[node]["allies"] = int(allies[k])
        nodes[node]["compared"] = int(compared[k])
    return AllyTable(nodes=nodes, pairs=table, measured=measured, threshold=threshold)


# --------------------------------------------------------------------------
# Metrics


_IGRAPH_RNG = threading.Lock()  # igraph's random source is process-wide


def coalitions(graph: AllyTable, seed: int = 42, threshold: float = ALLY_THRESHOLD) -> list[frozenset[str]]:
    """Groups of stakeholders that agree with each other: Louvain communities
    (modularity, weight = agreement, resolution 1, fixed seed) of the
    agreement graph's ally edges (agreement above `threshold`). A stakeholder
    with no ally is a coalition of one. Sorted largest first, then by the
    alphabetically first member.

    `graph` is the agreement graph or its `AllyTable` (whose threshold then
    applies). The Louvain method is igraph's `community_multilevel` (C code:
    ~0.1 s for 1,500 stakeholders and 236,000 ally edges, where networkx's
    pure-Python one takes ~1.4 s) on the nodes in id order, with its own
    random source seeded with `seed`, so the result is the same on every run
    and in every process."""
    if threshold < graph.threshold:
        raise ValueError(f"this AllyTable holds only edges above {graph.threshold}")
    ids = list(graph.nodes)
    pairs = graph.pairs[graph.pairs["weight"] > threshold]
    a = pairs["a"].cat.codes.to_numpy(dtype=np.int64)
    b = pairs["b"].cat.codes.to_numpy(dtype=np.int64)
    if not ids:
        return []
    # Edges as a list of int pairs and weights as a list: igraph reads these
    # about twice as fast as numpy arrays (0.15 s against 0.31 s for 236,000 edges).
    ally_graph = igraph.Graph(n=len(ids), edges=list(zip(a.tolist(), b.tolist(), strict=True)))
    ally_graph.es["weight"] = pairs["weight"].to_numpy(dtype=float).tolist()
    with _IGRAPH_RNG:
        igraph.set_random_number_generator(random.Random(seed))
        try:
            found = ally_graph.community_multilevel(weights="weight", resolution=1)
        finally:
            igraph.set_random_number_generator(random)  # igraph's default
    groups = [frozenset(ids[i] for i in members) for members in found]
    return sorted(groups, key=lambda g: (-len(g), sorted(g)))


def coalition_of(groups: list[frozenset[str]]) -> dict[str, int]:
    """node -> the index of its coalition in `groups` (0 = the largest)."""
    return {node: i for i, group in enumerate(groups) for node in group}


def contested(current: pd.DataFrame, provisions: pd.DataFrame, n: int = 3) -> pd.DataFrame:
    """The most contested provisions in view: `analysis.most_contested`, here
    only so the page and the reading ask one place."""
    return analysis.most_contested(current, provisions, n=n)


# --------------------------------------------------------------------------
# Layout


def layout(graph: nx.Graph[str], seed: int = 42, threshold: float = ALLY_THRESHOLD) -> dict[str, tuple[float, float]]:
    """Node positions in [-1, 1] x [-1, 1], the same for the same graph.

    Force-directed (Fruchterman-Reingold, fixed seed) over the edges that
    pull: on the agreement graph only ally edges (agreement above
    `threshold`), so coalitions sit together and opposing camps apart; on the
    bipartite graph every position. Each connected part is laid out on its
    own (`nx.spring_layout` below `NUMPY_LAYOUT_NODES`; from there, where
    networkx takes many seconds (or needs scipy), the same algorithm in float32 numpy,
    `_force_layout`) and the parts are packed side by side, largest first.
    Nodes with no pulling edge (a stakeholder without allies) go on an outer
    ring, in id order, so they do not squeeze the linked parts together."""
    nodes = sorted(graph.nodes)
    if not nodes:
        return {}
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    pulling = allies(graph, threshold)
    linked = [n for n in nodes if pulling.degree(n) > 0]
    alone = [n for n in nodes if pulling.degree(n) == 0]
    positions: dict[str, tuple[float, float]] = {}
    if linked:
        packed = _pack([_spread(pulling.subgraph(part), seed) for part in _parts(pulling.subgraph(linked))])
        coords = np.array([packed[node] for node in linked], dtype=float)
        coords -= (coords.max(axis=0) + coords.min(axis=0)) / 2
        radius = np.sqrt((coords**2).sum(axis=1)).max()
        if radius > 0:
            coords *= (0.8 if alone else 1.0) / radius
        positions.update({node: (float(x), float(y)) for node, (x, y) in zip(linked, coords, strict=True)})
    angles = np.pi / 2 - 2 * np.pi * np.arange(len(alone)) / max(len(alone), 1)
    positions.update({node: (float(np.cos(a)), float(np.sin(a))) for node, a in zip(alone, angles, strict=True)})
    return {node: positions[node] for node in nodes}


def _parts(graph: nx.Graph[str]) -> list[list[str]]:
    """Connected parts, largest first, each in node order."""
    return sorted((sorted(part) for part in nx.connected_components(graph)), key=lambda part: (-len(part), part))


def _spread(part: nx.Graph[str], seed: int) -> dict[str, np.ndarray]:
    """One connected part laid out and centred in the unit disc."""
    nodes = sorted(part.nodes)
    if len(nodes) < NUMPY_LAYOUT_NODES:
        # spring_layout seeds positions in the graph's node order, which
        # follows set iteration (and so the hash seed): fix it first.
        canonical: nx.Graph[str] = nx.Graph()
        canonical.add_nodes_from(nodes)
        canonical.add_edges_from(sorted(part.edges(data=True), key=lambda e: (e[0], e[1])))
        raw = nx.spring_layout(canonical, seed=seed, weight="weight", k=1.5 / np.sqrt(len(nodes)), iterations=100)
        coords = np.array([raw[node] for node in nodes], dtype=float)
    else:
        # nx.to_numpy_array(part, nodelist=nodes, weight="weight"), without its per-edge overhead
        index = {node: k for k, node in enumerate(nodes)}
        ends = np.array([(index[a], index[b]) for a, b in part.edges()], dtype=np.int64).reshape(-1, 2)
        weights = np.array([w for _, _, w in part.edges(data="weight", default=1)], dtype=np.float32)
        adjacency = np.zeros((len(nodes), len(nodes)), dtype=np.float32)
        adjacency[ends[:, 0], ends[:, 1]] = weights
        adjacency[ends[:, 1], ends[:, 0]] = weights
        coords = _force_layout(adjacency, seed).astype(float)
    coords -= coords.mean(axis=0)
    radius = np.sqrt((coords**2).sum(axis=1)).max()
    if radius > 0:
        coords /= radius
    return dict(zip(nodes, coords, strict=True))


def _pack(parts: list[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """Parts (largest first) placed in rows, each in a square whose side grows
    with the square root of its size, so a big coalition gets room."""
    # Each part sits in a square cell 1.6x its size, drawn at 0.35x: the gap
    # to a neighbouring part is wider than a small part's own spread, so
    # allies look closer to each other than to the next coalition.
    sides = [np.sqrt(len(part)) for part in parts]
    cells = [side * 1.6 for side in sides]
    width = max(max(cells), np.sqrt(sum(cell**2 for cell in cells)) * 1.2)
    out: dict[str, np.ndarray] = {}
    x = y = row_height = 0.0
    for part, side, cell in zip(parts, sides, cells, strict=True):
        if x > 0 and x + cell > width:
            x, y, row_height = 0.0, y - row_height, 0.0
        centre = np.array([x + cell / 2, y - cell / 2])
        for node, xy in part.items():
            out[node] = centre + xy * side * 0.35
        x += cell
        row_height = max(row_height, cell)
    return out


def _force_layout(adjacency: np.ndarray, seed: int, iterations: int = 50) -> np.ndarray:
    """Fruchterman-Reingold as in networkx's dense version, rewritten so one
    step is a few n x n array operations and one matrix product: the
    displacement of i, sum_j f_ij (p_i - p_j), is rowsum(f) * p - f @ p."""
    n = adjacency.shape[0]
    pos = np.random.default_rng(seed).random((n, 2)).astype(np.float32)
    k = np.float32(np.sqrt(1.0 / n))
    temperature = np.float32(0.1)
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        squared = (pos * pos).sum(axis=1)
        dist2 = squared[:, None] + squared[None, :] - 2 * (pos @ pos.T)
        np.clip(dist2, 1e-4, None, out=dist2)
        force = k * k / dist2 - adjacency * np.sqrt(dist2) / k
        np.fill_diagonal(force, 0)
        displacement = force.sum(axis=1)[:, None] * pos - force @ pos
        length = np.clip(np.sqrt((displacement * displacement).sum(axis=1)), 0.01, None)
        pos += displacement * (temperature / length)[:, None]
        temperature -= cooling
    return pos


# --------------------------------------------------------------------------
# Figure


def _hover(graph: nx.Graph[str], node: str, coalition: dict[str, int]) -> str:
    data = graph.nodes[node]
    if data["kind"] == PROVISION:
        lines = [
            f"<b>{plot_text(data['label'])}</b>: {plot_text(data.get('title', ''), 80)}",
            f"{plural(data['positions'], 'stance')}: {data['for']} for, {data['against']} against",
            f"Contestation: {data['contestation']:.2f}",
        ]
        return "<br>".join(lines)
    lines = [
        f"<b>{plot_text(data['name'], 80)}</b>",
        f"Type: {plot_text(TYPE_LABELS.get(data['type'], data['type']))}",
        f"Positions in view: {data['positions']}",
    ]
    stance_bits = [f"{plot_text(stance_label(s))}: {data[s]}" for s in STANCES if data.get(s)]
    if stance_bits:
        lines.append(wrap(", ".join(stance_bits), 60))
    if data["id"] in coalition:
        lines.append(f"Coalition {coalition[data['id']] + 1}")
    if "allies" in data:  # built from an AllyTable: counts on the node
        if data["compared"]:
            lines.append(f"Agrees (> {ALLY_THRESHOLD}) with {plural(data['allies'], 'other')}")
    elif graph.degree(node) and "weight" in next(iter(graph.edges(node, data=True)))[2]:
        strong = [d["weight"] for _, _, d in graph.edges(node, data=True) if d["weight"] > ALLY_THRESHOLD]
        lines.append(f"Agrees (> {ALLY_THRESHOLD}) with {plural(len(strong), 'other')}")
    return "<br>".join(lines)


def _node_groups(
    graph: nx.Graph[str], color_by: str, groups: list[frozenset[str]]
) -> list[tuple[str, str, list[str], str]]:
    """(legend name, colour, nodes, marker symbol) per legend entry."""
    stakeholders = [n for n in graph.nodes if graph.nodes[n]["kind"] == STAKEHOLDER]
    out: list[tuple[str, str, list[str], str]] = []
    if color_by == "coalition" and groups:
        index = coalition_of(groups)
        by_coalition: dict[int | None, list[str]] = {}
        for node in stakeholders:
            i = index.get(graph.nodes[node]["id"])
            if i is not None and (len(groups[i]) < 2 or i >= len(COALITION_COLORS)):
                i = None
            by_coalition.setdefault(i, []).append(node)
        for i in sorted(k for k in by_coalition if k is not None):
            drawn, members = len(by_coalition[i]), len(groups[i])
            size = f"{drawn}" if drawn == members else f"{drawn} of {members} drawn"
            out.append((f"Coalition {i + 1} ({size})", COALITION_COLORS[i], by_coalition[i], "circle"))
        if None in by_coalition:
            out.append(("Not in a coalition", ALONE_COLOR, by_coalition[None], "circle"))
    else:
        for type_ in TYPE_COLORS:
            nodes = [n for n in stakeholders if graph.nodes[n]["type"] == type_]
            if nodes:
                out.append((TYPE_LABELS[type_], TYPE_COLORS[type_], nodes, "circle"))
    provisions = [n for n in graph.nodes if graph.nodes[n]["kind"] == PROVISION]
    if provisions:
        out.append(("Provision", PROVISION_COLOR, provisions, "square"))
    return out


def _edge_traces(graph: nx.Graph[str], positions: dict[str, Any], scatter: type) -> list[go.BaseTraceType]:
    """One line trace per stance (bipartite) or agreement band, legend entry
    with symbol and words; hover markers at edge midpoints when few edges."""
    traces: list[go.BaseTraceType] = []
    edges = list(graph.edges(data=True))
    if not edges:
        return traces
    if "stance" in edges[0][2]:
        bands: list[tuple[str | float, str, str, float]] = [(s, stance_label(s), COLORS[s], 1.6) for s in STANCES]

        def key(d: dict[str, Any]) -> str | float:
            return str(d["stance"])

    else:
        edges = sorted(edges, key=lambda e: -e[2]["weight"])
        edges = [e for e in edges if e[2]["weight"] > ALLY_THRESHOLD][:MAX_AGREEMENT_EDGES]
        bands = [(lo, label, color, width) for lo, label, color, width in AGREEMENT_BANDS]

        def key(d: dict[str, Any]) -> str | float:
            return next(lo for lo, *_ in AGREEMENT_BANDS if d["weight"] >= lo or lo == ALLY_THRESHOLD)

    hover_edges = len(edges) <= MAX_EDGE_HOVERS
    for band, label, color, width in bands:
        members = [(a, b, d) for a, b, d in edges if key(d) == band]
        if not members:
            continue
        xs: list[float | None] = []
        ys: list[float | None] = []
        for a, b, _ in members:
            xs += [positions[a][0], positions[b][0], None]
            ys += [positions[a][1], positions[b][1], None]
        traces.append(
            scatter(
                x=xs,
                y=ys,
                mode="lines",
                line=dict(color=color, width=width),
                name=plot_text(label),
                legendgroup=f"edge-{band}",
                hoverinfo="skip",
                showlegend=True,
            )
        )
        if hover_edges:
            mid_x = [(positions[a][0] + positions[b][0]) / 2 for a, b, _ in members]
            mid_y = [(positions[a][1] + positions[b][1]) / 2 for a, b, _ in members]
            traces.append(
                scatter(
                    x=mid_x,
                    y=mid_y,
                    mode="markers",
                    marker=dict(size=8, color=color, opacity=0),
                    hovertext=[_edge_hover(graph, a, b, d) for a, b, d in members],
                    hovertemplate="%{hovertext}<extra></extra>",
                    legendgroup=f"edge-{band}",
                    showlegend=False,
                    name=plot_text(label),
                )
            )
    return traces


def _edge_hover(graph: nx.Graph[str], a: str, b: str, data: dict[str, Any]) -> str:
    na, nb = graph.nodes[a], graph.nodes[b]
    if "stance" in data:
        who, what = (na, nb) if na["kind"] == STAKEHOLDER else (nb, na)
        return "<br>".join(
            [
                f"<b>{plot_text(who['label'], 40)}</b> on <b>{plot_text(what['label'], 40)}</b>",
                f"Stance: <b>{plot_text(stance_label(data['stance']))}</b>",
                wrap(plot_text(data.get("summary", ""), 300)),
            ]
        )
    return (
        f"<b>{plot_text(na['label'], 40)}</b> and <b>{plot_text(nb['label'], 40)}</b><br>"
        f"Agreement {data['weight']:.2f} over {data.get('shared', '?')} shared provisions"
    )


# Labels are placed, not just drawn: at the size the chart keeps (LABEL_WIDTH
# by LABEL_HEIGHT px of plot), the busiest nodes are labelled first, each at
# the first of eight spots around its marker where the label overlaps no
# other label and no marker; a node with no free spot keeps its name in its
# hover. The chart never draws narrower than MIN_WIDTH (phones scroll it).
LABEL_WIDTH, LABEL_HEIGHT = 480, 560  # px of plot area the placement assumes
MIN_WIDTH = LABEL_WIDTH + 20  # plus the chart's margins
X_RANGE, Y_RANGE = (-1.3, 1.3), (-1.12, 1.15)
_SPOTS = (  # plotly textposition -> (dx, dy) of the label box's centre, in units of (half box + radius)
    ("top center", 0, -1),
    ("bottom center", 0, 1),
    ("middle right", 1, 0),
    ("middle left", -1, 0),
    ("top right", 1, -1),
    ("top left", -1, -1),
    ("bottom right", 1, 1),
    ("bottom left", -1, 1),
)


def place_labels(
    xy: list[tuple[float, float]], labels: list[str], sizes: list[float], font_px: list[int], order: list[int]
) -> list[str | None]:
    """For each node (data coordinates, label text, marker size and font size
    in px), the plotly textposition of its label, or None when every spot
    around it is taken. Nodes are placed in `order` (busiest first)."""
    sx = LABEL_WIDTH / (X_RANGE[1] - X_RANGE[0])
    sy = LABEL_HEIGHT / (Y_RANGE[1] - Y_RANGE[0])
    px = [((x - X_RANGE[0]) * sx, (Y_RANGE[1] - y) * sy) for x, y in xy]
    boxes = np.array([(cx - s / 2, cy - s / 2, cx + s / 2, cy + s / 2) for (cx, cy), s in zip(px, sizes, strict=True)])
    if len(boxes) == 0:
        return []
    taken: list[tuple[float, float, float, float]] = []
    spots: list[str | None] = [None] * len(xy)
    for k in order:
        if not labels[k]:
            continue
        (cx, cy), r = px[k], sizes[k] / 2 + 2
        w, h = 0.62 * font_px[k] * len(labels[k]) + 4, font_px[k] * 1.25
        for name, dx, dy in _SPOTS:
            bx = cx + dx * (w / 2 + r)
            by = cy + dy * (h / 2 + r)
            box = (bx - w / 2, by - h / 2, bx + w / 2, by + h / 2)
            if box[0] < 0 or box[2] > LABEL_WIDTH or box[1] < 0 or box[3] > LABEL_HEIGHT:
                continue
            hits = (boxes[:, 0] < box[2]) & (boxes[:, 2] > box[0]) & (boxes[:, 1] < box[3]) & (boxes[:, 3] > box[1])
            hits[k] = False
            if hits.any() or any(t[0] < box[2] and t[2] > box[0] and t[1] < box[3] and t[3] > box[1] for t in taken):
                continue
            taken.append(box)
            spots[k] = name
            break
    return spots


def figure(
    graph: nx.Graph[str],
    positions: dict[str, tuple[float, float]],
    color_by: str = "type",
    groups: list[frozenset[str]] | None = None,
    webgl_threshold: int = WEBGL_NODES,
    height: int = 680,
) -> go.Figure:
    """The network as a plotly figure. Stakeholders are circles coloured by
    type (`vocab.TYPE_COLORS`) or coalition (`groups`, from `coalitions`),
    provisions grey squares with their label; edges coloured by stance
    (`vocab.COLORS`, legend with symbol and words) or, on the agreement graph,
    by agreement band (ally edges only, the strongest `MAX_AGREEMENT_EDGES`).
    Each node's `customdata` is its node id so a click can be resolved.
    Above `webgl_threshold` nodes every trace is WebGL (`go.Scattergl`)."""
    if graph.number_of_nodes() == 0:
        return empty_figure("No positions match the current filters.")
    groups = groups or []
    coalition = coalition_of(groups)
    scatter = go.Scattergl if graph.number_of_nodes() > webgl_threshold else go.Scatter
    fig = go.Figure()
    for trace in _edge_traces(graph, positions, scatter):
        fig.add_trace(trace)
    n_stakeholders = sum(1 for n in graph.nodes if graph.nodes[n]["kind"] == STAKEHOLDER)
    n_provisions = graph.number_of_nodes() - n_stakeholders
    shrink = min(1.0, float(np.sqrt(150 / graph.number_of_nodes())))  # smaller markers in a crowd
    node_groups = _node_groups(graph, color_by, groups)
    # Every node's marker size and label, then one placement over all of them.
    marker_size: dict[str, float] = {}
    label_text: dict[str, str] = {}
    font: dict[str, int] = {}
    for _, _, nodes, symbol in node_groups:
        is_provision = symbol == "square"
        show_text = (n_provisions <= MAX_PROVISION_LABELS) if is_provision else (n_stakeholders <= MAX_NAME_LABELS)
        for n in nodes:
            d = graph.nodes[n]
            size = 10 + 4 * np.sqrt(d["positions"]) if not is_provision else 9 + 2 * np.sqrt(d["positions"])
            marker_size[n] = max(4.0, min(size, 40) * shrink)
            label_text[n] = plot_text(d["label"], 24) if show_text else ""
            font[n] = 13 if is_provision else 14
    every = list(marker_size)
    busiest = sorted(range(len(every)), key=lambda k: (-graph.degree(every[k]), -marker_size[every[k]], k))
    spots = dict(
        zip(
            every,
            place_labels(
                [positions[n] for n in every],
                [label_text[n] for n in every],
                [marker_size[n] for n in every],
                [font[n] for n in every],
                busiest,
            ),
            strict=True,
        )
    )
    for name, color, nodes, symbol in node_groups:
        is_provision = symbol == "square"
        labelled = any(spots[n] for n in nodes)
        fig.add_trace(
            scatter(
                x=[positions[n][0] for n in nodes],
                y=[positions[n][1] for n in nodes],
                mode="markers+text" if labelled else "markers",
                text=[label_text[n] if spots[n] else "" for n in nodes] if labelled else None,
                textposition=[spots[n] or "top center" for n in nodes] if labelled else None,
                textfont=dict(size=13 if is_provision else 14, color="#1a1a1a"),
                marker=dict(
                    size=[marker_size[n] for n in nodes],
                    color=color,
                    symbol=symbol,
                    line=dict(color="white", width=1),
                ),
                name=plot_text(name),
                customdata=list(nodes),
                hovertext=[_hover(graph, n, coalition) for n in nodes],
                hovertemplate="%{hovertext}<extra></extra>",
                legendgroup=f"nodes-{name}",
            )
        )
    fig.update_xaxes(visible=False, range=list(X_RANGE))
    fig.update_yaxes(visible=False, range=list(Y_RANGE))
    base_layout(fig, height=height)
    fig.update_layout(clickmode="event+select", dragmode="pan", legend=dict(itemsizing="constant"))
    return fig


# --------------------------------------------------------------------------
# Reading and node lookup


def _names(graph: nx.Graph[str], nodes: list[str] | frozenset[str], limit: int = 8) -> str:
    labels = sorted(str(graph.nodes[n]["label"]) for n in nodes if n in graph)
    shown = ", ".join(labels[:limit])
    return shown + (f" and {len(labels) - limit} more" if len(labels) > limit else "")


def reading(
    agreement: nx.Graph[str],
    groups: list[frozenset[str]],
    central: pd.Series,
    most_contested: pd.DataFrame,
    n_central: int = 3,
) -> list[str]:
    """A short plain-language reading of the data in view: the coalitions and
    their members, who stands alone, the most central stakeholders and the
    most contested provisions. Plain text (the page escapes it)."""
    if agreement.number_of_nodes() == 0:
        return ["No positions match the current filters, so there is nothing to read."]
    lines: list[str] = []
    real = [g for g in groups if len(g) > 1]
    alone = sorted(n for g in groups if len(g) == 1 for n in g)
    if real:
        lines.append(
            f"{plural(len(real), 'coalition')} of stakeholders who mostly agree (agreement above {ALLY_THRESHOLD} "
            f"on at least {MIN_SHARED} shared provisions):"
        )
        for i, group in enumerate(real[:6], start=1):
            types = Counter(agreement.nodes[n]["type"] for n in group)
            mix = ", ".join(plural(count, *TYPE_NOUNS.get(t, TYPE_NOUNS["other"])) for t, count in types.most_common())
            lines.append(f"Coalition {i}: {_names(agreement, group)} ({mix}).")
        if len(real) > 6:
            lines.append(f"… and {len(real) - 6} smaller coalitions.")
    else:
        lines.append(
            f"No coalitions: no two stakeholders agree above {ALLY_THRESHOLD} on {MIN_SHARED} or more shared provisions."
        )
    if alone:
        lines.append(f"Not in a coalition ({len(alone)}): {_names(agreement, alone)}.")
    if agreement.graph.get("measured", agreement.number_of_edges()) == 0 and agreement.number_of_nodes() > 1:
        lines.append(f"No two stakeholders share {MIN_SHARED} or more provisions, so agreement cannot be measured.")
    top = central[central > 0].head(n_central)
    if len(top):
        who = ", ".join(f"{agreement.nodes[str(n)]['label']} ({value:.2f})" for n, value in top.items())
        lines.append(f"Most central (the most agreement with others): {who}.")
    if most_contested.empty:
        lines.append("No provision has stakeholders on both sides in view.")
    else:
        bits = ", ".join(
            f"{row.label}: {row.title} (contestation {row.contestation:.2f}; {row['for']} for, {row.against} against)"
            for _, row in most_contested.iterrows()
        )
        lines.append(f"Most contested: {bits}.")
    return lines


@dataclass(frozen=True)
class NodeRef:
    kind: str  # "stakeholder" or "provision"
    id: str


def resolve_node(raw: str | None, stakeholder_ids: set[str], provision_ids: set[str]) -> NodeRef | None:
    """A node id from a click or the URL ('s:ID', 'p:ID' or a bare id,
    stakeholders first) -> which stakeholder or provision it is, or None."""
    if not raw:
        return None
    if raw.startswith(_PREFIX[STAKEHOLDER]) and raw[2:] in stakeholder_ids:
        return NodeRef(STAKEHOLDER, raw[2:])
    if raw.startswith(_PREFIX[PROVISION]) and raw[2:] in provision_ids:
        return NodeRef(PROVISION, raw[2:])
    if raw in stakeholder_ids:
        return NodeRef(STAKEHOLDER, raw)
    if raw in provision_ids:
        return NodeRef(PROVISION, raw)
    return None


def selected_node(selection: object) -> str | None:
    """The node id of the first clicked point of a Streamlit plotly selection
    (its customdata), or None."""
    try:
        points = selection["selection"]["points"]  # type: ignore[index]
    except (KeyError, TypeError):
        try:
            points = selection.selection.points  # type: ignore[attr-defined]
        except AttributeError:
            return None
    for point in points or []:
        data = point.get("customdata") if isinstance(point, dict) else None
        if isinstance(data, list):
            data = data[0] if data else None
        if isinstance(data, str) and data:
            return data
    return None


@dataclass(frozen=True)
class Network:
    """Everything the Network page draws for one dataset, filter and view.
    `shown` of the `total` stakeholders in view are drawn (see `build`'s
    `limit`); coalitions, centrality and the reading always count all."""

    graph: nx.Graph[str]
    agreement: nx.Graph[str]
    positions: dict[str, tuple[float, float]]
    groups: list[frozenset[str]]
    central: pd.Series
    shown: int = 0
    total: int = 0

    @property
    def is_cut(self) -> bool:
        return self.shown < self.total


def drawn_stakeholders(current: pd.DataFrame, limit: int | None) -> list[str] | None:
    """The `limit` stakeholders with the most positions in `current` (ties in
    order of first appearance, `analysis.top_ids`), or None when all of them
    fit (or no limit): the ones a large network draws by default."""
    if limit is None or current["stakeholder_id"].nunique() <= limit:
        return None
    return analysis.top_ids(current, "stakeholder_id", limit)


def build(
    current: pd.DataFrame,
    graph_kind: str = "bipartite",
    seed: int = 42,
    agreement: AllyTable | None = None,
    groups: list[frozenset[str]] | None = None,
    limit: int | None = None,
) -> Network:
    """Graph, agreement graph, coalitions, centrality and layout for `view`
    ("bipartite" or "agreement"): the expensive part, cached by the page.
    `agreement` (the `ally_table` of `current`, the app's one form of the
    agreement graph) and `groups` (its coalitions with this seed) may be
    passed in when already computed, so both views share one agreement
    computation.

    With `limit`, a view of more stakeholders draws only the `limit` with the
    most positions (`drawn_stakeholders`): on the bipartite graph with their
    positions and the provisions they address, on the agreement graph with
    the ally edges between them, laid out on their own. Coalitions and
    centrality are those of every stakeholder in view either way.

    `Network.agreement` (and `graph` in the agreement view) is drawn from the
    table: every stakeholder but only the strongest `MAX_AGREEMENT_EDGES` ally
    edges, all the figure draws, with the counts the hovers and the reading
    need on the nodes and graph; coalitions, centrality and the layout use
    every ally edge."""
    if agreement is None:
        agreement = ally_table(current)
    total = int(current["stakeholder_id"].nunique()) if not current.empty else 0
    shown = drawn_stakeholders(current, limit) if total else None
    n_shown = total if shown is None else len(shown)
    drawn = agreement.graph(limit=MAX_AGREEMENT_EDGES)
    if graph_kind == "agreement":
        part = agreement if shown is None else agreement.subset(shown)
        graph = drawn if shown is None else part.graph(limit=MAX_AGREEMENT_EDGES)
        positions = layout(part.graph(), seed=seed)
    else:
        graph = bipartite_graph(current, shown)
        positions = layout(graph, seed=seed)
    if groups is None:
        groups = coalitions(agreement, seed=seed)
    return Network(
        graph=graph,
        agreement=drawn,
        positions=positions,
        groups=groups,
        central=agreement.centrality(),
        shown=n_shown,
        total=total,
    )
