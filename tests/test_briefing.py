"""The briefing deck and the offline HTML pack, checked by hand on the fixture."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from components import analysis, briefing, dataset, network
from components.dataset import Dataset
from components.filters import FilterState
from tests.conftest import MINI

ALL = FilterState()
FULL_ORDER = [
    ("title", "Model Data Retention Bill"),
    ("who", "Who is who"),
    ("contested", "The most contested articles"),
    ("article", "Art. 1: Definitions"),
    ("article", "Art. 4: Cross-border requests"),
    ("article", "Art. 3: Retention of traffic data"),
    ("coalitions", "Coalitions"),
    ("ratification", "Ratification progress"),
    ("watch", "What to watch next"),
]


def deck_of(ds: Dataset, filters: FilterState = ALL, with_coalitions: bool = True) -> briefing.Deck:
    current = analysis.filtered_positions(ds, filters)
    groups = network.coalitions(network.ally_table(current)) if with_coalitions else None
    return briefing.build_deck(ds, current, analysis.ordered_provisions(ds), coalitions=groups, filters=filters)


@pytest.fixture(scope="module")
def mini_deck(mini: Dataset) -> briefing.Deck:
    """The fixture's whole deck, built once for the tests that only read it."""
    return deck_of(mini)


@pytest.fixture
def bare(tmp_path: Path) -> Dataset:
    """The fixture without events.csv and signatories.csv."""
    target = tmp_path / "bare"
    shutil.copytree(MINI, target)
    (target / "events.csv").unlink()
    (target / "signatories.csv").unlink()
    return dataset.load_path(target)


def test_fixture_deck_has_every_slide_in_order(mini: Dataset, mini_deck: briefing.Deck) -> None:
    deck = mini_deck
    assert [(s.kind, s.title) for s in deck] == FULL_ORDER
    for slide in deck:
        assert 1 <= len(slide.sentences) <= 3, slide.title
        assert isinstance(slide.figure, go.Figure)
        assert slide.figure.layout.height >= 300


def test_article_slides_follow_most_contested_on_the_fixture(mini: Dataset, mini_deck: briefing.Deck) -> None:
    current = analysis.filtered_positions(mini, FilterState())
    contested = analysis.most_contested(current, analysis.ordered_provisions(mini))
    assert list(contested["provision_id"][:3]) == ["p-01", "p-04", "p-03"]
    articles = [s for s in mini_deck if s.kind == "article"]
    assert [s.title.split(":")[0] for s in articles] == ["Art. 1", "Art. 4", "Art. 3"]
    # Art. 1: Gammaland and Deltania support; Alpha, Beta oppose and Epsilon has concerns.
    assert articles[0].sentences[0] == "5 stakeholders took a stance: 2 for, 3 with concerns or opposed."
    ys = [y for trace in articles[0].figure.data for y in trace.y]
    assert sorted(ys) == sorted(["Gammaland", "Deltania", "Alpha", "Beta", "Epsilon"])


def test_quotes_are_verbatim_in_quotation_marks_with_name_and_source(mini: Dataset, mini_deck: briefing.Deck) -> None:
    articles = {s.title: s for s in mini_deck if s.kind == "article"}
    art1 = articles["Art. 1: Definitions"]
    assert (
        art1.sentences[1]
        == "Alpha Rights Network: “Definitions this broad catch everyone.” (own statement · Alpha Rights Network, 2024-03-01)"
    )
    assert (
        "Alpha Rights Network: own statement: Alpha statement, 2024-03-01",
        "https://example.org/alpha/1",
    ) in art1.sources
    art3 = articles["Art. 3: Retention of traffic data"]
    assert (
        art3.sentences[1]
        == "Epsilon Cloud Ltd: “Storing everything is a risk.” (own statement · Epsilon Cloud Ltd, 2024-05-05)"
    )
    # Art. 4 has no quote in the data: none is invented.
    art4 = articles["Art. 4: Cross-border requests"]
    assert not any("“" in s for s in art4.sentences)
    # Every quoted text is a quote cell of the data, whole.
    quotes = set(mini.positions["quote"]) - {""}
    for slide in articles.values():
        for quoted in re.findall(r"“(.*?)”", " ".join(slide.sentences)):
            assert quoted in quotes


