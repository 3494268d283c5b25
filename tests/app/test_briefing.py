"""AppTest: the Briefing page, its slide link and its buttons."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import assert_clean, open_page, texts
from tests.conftest import MINI

PAGE = "views/briefing.py"
SLIDES = 9  # on the fixture: see tests/test_briefing.py


def slide_title(at: AppTest) -> str:
    """The slide's title as a reader sees it (markdown escapes removed)."""
    return re.sub(r"\\(.)", r"\1", at.title[0].value)


def test_first_slide_shows_title_sentences_chart_and_download() -> None:
    at = open_page(PAGE)
    assert_clean(at)
    assert slide_title(at) == "Model Data Retention Bill"
    assert "Data as of 2024-07-01." in texts(at)
    assert len(at.get("plotly_chart")) == 1
    assert at.query_params["slide"] in ("1", ["1"])
    assert len(at.get("download_button")) == 1
    assert at.selectbox(key="step_slide").options[:2] == ["1. Model Data Retention Bill", "2. Who is who"]


def test_deep_link_opens_the_slide_with_its_quote() -> None:
    at = open_page(PAGE, {"slide": "4"})
    assert_clean(at)
    assert slide_title(at) == "Art. 1: Definitions"
    assert (
        "Alpha Rights Network: “Definitions this broad catch everyone.” (own statement · Alpha Rights Network, 2024-03-01)"
        in texts(at)
    )
    assert at.selectbox(key="step_slide").value == 4


@pytest.mark.parametrize(
    ("raw", "expected", "notice"),
    [
        ("0", 1, "There is no slide 0: showing slide 1 of 9."),
        ("999", SLIDES, "There is no slide 999: showing slide 9 of 9."),
        ("-3", 1, "There is no slide -3"),
        ("abc", 1, "Ignored slide 'abc': not a number."),
        ("<script>", 1, "Ignored slide '<script>': not a number."),
    ],
)
def test_out_of_range_or_garbage_slide_goes_to_the_nearest_with_a_notice(raw: str, expected: int, notice: str) -> None:
    at = open_page(PAGE, {"slide": raw})
    assert_clean(at)
    assert notice in texts(at)
    assert at.selectbox(key="step_slide").value == expected
    assert at.query_params["slide"] in (str(expected), [str(expected)])


def test_next_and_previous_buttons_update_the_slide_param() -> None:
    at = open_page(PAGE, {"slide": "2"})
    at.button(key="step_slide_next").click().run()
    assert_clean(at)
    assert at.query_params["slide"] in ("3", ["3"])
    assert slide_title(at) == "The most contested articles"
    at.button(key="step_slide_prev").click().run()
    at.button(key="step_slide_prev").click().run()
    assert at.query_params["slide"] in ("1", ["1"])
    assert at.button(key="step_slide_prev").disabled
    at.selectbox(key="step_slide").set_value(SLIDES).run()
    assert at.query_params["slide"] in (str(SLIDES), [str(SLIDES)])
    assert slide_title(at) == "What to watch next"
    assert at.button(key="step_slide_next").disabled


def test_theme_filter_gives_a_human_rights_briefing() -> None:
    at = open_page(PAGE, {"theme": "human_rights"})
    assert_clean(at)
    assert "Filtered to themes: Human rights." in texts(at)
    assert "4. Art. 2: Human rights" in at.selectbox(key="step_slide").options
    at.button(key="step_slide_next").click().run()
    at.button(key="step_slide_next").click().run()
    at.button(key="step_slide_next").click().run()
    assert slide_title(at) == "Art. 2: Human rights"
    assert at.query_params["theme"] in ("human_rights", ["human_rights"])


def test_filter_matching_nothing_shows_one_slide_saying_so() -> None:
    at = open_page(PAGE, {"q": "nothing matches this", "slide": "3"})
    assert_clean(at)
    assert "Nothing matches the current filters" in texts(at)
    assert at.selectbox(key="step_slide").options == ["1. Model Data Retention Bill"]
    assert "There is no slide 3: showing slide 1 of 1." in texts(at)


def test_dataset_without_events_or_signatories_has_no_ratification_slide(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bare = tmp_path / "bare"
    shutil.copytree(MINI, bare)
    (bare / "events.csv").unlink()
    (bare / "signatories.csv").unlink()
    monkeypatch.setenv("STANCEMAP_DATASET", str(bare))
    at = open_page(PAGE, {"slide": "999"})
    assert_clean(at)
    options = at.selectbox(key="step_slide").options
    assert not any("Ratification" in o for o in options)
    assert options[-1] == f"{len(options)}. What to watch next"


@pytest.mark.parametrize("slide", ["1", "4", "7"])
def test_hostile_dataset_slides_render_as_text(slide: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STANCEMAP_DATASET", str(MINI.parent / "hostile"))
    at = open_page(PAGE, {"slide": slide})
    assert_clean(at)
    for element in (*at.title, *at.header, *at.subheader, *at.markdown, *at.caption):
        assert "<script" not in element.value.replace("\\<", "&lt;")
