"""AppTest: the About page shows how well-sourced the dataset is."""

from __future__ import annotations

from tests.app.conftest import assert_clean, open_page, texts

PAGE = "views/about.py"


def test_about_shows_the_source_profile_by_kind_publisher_and_evidence() -> None:
    at = open_page(PAGE)
    assert_clean(at)
    page = texts(at)
    assert "How well-sourced the map is" in page
    # The fixture: 10 own statements, 5 official records, 6 news reports, 4 rows without a kind.
    assert "10 own statements, 5 official records, 6 news reports, 4 of a kind not stated" in page
    tables = {tuple(d.value.columns): d.value for d in at.dataframe}
    by_kind = tables[("kind", "rows", "share")].set_index("kind")["rows"].to_dict()
    assert by_kind == {"own statement": 10, "official record": 5, "news report": 6, "not stated": 4}
    publishers = tables[("publisher", "rows", "share")]
    assert "Example Wire" in set(publishers["publisher"])
    assert ("evidence", "rows", "share") in tables
