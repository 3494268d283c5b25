"""Small Streamlit helpers shared by the pages: the one module of components/
that imports Streamlit.

It owns: which dataset is active (shipped or uploaded, per session), the
shared filters and their URL sync, cached access to the core, and widgets
that render untrusted text safely (markdown-escaped, links only for http(s)).
"""

from __future__ import annotations

import argparse
import ctypes
import functools
import logging
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from plotly.basedatatypes import BaseFigure

from components import analysis, serving
from components.dataset import Dataset, InvalidDataset, files_from_folder, read_dataset
from components.filters import FilterState, parse_one, parse_switch, unknown_params
from components.safety import markdown_text, safe_url
from components.vocab import STANCES, TYPE_LABELS, humanize, stance_label

log = logging.getLogger("stancemap")

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATASET = ROOT / "data"
UPLOAD_KEY = "uploaded_dataset"  # session_state: (name, files) of this browser session's upload

T = TypeVar("T")


# --------------------------------------------------------------------------
# Caching keyed by content: a Dataset hashes by its fingerprint, a FilterState
# by its fields. Results are shared between reruns and sessions with the same
# data, so pages treat them as read-only.

HASH_FUNCS: dict[Any, Callable[[Any], Any]] = {
    Dataset: lambda ds: ds.fingerprint,
    FilterState: lambda view: (view.types, view.themes, view.stances, view.q),
}


def cached(func: Callable[..., T]) -> Callable[..., T]:
    """Cache a pure core function by dataset content and arguments. After a
    computation (a cache miss) the memory it freed goes back to the system,
    so the big temporaries of one page do not stack on those of the next."""

    @functools.wraps(func)
    def compute(*args: Any, **kwargs: Any) -> T:
        result = func(*args, **kwargs)
        release_memory()
        return result

    return st.cache_resource(hash_funcs=HASH_FUNCS, show_spinner=False, max_entries=64)(compute)


def release_memory() -> None:
    """Hand freed heap memory back to the OS (glibc malloc_trim); a no-op elsewhere."""
    global _LIBC
    if _LIBC is None:
        try:
            _LIBC = ctypes.CDLL("libc.so.6")
            _LIBC.malloc_trim  # noqa: B018 - probe: glibc only
        except (OSError, AttributeError):
            _LIBC = False
    if _LIBC:
        _LIBC.malloc_trim(0)


_LIBC: Any = None


@cached
def position_table(ds: Dataset) -> pd.DataFrame:
    return analysis.position_table(ds)


@cached
def current_table(ds: Dataset) -> pd.DataFrame:
    return analysis.current_positions(position_table(ds))


@cached
def view_positions(ds: Dataset, view: FilterState) -> pd.DataFrame:
    """Current positions passing the filters."""
    return view.apply(current_table(ds))


@cached
def view_table(ds: Dataset, view: FilterState) -> pd.DataFrame:
    """All positions (history included) passing the filters."""
    return view.apply(position_table(ds))


@cached
def ordered_provisions(ds: Dataset) -> pd.DataFrame:
    return analysis.ordered_provisions(ds)


@cached
def themes(ds: Dataset) -> list[str]:
    return analysis.themes(ds)


# --------------------------------------------------------------------------
# The active dataset


