"""URL parameters: a link reproduces the view; a hostile link never raises."""

from __future__ import annotations

import pytest

from components.filters import FilterState
from components.pages import unknown_params
from components.params import parse_choices, parse_int, parse_one, parse_switch

THEMES = ["scope", "human_rights"]


def test_round_trip_through_query_params() -> None:
    filters = FilterState(types=("government", "industry"), themes=("human_rights",), stances=("oppose",), q="data")
    parsed, notices = FilterState.from_query_params(filters.to_query_params(), THEMES)
    assert parsed == filters and notices == []


def test_repeated_and_comma_separated_values_both_work() -> None:
    parsed, _ = FilterState.from_query_params({"type": ["government", "industry,un_body"]}, THEMES)
    assert parsed.types == ("government", "industry", "un_body")


@pytest.mark.parametrize(
    "value",
    ["", ",,,", "x" * 10_000, "<script>alert(1)</script>", "../../etc/passwd", "政府,🙂", "%00", "government;drop"],
)
def test_garbage_values_are_dropped_with_a_notice_never_raise(value: str) -> None:
    parsed, notices = FilterState.from_query_params({"type": value, "theme": value, "stance": value}, THEMES)
    assert parsed.types == () and parsed.themes == () and parsed.stances == ()
    if value.strip(","):
        assert notices and all(len(n) < 200 for n in notices)


def test_search_text_is_trimmed_and_shortened() -> None:
    parsed, notices = FilterState.from_query_params({"q": "  a\x00b  " + "c" * 500}, THEMES)
    assert len(parsed.q) == 200 and "\x00" not in parsed.q and notices


def test_parse_one_keeps_a_valid_id_and_notes_the_rest() -> None:
    assert parse_one("p-01", ["p-01"], "provision") == ("p-01", [])
    value, notices = parse_one("nope", ["p-01"], "provision")
    assert value is None and "nope" in notices[0]


def test_parse_int() -> None:
    assert parse_int("3", "slide") == (3, [])
    assert parse_int("abc", "slide")[0] is None
    assert parse_int("9" * 50, "slide")[0] is None


def test_parse_choices_dedupes_and_caps() -> None:
    kept, _ = parse_choices("a,a,b", ["a", "b"], "x")
    assert kept == ("a", "b")


def test_unknown_params_depend_on_the_page() -> None:
    assert unknown_params(["provision", "type", "zzz"], "provisions") == ["zzz"]
    assert unknown_params(["provision"], "network") == ["provision"]


def test_slug_is_file_name_safe() -> None:
    slug = FilterState(types=("government",), q="../Évil name?").slug()
    assert "/" not in slug and "?" not in slug and slug.startswith("type-government")


def test_parse_switch_reads_on_off_words_and_flags_the_rest() -> None:
    assert [parse_switch(v, "switch")[0] for v in ("1", "TRUE", "yes", "On")] == [True] * 4
    assert [parse_switch(v, "switch")[0] for v in ("0", "false", "No", "off")] == [False] * 4
    assert parse_switch(None, "switch") == (None, [])
    assert parse_switch(["1", "0"], "switch") == (True, [])
    value, notices = parse_switch("<script>", "switch")
    assert value is None and notices == ["Ignored switch '<script>': use 1 or 0."]


def test_source_filter_reads_writes_and_applies(mini) -> None:  # type: ignore[no-untyped-def]
    from components import analysis

    parsed, notices = FilterState.from_query_params({"source": "report,own,blog,own"}, THEMES)
    assert parsed.sources == ("report", "own")
    assert notices == ["Ignored unknown source kind: 'blog'."]
    assert parsed.to_query_params() == {"source": "report,own"}
    assert parsed.describe() == "sources: news report, own statement"
    assert parsed.slug() == "source-report+own"
    table = analysis.position_table(mini)
    assert len(FilterState().apply(table)) == 25, "unset: rows without a source kind stay"
    kept = FilterState(sources=("own", "record", "report")).apply(table)
    assert len(kept) == 21 and kept["source_kind"].ne("").all(), "set: rows without a kind are left out"
    assert set(FilterState(sources=("record",)).apply(table)["position_id"]) == {"g1", "g2", "g3", "g4", "g5"}
    without = table.drop(columns=["source_kind"])
    assert FilterState(sources=("own",)).apply(without).empty
