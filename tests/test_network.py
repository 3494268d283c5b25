"""The Network core on the fixture (hand-checked graph, agreement weights,
coalitions, centrality, contestation) and on synthetic datasets with other
ids, to prove nothing about the fixture is hard-coded."""

from __future__ import annotations

import itertools

import networkx as nx
import pandas as pd
import plotly.graph_objects as go
import pytest

from components import analysis, dataset, network
from components.dataset import Dataset
from components.filters import FilterState
from components.vocab import COLORS, TYPE_COLORS, stance_label
from testkit.synthetic import camp_files as synthetic_files
from testkit.synthetic import camp_of
from tests import network_reference as reference

AGREEMENT = {
    ("alpha-ngo", "beta-ngo"): 0.9375,
    ("alpha-ngo", "delta-gov"): 0.25,
    ("alpha-ngo", "epsilon-corp"): 0.8333,
    ("alpha-ngo", "gamma-gov"): 0.125,
    ("beta-ngo", "delta-gov"): 0.3125,
    ("beta-ngo", "epsilon-corp"): 0.9167,
    ("beta-ngo", "gamma-gov"): 0.1875,
    ("delta-gov", "epsilon-corp"): 0.25,
    ("delta-gov", "gamma-gov"): 0.875,
    ("epsilon-corp", "gamma-gov"): 0.1667,
}
COALITIONS = [
    frozenset({"alpha-ngo", "beta-ngo", "epsilon-corp"}),
    frozenset({"gamma-gov", "delta-gov"}),
    frozenset({"zeta-un"}),
]


def current_of(ds: Dataset) -> pd.DataFrame:
    return analysis.current_positions(analysis.position_table(ds))


@pytest.fixture(scope="module")
def current(mini: Dataset) -> pd.DataFrame:
    return current_of(mini)


@pytest.fixture(scope="module")
def agreement(current: pd.DataFrame) -> nx.Graph:
    return reference.agreement_graph(current)


# --------------------------------------------------------------------------
# Graphs


def test_bipartite_graph_has_one_edge_per_current_position(current: pd.DataFrame) -> None:
    graph = network.bipartite_graph(current)
    stakeholders = [n for n, d in graph.nodes(data=True) if d["kind"] == "stakeholder"]
    provisions = [n for n, d in graph.nodes(data=True) if d["kind"] == "provision"]
    assert len(stakeholders) == 6
    assert len(provisions) == 6  # convention + p-01..p-05
    assert graph.number_of_edges() == 23  # 25 rows minus two superseded ones
    assert nx.is_bipartite(graph)
    edge = graph.edges["s:alpha-ngo", "p:p-02"]
    assert (edge["stance"], edge["score"]) == ("concern", -1)  # the later statement, not a2old
    assert edge["source_url"].startswith("https://") and edge["summary"]
    assert graph.edges["s:gamma-gov", "p:p-04"]["score"] == 2
    assert graph.edges["s:gamma-gov", "p:convention"]["score"] == 2


def test_bipartite_nodes_carry_label_type_themes_and_counts(current: pd.DataFrame) -> None:
    graph = network.bipartite_graph(current)
    gamma = graph.nodes["s:gamma-gov"]
    assert gamma["label"] == "Gammaland" and gamma["type"] == "government"
    assert gamma["positions"] == 6 and gamma["support"] == 5 and gamma["qualified_support"] == 1
    art3 = graph.nodes["p:p-03"]
    assert art3["label"] == "Art. 3" and art3["themes"] == ("surveillance", "data_protection")
    assert (art3["positions"], art3["for"], art3["against"]) == (6, 2, 3)
    # scores -2,-2,2,1,-2,0: mean -0.5, mean |dev| 1.5, / 2
    assert art3["contestation"] == pytest.approx(0.75)


def test_colliding_stakeholder_and_provision_ids_stay_two_nodes(current: pd.DataFrame) -> None:
    clash = current.copy()
    clash.loc[clash["stakeholder_id"] == "zeta-un", "stakeholder_id"] = "p-02"
    graph = network.bipartite_graph(clash)
    assert graph.nodes["s:p-02"]["kind"] == "stakeholder"
    assert graph.nodes["p:p-02"]["kind"] == "provision"
    assert graph.has_edge("s:p-02", "p:p-02")


