"""What the data says: current positions, history, contestation, agreement.

Every function takes DataFrames (or a Dataset) and returns new ones; nothing
here knows about Streamlit, and nothing assumes a particular dataset.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from components.dataset import Dataset
from components.filters import FilterState
from components.vocab import STANCES, WHOLE_INSTRUMENT

PAIR = ["stakeholder_id", "provision_id"]

# Two stakeholders' agreement is measured only over at least this many shared
# provisions (the Compare and Network pages and the Briefing all use it).
MIN_SHARED = 3

TABLE_COLUMNS = [
    "position_id",
    "stakeholder_id",
    "stakeholder",
    "short_name",
    "type",
    "provision_id",
    "label",
    "title",
    "number",
    "chapter",
    "themes",
    "theme_list",
    "stance",
    "score",
    "summary",
    "quote",
    "speaker",
    "source_title",
    "source_publisher",
    "source_kind",
    "source_url",
    "read_url",
    "source_date",
    "evidence",
    "row",
    "search_text",
]


def ordered_provisions(ds: Dataset) -> pd.DataFrame:
    """Provisions in reading order: the instrument as a whole first, then by
    article number, then as listed in the file."""
    provisions = ds.provisions.copy()
    provisions["_whole"] = provisions["provision_id"].ne(WHOLE_INSTRUMENT)
    provisions["_file_order"] = range(len(provisions))
    provisions = provisions.sort_values(["_whole", "number", "_file_order"], na_position="last", kind="stable")
    return provisions.drop(columns=["_whole", "_file_order"]).reset_index(drop=True)


def display_names(ds: Dataset) -> pd.Series:
    """stakeholder_id -> the short name when given, else the full name."""
    s = ds.stakeholders.set_index("stakeholder_id")
    return s["short_name"].where(s["short_name"] != "", s["name"])


def position_table(ds: Dataset) -> pd.DataFrame:
    """Every position joined with its stakeholder and provision: one flat row
    per position, the table pages, filters and exports work from."""
    stakeholders = ds.stakeholders[["stakeholder_id", "name", "short_name", "type"]].rename(
        columns={"name": "stakeholder"}
    )
    stakeholders = stakeholders.assign(
        short_name=stakeholders["short_name"].where(stakeholders["short_name"] != "", stakeholders["stakeholder"])
    )
    provisions = ds.provisions[["provision_id", "label", "title", "number", "chapter", "themes", "theme_list"]]
    table = ds.positions.merge(stakeholders, on="stakeholder_id", how="left").merge(
        provisions, on="provision_id", how="left"
    )
    table["search_text"] = (
        table["stakeholder"]
        + "\n"
        + table["short_name"]
        + "\n"
        + table["label"]
        + "\n"
        + table["title"]
        + "\n"
        + table["summary"]
        + "\n"
        + table["quote"]
        + "\n"
        + table["source_title"]
        + "\n"
        + table["source_publisher"]
        + "\n"
        + table["speaker"]
    ).str.casefold()
    return table[TABLE_COLUMNS]


def current_positions(table: pd.DataFrame) -> pd.DataFrame:
    """One row per (stakeholder, provision): the one with the latest
    source_date. Undated rows count as oldest; ties go to the later row in
    the file."""
    if table.empty:
        return table
    # Ordered on integer codes (a date's rank, "" first; the file row) and
    # taken from the table once: sorting and copying the text columns three
    # times cost most of the first run of every page on large data.
    dates = table["source_date"].to_numpy(dtype=object)
    rows = table["row"].to_numpy()
    order = np.lexsort((rows, pd.factorize(dates, sort=True)[0]))  # a date's rank: hashed, not sorted text
    pairs = table.groupby(PAIR, sort=False, dropna=False).ngroup().to_numpy()[order]
    _, first_from_end = np.unique(pairs[::-1], return_index=True)
    latest = order[len(order) - 1 - first_from_end]
    return table.take(latest[np.argsort(rows[latest], kind="stable")])


def history(table: pd.DataFrame, stakeholder_id: str | None = None) -> pd.DataFrame:
    """Rows of the pairs that have more than one position, oldest first, with
    `changed` True where the stance differs from the previous one."""
    rows = table if stakeholder_id is None else table[table["stakeholder_id"] == stakeholder_id]
    counts = rows.groupby(PAIR)["row"].transform("size")
    rows = rows[counts > 1]
    if rows.empty:
        return rows.assign(changed=pd.Series(dtype=bool))
    rows = rows.assign(_date=rows["source_date"].replace("", "0000-00-00")).sort_values(
        [*PAIR, "_date", "row"], kind="stable"
    )
    previous = rows.groupby(PAIR)["stance"].shift()
    rows = rows.assign(changed=previous.notna() & (previous != rows["stance"]))
    return rows.drop(columns="_date")


def filtered_positions(ds: Dataset, filters: FilterState) -> pd.DataFrame:
    """The current positions that pass the view's filters."""
    return filters.apply(current_positions(position_table(ds)))


