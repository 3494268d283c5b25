"""Briefing mode: a short deck of slides generated from the data in view, for
showing Stancemap live in a meeting, and the same deck as one self-contained
HTML file (the briefing pack) that opens with no network at all.

A slide says 1-3 plain sentences, shows one figure and keeps presenter notes
and the sources behind what it shows. Everything is computed from the loaded
dataset and filters; quotes are copied verbatim from the `quote` column and
only ever appear inside quotation marks with the stakeholder and source.

No Streamlit here: the Briefing page caches and renders these functions.
"""

from __future__ import annotations

import functools
import html
import itertools
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar, overload

import pandas as pd
import plotly.graph_objects as go
import plotly.offline

from components import analysis, charts, export, history, provenance
from components.dataset import Dataset, DatasetMeta
from components.filters import FilterState
from components.safety import plot_text, safe_url, wrap
from components.vocab import (
    COLORS,
    SCORES,
    STANCES,
    SYMBOLS,
    TYPE_COLORS,
    TYPE_LABELS,
    TYPE_NOUNS,
    plural,
    stance_label,
)

T = TypeVar("T")

# Every slide's chart has this height, whatever it draws, so that title,
# sentences and the whole chart fit a 1280x720 or 1024x768 projector.
SLIDE_HEIGHT = 440
# The pack draws its charts at a fixed size that fits a landscape A4 or US
# Letter page (about 1,030 x 700 and 960 x 725 CSS px inside 12 mm margins).
PACK_WIDTH, PACK_HEIGHT = 920, 360
SLIDE_QUOTE_CHARS = 140  # a longer quote shows its start and "…" on a slide; notes keep it whole
COVERAGE_SHOWN = 12
CONTESTED_SHOWN = 5
MAX_SOURCES = 12
FEW_STANCES = 1  # a provision with this many stances or fewer is "worth watching"

# Slide kinds, in deck order.
TITLE, WHO, CONTESTED, ARTICLE, COALITIONS, RATIFICATION, WATCH = (
    "title",
    "who",
    "contested",
    "article",
    "coalitions",
    "ratification",
    "watch",
)
CHANGES = "changes"  # "What changed since", right after the title when the link asks (?since=)
WHO_TITLE = "Who is who"
CONTESTED_TITLE = "The most contested articles"
COALITIONS_TITLE = "Coalitions"
RATIFICATION_TITLE = "Ratification progress"


def changes_title(since: str) -> str:
    return f"What changed since {since}"


def article_title(row: pd.Series) -> str:
    """An article slide's title, from its row of `analysis.most_contested`."""
    return f"{row['label']}: {row['title']}"


@dataclass(frozen=True, eq=False)
class Slide:
    """One slide: a title, 1-3 plain sentences from the data, one figure,
    presenter notes (plain text) and the (label, url) sources of what it shows.

    The figure is drawn when first asked for (`draw`, then kept): the page
    shows one slide at a time, so a deck opens without drawing the charts of
    every other slide (half a second on a large dataset); the pack asks for all."""

    title: str
    sentences: tuple[str, ...]
    draw: Callable[[], go.Figure] = field(repr=False, compare=False)
    notes: str = ""
    sources: tuple[tuple[str, str], ...] = ()
    kind: str = ""

    @functools.cached_property
    def figure(self) -> go.Figure:
        return self.draw()


class Deck(Sequence[Slide]):
    """A briefing's slides in order. Every title is known at once (the
    page's slide picker lists them); a slide's content, and the data behind
    it (coalitions, the changes since a date), is made when that slide is
    first asked for, then kept. The page shows one slide at a time, so a
    deck opens without computing every other slide (on a large dataset the
    coalitions alone take half a second); the pack asks for all. Safe to
    share between sessions: a slide is made once, whoever asks first."""

    def __init__(self, parts: Iterable[tuple[str, Callable[[], Slide]]]) -> None:
        self._parts = list(parts)
        self._made: dict[int, Slide] = {}
        self._lock = threading.Lock()

    @property
    def titles(self) -> tuple[str, ...]:
        return tuple(title for title, _ in self._parts)

    def __len__(self) -> int:
        return len(self._parts)

    @overload
    def __getitem__(self, index: int) -> Slide: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Slide]: ...

    def __getitem__(self, index: int | slice) -> Slide | Sequence[Slide]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        i = range(len(self))[index]  # IndexError out of range; negative counts from the end
        with self._lock:
            if i not in self._made:
                title, make = self._parts[i]
                slide = make()
                if slide.title != title:  # the picker promised this title
                    raise RuntimeError(f"slide {i + 1} was listed as {title!r} but made as {slide.title!r}")
                self._made[i] = slide
            return self._made[i]