def test_agreement_edge_weights_match_hand_checked_values(agreement: nx.Graph) -> None:
    weights = {tuple(sorted((a, b))): d["weight"] for a, b, d in agreement.edges(data=True)}
    assert weights.keys() == AGREEMENT.keys()
    for pair, value in AGREEMENT.items():
        assert weights[pair] == pytest.approx(value, abs=1e-4), pair
    assert agreement.edges["gamma-gov", "delta-gov"]["shared"] == 4
    assert agreement.edges["alpha-ngo", "epsilon-corp"]["shared"] == 3


def test_pairs_sharing_fewer_than_min_shared_provisions_get_no_edge(current: pd.DataFrame) -> None:
    graph = reference.agreement_graph(current, min_shared=3)
    assert graph.degree("zeta-un") == 0  # shares at most two provisions with anyone
    # with two shared enough, zeta links to all but epsilon (only p-03 in common)
    assert set(reference.agreement_graph(current, min_shared=2)["zeta-un"]) == {
        "alpha-ngo",
        "beta-ngo",
        "gamma-gov",
        "delta-gov",
    }
    assert reference.agreement_graph(current, min_shared=5).number_of_edges() == 0


def test_agreement_graph_uses_the_one_agreement_measure(current: pd.DataFrame, agreement: nx.Graph) -> None:
    slow = pairwise_reference(current, min_shared=3)
    fast = analysis.agreement_pairs(current, min_shared=3)
    pd.testing.assert_frame_equal(slow.reset_index(drop=True), fast.reset_index(drop=True), check_dtype=False)
    matrix = analysis.stance_matrix(current)
    for a, b, d in agreement.edges(data=True):
        assert d["weight"] == pytest.approx(analysis.agreement(matrix.loc[a], matrix.loc[b]))


def pairwise_reference(current: pd.DataFrame, min_shared: int) -> pd.DataFrame:
    """The agreement table computed the obvious way, one pair at a time."""
    matrix = analysis.stance_matrix(current)
    rows = []
    for a, b in itertools.combinations(matrix.index, 2):
        value = analysis.agreement(matrix.loc[a], matrix.loc[b], min_shared)
        if value is not None:
            shared = int((matrix.loc[a].notna() & matrix.loc[b].notna()).sum())
            rows.append({"a": a, "b": b, "agreement": value, "shared": shared})
    return pd.DataFrame(rows, columns=["a", "b", "agreement", "shared"])


def test_fast_agreement_pairs_equal_the_pairwise_ones_on_a_noisy_dataset() -> None:
    ds = dataset.read_dataset(synthetic_files(30, 12, per_stakeholder=7, camps=3, seed=3, noise=0.4))
    current = current_of(ds)
    slow = pairwise_reference(current, min_shared=2)
    fast = analysis.agreement_pairs(current, min_shared=2)
    assert len(slow) > 100
    pd.testing.assert_frame_equal(slow.reset_index(drop=True), fast.reset_index(drop=True), check_dtype=False)


# --------------------------------------------------------------------------
# Metrics


def test_coalitions_separate_the_critics_from_the_sponsors(agreement: nx.Graph) -> None:
    groups = reference.coalitions(agreement)
    assert groups == COALITIONS
    assert network.coalition_of(groups) == {
        "alpha-ngo": 0,
        "beta-ngo": 0,
        "epsilon-corp": 0,
        "delta-gov": 1,
        "gamma-gov": 1,
        "zeta-un": 2,
    }


def test_coalitions_are_deterministic_and_independent_of_row_order(current: pd.DataFrame) -> None:
    shuffled = current.sample(frac=1, random_state=5)
    assert reference.coalitions(reference.agreement_graph(shuffled)) == COALITIONS
    assert all(reference.coalitions(reference.agreement_graph(current), seed=42) == COALITIONS for _ in range(3))


def test_a_low_threshold_merges_the_camps_into_one(agreement: nx.Graph) -> None:
    merged = reference.coalitions(agreement, threshold=0.0)
    assert frozenset({"zeta-un"}) in merged
    assert sum(len(g) for g in merged) == 6


