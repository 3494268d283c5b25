"""AppTest: the Timeline & ratification page, with and without the optional files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.app.conftest import assert_clean, open_page, texts, use_synthetic
from tests.conftest import MINI, SHIPPED

PAGE = "views/timeline.py"


@pytest.fixture
def bare(tmp_path: Path) -> Path:
    """The fixture without events.csv and signatories.csv."""
    target = tmp_path / "bare"
    shutil.copytree(MINI, target)
    (target / "events.csv").unlink()
    (target / "signatories.csv").unlink()
    return target


def use_threshold(folder: Path, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    """The fixture copy in `folder` with ratification_threshold (3) set to the JSON `value`, as the app's dataset."""
    meta = folder / "dataset.json"
    meta.write_text(meta.read_text().replace('"ratification_threshold": 3', f'"ratification_threshold": {value}'))
    monkeypatch.setenv("STANCEMAP_DATASET", str(folder))


def test_progress_counts_map_and_signatory_table() -> None:
    at = open_page(PAGE)
    assert_clean(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Ratifications"] == "3 of 3 ratifications"
    assert metrics["Signatures"] == "4"
    assert len(at.get("plotly_chart")) == 3  # cumulative, map, timeline
    table = at.dataframe[0].value
    assert list(table["iso3"]) == ["KEN", "JPN", "FRA", "BRA", "DEU"]
    assert table.set_index("iso3").loc["JPN", "status"] == "Ratified or acceded"
    assert "2024-07-01" in texts(at)  # as_of


def test_dataset_without_events_or_signatories_says_what_is_missing(
    bare: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STANCEMAP_DATASET", str(bare))
    at = open_page(PAGE)
    assert_clean(at)
    said = texts(at)
    assert "no signatories.csv" in said and "no events.csv" in said
    assert not at.metric and not at.dataframe
    assert len(at.get("plotly_chart")) == 1  # dated positions still draw


def test_dataset_without_threshold_shows_plain_count(mini_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_threshold(mini_copy, monkeypatch, "null")
    at = open_page(PAGE)
    assert_clean(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Ratifications"] == "3 ratifications"
    assert "Still needed for entry into force" not in metrics


def test_more_ratifications_than_the_threshold_read_as_reached(
    mini_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_threshold(mini_copy, monkeypatch, "2")
    at = open_page(PAGE)
    assert_clean(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Ratifications"] == "3 ratifications (of 2 needed)"
    assert metrics["Still needed for entry into force"] == "0"
    overview = open_page("views/overview.py")
    assert_clean(overview)
    assert {m.label: m.value for m in overview.metric}["Ratifications (2 needed)"] == "3"


def timeline_traces(at) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Trace name -> number of markers in the timeline chart."""
    spec = json.loads(at.get("plotly_chart")[-1].proto.spec)
    return {t["name"]: len(t["y"]) for t in spec["data"]}


def test_timeline_widgets_filter_by_category_and_stakeholder() -> None:
    at = open_page(PAGE)
    assert timeline_traces(at)["Event"] == 4
    at.multiselect(key="timeline_categories").select("adoption").run()
    assert_clean(at)
    assert timeline_traces(at) == {"Event": 1}
    at.multiselect(key="timeline_categories").set_value([]).run()
    at.multiselect(key="timeline_stakeholders").select("alpha-ngo").run()
    assert_clean(at)
    traces = timeline_traces(at)
    assert traces["Event"] == 3 and traces["−− Oppose"] == 1 and traces["± Mixed"] == 1


@pytest.mark.parametrize(
    "params", [{"stakeholders": "<script>"}, {"slide": "x" * 5000}, {"stance": "nope", "q": "%00"}]
)
def test_garbage_links_do_not_break_the_page(params: dict[str, str]) -> None:
    at = open_page(PAGE, params)
    assert_clean(at)
    assert "Ignored" in texts(at)


def test_timeline_works_on_the_shipped_dataset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STANCEMAP_DATASET", str(SHIPPED))
    at = open_page(PAGE)
    assert_clean(at)
    assert {m.label: m.value for m in at.metric}["Ratifications"].endswith("of 40 ratifications")


def test_a_timeline_of_many_stakeholders_draws_the_busiest_lanes_until_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from components.timeline import MAX_LANES

    total = MAX_LANES + 5
    use_synthetic(tmp_path / "many", monkeypatch, total, 4, camps=2, seed=8)

    def lanes(at) -> list[str]:  # type: ignore[no-untyped-def]
        spec = json.loads(at.get("plotly_chart")[-1].proto.spec)
        return [lane for lane in spec["layout"]["yaxis"]["ticktext"] if lane.startswith("S")]

    at = open_page(PAGE)
    assert_clean(at)
    assert len(lanes(at)) == MAX_LANES
    assert f"Drawing the {MAX_LANES} stakeholders with the most dated items, of {total}" in texts(at)
    at.toggle(key="timeline_all").set_value(True).run()
    assert_clean(at)
    assert len(lanes(at)) == total and "Drawing the" not in texts(at)
    assert at.query_params.get("all") in ("1", ["1"])
    assert len(lanes(open_page(PAGE, {"all": "1"}))) == total
    at.toggle(key="timeline_all").set_value(False).run()
    at.multiselect(key="timeline_stakeholders").select("sh-0003").run()
    assert_clean(at)
    assert lanes(at) == ["S3"] and not at.get("toggle")


def test_a_cached_chart_sends_the_same_figure_on_every_rerun() -> None:
    """ui.chart keeps a cached figure's dict form; what reaches the browser
    must still be exactly the figure the core builds, run after run."""
    import plotly.io as pio

    from components import dataset, timeline

    mini = dataset.load_path(MINI)
    expected = pio.to_json(timeline.world_map(timeline.map_status(mini.signatories)[0]), validate=False)
    at = open_page(PAGE)
    for _ in range(3):
        assert_clean(at)
        specs = [c.proto.spec for c in at.get("plotly_chart")]
        assert specs[1] == expected
        at.run()


def test_a_long_signatory_list_is_a_switch_away_and_the_map_still_has_everyone(
    mini_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import csv

    from components.timeline import MAX_LISTED, load_world

    codes = sorted(load_world())[: MAX_LISTED + 20]
    with (mini_copy / "signatories.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["country", "iso3", "signature_date", "ratification_date", "source_url"])
        writer.writerows([f"State {code}", code, "2024-06-15", "", "https://example.org/sig"] for code in codes)
    monkeypatch.setenv("STANCEMAP_DATASET", str(mini_copy))
    at = open_page(PAGE)
    assert_clean(at)
    assert {m.label: m.value for m in at.metric}["Signatures"] == str(len(codes))
    assert not at.dataframe  # no table until asked for
    at.toggle(key="timeline_list").set_value(True).run()
    assert_clean(at)
    assert len(at.dataframe) == 1 and len(at.dataframe[0].value) == len(codes)


def test_a_short_signatory_list_is_shown_without_a_switch() -> None:
    at = open_page(PAGE)
    assert_clean(at)
    assert len(at.dataframe) == 1 and not [t for t in at.get("toggle") if t.key == "timeline_list"]