def ready(slide: Slide) -> tuple[str, Callable[[], Slide]]:
    """A slide already made, as a deck part."""
    return slide.title, lambda: slide


# --------------------------------------------------------------------------
# Small helpers


_plural = plural


def _join(items: Sequence[str]) -> str:
    """['a', 'b', 'c'] -> 'a, b and c'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _fit(fig: go.Figure, rows: int = 0, height: int = SLIDE_HEIGHT) -> go.Figure:
    """A figure sized for a projector slide: exactly `height` pixels tall, its
    category labels smaller when `rows` of them must share that height."""
    fig.update_layout(height=height)
    if rows:
        fig.update_yaxes(tickfont_size=max(11, min(15, int(height * 0.55 / rows))))
    return fig


def _sources(pairs: Iterable[tuple[str, str]], limit: int = MAX_SOURCES) -> tuple[tuple[str, str], ...]:
    """(label, url) pairs with an http(s) url, one per url (the first label
    wins), at most `limit`."""
    seen: dict[str, str] = {}
    for label, url in pairs:
        href = safe_url(url)
        if href and href not in seen:
            seen[href] = label
            if len(seen) == limit:  # `pairs` may be long and lazy: stop once there are enough
                break
    return tuple((label, href) for href, label in seen.items())


def _position_source(row: provenance.Row) -> tuple[str, str]:
    """('Alpha NGO: own statement · Alpha NGO: <title>, 2024-03-01', url)."""
    cited = provenance.citation(row)
    if provenance.publisher(row) == row["stakeholder"]:  # "Alpha: own statement · Alpha: ..." says it twice
        cited = cited.replace(f" · {row['stakeholder']}", "", 1)
    return f"{row['stakeholder']}: {cited}", row["source_url"]


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word before `limit` characters, with '…' when cut."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return f"{cut} …"


def quote_sentence(row: provenance.Row, limit: int | None = None) -> str:
    """'Alpha Rights Network: “<quote verbatim>” (own statement · Alpha: <title>,
    2024-03-01)'. Quote marks only around the `quote` column, the
    stakeholder's own words. With `limit` (on a slide), a long quote shows its
    start and '…' and the source reads as kind, publisher and date (its title
    is in the slide's sources)."""
    quote = str(row["quote"]).strip()
    if not quote:
        return ""
    if limit:
        date = f", {row['source_date']}" if row["source_date"] else ""
        return (
            f"{row['stakeholder']}: “{shorten(quote, limit)}” ({shorten(provenance.short(row), 60) or 'source'}{date})"
        )
    return f"{row['stakeholder']}: “{quote}” ({provenance.citation(row)})"


def pick_quotes(stances: pd.DataFrame, n: int = 2) -> pd.DataFrame:
    """Up to `n` positions with a quote, one from each side first (against,
    then for, then mixed), the latest dated within a side."""
    quoted = stances[stances["quote"] != ""]
    if quoted.empty:
        return quoted
    side = pd.cut(quoted["score"], [-3, -0.5, 0.5, 3], labels=["against", "mixed", "for"]).astype(str)
    quoted = quoted.assign(
        _side=side.map({"against": 0, "for": 1, "mixed": 2}),
        _date=quoted["source_date"].replace("", "0000-00-00"),
    ).sort_values(["_side", "_date", "row"], ascending=[True, False, True], kind="stable")
    firsts = quoted.drop_duplicates("_side")
    rest = quoted.drop(index=firsts.index)
    return pd.concat([firsts, rest]).head(n).drop(columns=["_side", "_date"])


# --------------------------------------------------------------------------
# Figures of the deck that the rest of the app does not draw


def stance_totals_figure(current: pd.DataFrame) -> go.Figure:
    """How many current positions take each stance, one bar per stance with
    its symbol and words."""
    counts = current["stance"].value_counts().reindex(list(STANCES), fill_value=0)
    labels = [stance_label(s) for s in STANCES]
    fig = go.Figure(
        go.Bar(
            x=counts.to_numpy(),
            y=labels,
            orientation="h",
            marker_color=[COLORS[s] for s in STANCES],
            text=[f"{SYMBOLS[s]} {counts[s]}" for s in STANCES],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x} positions<extra></extra>",
            showlegend=False,
        )
    )
    fig.update_xaxes(title_text="positions", range=[0, max(int(counts.max()), 1) * 1.2])
    fig.update_yaxes(autorange="reversed", type="category")
    return _fit(charts.base_layout(fig))


