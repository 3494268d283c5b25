"""Charts' text alternatives: every chart readable as a table."""

from __future__ import annotations

from components import analysis, charts
from components.dataset import Dataset


def test_stance_grid_as_a_table_lists_every_cell_with_its_stance_in_words(mini: Dataset) -> None:
    current = analysis.current_positions(analysis.position_table(mini))
    fig = charts.stance_heatmap(current, analysis.ordered_provisions(mini), mini.stakeholders)
    table = charts.chart_table(fig)
    assert list(table.columns) == ["row", "column", "value"]
    assert len(table) == len(current)
    assert set(table["value"]) <= {"++ Support", "+ Qualified support", "± Mixed", "− Concern", "−− Oppose"}


def test_contested_bars_as_a_table_count_stakeholders_on_each_side(mini: Dataset) -> None:
    current = analysis.current_positions(analysis.position_table(mini))
    contested = analysis.most_contested(current, analysis.ordered_provisions(mini))
    table = charts.chart_table(charts.contested_bars(contested))
    assert (table["value"] >= 0).all()  # bars drawn leftwards still read as counts
    first = contested.iloc[0]
    label = f"{first['label']}: {first['title']}"
    oppose = table[(table["category"] == label) & (table["series"] == "−− Oppose")]["value"].tolist()
    assert oppose == [int(first["oppose"])]


def test_table_of_a_huge_chart_is_capped() -> None:
    import plotly.graph_objects as go

    fig = go.Figure(go.Bar(x=list(range(10)), y=[f"c{i}" for i in range(10)], orientation="h", name="n"))
    assert len(charts.chart_table(fig, limit=4)) == 4
