"""Two to four stakeholders side by side: how much they agree overall, where
each stands on every provision, and where they diverge most.

Agreement is the same measure as the network page (`analysis.agreement`, at
least three shared provisions), so a pair never gets two different numbers.
Pure functions over the current-positions table; no Streamlit here.
"""

from __future__ import annotations

from itertools import combinations
from typing import NamedTuple, cast

import pandas as pd
import plotly.graph_objects as go

from components import analysis
from components.charts import base_layout, empty_figure, stance_axis
from components.params import parse_choices
from components.safety import plot_text, wrap
from components.vocab import COLORS, SCORES, plural, stance_label

MIN_SHARED = analysis.MIN_SHARED
MAX_COMPARED = 4
FIELDS = ("stance", "score", "summary", "quote", "source_url", "source_date")
AGREE_MARK = "✔ agree"
DIFFER_MARK = "✖ differ"
ALONE_MARK = "· one only"
# One marker shape per compared stakeholder (the legend), colour by stance.
STAKEHOLDER_SYMBOLS = ("circle", "square", "diamond", "triangle-up")


def column(stakeholder_id: str, field: str) -> str:
    """The grid column holding `field` for one stakeholder, e.g. 'alpha-ngo:stance'."""
    return f"{stakeholder_id}:{field}"


def pair_agreement(current: pd.DataFrame, stakeholder_ids: list[str], min_shared: int = MIN_SHARED) -> pd.DataFrame:
    """Agreement of every pair among the chosen stakeholders (a, b, agreement,
    shared), in the order chosen; agreement is None when they share fewer
    than `min_shared` provisions."""
    matrix = analysis.stance_matrix(current[current["stakeholder_id"].isin(stakeholder_ids)])
    rows = []
    for a, b in combinations(stakeholder_ids, 2):
        if a in matrix.index and b in matrix.index:
            row_a, row_b = cast(pd.Series, matrix.loc[a]), cast(pd.Series, matrix.loc[b])
            value = analysis.agreement(row_a, row_b, min_shared)
            shared = int((row_a.notna() & row_b.notna()).sum())
        else:
            value, shared = None, 0
        rows.append({"a": a, "b": b, "agreement": value, "shared": shared})
    return pd.DataFrame(rows, columns=["a", "b", "agreement", "shared"])


def grid(current: pd.DataFrame, provisions: pd.DataFrame, stakeholder_ids: list[str]) -> pd.DataFrame:
    """One row per provision any chosen stakeholder addressed, in the order of
    `provisions` (use analysis.ordered_provisions): provision_id, label, title,
    then `<id>:stance`, `:score`, `:summary`, `:quote`, `:source_url`,
    `:source_date` per stakeholder ("" / NA where silent), then `n` (how many
    addressed it), `agree` (two or more, all the same stance), `spread` (max -
    min score) and `mark` ("✔ agree", "✖ differ" or "· one only")."""
    chosen = current[current["stakeholder_id"].isin(stakeholder_ids)]
    addressed = set(chosen["provision_id"])
    rows = provisions.loc[provisions["provision_id"].isin(addressed), ["provision_id", "label", "title"]]
    out = rows.reset_index(drop=True)
    for sid in stakeholder_ids:
        mine = chosen[chosen["stakeholder_id"] == sid].drop_duplicates("provision_id", keep="last")
        mine = mine.set_index("provision_id")
        for field in FIELDS:
            values = out["provision_id"].map(mine[field]) if not mine.empty else pd.Series(index=out.index)
            if field == "score":
                out[column(sid, field)] = values.astype("Int64")
            else:
                out[column(sid, field)] = values.fillna("").astype(str)
    scores = out[[column(s, "score") for s in stakeholder_ids]].astype("Float64") if len(out) else pd.DataFrame()
    stances = out[[column(s, "stance") for s in stakeholder_ids]]
    out["n"] = scores.notna().sum(axis=1).astype(int) if len(out) else pd.Series(dtype=int)
    distinct = stances.apply(lambda r: len({v for v in r if v}), axis=1) if len(out) else pd.Series(dtype=int)
    out["agree"] = (out["n"] >= 2) & (distinct == 1)
    spread = (scores.max(axis=1) - scores.min(axis=1)).fillna(0) if len(out) else pd.Series(dtype=float)
    out["spread"] = spread.astype(int)
    out["mark"] = [
        ALONE_MARK if n < 2 else (AGREE_MARK if agree else DIFFER_MARK)
        for n, agree in zip(out["n"], out["agree"], strict=True)
    ]
    return out


