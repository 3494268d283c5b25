"""What a page derives from a cached result for display is built once for as
long as that result lives, and forgotten with it."""

from __future__ import annotations

import gc

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
