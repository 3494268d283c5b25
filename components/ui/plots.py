"""Drawing charts: cached plotly figures without re-copying them on every
rerun, and the stance legend in words and symbols.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import plotly.graph_objects as go
import streamlit as st
from plotly.basedatatypes import BaseFigure

from components.charts import chart_table
from components.safety import markdown_table, markdown_text
from components.ui.cache import kept_with
from components.ui.render import sendable
from components.vocab import STANCES, stance_label

TABLE_ROWS = 1_000


class _SentFigure(BaseFigure):  # type: ignore[misc]  # plotly publishes no types
    """Stands in for a figure in `st.plotly_chart`, which asks only for the
    figure's dict form. Never initialised as a figure."""

    def __init__(self, as_dict: dict[str, Any]) -> None:  # BaseFigure.__init__ is skipped on purpose
        self.__dict__["_as_dict"] = as_dict

    def to_dict(self) -> dict[str, Any]:
        as_dict: dict[str, Any] = self.__dict__["_as_dict"]
        return as_dict


_FOCUSABLE_BOX = """<script>
(() => {
  let tries = 0;
  const mark = () => {
    const boxes = document.querySelectorAll(".st-key-BOX");
    boxes.forEach((el) => {
      if (!el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
        el.setAttribute("role", "region");
        el.setAttribute("aria-label", "Chart: scroll sideways with the arrow keys");
      }
    });
    if (!boxes.length && tries++ < 50) requestAnimationFrame(mark);
  };
  mark();
})();
</script>"""


_PLAIN_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")


def box_name(key: object) -> str:
    """The name of a chart's scroll box, made from its widget key. The name
    goes into a CSS selector and a script, so only a plain identifier is
    taken; anything else (a key built from data) is refused, not escaped."""
    if not isinstance(key, str) or not _PLAIN_KEY.fullmatch(key):
        raise ValueError(f"a chart with min_width needs a plain key (letters, digits, '_' or '-'), not {key!r}")
    return f"{key}_box"


def chart(
    figure: go.Figure,
    *,
    alt: str | None = None,
    min_width: int | None = None,
    table: bool = True,
    **kwargs: Any,
) -> Any:
    """`st.plotly_chart` for a figure that is not changed once built (every
    cached figure): plotly rebuilds a figure's dict form by deep copy each
    time Streamlit draws it (9 ms on every rerun for a 72-state map), so it
    is built once and kept on the figure. Returns what st.plotly_chart does.

    Every chart gets an accessible name (`alt`, one sentence saying what it
    shows) and, with `table`, its data as a table in an expander a keyboard
    reaches; its toolbar keeps one button (save as image), so a keyboard does
    not tab through eight. With `min_width` (and a `key`), a screen narrower
    than that (a phone) scrolls the chart sideways inside its own box."""
    as_dict = kept_with(figure, "dict form", lambda: listed(figure.to_dict()))
    kwargs["config"] = {"displaylogo": False, "modeBarButtons": [["toImage"]], **(kwargs.get("config") or {})}
    if alt:
        kwargs["alt"] = alt
    if min_width and kwargs.get("key"):
        box = box_name(kwargs["key"])
        st.html(
            f"<style>.st-key-{box} {{ overflow-x: auto; }} "
            # Streamlit sizes the figure to the chart's element container, so
            # the floor goes on that container too, not only on the chart.
            f".st-key-{box} > [data-testid='stElementContainer'], "
            f'.st-key-{box} [data-testid="stPlotlyChart"] {{ min-width: {int(min_width)}px; }}</style>'
        )
        with st.container(key=box):
            result = st.plotly_chart(_SentFigure(as_dict), **kwargs)
        # A box that scrolls must take keyboard focus (WCAG 2.1.1): Streamlit's
        # container has no such option, so a script (code-made text only)
        # makes it a named, focusable region; the arrow keys then scroll it.
        st.html(_FOCUSABLE_BOX.replace("BOX", box), unsafe_allow_javascript=True)
    else:
        result = st.plotly_chart(_SentFigure(as_dict), **kwargs)
    if table:
        # Built once per figure (a cached figure is drawn on every rerun), and
        # escaped: st.table renders each cell as markdown, dataset text stays text.
        kept = kept_with(figure, "table", lambda: _escaped_table(figure))
        rows, shown = kept
        if rows:
            with st.expander(f"The chart as a table ({rows:,} rows)"):
                if alt:
                    st.caption(markdown_text(alt))
                # A real HTML table (not the canvas grid), so a screen reader reads every cell.
                st.table(shown, hide_index=True)
                if rows > TABLE_ROWS:
                    st.caption(f"The first {TABLE_ROWS:,} rows; every position is on the Data & downloads page.")
    return result


def listed(value: Any) -> Any:
    """A figure's dict form with its numpy arrays of numbers and text as lists
    (NaN as None), made once per figure: Streamlit serialises the dict on
    every draw, and an array of objects (a grid's symbols and hovers) sends
    plotly's JSON writer down its slow path (a 40 x 60 grid over eight
    frames: 50-70 ms a rerun, 5-10 ms as lists). Dates stay as they are."""
    if isinstance(value, dict):
        return {k: listed(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [listed(v) for v in value]
    if isinstance(value, np.ndarray) and value.dtype.kind in "biufOU":
        if value.dtype.kind == "O" and not all(isinstance(v, str | int | float | None) for v in value.flat):
            return value  # dates and the like: plotly writes them its own way
        if value.dtype.kind == "f":
            as_objects = value.astype(object)
            as_objects[np.isnan(value)] = None
            return as_objects.tolist()
        return value.tolist()
    return value


def _escaped_table(figure: go.Figure) -> tuple[int, Any]:
    """The chart's rows (chart_table): how many, and the first TABLE_ROWS
    escaped for st.table, in the form Streamlit sends."""
    data = chart_table(figure)
    return len(data), sendable(markdown_table(data.head(TABLE_ROWS)))


def stance_legend() -> None:
    """The stance scale in words and symbols, so colour is never needed."""
    st.caption(" · ".join(f"{stance_label(s)}" for s in STANCES))
