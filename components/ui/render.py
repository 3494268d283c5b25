"""Dataset text on screen: shown as text (markdown escaped), links only for
http(s) URLs, position and problem tables, the as-of caption.
"""

from __future__ import annotations

import base64
import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

import pandas as pd
import pyarrow as pa
import streamlit as st
from streamlit.elements.lib.column_types import ColumnConfig

from components import export, provenance
from components.dataset import Dataset
from components.filters import FilterState
from components.safety import markdown_text, safe_url
from components.ui.cache import kept_with
from components.vocab import stance_label


def text(value: object, *, caption: bool = False) -> None:
    """Dataset text, shown literally (markdown and HTML escaped)."""
    if value is None or str(value) == "":
        return
    (st.caption if caption else st.markdown)(markdown_text(value))


def link(label: str, url: object) -> None:
    """A link button to `url` when it is http(s); nothing otherwise, so an
    unsafe URL never becomes a link and a missing one leaves no empty button."""
    href = safe_url(url)
    if href:
        st.link_button(label, href)


def as_of_line(ds: Dataset) -> str:
    when = ds.meta.as_of or "unknown"
    return f"{markdown_text(ds.meta.title)} · data as of **{markdown_text(when)}** · version {markdown_text(ds.meta.version or 'n/a')}"


def as_of_caption(ds: Dataset) -> None:
    """Every page says how fresh its data is, and which date it shows when
    the link asks for the map as it stood on a date (`asof=`)."""
    st.caption(as_of_line(ds))
    if ds.shown_as_of:
        left_out = (
            f"; {ds.undated_left_out} undated {'position is' if ds.undated_left_out == 1 else 'positions are'} left out"
            if ds.undated_left_out
            else ""
        )
        st.info(
            f"Showing the map **as it stood on {markdown_text(ds.shown_as_of)}**: each stakeholder's latest "
            f"statement on or before that date, and signatures and ratifications by then{left_out}. "
            "Clear the date in the sidebar to see the latest positions.",
            icon=":material/history:",
        )


# Column: (header, width in px). The source link is the one link column.
POSITION_COLUMN_SPECS: dict[str, tuple[str, int]] = {
    "provision": ("Provision", 120),
    "mark": ("Agree?", 80),
    "stakeholder": ("Stakeholder", 125),
    "label": ("Provision", 75),
    "title": ("Title", 160),
    "stance_text": ("Stance", 120),
    "summary": ("Position (summary)", 210),
    "quote": ("Quote (verbatim)", 125),
    "source_date": ("Date", 90),
    "source": ("Source", 170),
    "source_url": ("Link", 60),
    "source_title": ("Source title", 160),
    "evidence": ("Evidence", 80),
}


def position_column(column: str, width: int | None = None) -> ColumnConfig:
    """The grid's config of one position column, at its width (or `width`)."""
    header, default = POSITION_COLUMN_SPECS[column]
    if column == "source_url":
        return st.column_config.LinkColumn(header, display_text="open ↗", width=width or default)
    return st.column_config.TextColumn(header, width=width or default)


POSITION_COLUMNS = {c: position_column(c) for c in POSITION_COLUMN_SPECS}
# The grid fits the main column of a 1440 px screen with the sidebar open
# (about 920 px): longer text is read in full below it.
GRID_BUDGET = 900
DETAIL_ONLY = ("title", "evidence", "source_title")


def grid_columns(columns: Sequence[str]) -> list[str]:
    """The grid's columns for the requested ones: the source reads as kind,
    publisher and title beside its link; the title, evidence and (when the
    grid would not fit) the quote are left to the row's details."""
    out: list[str] = []
    for column in columns:
        if column in DETAIL_ONLY:
            continue
        if column == "source_url":
            out.append("source")
        out.append(column)
    if sum(POSITION_COLUMN_SPECS[c][1] for c in out if c in POSITION_COLUMN_SPECS) > GRID_BUDGET and "quote" in out:
        out.remove("quote")
    return out


# What a citation reads of a row (provenance.citation): only these columns are
# turned into Python dicts (every column of 30,000 rows took seconds).
CITED = ["source_kind", "source_publisher", "source_title", "source_url", "source_date"]


