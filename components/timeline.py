"""Time and ratification: signatures and ratifications cumulated by day,
progress towards entry into force, a timeline of events and dated positions,
and a world map of who signed and ratified that draws with no network.

Plotly's geographic traces download their base map from a CDN, so the map is
drawn from country shapes shipped in assets/world_110m.json (built by
scripts/build_world_map.py) as ordinary filled scatter traces on a plain
longitude/latitude plane. No Streamlit here.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Hashable
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from components import analysis
from components.charts import base_layout, empty_figure
from components.safety import plot_text, wrap
from components.vocab import COLORS, EVENT_CATEGORIES, STANCES, SYMBOLS, humanize, stance_label

WORLD_FILE = Path(__file__).resolve().parent.parent / "assets" / "world_110m.json"

# Map and progress statuses, with Okabe-Ito colours (colour-blind safe); the
# "Signed" fill is also hatched, so the two are told apart without colour.
RATIFIED, SIGNED, NOT_SIGNED = "Ratified or acceded", "Signed", "Not signed"
STATUS_COLORS = {RATIFIED: "#0072B2", SIGNED: "#E69F00", NOT_SIGNED: "#e6e6e6"}
SIGNATURE_COLOR, RATIFICATION_COLOR = STATUS_COLORS[SIGNED], STATUS_COLORS[RATIFIED]
POSITION = "position"  # the timeline category of a dated position
Record = dict[Hashable, Any]  # one row of DataFrame.to_dict("records")
ITEM_COLUMNS = ["date", "kind", "category", "stakeholder_id", "who", "stance", "title", "detail", "source_url"]


# --------------------------------------------------------------------------
# Signatures and ratifications


def undated_signatories(signatories: pd.DataFrame) -> int:
    """States listed with neither date: they signed on a day the sources do
    not give, so they count as signatures but sit on no date."""
    if signatories.empty:
        return 0
    return int(((signatories["signature_date"] == "") & (signatories["ratification_date"] == "")).sum())


def cumulative_counts(signatories: pd.DataFrame) -> pd.DataFrame:
    """Signatures and ratifications (accessions included) to date, one row per
    day on which either changed: columns date (datetime64), signatures,
    ratifications. Undated rows are left out; see `undated_signatories`."""
    columns = ["date", "signatures", "ratifications"]
    if signatories.empty:
        return pd.DataFrame({c: pd.Series(dtype="datetime64[ns]" if c == "date" else int) for c in columns})
    signed = signatories.loc[signatories["signature_date"] != "", "signature_date"].value_counts()
    ratified = signatories.loc[signatories["ratification_date"] != "", "ratification_date"].value_counts()
    days = sorted(set(signed.index) | set(ratified.index))
    out = pd.DataFrame(
        {
            "date": pd.to_datetime(pd.Series(days, dtype=str)),
            "signatures": signed.reindex(days, fill_value=0).cumsum().to_numpy(),
            "ratifications": ratified.reindex(days, fill_value=0).cumsum().to_numpy(),
        }
    )
    return out[columns].astype({"signatures": int, "ratifications": int})


def ratification_progress(signatories: pd.DataFrame, threshold: int | None) -> tuple[int, int | None, str]:
    """(ratifications so far, threshold, "3 of 40 ratifications"); without a
    threshold the text is just "3 ratifications", past it "66 ratifications
    (of 40 needed)" (`analysis.progress_text`)."""
    n = analysis.ratification_status(signatories)[1] if not signatories.empty else 0
    noun = " ratification" if (threshold or n) == 1 else " ratifications"
    return n, threshold, analysis.progress_text(n, threshold, noun)


def signatory_table(signatories: pd.DataFrame) -> pd.DataFrame:
    """Signatories for display: country, iso3, status, dates, source; the
    latest movers first, undated ones last."""
    if signatories.empty:
        return pd.DataFrame(columns=["country", "iso3", "status", "signature_date", "ratification_date", "source_url"])
    table = signatories.assign(status=signatories.apply(_status, axis=1))
    latest = table[["signature_date", "ratification_date"]].max(axis=1)
    table = table.assign(_latest=latest).sort_values(["_latest", "country"], ascending=[False, True], kind="stable")
    return table[["country", "iso3", "status", "signature_date", "ratification_date", "source_url"]].reset_index(
        drop=True
    )


