"""AppTest: Overview, Stakeholder, Provision and About pages, with deep links
and garbage links, on the fixture and on the shipped dataset."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import assert_clean, open_page, texts, use_synthetic
from tests.conftest import MINI, SHIPPED

GARBAGE = ["", "nope", "<script>alert(1)</script>", "x" * 5000, "../../etc/passwd", "政府🙂", "%00", "a,b,c"]


def test_overview_shows_headline_figures_and_charts() -> None:
    at = open_page()
    assert_clean(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Stakeholders"] == "6"
    assert metrics["Ratifications"] == "3 of 3"
    assert "Model Data Retention Bill" in at.title[0].value
    assert "2024-07-01" in texts(at)
    # The grid's narrow-screen form: names pinned on the left, a column per provision.
    grid = next(d for d in at.dataframe if "Stakeholder" in d.value.columns)
    assert list(grid.value.columns) == ["Stakeholder", "Bill", "Art. 1", "Art. 2", "Art. 3", "Art. 4", "Art. 5"]
    assert len(grid.value) == 6
    config = grid.proto.columns.replace(" ", "")
    assert '"pinned":true' in config
    # The grid drops a pin when pinned columns take 60% of its width: 120 px
    # stays under that on a 390 px phone (a 354 px main column, a 316 px grid).
    assert '"width":120' in config and 120 < 0.6 * 316


def test_overview_respects_filters_from_the_link() -> None:
    at = open_page(params={"type": "government"})
    assert_clean(at)
    assert {m.label: m.value for m in at.metric}["Stakeholders"] == "2"
    assert at.multiselect(key="f_type").value == ["government"]


def test_stakeholder_deep_link_opens_that_profile() -> None:
    at = open_page("views/stakeholders.py", {"stakeholder": "gamma-gov"})
    assert_clean(at)
    assert at.selectbox(key="pick_stakeholder").value == "gamma-gov"
    assert "Government of Gammaland" in texts(at)
    assert "Position history" in texts(at)
    assert len(at.dataframe) == 2  # positions and history


def test_provision_deep_link_opens_that_article() -> None:
    at = open_page("views/provisions.py", {"provision": "p-03"})
    assert_clean(at)
    assert at.selectbox(key="pick_provision").value == "p-03"
    assert "Retention of traffic data" in texts(at)
    table = at.dataframe[0].value
    assert len(table) == 6 and table.iloc[0]["stance_text"] == "++ Support"


def test_choosing_another_provision_rewrites_the_link() -> None:
    at = open_page("views/provisions.py", {"provision": "p-03"})
    at.selectbox(key="pick_provision").set_value("p-05").run()
    assert at.query_params["provision"] == ["p-05"] or at.query_params["provision"] == "p-05"


@pytest.mark.parametrize("value", GARBAGE)
@pytest.mark.parametrize(
    ("page", "name"), [("views/stakeholders.py", "stakeholder"), ("views/provisions.py", "provision")]
)
def test_garbage_ids_fall_back_with_a_notice(page: str, name: str, value: str) -> None:
    at = open_page(page, {name: value, "type": value, "stance": value, "q": value, "bogus": value})
    assert_clean(at)
    assert at.selectbox(key=f"pick_{name}").value  # something sensible is shown
    if value.strip(","):
        assert "Ignored" in texts(at)


@pytest.mark.parametrize("value", GARBAGE)
def test_overview_and_about_never_raise_on_garbage(value: str) -> None:
    for page in ("views/overview.py", "views/about.py"):
        at = open_page(page, {"theme": value, "q": value, "slide": value})
        assert_clean(at)


def test_filters_that_match_nothing_say_so() -> None:
    at = open_page(params={"q": "no such words anywhere"})
    assert_clean(at)
    assert {m.label: m.value for m in at.metric}["Stakeholders"] == "0"


def test_about_explains_the_scale_and_evidence() -> None:
    at = open_page("views/about.py")
    assert_clean(at)
    text = texts(at)
    assert "Explicit or inferred" in text and "Contestation" in text
    assert "Fictional data for tests" in text or any("Fictional data" in str(t.value) for t in at.text)


@pytest.mark.parametrize(
    "page", ["views/overview.py", "views/stakeholders.py", "views/provisions.py", "views/about.py"]
)
def test_pages_render_the_shipped_dataset(page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STANCEMAP_DATASET", str(SHIPPED))
    at = open_page(page)
    assert_clean(at)
    assert "2026" in texts(at) or "as of" in texts(at)


def test_broken_dataset_on_disk_shows_the_report_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    broken = tmp_path / "broken"
    shutil.copytree(MINI, broken)
    (broken / "positions.csv").write_text(
        "stakeholder_id,provision_id,stance,summary,source_url\nalpha-ngo,p-01,maybe,x,javascript:1\n"
    )
    monkeypatch.setenv("STANCEMAP_DATASET", str(broken))
    at = open_page()
    assert not at.exception
    assert "problem" in at.error[0].value
    report = at.dataframe[0].value
    assert {"stance", "source_url"} <= set(report["column"])
    assert set(report["line"]) == {2}


def test_dataset_flag_precedes_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setenv("STANCEMAP_DATASET", "/nonexistent")
    monkeypatch.setattr(sys, "argv", ["app.py", "--dataset", str(MINI)])
    at = open_page()
    assert_clean(at)


def test_overview_of_a_large_dataset_shows_its_busiest_part_and_a_link_can_show_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from components.analysis import TOP_STAKEHOLDERS

    total = TOP_STAKEHOLDERS + 7
    use_synthetic(tmp_path / "large", monkeypatch, total, 6, camps=2, seed=2)

    def rows(at: AppTest) -> int:
        heatmap = next(json.loads(c.proto.spec) for c in at.get("plotly_chart") if "heatmap" in c.proto.spec)
        return len(heatmap["data"][0]["y"])

    at = open_page("views/overview.py")
    assert_clean(at)
    assert rows(at) == TOP_STAKEHOLDERS and f"Showing the {TOP_STAKEHOLDERS} stakeholders" in texts(at)
    at.toggle(key="heatmap_all").set_value(True).run()
    assert rows(at) == total and at.query_params.get("all") in ("1", ["1"])
    linked = open_page("views/overview.py", {"all": "1"})
    assert_clean(linked)
    assert rows(linked) == total and "Showing the" not in texts(linked)