def test_centrality_is_ally_agreement_per_other_stakeholder(agreement: nx.Graph) -> None:
    central = reference.centrality(agreement)
    assert list(central.index[:3]) == ["beta-ngo", "alpha-ngo", "epsilon-corp"]
    assert central["beta-ngo"] == pytest.approx((0.9375 + 0.91667) / 5, abs=1e-4)
    assert central["gamma-gov"] == pytest.approx(0.875 / 5)
    assert central["delta-gov"] == pytest.approx(0.875 / 5)
    assert central["zeta-un"] == 0
    assert list(central.index[3:5]) == ["delta-gov", "gamma-gov"]  # tie broken by id


def test_contestation_per_article_is_the_analysis_one(current: pd.DataFrame, mini: Dataset) -> None:
    contested = network.contested(current, analysis.ordered_provisions(mini), n=3)
    assert list(contested["provision_id"]) == ["p-01", "p-04", "p-03"]
    # p-01: -2,-2,+2,+2,-1 -> mean -0.2, mean |dev| 1.76, / 2
    assert contested["contestation"].iloc[0] == pytest.approx(0.88)
    assert contested["contestation"].iloc[1] == pytest.approx(0.8)


def test_metrics_handle_empty_and_single_stakeholder_views(current: pd.DataFrame) -> None:
    empty = current.iloc[0:0]
    assert network.bipartite_graph(empty).number_of_nodes() == 0
    assert reference.agreement_graph(empty).number_of_nodes() == 0
    assert reference.coalitions(reference.agreement_graph(empty)) == []
    assert reference.centrality(reference.agreement_graph(empty)).empty
    assert network.layout(reference.agreement_graph(empty)) == {}
    one = current[current["stakeholder_id"] == "gamma-gov"]
    graph = reference.agreement_graph(one)
    assert reference.coalitions(graph) == [frozenset({"gamma-gov"})]
    assert network.layout(graph) == {"gamma-gov": (0.0, 0.0)}
    assert reference.centrality(graph).to_dict() == {"gamma-gov": 0.0}


# --------------------------------------------------------------------------
# Layout and figure


def test_layout_is_deterministic_and_within_the_unit_square(current: pd.DataFrame) -> None:
    graph = network.bipartite_graph(current)
    first, second = network.layout(graph, seed=42), network.layout(graph, seed=42)
    assert first == second
    assert set(first) == set(graph.nodes)
    assert all(-1.0 <= v <= 1.0 for xy in first.values() for v in xy)


def test_layout_puts_coalition_members_closer_than_opponents(agreement: nx.Graph) -> None:
    pos = network.layout(agreement)

    def gap(a: str, b: str) -> float:
        return ((pos[a][0] - pos[b][0]) ** 2 + (pos[a][1] - pos[b][1]) ** 2) ** 0.5

    assert gap("alpha-ngo", "beta-ngo") < gap("alpha-ngo", "gamma-gov")
    assert gap("gamma-gov", "delta-gov") < gap("delta-gov", "epsilon-corp")


def node_traces(fig: go.Figure) -> list:
    return [t for t in fig.data if t.customdata is not None]


def test_figure_colours_stances_with_symbol_and_words_in_the_legend(current: pd.DataFrame) -> None:
    graph = network.bipartite_graph(current)
    fig = network.figure(graph, network.layout(graph))
    lines = [t for t in fig.data if t.mode == "lines"]
    assert {t.name for t in lines} == {
        stance_label(s) for s in ("support", "qualified_support", "mixed", "concern", "oppose")
    }
    for trace in lines:
        stance = next(s for s in COLORS if stance_label(s) == trace.name)
        assert trace.line.color == COLORS[stance]
    oppose = next(t for t in lines if t.name == stance_label("oppose"))
    assert list(oppose.x).count(None) == 6  # one None per edge: alpha 3, beta 2, epsilon 1
    assert all(isinstance(t, go.Scatter) for t in fig.data)


def test_figure_nodes_carry_their_id_and_type_colour(current: pd.DataFrame) -> None:
    graph = network.bipartite_graph(current)
    fig = network.figure(graph, network.layout(graph), color_by="type")
    nodes = node_traces(fig)
    ids = [i for t in nodes for i in t.customdata]
    assert sorted(ids) == sorted(graph.nodes)
    government = next(t for t in nodes if t.name == "Government")
    assert set(government.customdata) == {"s:gamma-gov", "s:delta-gov"}
    assert government.marker.color == TYPE_COLORS["government"]
    provisions = next(t for t in nodes if t.name == "Provision")
    assert "Art. 3" in provisions.text
    hover = government.hovertext[list(government.customdata).index("s:gamma-gov")]
    assert "Government of Gammaland" in hover and "Government" in hover


