"""AppTest: the What changed page on the hand-checked `shifting` fixture, its
defaults, deep links with since/until, and bad dates."""

from __future__ import annotations

import pytest

from tests.app.conftest import assert_clean, open_page, texts
from tests.conftest import FIXTURES

SHIFTING = FIXTURES / "shifting"
PAGE = "views/changes.py"


@pytest.fixture(autouse=True)
def _shifting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STANCEMAP_DATASET", str(SHIFTING))


def metrics(at) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {m.label: m.value for m in at.metric}


def test_default_window_is_since_the_last_milestone_until_as_of() -> None:
    at = open_page(PAGE)
    assert_clean(at)
    # last milestone before 2025-12-31 is the opening for signature, 2025-02-01
    assert "From 2025-02-01 to 2025-12-31" in texts(at)
    assert metrics(at) == {
        "Changed stances": "1",
        "New positions": "1",
        "First positions": "0",
        "Signatures": "2",
        "Ratifications": "1",
    }
    report = at.dataframe[0].value
    assert set(zip(report["stakeholder"], report["label"], report["change"], strict=True)) == {
        ("Government of Southland", "Treaty", "Changed stance"),
        ("Cipher Watch", "Treaty", "New position"),
    }
    changed = report[report["change"] == "Changed stance"].iloc[0]
    assert "Mixed" in changed["stance_before_text"] and "Support" in changed["stance_text"]
    assert (changed["date_before"], changed["source_date"]) == ("2023-03-01", "2025-03-01")
    assert "1 undated position is left out" in texts(at)


def test_deep_link_with_since_and_until_shows_that_window() -> None:
    at = open_page(PAGE, {"since": "2023-12-31", "until": "2024-12-01"})
    assert_clean(at)
    assert "From 2023-12-31 to 2024-12-01" in texts(at)
    assert metrics(at)["Changed stances"] == "2"
    assert metrics(at)["New positions"] == "1"
    moved = at.dataframe[1].value
    assert list(moved["label"]) == ["Art. 2", "Art. 1"]


def test_filters_narrow_the_changes() -> None:
    at = open_page(PAGE, {"since": "2024-12-01", "type": "industry"})
    assert_clean(at)
    assert metrics(at)["First positions"] == "2"
    assert metrics(at)["Changed stances"] == "0"
    assert "Filtered:" in texts(at)


@pytest.mark.parametrize(
    ("params", "shown", "notice"),
    [
        ({"since": "not-a-date"}, "From 2025-02-01 to 2025-12-31", "not a date"),
        ({"since": "2024-02-30"}, "From 2025-02-01 to 2025-12-31", "not a date"),
        ({"until": "2099-01-01"}, "to 2025-12-31", "after the data's last check"),
        ({"since": "2025-06-01", "until": "2024-01-01"}, "From 2024-01-01 to 2025-06-01", "since was after until"),
    ],
)
def test_bad_future_and_reversed_dates_get_a_notice_and_a_fallback(params, shown, notice) -> None:  # type: ignore[no-untyped-def]
    at = open_page(PAGE, params)
    assert_clean(at)
    assert shown in texts(at)
    assert notice in texts(at)


def test_a_window_with_nothing_in_it_says_so() -> None:
    at = open_page(PAGE, {"since": "2025-10-01"})
    assert_clean(at)
    assert "No position was stated in this period." in texts(at)
    assert "No signature or ratification is dated in this period." in texts(at)


def test_a_dataset_without_events_offers_plain_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import MINI

    monkeypatch.setenv("STANCEMAP_DATASET", str(MINI))
    at = open_page(PAGE)
    assert_clean(at)
    assert "From" in texts(at)


def test_the_map_over_time_animates_through_the_milestones() -> None:
    at = open_page(PAGE)
    assert_clean(at)
    import json

    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert [f["name"] for f in figure["frames"]] == ["2024-03-01", "2024-12-01", "2025-02-01", "2025-12-31"]
    assert [s["label"] for s in figure["layout"]["sliders"][0]["steps"]] == [
        "2024-03-01",
        "2024-12-01",
        "2025-02-01",
        "2025-12-31",
    ]
    table = at.dataframe[-1].value
    assert list(table["Stakeholders with a position"]) == [3, 3, 4, 4]


def test_a_stakeholder_profile_shows_its_stances_over_time() -> None:
    at = open_page("views/stakeholders.py", {"stakeholder": "north"})
    assert_clean(at)
    import json

    strips = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    strip = next(f for f in strips if f["layout"].get("xaxis", {}).get("type") == "date")
    xs = sorted(x for trace in strip["data"] for x in trace["x"])
    assert xs == ["2023-02-01", "2024-05-10", "2024-05-10"]


def test_briefing_with_since_adds_a_what_changed_slide_after_the_title() -> None:
    at = open_page("views/briefing.py", {"since": "2024-12-01", "slide": "2"})
    assert_clean(at)
    shown = texts(at)
    assert "What changed since 2024-12-01" in shown
    assert "1 stance changed, 1 new position and 2 first positions" in shown
    assert "Southland on Treaty: ± Mixed → ++ Support" in shown or "Government of Southland on Treaty" in shown
    plain = open_page("views/briefing.py", {"slide": "2"})
    assert "What changed since" not in texts(plain)


def test_the_pack_carries_the_what_changed_slide() -> None:
    from components import analysis, briefing, dataset, history

    ds = dataset.load_path(SHIFTING)
    table = analysis.position_table(ds)
    found = history.change_set(ds, table, "2024-12-01", ds.meta.as_of)
    deck = briefing.build_deck(
        ds, analysis.current_positions(table), analysis.ordered_provisions(ds), changes=found, since="2024-12-01"
    )
    assert deck[1].title == "What changed since 2024-12-01"
    from components.filters import FilterState

    assert "What changed since 2024-12-01" in briefing.pack_html(deck, ds.meta, FilterState())
