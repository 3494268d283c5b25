"""AppTest: the Network page in both views, its link parameters (view, node)
including garbage and unknown ids, filters that leave nothing, caching, and a
dataset that is not in the repository."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from components import network
from components.vocab import STANCES, stance_label
from tests.app.conftest import assert_clean, open_page, texts, use_synthetic
from tests.app.test_explorer_pages import GARBAGE
from tests.conftest import SHIPPED

PAGE = "views/network.py"


def figure(at: AppTest) -> dict:
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    return json.loads(charts[0].proto.spec)


def node_ids(at: AppTest) -> set[str]:
    return {i for t in figure(at)["data"] if t.get("customdata") for i in t["customdata"]}


def view_control(at: AppTest):  # type: ignore[no-untyped-def]
    return next(w for w in at.get("button_group") if w.key == "pick_view")


def param(at: AppTest, name: str) -> str | None:
    value = at.query_params.get(name)
    return value[0] if isinstance(value, list) else value


def test_bipartite_view_is_the_default_and_draws_every_node() -> None:
    at = open_page(PAGE)
    assert_clean(at)
    assert view_control(at).value == "bipartite"
    ids = node_ids(at)
    assert {"s:alpha-ngo", "s:zeta-un", "p:p-03", "p:convention"} <= ids and len(ids) == 12
    names = {t["name"] for t in figure(at)["data"]}
    assert "−− Oppose" in names and "Civil society" in names
    text = texts(at)
    assert "Coalition 1: Alpha, Beta, Epsilon (2 civil-society groups, 1 industry stakeholder)." in text
    assert "Most contested: Art. 1: Definitions" in text


def test_agreement_view_from_the_link_shows_stakeholders_and_coalitions() -> None:
    at = open_page(PAGE, {"view": "agreement"})
    assert_clean(at)
    assert view_control(at).value == "agreement"
    assert node_ids(at) == {"alpha-ngo", "beta-ngo", "gamma-gov", "delta-gov", "epsilon-corp", "zeta-un"}
    assert "Coalition 2: Deltania, Gammaland (2 governments)." in texts(at)
    # its links are agreement bands, so the stance scale is not shown as if it applied
    legend = " · ".join(stance_label(s) for s in STANCES)
    assert legend not in [c.value for c in at.caption]
    assert legend in [c.value for c in open_page(PAGE).caption]


def test_colour_by_coalition_gives_a_legend_entry_per_coalition_and_goes_in_the_link() -> None:
    at = open_page(PAGE, {"view": "agreement"})
    assert param(at, "color") == "type"
    next(w for w in at.get("button_group") if w.key == "pick_color").set_value("coalition").run()
    assert_clean(at)
    names = {t["name"] for t in figure(at)["data"] if t.get("customdata")}
    assert names == {"Coalition 1 (3)", "Coalition 2 (2)", "Not in a coalition"}
    assert param(at, "color") == "coalition"


def test_a_prepared_link_opens_coloured_by_coalition() -> None:
    at = open_page(PAGE, {"view": "bipartite", "color": "coalition"})
    assert_clean(at)
    names = {t["name"] for t in figure(at)["data"] if t.get("customdata")}
    assert {"Coalition 1 (3)", "Coalition 2 (2)", "Provision"} <= names
    assert "Civil society" not in names


@pytest.mark.parametrize("value", ["party", "<b>x</b>", "type,coalition"])
def test_garbage_colour_falls_back_to_type(value: str) -> None:
    at = open_page(PAGE, {"color": value})
    assert_clean(at)
    assert next(w for w in at.get("button_group") if w.key == "pick_color").value == "type"
    assert "Civil society" in {t["name"] for t in figure(at)["data"]}
    assert ("Ignored unknown colouring" in texts(at)) == (value != "type,coalition")


def test_switching_the_view_rewrites_the_link() -> None:
    at = open_page(PAGE)
    view_control(at).set_value("agreement").run()
    assert_clean(at)
    assert param(at, "view") == "agreement"
    assert "s:alpha-ngo" not in node_ids(at) and "alpha-ngo" in node_ids(at)


@pytest.mark.parametrize("value", GARBAGE)
def test_garbage_view_and_node_fall_back_with_a_notice(value: str) -> None:
    at = open_page(PAGE, {"view": value, "node": value})
    assert_clean(at)
    assert view_control(at).value == "bipartite"
    if value.strip(","):
        assert "Ignored unknown" in texts(at)
    assert not at.dataframe  # no node panel


def test_node_link_opens_the_stakeholder_panel_with_a_profile_link() -> None:
    at = open_page(PAGE, {"node": "s:gamma-gov"})
    assert_clean(at)
    assert "Government of Gammaland" in texts(at)
    assert "In a coalition with: Deltania" in texts(at)
    table = at.dataframe[0].value
    assert len(table) == 6 and set(table["stance_text"]) == {"++ Support", "+ Qualified support"}
    links = [e for e in at.get("page_link")]
    assert any("profile of Government of Gammaland" in e.proto.label for e in links)


def test_node_link_opens_the_provision_panel_in_either_view() -> None:
    for params in ({"node": "p:p-03"}, {"view": "agreement", "node": "p-03"}):
        at = open_page(PAGE, params)
        assert_clean(at)
        assert "Art. 3: Retention of traffic data" in texts(at)
        assert len(at.dataframe[0].value) == 6


def test_unknown_node_is_dropped_with_a_notice() -> None:
    at = open_page(PAGE, {"node": "s:nobody"})
    assert_clean(at)
    assert "Ignored unknown node 's:nobody'" in texts(at)
    assert param(at, "node") is None
    assert not at.dataframe


def test_filters_that_leave_nothing_say_so_in_both_views() -> None:
    for graph_kind in network.GRAPH_KINDS:
        at = open_page(PAGE, {"view": graph_kind, "q": "no such words anywhere", "node": "s:alpha-ngo"})
        assert_clean(at)
        assert "No positions match the current filters" in texts(at)
        assert not at.get("plotly_chart")


def test_filters_apply_to_the_graph() -> None:
    at = open_page(PAGE, {"type": "government"})
    assert_clean(at)
    assert {i for i in node_ids(at) if i.startswith("s:")} == {"s:gamma-gov", "s:delta-gov"}


def test_agreement_view_without_links_says_so() -> None:
    at = open_page(PAGE, {"view": "agreement", "theme": "human_rights"})
    assert_clean(at)
    assert "no links" in texts(at)
    assert "No coalitions" in texts(at)


def test_graph_and_layout_are_not_recomputed_on_a_plain_rerun(monkeypatch: pytest.MonkeyPatch) -> None:
    st.cache_resource.clear()
    calls: list[int] = []
    original = network.layout
    monkeypatch.setattr(network, "layout", lambda *a, **k: calls.append(1) or original(*a, **k))
    at = open_page(PAGE, {"stance": "oppose,concern"})
    assert_clean(at)
    assert len(calls) == 1
    at.run()
    assert len(calls) == 1
    next(w for w in at.get("button_group") if w.key == "pick_color").set_value("coalition").run()
    assert len(calls) == 1


def test_a_dataset_not_in_the_repository_gets_its_own_coalitions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_synthetic(tmp_path / "other", monkeypatch, 9, 6, camps=3, seed=4)
    at = open_page(PAGE, {"view": "agreement", "node": "sh-0004"})
    assert_clean(at)
    text = texts(at)
    assert "3 coalitions" in text
    assert "Coalition 1: S0, S3, S6" in text
    assert "Synthetic stakeholder 4" in text and "In a coalition with: S1, S7" in text
    assert len(node_ids(at)) == 9


def test_the_shipped_dataset_draws_both_views(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STANCEMAP_DATASET", str(SHIPPED))
    for graph_kind in network.GRAPH_KINDS:
        at = open_page(PAGE, {"view": graph_kind})
        assert_clean(at)
        assert node_ids(at)
        assert "coalition" in texts(at).lower()


def test_a_large_view_draws_the_busiest_stakeholders_and_a_toggle_draws_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_synthetic(tmp_path / "large", monkeypatch, network.MAX_DRAWN_STAKEHOLDERS + 10, 8, camps=2, seed=3)
    total = network.MAX_DRAWN_STAKEHOLDERS + 10
    for graph_kind in network.GRAPH_KINDS:
        at = open_page(PAGE, {"view": graph_kind})
        assert_clean(at)
        drawn = {i.removeprefix("s:") for i in node_ids(at) if not i.startswith("p:")}
        assert len(drawn) == network.MAX_DRAWN_STAKEHOLDERS
        text = texts(at)
        assert (
            f"Drawing the {network.MAX_DRAWN_STAKEHOLDERS} stakeholders with the most positions in view, of {total}"
            in text
        )
        assert "2 coalitions" in text  # the reading counts every stakeholder
        toggle = at.toggle(key="network_all")
        assert toggle.label == f"Draw all {total} stakeholders (slower)" and not toggle.value
        toggle.set_value(True).run()
        assert_clean(at)
        everyone = {i.removeprefix("s:") for i in node_ids(at) if not i.startswith("p:")}
        assert len(everyone) == total and drawn < everyone
        assert "Drawing the" not in texts(at)
        assert param(at, "all") == "1"  # the prepared link keeps the switch
        again = open_page(PAGE, {"view": graph_kind, "all": "1"})
        assert_clean(again)
        assert {i.removeprefix("s:") for i in node_ids(again) if not i.startswith("p:")} == everyone
    # an unreadable switch value is dropped with a notice
    at = open_page(PAGE, {"all": "maybe"})
    assert_clean(at)
    assert "Ignored switch 'maybe': use 1 or 0." in texts(at) and not at.toggle(key="network_all").value
    assert param(at, "all") is None
    # a stakeholder left out of the default drawing still opens from a link
    left_out = sorted(everyone - drawn)[0]
    at = open_page(PAGE, {"node": left_out})
    assert_clean(at)
    assert f"Synthetic stakeholder {int(left_out[3:])}" in texts(at)
    assert at.query_params.get("node") in (left_out, [left_out])
