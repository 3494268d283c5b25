"""Results of the core, cached by content: a Dataset hashes by its
fingerprint, a FilterState by its fields. Results are shared between reruns
and sessions with the same data, so pages treat them as read-only.
"""

from __future__ import annotations

import ctypes
import functools
import weakref
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any, TypeVar, cast

import pandas as pd
import streamlit as st

from components import analysis, history
from components.dataset import Dataset
from components.filters import FilterState
from components.history import Milestone

if TYPE_CHECKING:  # imported when first needed: networkx and igraph are slow to import
    from components.network import AllyTable

T = TypeVar("T")

HASH_FUNCS: dict[Any, Callable[[Any], Any]] = {
    Dataset: lambda ds: ds.fingerprint,
    FilterState: FilterState.key,
}


# One cache wrapper per function definition (module, name and code): a page
# script runs again on every rerun and so decorates its functions again, and
# Streamlit keys each new wrapper by reading the function's source from its
# file (inspect.getsource, ~7% of a rerun under load). The wrapper stays; the
# function it calls is the one defined by the latest run.
_WRAPPERS: dict[tuple[str, str, Any], Callable[..., Any]] = {}
_LATEST: dict[tuple[str, str, Any], Callable[..., Any]] = {}


def cached(func: Callable[..., T]) -> Callable[..., T]:
    """Cache a pure core function by dataset content and arguments. After a
    computation (a cache miss) the memory it freed goes back to the system,
    so the big temporaries of one page do not stack on those of the next.
    Decorating the same definition again (a page's next run) gives the same
    wrapper and cache."""
    key = (func.__module__, func.__qualname__, func.__code__)
    _LATEST[key] = func
    wrapper = _WRAPPERS.get(key)
    if wrapper is None:

        @functools.wraps(func)
        def compute(*args: Any, **kwargs: Any) -> T:
            result = cast(T, _LATEST[key](*args, **kwargs))
            release_memory()
            return result

        wrapper = _WRAPPERS.setdefault(
            key, st.cache_resource(hash_funcs=HASH_FUNCS, show_spinner=False, max_entries=64)(compute)
        )
    return cast(Callable[..., T], wrapper)


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

_KEPT: dict[tuple[int, Hashable], tuple[weakref.ref[Any], Any]] = {}


def kept_with(source: Any, name: Hashable, build: Callable[[], T]) -> T:
    """`build()` once for as long as the object `source` lives: what a page
    derives for display from a cached result (a table's display form, its
    row labels) is then computed once, not on every rerun and session that
    draws the same cached object. `name` tells apart several things derived
    from one source. A source that is not kept anywhere (a fresh slice) is
    forgotten with it, so nothing outlives what it was derived from.
    Treat what it returns as read-only, as every cached result."""
    key = (id(source), name)
    hit = _KEPT.get(key)
    if hit is not None and hit[0]() is source:
        return cast(T, hit[1])
    value = build()
    _KEPT[key] = (weakref.ref(source, functools.partial(_forget, key)), value)
    return value


def _forget(key: tuple[int, Hashable], _ref: object) -> None:
    _KEPT.pop(key, None)


@cached
def dataset_on(ds: Dataset, asof: str) -> Dataset:
    """The dataset as it stood on `asof` (every page's data when the link
    carries `asof=`), computed once per dataset and date."""
    return history.dataset_on(ds, asof or None)


@cached
def position_table(ds: Dataset) -> pd.DataFrame:
    return analysis.position_table(ds)


@cached
def current_table(ds: Dataset) -> pd.DataFrame:
    return analysis.current_positions(position_table(ds))


@cached
def filtered_positions(ds: Dataset, filters: FilterState) -> pd.DataFrame:
    """Current positions passing the filters."""
    return filters.apply(current_table(ds))


@cached
def filtered_table(ds: Dataset, filters: FilterState) -> pd.DataFrame:
    """All positions (history included) passing the filters."""
    return filters.apply(position_table(ds))


@cached
def milestones(ds: Dataset) -> list[Milestone]:
    """The dataset's events as date presets (history.milestones), once per dataset."""
    return history.milestones(ds.events, ds.meta.as_of or None)


@cached
def ordered_provisions(ds: Dataset) -> pd.DataFrame:
    return analysis.ordered_provisions(ds)


@cached
def provisions_by_id(ds: Dataset) -> pd.DataFrame:
    """The provisions in reading order, indexed by provision_id."""
    return ordered_provisions(ds).set_index("provision_id")


@cached
def stakeholders_by_id(ds: Dataset) -> pd.DataFrame:
    """The stakeholders, indexed by stakeholder_id."""
    return ds.stakeholders.set_index("stakeholder_id")


@cached
def themes(ds: Dataset) -> list[str]:
    return analysis.themes(ds)


@cached
def agreement_graph(ds: Dataset, filters: FilterState) -> AllyTable:
    """The stakeholder agreement graph of the positions in view, computed once
    and shared by the Network page's two views and the Briefing, in compact
    form (network.AllyTable: ally edges as a table of a few MB, where the full
    networkx graph at 1,500 stakeholders holds ~360,000 edges, ~140 MB)."""
    from components import network

    return network.ally_table(filtered_positions(ds, filters))


@cached
def coalitions(ds: Dataset, filters: FilterState) -> list[frozenset[str]]:
    """Coalitions (network.coalitions) of the positions in view, computed once."""
    from components import network

    return network.coalitions(agreement_graph(ds, filters))
