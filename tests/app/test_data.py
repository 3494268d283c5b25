"""AppTest: the Data & downloads page: row count and downloads, filters from
the link, and bringing your own dataset (valid, broken, back to the shipped
one without the uploader undoing it)."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import assert_clean, open_page, texts
from tests.conftest import SHIPPED, mini_files

PAGE = "views/data.py"
MINI_TITLE = "Model Data Retention Bill: test positions (fictional)"


def count_line(at: AppTest) -> str:
    return next(t for t in texts(at).splitlines() if "current positions" in t or "earlier statements" in t)


def positions_shown(at: AppTest):  # type: ignore[no-untyped-def]
    return next(d.value for d in at.dataframe if "stance_text" in d.value.columns)


def download_labels(at: AppTest) -> list[str]:
    return [b.label for b in at.get("download_button")]


def other_dataset() -> dict[str, bytes]:
    files = mini_files()
    meta = json.loads(files["dataset.json"])
    meta["title"] = "Another Bill: uploaded positions"
    files["dataset.json"] = json.dumps(meta).encode()
    return files


def as_uploads(files: dict[str, bytes]) -> list[tuple[str, bytes, str]]:
    return [(name, raw, "text/csv") for name, raw in files.items()]


def test_page_renders_the_row_count_and_every_download() -> None:
    at = open_page(PAGE)
    assert_clean(at)
    assert "23 of 23 current positions" in count_line(at)
    assert download_labels(at) == [
        "Download filtered CSV",
        "Download the whole dataset (zip)",
        "Download a template dataset (zip)",
    ]
    assert not at.get("download_button")[1].proto.disabled
    assert "Stancemap test fixture (fictional data)." in texts(at)
    assert len(at.dataframe) == 2  # positions and the data dictionary
    assert at.file_uploader[0].accept_multiple_files


def test_filters_from_the_link_reduce_the_row_count() -> None:
    at = open_page(PAGE, {"stance": "oppose"})
    assert_clean(at)
    assert "6 of 23 current positions" in count_line(at)
    assert len(positions_shown(at)) == 6
    at = open_page(PAGE, {"type": "civil_society", "stance": "oppose,concern"})
    assert_clean(at)
    assert "8 of 23 current positions" in count_line(at)
    assert set(positions_shown(at)["stance_text"].str.split().str[-1]) == {"Oppose", "Concern"}


def test_earlier_statements_can_be_included() -> None:
    at = open_page(PAGE)
    at.toggle(key="data_history").set_value(True).run()
    assert_clean(at)
    assert "25 of 25 positions (earlier statements included)" in count_line(at)


def test_no_match_and_garbage_links_do_not_break_the_page() -> None:
    at = open_page(PAGE, {"q": "no such words anywhere", "stance": "bogus", "provision": "<script>"})
    assert_clean(at)
    assert "0 of 23 current positions" in count_line(at)
    assert "No positions to show" in texts(at)
    assert "Ignored unknown stance" in texts(at)


def test_valid_upload_becomes_this_sessions_dataset_until_going_back() -> None:
    at = open_page(PAGE)
    at.file_uploader[0].set_value(as_uploads(other_dataset())).run()
    assert_clean(at)
    assert "Another Bill: uploaded positions" in texts(at)
    assert "You are exploring your uploaded dataset" in texts(at)
    assert any("Loaded Another Bill" in s.value.replace("\\", "") for s in at.success)

    at.button(key="drop_upload").click().run()
    assert_clean(at)
    # The uploader still holds the files: going back must stick, run after run.
    at.run()
    assert "You are exploring your uploaded dataset" not in texts(at)
    assert MINI_TITLE in texts(at)
    assert "You went back to the shipped dataset" in texts(at)


def test_an_upload_is_hashed_once_not_on_every_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """An uploaded dataset's fingerprint (a hash of every byte, up to 10 MB)
    is taken when it is uploaded; the session's later runs, the dataset
    download included, reuse it."""
    from components import dataset
    from components.ui import state

    at = open_page(PAGE)
    at.file_uploader[0].set_value(as_uploads(other_dataset())).run()
    assert "Another Bill: uploaded positions" in texts(at)
    hashed: list[int] = []
    real = dataset.fingerprint

    def counting(files):  # type: ignore[no-untyped-def]
        hashed.append(len(files))
        return real(files)

    monkeypatch.setattr(state, "fingerprint", counting)
    at.run()
    at.run()
    assert_clean(at)
    assert "Another Bill: uploaded positions" in texts(at)
    assert any("dataset" in label.lower() for label in download_labels(at))
    assert hashed == []


def test_broken_upload_lists_every_problem_and_keeps_the_dataset() -> None:
    files = other_dataset()
    files["positions.csv"] = files["positions.csv"].replace(b"oppose", b"hate", 1).replace(b"p-02", b"p-99", 1)
    files["stakeholders.csv"] = b""
    at = open_page(PAGE)
    at.file_uploader[0].set_value(as_uploads(files)).run()
    assert not at.exception
    assert "was not loaded" in at.error[0].value and "still exploring" in at.error[0].value
    report = at.dataframe[-1].value
    assert {"positions.csv", "stakeholders.csv"} <= set(report["file"])
    assert "hate" in set(report["value"]) and "p-99" in set(report["value"])
    assert "You are exploring your uploaded dataset" not in texts(at)
    assert MINI_TITLE in texts(at)


def test_zip_upload_and_hostile_zip() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, raw in other_dataset().items():
            archive.writestr(f"other/{name}", raw)
    at = open_page(PAGE)
    at.file_uploader[0].set_value([("other.zip", buffer.getvalue(), "application/zip")]).run()
    assert_clean(at)
    assert "Another Bill: uploaded positions" in texts(at)

    evil = io.BytesIO()
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("../../positions.csv", b"x")
    at = open_page(PAGE)
    at.file_uploader[0].set_value([("evil.zip", evil.getvalue(), "application/zip")]).run()
    assert not at.exception
    report = at.dataframe[-1].value
    assert list(report["file"]) == ["evil.zip"] and "unsafe path" in report["problem"][0]


def test_shipped_dataset_and_an_upload_without_optional_files(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STANCEMAP_DATASET", str(SHIPPED))
    at = open_page(PAGE, {"type": "government"})
    assert_clean(at)
    assert "current positions · filtered by types: Government" in count_line(at)
    assert not at.get("download_button")[1].proto.disabled

    files = {n: b for n, b in mini_files().items() if n in ("stakeholders.csv", "provisions.csv", "positions.csv")}
    at.file_uploader[0].set_value(as_uploads(files)).run()
    assert_clean(at)
    assert "You are exploring your uploaded dataset" in texts(at)
    assert "No dataset.json" in texts(at)
    assert "10 of 23 current positions · filtered by types: Government" in count_line(at)


def test_a_long_table_is_shown_a_page_at_a_time(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """1,800 positions: the grid holds 1,000 rows at once (a 30,000-row grid is
    ~10 MB sent to each browser); a picker above it moves through the rest,
    and the row picker below reads the rows of the page shown."""
    from components import analysis
    from components.dataset import load_path
    from components.ui.render import PAGE_ROWS
    from tests.app.conftest import use_synthetic

    folder = use_synthetic(tmp_path / "big", monkeypatch, n_stakeholders=60, n_provisions=30)
    current = analysis.current_positions(analysis.position_table(load_path(folder)))
    assert len(current) == 1_800 > PAGE_ROWS
    at = open_page(PAGE)
    assert_clean(at)
    assert len(positions_shown(at)) == 1_000
    pager = at.selectbox(key="data_positions_page")
    assert pager.label == "Rows shown"
    assert pager.options == ["Rows 1–1,000 of 1,800", "Rows 1,001–1,800 of 1,800"]
    pager.set_value(1).run()
    assert_clean(at)
    shown = positions_shown(at)
    assert len(shown) == 800
    assert list(shown["summary"]) == list(current["summary"].iloc[1_000:])
    full = at.selectbox(key="data_positions_full")
    assert len(full.options) == 800
    full.set_value(1_799).run()
    assert_clean(at)
    assert current["summary"].iloc[-1] in texts(at)


def test_page_bounds_cover_every_row_once_and_clamp_a_page_out_of_range() -> None:
    from components.ui.render import page_bounds

    assert [page_bounds(2_500, p, 1_000) for p in range(3)] == [(0, 1_000), (1_000, 2_000), (2_000, 2_500)]
    assert page_bounds(2_500, 7, 1_000) == (2_000, 2_500)  # the table shrank under a filter
    assert page_bounds(2_500, -1, 1_000) == (0, 1_000)
    assert page_bounds(1_000, 1, 1_000) == (0, 1_000)
    assert page_bounds(0, 0, 1_000) == (0, 0)