def stance_matrix(current: pd.DataFrame) -> pd.DataFrame:
    """Scores as a stakeholder x provision table (NaN where no stance)."""
    if current.empty:
        return pd.DataFrame()
    return current.pivot(index="stakeholder_id", columns="provision_id", values="score")


def stance_counts(current: pd.DataFrame) -> pd.DataFrame:
    """Per provision: how many stakeholders take each stance, the support
    (score > 0), mixed and opposition (score < 0) totals, and contestation."""
    columns = ["provision_id", *STANCES, "for", "mixed_total", "against", "n", "mean_score", "contestation"]
    if current.empty:
        return pd.DataFrame(columns=columns)
    counts = pd.crosstab(current["provision_id"], current["stance"]).reindex(columns=list(STANCES), fill_value=0)
    counts["for"] = counts["support"] + counts["qualified_support"]
    counts["mixed_total"] = counts["mixed"]
    counts["against"] = counts["concern"] + counts["oppose"]
    counts["n"] = counts[list(STANCES)].sum(axis=1)
    scores = pd.to_numeric(current["score"], errors="coerce").astype(float)
    grouped = scores.groupby(current["provision_id"])
    counts["mean_score"] = grouped.mean()
    # `contestation` of each provision's scores, for all provisions at once
    # (a Python call per provision took 0.2 s at 200 provisions x 1,500
    # stakeholders); rounded so equal divisions tie whatever the row order.
    spread = (scores - grouped.transform("mean")).abs().groupby(current["provision_id"]).mean() / 2
    counts["contestation"] = spread.where(grouped.count() >= 2, 0.0).round(12)
    return counts.reset_index()[columns]


def contestation(scores: pd.Series) -> float:
    """How divided stakeholders are on one provision, from 0 (all take the
    same stance) to 1 (half at +2, half at -2): the mean absolute deviation of
    the scores from their mean, divided by 2. Fewer than two stances: 0."""
    values = pd.Series(scores, dtype=float).dropna()
    if len(values) < 2:
        return 0.0
    return round(float((values - values.mean()).abs().mean() / 2), 12)


def most_contested(current: pd.DataFrame, provisions: pd.DataFrame, n: int = 10, min_stances: int = 2) -> pd.DataFrame:
    """The n provisions that divide stakeholders most (contestation, then more
    stances first, then reading order), with label and title; only provisions
    with at least `min_stances` stances and someone on each side of zero, so
    that a provision all critics agree on is not called contested."""
    counts = stance_counts(current)
    if counts.empty:
        return counts.assign(label=pd.Series(dtype=str), title=pd.Series(dtype=str))
    order = {pid: i for i, pid in enumerate(provisions["provision_id"])}
    counts = counts[(counts["n"] >= min_stances) & (counts["for"] > 0) & (counts["against"] > 0)]
    counts = counts.assign(_order=counts["provision_id"].map(order))
    counts = counts.sort_values(["contestation", "n", "_order"], ascending=[False, False, True], kind="stable")
    labels = provisions.set_index("provision_id")[["label", "title"]]
    return counts.head(n).drop(columns="_order").join(labels, on="provision_id").reset_index(drop=True)


def agreement(a: pd.Series, b: pd.Series, min_shared: int = MIN_SHARED) -> float | None:
    """Share of agreement between two stakeholders' scores on the provisions
    both addressed: 1 - mean(|a - b|) / 4, so 1 is the same stance everywhere
    and 0 is opposite ends of the scale everywhere. None when they share fewer
    than `min_shared` provisions."""
    shared = pd.concat([a, b], axis=1, join="inner").dropna()
    if len(shared) < min_shared:
        return None
    return float(1 - (shared.iloc[:, 0] - shared.iloc[:, 1]).abs().mean() / 4)


def progress_text(n: int, threshold: int | None, noun: str = "") -> str:
    """How far towards a threshold, for a metric: "3 of 40", or once past
    it "66 (of 40 needed)"; just "3" without a threshold. `noun` goes after
    the count ("0 of 40 ratifications", "66 ratifications (of 40 needed)")."""
    if not threshold:
        return f"{n}{noun}"
    if n > threshold:
        return f"{n}{noun} (of {threshold} needed)"
    return f"{n} of {threshold}{noun}"


def progress_metric(n: int, threshold: int | None, what: str = "Ratifications") -> tuple[str, str]:
    """(label, value) of a narrow metric: ("Ratifications", "3 of 40"); past
    the threshold ("Ratifications (40 needed)", "66"), which fits where
    "66 (of 40 needed)" would be cut off."""
    if threshold and n > threshold:
        return f"{what} ({threshold} needed)", f"{n}"
    return what, progress_text(n, threshold)


