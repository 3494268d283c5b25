"""Positions over time: the map as it stood on a date, and what changed
between two dates.

Plain functions over the flat position table (`analysis.position_table`)
and a dataset's events and signatories; nothing here knows about Streamlit
or about a particular dataset. Dates are ISO strings (`YYYY-MM-DD`), which
compare correctly as text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from components.analysis import PAIR, current_positions
from components.dataset import Dataset
from components.params import parse_date
from components.vocab import stance_label

# What a change between two dates is, in the order a reader wants them.
CHANGE_KINDS: dict[str, str] = {
    "changed": "Changed stance",
    "new_position": "New position",
    "first_position": "First position of this stakeholder",
    "restated": "Restated (same stance, newer statement)",
}
MOVES = ("changed", "new_position", "first_position")


@dataclass(frozen=True)
class AsOf:
    """The rows known on a date, and how many undated rows that leaves out."""

    table: pd.DataFrame
    undated_left_out: int = 0


def known_on(table: pd.DataFrame, asof: str | None) -> AsOf:
    """Rows dated on or before `asof`. Without a date every row counts;
    with one, undated rows are left out (and counted) because nobody can
    say whether they were known then."""
    if not asof:
        return AsOf(table, 0)
    dated = table["source_date"] != ""
    return AsOf(table[dated & (table["source_date"] <= asof)], int((~dated).sum()))


def positions_on(table: pd.DataFrame, asof: str | None) -> AsOf:
    """The current position of each (stakeholder, provision) as it stood on
    `asof`: the latest statement on or before that date."""
    known = known_on(table, asof)
    return AsOf(current_positions(known.table), known.undated_left_out)


def positions_on_each(
    table: pd.DataFrame, dates: list[str], columns: Sequence[str] | None = None
) -> list[pd.DataFrame]:
    """positions_on(table, d).table for each date d (only `columns`, when
    given: each date's map is a copy of its rows), in one pass: the dated
    rows are put in (date, file row) order once, and going through the dates
    from the earliest, each (stakeholder, provision) pair's latest row so far
    is kept up to date with the rows up to that date. Sorting is on integer
    codes (a date's rank among the dates, the file row), not on text."""
    source = table if columns is None else table[list(columns)]
    stamps = table["source_date"].to_numpy(dtype=object)
    dated = np.flatnonzero(stamps != "")
    stamps, rows = stamps[dated], table["row"].to_numpy()[dated]
    order = np.lexsort((rows, pd.factorize(stamps, sort=True)[0]))  # a date's rank: hashed, not sorted text
    # Row positions in `table`, in (date, file row) order; only these integer
    # arrays are reordered, and each date's map is taken from `source` once.
    at = dated[order]
    stamps, rows = stamps[order], rows[order]
    pairs = table.groupby(PAIR, sort=False).ngroup().to_numpy()[at]
    latest = np.full(int(pairs.max()) + 1 if len(pairs) else 0, -1)
    out: list[pd.DataFrame] = [source.iloc[:0]] * len(dates)
    done = 0
    for i in sorted(range(len(dates)), key=lambda k: dates[k]):
        cut = int(np.searchsorted(stamps, dates[i], side="right"))
        if cut > done:
            # rows come in date order, so the largest position is the pair's latest row
            np.maximum.at(latest, pairs[done:cut], np.arange(done, cut))
            done = cut
        known = np.sort(latest[latest >= 0])
        out[i] = source.take(at[known[np.argsort(rows[known], kind="stable")]])
    return out


def signatories_on(signatories: pd.DataFrame, asof: str | None) -> pd.DataFrame:
    """Signatures and ratifications as they stood on `asof`: later dates are
    blanked and States with neither date by then are left out."""
    if not asof or signatories.empty:
        return signatories
    out = signatories.copy()
    for column in ("signature_date", "ratification_date"):
        out[column] = out[column].where(out[column] <= asof, "")
    keep = (out["signature_date"] != "") | (out["ratification_date"] != "")
    return out[keep].reset_index(drop=True)


@dataclass(frozen=True)
class Milestone:
    date: str
    title: str
    category: str

    @property
    def label(self) -> str:
        return f"{self.date}: {self.title}"


def milestones(events: pd.DataFrame, as_of: str | None = None) -> list[Milestone]:
    """The dataset's own events as date presets, oldest first, one per date
    (the first listed wins), none after the data's `as_of`."""
    if events.empty:
        return []
    rows = events[events["date"] != ""].sort_values("date", kind="stable")
    if as_of:
        rows = rows[rows["date"] <= as_of]
    rows = rows.drop_duplicates("date", keep="first")
    return [Milestone(str(r.date), str(r.title), str(r.category)) for r in rows.itertuples()]


def previous_milestone(points: list[Milestone], until: str) -> str | None:
    """The latest milestone strictly before `until` (the default `since`)."""
    before = [m.date for m in points if m.date < until]
    return before[-1] if before else None


@dataclass
class DateWindow:
    """A checked `since`/`until` pair, with the notices a page shows."""

    since: str | None
    until: str | None
    notices: list[str] = field(default_factory=list)


def _checked(raw: str | Sequence[str] | None, name: str, as_of: str | None) -> tuple[str | None, list[str]]:
    """A date from the URL; one after the data's `as_of` falls back to it."""
    day, notices = parse_date(raw, name)
    if day and as_of and day > as_of:
        return as_of, [*notices, f"{name} {day} is after the data's last check ({as_of}); showing {as_of} instead."]
    return day, notices


def window(
    since: str | Sequence[str] | None, until: str | Sequence[str] | None, as_of: str | None, points: list[Milestone]
) -> DateWindow:
    """`since` and `until` from the URL with sensible defaults: until the
    data's `as_of`, since the milestone before it (or the earliest date).
    Reversed dates are swapped, with a notice."""
    s, notices = _checked(since, "since", as_of)
    u, more = _checked(until, "until", as_of)
    notices += more
    if u is None:
        u = as_of
    if s is not None and u is not None and s > u:
        s, u = u, s
        notices.append(f"since was after until; showing {s} to {u}.")
    if s is None and u is not None:
        s = previous_milestone(points, u)
    return DateWindow(s, u, notices)


CHANGE_COLUMNS = [
    "kind",
    "stakeholder_id",
    "provision_id",
    "stance_before",
    "stance",
    "score_delta",
    "date_before",
    "source_date",
    "position_id_before",
    "position_id",
]


# The earlier statement's columns a change row carries (with the suffix "_before").
BEFORE_COLUMNS = ("position_id", "stance", "score", "source_date", "source_url")


def changes(table: pd.DataFrame, since: str | None, until: str | None) -> pd.DataFrame:
    """What moved after `since` up to and including `until`: for each pair
    whose latest statement changed in that window, the stance before and
    after, the kind of change and both rows' ids. `since` None means from
    the beginning (every position is then new)."""
    # The map before needs only what a change row shows of the earlier statement.
    before_columns = [c for c in table.columns if c in {*PAIR, *BEFORE_COLUMNS}]
    if since and until:
        (before,) = positions_on_each(table, [since], before_columns)
        (after,) = positions_on_each(table, [until])
    else:
        before = positions_on(table, since).table[before_columns] if since else table[before_columns].iloc[0:0]
        after = positions_on(table, until).table
    if since:
        after = after[after["source_date"] > since]
    merged = after.merge(before, on=PAIR, how="left", suffixes=("", "_before"))
    had_any = set(before["stakeholder_id"])
    missing = merged["position_id_before"].isna()
    kind = pd.Series("restated", index=merged.index)
    kind[~missing & (merged["stance"] != merged["stance_before"])] = "changed"
    kind[missing] = "new_position"
    kind[missing & ~merged["stakeholder_id"].isin(had_any)] = "first_position"
    merged = merged.assign(
        kind=kind,
        score_delta=merged["score"] - merged["score_before"],
        date_before=merged["source_date_before"],
    )
    order = {k: i for i, k in enumerate(CHANGE_KINDS)}
    merged = merged.assign(_order=merged["kind"].map(order)).sort_values(
        ["_order", "source_date", "row"], kind="stable"
    )
    rest = [c for c in merged.columns if c not in CHANGE_COLUMNS and c != "_order"]
    return merged[CHANGE_COLUMNS + rest].reset_index(drop=True)


def signatory_changes(signatories: pd.DataFrame, since: str | None, until: str | None) -> pd.DataFrame:
    """Signatures and ratifications dated after `since` up to `until`, one
    row per act, oldest first: columns date, country, iso3, act."""
    rows: list[dict[str, str]] = []
    for column, act in (("signature_date", "signature"), ("ratification_date", "ratification")):
        if signatories.empty or column not in signatories:
            continue
        dates = signatories[column]
        hit = (dates != "") & ((dates > since) if since else True) & ((dates <= until) if until else True)
        for r in signatories[hit].itertuples():
            rows.append({"date": str(getattr(r, column)), "country": str(r.country), "iso3": str(r.iso3), "act": act})
    out = pd.DataFrame(rows, columns=["date", "country", "iso3", "act"])
    return out.sort_values(["date", "act", "country"], kind="stable").reset_index(drop=True)


def moved_provisions(change_table: pd.DataFrame) -> pd.DataFrame:
    """Per provision: how many stakeholders moved (changed, new or first
    positions; restatements do not count) and the net shift of the changed
    stances on the -2..+2 scale, most moved first."""
    moves = change_table[change_table["kind"].isin(MOVES)]
    if moves.empty:
        return pd.DataFrame(columns=["provision_id", "moves", "changed", "net_shift"])
    grouped = moves.groupby("provision_id", sort=False)
    out = pd.DataFrame(
        {
            "moves": grouped.size(),
            "changed": (moves["kind"] == "changed").groupby(moves["provision_id"], sort=False).sum().astype(int),
            "net_shift": grouped["score_delta"].sum(min_count=1).fillna(0),
        }
    ).reset_index()
    return out.sort_values(["moves", "changed"], ascending=False, kind="stable").reset_index(drop=True)


REPORT_COLUMNS = {
    "change": "Change",
    "stakeholder": "Stakeholder",
    "label": "Provision",
    "title": "Title",
    "stance_before_text": "Stance before",
    "stance_text": "Stance now",
    "date_before": "Date before",
    "source_date": "Date now",
    "summary": "Latest statement (our summary)",
    "source_url_before": "Source before",
    "source_url": "Source now",
}


def change_report(change_table: pd.DataFrame) -> pd.DataFrame:
    """The change list as a reader (and a spreadsheet) sees it: one row per
    change, human labels for the kind and the stances, both statements' dates
    and sources. Column names are the keys of REPORT_COLUMNS."""
    if change_table.empty:
        return pd.DataFrame(columns=list(REPORT_COLUMNS))

    def label(stance: object) -> str:
        return stance_label(str(stance)) if isinstance(stance, str) and stance else ""

    def labels(column: pd.Series) -> pd.Series:
        return column.map({value: label(value) for value in column.unique()})

    out = change_table.assign(
        change=change_table["kind"].map(CHANGE_KINDS),
        stance_before_text=labels(change_table["stance_before"]),
        stance_text=labels(change_table["stance"]),
        date_before=change_table["date_before"].fillna(""),
        source_url_before=change_table["source_url_before"].fillna(""),
    )
    return out[list(REPORT_COLUMNS)].reset_index(drop=True)


def change_counts(change_table: pd.DataFrame, acts: pd.DataFrame) -> dict[str, int]:
    """Headline counts of a change list and the signatory acts in the same window."""
    kinds = change_table["kind"].value_counts() if not change_table.empty else pd.Series(dtype=int)
    return {
        "changed": int(kinds.get("changed", 0)),
        "new_position": int(kinds.get("new_position", 0)),
        "first_position": int(kinds.get("first_position", 0)),
        "signature": int((acts["act"] == "signature").sum()) if not acts.empty else 0,
        "ratification": int((acts["act"] == "ratification").sum()) if not acts.empty else 0,
    }


@dataclass(frozen=True)
class ChangeSet:
    """Everything the changes page and its download show for one window."""

    report: pd.DataFrame
    moved: pd.DataFrame
    acts: pd.DataFrame
    counts: dict[str, int]
    undated_left_out: int


def change_set(ds: Dataset, table: pd.DataFrame, since: str | None, until: str | None) -> ChangeSet:
    """The change list between two dates over `table` (a filtered position
    table), the provisions that moved most with their labels, and the
    dataset's signatures and ratifications in the same window."""
    found = changes(table, since, until)
    moved = moved_provisions(found)
    labels = ds.provisions.set_index("provision_id")[["label", "title"]]
    moved = moved.join(labels, on="provision_id")[["label", "title", "moves", "changed", "net_shift"]]
    acts = signatory_changes(ds.signatories, since, until)
    undated = known_on(table, until).undated_left_out if until else 0
    return ChangeSet(change_report(found), moved, acts, change_counts(found, acts), undated)


def dataset_on(ds: Dataset, asof: str | None) -> Dataset:
    """The dataset as it stood on `asof`: positions stated on or before it
    (undated ones left out, with a notice), signatures and ratifications
    dated by then, events up to then. Every page shown through it shows the
    map of that date. Its fingerprint differs, so caches keep both apart."""
    if not asof:
        return ds
    dated = ds.positions["source_date"] != ""
    undated = int((~dated).sum())
    positions = ds.positions[dated & (ds.positions["source_date"] <= asof)].reset_index(drop=True)
    events = ds.events[(ds.events["date"] != "") & (ds.events["date"] <= asof)] if not ds.events.empty else ds.events
    return replace(
        ds,
        positions=positions,
        signatories=signatories_on(ds.signatories, asof),
        events=events.reset_index(drop=True),
        fingerprint=f"{ds.fingerprint}@{asof}",
        shown_as_of=asof,
        undated_left_out=undated,
    )


@dataclass(frozen=True)
class Snapshot:
    """The current positions as they stood on one date (a milestone or the
    data's as-of date), for the grid over time: the SNAPSHOT_COLUMNS of each
    current position (every column on the last, latest frame)."""

    date: str
    label: str
    positions: pd.DataFrame


MAX_FRAMES = 8


# What the grid over time and its table read of each frame's positions.
SNAPSHOT_COLUMNS = ("position_id", *PAIR, "score", "stance", "short_name", "label", "source_date", "row")


def snapshots(
    table: pd.DataFrame, points: list[Milestone], as_of: str | None, limit: int = MAX_FRAMES
) -> list[Snapshot]:
    """The frames of the stance grid over time: the map at each milestone
    where it differs from the one before (and has any position), and at the
    data's as-of date (or the latest statement) last; at most `limit`,
    evenly spread, the last always kept."""
    last = as_of or (table.loc[table["source_date"] != "", "source_date"].max() if not table.empty else None)
    dates = [(m.date, m.label) for m in points if not last or m.date < last]
    if last:
        dates.append((str(last), f"{last}: latest"))
    # The map changes between two dates only if a statement is dated in between:
    # count the statements known by each date (one sorted pass) and keep the
    # dates where that count grew, before building any map.
    known = table.loc[table["source_date"] != "", "source_date"].sort_values().to_numpy()
    kept: list[tuple[str, str]] = []
    seen = 0
    for date, label in dates:
        n = int(known.searchsorted(date, side="right"))
        if n > seen:
            kept.append((date, label))
            seen = n
    if len(kept) > limit:
        step = (len(kept) - 1) / (limit - 1)
        kept = [kept[round(i * step)] for i in range(limit)]
    # Every frame but the last carries what the frames of the animation read;
    # the last, drawn as the figure itself with full hovers, carries every column.
    days = [date for date, _ in kept]
    maps = positions_on_each(table, days[:-1], [c for c in SNAPSHOT_COLUMNS if c in table.columns])
    maps += positions_on_each(table, days[-1:])
    return [Snapshot(date, label, frame) for (date, label), frame in zip(kept, maps, strict=True)]


def snapshot_counts(frames: list[Snapshot]) -> pd.DataFrame:
    """The grid over time as a table (its text alternative): per date, how
    many stakeholders had a position and how many positions of each stance."""
    from components.vocab import STANCES

    rows = []
    for f in frames:
        counts = f.positions["stance"].value_counts()
        rows.append(
            {
                "date": f.date,
                "milestone": f.label.partition(": ")[2],
                "stakeholders": int(f.positions["stakeholder_id"].nunique()),
                **{s: int(counts.get(s, 0)) for s in STANCES},
            }
        )
    return pd.DataFrame(rows)


def stance_strip(table: pd.DataFrame, stakeholder_id: str) -> pd.DataFrame:
    """Every dated statement of one stakeholder, oldest first, with whether
    it changed the stance on that provision: the rows of its strip over time."""
    rows = table[(table["stakeholder_id"] == stakeholder_id) & (table["source_date"] != "")]
    rows = rows.sort_values(["source_date", "row"], kind="stable")
    previous = rows.groupby("provision_id")["stance"].shift()
    return rows.assign(changed=previous.notna() & (previous != rows["stance"]))
