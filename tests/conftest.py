"""Shared test fixtures: datasets on disk and helpers to build broken ones."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from components import dataset

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "mini"
SHIPPED = ROOT / "data"


@pytest.fixture(scope="session")
def mini() -> dataset.Dataset:
    """The small fictional dataset with hand-checked values."""
    return dataset.load_path(MINI)


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixture dataset, to break on purpose."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


def mini_files() -> dict[str, bytes]:
    return dataset.files_from_folder(MINI)


TIERS = {"app": "app", "browser": "browser", "serve": "serve"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test with its tier from its folder: tests/app -> app,
    tests/browser -> browser, tests/serve -> serve, the rest -> unit
    (pytest.ini lists them)."""
    for item in items:
        folder = Path(str(item.path)).parent.name
        item.add_marker(getattr(pytest.mark, TIERS.get(folder, "unit")))


def pytest_collection_finish(session: pytest.Session) -> None:
    """Everything imported so far (streamlit, pandas, plotly, the collected
    tests) lives until the end: move it out of the garbage collector's
    sight, so each collection pass walks only what the tests create."""
    import gc

    gc.collect()
    gc.freeze()