def positions_frame(rows: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Rows prepared for display: stance as symbol + words, the source as
    kind · publisher: title, links only for http(s)."""
    # Each distinct value converted once (a rerun of a 30,000-row table maps
    # a handful of stances and a few thousand links, not every cell).
    stances = {s: stance_label(s) for s in rows["stance"].unique()}
    urls = {u: safe_url(u) or "" for u in rows["source_url"].unique()}
    out = rows.assign(
        stance_text=rows["stance"].map(stances),
        source_url=rows["source_url"].map(urls),
        source=[
            provenance.citation(r, with_date=False)
            for r in rows[[c for c in CITED if c in rows.columns]].to_dict("records")
        ],
    )
    return out[list(columns)]


def positions_table(
    rows: pd.DataFrame,
    columns: Sequence[str] = (
        "stakeholder",
        "label",
        "stance_text",
        "summary",
        "quote",
        "source_date",
        "source_url",
        "evidence",
    ),
    key: str | None = None,
    height: int | Literal["auto", "stretch", "content"] = "auto",
    empty: str = "No positions to show with the current filters.",
) -> None:
    """Positions as a table that fits a laptop screen: text shown as text, the
    source one click away, and below it a picker (keyboard-friendly) that shows
    one position in full: the whole summary, the quote (in quote marks only
    when there is one) and the source."""
    if rows.empty:
        st.info(empty)
        return
    shown = grid_columns(columns)
    widths = {c: POSITION_COLUMN_SPECS[c][1] for c in shown if c in POSITION_COLUMN_SPECS}
    if "summary" in widths:  # the summary takes the room the other columns leave
        widths["summary"] += max(GRID_BUDGET - sum(widths.values()), 0)
    config = {c: position_column(c, w) for c, w in widths.items()}
    # The display form and the row labels are built once per table object:
    # the rows of a page are a cached result, drawn again on every rerun.
    grid, labels = kept_with(rows, ("positions_table", tuple(shown)), lambda: _display_form(rows, shown))
    start, stop = row_page(len(labels), key or "positions")
    if (start, stop) != (0, len(labels)):
        grid = grid.slice(start, stop - start) if isinstance(grid, pa.Table) else grid.iloc[start:stop]
    st.dataframe(grid, hide_index=True, column_config=config, key=key, height=height)
    choice = st.selectbox(
        "Read a position in full",
        list(range(start, stop)),
        index=None,
        format_func=lambda i: labels[i],
        placeholder="Choose a row of the table",
        key=f"{key or 'positions'}_full",
    )
    if choice is not None and start <= choice < stop:
        position_details(rows.iloc[choice])


PINNED_PX = 120


def pinned_grid(grid: pd.DataFrame, key: str) -> None:
    """A wide table (analysis.stance_grid) whose first column stays in view
    while the others scroll sideways: the stance grid on a phone. Sent as
    Arrow built once per table object (the grid is a cached result)."""
    first, rest = grid.columns[0], list(grid.columns[1:])
    st.dataframe(
        kept_with(grid, "pinned grid", lambda: sendable(grid)),
        hide_index=True,
        key=key,
        column_config={
            # The grid keeps a column pinned only while pinned columns take under
            # 60% of its width: 120 px leaves room on a 390 px phone.
            first: st.column_config.TextColumn(first, pinned=True, width=PINNED_PX),
            **{c: st.column_config.TextColumn(c, width="small") for c in rest},
        },
    )


PAGE_ROWS = 1_000


def page_bounds(rows: int, page: int, size: int = PAGE_ROWS) -> tuple[int, int]:
    """The rows [start, stop) of page `page` (from 0; out of range: the last
    or the first) of a table of `rows` rows shown `size` at a time."""
    last = max((rows - 1) // size, 0)
    page = min(max(page, 0), last)
    return page * size, min((page + 1) * size, rows)


def row_page(rows: int, key: str) -> tuple[int, int]:
    """A table of more than PAGE_ROWS rows is shown a page at a time, chosen
    with a picker above it: a grid of 30,000 positions is about 10 MB sent to
    every browser that opens it, and held in the server's memory while sent.
    Returns the rows [start, stop) to show (all of them for a short table)."""
    if rows <= PAGE_ROWS:
        return 0, rows
    pages = list(range((rows - 1) // PAGE_ROWS + 1))

    def label(page: int) -> str:
        start, stop = page_bounds(rows, page)
        return f"Rows {start + 1:,}–{stop:,} of {rows:,}"

    page = st.selectbox(
        "Rows shown", pages, format_func=label, key=f"{key}_page", help="The CSV download has every row at once."
    )
    return page_bounds(rows, page if isinstance(page, int) else 0)


def sendable(frame: pd.DataFrame) -> pa.Table | pd.DataFrame:
    """A frame that is drawn again and again, in the form Streamlit sends
    (Arrow), converted once; as it was if Arrow cannot hold a column as it is
    (Streamlit then converts it its own way, on each draw)."""
    try:
        return pa.Table.from_pandas(frame, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        return frame


@functools.cache
def page_icon(path: str) -> str:
    """The app's icon as a data: URL, read once per process: given as a file,
    Streamlit reads and registers it as a media file on every run (~7 ms)."""
    return "data:image/png;base64," + base64.b64encode(Path(path).read_bytes()).decode("ascii")


@functools.cache
def data_dictionary() -> pa.Table | pd.DataFrame:
    """The data dictionary (export.data_dictionary) as the Data page shows it:
    it depends on the code only, so it is built once per process."""
    return sendable(export.data_dictionary())


@functools.cache
def template_zip() -> bytes:
    """The template dataset as a zip (export.template_zip): it depends on
    the code only, so it is zipped once per process, not on every run."""
    return export.template_zip()


def _display_form(rows: pd.DataFrame, shown: Sequence[str]) -> tuple[pa.Table | pd.DataFrame, list[str]]:
    """The grid's rows as an Arrow table (what st.dataframe sends; a pandas
    frame would be converted on every draw) and one label per row for the
    picker that reads a row in full."""
    grid = sendable(positions_frame(rows, shown))
    named = [c for c in ("stakeholder", "label", "provision") if c in rows.columns]
    stances = {s: stance_label(s) for s in rows["stance"].unique()}
    labels = [
        " · ".join(str(v) for v in values[:-1] if v) + f" · {stances[values[-1]]}"
        for values in zip(*(rows[c].tolist() for c in named), rows["stance"].tolist(), strict=True)
    ]
    return grid, labels


def position_details(row: pd.Series) -> None:
    """One position in full, as text."""
    with st.container(border=True):
        head = " · ".join(str(row[c]) for c in ("stakeholder", "label", "title") if row.get(c))
        st.markdown(f"**{markdown_text(head)}**: {markdown_text(stance_label(row['stance']))}")
        text(row.get("summary", ""))
        if provenance.has_quote(row):
            st.markdown(markdown_text(provenance.quoted(row)))
        if row.get("evidence"):
            st.caption(f"Evidence: {markdown_text(row['evidence'])}")
        source_links([(provenance.citation(row), row.get("source_url", ""))])


def problem_table(table: pd.DataFrame) -> None:
    """A validation report: file, line, column, problem, value."""
    st.dataframe(
        table,
        hide_index=True,
        column_config={
            "file": st.column_config.TextColumn("File"),
            "line": st.column_config.NumberColumn("Line", format="%d"),
            "column": st.column_config.TextColumn("Column"),
            "problem": st.column_config.TextColumn("Problem", width="large"),
            "value": st.column_config.TextColumn("Value"),
        },
    )


def source_links(sources: Sequence[tuple[str, object]]) -> None:
    """(label, url) pairs as one caption line of links; a pair whose url is not
    http(s) is shown as plain text."""
    parts = []
    for label, url in sources:
        href = safe_url(url)
        shown = markdown_text(label)
        parts.append(f"[{shown}]({href.replace('(', '%28').replace(')', '%29')})" if href else shown)
    if parts:
        st.caption("Sources: " + " · ".join(parts))


_SLIDE_CSS = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 3.75rem; padding-bottom: 2rem; }
[data-testid="stMainBlockContainer"] h1 { font-size: 2.1rem; padding: 0.25rem 0 0.5rem; line-height: 1.2; }
.st-key-slide_sentences p { font-size: 1.15rem; line-height: 1.4; margin-bottom: 0.6rem; }
</style>"""


def slide_style() -> None:
    """The Briefing page's projector type: a compact top, the slide title as
    the page heading, sentences large enough to read from the back."""
    st.html(_SLIDE_CSS)


def filtered_caption(filters: FilterState) -> None:
    """'Filtered: types: Government; ...' under a page's heading while filters are set."""
    if not filters.is_empty:
        st.caption(f"Filtered: {markdown_text(filters.describe())}")