@dataclass(frozen=True)
class Headline:
    stakeholders: int
    provisions_with_positions: int
    positions: int
    signatures: int | None
    ratifications: int | None
    threshold: int | None
    as_of: str | None


def headline(ds: Dataset, current: pd.DataFrame) -> Headline:
    """The figures the Overview opens with. Signatures and ratifications are
    None when the dataset has no signatories file."""
    signatures = ratifications = None
    if ds.has_signatories:
        signatures, ratifications = ratification_status(ds.signatories)
    return Headline(
        stakeholders=int(current["stakeholder_id"].nunique()),
        # Counted as the stance grid draws them: the instrument as a whole is one column, so one provision.
        provisions_with_positions=int(current["provision_id"].nunique()),
        positions=len(current),
        signatures=signatures,
        ratifications=ratifications,
        threshold=ds.meta.ratification_threshold,
        as_of=ds.meta.as_of,
    )


def ratification_status(signatories: pd.DataFrame) -> tuple[int, int]:
    """(states that signed, states that ratified or acceded). A listed state
    with no dates at all signed on a day the sources do not give; only a row
    with a ratification date and no signature date is an accession."""
    signed = int(((signatories["signature_date"] != "") | (signatories["ratification_date"] == "")).sum())
    ratified = int((signatories["ratification_date"] != "").sum())
    return signed, ratified


