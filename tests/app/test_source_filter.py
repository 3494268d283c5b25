"""AppTest: the shared `source=` filter (own statement, official record, news
report): a link sets the sidebar control and the rows, the control rewrites
the link, rows without a source kind are left out only while it is set."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import assert_clean, open_page, texts
from tests.conftest import MINI

DATA = "views/data.py"


def count_line(at: AppTest) -> str:
    return next(t for t in texts(at).splitlines() if "current positions" in t)


def url(at: AppTest, name: str) -> str | None:
    value = at.query_params.get(name)
    return value[0] if isinstance(value, list) else value


def test_a_source_link_sets_the_control_and_the_rows() -> None:
    at = open_page(DATA, {"source": "record"})
    assert_clean(at)
    control = at.multiselect(key="f_source")
    assert control.value == ["record"]
    assert "left out" in (control.help or "")
    assert count_line(at).startswith("5 of 23 current positions")
    assert "official record" in count_line(at)
    assert url(at, "source") == "record"


def test_choosing_sources_rewrites_the_link_and_unset_keeps_rows_without_a_kind() -> None:
    at = open_page(DATA)
    assert count_line(at).startswith("23 of 23"), "rows without a source kind stay visible while unset"
    at.multiselect(key="f_source").set_value(["own", "report"]).run()
    assert_clean(at)
    assert url(at, "source") == "own,report"
    assert count_line(at).startswith("14 of 23"), "the four rows without a source kind are left out"


def test_an_unknown_source_kind_is_dropped_with_a_notice() -> None:
    at = open_page("views/overview.py", {"source": "blog,own"})
    assert_clean(at)
    assert "Ignored unknown source kind: 'blog'." in texts(at)
    assert at.multiselect(key="f_source").value == ["own"]


def test_a_dataset_without_source_kinds_has_no_source_control(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    for file in MINI.iterdir():
        (folder / file.name).write_bytes(file.read_bytes())
    positions = pd.read_csv(folder / "positions.csv", dtype=str, keep_default_na=False)
    positions.drop(columns=["source_kind"]).to_csv(folder / "positions.csv", index=False)
    monkeypatch.setenv("STANCEMAP_DATASET", str(folder))
    at = open_page(DATA)
    assert_clean(at)
    assert not [m for m in at.multiselect if m.key == "f_source"]
    assert count_line(at).startswith("23 of 23")