def test_figure_by_coalition_has_one_legend_entry_per_coalition(agreement: nx.Graph) -> None:
    groups = reference.coalitions(agreement)
    fig = network.figure(agreement, network.layout(agreement), color_by="coalition", groups=groups)
    names = {t.name: set(t.customdata) for t in node_traces(fig)}
    assert names == {
        "Coalition 1 (3)": {"alpha-ngo", "beta-ngo", "epsilon-corp"},
        "Coalition 2 (2)": {"gamma-gov", "delta-gov"},
        "Not in a coalition": {"zeta-un"},
    }
    edges = [t for t in fig.data if t.mode == "lines"]
    assert sum(list(t.x).count(None) for t in edges) == 4  # the four ally pairs only


def test_figure_escapes_dataset_text(current: pd.DataFrame) -> None:
    hostile = current.assign(
        short_name=current["short_name"].where(current["stakeholder_id"] != "alpha-ngo", "<b onmouseover=x>A</b>")
    )
    graph = network.bipartite_graph(hostile)
    fig = network.figure(graph, network.layout(graph))
    text = fig.to_json()
    assert "<b onmouseover" not in text and "&lt;b onmouseover=x&gt;" in text


def test_figure_switches_to_webgl_above_the_node_threshold(current: pd.DataFrame) -> None:
    graph = network.bipartite_graph(current)
    pos = network.layout(graph)
    assert all(isinstance(t, go.Scatter) for t in network.figure(graph, pos, webgl_threshold=12).data)
    assert all(isinstance(t, go.Scattergl) for t in network.figure(graph, pos, webgl_threshold=11).data)


def test_empty_view_gives_a_figure_that_says_so(current: pd.DataFrame) -> None:
    graph = network.bipartite_graph(current.iloc[0:0])
    fig = network.figure(graph, {})
    assert "No positions" in fig.layout.annotations[0].text


# --------------------------------------------------------------------------
# Reading and node lookup


def test_reading_names_coalitions_central_stakeholders_and_contested_articles(
    current: pd.DataFrame, mini: Dataset
) -> None:
    net = network.build(current, "agreement")
    lines = network.reading(net.agreement, net.groups, net.central, network.contested(current, mini.provisions))
    text = "\n".join(lines)
    assert "Coalition 1: Alpha, Beta, Epsilon (2 civil-society groups, 1 industry stakeholder)." in text
    assert "Coalition 2: Deltania, Gammaland (2 governments)." in text
    assert "Not in a coalition (1): Zeta." in text
    assert "Most central (the most agreement with others): Beta (0.37), Alpha (0.35), Epsilon (0.35)." in text
    assert "Most contested: Art. 1: Definitions (contestation 0.88; 2 for, 3 against)" in text


def test_reading_says_when_there_is_nothing_or_no_agreement(current: pd.DataFrame, mini: Dataset) -> None:
    empty = network.build(current.iloc[0:0], "agreement")
    assert network.reading(empty.agreement, empty.groups, empty.central, pd.DataFrame()) == [
        "No positions match the current filters, so there is nothing to read."
    ]
    sparse = current[current["provision_id"].isin(["p-02", "p-03"])]
    net = network.build(sparse, "agreement")
    text = "\n".join(
        network.reading(net.agreement, net.groups, net.central, network.contested(sparse, mini.provisions))
    )
    assert "No coalitions" in text and "agreement cannot be measured" in text


def test_resolve_node_accepts_graph_ids_and_bare_ids() -> None:
    people, articles = {"alpha-ngo", "x"}, {"p-01", "x"}
    assert network.resolve_node("s:alpha-ngo", people, articles) == network.NodeRef("stakeholder", "alpha-ngo")
    assert network.resolve_node("p:p-01", people, articles) == network.NodeRef("provision", "p-01")
    assert network.resolve_node("p-01", people, articles) == network.NodeRef("provision", "p-01")
    assert network.resolve_node("x", people, articles) == network.NodeRef("stakeholder", "x")
    assert network.resolve_node("p:x", people, articles) == network.NodeRef("provision", "x")
    for bad in (None, "", "nope", "s:p-01", "<script>"):
        assert network.resolve_node(bad, people, articles) is None


