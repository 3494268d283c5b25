"""Comparison of 2-4 stakeholders on the fixture: agreement equals the network
measure, the per-provision grid marks agreement and spread, divergence ranks."""

from __future__ import annotations

import pandas as pd
import pytest

from components import analysis, compare
from components.dataset import Dataset

IDS = ["alpha-ngo", "beta-ngo", "gamma-gov", "delta-gov"]


@pytest.fixture(scope="module")
def current(mini: Dataset) -> pd.DataFrame:
    return analysis.current_positions(analysis.position_table(mini))


@pytest.fixture(scope="module")
def provisions(mini: Dataset) -> pd.DataFrame:
    return analysis.ordered_provisions(mini)


def test_pair_agreement_matches_hand_checked_values(current: pd.DataFrame) -> None:
    pairs = compare.pair_agreement(current, IDS).set_index(["a", "b"])["agreement"]
    assert pairs[("alpha-ngo", "beta-ngo")] == pytest.approx(0.9375)
    assert pairs[("gamma-gov", "delta-gov")] == pytest.approx(0.875)
    assert pairs[("alpha-ngo", "gamma-gov")] == pytest.approx(0.125)


def test_pair_agreement_is_the_network_measure(current: pd.DataFrame) -> None:
    ids = ["alpha-ngo", "beta-ngo", "gamma-gov", "epsilon-corp"]
    ours = compare.pair_agreement(current, ids)
    network = analysis.agreement_pairs(current, min_shared=3)
    lookup = {frozenset((r.a, r.b)): r.agreement for r in network.itertuples()}
    for row in ours.itertuples():
        assert row.agreement == pytest.approx(lookup[frozenset((row.a, row.b))])


def test_pair_with_fewer_than_three_shared_provisions_has_no_agreement(current: pd.DataFrame) -> None:
    # Zeta addressed p-02 and p-03 only.
    row = compare.pair_agreement(current, ["alpha-ngo", "zeta-un"]).iloc[0]
    assert row["agreement"] is None and row["shared"] == 2


def test_pair_agreement_of_a_stakeholder_without_positions_in_view_is_none(current: pd.DataFrame) -> None:
    filtered = current[current["stakeholder_id"] != "beta-ngo"]
    row = compare.pair_agreement(filtered, ["alpha-ngo", "beta-ngo"]).iloc[0]
    assert row["agreement"] is None and row["shared"] == 0


def test_grid_rows_are_addressed_provisions_in_reading_order(current: pd.DataFrame, provisions: pd.DataFrame) -> None:
    grid = compare.grid(current, provisions, ["alpha-ngo", "gamma-gov"])
    assert list(grid["provision_id"]) == ["convention", "p-01", "p-02", "p-03", "p-04", "p-05"]
    only_alpha_beta = compare.grid(current, provisions, ["alpha-ngo", "beta-ngo"])
    assert list(only_alpha_beta["provision_id"]) == ["p-01", "p-02", "p-03", "p-04"]


def test_grid_carries_each_stakeholders_current_position(current: pd.DataFrame, provisions: pd.DataFrame) -> None:
    grid = compare.grid(current, provisions, IDS).set_index("provision_id")
    assert grid.loc["p-02", "alpha-ngo:stance"] == "concern"  # the 2024 position, not the 2023 one
    assert grid.loc["p-02", "alpha-ngo:score"] == -1
    assert grid.loc["p-04", "gamma-gov:summary"] == "Now backs cooperation fully."
    assert grid.loc["p-01", "alpha-ngo:quote"] == "Definitions this broad catch everyone."
    assert grid.loc["p-01", "alpha-ngo:source_url"] == "https://example.org/alpha/1"
    assert grid.loc["p-01", "alpha-ngo:source_date"] == "2024-03-01"
    assert grid.loc["p-05", "alpha-ngo:stance"] == ""
    assert pd.isna(grid.loc["p-05", "alpha-ngo:score"])


