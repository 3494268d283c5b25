"""AppTest: `asof=` opens every page with the map as it stood on that date,
says which date it shows, and falls back with a notice on a bad date."""

from __future__ import annotations

import pytest

from components import pages
from tests.app.conftest import assert_clean, open_page, texts
from tests.conftest import FIXTURES

SHIFTING = FIXTURES / "shifting"


@pytest.fixture(autouse=True)
def _shifting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STANCEMAP_DATASET", str(SHIFTING))


@pytest.mark.parametrize("page", [p.file for p in pages.PAGES])
def test_every_page_says_which_date_it_shows(page: str) -> None:
    at = open_page(page, {"asof": "2024-12-01"})
    assert_clean(at)
    shown = texts(at)
    assert "as it stood on 2024-12-01" in shown
    assert "1 undated position is left out" in shown
    assert at.query_params.get("asof") in ("2024-12-01", ["2024-12-01"])


def test_overview_counts_only_what_was_known_then() -> None:
    before = open_page(None, {"asof": "2023-12-31"})
    latest = open_page(None)
    assert_clean(before)
    assert {m.label: m.value for m in before.metric}["Stakeholders"] == "3"  # late and watch-k01 unknown yet
    assert {m.label: m.value for m in latest.metric}["Stakeholders"] == "4"


def test_a_stakeholder_profile_shows_the_stance_of_that_date() -> None:
    at = open_page("views/stakeholders.py", {"stakeholder": "north", "asof": "2024-01-01"})
    assert_clean(at)
    table = at.dataframe[0].value
    assert len(table) == 1 and "Support" in table.iloc[0].to_string()
    now = open_page("views/stakeholders.py", {"stakeholder": "north"})
    assert "Concern" in now.dataframe[0].value.to_string()


def test_signatures_and_ratifications_are_counted_as_of_the_date() -> None:
    at = open_page("views/timeline.py", {"asof": "2025-03-01"})
    assert_clean(at)
    assert {m.label: m.value for m in at.metric} == {
        "Ratifications": "0 of 2 ratifications",
        "Signatures": "2",
        "Still needed for entry into force": "2",
    }
    later = open_page("views/timeline.py")
    assert {m.label: m.value for m in later.metric}["Signatures"] == "3"


@pytest.mark.parametrize(("value", "notice"), [("2024-13-01", "not a date"), ("soon", "not a date")])
def test_a_bad_date_gets_a_notice_and_the_latest_map(value: str, notice: str) -> None:
    at = open_page(None, {"asof": value})
    assert_clean(at)
    assert notice in texts(at)
    assert "as it stood on" not in texts(at)


def test_a_future_date_shows_the_latest_map() -> None:
    at = open_page(None, {"asof": "2099-01-01"})
    assert_clean(at)
    assert "as it stood on 2025-12-31" in texts(at)
