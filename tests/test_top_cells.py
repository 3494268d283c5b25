"""The Overview grid's default cut for large datasets: the stakeholders with
the most positions and the provisions they address most, hand-checked on the
fixture dataset."""

from __future__ import annotations

import pandas as pd
import pytest

from components import analysis
from components.dataset import Dataset


@pytest.fixture(scope="module")
def current(mini: Dataset) -> pd.DataFrame:
    return analysis.current_positions(analysis.position_table(mini))


def test_top_ids_orders_by_count_and_keeps_first_seen_order_on_ties(current: pd.DataFrame) -> None:
    # gamma-gov has 6 positions; alpha-ngo, beta-ngo and delta-gov 4 each, alpha-ngo seen first.
    assert analysis.top_ids(current, "stakeholder_id", 3) == ["gamma-gov", "alpha-ngo", "beta-ngo"]


def test_top_cells_keeps_the_busiest_stakeholders_and_their_most_addressed_provisions(current: pd.DataFrame) -> None:
    cut = analysis.top_cells(current, n_stakeholders=2, n_provisions=2)
    assert set(cut.positions["stakeholder_id"]) == {"gamma-gov", "alpha-ngo"}
    assert set(cut.positions["provision_id"]) == {"p-01", "p-02"}
    assert (cut.stakeholders, cut.provisions, cut.shown_stakeholders, cut.shown_provisions) == (6, 6, 2, 2)
    assert cut.is_cut


def test_a_grid_within_the_limits_comes_back_whole(current: pd.DataFrame) -> None:
    cut = analysis.top_cells(current)
    assert not cut.is_cut
    assert cut.positions.equals(current)


def test_top_cells_of_nothing_is_empty(current: pd.DataFrame) -> None:
    cut = analysis.top_cells(current.iloc[0:0])
    assert cut.positions.empty and not cut.is_cut