def dataset_path() -> Path:
    """`streamlit run app.py -- --dataset PATH`, else $STANCEMAP_DATASET, else data/."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--dataset")
    args, _ = parser.parse_known_args(sys.argv[1:])
    chosen = args.dataset or os.environ.get("STANCEMAP_DATASET") or str(DEFAULT_DATASET)
    return Path(chosen).expanduser()


@st.cache_resource(show_spinner=False, max_entries=16)
def _read(fp: str, _files: dict[str, bytes], source: str) -> Dataset:
    """Parse and validate once per content fingerprint."""
    return read_dataset(_files, source=source)


def read_files(files: dict[str, bytes], source: str) -> Dataset:
    from components.dataset import fingerprint

    return _read(fingerprint(files), files, source)


def _load_shipped(path: Path) -> tuple[dict[str, bytes], Dataset]:
    """The files at `path` and the dataset they make (read once per file state, see serving)."""
    if path.is_file() and path.suffix.lower() == ".zip":
        from components.dataset import files_from_zip

        files = files_from_zip(path.read_bytes(), path.name)
    else:
        files = files_from_folder(path)
    return files, read_files(files, str(path))


def shipped_dataset() -> Dataset | None:
    """The dataset on disk; on problems, show the report and return None."""
    path = dataset_path()
    try:
        return serving.keyed_on_files(path, lambda: _load_shipped(path))[1]
    except InvalidDataset as err:
        st.error(f"The dataset at {markdown_text(path)} has {len(err.problems)} problem(s) and was not loaded.")
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
        name, files = upload
        try:
            return read_files(files, name)
        except InvalidDataset:
            st.session_state.pop(UPLOAD_KEY, None)
    return shipped_dataset()


def is_uploaded() -> bool:
    return st.session_state.get(UPLOAD_KEY) is not None


def use_upload(name: str, files: dict[str, bytes]) -> Dataset:
    """Validate an upload and make it this session's dataset; raises
    InvalidDataset (and keeps the current dataset) when it has problems."""
    ds = read_files(files, name)
    st.session_state[UPLOAD_KEY] = (name, files)
    return ds


def drop_upload() -> None:
    st.session_state.pop(UPLOAD_KEY, None)


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


# --------------------------------------------------------------------------
# Shared state for the pages of one run

_CONTEXT_KEY = "_stancemap_context"


def set_current(ds: Dataset, view: FilterState) -> None:
    st.session_state[_CONTEXT_KEY] = (ds, view)


def current() -> tuple[Dataset, FilterState]:
    """The dataset and filters the entrypoint set for this run."""
    context = st.session_state.get(_CONTEXT_KEY)
    if context is None:
        st.error("Open Stancemap through app.py: `streamlit run app.py`.")
        st.stop()
    return context


# --------------------------------------------------------------------------
# URL parameters and notices

_NOTICES_KEY = "_stancemap_notices"


def note(messages: Sequence[str]) -> None:
    """Queue short notices about ignored URL values for this run."""
    st.session_state.setdefault(_NOTICES_KEY, []).extend(messages)


def show_notices() -> None:
    messages = st.session_state.pop(_NOTICES_KEY, [])
    if messages:
        st.info("  \n".join(markdown_text(m) for m in dict.fromkeys(messages)), icon="ℹ️")


def param(name: str) -> list[str] | None:
    """A query parameter as a list of its values (repeated keys kept)."""
    if name not in st.query_params:
        return None
    return st.query_params.get_all(name)


def set_param(name: str, value: str | None) -> None:
    """Write one page parameter to the URL (None removes it), only when it changes."""
    if value is None or value == "":
        if name in st.query_params:
            del st.query_params[name]
    elif st.query_params.get_all(name) != [value]:
        st.query_params[name] = value


def drop_unknown_params(page: str) -> None:
    """Remove parameters no page understands, with a notice."""
    unknown = unknown_params(list(st.query_params.keys()), page)
    for name in unknown:
        del st.query_params[name]
    if unknown:
        shown = ", ".join(repr(n[:30]) for n in unknown[:5])
        note([f"Ignored unknown link parameter(s): {shown}."])


def sidebar_filters(ds: Dataset) -> FilterState:
    """The shared filters in the sidebar, kept in sync with the URL both ways:
    a link sets the widgets, a widget change rewrites the link."""
    available_themes = themes(ds)
    url_params = {k: st.query_params.get_all(k) for k in ("type", "theme", "stance", "q") if k in st.query_params}
    from_url, notices = FilterState.from_query_params(url_params, available_themes)
    note(notices)
    # A URL that carries filters (a fresh link) sets the widgets; a URL without
    # them (after moving between pages) leaves the widgets as they are.
    signature = tuple(sorted((k, tuple(v)) for k, v in url_params.items()))
    if url_params and st.session_state.get("_filters_from_url") != signature:
        st.session_state["f_type"] = list(from_url.types)
        st.session_state["f_theme"] = list(from_url.themes)
        st.session_state["f_stance"] = list(from_url.stances)
        st.session_state["f_q"] = from_url.q
    for key, options in (
        ("f_type", ds.stakeholders["type"].unique()),
        ("f_theme", available_themes),
        ("f_stance", STANCES),
    ):
        if key in st.session_state:
            allowed = set(options)
            st.session_state[key] = [v for v in st.session_state[key] if v in allowed]

    with st.sidebar:
        st.subheader("Filters")
        present = set(ds.stakeholders["type"].unique())
        types_present = [t for t in TYPE_LABELS if t in present]
        st.multiselect(
            "Stakeholder type", types_present, key="f_type", format_func=TYPE_LABELS.get, placeholder="All types"
        )
        st.multiselect("Theme", available_themes, key="f_theme", format_func=humanize, placeholder="All themes")
        st.multiselect("Stance", list(STANCES), key="f_stance", format_func=stance_label, placeholder="All stances")
        st.text_input("Search text", key="f_q", placeholder="e.g. extradition", max_chars=200)
    view, _ = FilterState.from_query_params(
        {
            "type": st.session_state.get("f_type", []),
            "theme": st.session_state.get("f_theme", []),
            "stance": st.session_state.get("f_stance", []),
            "q": st.session_state.get("f_q", ""),
        },
        available_themes,
    )
    if not view.is_empty and st.sidebar.button("Clear filters", key="clear_filters"):
        for key in ("f_type", "f_theme", "f_stance"):
            st.session_state[key] = []
        st.session_state["f_q"] = ""
        view = FilterState()
        st.session_state["_filters_from_url"] = ()
        for key in ("type", "theme", "stance", "q"):
            set_param(key, None)
        st.rerun()
    wanted = view.to_query_params()
    for key in ("type", "theme", "stance", "q"):
        set_param(key, wanted.get(key))
    st.session_state["_filters_from_url"] = tuple(sorted((k, (v,)) for k, v in wanted.items()))
    return view


def pick(
    label: str,
    name: str,
    options: Sequence[str],
    format_func: Callable[[str], str],
    what: str,
    buttons: bool = False,
) -> str | None:
    """A selectbox (or, with `buttons`, a row of buttons for a few options)
    synced to the page parameter `name`: the link chooses the item; choosing
    another item rewrites the link; an unknown value in the link gets a
    notice and the first option."""
    if not options:
        return None
    chosen, notices = parse_one(param(name), options, what)
    note(notices)
    key = f"pick_{name}"
    url_key = f"_pick_url_{name}"
    if chosen is not None and st.session_state.get(url_key) != chosen:
        st.session_state[key] = chosen
    if st.session_state.get(key) not in options:
        st.session_state[key] = chosen or options[0]
    if buttons:
        value = st.segmented_control(label, options, key=key, format_func=format_func, required=True)
    else:
        value = st.selectbox(label, options, key=key, format_func=format_func)
    st.session_state[url_key] = value
    set_param(name, value)
    return value


def switch(label: str, name: str, key: str, what: str = "switch") -> bool:
    """A toggle synced to the page parameter `name` (?name=1 when on, absent
    when off), so a prepared link opens with the switch as it was. `key` is
    the page's own, so a switch on one page does not carry to another."""
    chosen, notices = parse_switch(param(name), what)
    note(notices)
    url_key = f"_url_{key}"
    if chosen is not None and st.session_state.get(url_key) != chosen:
        st.session_state[key] = chosen
    value = st.toggle(label, key=key)
    st.session_state[url_key] = value
    set_param(name, "1" if value else None)
    return value


