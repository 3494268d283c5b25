"""AppTest: the Compare page from deep links, good and bad."""

from __future__ import annotations

import pytest

from tests.app.conftest import assert_clean, open_page, texts
from tests.conftest import SHIPPED

PAGE = "views/compare.py"
GARBAGE = ["", "nope", "<script>alert(1)</script>", "x" * 5000, "../../etc/passwd", "政府🙂", "%00", ",,,"]


def chosen(at) -> list[str]:  # type: ignore[no-untyped-def]
    return at.multiselect(key="pick_stakeholders").value


def metrics(at) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {m.label: m.value for m in at.metric}


def test_deep_link_compares_the_named_pair_with_network_agreement() -> None:
    at = open_page(PAGE, {"stakeholders": "alpha-ngo,beta-ngo"})
    assert_clean(at)
    assert chosen(at) == ["alpha-ngo", "beta-ngo"]
    assert metrics(at) == {"Alpha ↔ Beta": "94%"}
    grid = at.dataframe[0].value
    assert list(grid["provision"]) == [
        "Art. 1: Definitions",
        "Art. 2: Human rights",
        "Art. 3: Retention of traffic data",
        "Art. 4: Cross-border requests",
    ]
    assert list(grid["mark"]) == ["✔ agree", "✔ agree", "✔ agree", "✖ differ"]
    assert grid.iloc[3]["Beta"] == "− Concern"
    detail = at.dataframe[1].value
    assert set(detail["source_url"]) == {"https://example.org/alpha/1", "https://example.org/beta/1"}
    # The quote is read in full below the table (the grid keeps to the screen's width).
    picker = at.selectbox(key="compare_detail_full")
    alpha_art1 = next(o for o in picker.options if "Alpha" in o and "Art. 1" in o)
    picker.select(alpha_art1).run()
    assert "“Definitions this broad catch everyone.”" in texts(at)


def test_without_a_link_the_least_agreeing_active_pair_is_preselected() -> None:
    at = open_page(PAGE)
    assert_clean(at)
    assert chosen(at) == ["gamma-gov", "alpha-ngo"]
    assert at.query_params["stakeholders"] in (["gamma-gov,alpha-ngo"], "gamma-gov,alpha-ngo")
    assert metrics(at) == {"Gammaland ↔ Alpha": "12%"}


def test_unknown_ids_are_dropped_with_a_notice() -> None:
    at = open_page(PAGE, {"stakeholders": "alpha-ngo,nobody,gamma-gov"})
    assert_clean(at)
    assert chosen(at) == ["alpha-ngo", "gamma-gov"]
    assert "Ignored unknown stakeholder: 'nobody'" in texts(at)


def test_more_than_four_ids_keep_the_first_four_with_a_notice() -> None:
    at = open_page(PAGE, {"stakeholders": "alpha-ngo,beta-ngo,gamma-gov,delta-gov,zeta-un"})
    assert_clean(at)
    assert chosen(at) == ["alpha-ngo", "beta-ngo", "gamma-gov", "delta-gov"]
    assert "Compared the first 4 of the 5 stakeholders" in texts(at)
    assert len(at.metric) == 6
    assert metrics(at)["Gammaland ↔ Deltania"] == "88%"


def test_one_id_asks_for_a_second_without_error() -> None:
    at = open_page(PAGE, {"stakeholders": "alpha-ngo"})
    assert_clean(at)
    assert chosen(at) == ["alpha-ngo"]
    assert "Choose two to four stakeholders" in texts(at)
    assert not at.metric and not at.dataframe


def test_pair_sharing_fewer_than_three_provisions_reads_not_available() -> None:
    at = open_page(PAGE, {"stakeholders": "alpha-ngo,zeta-un"})
    assert_clean(at)
    assert metrics(at) == {"Alpha ↔ Zeta": "n/a"}


def test_choosing_in_the_widget_rewrites_the_link() -> None:
    at = open_page(PAGE, {"stakeholders": "alpha-ngo,beta-ngo"})
    at.multiselect(key="pick_stakeholders").select("delta-gov").run()
    assert_clean(at)
    assert at.query_params["stakeholders"] in (["alpha-ngo,beta-ngo,delta-gov"], "alpha-ngo,beta-ngo,delta-gov")
    assert len(at.metric) == 3


def test_shared_filters_apply_to_the_comparison() -> None:
    at = open_page(PAGE, {"stakeholders": "alpha-ngo,gamma-gov", "theme": "surveillance"})
    assert_clean(at)
    grid = at.dataframe[0].value
    assert list(grid["provision"]) == ["Art. 3: Retention of traffic data"]
    assert metrics(at) == {"Alpha ↔ Gammaland": "n/a"}


def test_filters_that_match_nothing_say_so() -> None:
    at = open_page(PAGE, {"stakeholders": "alpha-ngo,gamma-gov", "q": "zzzzzz"})
    assert_clean(at)
    assert "None of the chosen stakeholders has a position" in texts(at)


@pytest.mark.parametrize("value", GARBAGE)
def test_garbage_links_fall_back_to_defaults_without_error(value: str) -> None:
    at = open_page(PAGE, {"stakeholders": value, "stance": value, "bogus": value})
    assert_clean(at)
    assert chosen(at) == ["gamma-gov", "alpha-ngo"]


def test_compare_works_on_the_shipped_dataset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STANCEMAP_DATASET", str(SHIPPED))
    at = open_page(PAGE)
    assert_clean(at)
    assert len(chosen(at)) == 2
    assert len(at.metric) == 1 and len(at.dataframe) == 2
