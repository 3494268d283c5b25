"""What a page derives from a cached result for display is built once for as
long as that result lives, and forgotten with it."""

from __future__ import annotations

import gc
import linecache
from pathlib import Path
from typing import Any

import pandas as pd

from components.ui import cache


def test_built_once_while_the_source_lives() -> None:
    rows = pd.DataFrame({"a": [1, 2]})
    calls: list[str] = []

    def build(name: str) -> str:
        calls.append(name)
        return f"{name} of {len(rows)} rows"

    assert cache.kept_with(rows, "grid", lambda: build("grid")) == "grid of 2 rows"
    assert cache.kept_with(rows, "grid", lambda: build("grid")) == "grid of 2 rows"
    assert cache.kept_with(rows, "labels", lambda: build("labels")) == "labels of 2 rows"
    assert calls == ["grid", "labels"]
    # An equal table that is another object (a fresh slice) is built for itself.
    other = rows.copy()
    assert cache.kept_with(other, "grid", lambda: build("other")) == "other of 2 rows"
    assert calls == ["grid", "labels", "other"]


def test_forgotten_with_its_source() -> None:
    before = len(cache._KEPT)
    rows = pd.DataFrame({"a": range(1000)})
    cache.kept_with(rows, "grid", lambda: "its display form")
    assert len(cache._KEPT) == before + 1
    del rows
    gc.collect()
    assert len(cache._KEPT) == before


def test_a_definition_decorated_again_keeps_its_wrapper_and_cache(tmp_path: Path) -> None:
    """A page script defines its cached functions on every run: the second
    definition gets the first one's wrapper (and so its cached results), and
    a changed definition (an edited page) gets a wrapper of its own."""
    source = "def scaled(x):\n    calls.append(x)\n    return x * FACTOR\n"
    page = tmp_path / "page_under_test.py"

    def run_page(text: str) -> dict[str, Any]:
        page.write_text(text)  # Streamlit keys a cached function by its source in the file
        namespace: dict[str, Any] = {"calls": [], "FACTOR": 10, "__name__": "page_under_test"}
        exec(compile(text, str(page), "exec"), namespace)
        return namespace

    runs = []
    for _ in range(2):
        namespace = run_page(source)
        runs.append((cache.cached(namespace["scaled"]), namespace))
    (first, first_ns), (second, second_ns) = runs
    assert first is second
    assert second(4) == 40 and second(4) == 40
    assert first_ns["calls"] == [] and second_ns["calls"] == [4]  # the latest definition runs, once
    linecache.clearcache()
    edited = run_page(source.replace("x * FACTOR", "x * FACTOR + 1"))
    changed = cache.cached(edited["scaled"])
    assert changed is not first
    assert changed(4) == 41
    first.clear()
    changed.clear()


def test_a_figure_s_dict_form_is_sent_as_lists_with_the_same_json() -> None:
    """Numpy arrays in a figure's dict form become lists once (Streamlit
    serialises the dict on every draw; lists go through in a seventh of the
    time), NaN becomes null, dates stay arrays, and the JSON is unchanged.
    (Plotly already gives numbers as base64 typed arrays.)"""
    import numpy as np
    import plotly.graph_objects as go
    import plotly.io as pio

    from components.ui.plots import listed

    fig = go.Figure(
        go.Heatmap(z=np.array([[1.0, np.nan], [np.nan, -2.0]]), text=np.array([["+", ""], ["", "−"]], dtype=object))
    )
    as_dict = fig.to_dict()
    sent = listed(as_dict)
    assert sent["data"][0]["text"] == [["+", ""], ["", "−"]]  # an array of objects: cleaned cell by cell
    assert listed({"z": np.array([1.0, np.nan])}) == {"z": [1.0, None]}
    assert pio.to_json(sent, validate=False) == pio.to_json(as_dict, validate=False)
    dates = go.Figure(go.Scatter(x=pd.to_datetime(["2024-01-01", "2025-06-30"]), y=[1, 2])).to_dict()
    assert isinstance(listed(dates)["data"][0]["x"], np.ndarray)  # dates: plotly writes them its own way
