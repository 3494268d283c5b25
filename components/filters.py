"""The view's filters and page parameters, to and from URL query parameters.

A copied link must reproduce the view, and a hand-edited or hostile link must
never raise: unknown or malformed values are dropped with a short notice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from components.vocab import LABELS, STAKEHOLDER_TYPES, STANCES, TYPE_LABELS, humanize

MAX_QUERY = 200
MAX_VALUES = 50
FILTER_KEYS = ("type", "theme", "stance", "q")

# Page parameters of the URL contract (ARCHITECTURE.md), by page url path.
PAGE_PARAMS: dict[str, tuple[str, ...]] = {
    "": ("all",),
    "stakeholders": ("stakeholder",),
    "provisions": ("provision",),
    "network": ("view", "color", "all", "node"),
    "compare": ("stakeholders",),
    "timeline": ("all",),
    "briefing": ("slide",),
    "data": (),
    "about": (),
}
# Parameters Streamlit itself understands.
STREAMLIT_PARAMS = ("embed", "embed_options")

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _values(raw: str | Sequence[str] | None) -> list[str]:
    """'a,b' or ['a', 'b,c'] -> ['a', 'b', 'c'] (trimmed, empties dropped)."""
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str) else list(raw)
    out: list[str] = []
    for item in items:
        out.extend(part.strip() for part in str(item).split(","))
    return [v for v in out if v]


def shorten(value: str, limit: int = 40) -> str:
    """A value as a notice may quote it: control characters out, long values cut."""
    value = _CONTROL.sub("", value)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def parse_choices(
    raw: str | Sequence[str] | None, valid: Iterable[str], what: str
) -> tuple[tuple[str, ...], list[str]]:
    """Keep the values that are valid, in order, without repeats; a notice for the rest."""
    allowed = set(valid)
    kept: list[str] = []
    dropped: list[str] = []
    for value in _values(raw)[: MAX_VALUES * 4]:
        if value in allowed and value not in kept:
            kept.append(value)
        elif value not in allowed:
            dropped.append(value)
    notices = []
    if dropped:
        shown = ", ".join(repr(shorten(v)) for v in dropped[:5])
        more = f" and {len(dropped) - 5} more" if len(dropped) > 5 else ""
        notices.append(f"Ignored unknown {what}: {shown}{more}.")
    return tuple(kept[:MAX_VALUES]), notices


def parse_one(raw: str | Sequence[str] | None, valid: Iterable[str], what: str) -> tuple[str | None, list[str]]:
    """A single id from the URL: the first value if valid, else None with a notice."""
    values = _values(raw)
    if not values:
        return None, []
    value = values[0]
    if value in set(valid):
        return value, [] if len(values) == 1 else [f"Used the first {what} only."]
    return None, [f"Ignored unknown {what} {shorten(value)!r}."]


def parse_switch(raw: str | Sequence[str] | None, what: str) -> tuple[bool | None, list[str]]:
    """An on/off page parameter: "1"/"true"/"yes"/"on" -> True, "0"/"false"/
    "no"/"off" -> False (any case); absent -> None; anything else -> None
    with a notice."""
    values = _values(raw)
    if not values:
        return None, []
    value = values[0].casefold()
    if value in {"1", "true", "yes", "on"}:
        return True, []
    if value in {"0", "false", "no", "off"}:
        return False, []
    return None, [f"Ignored {what} {shorten(values[0])!r}: use 1 or 0."]


def parse_int(raw: str | Sequence[str] | None, what: str) -> tuple[int | None, list[str]]:
    values = _values(raw)
    if not values:
        return None, []
    if re.fullmatch(r"[+-]?\d{1,6}", values[0]):
        return int(values[0]), []
    return None, [f"Ignored {what} {shorten(values[0])!r}: not a number."]


def clean_query(raw: str | Sequence[str] | None) -> tuple[str, list[str]]:
    if raw is None:
        return "", []
    value = raw if isinstance(raw, str) else " ".join(str(v) for v in raw)
    value = " ".join(_CONTROL.sub(" ", value).split())
    if len(value) > MAX_QUERY:
        return value[:MAX_QUERY], [f"Shortened the search text to {MAX_QUERY} characters."]
    return value, []


@dataclass(frozen=True)
class FilterState:
    """The filters shared by every page. Empty tuples mean "all"."""

    types: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    stances: tuple[str, ...] = ()
    q: str = ""

    @classmethod
    def from_query_params(
        cls, params: Mapping[str, str | Sequence[str]], themes: Iterable[str]
    ) -> tuple[FilterState, list[str]]:
        """Parse `type=`, `theme=`, `stance=`, `q=`; `themes` are the dataset's themes."""
        types, n1 = parse_choices(params.get("type"), STAKEHOLDER_TYPES, "stakeholder type")
        theme_values, n2 = parse_choices(params.get("theme"), themes, "theme")
        stances, n3 = parse_choices(params.get("stance"), STANCES, "stance")
        q, n4 = clean_query(params.get("q"))
        return cls(types, theme_values, stances, q), n1 + n2 + n3 + n4

    def to_query_params(self) -> dict[str, str]:
        """Only the filters that are set, comma-separated, in a stable order."""
        out = {}
        if self.types:
            out["type"] = ",".join(self.types)
        if self.themes:
            out["theme"] = ",".join(self.themes)
        if self.stances:
            out["stance"] = ",".join(self.stances)
        if self.q:
            out["q"] = self.q
        return out

    @property
    def is_empty(self) -> bool:
        return not (self.types or self.themes or self.stances or self.q)

    def describe(self) -> str:
        """Plain words for the active filters, e.g. 'Government; theme Human rights'."""
        parts = []
        if self.types:
            parts.append("types: " + ", ".join(TYPE_LABELS.get(t, t) for t in self.types))
        if self.themes:
            parts.append("themes: " + ", ".join(humanize(t) for t in self.themes))
        if self.stances:
            parts.append("stances: " + ", ".join(LABELS[s] for s in self.stances))
        if self.q:
            parts.append(f"search: “{self.q}”")
        return "; ".join(parts) if parts else "no filters"

    def slug(self) -> str:
        """A short file-name-safe summary: 'type-government_theme-human_rights'."""
        parts = []
        for key, values in (("type", self.types), ("theme", self.themes), ("stance", self.stances)):
            if values:
                parts.append(key + "-" + "+".join(values))
        if self.q:
            parts.append("q-" + re.sub(r"[^a-z0-9]+", "-", self.q.lower()).strip("-")[:20])
        slug = "_".join(parts) or "all"
        return re.sub(r"[^A-Za-z0-9_+.-]", "", slug)[:80]

    def apply(self, table: pd.DataFrame) -> pd.DataFrame:
        """Keep rows of a flat position table that pass every filter."""
        mask = pd.Series(True, index=table.index)
        if self.types:
            mask &= table["type"].isin(self.types)
        if self.themes:
            wanted = set(self.themes)
            mask &= table["theme_list"].map(lambda ts: bool(wanted.intersection(ts)))
        if self.stances:
            mask &= table["stance"].isin(self.stances)
        if self.q:
            needle = self.q.casefold()
            haystack = table["search_text"]
            mask &= haystack.str.contains(needle, regex=False)
        return table[mask]


def unknown_params(params: Iterable[str], page: str) -> list[str]:
    """Parameter names that neither the filters nor this page understand."""
    known = set(FILTER_KEYS) | set(PAGE_PARAMS.get(page, ())) | set(STREAMLIT_PARAMS)
    return [p for p in params if p not in known]
