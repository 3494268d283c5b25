"""Drawing charts: cached plotly figures without re-copying them on every
rerun, and the stance legend in words and symbols.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import streamlit as st
from plotly.basedatatypes import BaseFigure

from components.vocab import STANCES, stance_label


class _SentFigure(BaseFigure):  # type: ignore[misc]  # plotly publishes no types
    """Stands in for a figure in `st.plotly_chart`, which asks only for the
    figure's dict form. Never initialised as a figure."""

    def __init__(self, as_dict: dict[str, Any]) -> None:  # BaseFigure.__init__ is skipped on purpose
        self.__dict__["_as_dict"] = as_dict

    def to_dict(self) -> dict[str, Any]:
        as_dict: dict[str, Any] = self.__dict__["_as_dict"]
        return as_dict


def chart(figure: go.Figure, **kwargs: Any) -> Any:
    """`st.plotly_chart` for a figure that is not changed once built (every
    cached figure): plotly rebuilds a figure's dict form by deep copy each
    time Streamlit draws it (9 ms on every rerun for a 72-state map), so it
    is built once and kept on the figure. Returns what st.plotly_chart does."""
    as_dict = figure.__dict__.get("_stancemap_dict")
    if as_dict is None:
        as_dict = figure.to_dict()
        figure.__dict__["_stancemap_dict"] = as_dict
    return st.plotly_chart(_SentFigure(as_dict), **kwargs)


def stance_legend() -> None:
    """The stance scale in words and symbols, so colour is never needed."""
    st.caption(" · ".join(f"{stance_label(s)}" for s in STANCES))
