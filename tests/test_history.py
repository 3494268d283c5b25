"""Positions over time, against the hand-checked `shifting` fixture: the
grid at three dates and the change lists between them are worked out by
hand below from tests/fixtures/shifting/positions.csv."""

from __future__ import annotations

import pandas as pd
import pytest

from components import analysis, dataset, history
from tests.conftest import FIXTURES

SHIFTING = FIXTURES / "shifting"


@pytest.fixture(scope="module")
def ds() -> dataset.Dataset:
    return dataset.load_path(SHIFTING)


@pytest.fixture(scope="module")
def table(ds: dataset.Dataset) -> pd.DataFrame:
    return analysis.position_table(ds)


def grid(frame: pd.DataFrame) -> dict[tuple[str, str], str]:
    return {(r.stakeholder_id, r.provision_id): r.stance for r in frame.itertuples()}


def test_grid_at_the_end_of_2023(table: pd.DataFrame) -> None:
    result = history.positions_on(table, "2023-12-31")
    assert grid(result.table) == {
        ("north", "k-01"): "support",
        ("south", "k-01"): "oppose",
        ("south", "treaty"): "mixed",
        ("watch", "k-02"): "concern",
    }
    assert result.undated_left_out == 1  # the undated leaflet w0


def test_grid_on_adoption_day(table: pd.DataFrame) -> None:
    result = history.positions_on(table, "2024-12-01")
    assert grid(result.table) == {
        ("north", "k-01"): "concern",
        ("north", "k-02"): "qualified_support",
        ("south", "k-01"): "oppose",
        ("south", "treaty"): "mixed",
        ("watch", "k-02"): "oppose",
    }


def test_grid_at_as_of_leaves_out_the_undated_row(table: pd.DataFrame) -> None:
    result = history.positions_on(table, "2025-12-31")
    expected = {
        ("north", "k-01"): "concern",
        ("north", "k-02"): "qualified_support",
        ("south", "k-01"): "oppose",
        ("south", "treaty"): "support",
        ("watch", "k-02"): "oppose",
        ("watch", "treaty"): "oppose",
        ("late", "k-01"): "support",
        ("late", "treaty"): "qualified_support",
    }
    assert grid(result.table) == expected
    assert result.undated_left_out == 1
    # without a date the undated row counts, as everywhere else in the app
    assert grid(history.positions_on(table, None).table) == {**expected, ("watch", "k-01"): "concern"}


def test_a_statement_dated_on_the_day_counts_on_that_day(table: pd.DataFrame) -> None:
    assert grid(history.positions_on(table, "2024-05-10").table)[("north", "k-01")] == "concern"
    assert grid(history.positions_on(table, "2024-05-09").table)[("north", "k-01")] == "support"


def test_changes_since_adoption(table: pd.DataFrame) -> None:
    changes = history.changes(table, "2024-12-01", "2025-12-31")
    got = {
        (
            r.kind,
            r.stakeholder_id,
            r.provision_id,
            r.stance_before if isinstance(r.stance_before, str) else None,
            r.stance,
        )
        for r in changes.itertuples()
    }
    assert got == {
        ("changed", "south", "treaty", "mixed", "support"),
        ("new_position", "watch", "treaty", None, "oppose"),
        ("first_position", "late", "k-01", None, "support"),
        ("first_position", "late", "treaty", None, "qualified_support"),
    }
    changed = changes[changes["kind"] == "changed"].iloc[0]
    assert (changed["position_id_before"], changed["position_id"]) == ("s3", "s4")
    assert (changed["date_before"], changed["source_date"]) == ("2023-03-01", "2025-03-01")
    assert changed["score_delta"] == 2
    assert list(changes["kind"]) == ["changed", "new_position", "first_position", "first_position"]


def test_changes_during_2024_include_a_restatement(table: pd.DataFrame) -> None:
    changes = history.changes(table, "2023-12-31", "2024-12-01")
    got = {(r.kind, r.stakeholder_id, r.provision_id) for r in changes.itertuples()}
    assert got == {
        ("changed", "north", "k-01"),
        ("changed", "watch", "k-02"),
        ("new_position", "north", "k-02"),
        ("restated", "south", "k-01"),
    }
    moved = history.moved_provisions(changes)
    # two stakeholders moved on Art. 2 (one new, one concern -> oppose), one on Art. 1 (support -> concern)
    assert moved.to_dict("records") == [
        {"provision_id": "k-02", "moves": 2, "changed": 1, "net_shift": -1.0},
        {"provision_id": "k-01", "moves": 1, "changed": 1, "net_shift": -3.0},
    ]


def test_nothing_changes_in_an_empty_window(table: pd.DataFrame) -> None:
    assert history.changes(table, "2025-10-01", "2025-12-31").empty
    assert history.moved_provisions(history.changes(table, "2025-10-01", "2025-12-31")).empty


