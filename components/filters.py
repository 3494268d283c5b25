"""FilterState: the filters shared by every page, to and from URL query
parameters. Which filters exist, their URL names, labels and the column each
filters are registered once in components/pages.py (FILTERS); this module
reads and applies them.

A copied link must reproduce the filters, and a hand-edited or hostile link
must never raise: unknown or malformed values are dropped with a short notice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import astuple, dataclass, fields
from typing import Any

import pandas as pd

from components.pages import FILTERS


@dataclass(frozen=True)
class FilterState:
    """The filters shared by every page (one field per pages.FILTERS entry).
    Empty means "all"."""

    types: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    stances: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    q: str = ""
    asof: str = ""

    @classmethod
    def from_query_params(
        cls, params: Mapping[str, str | Sequence[str]], themes: Iterable[str]
    ) -> tuple[FilterState, list[str]]:
        """Parse every shared filter (`type=`, `theme=`, ...); `themes` are the dataset's themes."""
        themes = list(themes)
        values: dict[str, Any] = {}
        notices: list[str] = []
        for spec in FILTERS:
            values[spec.field], found = spec.parse(params.get(spec.name), themes)
            notices += found
        return cls(**values), notices

    def value(self, name: str) -> tuple[str, ...] | str:
        """The value of the filter with URL name `name`."""
        spec = next(f for f in FILTERS if f.name == name)
        result: tuple[str, ...] | str = getattr(self, spec.field)
        return result

    def to_query_params(self) -> dict[str, str]:
        """Only the filters that are set, comma-separated, in a stable order."""
        out = {}
        for spec in FILTERS:
            value = getattr(self, spec.field)
            if value:
                out[spec.name] = value if isinstance(value, str) else ",".join(value)
        return out

    def key(self) -> tuple[Any, ...]:
        """The filters as a hashable tuple (a cache key)."""
        return astuple(self)

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self))

    def describe(self) -> str:
        """Plain words for the active filters, e.g. 'types: Government; themes: Human rights'."""
        parts = []
        for spec in FILTERS:
            value = getattr(self, spec.field)
            if not value:
                continue
            if spec.choices is None:
                parts.append(f"search: “{value}”")
            elif spec.choices == "date":
                parts.append(spec.describe(value))
            else:
                parts.append(f"{spec.field}: " + ", ".join(spec.describe(v) for v in value))
        return "; ".join(parts) if parts else "no filters"

    def slug(self) -> str:
        """A short file-name-safe summary: 'type-government_theme-human_rights'."""
        parts = []
        for spec in FILTERS:
            value = getattr(self, spec.field)
            if not value:
                continue
            if spec.choices == "date":
                parts.append(f"{spec.name}-{value}")
            elif spec.choices is None:
                parts.append(spec.name + "-" + re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")[:20])
            else:
                parts.append(spec.name + "-" + "+".join(value))
        slug = "_".join(parts) or "all"
        return re.sub(r"[^A-Za-z0-9_+.-]", "", slug)[:80]

    def apply(self, table: pd.DataFrame) -> pd.DataFrame:
        """Keep rows of a flat position table that pass every filter. A row
        without a value in a filtered column (a dataset without source kinds)
        does not pass that filter once it is set. With no filter set, the
        table itself (copying every row of a large table cost tens of ms)."""
        if self.is_empty:
            return table
        mask = pd.Series(True, index=table.index)
        for spec in FILTERS:
            value = getattr(self, spec.field)
            if not value:
                continue
            if spec.column not in table.columns:
                mask &= False
            elif spec.match == "isin":
                mask &= table[spec.column].isin(value)
            elif spec.match == "on_or_before":
                mask &= (table[spec.column] != "") & (table[spec.column] <= value)
            elif spec.match == "overlap":
                mask &= table[spec.column].map(frozenset(value).isdisjoint).eq(False)
            else:
                mask &= table[spec.column].str.contains(value.casefold(), regex=False)
        return table[mask]