def type_figure(people: pd.DataFrame) -> go.Figure:
    """Stakeholders in view per type; the hover names them."""
    fig = go.Figure()
    for stakeholder_type in TYPE_LABELS:
        names = people.loc[people["type"] == stakeholder_type, "short_name"].tolist()
        if not names:
            continue
        shown = ", ".join(plot_text(n, 30) for n in names[:15]) + (" …" if len(names) > 15 else "")
        fig.add_bar(
            x=[len(names)],
            y=[TYPE_LABELS[stakeholder_type]],
            orientation="h",
            name=TYPE_LABELS[stakeholder_type],
            marker_color=TYPE_COLORS[stakeholder_type],
            text=[len(names)],
            textposition="outside",
            cliponaxis=False,
            customdata=[wrap(shown)],
            hovertemplate="%{y}: %{x}<br>%{customdata}<extra></extra>",
            showlegend=False,
        )
    top = max(int(people["type"].value_counts().max()), 1) if not people.empty else 1
    fig.update_xaxes(title_text="stakeholders", range=[0, top * 1.2])
    fig.update_yaxes(autorange="reversed", type="category")
    return _fit(charts.base_layout(fig))


def coalition_figure(groups: list[pd.DataFrame]) -> go.Figure:
    """One bar per coalition at its members' mean score, with the stance's
    symbol; the members are named beside the zero line on the side the bar
    leaves empty, so the names never run off the chart."""
    if not groups:
        return charts.empty_figure("No two stakeholders agree closely enough to form a coalition.")
    fig = go.Figure()
    for i, members in enumerate(groups, start=1):
        mean = float(members["mean_score"].mean())
        stance = nearest_stance(mean)
        shown = [plot_text(n, 24) for n in members["short_name"][:5]]
        more = f" and {len(members) - 5} more" if len(members) > 5 else ""
        names = ", ".join(shown) + more
        label = f"Coalition {i} ({len(members)})"
        fig.add_bar(
            x=[mean if abs(mean) > 0.05 else 0.1],
            y=[label],
            orientation="h",
            marker_color=COLORS[stance],
            text=[SYMBOLS[stance]],
            textposition="inside",
            customdata=[f"{wrap(names)}<br>Mean stance {mean:+.1f}: {plot_text(stance_label(stance))}"],
            hovertemplate="%{y}<br>%{customdata}<extra></extra>",
            showlegend=False,
        )
        fig.add_annotation(
            x=-0.08 if mean >= 0 else 0.08,
            y=label,
            text=wrap(names, 34),
            showarrow=False,
            xanchor="right" if mean >= 0 else "left",
            align="right" if mean >= 0 else "left",
            font_size=13,
        )
    charts.stance_axis(fig, 2.2, title_text="members' mean stance over the provisions in view")
    fig.update_yaxes(autorange="reversed", type="category")
    return _fit(charts.base_layout(fig), rows=len(groups))


def nearest_stance(score: float) -> str:
    """The stance whose score is nearest to a mean score (ties to the milder)."""
    return min(STANCES, key=lambda s: (abs(SCORES[s] - score), abs(SCORES[s])))


def progress_figure(signed: int, ratified: int, threshold: int | None) -> go.Figure:
    """Ratifications and signatures as bars, with the threshold for entry into
    force as a dashed line when the dataset gives one."""
    fig = go.Figure(
        go.Bar(
            x=[ratified, signed],
            y=["Ratifications", "Signatures"],
            orientation="h",
            marker_color=["#0072B2", "#E69F00"],
            text=[f"{ratified} of {threshold}" if threshold else str(ratified), str(signed)],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x}<extra></extra>",
            showlegend=False,
        )
    )
    top = max(signed, ratified, threshold or 0, 1)
    if threshold:
        fig.add_vline(
            x=threshold,
            line_dash="dash",
            line_width=3,
            line_color="#1a1a1a",
            annotation_text=f"Entry into force: {threshold}",
            annotation_position="top",
        )
    fig.update_xaxes(range=[0, top * 1.2], title_text="states", rangemode="tozero")
    fig.update_yaxes(autorange="reversed", type="category")
    fig = charts.base_layout(fig)
    fig.update_layout(margin_t=40)  # room for the threshold's label above the bars
    return _fit(fig)