def _status(row: pd.Series) -> str:
    return RATIFIED if row["ratification_date"] else SIGNED


def cumulative_chart(counts: pd.DataFrame, threshold: int | None, as_of: str | None = None) -> go.Figure:
    """Step lines of signatures and ratifications over time, with the entry
    into force threshold as a labelled horizontal line."""
    if counts.empty:
        return empty_figure("No dated signatures or ratifications yet.")
    frame = counts
    if as_of and pd.Timestamp(as_of) > frame["date"].max():
        frame = pd.concat([frame, frame.tail(1).assign(date=pd.Timestamp(as_of))], ignore_index=True)
    fig = go.Figure()
    for column, name, color, dash in (
        ("signatures", "Signatures", SIGNATURE_COLOR, "dot"),
        ("ratifications", "Ratifications", RATIFICATION_COLOR, "solid"),
    ):
        fig.add_scatter(
            x=frame["date"],
            y=frame[column],
            name=name,
            mode="lines",
            line=dict(shape="hv", color=color, width=3, dash=dash),
            hovertemplate=f"%{{x|%Y-%m-%d}}: %{{y}} {name.lower()}<extra></extra>",
        )
    if threshold:
        fig.add_hline(
            y=threshold,
            line=dict(color="#1a1a1a", dash="dash", width=2),
            annotation_text=f"Entry into force: {threshold} ratifications",
            annotation_position="top left",
        )
    top = max(int(frame[["signatures", "ratifications"]].max().max()), threshold or 0)
    fig.update_yaxes(title_text="States", range=[0, top * 1.12 + 1], rangemode="tozero")
    fig.update_xaxes(title_text="")
    return base_layout(fig, height=380)


# --------------------------------------------------------------------------
# Timeline of events and dated positions


def timeline_items(events: pd.DataFrame, positions: pd.DataFrame, names: pd.Series) -> pd.DataFrame:
    """Dated events and dated positions in one table, oldest first: date,
    kind ("event" / "position"), category (the event's, or "position"),
    stakeholder_id, who, stance ("" for events), title, detail, source_url.
    `positions` is a flat position table (analysis.position_table rows);
    `names` maps stakeholder_id to a display name."""
    parts = []
    # id -> name once, then one vectorised lookup (a Python call per row took
    # 0.15 s on 30,000 positions); an id without a name stands for itself.
    by_id = names.astype(str).to_dict()

    def who(ids: pd.Series) -> pd.Series:
        return ids.map(by_id).fillna(ids).astype(str)

    if not events.empty:
        parts.append(
            pd.DataFrame(
                {
                    "date": events["date"],
                    "kind": "event",
                    "category": events["category"].replace("", "other"),
                    "stakeholder_id": events["stakeholder_id"],
                    "who": who(events["stakeholder_id"]).where(events["stakeholder_id"] != "", ""),
                    "stance": "",
                    "title": events["title"],
                    "detail": events["description"],
                    "source_url": events["source_url"],
                }
            )
        )
    dated = positions[positions["source_date"] != ""] if not positions.empty else positions
    if not dated.empty:
        parts.append(
            pd.DataFrame(
                {
                    "date": dated["source_date"],
                    "kind": POSITION,
                    "category": POSITION,
                    "stakeholder_id": dated["stakeholder_id"],
                    "who": who(dated["stakeholder_id"]),
                    "stance": dated["stance"],
                    "title": dated["label"] + ": " + dated["title"],
                    "detail": dated["summary"],
                    "source_url": dated["source_url"],
                }
            )
        )
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=str) for c in ITEM_COLUMNS})
    items = pd.concat(parts, ignore_index=True)[ITEM_COLUMNS]
    return items.sort_values(["date", "kind"], kind="stable").reset_index(drop=True)


