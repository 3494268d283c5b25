"""The benchmark's synthetic datasets follow the schema, so timings measure
real pages on valid data."""

from pathlib import Path

from components import dataset
from testkit.synthetic import generate, write


def test_generated_dataset_validates_with_history_events_and_signatories(tmp_path: Path) -> None:
    folder = write(tmp_path / "synthetic", generate(60, 12, 0.5, seed=3))
    ds = dataset.load_path(folder)
    assert len(ds.stakeholders) == 60
    assert len(ds.provisions) == 13  # 12 articles and the instrument as a whole
    assert ds.positions.duplicated(["stakeholder_id", "provision_id"]).any(), "some pairs have a history"
    assert set(ds.stakeholders["type"]).issuperset({"government", "civil_society"})
    assert ds.has_events and ds.has_signatories
    assert ds.signatories["iso3"].is_unique


def test_same_seed_gives_the_same_dataset() -> None:
    assert generate(20, 5, 0.3, seed=9) == generate(20, 5, 0.3, seed=9)
    assert generate(20, 5, 0.3, seed=9) != generate(20, 5, 0.3, seed=10)
