"""URL fuzzing: every page, with empty, garbage, very long, unicode and
path-like parameter values, raises nothing and says what it ignored."""

from __future__ import annotations

import pytest

from components import pages
from tests.app.conftest import assert_clean, open_page, texts

PAGES = [page.file for page in pages.PAGES]
# Every link parameter of the registry: the shared filters and every page's own.
PARAMS = sorted(set(pages.FILTER_KEYS) | {p.name for page in pages.PAGES for p in page.params})
VALUES = {
    "empty": "",
    "garbage": "zz!!@@##",
    "long": "x" * 20_000,
    "unicode": "政府🙂\u202e\u200b",
    "path": "../../../../etc/passwd",
    "html": "<script>alert(1)</script>",
    "numbers": "-1,99999999999999999999,0x10,1e9",
    "commas": ",,,;;;",
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("kind", list(VALUES))
def test_every_page_survives_hostile_parameters(page: str, kind: str) -> None:
    value = VALUES[kind]
    at = open_page(page, {name: value for name in PARAMS} | {"unknown_param": value})
    assert_clean(at)
    if kind not in ("empty", "commas"):
        assert "Ignored" in texts(at), "the page should say what it ignored"


@pytest.mark.parametrize("page", PAGES)
def test_unknown_parameter_names_are_dropped_from_the_link(page: str) -> None:
    at = open_page(page, {"utm_source": "x", "debug": "1"})
    assert_clean(at)
    assert "utm_source" not in at.query_params and "debug" not in at.query_params
