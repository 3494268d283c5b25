"""Data & downloads in a real browser: the filtered CSV download follows the
filter in the link; an uploaded dataset is explored on other pages of the
same session; a broken upload lists every problem and keeps the data."""

from __future__ import annotations

import io
import json

import pandas as pd
from playwright.sync_api import Page, expect

from testkit.server import Server
from tests.browser.conftest import assert_no_exception, wait_ready
from tests.conftest import mini_files

MINI_SUBJECT = "Model Data Retention Bill"


def open_data_page(page: Page, url: str, query: str = "") -> None:
    """Open the app once, then the deep link (a fresh server serves the very
    first sub-path request before st.navigation is registered)."""
    page.goto(url)
    wait_ready(page)
    page.goto(f"{url}/data{query}")
    wait_ready(page)


def upload(page: Page, files: dict[str, bytes]) -> None:
    uploader = page.locator('[data-testid="stFileUploader"] input[type="file"]')
    uploader.set_input_files([{"name": n, "mimeType": "text/csv", "buffer": raw} for n, raw in files.items()])
    page.wait_for_timeout(500)
    wait_ready(page)


def test_filtered_csv_download_follows_the_link_filter(server: Server, page: Page) -> None:
    open_data_page(page, server.url, "?stance=oppose")
    expect(page.get_by_text("6 of 23 current positions")).to_be_visible()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download filtered CSV").click()
    download = info.value
    assert download.suggested_filename.startswith("stancemap_model-data-retention-bill_stance-oppose_")
    assert download.suggested_filename.endswith(".csv")
    raw = open(download.path(), "rb").read()  # noqa: SIM115 - Playwright's temp file
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", keep_default_na=False)
    assert len(rows) == 6
    assert set(rows["stance"]) == {"oppose"} and set(rows["score"]) == {-2}
    assert_no_exception(page)


def test_uploaded_dataset_is_explored_on_other_pages_and_a_broken_one_keeps_it(server: Server, page: Page) -> None:
    files = mini_files()
    meta = json.loads(files["dataset.json"])
    meta.update(title="Another Bill: uploaded positions", subject="Another Bill")
    files["dataset.json"] = json.dumps(meta).encode()

    open_data_page(page, server.url)
    upload(page, files)
    expect(page.get_by_text("You are exploring your uploaded dataset")).to_be_visible()
    page.locator('[data-testid="stSidebarNav"] a', has_text="Overview").click()
    wait_ready(page)
    expect(page.locator("h1", has_text="Another Bill")).to_be_visible()
    expect(page.get_by_text("You are exploring your uploaded dataset")).to_be_visible()

    broken = dict(files)
    broken["positions.csv"] = files["positions.csv"].replace(b"oppose", b"hate", 1).replace(b"p-02", b"p-99", 1)
    broken["stakeholders.csv"] = "stakeholder_id,name,type\nzeta,Société,other\n".encode("cp1252")
    page.locator('[data-testid="stSidebarNav"] a', has_text="Data & downloads").click()
    wait_ready(page)
    # Another page was shown, so the uploader starts empty again.
    expect(page.locator('[data-testid="stFileUploaderFile"]')).to_have_count(0)
    upload(page, broken)
    alert = page.locator('[data-testid="stAlertContentError"]')
    expect(alert).to_contain_text("3 problems and was not loaded")
    expect(alert).to_contain_text("still exploring Another Bill")
    grid = page.locator('[data-testid="stDataFrame"]').last
    expect(grid).to_contain_text("stakeholders.csv")
    expect(grid).to_contain_text("hate")
    expect(grid).to_contain_text("p-99")
    page.locator('[data-testid="stSidebarNav"] a', has_text="Overview").click()
    wait_ready(page)
    expect(page.locator("h1", has_text="Another Bill")).to_be_visible()
    assert_no_exception(page)