def divergence(grid_rows: pd.DataFrame) -> pd.DataFrame:
    """Provisions where the chosen stakeholders differ (two or more stances,
    spread > 0), widest spread first, then most stakeholders, then reading
    order."""
    if grid_rows.empty:
        return grid_rows
    rows = grid_rows[(grid_rows["n"] >= 2) & (grid_rows["spread"] > 0)]
    rows = rows.assign(_order=range(len(rows)))
    rows = rows.sort_values(["spread", "n", "_order"], ascending=[False, False, True], kind="stable")
    return rows.drop(columns="_order").reset_index(drop=True)


def default_choice(current: pd.DataFrame, pool: int = 6, min_shared: int = MIN_SHARED) -> list[str]:
    """Two stakeholders worth comparing when the link names none: among the
    `pool` stakeholders with most positions, the pair that agrees least
    (ties: more shared provisions). Falls back to the two with most
    positions, or fewer when the data has fewer."""
    if current.empty:
        return []
    counts = current.groupby("stakeholder_id", sort=False).size()
    first_seen = {sid: i for i, sid in enumerate(dict.fromkeys(current["stakeholder_id"]))}
    ranked = sorted(counts.index, key=lambda s: (-counts[s], first_seen[s]))
    top = ranked[:pool]
    pairs = analysis.agreement_pairs(current[current["stakeholder_id"].isin(top)], min_shared)
    if pairs.empty:
        return ranked[:2]
    rank = {sid: i for i, sid in enumerate(ranked)}
    pairs = pairs.assign(_a=pairs["a"].map(rank), _b=pairs["b"].map(rank))
    best = pairs.sort_values(["agreement", "shared", "_a", "_b"], ascending=[True, False, True, True]).iloc[0]
    return sorted([str(best["a"]), str(best["b"])], key=lambda s: rank[s])


def detail_rows(grid_rows: pd.DataFrame, stakeholder_ids: list[str], names: pd.Series) -> pd.DataFrame:
    """The grid as one row per (provision, stakeholder) who addressed it, for
    a table with summary, quote and source: provision, mark, stakeholder,
    stance, score, summary, quote, source_date, source_url."""
    records = []
    for row in grid_rows.to_dict("records"):
        for sid in stakeholder_ids:
            stance = row[column(sid, "stance")]
            if not stance:
                continue
            records.append(
                {
                    "provision": f"{row['label']}: {row['title']}",
                    "mark": row["mark"],
                    "stakeholder": str(names.get(sid, sid)),
                    "stance": stance,
                    "score": int(row[column(sid, "score")]),
                    "summary": row[column(sid, "summary")],
                    "quote": row[column(sid, "quote")],
                    "source_date": row[column(sid, "source_date")],
                    "source_url": row[column(sid, "source_url")],
                }
            )
    columns = ["provision", "mark", "stakeholder", "stance", "score", "summary", "quote", "source_date", "source_url"]
    return pd.DataFrame(records, columns=columns)


def divergence_chart(grid_rows: pd.DataFrame, stakeholder_ids: list[str], names: pd.Series) -> go.Figure:
    """A dot plot: one row per provision (widest spread on top), one marker
    per stakeholder at its score; marker shape = stakeholder (the legend),
    colour = stance, and the x axis names the stances in words and symbols.
    A grey bar spans each provision's spread."""
    rows = grid_rows[grid_rows["n"] >= 1] if not grid_rows.empty else grid_rows
    if rows.empty:
        return empty_figure("None of the chosen stakeholders has a position in view.")
    rows = rows.assign(_order=range(len(rows))).sort_values(
        ["spread", "n", "_order"], ascending=[False, False, True], kind="stable"
    )
    labels = [plot_text(f"{r['label']}: {r['title']}", 45) for r in rows.to_dict("records")]
    fig = go.Figure()
    span_x: list[float | None] = []
    span_y: list[str | None] = []
    scores = rows[[column(s, "score") for s in stakeholder_ids]].astype("Float64")
    for label, low, high in zip(labels, scores.min(axis=1), scores.max(axis=1), strict=True):
        if pd.notna(low) and high > low:
            span_x += [float(low), float(high), None]
            span_y += [label, label, None]
    fig.add_scatter(
        x=span_x, y=span_y, mode="lines", line=dict(color="#bbbbbb", width=8), hoverinfo="skip", showlegend=False
    )
    count = len(stakeholder_ids)
    for i, sid in enumerate(stakeholder_ids):
        mine = rows[rows[column(sid, "stance")] != ""]
        if mine.empty:
            continue
        name = plot_text(names.get(sid, sid), 40)
        stances = list(mine[column(sid, "stance")])
        offset = (i - (count - 1) / 2) * 0.09  # side by side when stances coincide
        hover = [
            f"<b>{name}</b> on {plot_text(r['label'])}<br>Stance: <b>{plot_text(stance_label(s))}</b><br>"
            + wrap(plot_text(r[column(sid, "summary")], 250))
            for r, s in zip(mine.to_dict("records"), stances, strict=True)
        ]
        fig.add_scatter(
            x=[SCORES[s] + offset for s in stances],
            y=[lab for lab, keep in zip(labels, rows[column(sid, "stance")] != "", strict=True) if keep],
            mode="markers",
            name=name,
            marker=dict(
                symbol=STAKEHOLDER_SYMBOLS[i % len(STAKEHOLDER_SYMBOLS)],
                size=16,
                color=[COLORS[s] for s in stances],
                line=dict(color="#1a1a1a", width=1.5),
            ),
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
        )
    stance_axis(fig, 2.6, zerolinecolor="#dddddd")
    fig.update_yaxes(autorange="reversed", type="category", categoryorder="array", categoryarray=labels)
    return base_layout(fig, height=max(260, 40 * len(rows) + 130))