def test_grid_marks_agreement_spread_and_lone_positions(current: pd.DataFrame, provisions: pd.DataFrame) -> None:
    grid = compare.grid(current, provisions, ["alpha-ngo", "beta-ngo", "gamma-gov"]).set_index("provision_id")
    # p-01: oppose, oppose, support -> differ, spread 4
    assert grid.loc["p-01", "mark"] == "✖ differ" and grid.loc["p-01", "spread"] == 4
    assert not grid.loc["p-01", "agree"]
    # convention: only Gammaland
    assert grid.loc["convention", "mark"] == "· one only" and grid.loc["convention", "n"] == 1
    assert grid.loc["convention", "spread"] == 0
    two = compare.grid(current, provisions, ["alpha-ngo", "beta-ngo"]).set_index("provision_id")
    assert two.loc["p-01", "mark"] == "✔ agree" and bool(two.loc["p-01", "agree"])
    assert two.loc["p-04", "mark"] == "✖ differ" and two.loc["p-04", "spread"] == 1


def test_divergence_ranks_widest_spread_first_then_reading_order(
    current: pd.DataFrame, provisions: pd.DataFrame
) -> None:
    grid = compare.grid(current, provisions, ["gamma-gov", "delta-gov"])
    ranked = compare.divergence(grid)
    # p-02 qualified_support vs mixed (1), p-03 support vs qualified_support (1); p-01, p-04 agree
    assert list(ranked["provision_id"]) == ["p-02", "p-03"]
    wide = compare.divergence(compare.grid(current, provisions, IDS))
    assert list(wide["provision_id"]) == ["p-01", "p-03", "p-04", "p-02"]
    assert list(wide["spread"]) == [4, 4, 4, 2]


def test_default_choice_is_the_least_agreeing_pair_among_the_most_active(current: pd.DataFrame) -> None:
    assert compare.default_choice(current) == ["gamma-gov", "alpha-ngo"]
    assert compare.default_choice(current.iloc[0:0]) == []


def test_default_choice_falls_back_to_most_active_when_no_pair_shares_enough(current: pd.DataFrame) -> None:
    few = current[current["provision_id"].isin(["p-01", "p-02"])]
    assert len(compare.default_choice(few)) == 2


def test_detail_rows_list_only_stances_taken(mini: Dataset, current: pd.DataFrame, provisions: pd.DataFrame) -> None:
    ids = ["alpha-ngo", "gamma-gov"]
    grid = compare.grid(current, provisions, ids)
    rows = compare.detail_rows(grid, ids, analysis.display_names(mini))
    assert len(rows) == 4 + 6
    first = rows.iloc[0]
    assert first["stakeholder"] == "Gammaland" and first["stance"] == "support" and first["mark"] == "· one only"


def test_divergence_chart_has_a_trace_per_stakeholder_and_widest_row_first(
    mini: Dataset, current: pd.DataFrame, provisions: pd.DataFrame
) -> None:
    grid = compare.grid(current, provisions, ["alpha-ngo", "gamma-gov"])
    fig = compare.divergence_chart(grid, ["alpha-ngo", "gamma-gov"], analysis.display_names(mini))
    markers = [t for t in fig.data if t.mode == "markers"]
    assert [t.name for t in markers] == ["Alpha", "Gammaland"]
    assert markers[0].marker.symbol != markers[1].marker.symbol
    assert fig.layout.yaxis.categoryarray[0] == "Art. 1: Definitions"


def test_divergence_chart_without_positions_says_so(
    mini: Dataset, current: pd.DataFrame, provisions: pd.DataFrame
) -> None:
    grid = compare.grid(current.iloc[0:0], provisions, ["alpha-ngo", "gamma-gov"])
    fig = compare.divergence_chart(grid, ["alpha-ngo", "gamma-gov"], analysis.display_names(mini))
    assert fig.layout.annotations[0].text.startswith("None of the chosen")


def test_pair_without_enough_shared_provisions_reads_na_with_the_reason() -> None:
    assert compare.agreement_text(None, 2) == "n/a"
    assert "share 2 provisions" in compare.agreement_help(None, 2)
    assert compare.agreement_text(0.9375, 4) == "94%"


def test_comparison_is_named_and_matches_its_parts(mini: Dataset) -> None:
    current = analysis.current_positions(analysis.position_table(mini))
    names = analysis.display_names(mini)
    chosen = ["alpha-ngo", "gamma-gov"]
    result = compare.comparison(current, analysis.ordered_provisions(mini), chosen, names)
    assert result.pairs.equals(compare.pair_agreement(current, chosen))
    assert result.grid.equals(compare.grid(current, analysis.ordered_provisions(mini), chosen))
    assert len(result.divergent) <= 5 and not result.details.empty
    assert result._fields == ("pairs", "grid", "divergence_chart", "divergent", "overview", "details")
