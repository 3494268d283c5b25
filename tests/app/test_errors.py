"""An unexpected error inside a page becomes a friendly message on screen
and a full traceback in the server log, never a traceback for the user."""

from __future__ import annotations

import logging

import pytest

from components import analysis
from tests.app.conftest import open_page


def test_page_error_is_friendly_and_logged(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(analysis, "headline", broken)
    with caplog.at_level(logging.ERROR, logger="stancemap"):
        at = open_page()
    assert not at.exception
    message = at.error[0].value
    assert "Something went wrong" in message and "secret internal detail" not in message
    assert "secret internal detail" in caplog.text and "Traceback" in caplog.text


def test_the_navigation_still_works_after_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analysis, "headline", lambda *a, **k: 1 / 0)
    at = open_page()
    assert at.sidebar.multiselect  # filters still there
    assert at.error
