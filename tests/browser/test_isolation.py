"""Session isolation: a dataset uploaded in one browser session is never seen
by another session, and the shipped data on disk is never written."""

from __future__ import annotations

import hashlib
import json

from playwright.sync_api import Browser, expect

from testkit.server import Server
from tests.browser.conftest import new_context, wait_ready
from tests.browser.test_data import open_data_page, upload
from tests.conftest import MINI, mini_files


def digest_of_fixture() -> str:
    return hashlib.sha256(b"".join(p.read_bytes() for p in sorted(MINI.iterdir()))).hexdigest()


def test_upload_in_one_session_is_invisible_to_another(server: Server, browser: Browser) -> None:
    before = digest_of_fixture()
    files = mini_files()
    meta = json.loads(files["dataset.json"])
    meta.update(title="Secret upload of session A", subject="Secret Bill A")
    files["dataset.json"] = json.dumps(meta).encode()

    first, second = new_context(browser), new_context(browser)
    try:
        a, b = first.new_page(), second.new_page()
        open_data_page(a, server.url)
        upload(a, files)
        expect(a.get_by_text("You are exploring your uploaded dataset")).to_be_visible()

        # Session B opens the app after the upload, and again after a reload.
        for _ in range(2):
            b.goto(server.url)
            wait_ready(b)
            expect(b.locator("h1", has_text="Model Data Retention Bill")).to_be_visible()
            expect(b.get_by_text("Secret")).to_have_count(0)
            expect(b.get_by_text("You are exploring your uploaded dataset")).to_have_count(0)

        # A reload starts a new app session: the upload was kept nowhere else.
        a.goto(server.url)
        wait_ready(a)
        expect(a.get_by_text("Secret")).to_have_count(0)
    finally:
        first.close()
        second.close()
    assert digest_of_fixture() == before
