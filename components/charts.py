"""Plotly figure builders: DataFrame in, Figure out, one shared look.

Pages never restyle figures. Every dataset string that reaches a label or
hover goes through `safety.plot_text`, and stance is always given by symbol
or label as well as colour.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components import provenance

if TYPE_CHECKING:
    from components.history import Snapshot

from components.safety import plot_text, wrap
from components.vocab import COLORS, LABELS, SCORES, STANCES, SYMBOLS, stance_label

FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=16, color="#1a1a1a")
HOVER = dict(font_size=15, align="left", bgcolor="white", bordercolor="#555")


def base_layout(fig: go.Figure, title: str | None = None, height: int | None = None) -> go.Figure:
    """The shared look: large type for projectors, white background, no clutter."""
    fig.update_layout(
        title=dict(text=plot_text(title), x=0, font_size=20) if title else None,
        font=FONT,
        hoverlabel=HOVER,
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin=dict(l=10, r=10, t=50 if title else 10, b=10),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, title_text=""),
        height=height,
    )
    axis_font = dict(size=15, color="#1a1a1a")
    # Margins grow to fit every tick label and axis title: without this a
    # figure drawn outside Streamlit (the HTML pack) cuts labels at 10 px.
    fig.update_xaxes(tickfont=axis_font, title_font=dict(size=16, color="#1a1a1a"), automargin=True)
    fig.update_yaxes(tickfont=axis_font, title_font=dict(size=16, color="#1a1a1a"), automargin=True)
    return fig


def stance_axis(fig: go.Figure, limit: float = 2.6, **extra: object) -> go.Figure:
    """The x axis as the stance scale: ticks at the scores, labelled with
    symbol and words, zero line marking the neutral middle."""
    fig.update_xaxes(
        range=[-limit, limit],
        tickvals=[SCORES[s] for s in STANCES],
        # Symbol over words, one word a line: five labels fit a phone's width unrotated.
        ticktext=[f"{SYMBOLS[s]}<br>{LABELS[s].replace(' ', '<br>')}" for s in STANCES],
        tickangle=0,
        tickfont_size=13,
        zeroline=True,
        zerolinewidth=2,
        **extra,
    )
    return fig


def empty_figure(message: str) -> go.Figure:
    """A figure that says plainly there is nothing to draw."""
    fig = go.Figure()
    fig.add_annotation(text=plot_text(message), showarrow=False, font_size=18, x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return base_layout(fig, height=220)


def _discrete_colorscale() -> list[list[object]]:
    """Scores -2..+2 mapped to the stance colours as flat bands."""
    order = sorted(STANCES, key=lambda s: SCORES[s])
    scale = []
    for i, stance in enumerate(order):
        scale.append([i / len(order), COLORS[stance]])
        scale.append([(i + 1) / len(order), COLORS[stance]])
    return scale


def position_hover(row: Mapping[Hashable, Any] | pd.Series[Any]) -> str:
    """Hover text for one position: who, what, stance, summary, source."""
    lines = [
        f"<b>{plot_text(row['short_name'])}</b> on <b>{plot_text(row['label'])}</b>: {plot_text(row['title'], 60)}",
        f"Stance: <b>{plot_text(stance_label(row['stance']))}</b>"
        + (" (inferred)" if row.get("evidence") == "inferred" else ""),
        wrap(plot_text(row["summary"], 300)),
    ]
    lines.append("Source: " + wrap(plot_text(provenance.citation(row, with_date=False), 120)))
    lines.append(f"Date: {plot_text(row.get('source_date') or 'undated')}")
    return "<br>".join(lines)


LARGE_GRID_CELLS = 20_000


def stance_heatmap(current: pd.DataFrame, provisions: pd.DataFrame, stakeholders: pd.DataFrame) -> go.Figure:
    """Stakeholders (rows) by provisions (columns), each cell coloured by stance
    and marked with its symbol; hover gives summary and source.
    `provisions` and `stakeholders` give the order (ids in columns
    provision_id / stakeholder_id) and may include rows without positions."""
    if current.empty:
        return empty_figure("No positions match the current filters.")
    present_provisions, present_stakeholders = set(current["provision_id"]), set(current["stakeholder_id"])
    cols = [p for p in provisions["provision_id"] if p in present_provisions]
    rows = [s for s in stakeholders["stakeholder_id"] if s in present_stakeholders]
    # One pass over the positions (the last row of a pair wins), not one
    # lookup per cell: 1,500 x 200 cells take well under a second.
    col_of = {p: j for j, p in enumerate(cols)}
    row_of = {s: i for i, s in enumerate(rows)}
    z = [[None] * len(cols) for _ in rows]
    text = [[""] * len(cols) for _ in rows]
    # A huge grid (Show all on thousands of stakeholders) gives empty cells no
    # hover: hundreds of thousands of "No stance recorded" would be megabytes.
    large = len(rows) * len(cols) > LARGE_GRID_CELLS
    gap = None if large else "No stance recorded"
    hover = [[gap] * len(cols) for _ in rows]
    for record in current.to_dict("records"):
        i, j = row_of.get(record["stakeholder_id"]), col_of.get(record["provision_id"])
        if i is None or j is None:
            continue
        z[i][j] = record["score"]
        text[i][j] = SYMBOLS[record["stance"]]
        hover[i][j] = position_hover(record)
    # Arrays, not nested lists: plotly validates and copies them in one go
    # (a nested list goes through its validator cell by cell).
    z, text, hover = np.array(z, dtype=float), np.array(text, dtype=object), np.array(hover, dtype=object)  # type: ignore[assignment]
    labels = current.drop_duplicates("provision_id").set_index("provision_id")["label"]
    names = current.drop_duplicates("stakeholder_id").set_index("stakeholder_id")["short_name"]
    x = [plot_text(labels[p], 30) for p in cols]
    y = [plot_text(names[s], 40) for s in rows]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=x,
            y=y,
            text=text,
            texttemplate="%{text}",
            textfont=dict(size=16 if len(cols) <= 30 else 11),
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            hoverongaps=not large,
            colorscale=_discrete_colorscale(),
            zmin=-2.5,
            zmax=2.5,
            xgap=2,
            ygap=2,
            # The key is a legend under the grid (below), not a colour bar:
            # a colour bar takes a phone's width, and its automatic margins
            # misplace it on a wide grid. A saved image still carries the key.
            showscale=False,
        )
    )
    for stance in STANCES:  # legend entries only: one square of each stance's colour, symbol and words
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="markers",
            marker=dict(symbol="square", size=14, color=COLORS[stance]),
            name=stance_label(stance),
            hoverinfo="skip",
        )
    fig.update_xaxes(side="top", tickangle=-45 if len(cols) > 12 else 0, type="category")
    fig.update_yaxes(autorange="reversed", type="category")
    base_layout(fig, height=max(320, 36 * len(rows) + 200))
    fig.update_layout(
        legend=dict(y=-0.01, yanchor="top", x=0, title_text="Stance ", itemclick=False, itemdoubleclick=False)
    )
    return fig


def heatmap_min_width(fig: go.Figure) -> int:
    """The width below which a stance grid's cells get too thin to read
    (about 30 px a column beside the names, about 8 px a character of the
    longest name): narrower screens scroll it."""
    trace = fig.data[0] if fig.data else None
    columns = len(trace.x) if trace is not None and getattr(trace, "x", None) is not None else 0
    names = list(trace.y) if trace is not None and getattr(trace, "y", None) is not None else []
    return 40 + 8 * max((len(str(n)) for n in names), default=0) + 30 * columns


def contested_bars(contested: pd.DataFrame) -> go.Figure:
    """Support to the right, concern and opposition to the left, one bar per
    provision: how many stakeholders stand on each side."""
    if contested.empty:
        return empty_figure("No provision has stakeholders on both sides yet.")
    labels = [plot_text(f"{r.label}: {r.title}", 50) for r in contested.itertuples()]
    fig = go.Figure()
    for stance in ("oppose", "concern"):
        fig.add_bar(
            y=labels,
            x=-contested[stance],
            name=stance_label(stance),
            orientation="h",
            marker_color=COLORS[stance],
            customdata=contested[stance],
            hovertemplate=f"%{{y}}<br>{LABELS[stance]}: %{{customdata}}<extra></extra>",
        )
    fig.add_bar(
        y=labels,
        x=contested["mixed"],
        name=stance_label("mixed"),
        orientation="h",
        marker_color=COLORS["mixed"],
        hovertemplate="%{y}<br>Mixed: %{x}<extra></extra>",
        visible="legendonly" if contested["mixed"].sum() == 0 else True,
    )
    for stance in ("qualified_support", "support"):
        fig.add_bar(
            y=labels,
            x=contested[stance],
            name=stance_label(stance),
            orientation="h",
            marker_color=COLORS[stance],
            hovertemplate=f"%{{y}}<br>{LABELS[stance]}: %{{x}}<extra></extra>",
        )
    fig.update_layout(barmode="relative")
    fig.update_xaxes(title_text="← concern / oppose   ·   stakeholders   ·   support →", zeroline=True, zerolinewidth=2)
    fig.update_yaxes(autorange="reversed")
    return base_layout(fig, height=max(300, 44 * len(contested) + 120))


def stance_bars(stances: pd.DataFrame) -> go.Figure:
    """One provision: a bar per stakeholder at its score, coloured and
    labelled by stance."""
    if stances.empty:
        return empty_figure("No stakeholder has a recorded stance on this provision.")
    return _score_bars(stances, label_column="short_name")


def stakeholder_stances(profile: pd.DataFrame) -> go.Figure:
    """One stakeholder: a bar per provision at its score."""
    if profile.empty:
        return empty_figure("This stakeholder has no positions matching the filters.")
    return _score_bars(profile, label_column="label")


def _score_bars(rows: pd.DataFrame, label_column: str) -> go.Figure:
    fig = go.Figure()
    labels = [plot_text(v, 40) for v in rows[label_column]]
    for stance in STANCES:
        mask = (rows["stance"] == stance).to_numpy()
        if not mask.any():
            continue
        part = rows[mask]
        fig.add_bar(
            y=[lab for lab, m in zip(labels, mask, strict=True) if m],
            x=part["score"].replace(0, 0.15),
            orientation="h",
            name=stance_label(stance),
            marker_color=COLORS[stance],
            text=[SYMBOLS[stance]] * len(part),
            textposition="outside",
            customdata=[position_hover(r) for r in part.to_dict("records")],
            hovertemplate="%{customdata}<extra></extra>",
        )
    stance_axis(fig, 2.8)
    fig.update_yaxes(autorange="reversed", type="category", categoryorder="array", categoryarray=labels)
    return base_layout(fig, height=max(260, 34 * len(rows) + 120))


def stance_grid_over_time(
    frames: Sequence[Snapshot], provisions: pd.DataFrame, stakeholders: pd.DataFrame
) -> go.Figure:
    """The stance grid at each milestone as an animation: a slider (one step
    per date, usable by keyboard and clicker) and a play button. Rows and
    columns stay fixed across frames (everyone who ever took a position on
    any provision ever addressed), so a cell that fills or changes colour is
    a stakeholder moving. `frames` are history.Snapshot objects."""
    if not frames or all(f.positions.empty for f in frames):
        return empty_figure("No dated positions to show over time.")
    from components.analysis import top_cells

    last = top_cells(frames[-1].positions).positions
    grid = stance_heatmap(last, provisions, stakeholders)
    base = grid.data[0]
    x, y = list(base.x), list(base.y)
    present_p = set(last["provision_id"])
    present_s = set(last["stakeholder_id"])
    cols = [p for p in provisions["provision_id"] if p in present_p]
    rows = [s for s in stakeholders["stakeholder_id"] if s in present_s]
    col_of = {p: j for j, p in enumerate(cols)}
    row_of = {s: i for i, s in enumerate(rows)}

    def cells(current: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        # Short hovers (who, what, stance, date): a frame per milestone with the
        # full summaries would make the figure megabytes large. Arrays, as in
        # stance_heatmap: eight frames of nested lists took plotly a second.
        z = np.full((len(rows), len(cols)), np.nan)
        text = np.full((len(rows), len(cols)), "", dtype=object)
        hover = np.full((len(rows), len(cols)), "No stance recorded yet", dtype=object)
        shown = current[current["stakeholder_id"].isin(row_of) & current["provision_id"].isin(col_of)]
        for record in shown[
            ["stakeholder_id", "provision_id", "score", "stance", "short_name", "label", "source_date"]
        ].to_dict("records"):
            i, j = row_of.get(record["stakeholder_id"]), col_of.get(record["provision_id"])
            if i is None or j is None:
                continue
            z[i, j] = record["score"]
            text[i, j] = SYMBOLS[record["stance"]]
            hover[i, j] = (
                f"<b>{plot_text(record['short_name'], 40)}</b> on <b>{plot_text(record['label'], 30)}</b>: "
                f"{plot_text(stance_label(record['stance']))} ({plot_text(record['source_date'] or 'undated')})"
            )
        return z, text, hover

    animation = []
    for f in frames:
        z, text, hover = cells(f.positions)
        animation.append(go.Frame(data=[go.Heatmap(z=z, text=text, customdata=hover)], name=f.date))
    fig = go.Figure(
        data=[base.update(z=z, text=text, customdata=hover, x=x, y=y)], frames=animation, layout=grid.layout
    )
    steps = [
        dict(
            method="animate",
            label=plot_text(f.date),
            args=[[f.date], dict(mode="immediate", frame=dict(duration=0, redraw=True), transition=dict(duration=0))],
        )
        for f in frames
    ]
    fig.update_layout(
        sliders=[
            dict(
                active=len(frames) - 1,
                steps=steps,
                currentvalue=dict(prefix="As of ", font=dict(size=18)),
                pad=dict(t=30),
                len=0.9,
                x=0.1,
            )
        ],
        updatemenus=[
            dict(
                type="buttons",
                direction="left",
                x=0,
                y=0,
                yanchor="top",
                pad=dict(t=30),
                buttons=[
                    dict(
                        label="▶ Play",
                        method="animate",
                        args=[
                            None,
                            dict(
                                frame=dict(duration=1500, redraw=True), fromcurrent=False, transition=dict(duration=0)
                            ),
                        ],
                    ),
                    dict(
                        label="❚❚ Pause",
                        method="animate",
                        args=[[None], dict(mode="immediate", frame=dict(duration=0))],
                    ),
                ],
            )
        ],
    )
    fig.update_layout(height=(grid.layout.height or 400) + 120, margin=dict(b=120))
    return fig


def stance_strip(strip: pd.DataFrame) -> go.Figure:
    """One stakeholder's statements over time: a row per provision, a marker
    per dated statement at its date, coloured and marked by stance; a ring
    marks a statement that changed the stance."""
    if strip.empty:
        return empty_figure("This stakeholder has no dated positions.")
    fig = go.Figure()
    labels = list(dict.fromkeys(plot_text(v, 30) for v in strip["label"]))
    for stance in STANCES:
        part = strip[strip["stance"] == stance]
        if part.empty:
            continue
        fig.add_scatter(
            x=part["source_date"],
            y=[plot_text(v, 30) for v in part["label"]],
            mode="markers+text",
            name=stance_label(stance),
            text=[SYMBOLS[stance]] * len(part),
            textposition="middle right",
            marker=dict(
                size=16,
                color=COLORS[stance],
                line=dict(width=[3 if c else 1 for c in part["changed"]], color="#1a1a1a"),
            ),
            customdata=[position_hover(r) for _, r in part.iterrows()],
            hovertemplate="%{customdata}<extra></extra>",
        )
    fig.update_xaxes(type="date", title_text="Date of the statement")
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=labels, autorange="reversed")
    return base_layout(fig, height=max(220, 34 * len(labels) + 140))


# --------------------------------------------------------------------------
# Text alternatives: every chart as a table and a sentence


def _values(values: object) -> list[Any]:
    if values is None:
        return []
    if isinstance(values, dict) and "bdata" in values:  # a typed-array spec
        import base64

        decoded: list[Any] = np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
        return decoded
    if isinstance(values, list | tuple):
        return list(values)
    return list(np.asarray(values, dtype=object).ravel())


def _plain(text: object) -> str:
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", " ", str(text if text is not None else ""))).strip()


STANCE_OF_SCORE = {SCORES[s]: s for s in STANCES}
TABLE_LIMIT = 5_000


def _tick_names(fig: go.Figure, ys: list[Any]) -> list[Any]:
    """Numeric y positions on an axis labelled by named ticks (a timeline's
    packed lanes) read as the name of the nearest tick."""
    axis = fig.layout.yaxis
    if axis.tickvals is None or axis.ticktext is None or not ys:
        return ys
    ticks = np.asarray(axis.tickvals, dtype=float)
    names = list(axis.ticktext)
    if not all(isinstance(v, int | float) for v in ys):
        return ys
    return [names[int(np.abs(ticks - float(v)).argmin())] for v in ys]


def chart_table(fig: go.Figure, limit: int = TABLE_LIMIT) -> pd.DataFrame:
    """What a chart draws, as rows a screen reader can read: a stance grid
    cell by cell (row, column, stance), bars as (series, category, value),
    points as (series, label, x, y). At most `limit` rows."""
    rows: list[dict[str, object]] = []
    for trace in fig.data:
        kind = trace.type
        name = _plain(getattr(trace, "name", "") or "")
        if kind == "heatmap":
            z = trace.z if trace.z is not None else []
            for i, row in enumerate(z):
                for j, score in enumerate(row):
                    if score is None or (isinstance(score, float) and np.isnan(score)):
                        continue
                    stance = STANCE_OF_SCORE.get(round(float(score)))
                    rows.append(
                        {
                            "row": _plain(trace.y[i]),
                            "column": _plain(trace.x[j]),
                            "value": stance_label(stance) if stance else score,
                        }
                    )
                    if len(rows) >= limit:
                        return pd.DataFrame(rows)
        elif kind == "bar":
            horizontal = trace.orientation == "h"
            categories = _values(trace.y if horizontal else trace.x)
            values = _values(trace.x if horizontal else trace.y)
            custom = _values(trace.customdata) if kind == "bar" and trace.customdata is not None else []
            for k, (category, value) in enumerate(zip(categories, values, strict=False)):
                # Bars drawn to the left (concern, oppose) count as positive numbers.
                shown = custom[k] if custom and isinstance(custom[k], int | float) else value
                rows.append({"series": name, "category": _plain(category), "value": shown})
        elif kind in ("scatter", "scattergl") and "markers" in (trace.mode or "markers"):
            # Lines alone (network edges, map outlines) are not data a reader looks up.
            xs, ys = _values(trace.x), _values(trace.y)
            ys = _tick_names(fig, ys)
            texts = _values(trace.text) if trace.text is not None and not isinstance(trace.text, str) else []
            for k, (x, y) in enumerate(zip(xs, ys, strict=False)):
                if x is None or y is None:  # a legend entry's empty point, or a gap
                    continue
                rows.append(
                    {
                        "series": name,
                        "label": _plain(texts[k]) if k < len(texts) else "",
                        "x": _plain(x),
                        "y": _plain(y),
                    }
                )
        if len(rows) >= limit:
            break
    return pd.DataFrame(rows[:limit])
