"""Source badges and the dataset's source profile (components/provenance.py)."""

from __future__ import annotations

import pandas as pd

from components import dataset, provenance
from tests.conftest import MINI

ROWS = pd.DataFrame(
    [
        {
            "source_url": "https://www.hrw.org/news/2024/a",
            "source_title": "UN: Reject the cybercrime treaty",
            "source_date": "2024-08-01",
            "source_publisher": "Human Rights Watch",
            "source_kind": "own",
            "quote": "Governments should reject it.",
            "evidence": "explicit",
        },
        {
            "source_url": "https://press.un.org/en/2024/gashc1.doc.htm",
            "source_title": "Third Committee approves draft",
            "source_date": "2024-11-11",
            "source_publisher": "UN Meetings Coverage and Press Releases",
            "source_kind": "record",
            "quote": "",
            "evidence": "explicit",
        },
        {
            "source_url": "https://www.reuters.com/world/x",
            "source_title": "UN adopts cybercrime treaty",
            "source_date": "",
            "source_publisher": "Reuters",
            "source_kind": "report",
            "quote": "",
            "evidence": "inferred",
        },
        {
            "source_url": "https://www.hrw.org/news/2024/b",
            "source_title": "Second statement",
            "source_date": "2024-09-01",
            "source_publisher": "Human Rights Watch",
            "source_kind": "own",
            "quote": "It is a surveillance treaty.",
            "evidence": "explicit",
        },
    ]
)


def test_badge_reads_kind_and_publisher() -> None:
    assert [provenance.badge(r) for _, r in ROWS.iterrows()] == [
        "own statement · Human Rights Watch",
        "official record · UN Meetings Coverage and Press Releases",
        "news report · Reuters",
        "own statement · Human Rights Watch",
    ]


def test_without_provenance_columns_a_source_reads_as_its_host_and_title() -> None:
    bare = {"source_url": "https://www.example.org/page", "source_title": "A statement", "source_date": "2024-01-02"}
    assert provenance.badge(bare) == "example.org"
    assert provenance.citation(bare) == "example.org: A statement, 2024-01-02"
    assert provenance.badge({"source_url": "", "source_title": ""}) == ""
    assert provenance.citation({"source_url": "not a url"}) == "source"


def test_citation_names_publisher_title_and_date() -> None:
    row = ROWS.iloc[0]
    assert (
        provenance.citation(row) == "own statement · Human Rights Watch: UN: Reject the cybercrime treaty, 2024-08-01"
    )
    assert provenance.citation(ROWS.iloc[2]) == "news report · Reuters: UN adopts cybercrime treaty"


def test_quote_marks_only_around_a_real_quote() -> None:
    assert provenance.quoted(ROWS.iloc[0]) == "“Governments should reject it.”"
    assert provenance.quoted(ROWS.iloc[1]) == ""
    assert provenance.quoted({"quote": "   "}) == ""


def test_source_profile_counts_kinds_publishers_evidence_and_quotes() -> None:
    profile = provenance.source_profile(ROWS)
    assert profile.rows == 4
    kinds = profile.by_kind.set_index("kind")["rows"].to_dict()
    assert kinds == {"own statement": 2, "official record": 1, "news report": 1}
    publishers = profile.by_publisher
    assert publishers["publisher"].iloc[0] == "Human Rights Watch"
    assert publishers.set_index("publisher")["rows"].to_dict()["Human Rights Watch"] == 2
    assert profile.by_evidence.set_index("evidence")["rows"].to_dict() == {"explicit": 3, "inferred": 1}
    assert profile.quoted == 2 and profile.quoted_share == 0.5
    assert provenance.profile_sentence(profile) == (
        "4 positions rest on sources from 3 publishers: 2 own statements, 1 official record, 1 news report; "
        "2 (50%) quote the stakeholder's own words."
    )


def test_source_profile_of_a_dataset_without_provenance_columns() -> None:
    ds = dataset.load_path(MINI)
    positions = ds.positions.drop(columns=[c for c in ("source_kind", "source_publisher") if c in ds.positions])
    profile = provenance.source_profile(positions)
    assert profile.rows == len(positions)
    assert list(profile.by_kind["kind"]) == [provenance.UNKNOWN_KIND]
    assert profile.by_publisher["rows"].sum() == len(positions)
    assert "of a kind not stated" in provenance.profile_sentence(profile)


def test_empty_dataset_profile_says_so() -> None:
    profile = provenance.source_profile(ROWS.iloc[0:0])
    assert profile.rows == 0 and profile.quoted_share == 0.0
    assert provenance.profile_sentence(profile) == "The dataset has no positions yet."


def test_short_source_prefers_publisher_then_title_then_host() -> None:
    assert provenance.short(ROWS.iloc[2]) == "news report · Reuters"
    assert provenance.short({"source_title": "Alpha statement", "source_url": "https://example.org/a"}) == (
        "Alpha statement"
    )
    assert provenance.short({"source_url": "https://www.example.org/a"}) == "example.org"
