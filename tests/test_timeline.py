"""Cumulative signatures and ratifications, progress, timeline items and the
offline map data on the fixture (threshold 3): FRA signed 06-15 ratified
06-20, DEU signed 06-15, KEN signed 06-16 ratified 06-30, BRA signed 06-18,
JPN ratified 06-25 without signing."""

from __future__ import annotations

import itertools
import json

import pandas as pd

from components import analysis, charts, timeline
from components.dataset import Dataset


def test_cumulative_counts_step_on_each_day_something_happened(mini: Dataset) -> None:
    counts = timeline.cumulative_counts(mini.signatories)
    assert list(counts["date"].dt.strftime("%Y-%m-%d")) == [
        "2024-06-15",
        "2024-06-16",
        "2024-06-18",
        "2024-06-20",
        "2024-06-25",
        "2024-06-30",
    ]
    assert list(counts["signatures"]) == [2, 3, 4, 4, 4, 4]
    assert list(counts["ratifications"]) == [0, 0, 0, 1, 2, 3]


def test_accession_without_signature_counts_as_ratification_not_signature(mini: Dataset) -> None:
    counts = timeline.cumulative_counts(mini.signatories)
    assert counts["signatures"].iloc[-1] == 4  # Japan acceded
    assert counts["ratifications"].iloc[-1] == 3


def test_undated_signatories_are_left_out_and_counted_apart(mini: Dataset) -> None:
    extra = pd.DataFrame(
        [{"country": "Chile", "iso3": "CHL", "signature_date": "", "ratification_date": "", "source_url": ""}]
    )
    signatories = pd.concat([mini.signatories, extra], ignore_index=True)
    assert timeline.undated_signatories(signatories) == 1
    assert timeline.cumulative_counts(signatories)["signatures"].iloc[-1] == 4
    assert timeline.undated_signatories(mini.signatories) == 0


def test_cumulative_counts_of_no_signatories_is_an_empty_frame() -> None:
    empty = pd.DataFrame(columns=["country", "iso3", "signature_date", "ratification_date", "source_url"])
    counts = timeline.cumulative_counts(empty)
    assert counts.empty and list(counts.columns) == ["date", "signatures", "ratifications"]
    assert timeline.ratification_progress(empty, 40) == (0, 40, "0 of 40 ratifications")


def test_ratification_progress_reads_n_of_threshold(mini: Dataset) -> None:
    assert timeline.ratification_progress(mini.signatories, 3) == (3, 3, "3 of 3 ratifications")
    assert timeline.ratification_progress(mini.signatories, None) == (3, None, "3 ratifications")
    # past the threshold it does not read "3 of 2"
    assert timeline.ratification_progress(mini.signatories, 2) == (3, 2, "3 ratifications (of 2 needed)")
    assert timeline.ratification_progress(mini.signatories.iloc[:0], 1) == (0, 1, "0 of 1 ratification")
    assert [analysis.progress_text(n, 40) for n in (0, 40, 66)] == ["0 of 40", "40 of 40", "66 (of 40 needed)"]
    assert analysis.progress_metric(66, 40) == ("Ratifications (40 needed)", "66")
    assert analysis.progress_metric(0, 40) == ("Ratifications", "0 of 40")
    assert analysis.progress_metric(3, None) == ("Ratifications", "3")


def test_cumulative_chart_draws_threshold_line_and_extends_to_as_of(mini: Dataset) -> None:
    fig = timeline.cumulative_chart(timeline.cumulative_counts(mini.signatories), 3, "2024-07-01")
    assert [t.name for t in fig.data] == ["Signatures", "Ratifications"]
    assert all(t.line.shape == "hv" for t in fig.data)
    assert fig.layout.shapes[0].y0 == 3
    assert "3 ratifications" in fig.layout.annotations[0].text
    assert str(fig.data[0].x[-1])[:10] == "2024-07-01"


def test_timeline_items_combine_events_and_dated_positions(mini: Dataset) -> None:
    items = timeline.timeline_items(mini.events, analysis.position_table(mini), analysis.display_names(mini))
    assert (items["kind"] == "event").sum() == 4
    assert (items["kind"] == "position").sum() == 23  # Zeta's two positions are undated
    assert list(items["date"]) == sorted(items["date"])
    sponsor = items[(items["kind"] == "event") & (items["stakeholder_id"] == "gamma-gov")].iloc[0]
    assert sponsor["who"] == "Gammaland" and sponsor["category"] == "statement"
    assert timeline.item_categories(items) == ["negotiation", "adoption", "signature", "statement", "position"]
    shared = items[(items["kind"] == "event") & (items["stakeholder_id"] == "")]
    assert not shared.empty and set(shared["who"]) == {""}  # a milestone of no one names no one