def parse_stakeholders(raw: str | list[str] | None, valid: list[str]) -> tuple[list[str], list[str]]:
    """The `stakeholders=` link parameter: known ids in order, at most four,
    with a notice for unknown ids and for any beyond the fourth."""
    ids, notices = parse_choices(raw, valid, "stakeholder")
    if len(ids) > MAX_COMPARED:
        notices.append(f"Compared the first {MAX_COMPARED} of the {len(ids)} stakeholders in the link.")
    return list(ids[:MAX_COMPARED]), notices


def agreement_text(value: float | None, shared: int, min_shared: int = MIN_SHARED) -> str:
    """0.9375 -> '94%'; None -> 'n/a' (the help text says why)."""
    if value is None or pd.isna(value):
        return "n/a"
    return f"{value:.0%}"


def agreement_help(value: float | None, shared: int, min_shared: int = MIN_SHARED) -> str:
    """Why a pair has its figure: how many provisions both addressed."""
    if value is None or pd.isna(value):
        return f"No score: they share {plural(shared, 'provision')}; a score needs at least {min_shared}."
    return f"Over the {shared} provisions both addressed."


def overview_table(grid_rows: pd.DataFrame, stakeholder_ids: list[str], names: pd.Series) -> pd.DataFrame:
    """The grid at a glance: provision, mark, spread, then one column per
    stakeholder (named by its display name) with the stance in symbol and
    words ("" where it took none)."""
    out = pd.DataFrame(
        {
            "provision": (grid_rows["label"] + ": " + grid_rows["title"]) if len(grid_rows) else pd.Series(dtype=str),
            "mark": grid_rows["mark"],
            "spread": grid_rows["spread"],
        }
    )
    used = set(out.columns)
    for sid in stakeholder_ids:
        title = str(names.get(sid, sid))
        if title in used:
            title = f"{title} ({sid})"
        used.add(title)
        out[title] = grid_rows[column(sid, "stance")].map(lambda s: stance_label(s) if s else "")
    return out.reset_index(drop=True)


class Comparison(NamedTuple):
    """Everything the Compare page shows for the chosen stakeholders."""

    pairs: pd.DataFrame  # pair_agreement
    grid: pd.DataFrame  # grid: one row per provision, a column per stakeholder
    divergence_chart: go.Figure
    divergent: pd.DataFrame  # the five provisions where they diverge most
    overview: pd.DataFrame  # overview_table (empty when the grid is)
    details: pd.DataFrame  # detail_rows (empty when the grid is)


def comparison(current: pd.DataFrame, provisions: pd.DataFrame, chosen: list[str], names: pd.Series) -> Comparison:
    """The comparison of `chosen` stakeholders over the current positions in view."""
    grid_ = grid(current, provisions, chosen)
    return Comparison(
        pairs=pair_agreement(current, chosen),
        grid=grid_,
        divergence_chart=divergence_chart(grid_, chosen, names),
        divergent=divergence(grid_).head(5),
        overview=overview_table(grid_, chosen, names) if not grid_.empty else grid_,
        details=detail_rows(grid_, chosen, names) if not grid_.empty else grid_,
    )