def item_categories(items: pd.DataFrame) -> list[str]:
    """The categories present, in the vocabulary's order, positions last."""
    present = set(items["category"].unique())  # unique() is vectorised; iterating an Arrow column is not
    return [c for c in (*EVENT_CATEGORIES, POSITION) if c in present]


def filter_items(
    items: pd.DataFrame, categories: tuple[str, ...] = (), stakeholders: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Keep items whose category is chosen and, when stakeholders are chosen,
    the items of those stakeholders plus events tied to no stakeholder (the
    milestones everyone shares). Empty choices mean "all"."""
    mask = pd.Series(True, index=items.index)
    if categories:
        mask &= items["category"].isin(categories)
    if stakeholders:
        mask &= items["stakeholder_id"].isin(stakeholders) | (
            (items["kind"] == "event") & (items["stakeholder_id"] == "")
        )
    return items[mask]


MAX_LISTED = 100  # signatories listed in a table by default; a longer list on request
MAX_LANES = 25  # stakeholder lanes drawn by default (a projector screen of lanes); more on request


def busiest_stakeholders(
    items: pd.DataFrame, categories: tuple[str, ...] = (), limit: int = MAX_LANES
) -> tuple[tuple[str, ...] | None, int]:
    """(the `limit` stakeholders with the most items of `categories` (all
    when empty), ties in order of first appearance, or None when they all
    fit; how many stakeholders those items span). A chart of 1,500
    stakeholder lanes is 50,000 pixels tall and takes the browser many
    seconds to draw."""
    rows = filter_items(items, categories)
    rows = rows[rows["stakeholder_id"] != ""]
    total = int(rows["stakeholder_id"].nunique())
    if total <= limit:
        return None, total
    return tuple(analysis.top_ids(rows, "stakeholder_id", limit)), total


def category_label(category: str) -> str:
    return "Stated position" if category == POSITION else humanize(category)


def _item_hover(row: Record) -> str:
    lines = [f"<b>{plot_text(row['date'])}</b> · {plot_text(category_label(row['category']))}"]
    if row["who"]:
        lines.append(f"<b>{plot_text(row['who'], 60)}</b>")
    if row["stance"]:
        lines.append(f"Stance: <b>{plot_text(stance_label(row['stance']))}</b> on {plot_text(row['title'], 80)}")
    else:
        lines.append(wrap(plot_text(row["title"], 160)))
    if row["detail"]:
        lines.append(wrap(plot_text(row["detail"], 250)))
    return "<br>".join(lines)


def _group_hover(rows: list[Record], limit: int = 8) -> str:
    """Hover for one stakeholder's positions of one stance on one day."""
    first = rows[0]
    lines = [
        f"<b>{plot_text(first['date'])}</b> · <b>{plot_text(first['who'], 60)}</b>",
        f"Stance: <b>{plot_text(stance_label(first['stance']))}</b> on:",
    ]
    lines += [plot_text(row["title"], 80) for row in rows[:limit]]
    if len(rows) > limit:
        lines.append(f"and {len(rows) - limit} more")
    if len(rows) == 1 and first["detail"]:
        lines.append(wrap(plot_text(first["detail"], 250)))
    return "<br>".join(lines)


def _groups(rows: pd.DataFrame) -> list[tuple[tuple[str, str], list[Record]]]:
    """Rows grouped by (date, who) in sorted order, as plain records: tens of
    thousands of small groups are far cheaper as lists than as DataFrames."""
    records = rows.to_dict("records")
    records.sort(key=lambda r: (r["date"], r["who"]))  # stable: keeps file order within a group
    return [(key, list(group)) for key, group in itertools.groupby(records, key=lambda r: (r["date"], r["who"]))]


WEBGL_MARKERS = 2_000

# Lanes are packed the way timeline tools stack items: within a lane, an item
# that would touch the previous one (its marker and its symbol label, measured
# in pixels at the width the chart is drawn at) moves to a new row of the
# lane, so same-day and near-day items sit one above the other, each visible
# and hoverable, and no two labels overlap. The chart never draws narrower
# than PLOT_WIDTH (narrower screens, phones, scroll it sideways).
# 420 px of plot plus lane names of ~20 characters fit the main column of a
# 1280 px projector with the sidebar open (about 760 px), so it never scrolls there.
PLOT_WIDTH = 420  # px of plot area the packing assumes (timeline_min_width keeps at least that)
MARKER_PX = 18  # a marker and the space around it
CHAR_PX = 9  # one character of a 13 px label
ROW_PX = 26  # one row of a lane
LANE_GAP = 0.6  # rows of space between two lanes


def _label_px(text: str) -> int:
    return MARKER_PX + (CHAR_PX * len(text) + 6 if text else 0)


def pack_rows(days: list[float], widths: list[int], scale: float) -> list[int]:
    """For the items of one lane (day numbers and label widths in px, in the
    order they are drawn), the row of the lane each goes in: the first row
    whose last item ends before this one starts. `scale` is px per day."""
    ends: list[float] = []
    rows = [0] * len(days)
    for k in sorted(range(len(days)), key=lambda k: days[k]):
        start = days[k] * scale - MARKER_PX / 2
        free = next((row for row, end in enumerate(ends) if end <= start), len(ends))
        if free == len(ends):
            ends.append(0.0)
        ends[free] = start + widths[k]
        rows[k] = free
    return rows


def _markers(items: pd.DataFrame) -> pd.DataFrame:
    """One row per marker: an event, or one stakeholder's positions of one
    stance on one day (their records in `group`); with lane, label and x."""
    events = items[items["kind"] == "event"]
    marks: list[dict[str, Any]] = [
        {"lane": category_label(r["category"]), "stance": "", "date": r["date"], "label": "", "group": [r]}
        for r in events.to_dict("records")
    ]
    positions = items[items["kind"] == POSITION]
    for stance in STANCES:
        rows = positions[positions["stance"] == stance]
        for (date, who), group in _groups(rows) if not rows.empty else []:
            label = SYMBOLS[stance] + (f" ×{len(group)}" if len(group) > 1 else "")
            marks.append({"lane": plot_text(who, 40), "stance": stance, "date": date, "label": label, "group": group})
    return pd.DataFrame(marks, columns=["lane", "stance", "date", "label", "group"])


def packed_lanes(marks: pd.DataFrame, lanes: list[str]) -> tuple[list[float], list[float], list[float]]:
    """(y of each marker, the y of the middle of each lane, the y of the top
    of each lane and, last, of the bottom of the last): lanes in order, top
    to bottom, each as many rows tall as its packing needs."""
    when = pd.to_datetime(marks["date"])
    days = ((when - when.min()).dt.total_seconds() / 86_400).tolist()
    span = max(days) if days else 0.0
    scale = PLOT_WIDTH / span if span else 0.0
    widths = [_label_px(label) for label in marks["label"]]
    y = [0.0] * len(marks)
    middles: list[float] = []
    edges: list[float] = []
    top = 0.0
    by_lane = marks.groupby("lane", sort=False).indices
    for lane in lanes:
        index = list(by_lane.get(lane, []))
        rows = pack_rows([days[k] for k in index], [widths[k] for k in index], scale)
        for k, row in zip(index, rows, strict=True):
            y[k] = top + row
        height = max(rows, default=0) + 1
        edges.append(top - 0.5)
        middles.append(top + (height - 1) / 2)
        top += height + LANE_GAP
    edges.append(top - LANE_GAP - 0.5)
    return y, middles, edges


def timeline_chart(items: pd.DataFrame) -> go.Figure:
    """Events on one lane per category, positions on one lane per stakeholder;
    events are dark diamonds, positions are coloured by stance with the
    stance's symbol beside them (legend in words). Items that would overlap
    in a lane are stacked on rows of that lane (pack_rows)."""
    if items.empty:
        return empty_figure("No dated events or positions match these choices.")
    event_lanes = [category_label(c) for c in item_categories(items) if c != POSITION]
    people = items.loc[items["kind"] == POSITION, "who"]
    lanes = event_lanes + [plot_text(w, 40) for w in dict.fromkeys(sorted(people, key=str.casefold))]
    marks = _markers(items)
    y, middles, edges = packed_lanes(marks, lanes)
    marks = marks.assign(y=y)
    fig = go.Figure()
    events = marks[marks["stance"] == ""]
    if not events.empty:
        fig.add_scatter(
            x=pd.to_datetime(events["date"]),
            y=events["y"].tolist(),
            mode="markers",
            name="Event",
            marker=dict(symbol="diamond", size=15, color="#333333", line=dict(color="white", width=1)),
            customdata=[_item_hover(g[0]) for g in events["group"]],
            hovertemplate="%{customdata}<extra></extra>",
        )
    # Thousands of markers draw with WebGL; a handful stay SVG.
    scatter = go.Scattergl if len(marks) - len(events) > WEBGL_MARKERS else go.Scatter
    for stance in STANCES:
        rows = marks[marks["stance"] == stance]
        if rows.empty:
            continue
        fig.add_trace(
            scatter(
                x=pd.to_datetime(rows["date"]),
                y=rows["y"].tolist(),
                mode="markers+text",
                name=stance_label(stance),
                text=rows["label"].tolist(),
                textposition="middle right",
                textfont=dict(size=13),
                marker=dict(size=13, color=COLORS[stance], line=dict(color="#1a1a1a", width=1)),
                customdata=[_group_hover(g) for g in rows["group"]],
                hovertemplate="%{customdata}<extra></extra>",
            )
        )
    fig.update_yaxes(
        tickvals=middles,
        ticktext=lanes,
        # A thin rule between lanes (minor grid lines), so a lane of several rows reads as one.
        minor=dict(
            tickvals=[edge - LANE_GAP / 2 for edge in edges[1:-1]], showgrid=True, gridcolor="#d0d0d0", ticks=""
        ),
        range=[edges[-1] + 0.2, edges[0] - 0.2],
        showgrid=False,
        zeroline=False,
    )
    fig.update_xaxes(type="date", showgrid=True, gridcolor="#eeeeee")
    return base_layout(fig, height=int(ROW_PX * (edges[-1] - edges[0] + 0.4)) + 140)


def timeline_min_width(fig: go.Figure) -> int:
    """The width below which the packed lanes would overlap: the plot area
    the packing assumed plus the lane names (about 7 px a character) and the
    right margin. Narrower screens scroll the chart sideways."""
    names = fig.layout.yaxis.ticktext or ()
    return PLOT_WIDTH + 7 * max((len(str(n)) for n in names), default=0) + 100


# --------------------------------------------------------------------------
# The offline world map


@lru_cache(maxsize=2)
def load_world(path: Path = WORLD_FILE) -> dict[str, dict[str, Any]]:
    """iso3 -> {"iso3", "name", "rings"} (shapes) or {"iso3", "name", "point"}
    (states too small for the map's scale), from the shipped geometry."""
    data = json.loads(Path(path).read_text())
    return {country["iso3"]: country for country in data["countries"]}


def map_status(
    signatories: pd.DataFrame, world: dict[str, dict[str, Any]] | None = None
) -> tuple[pd.DataFrame, list[str]]:
    """Each listed state's status for the map (iso3, country, status,
    signature_date, ratification_date) and the listed iso3 codes the shipped
    geometry does not know (they cannot be drawn; the page names them)."""
    world = load_world() if world is None else world
    table = signatory_table(signatories)
    known = table["iso3"].isin(list(world))
    unknown = [f"{c} ({i})" for c, i in zip(table.loc[~known, "country"], table.loc[~known, "iso3"], strict=True)]
    return table[known].reset_index(drop=True), unknown


def _map_hover(row: Record) -> str:
    lines = [f"<b>{plot_text(row['country'])}</b>", plot_text(row["status"])]
    lines.append(
        f"Signed: {plot_text(row['signature_date'] or ('not signed' if row['ratification_date'] else 'date not given'))}"
    )
    if row["ratification_date"]:
        lines.append(f"Ratified or acceded: {plot_text(row['ratification_date'])}")
    return "<br>".join(lines)


def _hatch(status: str) -> dict[str, Any] | None:
    """Signed states are hatched over their colour, so they differ from
    ratified ones without colour."""
    if status != SIGNED:
        return None
    return dict(shape="/", bgcolor=STATUS_COLORS[SIGNED], fgcolor="#5c3800", solidity=0.3)


def _ring_xy(rings: list[list[float]]) -> tuple[list[float | None], list[float | None]]:
    """Flat rings -> x, y lists with None between rings (each is filled on its own)."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for ring in rings:
        xs.extend([*ring[0::2], None])
        ys.extend([*ring[1::2], None])
    return xs, ys


def world_map(status: pd.DataFrame, world: dict[str, dict[str, Any]] | None = None) -> go.Figure:
    """Countries filled by status (ratified, signed, not signed) as ordinary
    scatter traces on a longitude/latitude plane: no base map to download.
    One trace per listed state (its hover names it, with dates), one for all
    others; small states are markers. The legend says each status in words,
    and signed states are hatched as well as coloured."""
    world = load_world() if world is None else world
    fig = go.Figure()
    listed = set(status["iso3"])
    rest_x: list[float | None] = []
    rest_y: list[float | None] = []
    for iso3, country in world.items():
        if iso3 not in listed and "rings" in country:
            xs, ys = _ring_xy(country["rings"])
            rest_x += xs
            rest_y += ys
    fig.add_scatter(
        x=rest_x,
        y=rest_y,
        name=NOT_SIGNED,
        mode="lines",
        fill="toself",
        fillcolor=STATUS_COLORS[NOT_SIGNED],
        line=dict(color="#9a9a9a", width=0.6),
        text=f"{NOT_SIGNED} (or not listed in the dataset)",
        hoverinfo="text",
        hoveron="fills",
        legendgroup=NOT_SIGNED,
    )
    for name in (SIGNED, RATIFIED):  # legend entries, in words
        fig.add_scatter(
            x=[None],
            y=[None],
            name=name,
            mode="markers",
            marker=dict(symbol="square", size=14, color=STATUS_COLORS[name], line=dict(color="#1a1a1a", width=1)),
            legendgroup=name,
            hoverinfo="skip",
        )
    points: dict[str, list[Record]] = {SIGNED: [], RATIFIED: []}
    for row in status.to_dict("records"):
        country = world[row["iso3"]]
        if "point" in country:
            points[row["status"]].append({**row, "x": country["point"][0], "y": country["point"][1]})
            continue
        xs, ys = _ring_xy(country["rings"])
        fig.add_scatter(
            x=xs,
            y=ys,
            name=plot_text(row["country"]),
            mode="lines",
            fill="toself",
            fillcolor=STATUS_COLORS[row["status"]],
            fillpattern=_hatch(row["status"]),
            line=dict(color="#1a1a1a", width=0.8),
            text=_map_hover(row),
            hoverinfo="text",
            hoveron="fills",
            legendgroup=row["status"],
            showlegend=False,
        )
    for name, rows in points.items():
        if rows:
            fig.add_scatter(
                x=[r["x"] for r in rows],
                y=[r["y"] for r in rows],
                name=name,
                mode="markers",
                marker=dict(size=9, color=STATUS_COLORS[name], line=dict(color="#1a1a1a", width=1)),
                customdata=[_map_hover(r) for r in rows],
                hovertemplate="%{customdata}<extra></extra>",
                legendgroup=name,
                showlegend=False,
            )
    fig.update_xaxes(visible=False, range=[-180, 180], constrain="domain", fixedrange=False)
    fig.update_yaxes(visible=False, range=[-58, 84], scaleanchor="x", scaleratio=1, constrain="domain")
    fig = base_layout(fig, height=520)
    fig.update_layout(dragmode="pan", hoverdistance=1)
    return fig