def test_timeline_items_name_everyone_and_fall_back_to_the_id(mini: Dataset) -> None:
    """Each item names its stakeholder by display name; an id the names do not
    know stands for itself rather than dropping or breaking the row."""
    table = analysis.position_table(mini)
    names = analysis.display_names(mini)
    items = timeline.timeline_items(mini.events, table, names.drop("alpha-ngo"))
    positions = items[items["kind"] == "position"]
    assert set(positions.loc[positions["stakeholder_id"] == "alpha-ngo", "who"]) == {"alpha-ngo"}
    others = positions[positions["stakeholder_id"] != "alpha-ngo"]
    assert (others["who"] == others["stakeholder_id"].map(names)).all() and not others.empty


def test_filter_items_by_category_and_stakeholder_keeps_shared_milestones(mini: Dataset) -> None:
    items = timeline.timeline_items(mini.events, analysis.position_table(mini), analysis.display_names(mini))
    events_only = timeline.filter_items(items, categories=("adoption", "signature"))
    assert list(events_only["title"]) == ["Bill adopted", "Opened for signature"]
    alpha = timeline.filter_items(items, stakeholders=("alpha-ngo",))
    assert set(alpha.loc[alpha["kind"] == "position", "who"]) == {"Alpha"}
    # milestones tied to nobody stay; Gammaland's statement goes
    assert list(alpha.loc[alpha["kind"] == "event", "title"]) == [
        "Draft published",
        "Bill adopted",
        "Opened for signature",
    ]
    assert timeline.filter_items(items, categories=("position",), stakeholders=("zeta-un",)).empty


def test_timeline_chart_has_a_lane_per_category_and_stakeholder(mini: Dataset) -> None:
    items = timeline.timeline_items(mini.events, analysis.position_table(mini), analysis.display_names(mini))
    fig = timeline.timeline_chart(items)
    lanes = list(fig.layout.yaxis.ticktext)
    assert lanes[:4] == ["Negotiation", "Adoption", "Signature", "Statement"]
    assert set(lanes[4:]) == {"Alpha", "Beta", "Gammaland", "Deltania", "Epsilon"}
    oppose = next(t for t in fig.data if t.name == "−− Oppose")
    assert "−− ×3" in list(oppose.text)  # Alpha's three oppositions of 2024-03-01 in one marker
    assert timeline.timeline_chart(items.iloc[0:0]).layout.annotations[0].text.startswith("No dated")


def test_shipped_geometry_has_known_countries_and_is_small() -> None:
    world = timeline.load_world()
    for iso3 in ("FRA", "NOR", "DEU", "KEN", "BRA", "JPN", "USA", "RUS", "VNM", "XKX"):
        assert "rings" in world[iso3], iso3
    assert "point" in world["MDV"]  # too small for 1:110m, drawn as a marker
    assert timeline.WORLD_FILE.stat().st_size < 1_500_000
    assert "Natural Earth" in json.loads(timeline.WORLD_FILE.read_text())["source"]


def test_map_status_reports_codes_the_geometry_does_not_know(mini: Dataset) -> None:
    extra = pd.DataFrame(
        [
            {
                "country": "Atlantis",
                "iso3": "ATL",
                "signature_date": "2024-06-20",
                "ratification_date": "",
                "source_url": "",
            }
        ]
    )
    status, unknown = timeline.map_status(pd.concat([mini.signatories, extra], ignore_index=True))
    assert set(status["iso3"]) == {"FRA", "DEU", "KEN", "BRA", "JPN"}
    assert unknown == ["Atlantis (ATL)"]
    by_code = status.set_index("iso3")["status"]
    assert by_code["FRA"] == by_code["JPN"] == "Ratified or acceded"
    assert by_code["DEU"] == by_code["BRA"] == "Signed"


def test_world_map_fills_listed_states_with_status_in_hover_and_legend(mini: Dataset) -> None:
    status, _ = timeline.map_status(mini.signatories)
    fig = timeline.world_map(status)
    filled = [t for t in fig.data if t.fill == "toself"]
    assert len(filled) == 1 + 5  # everyone else, then one per listed state
    france = next(t for t in filled if t.name == "France")
    assert france.fillcolor == timeline.STATUS_COLORS["Ratified or acceded"]
    assert "Ratified or acceded: 2024-06-20" in france.text
    germany = next(t for t in filled if t.name == "Germany")
    assert germany.fillpattern.shape == "/"  # signed: hatched as well as coloured
    legend = [t.name for t in fig.data if t.showlegend is not False]
    assert legend == ["Not signed", "Signed", "Ratified or acceded"]
    assert fig.layout.yaxis.scaleanchor == "x"


def test_world_map_text_is_escaped() -> None:
    status = pd.DataFrame(
        [
            {
                "country": "<b>X</b>",
                "iso3": "FRA",
                "status": "Signed",
                "signature_date": "2024-01-01",
                "ratification_date": "",
                "source_url": "",
            }
        ]
    )
    fig = timeline.world_map(status)
    france = next(t for t in fig.data if t.fill == "toself" and t.showlegend is False)
    assert "<b>X</b>" not in france.text and "&lt;b&gt;X&lt;/b&gt;" in france.text


