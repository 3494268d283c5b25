"""Where a stance comes from, in words a reader can cite: the kind of source
(the stakeholder's own statement, an official record of what it said, or a
news report about it) and who published it.

Plain functions over position rows (dicts, Series or DataFrames). The
provenance columns (`source_kind`, `source_publisher`) are optional in the
schema: without them a source reads as its title and the host of its link,
never as nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

import pandas as pd

from components.vocab import SOURCE_KIND_LABELS

# The kinds of source (vocab.SOURCE_KINDS) and how they read, defined once in vocab.
KIND_LABELS = SOURCE_KIND_LABELS

# One position: a dict of a DataFrame's records or a row of it.
Row = Mapping[Any, Any] | pd.Series
UNKNOWN_KIND = "not stated"


def _get(row: Row, column: str) -> str:
    value = row.get(column, "") if hasattr(row, "get") else ""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value).strip()


def host(url: object) -> str:
    """'https://www.hrw.org/news/...' -> 'hrw.org'; '' when there is none."""
    try:
        name = urlparse(str(url or "")).hostname or ""
    except ValueError:
        return ""
    return name.removeprefix("www.")


def kind_label(kind: object) -> str:
    """'own' -> 'own statement'; '' for a missing or unknown kind."""
    return KIND_LABELS.get(str(kind or "").strip(), "")


def publisher(row: Row) -> str:
    """Who published the source: `source_publisher`, else the link's host."""
    return _get(row, "source_publisher") or host(_get(row, "source_url"))


def badge(row: Row) -> str:
    """'own statement · Human Rights Watch', 'news report · Reuters'; without
    a kind just the publisher (or the host of the link); '' when the row has
    neither."""
    parts = [kind_label(_get(row, "source_kind")), publisher(row)]
    return " · ".join(p for p in parts if p)


def short(row: Row) -> str:
    """The source in a few words: kind and publisher when the dataset names
    the publisher ('own statement · Human Rights Watch'), else the source's
    title, else the host of its link."""
    if _get(row, "source_publisher"):
        return badge(row)
    title = _get(row, "source_title")
    if title:
        kind = kind_label(_get(row, "source_kind"))
        return f"{kind} · {title}" if kind else title
    return badge(row)


def citation(row: Row, with_date: bool = True) -> str:
    """The source as a reader cites it: 'own statement · Human Rights Watch:
    <title>, 2024-03-01'. Without a title, the badge alone."""
    title = _get(row, "source_title")
    date = _get(row, "source_date") if with_date else ""
    text = ": ".join(p for p in (badge(row), title) if p) or "source"
    return f"{text}, {date}" if date else text


def has_quote(row: Row) -> bool:
    """Quote marks go only around a non-empty `quote` (the stakeholder's own words)."""
    return bool(_get(row, "quote"))


def quoted(row: Row) -> str:
    """'“<quote>”' for a row with a quote, '' otherwise."""
    quote = _get(row, "quote")
    return f"“{quote}”" if quote else ""


def badges(positions: pd.DataFrame) -> pd.Series:
    """`badge` for every row of a position table."""
    if positions.empty:
        return pd.Series([], index=positions.index, dtype=object)
    return pd.Series([badge(r) for r in positions.to_dict("records")], index=positions.index, dtype=object)


@dataclass(frozen=True)
class SourceProfile:
    """How well-sourced a dataset is (see `source_profile`)."""

    rows: int
    by_kind: pd.DataFrame
    by_publisher: pd.DataFrame
    by_evidence: pd.DataFrame
    quoted: int
    quoted_share: float


def source_profile(positions: pd.DataFrame) -> SourceProfile:
    """How well-sourced a dataset is, from its positions.csv rows:

    - `rows`: how many positions;
    - `by_kind`: rows per source kind (own / record / report, then "not stated"),
      with their share;
    - `by_publisher`: rows per publisher (the host of the link where no
      publisher is given), most first;
    - `by_evidence`: explicit vs inferred rows;
    - `quoted`: rows carrying a verbatim quote, and `quoted_share` of all rows.
    """
    n = len(positions)

    def counted(values: pd.Series, order: list[str], name: str) -> pd.DataFrame:
        counts = values.value_counts()
        keys = [k for k in order if k in counts.index] + sorted(
            (k for k in counts.index if k not in order), key=lambda k: (-counts[k], str(k).casefold())
        )
        table = pd.DataFrame({name: keys, "rows": [int(counts[k]) for k in keys]})
        table["share"] = table["rows"] / n if n else 0.0
        return table

    kinds = (
        positions["source_kind"].fillna("").astype(str).str.strip()
        if "source_kind" in positions
        else pd.Series([""] * n, index=positions.index)
    )
    kinds = kinds.map(lambda k: KIND_LABELS.get(k, UNKNOWN_KIND))
    # A publisher reads two columns: only those become dicts (all of them took seconds on 30,000 rows).
    cited = positions[[c for c in ("source_publisher", "source_url") if c in positions.columns]]
    publishers = pd.Series([publisher(r) or "unknown" for r in cited.to_dict("records")], dtype=object)
    evidence = positions["evidence"].fillna("").astype(str) if "evidence" in positions else pd.Series([], dtype=object)
    quotes = int(positions["quote"].fillna("").astype(str).str.strip().ne("").sum()) if "quote" in positions else 0
    by_publisher = counted(publishers, [], "publisher")
    by_publisher = by_publisher.sort_values(["rows", "publisher"], ascending=[False, True], kind="stable")
    return SourceProfile(
        rows=n,
        by_kind=counted(kinds, [*KIND_LABELS.values(), UNKNOWN_KIND], "kind"),
        by_publisher=by_publisher.reset_index(drop=True),
        by_evidence=counted(evidence, ["explicit", "inferred"], "evidence"),
        quoted=quotes,
        quoted_share=quotes / n if n else 0.0,
    )


def profile_sentence(profile: SourceProfile) -> str:
    """One sentence a reader takes in at a glance: how many rows rest on
    which kind of source and how many carry the stakeholder's own words."""
    n = profile.rows
    if n == 0:
        return "The dataset has no positions yet."
    kinds = ", ".join(
        f"{rows} " + (f"{kind}{'' if rows == 1 else 's'}" if kind != UNKNOWN_KIND else "of a kind not stated")
        for kind, rows in zip(profile.by_kind["kind"], profile.by_kind["rows"], strict=True)
    )
    publishers = len(profile.by_publisher)
    return (
        f"{n} {'position rests' if n == 1 else 'positions rest'} on sources from "
        f"{publishers} {'publisher' if publishers == 1 else 'publishers'}: {kinds}; "
        f"{profile.quoted} ({profile.quoted_share:.0%}) quote the stakeholder's own words."
    )
