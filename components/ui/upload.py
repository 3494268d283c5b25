"""Uploading a dataset on the Data page: validation once per set of files,
and the banner while a session explores its own upload.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from components.dataset import Dataset, InvalidDataset, files_from_uploads
from components.safety import markdown_text
from components.ui.state import UPLOAD_KEY, drop_upload, is_uploaded, use_upload

log = logging.getLogger("stancemap")


def upload_banner(ds: Dataset) -> None:
    """A visible banner while this session explores its own upload."""
    if not is_uploaded():
        return
    name = st.session_state[UPLOAD_KEY][0]
    col1, col2 = st.columns([5, 1], vertical_alignment="center")
    col1.warning(
        f"You are exploring your uploaded dataset **{markdown_text(ds.meta.title)}** "
        f"(from {markdown_text(name)}), in this browser session only.",
        icon="📂",
    )
    if col2.button("Back to the shipped dataset", key="drop_upload"):
        drop_upload()
        st.rerun()


_UPLOAD_SEEN_KEY = "_upload_seen"

_UPLOAD_OUTCOME_KEY = "_upload_outcome"


def upload_label(names: Sequence[str]) -> str:
    """How an upload is named in messages: the file, or the first and a count."""
    if len(names) <= 1:
        return names[0] if names else "upload"
    return f"{names[0]} and {len(names) - 1} more"


def process_upload(uploads: Sequence[tuple[str, bytes, str]]) -> tuple[str, str, pd.DataFrame | None] | None:
    """Validate what a file uploader holds, given as (name, bytes, file id),
    once per distinct set of files, so that going back to the shipped dataset
    is not undone by the uploader still holding them. A valid upload becomes
    this session's dataset and the app reruns on it. Returns the outcome for
    the files held: ("valid", name, None) or ("invalid", name, problem table);
    None when the uploader is empty."""
    if not uploads:
        st.session_state.pop(_UPLOAD_SEEN_KEY, None)
        st.session_state.pop(_UPLOAD_OUTCOME_KEY, None)
        return None
    seen = tuple((name, len(raw), file_id) for name, raw, file_id in uploads)
    if st.session_state.get(_UPLOAD_SEEN_KEY) != seen:
        st.session_state[_UPLOAD_SEEN_KEY] = seen
        name = upload_label([name for name, _, _ in uploads])
        try:
            use_upload(name, files_from_uploads([(n, raw) for n, raw, _ in uploads]))
        except InvalidDataset as err:
            log.info("Upload refused: %s, %d problem(s)", name, len(err.problems))
            st.session_state[_UPLOAD_OUTCOME_KEY] = ("invalid", name, err.table())
        else:
            st.session_state[_UPLOAD_OUTCOME_KEY] = ("valid", name, None)
            st.rerun()  # run the app again so the sidebar, banner and page all use the new dataset
    return st.session_state.get(_UPLOAD_OUTCOME_KEY)