def coverage_figure(counts: pd.DataFrame) -> go.Figure:
    """Stances recorded per provision, stacked by stance, in reading order:
    where the picture is still thin."""
    if counts.empty:
        return charts.empty_figure("No positions in view.")
    labels = [plot_text(f"{r.label}: {r.title}", 40) for r in counts.itertuples()]
    fig = go.Figure()
    for stance in STANCES:
        if counts[stance].sum() == 0:
            continue
        fig.add_bar(
            y=labels,
            x=counts[stance],
            orientation="h",
            name=stance_label(stance),
            marker_color=COLORS[stance],
            hovertemplate=f"%{{y}}<br>{plot_text(stance_label(stance))}: %{{x}}<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title_text="stakeholders with a recorded stance", rangemode="tozero", dtick=1)
    fig.update_yaxes(autorange="reversed", type="category", categoryorder="array", categoryarray=labels)
    return _fit(charts.base_layout(fig), rows=len(counts))


# --------------------------------------------------------------------------
# The slides


def _title_slide(ds: Dataset, current: pd.DataFrame, filters: FilterState | None) -> Slide:
    meta = ds.meta
    subject = meta.subject or meta.title
    as_of = meta.as_of or "an unknown date"
    filtered = f"Filtered to {filters.describe()}." if filters is not None and not filters.is_empty else ""
    notes = "\n".join(
        part
        for part in (
            f"Dataset: {meta.title}, version {meta.version or 'n/a'}, data as of {as_of}.",
            meta.description,
            f"Cite as: {meta.citation}" if meta.citation else "",
            filtered,
        )
        if part
    )
    if current.empty:
        sentences: tuple[str, ...] = ("Nothing matches the current filters: there are no positions to brief on.",)
        if filtered:
            sentences += (filtered + " Change or clear the filters to build a briefing.",)
        return Slide(
            title=subject,
            sentences=sentences,
            draw=lambda: _fit(charts.empty_figure("No positions match the current filters.")),
            notes=notes,
            kind=TITLE,
        )
    stakeholders = current["stakeholder_id"].nunique()
    provisions = current["provision_id"].nunique()
    sentences = (
        f"Who stands where on the {subject}: {_plural(stakeholders, 'stakeholder')}, "
        f"{_plural(len(current), 'current position')} on {_plural(provisions, 'provision')}.",
        f"Data as of {as_of}.",
    )
    if filtered:
        sentences += (filtered,)
    return Slide(subject, sentences, lambda: stance_totals_figure(current), notes, kind=TITLE)


def _who_slide(current: pd.DataFrame) -> Slide:
    people = current.drop_duplicates("stakeholder_id")[["stakeholder_id", "stakeholder", "short_name", "type"]]
    by_type = people["type"].value_counts()
    ordered = [t for t in TYPE_LABELS if t in by_type.index]
    parts = [_plural(int(by_type[t]), *TYPE_NOUNS[t]) for t in ordered]
    busiest = current["stakeholder_id"].value_counts()
    top = busiest.index[0]
    top_name = people.set_index("stakeholder_id").loc[top, "short_name"]
    sentences = (
        f"{_plural(len(people), 'stakeholder')} take a stance here: {_join(parts)}.",
        f"{top_name} has the most recorded stances ({busiest.iloc[0]}).",
    )
    notes = "\n".join(
        f"{TYPE_LABELS[t]}: " + ", ".join(people.loc[people["type"] == t, "stakeholder"]) for t in ordered
    )
    return Slide(WHO_TITLE, sentences, lambda: type_figure(people), notes, kind=WHO)


def _contested_slide(contested: pd.DataFrame) -> Slide:
    if contested.empty:
        sentences: tuple[str, ...] = ("No provision in view has stakeholders on both sides.",)
    else:
        sentences = tuple(
            f"{r['label']} ({r['title']}) divides {_plural(int(r['n']), 'stakeholder')}: {int(r['for'])} for, "
            f"{int(r['against'])} with concerns or opposed."
            for _, r in contested.head(2).iterrows()
        )
    notes = (
        "Contestation runs from 0 (everyone takes the same stance) to 1 (half fully for, half fully against): "
        "the mean distance of the stance scores from their mean, divided by 2. Only provisions with stakeholders "
        "on both sides count as contested.\n"
        + "\n".join(
            f"{r.label}: {r.title}: contestation {r.contestation:.2f}, {r.n} stances" for r in contested.itertuples()
        )
    ).strip()
    return Slide(
        CONTESTED_TITLE,
        sentences,
        lambda: _fit(charts.contested_bars(contested), rows=len(contested)),
        notes,
        kind=CONTESTED,
    )


def _article_slide(current: pd.DataFrame, provisions: pd.DataFrame, row: pd.Series) -> Slide:
    pid = row["provision_id"]
    stances = analysis.stances_on(current, pid)
    n_for = int((stances["score"] > 0).sum())
    n_against = int((stances["score"] < 0).sum())
    n_mixed = int((stances["score"] == 0).sum())
    counts = f"{n_for} for, {n_against} with concerns or opposed" + (f", {n_mixed} mixed" if n_mixed else "")
    sentences = [f"{_plural(len(stances), 'stakeholder')} took a stance: {counts}."]
    quotes = pick_quotes(stances).to_dict("records")
    records = stances.to_dict("records")  # a row as a dict: a tenth of the cost of iterrows
    if not quotes:
        sentences.append("No verbatim quote on this provision is recorded in the data in view.")
    else:
        sentences.extend(quote_sentence(q, SLIDE_QUOTE_CHARS) for q in quotes)
    info = provisions.set_index("provision_id").loc[pid] if pid in set(provisions["provision_id"]) else None
    lines = []
    if info is not None and info["summary"]:
        lines.append(f"The provision: {info['summary']}")
    for s in records:
        inferred = " (inferred from a general statement)" if s["evidence"] == "inferred" else ""
        lines.append(f"{s['stakeholder']}: {stance_label(s['stance'])}{inferred}. {s['summary']}")
    lines.extend(f"Quote in full: {quote_sentence(q)}" for q in quotes)
    official = [(f"Official text of {row['label']}", info["text_url"])] if info is not None and info["text_url"] else []
    sources = itertools.chain(official, map(_position_source, quotes), map(_position_source, records))
    return Slide(
        title=article_title(row),
        sentences=tuple(sentences[:3]),
        draw=lambda: _fit(charts.stance_bars(stances), rows=len(stances)),
        notes="\n".join(lines),
        sources=_sources(sources),
        kind=ARTICLE,
    )


def _coalition_slide(current: pd.DataFrame, coalitions: Sequence[frozenset[str]]) -> Slide:
    people = current.groupby("stakeholder_id").agg(
        stakeholder=("stakeholder", "first"), short_name=("short_name", "first"), mean_score=("score", "mean")
    )
    sort_names = people["short_name"].astype(str).str.casefold().to_dict()
    groups = [people.loc[sorted(g & set(people.index), key=sort_names.__getitem__)] for g in coalitions]
    groups = [g for g in groups if len(g) >= 2]
    alone = len(people) - sum(len(g) for g in groups)
    if not groups:
        sentences: tuple[str, ...] = ("No two stakeholders in view agree closely enough to form a coalition.",)
    else:
        sentences = (f"{_plural(len(groups), 'coalition')} of stakeholders who mostly agree with each other.",)
        for g in groups[:2]:
            stance = nearest_stance(float(g["mean_score"].mean()))
            sentences += (
                f"{_join(list(g['short_name']))}: on average {stance_label(stance).split(' ', 1)[1].lower()}.",
            )
    notes = "\n".join(
        [f"Coalition {i}: " + ", ".join(g["stakeholder"]) for i, g in enumerate(groups, start=1)]
        + ([f"{_plural(alone, 'stakeholder stands', 'stakeholders stand')} alone."] if alone else [])
        + ["Coalitions group stakeholders whose stances agree closely across the provisions they share."]
    )
    return Slide(COALITIONS_TITLE, sentences, lambda: coalition_figure(groups), notes, kind=COALITIONS)


def _ratification_slide(ds: Dataset) -> Slide:
    signed, ratified = analysis.ratification_status(ds.signatories)
    threshold = ds.meta.ratification_threshold
    if threshold and ratified >= threshold:
        first = f"{_plural(ratified, 'ratification')}: the threshold of {threshold} for entry into force is reached."
    elif threshold:
        first = f"{ratified} of the {threshold} ratifications needed for entry into force."
    else:
        first = f"{_plural(ratified, 'ratification')} so far."
    sentences = (first, f"{_plural(signed, 'state')} signed.")
    dated = ds.signatories[ds.signatories["ratification_date"] != ""].sort_values("ratification_date", ascending=False)
    notes = "\n".join(
        ["Latest ratifications or accessions:"]
        + [f"{r.ratification_date}: {r.country}" for r in dated.head(8).itertuples()]
        if not dated.empty
        else ["No ratification is recorded yet."]
    )
    by_url = ds.signatories.groupby("source_url", sort=False)["country"].agg(list)
    sources = _sources(
        (
            f"{provenance.host(url) or 'source'}: {_join(c) if len(c) <= 3 else ', '.join(c[:3]) + f' and {len(c) - 3} more'}",
            url,
        )
        for url, c in zip(by_url.index.astype(str), by_url, strict=True)
    )
    return Slide(
        RATIFICATION_TITLE,
        sentences,
        lambda: progress_figure(signed, ratified, threshold),
        notes,
        sources,
        RATIFICATION,
    )


def _watch_slide(ds: Dataset, current: pd.DataFrame, provisions: pd.DataFrame) -> Slide | None:
    sentences: list[str] = []
    notes: list[str] = []
    sources: list[tuple[str, str]] = []
    as_of = ds.meta.as_of or ""
    if ds.has_events:
        events = ds.events.sort_values("date", kind="stable")
        upcoming = events[events["date"] > as_of] if as_of else events.iloc[0:0]
        if not upcoming.empty:
            nxt = upcoming.iloc[0]
            sentences.append(f"Next on the calendar: {nxt['title']} ({nxt['date']}).")
            shown = upcoming.head(5)
        else:
            latest = analysis.latest_events(ds.events, 3)
            first = latest.iloc[0]
            sentences.append(f"Latest event: {first['title']} ({first['date']}).")
            shown = latest
        notes.extend(f"{e.date}: {e.title}. {e.description}".strip() for e in shown.itertuples())
        sources.extend((f"{e.title} ({e.date})", str(e.source_url)) for e in shown.itertuples())
    if ds.has_signatories and ds.meta.ratification_threshold:
        _, ratified = analysis.ratification_status(ds.signatories)
        missing = ds.meta.ratification_threshold - ratified
        if missing > 0:
            sentences.append(f"{_plural(missing, 'more ratification')} needed for entry into force.")
    counts = analysis.stance_counts(current)
    counts = (
        provisions[["provision_id", "label", "title"]]
        .merge(counts, on="provision_id", how="inner")
        .reset_index(drop=True)
    )
    thin = counts[counts["n"] <= FEW_STANCES]
    if not thin.empty:
        named = [f"{r.label}" for r in thin.head(4).itertuples()]
        if len(thin) > 4:
            named.append(f"{len(thin) - 4} more")
        sentences.append(f"Few stances recorded yet on {_join(named)}: positions there may still move.")
        notes.append(
            "Provisions with few recorded stances: " + ", ".join(f"{r.label} ({r.n})" for r in thin.itertuples())
        )
    if not sentences:
        return None
    # The chart shows the thinnest provisions (in reading order), not all of them.
    shown = counts.nsmallest(COVERAGE_SHOWN, "n", keep="first").sort_index()
    if len(shown) < len(counts):
        notes.append(f"The chart shows the {len(shown)} provisions with the fewest recorded stances.")
    return Slide(
        "What to watch next",
        tuple(sentences[:3]),
        lambda: coverage_figure(shown),
        "\n".join(notes),
        _sources(sources),
        WATCH,
    )


def changes_figure(moved: pd.DataFrame) -> go.Figure:
    """The provisions that moved most since a date: how many stakeholders
    took, changed or first stated a position on each."""
    if moved.empty:
        return charts.empty_figure("No position moved in this period.")
    shown = moved.head(COVERAGE_SHOWN)
    labels = [plot_text(f"{r.label}: {r.title}", 40) for r in shown.itertuples()]
    fig = go.Figure(
        go.Bar(
            x=shown["moves"],
            y=labels,
            orientation="h",
            marker_color="#0072B2",
            text=[str(n) for n in shown["moves"]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x} stakeholders moved<extra></extra>",
            showlegend=False,
        )
    )
    fig.update_xaxes(
        title_text="stakeholders that moved", rangemode="tozero", range=[0, int(shown["moves"].max()) * 1.25 + 1]
    )
    fig.update_yaxes(autorange="reversed", type="category")
    return _fit(charts.base_layout(fig), rows=len(shown))


def _changes_slide(found: history.ChangeSet, since: str, until: str | None) -> Slide:
    """What changed since a date (a briefer's "since our last meeting"):
    counts, the biggest moves and their sources."""
    c = found.counts
    moved = [
        _plural(c["changed"], "stance") + " changed",
        _plural(c["new_position"], "new position"),
        _plural(c["first_position"], "first position"),
    ]
    sentences = [f"Since {since}: {_join(moved)}."]
    if c["signature"] or c["ratification"]:
        sentences.append(f"{_plural(c['signature'], 'signature')} and {_plural(c['ratification'], 'ratification')}.")
    changed = found.report[found.report["change"] == history.CHANGE_KINDS["changed"]]
    if not changed.empty:
        first = changed.iloc[0]
        sentences.append(
            f"{first['stakeholder']} on {first['label']}: {first['stance_before_text']} → {first['stance_text']}."
        )
    lines = found.report.head(25).astype(str).to_dict("records")
    notes = [f"Changes from {since} to {until or 'the latest record'}:"] + [
        f"{r['change']}: {r['stakeholder']} on {r['label']}"
        + (
            f", {r['stance_before_text']} ({r['date_before']}) → {r['stance_text']} ({r['source_date']})"
            if r["stance_before_text"]
            else f", {r['stance_text']} ({r['source_date']})"
        )
        for r in lines
    ]
    if len(found.report) > 25:
        notes.append(f"… and {len(found.report) - 25} more on the What changed page.")
    cited = found.report[["stakeholder", "label", "source_date", "source_url"]].astype(str)
    sources = _sources(
        (f"{who} on {label} ({date})", url) for who, label, date, url in cited.itertuples(index=False, name=None)
    )
    return Slide(
        changes_title(since),
        tuple(sentences[:3]),
        lambda: changes_figure(found.moved),
        "\n".join(notes),
        sources,
        CHANGES,
    )


def build_deck(
    ds: Dataset,
    current: pd.DataFrame,
    provisions: pd.DataFrame,
    coalitions: Sequence[frozenset[str]] | Callable[[], Sequence[frozenset[str]]] | None = None,
    max_articles: int = 3,
    filters: FilterState | None = None,
    changes: history.ChangeSet | Callable[[], history.ChangeSet] | None = None,
    since: str | None = None,
) -> Deck:
    """The briefing deck for the current positions in view (`current`, as
    `analysis.filtered_positions` gives them) and the provisions in reading order:
    title, who is who, the most contested articles, one slide for each of the
    `max_articles` most contested, coalitions (when `coalitions` is given, as
    lists of stakeholder ids), ratification progress (when the dataset has
    signatories) and what to watch next (when there is something to watch).
    With `changes` (history.change_set since the date `since`), a "What
    changed since" slide follows the title. Nothing in view: just a title
    slide that says so.

    `coalitions` and `changes` may be given as functions that compute them:
    they are then called only when their slide is first shown (see `Deck`)."""
    title = _title_slide(ds, current, filters)
    changes_part: list[tuple[str, Callable[[], Slide]]] = []
    if changes is not None and since:
        found = changes
        changes_part = [(changes_title(since), lambda: _changes_slide(_now(found), since, None))]
    if current.empty:
        return Deck([ready(title), *changes_part])
    contested = analysis.most_contested(current, provisions, n=CONTESTED_SHOWN)
    parts = [
        ready(title),
        *changes_part,
        (WHO_TITLE, lambda: _who_slide(current)),
        (CONTESTED_TITLE, lambda: _contested_slide(contested)),
    ]
    parts.extend(
        (article_title(row), functools.partial(_article_slide, current, provisions, row))
        for _, row in contested.head(max_articles).iterrows()
    )
    if coalitions is not None:
        groups = coalitions
        parts.append((COALITIONS_TITLE, lambda: _coalition_slide(current, _now(groups))))
    if ds.has_signatories:
        parts.append((RATIFICATION_TITLE, lambda: _ratification_slide(ds)))
    watch = _watch_slide(ds, current, provisions)  # made now: whether it is a slide at all depends on it
    if watch is not None:
        parts.append(ready(watch))
    return Deck(parts)


def _now(value: T | Callable[[], T]) -> T:
    """`value`, or what it gives when it is a function that computes it."""
    return value() if callable(value) else value


# --------------------------------------------------------------------------
# The briefing pack: one HTML file, offline


# Plotly's bundle names its CDN as the default base-map location for
# geographic traces; the deck draws none, and the pack must not name any host.
_PLOTLY_CDN_DEFAULT = "https://cdn.plot.ly/un/"
PACK_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data: blob:; font-src data:; connect-src 'none'"
)
PACK_CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
       font-size: 20px; line-height: 1.45; color: #1a1a1a; background: #fff; }