def pick_stakeholder(ds: Dataset, label: str = "Stakeholder") -> str | None:
    names = ds.stakeholders.set_index("stakeholder_id")["name"]
    options = sorted(ds.stakeholders["stakeholder_id"], key=lambda s: names[s].casefold())
    return pick(label, "stakeholder", options, lambda s: names.get(s, s), "stakeholder")


def pick_provision(ds: Dataset, label: str = "Provision") -> str | None:
    provisions = ordered_provisions(ds)
    text = dict(zip(provisions["provision_id"], provisions["label"] + ": " + provisions["title"], strict=True))
    return pick(label, "provision", list(provisions["provision_id"]), lambda p: text.get(p, p), "provision")


# --------------------------------------------------------------------------
# Rendering untrusted text and tables


def text(value: object, *, caption: bool = False) -> None:
    """Dataset text, shown literally (markdown and HTML escaped)."""
    if value is None or str(value) == "":
        return
    (st.caption if caption else st.markdown)(markdown_text(value))


def link(label: str, url: object) -> None:
    """A link only when the URL is http(s); otherwise the label as text."""
    href = safe_url(url)
    if href:
        st.link_button(label, href)


def as_of_line(ds: Dataset) -> str:
    when = ds.meta.as_of or "unknown"
    return f"{markdown_text(ds.meta.title)} · data as of **{markdown_text(when)}** · version {markdown_text(ds.meta.version or 'n/a')}"


def as_of_caption(ds: Dataset) -> None:
    """Every page says how fresh its data is."""
    st.caption(as_of_line(ds))