def test_busiest_stakeholders_pick_the_lanes_a_large_timeline_draws(mini: Dataset) -> None:
    items = timeline.timeline_items(mini.events, analysis.position_table(mini), analysis.display_names(mini))
    # dated items: Gammaland 8 (7 positions and its statement), Alpha 5, Beta 4, Deltania 4, Epsilon 3;
    # Beta and Deltania tie, Beta's first item comes first
    busiest, total = timeline.busiest_stakeholders(items, limit=3)
    assert total == 5 and busiest == ("gamma-gov", "alpha-ngo", "beta-ngo")
    assert timeline.busiest_stakeholders(items, limit=5) == (None, 5)
    # only the chosen categories count: events tie only Gammaland to a stakeholder
    assert timeline.busiest_stakeholders(items, categories=("statement",), limit=1) == (None, 1)
    assert timeline.busiest_stakeholders(items, categories=("position",), limit=1) == (("gamma-gov",), 5)
    assert timeline.busiest_stakeholders(items, categories=("adoption",), limit=1) == (None, 0)
    lanes = timeline.timeline_chart(timeline.filter_items(items, stakeholders=busiest)).layout.yaxis.ticktext
    assert [lane for lane in lanes if lane in {"Alpha", "Beta", "Gammaland", "Deltania", "Epsilon"}] == [
        "Alpha",
        "Beta",
        "Gammaland",
    ]


def _lane_marks(fig) -> list[tuple[str, float, float, str]]:  # type: ignore[no-untyped-def]
    """(trace, day number, y, label) of every marker of a timeline chart."""
    out = []
    for trace in fig.data:
        labels = list(trace.text) if trace.text is not None and not isinstance(trace.text, str) else []
        for k, (x, y) in enumerate(zip(trace.x, trace.y, strict=True)):
            day = pd.Timestamp(x).value / 86_400e9
            out.append((trace.name, day, float(y), labels[k] if k < len(labels) else ""))
    return out


def test_one_stakeholders_stances_of_one_day_sit_apart_in_its_lane() -> None:
    # Kappa said three things on one day: support on two articles, oppose on one, concern on another.
    items = pd.DataFrame(
        [
            ("2024-05-01", "support", "Art. 1: A"),
            ("2024-05-01", "support", "Art. 2: B"),
            ("2024-05-01", "oppose", "Art. 3: C"),
            ("2024-05-01", "concern", "Art. 4: D"),
            ("2024-05-02", "oppose", "Art. 5: E"),
            ("2026-01-01", "support", "Art. 1: A"),
        ],
        columns=["date", "stance", "title"],
    ).assign(kind="position", category="position", stakeholder_id="kappa", who="Kappa", detail="", source_url="")[
        timeline.ITEM_COLUMNS
    ]
    fig = timeline.timeline_chart(items)
    assert list(fig.layout.yaxis.ticktext) == ["Kappa"]
    marks = _lane_marks(fig)
    may = [m for m in marks if m[1] < pd.Timestamp("2025-01-01").value / 86_400e9]
    # four markers (the two supports of 2024-05-01 are one marker "+ ×2"), each on a row of its own
    assert len(may) == 4 and len({m[2] for m in may}) == 4
    assert sorted(m[3] for m in may) == sorted(["++ ×2", "−−", "−", "−−"])
    # the lone item of 2026 has room on the lane's first row
    assert min(m[2] for m in marks) == next(m[2] for m in marks if m[1] > may[0][1] + 365)
    # the lane's name sits in the middle of its rows
    assert min(m[2] for m in marks) <= fig.layout.yaxis.tickvals[0] <= max(m[2] for m in marks)
    # every marker is its own point, so each one's hover is its own
    hovers = [h for t in fig.data for h in t.customdata]
    assert len(hovers) == len(marks) and sum("Art. 3: C" in h for h in hovers) == 1
    # and the chart's table names the lane, not a row number
    assert set(charts.chart_table(fig)["y"]) == {"Kappa"}


def test_no_two_markers_of_a_lane_overlap_at_the_width_the_chart_keeps(mini: Dataset) -> None:
    items = timeline.timeline_items(mini.events, analysis.position_table(mini), analysis.display_names(mini))
    fig = timeline.timeline_chart(items)
    marks = _lane_marks(fig)
    days = [m[1] for m in marks]
    scale = timeline.PLOT_WIDTH / (max(days) - min(days))
    rows: dict[float, list[tuple[float, float]]] = {}
    for _, day, y, label in marks:
        left = (day - min(days)) * scale - timeline.MARKER_PX / 2
        rows.setdefault(y, []).append((left, left + timeline._label_px(label)))
    for spans in rows.values():
        spans.sort()
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    # stacking happened somewhere (the fixture has same-day items), and lanes stay in order
    assert len(rows) > len(fig.layout.yaxis.ticktext)
    assert list(fig.layout.yaxis.tickvals) == sorted(fig.layout.yaxis.tickvals)
    assert timeline.timeline_min_width(fig) > timeline.PLOT_WIDTH
