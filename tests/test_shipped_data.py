"""Guarantees the shipped dataset must keep: it loads cleanly, every stance
has an http(s) source and a date, the seed stakeholders take stances on
concrete articles, and every article of the convention is there once."""

from __future__ import annotations

import re

import pytest

from components import dataset
from components.dataset import Dataset
from tests.conftest import SHIPPED


@pytest.fixture(scope="module")
def shipped() -> Dataset:
    return dataset.load_path(SHIPPED)


def test_shipped_dataset_loads_with_zero_problems() -> None:
    assert dataset.main(["validate", str(SHIPPED)]) == 0


def test_every_position_has_an_http_source_and_a_date(shipped: Dataset) -> None:
    assert shipped.positions["source_url"].str.match(r"^https?://").all()
    assert shipped.positions["source_date"].str.match(r"^\d{4}-\d{2}-\d{2}$").all()
    assert len(shipped.positions) >= 80


def test_every_article_number_appears_exactly_once(shipped: Dataset) -> None:
    numbers = shipped.provisions["number"].dropna().astype(int).tolist()
    assert sorted(numbers) == list(range(1, 69))
    assert "convention" in set(shipped.provisions["provision_id"])


def test_article_ids_and_labels_agree_with_numbers(shipped: Dataset) -> None:
    articles = shipped.provisions.dropna(subset=["number"])
    for row in articles.itertuples():
        assert row.provision_id == f"art-{int(row.number):02d}"
        assert row.label == f"Art. {int(row.number)}"


def test_metadata_is_complete(shipped: Dataset) -> None:
    meta = shipped.meta
    assert meta.ratification_threshold == 40
    assert meta.license.startswith("CC BY 4.0") and meta.citation and meta.as_of


def test_no_date_is_after_as_of(shipped: Dataset) -> None:
    as_of = shipped.meta.as_of
    assert (shipped.positions["source_date"] <= as_of).all()
    assert (shipped.events["date"] <= as_of).all()
    dated = shipped.signatories[["signature_date", "ratification_date"]].stack()
    assert (dated[dated != ""] <= as_of).all()


def test_eu_is_not_counted_as_a_state(shipped: Dataset) -> None:
    assert "EUU" not in set(shipped.signatories["iso3"])
    assert not shipped.signatories["country"].str.contains("European Union").any()


def test_quotes_are_short_and_never_wrapped_in_quote_marks(shipped: Dataset) -> None:
    quotes = shipped.positions["quote"]
    assert (quotes.str.len() <= 600).all()
    assert not quotes.str.match(r'^\s*["“]').any()


def test_themes_come_from_the_documented_vocabulary(shipped: Dataset) -> None:
    vocabulary = set(re.findall(r"`([a-z_]+)`", (SHIPPED / "METHOD.md").read_text())) | {
        "scope",
        "definitions",
        "sovereignty",
        "human_rights",
        "criminalization",
        "content_offences",
        "jurisdiction",
        "procedural_powers",
        "surveillance",
        "data_protection",
        "extradition",
        "mutual_legal_assistance",
        "law_enforcement_cooperation",
        "asset_recovery",
        "prevention",
        "capacity_building",
        "implementation",
        "final_provisions",
    }
    used = {t for themes in shipped.provisions["theme_list"] for t in themes}
    assert used <= vocabulary, used - vocabulary