def latest_events(events: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    """The n most recent events, newest first."""
    if events.empty:
        return events
    return events.sort_values("date", ascending=False, kind="stable").head(n)


def stakeholder_profile(table: pd.DataFrame, stakeholder_id: str) -> pd.DataFrame:
    """A stakeholder's current positions in reading order of provisions."""
    rows = current_positions(table[table["stakeholder_id"] == stakeholder_id])
    return rows.sort_values(["number", "row"], na_position="first", kind="stable")


def stances_on(table: pd.DataFrame, provision_id: str) -> pd.DataFrame:
    """Every stakeholder's current stance on one provision, most favourable first."""
    rows = current_positions(table[table["provision_id"] == provision_id])
    return rows.sort_values(["score", "stakeholder"], ascending=[False, True], kind="stable")


def neighbours(provisions: pd.DataFrame, provision_id: str) -> tuple[str | None, str | None]:
    """The previous and next provision ids in reading order."""
    ids = list(provisions["provision_id"])
    if provision_id not in ids:
        return None, None
    i = ids.index(provision_id)
    return (ids[i - 1] if i > 0 else None), (ids[i + 1] if i + 1 < len(ids) else None)


def themes(ds: Dataset) -> list[str]:
    """Every theme used by the dataset's provisions, in first-seen order."""
    seen: dict[str, None] = {}
    for theme_list in ds.provisions["theme_list"]:
        for theme in theme_list:
            seen.setdefault(theme, None)
    return list(seen)


@dataclass(frozen=True)
class AgreementArrays:
    """`agreement_pairs` as arrays: stakeholder `ids` in matrix order (sorted)
    and, per pair, the row numbers `a` < `b`, the agreement and the number of
    provisions both addressed."""

    ids: np.ndarray
    a: np.ndarray
    b: np.ndarray
    agreement: np.ndarray
    shared: np.ndarray


def agreement_arrays(current: pd.DataFrame, min_shared: int = MIN_SHARED) -> AgreementArrays:
    """The agreement of every pair of stakeholders with at least `min_shared`
    provisions in common, computed with a few matrix products instead of one
    join per pair, so thousands of stakeholders take seconds, not hours."""
    from components.vocab import SCORES

    matrix = stance_matrix(current)
    if matrix.empty or len(matrix) < 2:
        none = np.zeros(0, dtype=np.int64)
        ids = matrix.index.to_numpy() if not matrix.empty else np.zeros(0, dtype=object)
        return AgreementArrays(ids, none, none, np.zeros(0), none)
    values = matrix.to_numpy(dtype=float)
    given = ~np.isnan(values)
    scores = sorted(SCORES.values())
    # Counts and distances are whole numbers below 4 x the provisions, exact
    # in float32 up to 2**24: single precision halves the matrix products.
    exact = np.float32 if 4 * values.shape[1] < 2**24 else np.float64
    # One 0/1 indicator matrix per score; |a - b| summed over shared
    # provisions is then sum over score pairs (u, v) of |u - v| * I_u @ I_v.T.
    indicator = {s: ((values == s) & given).astype(exact) for s in scores}
    shared = given.astype(exact) @ given.astype(exact).T
    distance = np.zeros_like(shared)
    for u in scores:
        weighted = sum(abs(u - v) * indicator[v] for v in scores if v != u)
        distance += indicator[u] @ weighted.T
    i, j = np.triu_indices(len(matrix), k=1)
    in_common = shared[i, j]
    keep = in_common >= max(min_shared, 1)
    i, j, in_common = i[keep], j[keep], in_common[keep].astype(np.float64)
    return AgreementArrays(
        ids=matrix.index.to_numpy(),
        a=i,
        b=j,
        agreement=1 - distance[i, j].astype(np.float64) / in_common / 4,
        shared=in_common.astype(int),
    )


def agreement_pairs(current: pd.DataFrame, min_shared: int = MIN_SHARED) -> pd.DataFrame:
    """`agreement` for every pair of stakeholders with at least `min_shared`
    provisions in common: columns a, b, agreement, shared (a before b in
    stakeholder order). See agreement_arrays."""
    found = agreement_arrays(current, min_shared)
    return pd.DataFrame(
        {"a": found.ids[found.a], "b": found.ids[found.b], "agreement": found.agreement, "shared": found.shared},
        columns=["a", "b", "agreement", "shared"],
    )


def stance_grid(current: pd.DataFrame, provisions: pd.DataFrame, stakeholders: pd.DataFrame) -> pd.DataFrame:
    """The stance grid as a wide table, for a screen too narrow for the chart:
    one row per stakeholder with a position (in `stakeholders` order), its
    name first (column "Stakeholder"), then one column per provision
    addressed (in `provisions` order, headed by its label) holding the
    stance's symbol, empty where there is none. The last row of a pair wins,
    as in the chart."""
    from components.vocab import SYMBOLS

    if current.empty:
        return pd.DataFrame({"Stakeholder": pd.Series(dtype=str)})
    last = current.drop_duplicates(PAIR, keep="last")
    present_p, present_s = set(last["provision_id"]), set(last["stakeholder_id"])
    cols = [p for p in provisions["provision_id"] if p in present_p]
    rows = [s for s in stakeholders["stakeholder_id"] if s in present_s]
    wide = last.pivot(index="stakeholder_id", columns="provision_id", values="stance").reindex(index=rows, columns=cols)
    symbols = wide.apply(lambda column: column.map(SYMBOLS).fillna("")).astype(str)
    labels = last.drop_duplicates("provision_id").set_index("provision_id")["label"].astype(str)
    headers = [labels[p] for p in cols]
    seen: dict[str, int] = {"Stakeholder": 1}
    for k, header in enumerate(headers):  # two provisions with one label (or "Stakeholder") stay apart
        seen[header] = seen.get(header, 0) + 1
        if seen[header] > 1:
            headers[k] = f"{header} ({cols[k]})"
    symbols.columns = headers
    names = last.drop_duplicates("stakeholder_id").set_index("stakeholder_id")["short_name"].astype(str)
    symbols.insert(0, "Stakeholder", [names[s] for s in rows])
    out: pd.DataFrame = symbols.reset_index(drop=True)
    return out


TOP_STAKEHOLDERS = 40
TOP_PROVISIONS = 60


@dataclass(frozen=True)
class TopCells:
    """The part of a stance grid worth drawing by default on a large dataset."""

    positions: pd.DataFrame
    stakeholders: int
    provisions: int
    shown_stakeholders: int
    shown_provisions: int

    @property
    def is_cut(self) -> bool:
        return self.shown_stakeholders < self.stakeholders or self.shown_provisions < self.provisions


def top_ids(current: pd.DataFrame, column: str, n: int) -> list[str]:
    """The n values of `column` with the most rows, most first; ties keep the
    order in which they first appear."""
    counts = current.groupby(column, sort=False).size()
    return list(counts.sort_values(ascending=False, kind="stable").index[:n])


def top_cells(
    current: pd.DataFrame, n_stakeholders: int = TOP_STAKEHOLDERS, n_provisions: int = TOP_PROVISIONS
) -> TopCells:
    """The current positions of the n_stakeholders with the most positions, on
    the n_provisions they address most, so a 1,500 x 200 grid becomes a
    readable 40 x 60 one; a grid within both limits comes back whole."""
    stakeholders = int(current["stakeholder_id"].nunique())
    provisions = int(current["provision_id"].nunique())
    rows = current
    if stakeholders > n_stakeholders:
        rows = rows[rows["stakeholder_id"].isin(top_ids(rows, "stakeholder_id", n_stakeholders))]
    if rows["provision_id"].nunique() > n_provisions:
        rows = rows[rows["provision_id"].isin(top_ids(rows, "provision_id", n_provisions))]
    return TopCells(
        positions=rows,
        stakeholders=stakeholders,
        provisions=provisions,
        shown_stakeholders=int(rows["stakeholder_id"].nunique()),
        shown_provisions=int(rows["provision_id"].nunique()),
    )
