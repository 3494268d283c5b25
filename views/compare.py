"""Compare: two to four stakeholders side by side, how much each pair agrees,
where each stands on every provision, and where they diverge most."""

import pandas as pd
import streamlit as st

from components import analysis, compare, pages, ui
from components.dataset import Dataset
from components.filters import FilterState
from components.safety import markdown_text


# Computed once per dataset (and filters / chosen stakeholders), not on every rerun.
@ui.cached
def options_for(ds: Dataset) -> tuple[pd.Series, pd.Series, list[str], list[str]]:
    names = analysis.display_names(ds)
    full_names = ui.stakeholders_by_id(ds)["name"]
    options = sorted(ds.stakeholders["stakeholder_id"], key=lambda s: full_names[s].casefold())
    return names, full_names, options, compare.default_choice(ui.current_table(ds))


@ui.cached
def comparison_for(ds: Dataset, filters: FilterState, ids: tuple[str, ...]) -> compare.Comparison:
    return compare.comparison(
        ui.filtered_positions(ds, filters), ui.ordered_provisions(ds), list(ids), options_for(ds)[0]
    )


ds, filters = ui.current()
st.title("Compare stakeholders")
ui.as_of_caption(ds)

names, full_names, options, default_ids = options_for(ds)
chosen, notices = compare.parse_stakeholders(ui.param("stakeholders"), options)
ui.note(notices)
ids = ui.pick_many(
    "Stakeholders to compare (two to four)",
    "stakeholders",
    options,
    lambda s: full_names.get(s, s),
    chosen,
    default=default_ids,
    max_selections=compare.MAX_COMPARED,
)

if len(ids) < 2:
    st.info("Choose two to four stakeholders above to see where they agree and differ, article by article.")
else:
    pairs, grid, divergence_chart, divergent, overview, details = comparison_for(ds, filters, tuple(ids))
    ui.filtered_caption(filters)
    st.header("Overall agreement")
    st.caption(
        "1 − mean stance distance / 4 over the provisions both addressed: 100% is the same stance everywhere, "
        "0% opposite ends of the scale everywhere (the measure of the Network page)."
    )
    cols = st.columns(min(len(pairs), 3))
    for i, pair in enumerate(pairs.itertuples()):
        cols[i % len(cols)].metric(
            f"{markdown_text(names.get(pair.a, pair.a))} ↔ {markdown_text(names.get(pair.b, pair.b))}",
            compare.agreement_text(pair.agreement, pair.shared),
            help=compare.agreement_help(pair.agreement, pair.shared),
        )

    st.header("Where they diverge")
    ui.stance_legend()
    ui.chart(
        divergence_chart,
        key="compare_divergence",
        alt="Bar chart: the provisions where the chosen stakeholders' stances differ most.",
    )
    for row in divergent.itertuples():
        ui.page_link(
            pages.PROVISIONS,
            f"{row.label}: {row.title} (spread {row.spread})",
            provision=row.provision_id,
        )

    st.header("Article by article")
    if grid.empty:
        st.info("None of the chosen stakeholders has a position that matches the current filters.")
    else:
        st.dataframe(
            overview,
            hide_index=True,
            key="compare_grid",
            column_config={
                "provision": st.column_config.TextColumn("Provision"),
                "mark": st.column_config.TextColumn(
                    "Agreement",
                    help=f"{compare.AGREE_MARK}: all took the same stance · {compare.DIFFER_MARK}: their stances "
                    f"differ · {compare.ALONE_MARK}: only one of them took a stance",
                ),
                "spread": st.column_config.NumberColumn(
                    "Spread", help="Steps on the five-step stance scale between the furthest apart (0 to 4)"
                ),
            },
        )
        st.caption("Each stance with its summary, quote and source:")
        ui.positions_table(
            details,
            columns=(
                "provision",
                "stakeholder",
                "stance_text",
                "summary",
                "quote",
                "source_date",
                "source_url",
            ),
            key="compare_detail",
        )