def test_title_who_ratification_and_watch_sentences_come_from_the_data(mini: Dataset, mini_deck: briefing.Deck) -> None:
    deck = {s.kind: s for s in mini_deck}
    assert deck["title"].sentences == (
        "Who stands where on the Model Data Retention Bill: 6 stakeholders, 23 current positions on 6 provisions.",
        "Data as of 2024-07-01.",
    )
    assert deck["who"].sentences[0] == (
        "6 stakeholders take a stance here: 1 UN body, 2 governments, 1 industry stakeholder and 2 civil-society groups."
    )
    # 4 signed (Japan acceded), 3 ratified; threshold 3.
    assert deck["ratification"].sentences == (
        "3 ratifications: the threshold of 3 for entry into force is reached.",
        "4 states signed.",
    )
    watch = deck["watch"].sentences
    assert watch[0] == "Latest event: Opened for signature (2024-06-15)."
    assert "Bill and Art. 5" in watch[1]  # one stance each
    assert deck["coalitions"].sentences[1] == "Alpha, Beta and Epsilon: on average oppose."


def test_without_events_or_signatories_those_slides_are_skipped(bare: Dataset) -> None:
    deck = deck_of(bare)
    kinds = [s.kind for s in deck]
    assert "ratification" not in kinds
    assert kinds == ["title", "who", "contested", "article", "article", "article", "coalitions", "watch"]
    watch = deck[-1]
    assert not any("event" in s.lower() or "ratification" in s for s in watch.sentences)


def test_deck_without_coalitions_skips_that_slide(mini: Dataset) -> None:
    kinds = [s.kind for s in deck_of(mini, with_coalitions=False)]
    assert "coalitions" not in kinds and len(kinds) == len(FULL_ORDER) - 1


def test_theme_filter_makes_a_human_rights_briefing(mini: Dataset) -> None:
    filters = FilterState(themes=("human_rights",))
    deck = deck_of(mini, filters)
    assert [s.title for s in deck if s.kind == "article"] == ["Art. 2: Human rights"]
    assert "Filtered to themes: Human rights." in deck[0].sentences
    assert deck[0].sentences[0].endswith("5 stakeholders, 5 current positions on 1 provision.")


def test_filter_matching_nothing_gives_one_title_slide_saying_so(mini: Dataset) -> None:
    filters = FilterState(q="no such text anywhere")
    deck = deck_of(mini, filters)
    assert len(deck) == 1
    assert deck[0].kind == "title"
    assert deck[0].sentences[0].startswith("Nothing matches the current filters")


def test_one_stakeholder_dataset_builds_a_deck(mini: Dataset) -> None:
    current = analysis.filtered_positions(mini, FilterState())
    only = current[current["stakeholder_id"] == "gamma-gov"]
    deck = briefing.build_deck(mini, only, analysis.ordered_provisions(mini), coalitions=[frozenset({"gamma-gov"})])
    kinds = [s.kind for s in deck]
    assert "article" not in kinds  # nothing is contested by one voice
    assert deck[kinds.index("contested")].sentences == ("No provision in view has stakeholders on both sides.",)


# --------------------------------------------------------------------------
# The pack


def _markup(pack: str) -> str:
    """The pack without the inlined plotly.js library: the document's own markup."""
    return pack.replace(briefing.plotly_script(), "")


def test_pack_holds_every_slide_and_opens_offline(mini: Dataset, mini_deck: briefing.Deck) -> None:
    deck = mini_deck
    pack = briefing.pack_html(deck, mini.meta, FilterState())
    for slide in deck:
        assert f"<h2>{briefing.html.escape(slide.title)}</h2>" in pack
    assert 'src="http' not in pack and "src='http" not in pack
    assert "cdn.plot.ly" not in pack
    assert "<link" not in _markup(pack) and "@import" not in pack and "url(" not in _markup(pack)
    hrefs = re.findall(r'href="([^"]*)"', _markup(pack))
    assert hrefs and all(h.startswith(("https://", "http://")) for h in hrefs)
    # plotly.js inline exactly once, and one chart per slide.
    assert pack.count(briefing.plotly_script()) == 1
    assert pack.count("Plotly.newPlot(") == len(deck)
    assert "2024-07-01" in pack


