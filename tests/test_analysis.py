"""Current positions, history, contestation and agreement, hand-checked on
the fixture dataset."""

from __future__ import annotations

import pandas as pd
import pytest

from components import analysis, briefing, charts, dataset
from components.dataset import Dataset
from components.filters import FilterState


@pytest.fixture(scope="module")
def table(mini: Dataset) -> pd.DataFrame:
    return analysis.position_table(mini)


@pytest.fixture(scope="module")
def current(table: pd.DataFrame) -> pd.DataFrame:
    return analysis.current_positions(table)


def test_latest_dated_position_is_current(current: pd.DataFrame) -> None:
    pairs = current.set_index(["stakeholder_id", "provision_id"])["stance"]
    assert pairs[("alpha-ngo", "p-02")] == "concern"  # 2024 beats 2023's "mixed"
    assert pairs[("gamma-gov", "p-04")] == "support"
    assert len(current) == 23


def test_undated_row_loses_to_a_dated_one_and_ties_go_to_the_later_row(table: pd.DataFrame) -> None:
    extra = table.iloc[[0, 0]].copy()
    extra["position_id"] = ["x-undated", "x-same-day"]
    extra["stance"] = ["support", "mixed"]
    extra["source_date"] = ["", "2024-03-01"]
    extra["row"] = [100, 101]
    current = analysis.current_positions(pd.concat([table, extra]))
    row = current[(current["stakeholder_id"] == "alpha-ngo") & (current["provision_id"] == "p-01")]
    assert list(row["position_id"]) == ["x-same-day"]


def test_history_lists_changed_positions_oldest_first(table: pd.DataFrame) -> None:
    changes = analysis.history(table, "alpha-ngo")
    assert list(changes["position_id"]) == ["a2old", "a2"]
    assert list(changes["changed"]) == [False, True]
    assert analysis.history(table, "beta-ngo").empty


def test_contestation_is_zero_for_consensus_and_one_for_an_even_split() -> None:
    assert analysis.contestation(pd.Series([2, 2, 2])) == 0
    assert analysis.contestation(pd.Series([2, -2, 2, -2])) == 1
    assert analysis.contestation(pd.Series([1])) == 0


def test_stance_counts_contestation_is_that_of_each_provision_alone() -> None:
    """All provisions at once (one groupby) give each provision's own
    contestation, a provision with a single stance 0, whatever the row order."""
    import numpy as np

    rng = np.random.default_rng(7)
    scores = rng.integers(-2, 3, 400)
    from components.vocab import SCORES

    names = {v: k for k, v in SCORES.items()}
    current = pd.DataFrame(
        {
            "provision_id": [f"p-{i}" for i in rng.integers(0, 40, 400)] + ["lonely"],
            "score": [*scores.tolist(), 2],
            "stance": [names[int(s)] for s in scores] + ["support"],
        }
    )
    counts = analysis.stance_counts(current).set_index("provision_id")["contestation"]
    for pid, group in current.groupby("provision_id"):
        assert counts[pid] == analysis.contestation(group["score"])
        assert (
            analysis.stance_counts(group.iloc[::-1]).set_index("provision_id").loc[pid, "contestation"] == counts[pid]
        )
    assert counts["lonely"] == 0


def test_stance_counts_per_provision(current: pd.DataFrame) -> None:
    counts = analysis.stance_counts(current).set_index("provision_id")
    assert counts.loc["p-01", ["for", "against", "n"]].tolist() == [2, 3, 5]
    assert counts.loc["p-01", "contestation"] == pytest.approx(0.88)
    assert counts.loc["p-03", "contestation"] == pytest.approx(0.75)


def test_most_contested_needs_both_sides_and_orders_by_contestation(mini: Dataset, current: pd.DataFrame) -> None:
    top = analysis.most_contested(current, analysis.ordered_provisions(mini))
    assert list(top["provision_id"]) == ["p-01", "p-04", "p-03", "p-02"]
    assert top.loc[0, "label"] == "Art. 1"


def test_agreement_matches_the_documented_formula(current: pd.DataFrame) -> None:
    pairs = analysis.agreement_pairs(current).set_index(["a", "b"])["agreement"]
    assert pairs[("alpha-ngo", "beta-ngo")] == pytest.approx(0.9375)
    assert pairs[("delta-gov", "gamma-gov")] == pytest.approx(0.875)
    assert pairs[("epsilon-corp", "gamma-gov")] == pytest.approx(1 - (10 / 3) / 4)
    assert not any("zeta-un" in pair for pair in pairs.index)  # shares < 3 provisions


def test_agreement_is_none_below_min_shared() -> None:
    a = pd.Series({"x": 2, "y": 1})
    b = pd.Series({"x": 2, "y": -1})
    assert analysis.agreement(a, b) is None
    assert analysis.agreement(a, b, min_shared=2) == pytest.approx(0.75)


