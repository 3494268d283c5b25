"""The benchmark's yardstick: a tiny Streamlit script with one plotly chart
about the size of the Overview heatmap on the shipped data (20 x 70 cells,
each with a symbol and a hover text). Every page is timed as a ratio to
this, measured in the same run on the same machine."""

import plotly.graph_objects as go
import streamlit as st

ROWS, COLS = 20, 70
z = [[(r * 7 + c * 3) % 5 - 2 for c in range(COLS)] for r in range(ROWS)]
symbols = {2: "++", 1: "+", 0: "±", -1: "−", -2: "−−"}
text = [[symbols[v] for v in row] for row in z]
hover = [
    [f"Stakeholder {r} on Art. {c}: stance {v}<br>summary of the position" for c, v in enumerate(row)]
    for r, row in enumerate(z)
]
fig = go.Figure(
    go.Heatmap(
        z=z,
        x=[f"Art. {c}" for c in range(COLS)],
        y=[f"Stakeholder {r}" for r in range(ROWS)],
        text=text,
        texttemplate="%{text}",
        customdata=hover,
        hovertemplate="%{customdata}<extra></extra>",
    )
)
fig.update_layout(height=36 * ROWS + 160)
st.title("Baseline")
st.plotly_chart(fig, key="baseline")
