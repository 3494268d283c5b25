"""AppTest helpers: run app.py on a chosen dataset and page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from testkit.apptest import app_test
from tests.conftest import MINI


def open_page(
    page: str | None = None,
    params: dict[str, str] | None = None,
    dataset: Path = MINI,
    monkeypatch: pytest.MonkeyPatch | None = None,
) -> AppTest:
    """Run the app on `page` (e.g. "views/provisions.py") with URL parameters,
    the way a deep link opens it (testkit.apptest: public AppTest API only)."""
    at = app_test(page, params)
    at.run()
    return at


def use_synthetic(folder: Path, monkeypatch: pytest.MonkeyPatch, *args: object, **kwargs: object) -> Path:
    """Write `synthetic_files(*args, **kwargs)` to `folder` and make it the
    dataset the app opens (a dataset that is not in the repository)."""
    from testkit.synthetic import camp_files as synthetic_files

    folder.mkdir(parents=True)
    for name, raw in synthetic_files(*args, **kwargs).items():  # type: ignore[arg-type]
        (folder / name).write_bytes(raw)
    monkeypatch.setenv("STANCEMAP_DATASET", str(folder))
    return folder


@pytest.fixture(autouse=True)
def _dataset_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """AppTest runs on the fixture dataset unless a test says otherwise."""
    monkeypatch.setenv("STANCEMAP_DATASET", str(MINI))


def texts(at: AppTest) -> str:
    """Everything the page says in markdown, captions, titles and alerts."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        parts.extend(str(e.value) for e in getattr(at, kind))
    # Dataset text is markdown-escaped on screen; compare what a reader sees.
    return re.sub(r"\\(.)", r"\1", "\n".join(parts))


def assert_clean(at: AppTest) -> None:
    """No exception element and no error box: what a user would see as broken."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