def test_pack_escapes_dataset_text(tmp_path: Path) -> None:
    target = tmp_path / "script"
    shutil.copytree(MINI, target)
    frame = pd.read_csv(target / "positions.csv", dtype=str, keep_default_na=False)
    frame.loc[frame["position_id"] == "a1", "quote"] = "<script>alert(1)</script> & more"
    frame.to_csv(target / "positions.csv", index=False)
    people = pd.read_csv(target / "stakeholders.csv", dtype=str, keep_default_na=False)
    people.loc[people["stakeholder_id"] == "alpha-ngo", "name"] = '<img src=x onerror="alert(2)">'
    people.to_csv(target / "stakeholders.csv", index=False)
    ds = dataset.load_path(target)
    deck = deck_of(ds)
    assert any("<script>alert(1)</script>" in s for slide in deck for s in slide.sentences)  # verbatim in the deck
    pack = briefing.pack_html(deck, ds.meta, FilterState())
    assert "<script>alert(1)" not in pack
    assert "<img src=x" not in pack
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in pack


def test_pack_file_name_names_dataset_filters_and_date(mini: Dataset) -> None:
    name = briefing.file_name(mini.meta, FilterState(themes=("human_rights",)))
    assert name == "stancemap-briefing_model-data-retention-bill_theme-human_rights_2024-07-01.html"


def test_pack_of_the_hostile_dataset_runs_no_dataset_script() -> None:
    ds = dataset.load_path(MINI.parent / "hostile")
    deck = deck_of(ds)
    pack = briefing.pack_html(deck, ds.meta, FilterState(q="x"))
    markup = _markup(pack)
    # Only our own scripts: plotly's config, the library and one per chart.
    assert markup.count("<script") == 2 + len(deck)
    for raw in ("<img src=x", "<svg onload", 'href="javascript', '<a href="javascript'):
        assert raw not in pack
    hrefs = re.findall(r'href="([^"]*)"', markup)
    assert all(h.startswith(("https://", "http://")) for h in hrefs)


def test_a_deck_draws_a_slide_s_chart_only_when_it_is_shown(mini: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    """The page shows one slide at a time: building the deck draws no chart;
    asking a slide for its figure draws that one chart, once."""
    drawn: list[str] = []
    real = briefing.charts.stance_bars

    def counting(stances: pd.DataFrame) -> go.Figure:
        drawn.append(str(stances["provision_id"].iloc[0]))
        return real(stances)

    monkeypatch.setattr(briefing.charts, "stance_bars", counting)
    deck = deck_of(mini)
    assert drawn == []
    article = next(s for s in deck if s.kind == "article")
    first = article.figure
    assert article.figure is first and len(drawn) == 1
    assert isinstance(first, go.Figure) and first.data


def test_a_deck_computes_coalitions_and_changes_only_for_their_slides(mini: Dataset) -> None:
    """The page opens on slide 1 and lists every slide's title: that costs
    neither the coalitions nor the changes (the slowest parts on a large
    dataset); showing their slide computes each once, and the pack gets the
    same slides as a deck given them computed."""
    from components import history

    current = analysis.filtered_positions(mini, ALL)
    calls: list[str] = []

    def groups() -> list[frozenset[str]]:
        calls.append("coalitions")
        return network.coalitions(network.ally_table(current))

    def changes() -> history.ChangeSet:
        calls.append("changes")
        return history.change_set(mini, analysis.position_table(mini), "2020-01-01", None)

    provisions = analysis.ordered_provisions(mini)
    deck = briefing.build_deck(mini, current, provisions, coalitions=groups, changes=changes, since="2020-01-01")
    assert deck.titles[:2] == ("Model Data Retention Bill", "What changed since 2020-01-01")
    assert "Coalitions" in deck.titles and len(deck.titles) == len(deck)
    assert deck[0].title == "Model Data Retention Bill" and calls == []
    coalitions = deck[deck.titles.index("Coalitions")]
    assert calls == ["coalitions"] and deck[deck.titles.index("Coalitions")] is coalitions
    assert deck[1].sentences[0].startswith("Since 2020-01-01:") and calls == ["coalitions", "changes"]
    eager = briefing.build_deck(mini, current, provisions, coalitions=groups(), changes=changes(), since="2020-01-01")
    assert [(s.title, s.sentences, s.notes, s.sources) for s in deck] == [
        (s.title, s.sentences, s.notes, s.sources) for s in eager
    ]
    assert deck[-1] is deck[len(deck) - 1] and list(deck[1:3]) == [deck[1], deck[2]]
    with pytest.raises(IndexError):
        deck[len(deck)]