def test_selected_node_reads_customdata_of_the_clicked_point() -> None:
    event = {"selection": {"points": [{"curve_number": 3, "customdata": "s:alpha-ngo"}], "box": [], "lasso": []}}
    assert network.selected_node(event) == "s:alpha-ngo"
    assert network.selected_node({"selection": {"points": [{"customdata": ["p:p-01"]}]}}) == "p:p-01"
    assert network.selected_node({"selection": {"points": [{"x": 1}]}}) is None
    assert network.selected_node({"selection": {"points": []}}) is None
    assert network.selected_node(None) is None


# --------------------------------------------------------------------------
# Another dataset: other ids, sizes and camps


@pytest.mark.parametrize("camps", [2, 3])
def test_synthetic_camps_come_out_as_the_coalitions(camps: int) -> None:
    ds = dataset.read_dataset(synthetic_files(12, 8, camps=camps, seed=11))
    current = current_of(ds)
    net = reference.build(current, "agreement")  # the full graph: every measured pair is an edge
    assert network.build(current, "agreement").groups == net.groups
    expected = {frozenset(f"sh-{i:04d}" for i in range(12) if camp_of(i, camps) == c) for c in range(camps)}
    assert set(net.groups) == expected
    assert [len(g) for g in net.groups] == sorted((len(g) for g in expected), reverse=True)
    # within a camp the stance is identical everywhere: agreement 1
    assert net.agreement.edges["sh-0000", f"sh-{camps:04d}"]["weight"] == 1.0
    # camps 0 and 1 stand at opposite ends everywhere: agreement 0
    assert net.agreement.edges["sh-0000", "sh-0001"]["weight"] == 0.0
    lines = "\n".join(
        network.reading(net.agreement, net.groups, net.central, network.contested(current, ds.provisions))
    )
    assert f"{camps} coalitions" in lines and "S0" in lines


