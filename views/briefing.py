"""Briefing: the data in view as a few slides for a projector, one at a time,
with the slide number in the link (?slide=N), and the whole deck as one HTML
file that opens offline."""

import streamlit as st

from components import briefing, history, ui
from components.dataset import Dataset
from components.filters import FilterState
from components.safety import markdown_text

st.set_page_config(initial_sidebar_state="collapsed")
ds, filters = ui.current()


@ui.cached
def deck_for(ds: Dataset, filters: FilterState, since: str | None) -> briefing.Deck:
    """The deck; coalitions and changes are computed when their slide is first shown."""
    current = ui.filtered_positions(ds, filters)
    coalitions = (lambda: ui.coalitions(ds, filters)) if not current.empty else None
    changes = (
        (lambda: history.change_set(ds, ui.filtered_table(ds, filters), since, ds.meta.as_of or None))
        if since
        else None
    )
    return briefing.build_deck(
        ds, current, ui.ordered_provisions(ds), coalitions=coalitions, filters=filters, changes=changes, since=since
    )


@ui.cached
def pack_for(ds: Dataset, filters: FilterState, since: str | None) -> str:
    return briefing.pack_html(deck_for(ds, filters, since), ds.meta, filters)


window = history.window(ui.param("since"), None, ds.meta.as_of or None, [])  # no default: no changes slide
ui.note(window.notices)
since = window.since
deck = deck_for(ds, filters, since)
number = ui.pick_step("Slide", "slide", len(deck), lambda n: f"{n}. {deck.titles[n - 1]}", "slide")
slide = deck[number - 1]

ui.slide_style()
st.title(markdown_text(slide.title), anchor=False)
words, picture = st.columns([5, 6], gap="medium")
with words.container(key="slide_sentences"):
    for sentence in slide.sentences:
        st.markdown(markdown_text(sentence))
with picture:
    ui.chart(
        slide.figure,
        key=f"briefing_figure_{number}",
        config={"displaylogo": False},
        alt=f"Chart of slide {number}: {slide.title}",
    )
with st.expander("Presenter notes"):
    ui.text(slide.notes)
ui.source_links(slide.sources)
ui.as_of_caption(ds)
st.download_button(
    "Download briefing pack (HTML, works offline)",
    data=lambda: pack_for(ds, filters, since),
    file_name=briefing.file_name(ds.meta, filters),
    mime="text/html",
    on_click="ignore",
    icon=":material/download:",
)
