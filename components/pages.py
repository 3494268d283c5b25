"""The registry of pages and URL parameters: the one place that says which
pages the app has (path, title, icon, file) and which link parameters each
understands, with the parser that reads them, plus the filters shared by
every page.

Everything else comes from here: app.py's navigation, the URL parameter
whitelist (`unknown_params`), page links (`ui.page_link(pages.PROVISIONS, ...)`),
the URL fuzz tests and the README's tables (`readme_tables`, checked by
tests/test_pages.py). To add a page or a parameter, add it here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from components import params
from components.vocab import (
    LABELS,
    SOURCE_KIND_LABELS,
    SOURCE_KINDS,
    STAKEHOLDER_TYPES,
    STANCES,
    TYPE_LABELS,
    humanize,
    stance_label,
)

# Parameters Streamlit itself understands.
STREAMLIT_PARAMS = ("embed", "embed_options")


@dataclass(frozen=True)
class Param:
    """A page parameter: its name in the URL, what it accepts (README wording)
    and the parser the page reads it with (components.params)."""

    name: str
    doc: str
    parser: Callable[..., tuple[Any, list[str]]]


@dataclass(frozen=True)
class FilterParam:
    """A filter shared by every page: one URL parameter, one FilterState field,
    one sidebar control and one column of the position table it filters.

    `choices` is the fixed vocabulary, "dataset" for values that come from the
    dataset (themes), or None for free text. `match` says how a row passes:
    its `column` value is among those chosen ("isin"), its list shares one
    ("overlap"), or it contains the text ("contains")."""

    name: str
    field: str
    label: str
    what: str
    doc: str
    column: str
    match: Literal["isin", "overlap", "contains", "on_or_before"]
    choices: tuple[str, ...] | Literal["dataset", "date"] | None
    format: Callable[[str], str] = str
    placeholder: str = ""
    help: str | None = None
    words: Callable[[str], str] | None = None  # plain words for a summary (default: format)

    def describe(self, value: str) -> str:
        return (self.words or self.format)(value)

    def valid(self, themes: Iterable[str]) -> Iterable[str]:
        """The values a link may carry for this filter."""
        if self.choices == "dataset":
            return themes
        if self.choices == "date":
            return ()
        return self.choices or ()

    def parse(self, raw: str | Sequence[str] | None, themes: Iterable[str]) -> tuple[Any, list[str]]:
        if self.choices is None:
            return params.clean_query(raw)
        if self.choices == "date":
            day, notices = params.parse_date(raw, self.what)
            return day or "", notices
        return params.parse_choices(raw, self.valid(themes), self.what)


FILTERS: tuple[FilterParam, ...] = (
    FilterParam(
        "type",
        "types",
        "Stakeholder type",
        "stakeholder type",
        "stakeholder types",
        "type",
        "isin",
        STAKEHOLDER_TYPES,
        lambda t: TYPE_LABELS.get(t, t),
        "All types",
    ),
    FilterParam(
        "theme",
        "themes",
        "Theme",
        "theme",
        "the dataset's provision themes",
        "theme_list",
        "overlap",
        "dataset",
        humanize,
        "All themes",
    ),
    FilterParam(
        "stance",
        "stances",
        "Stance",
        "stance",
        "stances",
        "stance",
        "isin",
        STANCES,
        stance_label,
        "All stances",
        words=lambda s: LABELS.get(s, s),
    ),
    FilterParam(
        "source",
        "sources",
        "Source kind",
        "source kind",
        "source kinds",
        "source_kind",
        "isin",
        SOURCE_KINDS,
        lambda k: SOURCE_KIND_LABELS.get(k, k),
        "All sources",
        "Positions whose source is of these kinds. While this filter is set, "
        "positions that do not say what kind their source is are left out.",
    ),
    FilterParam("q", "q", "Search text", "search text", "search text", "search_text", "contains", None),
    FilterParam(
        "asof",
        "asof",
        "Positions as of",
        "date",
        "a date `YYYY-MM-DD`: every page shows positions, signatures and ratifications as they stood then",
        "source_date",
        "on_or_before",
        "date",
        help="Show the map as it stood on this date: for each stakeholder and provision, the latest statement "
        "on or before it. Positions without a date are left out while a date is set.",
        words=lambda d: f"as of {d}",
    ),
)
FILTER_KEYS = tuple(f.name for f in FILTERS)


@dataclass(frozen=True)
class Page:
    """A page of the app: its file views/<name>.py, URL path, title, icon and
    the parameters it reads from the link."""

    name: str
    url_path: str
    title: str
    icon: str
    params: tuple[Param, ...] = ()

    @property
    def file(self) -> str:
        return f"views/{self.name}.py"

    @property
    def default(self) -> bool:
        return self.url_path == ""


_ALL = Param("all", "`all=1` (draw a large view whole)", params.parse_switch)

OVERVIEW = Page("overview", "", "Overview", ":material/dashboard:", (_ALL,))
STAKEHOLDERS = Page(
    "stakeholders",
    "stakeholders",
    "Stakeholders",
    ":material/groups:",
    (Param("stakeholder", "`stakeholder=<stakeholder_id>`", params.parse_one),),
)
PROVISIONS = Page(
    "provisions",
    "provisions",
    "Provisions",
    ":material/article:",
    (Param("provision", "`provision=<provision_id>`", params.parse_one),),
)
NETWORK = Page(
    "network",
    "network",
    "Network",
    ":material/hub:",
    (
        Param("view", "`view=bipartite` or `view=agreement`", params.parse_one),
        Param("color", "`color=type` or `color=coalition`", params.parse_one),
        Param("all", "`all=1` (draw every stakeholder of a large view)", params.parse_switch),
        Param("node", "`node=<id>` (a stakeholder or provision)", params.parse_one),
    ),
)
COMPARE = Page(
    "compare",
    "compare",
    "Compare",
    ":material/compare_arrows:",
    (Param("stakeholders", "`stakeholders=<id>,<id>[,...]` (2 to 4)", params.parse_choices),),
)
TIMELINE = Page(
    "timeline",
    "timeline",
    "Timeline & ratification",
    ":material/timeline:",
    (Param("all", "`all=1` (every stakeholder lane of a large view)", params.parse_switch),),
)
CHANGES = Page(
    "changes",
    "changes",
    "What changed",
    ":material/difference:",
    (
        Param("since", "`since=YYYY-MM-DD` (default: the milestone before `until`)", params.parse_date),
        Param("until", "`until=YYYY-MM-DD` (default: the data's as-of date)", params.parse_date),
    ),
)
BRIEFING = Page(
    "briefing",
    "briefing",
    "Briefing",
    ":material/co_present:",
    (
        Param("slide", "`slide=<n>` (1-based)", params.parse_int),
        Param("since", "`since=YYYY-MM-DD` (adds a What changed slide after the title)", params.parse_date),
    ),
)
DATA = Page("data", "data", "Data & downloads", ":material/download:")
ABOUT = Page("about", "about", "About & method", ":material/info:")

PAGES: tuple[Page, ...] = (
    OVERVIEW,
    STAKEHOLDERS,
    PROVISIONS,
    NETWORK,
    COMPARE,
    TIMELINE,
    CHANGES,
    BRIEFING,
    DATA,
    ABOUT,
)
BY_PATH: dict[str, Page] = {p.url_path: p for p in PAGES}


def known_params(url_path: str) -> set[str]:
    """Every parameter name a link to this page may carry."""
    page = BY_PATH.get(url_path)
    own = {p.name for p in page.params} if page else set()
    return set(FILTER_KEYS) | own | set(STREAMLIT_PARAMS)


def unknown_params(names: Iterable[str], url_path: str) -> list[str]:
    """Parameter names that neither the filters nor this page understand."""
    known = known_params(url_path)
    return [n for n in names if n not in known]


def readme_tables() -> str:
    """The README's tables of pages and shared filters, as markdown."""
    lines = ["| page | path | parameters |", "|---|---|---|"]
    for page in PAGES:
        docs = ", ".join(p.doc for p in page.params)
        lines.append(f"| {page.title} | `/{page.url_path}` | {docs} |".replace(" |  |", " | |"))
    lines += ["", "| filter | parameter | values (comma-separated) |", "|---|---|---|"]
    for f in FILTERS:
        if f.choices is None:
            values = f"{f.doc}, up to {params.MAX_QUERY} characters"
        elif f.choices in ("dataset", "date"):
            values = f.doc
        else:
            shown = ", ".join(f"`{c}`" + (f" ({f.format(c)})" if f.format(c) != c else "") for c in f.choices)
            values = f"{f.doc}: {shown}"
        lines.append(f"| {f.label} | `{f.name}=` | {values} |")
    return "\n".join(lines)


_MARKED = re.compile(r"(<!-- pages table:[^\n]*-->\n).*?(\n<!-- end of pages table -->)", re.S)


def with_tables(readme: str) -> str:
    """The README's text with its marked pages table replaced by the registry's."""
    return _MARKED.sub(lambda m: m.group(1) + readme_tables() + m.group(2), readme)


if __name__ == "__main__":  # python -m components.pages: rewrite the README's pages table
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "README.md"
    path.write_text(with_tables(path.read_text(encoding="utf-8")), encoding="utf-8")
    print("updated the pages table in README.md")
