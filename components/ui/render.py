"""Dataset text on screen: shown as text (markdown escaped), links only for
http(s) URLs, position and problem tables, the as-of caption.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import pandas as pd
import streamlit as st

from components.dataset import Dataset
from components.filters import FilterState
from components.safety import markdown_text, safe_url
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
    """Every page says how fresh its data is."""
    st.caption(as_of_line(ds))


POSITION_COLUMNS = {
    "stakeholder": st.column_config.TextColumn("Stakeholder", width="medium"),
    "label": st.column_config.TextColumn("Provision", width="small"),
    "title": st.column_config.TextColumn("Title", width="medium"),
    "stance_text": st.column_config.TextColumn("Stance", width="small"),
    "summary": st.column_config.TextColumn("Position (summary)", width="large"),
    "quote": st.column_config.TextColumn("Quote (verbatim)", width="large"),
    "source_date": st.column_config.TextColumn("Date", width="small"),
    "source_url": st.column_config.LinkColumn("Source", display_text=r"https?://(?:www\.)?([^/?#]+).*", width="small"),
    "source_title": st.column_config.TextColumn("Source title", width="medium"),
    "evidence": st.column_config.TextColumn("Evidence", width="small"),
}


def positions_frame(rows: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Rows prepared for display: stance as symbol + words, links only for http(s)."""
    out = rows.assign(
        stance_text=rows["stance"].map(stance_label),
        source_url=rows["source_url"].map(lambda u: safe_url(u) or ""),
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
) -> None:
    """Positions as a table: text shown as text, the source one click away."""
    if rows.empty:
        st.info("No positions to show with the current filters.")
        return
    st.dataframe(
        positions_frame(rows, columns),
        hide_index=True,
        column_config={c: POSITION_COLUMNS[c] for c in columns if c in POSITION_COLUMNS},
        key=key,
        height=height,
    )


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


def filtered_caption(view: FilterState) -> None:
    """'Filtered: types: Government; ...' under a page's heading while filters are set."""
    if not view.is_empty:
        st.caption(f"Filtered: {markdown_text(view.describe())}")