header.pack, section.slide { max-width: 1280px; margin: 0 auto; padding: 1.5rem 2rem; }
header.pack { border-bottom: 3px solid #1a1a1a; }
header.pack h1 { font-size: 2rem; margin: 0 0 .3rem; }
header.pack p { margin: .2rem 0; color: #333; }
section.slide { border-bottom: 1px solid #bbb; }
.slide .count { font-size: .9rem; color: #555; margin: 0; }
.slide h2 { font-size: 1.9rem; margin: .2rem 0 .5rem; line-height: 1.2; }
.slide ul.sentences { list-style: none; padding: 0; margin: 0 0 .8rem; }
.slide ul.sentences li { font-size: 1.2rem; margin: .3rem 0; }
.slide .figure { max-width: 100%; overflow-x: auto; }
.slide details { margin: 1rem 0; font-size: 1rem; }
.slide details p { margin: .2rem 0; }
.slide .sources { font-size: .85rem; }
.slide .sources p { margin: .3rem 0 0; }
.slide .sources ul { margin: 0; padding-left: 1.2rem; }
.slide .sources a { color: #0b5394; word-break: break-word; }
footer.pack { max-width: 1280px; margin: 0 auto; padding: 1rem 2rem; font-size: .9rem; color: #555; }
@media print {
  @page { size: landscape; margin: 12mm; }
  body { font-size: 13px; line-height: 1.3; }
  header.pack { break-after: page; border: 0; padding: 0; }
  section.slide { break-after: page; break-inside: avoid; padding: 0; max-width: none; border: 0; }
  .slide .count { font-size: 10px; }
  .slide h2 { font-size: 1.6rem; margin: 0 0 .2rem; }
  .slide ul.sentences { margin: 0 0 .3rem; }
  .slide ul.sentences li { font-size: 1rem; margin: .1rem 0; }
  .slide .figure { overflow: visible; zoom: 0.85; }  /* a 360 px chart, a long source list and three sentences share one A4 page */
  .slide .sources { font-size: 8px; line-height: 1.2; }
  .slide .sources ul { columns: 4; column-gap: 1rem; margin: .2rem 0; }
  .slide .sources li { break-inside: avoid; }
  .slide .sources a { color: #1a1a1a; text-decoration: none; }
  .slide details, .modebar-container { display: none; }
  footer.pack { display: none; }  /* its citation is on the cover too */
}
"""


def plotly_script() -> str:
    """plotly.js as shipped with the plotly package, ready to inline, with
    the CDN default for geographic base maps blanked to a relative path."""
    script: str = plotly.offline.get_plotlyjs()
    return script.replace(_PLOTLY_CDN_DEFAULT, "topojson/")


def _esc(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _slide_html(i: int, total: int, slide: Slide) -> str:
    figure = go.Figure(slide.figure)
    figure.update_layout(width=PACK_WIDTH, height=PACK_HEIGHT)
    figure = figure.to_html(
        full_html=False,
        include_plotlyjs=False,
        div_id=f"slide-{i}-figure",
        config={"displaylogo": False},
    )
    sentences = "".join(f"<li>{_esc(s)}</li>" for s in slide.sentences)
    parts = [
        f'<section class="slide" id="slide-{i}">',
        f'<p class="count">Slide {i} of {total}</p>',
        f"<h2>{_esc(slide.title)}</h2>",
        f'<ul class="sentences">{sentences}</ul>',
        f'<div class="figure">{figure}</div>',
    ]
    if slide.notes:
        notes = "".join(f"<p>{_esc(line)}</p>" for line in slide.notes.splitlines() if line.strip())
        parts.append(f"<details><summary>Presenter notes</summary>{notes}</details>")
    links = [(label, safe_url(url)) for label, url in slide.sources]
    links = [(label, url) for label, url in links if url]
    if links:
        items = "".join(
            f'<li><a href="{_esc(url)}" rel="noopener noreferrer">{_esc(label)}</a></li>' for label, url in links
        )
        parts.append(f'<div class="sources"><p>Sources:</p><ul>{items}</ul></div>')
    parts.append("</section>")
    return "\n".join(parts)


def pack_html(deck: Sequence[Slide], meta: DatasetMeta, filters: FilterState) -> str:
    """The deck as ONE HTML file that opens offline: every slide with its
    interactive chart, sentences, notes and source links (http(s) only), the
    dataset's as_of; plotly.js inlined once; no request to any host (a
    Content-Security-Policy forbids it too); one slide per printed page. All
    dataset text is HTML-escaped."""
    as_of = meta.as_of or "unknown"
    subject = meta.subject or meta.title
    described = filters.describe()
    body = "\n".join(_slide_html(i, len(deck), slide) for i, slide in enumerate(deck, start=1))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{PACK_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Stancemap briefing: {_esc(subject)} (as of {_esc(as_of)})</title>
<style>{PACK_CSS}</style>
<script>window.PlotlyConfig = {{MathJaxConfig: 'local'}};</script>
<script>{plotly_script()}</script>
</head>
<body>
<header class="pack">
<h1>Briefing: {_esc(subject)}</h1>
<p>{_esc(meta.title)}{f" · version {_esc(meta.version)}" if meta.version else ""}</p>
<p>Data as of <strong>{_esc(as_of)}</strong> · Filters: {_esc(described)} · {len(deck)} slides</p>
{f"<p>Cite as: {_esc(meta.citation)}</p>" if meta.citation else ""}
</header>
{body}
<footer class="pack">
<p>Made with Stancemap from {_esc(meta.title)}, data as of {_esc(as_of)}.
{_esc(meta.citation)} {_esc(meta.license)}</p>
</footer>
</body>
</html>
"""


def file_name(meta: DatasetMeta, filters: FilterState) -> str:
    """'stancemap-briefing_<dataset>_<filters>_<as_of>.html', file-name safe,
    the dataset named by whole words as in the CSV export."""
    return f"stancemap-briefing_{export.dataset_slug(meta)}_{filters.slug()}_{meta.as_of or 'undated'}.html"
