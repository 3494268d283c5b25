"""Keeping dataset text inert wherever it is shown or exported.

Everything in a dataset is untrusted: a cell may hold HTML, script, markdown
links or spreadsheet formulas. These functions are the one place that turns
such text into something safe for each destination.
"""

from __future__ import annotations

import html
import re

import pandas as pd

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:=\"'^@%])")
# The one definition of a URL the app makes links of (and the loader accepts).
URL_PATTERN = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
# Control characters other than tab and line breaks: removed from any text shown.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# OWASP CSV injection: cells starting with these are run as formulas.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def markdown_text(text: object) -> str:
    """Escape text so Streamlit's markdown shows it literally: no links,
    images, HTML, emphasis or maths can come out of a dataset cell."""
    value = CONTROL.sub("", "" if text is None else str(text))
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", value)
    # Line breaks stay line breaks, never paragraph or list syntax.
    return escaped.replace("\r\n", "\n").replace("\n", "  \n")


def markdown_table(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of `table` whose text cells and headers read literally where
    Streamlit renders each cell as markdown (st.table): a cell's
    "![x](https://...)" would otherwise load an image from that host."""
    out = table.rename(columns=markdown_text)
    for column in out.columns:
        out[column] = out[column].map(lambda v: markdown_text(v) if isinstance(v, str) else v)
    return out


def plot_text(text: object, limit: int | None = None) -> str:
    """Escape text for plotly labels and hovers, which read a subset of HTML
    (<b>, <a href>, <br>): entities display as the literal characters."""
    value = CONTROL.sub("", "" if text is None else str(text))
    if limit is not None and len(value) > limit:
        value = value[: limit - 1].rstrip() + "…"
    return html.escape(value, quote=True)


def wrap(text: str, width: int = 60) -> str:
    """Break escaped text into lines for a hover box (joined with <br>)."""
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return "<br>".join(lines)


def safe_url(url: object) -> str | None:
    """The URL when it is http(s), else None: nothing else becomes a link."""
    value = "" if url is None else str(url).strip()
    return value if URL_PATTERN.match(value) else None


def spreadsheet_cell(value: object) -> object:
    """Neutralise a cell a spreadsheet would run as a formula (OWASP): prefix it
    with a single quote. Numbers and empty cells pass unchanged."""
    if not isinstance(value, str) or value == "":
        return value
    if value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
