"""Session and dataset state: which dataset is active (the shipped one, or
this browser session's upload), the dataset and filters of the current run,
and the guard that turns a page's unexpected error into a friendly message.
"""

from __future__ import annotations

import argparse
import functools
import logging
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import cast

import streamlit as st

from components import serving
from components.dataset import Dataset, InvalidDataset, files_from_path, fingerprint, read_dataset
from components.filters import FilterState
from components.safety import markdown_text
from components.ui.render import problem_table
from components.vocab import plural

log = logging.getLogger("stancemap")

ROOT = Path(__file__).resolve().parents[2]

DEFAULT_DATASET = ROOT / "data"

# session_state: (name, files, fingerprint) of this browser session's upload; the
# fingerprint (a hash of every byte) is taken once, when it is uploaded, not on every run.
UPLOAD_KEY = "uploaded_dataset"


RECHECK_SECONDS = 1.0  # an edit of the shipped files shows on runs that start this long after it


def dataset_path() -> Path:
    """`streamlit run app.py -- --dataset PATH`, else $STANCEMAP_DATASET, else data/."""
    return _dataset_path(tuple(sys.argv[1:]), os.environ.get("STANCEMAP_DATASET"))


@functools.lru_cache(maxsize=8)
def _dataset_path(argv: tuple[str, ...], from_env: str | None) -> Path:
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--dataset")
    args, _ = parser.parse_known_args(argv)
    chosen = args.dataset or from_env or str(DEFAULT_DATASET)
    return Path(chosen).expanduser()


@st.cache_resource(show_spinner=False, max_entries=16)
def _read(fp: str, _files: dict[str, bytes], source: str) -> Dataset:
    """Parse and validate once per content fingerprint."""
    return read_dataset(_files, source=source)


def read_files(files: dict[str, bytes], source: str) -> Dataset:
    return _read(fingerprint(files), files, source)


def _load_shipped(path: Path) -> tuple[dict[str, bytes], Dataset]:
    """The files at `path` and the dataset they make."""
    files = files_from_path(path)
    return files, read_files(files, str(path))


def shipped_dataset() -> Dataset | None:
    """The dataset on disk; on problems, show the report and return None."""
    path = dataset_path()
    try:
        # Read and hashed once per state of the files on disk (serving.keyed_on_files), not on every rerun.
        return serving.keyed_on_files(path, lambda: _load_shipped(path), recheck_after=RECHECK_SECONDS)[1]
    except InvalidDataset as err:
        st.error(f"The dataset at {markdown_text(path)} has {plural(len(err.problems), 'problem')} and was not loaded.")
        problem_table(err.table())
        st.caption(
            "Fix these in the files named, then reload the page. `python -m components.dataset validate PATH` prints the same report."
        )
        return None
    except OSError as err:
        st.error(f"Could not read the dataset at {markdown_text(path)}: {markdown_text(err.strerror or err)}")
        return None


def active_dataset() -> Dataset | None:
    """This session's upload when there is one, else the shipped dataset."""
    upload = st.session_state.get(UPLOAD_KEY)
    if upload is not None:
        name, files, fp = upload
        try:
            return _read(fp, files, name)
        except InvalidDataset:
            st.session_state.pop(UPLOAD_KEY, None)
    return shipped_dataset()


def is_uploaded() -> bool:
    return st.session_state.get(UPLOAD_KEY) is not None


def use_upload(name: str, files: dict[str, bytes]) -> Dataset:
    """Validate an upload and make it this session's dataset; raises
    InvalidDataset (and keeps the current dataset) when it has problems."""
    ds = read_files(files, name)
    st.session_state[UPLOAD_KEY] = (name, files, ds.fingerprint)
    return ds


def drop_upload() -> None:
    st.session_state.pop(UPLOAD_KEY, None)


_CONTEXT_KEY = "_stancemap_context"


def set_current(ds: Dataset, filters: FilterState) -> None:
    st.session_state[_CONTEXT_KEY] = (ds, filters)


def current() -> tuple[Dataset, FilterState]:
    """The dataset and filters the entrypoint set for this run."""
    context = st.session_state.get(_CONTEXT_KEY)
    if context is None:
        st.error("Open Stancemap through app.py: `streamlit run app.py`.")
        st.stop()
    ds, filters = context
    return cast(Dataset, ds), cast(FilterState, filters)


def method_is_trusted(ds: Dataset) -> bool:
    """Whether `ds` is the project's own dataset (data/, byte for byte), whose
    METHOD.md is rendered as markdown; one that came with any other dataset
    is shown as plain text."""
    try:
        # Read once per state of the files (as the shipped dataset is), not on every run.
        own = serving.keyed_on_files(
            DEFAULT_DATASET, lambda: _load_shipped(DEFAULT_DATASET), recheck_after=RECHECK_SECONDS
        )[1]
        return ds.fingerprint == own.fingerprint
    except (InvalidDataset, OSError):
        return False


def active_files(ds: Dataset) -> dict[str, bytes]:
    """The files of the dataset this session explores (its upload, or the
    shipped dataset on disk), for the dataset download. When the files on
    disk no longer match what was loaded, an empty dict."""
    upload = st.session_state.get(UPLOAD_KEY)
    if upload is not None:
        _, files, fp = upload
    else:
        path = dataset_path()
        try:
            # The files as shipped_dataset last looked at them, and the
            # fingerprint they were read with (not hashed again on every run).
            files, loaded = serving.keyed_on_files(path, lambda: _load_shipped(path), recheck_after=RECHECK_SECONDS)
        except (InvalidDataset, OSError):
            return {}
        fp = loaded.fingerprint
    # A dataset shown as of a date (history.dataset_on) keeps its files: its
    # fingerprint is the files' fingerprint plus "@<date>".
    return files if fp == ds.fingerprint.partition("@")[0] else {}


def run_safely(render: Callable[[], None]) -> None:
    """Run a page; an unexpected error becomes a friendly message for the
    user and a full traceback in the server log, never a traceback on screen."""
    try:
        render()
    except Exception as err:
        log.error("Page error: %s\n%s", err, traceback.format_exc())
        st.error(
            "Something went wrong while drawing this page. The details are in the server log. "
            "Try removing filters or going back to the Overview; if it persists, please report it."
        )