def test_synthetic_bipartite_graph_filters_and_webgl() -> None:
    ds = dataset.read_dataset(synthetic_files(200, 2000, per_stakeholder=10, camps=2, seed=5))
    current = current_of(ds)
    graph = network.bipartite_graph(current)
    assert graph.number_of_edges() == 2000
    assert {d["kind"] for _, d in graph.nodes(data=True)} == {"stakeholder", "provision"}
    assert graph.number_of_nodes() > network.WEBGL_NODES
    # Where the nodes sit does not matter here (layouts have their own tests): a grid is instant.
    grid = {node: (k % 50 / 25 - 1, k // 50 / 25 - 1) for k, node in enumerate(graph.nodes)}
    fig = network.figure(graph, grid)
    assert all(isinstance(t, go.Scattergl) for t in fig.data)
    only_b = FilterState(themes=("theme_b",)).apply(current)
    filtered = network.bipartite_graph(only_b)
    assert all(d["themes"] == ("theme_b",) for _, d in filtered.nodes(data=True) if d["kind"] == "provision")


def test_large_layout_is_deterministic_and_keeps_camps_apart() -> None:
    # Just above the size from which the numpy force layout takes over.
    n = network.NUMPY_LAYOUT_NODES + 40
    ds = dataset.read_dataset(synthetic_files(n, 30, per_stakeholder=12, camps=2, seed=2))
    net = reference.build(current_of(ds), "agreement")  # the full graph, as drawn before AllyTable
    assert network.build(current_of(ds), "agreement").positions == net.positions
    assert net.graph.number_of_nodes() >= network.NUMPY_LAYOUT_NODES  # the numpy force layout
    assert net.positions == network.layout(net.graph)
    xs = {c: [net.positions[f"sh-{i:04d}"] for i in range(n) if camp_of(i, 2) == c] for c in (0, 1)}
    centre = {c: (sum(p[0] for p in xs[c]) / len(xs[c]), sum(p[1] for p in xs[c]) / len(xs[c])) for c in xs}
    spread = max(abs(a - b) for a, b in itertools.pairwise([centre[0][0], centre[1][0]]))
    spread = max(spread, abs(centre[0][1] - centre[1][1]))
    assert spread > 0.5
    assert len(net.groups) == 2


def test_layout_is_the_same_in_every_process_whatever_the_hash_seed() -> None:
    """A server restart must not move the nodes or regroup the coalitions:
    set order follows the string-hash seed, which changes with every Python
    process."""
    import subprocess
    import sys

    script = (
        "from components import dataset, analysis, network; from tests import network_reference as reference;"
        "ds = dataset.load_path('tests/fixtures/mini');"
        "cur = analysis.current_positions(analysis.position_table(ds));"
        "print(sorted(network.layout(reference.agreement_graph(cur)).items()),"
        " sorted(network.layout(network.bipartite_graph(cur)).items()),"
        " [sorted(g) for g in network.coalitions(network.ally_table(cur))])"
    )
    root = __import__("pathlib").Path(__file__).resolve().parents[1]
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=root,
            env={"PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1


# --------------------------------------------------------------------------
# The compact agreement graph the page caches (AllyTable)


@pytest.mark.parametrize("graph_kind", network.GRAPH_KINDS)
def test_ally_table_build_draws_and_reads_exactly_like_the_full_graph(
    current: pd.DataFrame, mini: Dataset, graph_kind: str
) -> None:
    full = reference.build(current, graph_kind)
    compact = network.build(current, graph_kind, agreement=network.ally_table(current))
    assert compact.groups == full.groups == COALITIONS
    assert compact.central.to_dict() == full.central.to_dict()
    assert list(compact.central.index) == list(full.central.index)
    assert compact.positions == full.positions
    contested = network.contested(current, mini.provisions)
    assert network.reading(compact.agreement, compact.groups, compact.central, contested) == network.reading(
        full.agreement, full.groups, full.central, contested
    )
    for color_by in network.COLOR_BY:
        assert (
            network.figure(compact.graph, compact.positions, color_by, compact.groups).to_json()
            == network.figure(full.graph, full.positions, color_by, full.groups).to_json()
        )


def test_ally_table_keeps_only_ally_edges_and_the_counts_the_page_needs(current: pd.DataFrame) -> None:
    table = network.ally_table(current)
    assert table.measured == len(AGREEMENT)
    assert {frozenset((r.a, r.b)) for r in table.pairs.itertuples()} == {
        frozenset(pair) for pair, w in AGREEMENT.items() if w > network.ALLY_THRESHOLD
    }
    assert table.nodes["alpha-ngo"]["allies"] == 2 and table.nodes["alpha-ngo"]["compared"] == 4
    assert table.nodes["zeta-un"]["allies"] == 0
    ally = table.graph()
    assert network.allies(ally) is ally
    assert sorted(ally.edges) == sorted(network.allies(reference.agreement_graph(current)).edges)
    assert table.graph(limit=1).number_of_edges() == 1
    assert table.graph(limit=1).edges["alpha-ngo", "beta-ngo"]["weight"] == pytest.approx(0.9375)


def test_ally_table_of_nothing_or_one_stakeholder(current: pd.DataFrame) -> None:
    empty = network.ally_table(current.iloc[0:0])
    assert empty.graph().number_of_nodes() == 0 and empty.centrality().empty
    net = network.build(current.iloc[0:0], "agreement", agreement=empty)
    assert net.groups == [] and net.positions == {}
    one = network.ally_table(current[current["stakeholder_id"] == "gamma-gov"])
    assert network.build(current[current["stakeholder_id"] == "gamma-gov"], "agreement", agreement=one).groups == [
        frozenset({"gamma-gov"})
    ]
    assert one.centrality().to_dict() == {"gamma-gov": 0.0}


def test_ally_table_reading_says_when_agreement_cannot_be_measured(current: pd.DataFrame, mini: Dataset) -> None:
    sparse = current[current["provision_id"].isin(["p-02", "p-03"])]
    net = network.build(sparse, "agreement", agreement=network.ally_table(sparse))
    text = "\n".join(
        network.reading(net.agreement, net.groups, net.central, network.contested(sparse, mini.provisions))
    )
    assert "No coalitions" in text and "agreement cannot be measured" in text


# --------------------------------------------------------------------------
# Coalitions from the compact table


@pytest.fixture(scope="module")
def noisy() -> pd.DataFrame:
    """120 stakeholders in 3 camps, 15 of 40 provisions each, 25% of stances
    moved a step towards the middle: camps that overlap a little."""
    return current_of(dataset.read_dataset(synthetic_files(120, 40, per_stakeholder=15, camps=3, seed=9, noise=0.25)))


def test_coalitions_of_the_ally_table_equal_those_of_the_agreement_graph(noisy: pd.DataFrame) -> None:
    from_table = network.coalitions(network.ally_table(noisy))
    assert from_table == reference.coalitions(reference.agreement_graph(noisy))
    expected = {frozenset(f"sh-{i:04d}" for i in range(120) if camp_of(i, 3) == c) for c in range(3)}
    assert set(from_table) == expected


def test_coalitions_of_an_ally_table_refuse_a_lower_threshold(current: pd.DataFrame) -> None:
    table = network.ally_table(current)
    assert network.coalitions(table, threshold=0.9) == [
        frozenset({"alpha-ngo", "beta-ngo", "epsilon-corp"}),
        frozenset({"delta-gov"}),
        frozenset({"gamma-gov"}),
        frozenset({"zeta-un"}),
    ]
    with pytest.raises(ValueError, match=r"above 0\.5"):
        network.coalitions(table, threshold=0.2)


# --------------------------------------------------------------------------
# A large view draws its busiest stakeholders (limit), the metrics count all


@pytest.fixture(scope="module")
def uneven() -> pd.DataFrame:
    """30 stakeholders on 10 provisions; sh-00k keeps k % 10 + 1 of its
    positions, so sh-0009/19/29 have 10, sh-0008/18/28 have 9, ..."""
    full = current_of(dataset.read_dataset(synthetic_files(30, 10, camps=3, seed=5)))
    keep = full.groupby("stakeholder_id").cumcount() <= full["stakeholder_id"].str[-2:].astype(int) % 10
    return full[keep.to_numpy()]


BUSIEST = {"sh-0009", "sh-0019", "sh-0029", "sh-0008", "sh-0018", "sh-0028"}


def stakeholder_ids(graph: nx.Graph) -> set[str]:
    return {d["id"] for _, d in graph.nodes(data=True) if d["kind"] == network.STAKEHOLDER}


@pytest.mark.parametrize("compact", [True, False])
@pytest.mark.parametrize("graph_kind", network.GRAPH_KINDS)
def test_a_limit_draws_the_busiest_stakeholders_and_keeps_every_one_in_the_metrics(
    uneven: pd.DataFrame, graph_kind: str, compact: bool
) -> None:
    agreement = network.ally_table(uneven) if compact else None
    cut = network.build(uneven, graph_kind, agreement=agreement, limit=6)
    whole = network.build(uneven, graph_kind, agreement=agreement)
    assert (cut.shown, cut.total, cut.is_cut) == (6, 30, True)
    assert (whole.shown, whole.total, whole.is_cut) == (30, 30, False)
    assert stakeholder_ids(cut.graph) == BUSIEST
    assert set(cut.positions) == set(cut.graph.nodes)
    # coalitions, centrality and the reading are those of all 30
    assert cut.groups == whole.groups and sum(len(g) > 1 for g in cut.groups) == 3
    assert cut.central.to_dict() == whole.central.to_dict()
    if graph_kind == "bipartite":
        assert cut.graph.number_of_edges() == sum(
            10 if i % 10 == 9 else 9 for i in range(30) if f"sh-{i:04d}" in BUSIEST
        )
        for node, data in cut.graph.nodes(data=True):  # a provision still counts every stance on it
            assert data == whole.graph.nodes[node]
    else:
        assert all(d["weight"] == whole.agreement.edges[a, b]["weight"] for a, b, d in cut.graph.edges(data=True))
        assert cut.graph.number_of_edges() == whole.graph.subgraph(BUSIEST).number_of_edges() > 0
        for node in BUSIEST:  # a stakeholder's ally count is against everyone
            assert cut.graph.nodes[node] == whole.graph.nodes[node]


def test_a_cut_graph_coloured_by_coalition_says_how_many_members_are_drawn(uneven: pd.DataFrame) -> None:
    cut = network.build(uneven, "agreement", agreement=network.ally_table(uneven), limit=6)
    names = {t.name for t in network.figure(cut.graph, cut.positions, "coalition", cut.groups).data if t.customdata}
    drawn = {i: len(BUSIEST & g) for i, g in enumerate(cut.groups) if len(g) > 1}
    assert names == {f"Coalition {i + 1} ({n} of {len(cut.groups[i])} drawn)" for i, n in drawn.items() if n}


def test_a_limit_above_the_stakeholders_in_view_changes_nothing(uneven: pd.DataFrame) -> None:
    table = network.ally_table(uneven)
    for graph_kind in network.GRAPH_KINDS:
        cut = network.build(uneven, graph_kind, agreement=table, limit=30)
        whole = network.build(uneven, graph_kind, agreement=table)
        assert not cut.is_cut and cut.positions == whole.positions
        assert (
            network.figure(cut.graph, cut.positions).to_json() == network.figure(whole.graph, whole.positions).to_json()
        )
    assert network.drawn_stakeholders(uneven, None) is None
    assert network.drawn_stakeholders(uneven.iloc[0:0], 5) is None


def _label_box(x: float, y: float, label: str, size: float, font: int, spot: str) -> tuple[float, ...]:
    """The pixel box a label takes at spot, as network.place_labels models it."""
    sx = network.LABEL_WIDTH / (network.X_RANGE[1] - network.X_RANGE[0])
    sy = network.LABEL_HEIGHT / (network.Y_RANGE[1] - network.Y_RANGE[0])
    cx, cy = (x - network.X_RANGE[0]) * sx, (network.Y_RANGE[1] - y) * sy
    dx, dy = next((dx, dy) for name, dx, dy in network._SPOTS if name == spot)
    w, h, r = 0.62 * font * len(label) + 4, font * 1.25, size / 2 + 2
    bx, by = cx + dx * (w / 2 + r), cy + dy * (h / 2 + r)
    return (bx - w / 2, by - h / 2, bx + w / 2, by + h / 2)


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and a[2] > b[0] and a[1] < b[3] and a[3] > b[1]


def test_crowded_labels_never_collide_and_the_busiest_node_keeps_its_name() -> None:
    # Twelve nodes piled near the centre, one busy node among them, one alone far out.
    xy = [(0.0 + 0.01 * k, 0.0) for k in range(12)] + [(1.0, 0.9)]
    labels = [f"Stakeholder {k}" for k in range(13)]
    sizes, fonts = [14.0] * 13, [14] * 13
    order = [5, *[k for k in range(13) if k != 5]]  # node 5 is the busiest
    spots = network.place_labels(xy, labels, sizes, fonts, order)
    assert spots[5] is not None and spots[12] is not None
    assert 0 < sum(s is not None for s in spots[:12]) < 12  # the pile cannot name everyone
    boxes = [_label_box(*xy[k], labels[k], sizes[k], fonts[k], s) for k, s in enumerate(spots) if s]
    assert not any(_overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])


def test_network_figure_labels_do_not_overlap_each_other(mini: Dataset) -> None:
    current = analysis.current_positions(analysis.position_table(mini))
    graph = network.bipartite_graph(current)
    positions = network.layout(graph)
    fig = network.figure(graph, positions)
    boxes = []
    for trace in fig.data:
        if trace.mode != "markers+text":
            continue
        for x, y, text, spot, size in zip(
            trace.x, trace.y, trace.text, trace.textposition, trace.marker.size, strict=True
        ):
            if text:
                boxes.append(_label_box(x, y, text, size, trace.textfont.size, spot))
    assert len(boxes) >= 5
    assert not any(_overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])


def test_ally_table_from_codes_equals_the_table_of_named_pairs() -> None:
    """The ally table is built from integer codes; read from the named pairs
    of agreement_pairs it must be the same: the same ally pairs in the same
    order with their weights, and the same counts on every node."""
    from collections import Counter

    ds = dataset.read_dataset(synthetic_files(90, 20, per_stakeholder=8, camps=3, seed=5))
    current = current_of(ds)
    table = network.ally_table(current)
    pairs = analysis.agreement_pairs(current)
    kept = pairs[pairs["agreement"] > network.ALLY_THRESHOLD].sort_values(["a", "b"]).reset_index(drop=True)
    assert table.measured == len(pairs)
    assert table.pairs["a"].astype(str).tolist() == kept["a"].tolist()
    assert table.pairs["b"].astype(str).tolist() == kept["b"].tolist()
    assert table.pairs["weight"].tolist() == pytest.approx(kept["agreement"].tolist())
    assert table.pairs["shared"].tolist() == kept["shared"].tolist()
    allies = Counter(kept["a"]) + Counter(kept["b"])
    compared = Counter(pairs["a"]) + Counter(pairs["b"])
    for node, data in table.nodes.items():
        assert (data["allies"], data["compared"]) == (allies.get(node, 0), compared.get(node, 0)), node
    assert sum(1 for d in table.nodes.values() if d["allies"]) > 10