POSITION_COLUMNS = {
    "stakeholder": st.column_config.TextColumn("Stakeholder", width="medium"),
    "label": st.column_config.TextColumn("Provision", width="small"),
    "title": st.column_config.TextColumn("Title", width="medium"),
    "stance_text": st.column_config.TextColumn("Stance", width="small"),
    "summary": st.column_config.TextColumn("Position (summary)", width="large"),
    "quote": st.column_config.TextColumn("Quote (verbatim)", width="large"),
    "source_date": st.column_config.TextColumn("Date", width="small"),
    "source_url": st.column_config.LinkColumn("Source", display_text=r"https?://(?:www\.)?([^/?#]+).*", width="small"),
    "source_title": st.column_config.TextColumn("Source title", width="medium"),
    "evidence": st.column_config.TextColumn("Evidence", width="small"),
}


def positions_frame(rows: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Rows prepared for display: stance as symbol + words, links only for http(s)."""
    # Each distinct value is converted once (a rerun of a 100x table was
    # spending most of its time calling these per row).
    stances = {s: stance_label(s) for s in rows["stance"].unique()}
    urls = {u: safe_url(u) or "" for u in rows["source_url"].unique()}
    out = rows.assign(stance_text=rows["stance"].map(stances), source_url=rows["source_url"].map(urls))
    return out[list(columns)]


def positions_table(
    rows: pd.DataFrame,
    columns: Sequence[str] = (
        "stakeholder",
        "label",
        "stance_text",
        "summary",
        "quote",
        "source_date",
        "source_url",
        "evidence",
    ),
    key: str | None = None,
    height: int | str = "auto",
) -> None:
    """Positions as a table: text shown as text, the source one click away."""
    if rows.empty:
        st.info("No positions to show with the current filters.")
        return
    st.dataframe(
        positions_frame(rows, columns),
        hide_index=True,
        column_config={c: POSITION_COLUMNS[c] for c in columns if c in POSITION_COLUMNS},
        key=key,
        height=height,
    )


def problem_table(table: pd.DataFrame) -> None:
    """A validation report: file, line, column, problem, value."""
    st.dataframe(
        table,
        hide_index=True,
        column_config={
            "file": st.column_config.TextColumn("File"),
            "line": st.column_config.NumberColumn("Line", format="%d"),
            "column": st.column_config.TextColumn("Column"),
            "problem": st.column_config.TextColumn("Problem", width="large"),
            "value": st.column_config.TextColumn("Value"),
        },
    )


class _SentFigure(BaseFigure):
    """Stands in for a figure in `st.plotly_chart`, which asks only for the
    figure's dict form. Never initialised as a figure."""

    def __init__(self, as_dict: dict) -> None:  # BaseFigure.__init__ is skipped on purpose
        self.__dict__["_as_dict"] = as_dict

    def to_dict(self) -> dict:
        return self.__dict__["_as_dict"]


def chart(figure: go.Figure, **kwargs: Any) -> Any:
    """`st.plotly_chart` for a figure that is not changed once built (every
    cached figure): plotly rebuilds a figure's dict form by deep copy each
    time Streamlit draws it (9 ms on every rerun for a 72-state map), so it
    is built once and kept on the figure. Returns what st.plotly_chart does."""
    as_dict = figure.__dict__.get("_stancemap_dict")
    if as_dict is None:
        as_dict = figure.to_dict()
        figure.__dict__["_stancemap_dict"] = as_dict
    return st.plotly_chart(_SentFigure(as_dict), **kwargs)


def stance_legend() -> None:
    """The stance scale in words and symbols, so colour is never needed."""
    st.caption(" · ".join(f"{stance_label(s)}" for s in STANCES))


def page_link(page: str, label: str, **params: str) -> None:
    """A link to another page of the app that keeps the shared filters. The
    label is shown as text: page_link labels are markdown, and they often
    carry dataset text such as an article title."""
    _, view = current()
    query = {**view.to_query_params(), **params}
    st.page_link(str(page_file(page)), label=markdown_text(label), query_params=query)


def page_file(page: str) -> Path:
    """'provisions' or 'views/provisions.py' -> the page's file in views/."""
    return ROOT / "views" / f"{Path(page).stem}.py"


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


def method_is_trusted(ds: Dataset) -> bool:
    """The METHOD.md shipped with the project is rendered as markdown; one
    that came with any other dataset is shown as plain text."""
    return not is_uploaded() and dataset_path().resolve() == DEFAULT_DATASET.resolve()


def pick_many(
    label: str,
    name: str,
    options: list[str],
    format_func: Callable[[str], str],
    chosen: Sequence[str],
    default: Sequence[str] = (),
    max_selections: int | None = None,
) -> list[str]:
    """A multiselect synced to the comma-separated page parameter `name`:
    `chosen` (already parsed from the link) sets the widget when the link
    changes; `default` fills it the first time when the link names nothing;
    a change in the widget rewrites the link."""
    key = f"pick_{name}"
    url_key = f"_pick_url_{name}"
    if chosen and st.session_state.get(url_key) != list(chosen):
        st.session_state[key] = list(chosen)
    elif key not in st.session_state:
        st.session_state[key] = list(default)
    allowed = set(options)
    st.session_state[key] = [v for v in st.session_state[key] if v in allowed][:max_selections]
    value = st.multiselect(label, options, key=key, format_func=format_func, max_selections=max_selections)
    st.session_state[url_key] = list(value)
    set_param(name, ",".join(value) or None)
    return list(value)


def pick_step(label: str, name: str, count: int, format_func: Callable[[int], str], what: str) -> int:
    """A 1-based position among `count` items (slides) synced to the page
    parameter `name`: Previous / Next buttons (also PageUp / PageDown, what a
    presenter's clicker sends) and a picker. The link chooses the position; a
    number out of range goes to the nearest one and garbage to the first, with
    a notice; moving rewrites the link."""
    from components.filters import parse_int

    count = max(count, 1)
    chosen, notices = parse_int(param(name), what)
    note(notices)
    if chosen is not None and not 1 <= chosen <= count:
        nearest = min(max(chosen, 1), count)
        note([f"There is no {what} {chosen}: showing {what} {nearest} of {count}."])
        chosen = nearest
    key, url_key = f"step_{name}", f"_step_url_{name}"
    if chosen is not None and st.session_state.get(url_key) != chosen:
        st.session_state[key] = chosen
    current_value = st.session_state.get(key)
    if not isinstance(current_value, int) or not 1 <= current_value <= count:
        st.session_state[key] = min(max(current_value if isinstance(current_value, int) else 1, 1), count)

    def move(step: int) -> None:
        st.session_state[key] = min(max(st.session_state[key] + step, 1), count)

    position = st.session_state[key]
    back, picker, forward = st.columns([1, 4, 1], vertical_alignment="bottom")
    back.button("← Previous", key=f"{key}_prev", on_click=move, args=(-1,), disabled=position <= 1, shortcut="PageUp")
    forward.button(
        "Next →", key=f"{key}_next", on_click=move, args=(1,), disabled=position >= count, shortcut="PageDown"
    )
    value = picker.selectbox(
        label, list(range(1, count + 1)), key=key, format_func=format_func, label_visibility="collapsed"
    )
    st.session_state[url_key] = value
    set_param(name, str(value))
    return value


def source_links(sources: Sequence[tuple[str, object]]) -> None:
    """(label, url) pairs as one caption line of links; a pair whose url is not
    http(s) is shown as plain text."""
    parts = []
    for label, url in sources:
        href = safe_url(url)
        shown = markdown_text(label)
        parts.append(f"[{shown}]({href.replace('(', '%28').replace(')', '%29')})" if href else shown)
    if parts:
        st.caption("Sources: " + " · ".join(parts))


def active_files(ds: Dataset) -> dict[str, bytes]:
    """The files of the dataset this session explores (its upload, or the
    shipped dataset on disk), for the dataset download. When the files on
    disk no longer match what was loaded, an empty dict."""
    from components.dataset import fingerprint

    upload = st.session_state.get(UPLOAD_KEY)
    if upload is not None:
        files = upload[1]
        return files if fingerprint(files) == ds.fingerprint else {}
    path = dataset_path()
    try:
        files, loaded = serving.keyed_on_files(path, lambda: _load_shipped(path))
    except (InvalidDataset, OSError):
        return {}
    return files if loaded.fingerprint == ds.fingerprint else {}


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
    from components.dataset import files_from_uploads

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


@cached
def agreement_graph(ds: Dataset, view: FilterState) -> Any:
    """The stakeholder agreement graph of the positions in view, computed once
    and shared by the Network page's two views and the Briefing, in compact
    form (network.AllyTable: ally edges as a table of a few MB, where the full
    networkx graph at 1,500 stakeholders holds ~360,000 edges, ~140 MB)."""
    from components import network

    return network.ally_table(view_positions(ds, view))


@cached
def coalitions(ds: Dataset, view: FilterState) -> list[frozenset[str]]:
    """Coalitions (network.coalitions) of the positions in view, computed once."""
    from components import network

    return network.coalitions(agreement_graph(ds, view))
