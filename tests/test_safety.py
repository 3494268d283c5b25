"""Dataset text stays inert in markdown, plotly and spreadsheets."""

from __future__ import annotations

import pandas as pd
import pytest

from components.safety import markdown_table, markdown_text, plot_text, safe_url, spreadsheet_cell


@pytest.mark.parametrize(
    "payload",
    [
        "[click](javascript:alert(1))",
        "![x](https://evil.example/p.png)",
        "<img src=x onerror=alert(1)>",
        "**bold** _i_ `c` $x$",
    ],
)
def test_markdown_special_characters_are_escaped(payload: str) -> None:
    escaped = markdown_text(payload)
    for ch in "[]()<>*_`$!":
        assert ch not in escaped.replace("\\" + ch, "")


def test_plot_text_escapes_html() -> None:
    assert plot_text("<b onclick=x>&") == "&lt;b onclick=x&gt;&amp;"
    assert plot_text("x" * 50, limit=10).endswith("…")


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,x", "ftp://a.b", "//evil.example", "", None, "http//x"]
)
def test_only_http_urls_become_links(url: str | None) -> None:
    assert safe_url(url) is None


def test_http_urls_pass() -> None:
    assert safe_url(" https://example.org/a?b=1 ") == "https://example.org/a?b=1"


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_formula_cells_are_neutralised(cell: str) -> None:
    assert spreadsheet_cell(cell) == "'" + cell


def test_plain_cells_and_numbers_pass_unchanged() -> None:
    assert spreadsheet_cell("Café") == "Café"
    assert spreadsheet_cell(-2) == -2


def test_a_table_rendered_as_markdown_keeps_dataset_text_literal() -> None:
    # st.table renders every cell as markdown: the chart-as-a-table expander showed a
    # hostile dataset's "![pixel](https://evil.example/...)" as an image fetched from that host.
    table = pd.DataFrame(
        {
            "label ![h](https://evil.example/h.png)": ["![pixel](https://evil.example/pixel.png)", "[x](javascript:1)"],
            "value": [3, None],
        }
    )
    safe = markdown_table(table)
    cells = [*safe.columns, *safe.iloc[:, 0]]
    assert all("![" not in c and "](" not in c for c in cells)
    assert safe.iloc[0, 0] == markdown_text("![pixel](https://evil.example/pixel.png)")
    assert safe["value"].tolist()[0] == 3  # numbers stay numbers
    assert table.iloc[0, 0].startswith("![")  # the caller's table is not changed