def test_signatures_and_ratifications_between_dates(ds: dataset.Dataset) -> None:
    acts = history.signatory_changes(ds.signatories, "2025-02-01", "2025-12-31")
    assert acts[["date", "iso3", "act"]].values.tolist() == [
        ["2025-02-02", "ZAF", "signature"],
        ["2025-06-01", "PER", "signature"],
        ["2025-09-01", "NOR", "ratification"],
    ]
    on = history.signatories_on(ds.signatories, "2025-03-01")
    assert on[["iso3", "signature_date", "ratification_date"]].values.tolist() == [
        ["NOR", "2025-02-01", ""],
        ["ZAF", "2025-02-02", ""],
    ]


def test_milestones_come_from_the_events(ds: dataset.Dataset) -> None:
    points = history.milestones(ds.events, ds.meta.as_of)
    assert [m.date for m in points] == ["2023-01-15", "2024-03-01", "2024-12-01", "2025-02-01"]
    assert history.previous_milestone(points, "2025-12-31") == "2025-02-01"
    assert history.previous_milestone(points, "2023-01-15") is None


@pytest.mark.parametrize(
    ("since", "until", "expected", "notices"),
    [
        (None, None, ("2025-02-01", "2025-12-31"), 0),
        ("2024-01-01", None, ("2024-01-01", "2025-12-31"), 0),
        ("2025-06-01", "2024-01-01", ("2024-01-01", "2025-06-01"), 1),
        ("yesterday", None, ("2025-02-01", "2025-12-31"), 1),
        ("2024-02-30", None, ("2025-02-01", "2025-12-31"), 1),
        ("2030-01-01", None, ("2025-12-31", "2025-12-31"), 1),
        (None, "2099-01-01", ("2025-02-01", "2025-12-31"), 1),
        (["2024-01-01", "2024-02-01"], None, ("2024-01-01", "2025-12-31"), 0),
        ("2024-1-5", None, ("2025-02-01", "2025-12-31"), 1),
        ("<script>", "' OR 1=1", ("2025-02-01", "2025-12-31"), 2),
    ],
)
def test_window_parses_and_falls_back(ds: dataset.Dataset, since, until, expected, notices) -> None:
    w = history.window(since, until, ds.meta.as_of, history.milestones(ds.events, ds.meta.as_of))
    assert (w.since, w.until) == expected
    assert len(w.notices) == notices


def test_the_dataset_as_of_a_date_cuts_positions_signatories_and_events(ds: dataset.Dataset) -> None:
    on = history.dataset_on(ds, "2025-03-01")
    assert on.shown_as_of == "2025-03-01" and on.undated_left_out == 1
    assert set(on.positions["position_id"]) == {"n1", "n2", "n3", "s1", "s2", "s3", "s4", "w1", "w2", "w3", "l1", "l2"}
    assert on.signatories["iso3"].tolist() == ["NOR", "ZAF"]
    assert (on.events["date"] <= "2025-03-01").all() and len(on.events) == 4
    assert on.fingerprint != ds.fingerprint and hash(on) != hash(ds)
    assert history.dataset_on(ds, None) is ds


def test_the_asof_filter_reads_a_date_from_the_link_and_says_it(ds: dataset.Dataset) -> None:
    from components.filters import FilterState

    filters, notices = FilterState.from_query_params({"asof": "2024-12-01"}, [])
    assert filters.asof == "2024-12-01" and not notices
    assert filters.to_query_params() == {"asof": "2024-12-01"}
    assert "as of 2024-12-01" in filters.describe() and "asof-2024-12-01" in filters.slug()
    table = analysis.position_table(ds)
    assert set(filters.apply(table)["position_id"]) == {"n1", "n2", "n3", "s1", "s2", "s3", "w1", "w2"}
    for garbage in ("2024-13-01", "yesterday", "<b>", "2024-1-1"):
        bad, notices = FilterState.from_query_params({"asof": garbage}, [])
        assert bad.asof == "" and notices


def test_maps_at_many_dates_from_one_sort_equal_each_date_alone() -> None:
    # positions_on_each (snapshots, changes) must give exactly what positions_on gives date by date,
    # on data with undated rows, same-day rows and several statements per pair.
    from testkit.synthetic import generate

    ds = dataset.read_dataset({k: v.encode() for k, v in generate(60, 12, 0.5, 3).items()})
    table = analysis.position_table(ds)
    table.loc[table.index[::7], "source_date"] = ""  # some undated rows
    dates = sorted(set(table["source_date"]) - {""})
    picked = [dates[0], dates[len(dates) // 3], dates[len(dates) // 2], dates[-1], "1900-01-01", "2999-12-31"]
    for date, frame in zip(picked, history.positions_on_each(table, picked), strict=True):
        expected = history.positions_on(table, date).table
        assert frame["position_id"].tolist() == expected["position_id"].tolist(), date
        assert list(frame.columns) == list(expected.columns)
        assert frame.index.tolist() == expected.index.tolist(), date