def test_headline_counts(mini: Dataset, current: pd.DataFrame) -> None:
    h = analysis.headline(mini, current)
    # five articles and the convention as a whole, counted as the grid and the briefing count them
    assert (h.stakeholders, h.provisions_with_positions, h.signatures, h.ratifications, h.threshold) == (6, 6, 4, 3, 3)
    grid = charts.stance_heatmap(current, analysis.ordered_provisions(mini), mini.stakeholders)
    assert len(grid.data[0].x) == h.provisions_with_positions
    assert f"on {h.provisions_with_positions} provisions" in " ".join(
        briefing.build_deck(mini, current, analysis.ordered_provisions(mini), max_articles=0)[0].sentences
    )


def test_filters_narrow_the_positions(current: pd.DataFrame) -> None:
    filters = FilterState(types=("government",), themes=("human_rights",))
    assert set(filters.apply(current)["position_id"]) == {"g2", "d2"}
    assert set(FilterState(q="RETENTION").apply(current)["provision_id"]) == {"p-03"}
    assert FilterState(stances=("oppose",)).apply(current)["stance"].eq("oppose").all()


def test_provisions_read_whole_instrument_first_then_by_number(mini: Dataset) -> None:
    assert list(analysis.ordered_provisions(mini)["provision_id"]) == [
        "convention",
        "p-01",
        "p-02",
        "p-03",
        "p-04",
        "p-05",
    ]
    assert analysis.neighbours(analysis.ordered_provisions(mini), "p-01") == ("convention", "p-02")
    assert analysis.neighbours(analysis.ordered_provisions(mini), "p-05") == ("p-04", None)


def test_latest_events_newest_first(mini: Dataset) -> None:
    assert list(analysis.latest_events(mini.events, 2)["date"]) == ["2024-06-15", "2024-06-01"]


def test_undated_signatory_counts_as_signed_and_accession_does_not() -> None:
    frame = pd.DataFrame(
        {
            "signature_date": ["2024-01-01", "", "", "2024-01-02"],
            "ratification_date": ["", "", "2024-03-01", "2024-02-01"],
        }
    )
    assert analysis.ratification_status(frame) == (3, 2)


def test_current_positions_equal_a_plain_pandas_reading() -> None:
    """The latest statement per pair (undated oldest, ties to the later file
    row), in file order, as sorting and de-duplicating the text columns
    would give it, on data with undated rows, same-day rows and several
    statements per pair."""
    from testkit.synthetic import generate

    ds = dataset.read_dataset({k: v.encode() for k, v in generate(80, 15, 0.6, 7).items()})
    table = analysis.position_table(ds)
    table.loc[table.index[::5], "source_date"] = ""
    table.loc[table.index[1::9], "source_date"] = table["source_date"].iloc[0] or "2020-01-01"
    expected = (
        table.assign(_date=table["source_date"].replace("", "0000-00-00"))
        .sort_values(["_date", "row"], kind="stable")
        .drop_duplicates(analysis.PAIR, keep="last")
        .drop(columns="_date")
        .sort_values("row", kind="stable")
    )
    found = analysis.current_positions(table)
    assert found.index.tolist() == expected.index.tolist()
    assert found["position_id"].tolist() == expected["position_id"].tolist()
    assert list(found.columns) == list(table.columns)


def test_stance_grid_as_a_wide_table_of_symbols(mini: Dataset, current: pd.DataFrame) -> None:
    """The grid for narrow screens: names first, a column per provision in
    reading order, the stance's symbol where there is one (checked by hand)."""
    grid = analysis.stance_grid(current, analysis.ordered_provisions(mini), mini.stakeholders)
    assert list(grid.columns) == ["Stakeholder", "Bill", "Art. 1", "Art. 2", "Art. 3", "Art. 4", "Art. 5"]
    rows = {r[0]: r[1:] for r in grid.itertuples(index=False, name=None)}
    assert rows["Alpha"] == ("", "−−", "−", "−−", "−−", "")
    assert rows["Gammaland"] == ("++", "++", "+", "++", "++", "++")
    assert rows["Zeta"] == ("", "", "+", "±", "", "")
    assert list(grid["Stakeholder"]) == ["Alpha", "Beta", "Gammaland", "Deltania", "Epsilon", "Zeta"]


def test_stance_grid_keeps_provisions_that_share_a_label_apart() -> None:
    current = pd.DataFrame(
        {
            "stakeholder_id": ["s1", "s1", "s2"],
            "provision_id": ["a", "b", "c"],
            "stance": ["support", "oppose", "mixed"],
            "label": ["Art. 1", "Art. 1", "Stakeholder"],
            "short_name": ["One", "One", "Two"],
        }
    )
    provisions = pd.DataFrame({"provision_id": ["a", "b", "c"]})
    stakeholders = pd.DataFrame({"stakeholder_id": ["s2", "s1"]})
    grid = analysis.stance_grid(current, provisions, stakeholders)
    assert list(grid.columns) == ["Stakeholder", "Art. 1", "Art. 1 (b)", "Stakeholder (c)"]
    assert grid.values.tolist() == [["Two", "", "", "±"], ["One", "++", "−−", ""]]
    assert list(analysis.stance_grid(current.iloc[0:0], provisions, stakeholders).columns) == ["Stakeholder"]
