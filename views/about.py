"""About & method: what the data is, how stances were coded, how to cite
and how to send a correction."""

import pandas as pd
import streamlit as st

from components import analysis, network, provenance, timeline, ui
from components.dataset import Dataset
from components.safety import markdown_text
from components.vocab import (
    DEFINITIONS,
    EVIDENCE_DEFINITIONS,
    SCORES,
    SOURCE_KIND_DEFINITIONS,
    SOURCE_KIND_LABELS,
    STANCES,
    humanize,
    stance_label,
)


@ui.cached
def source_profile_for(ds: Dataset) -> provenance.SourceProfile:
    return provenance.source_profile(ds.positions)


ds, filters = ui.current()
st.title("About & method")
ui.as_of_caption(ds)

st.header("What this is")
st.markdown(
    "Stancemap shows who stands where on a contested instrument, provision by provision. "
    "Every stance carries its source, a quote only where the source says it word for word, "
    "and a mark saying whether the source names the provision or we linked a general statement to it."
)
st.subheader(markdown_text(ds.meta.title))
ui.text(ds.meta.description)
facts = {
    "Subject": ds.meta.subject or "not given",
    "Data checked as of": ds.meta.as_of or "unknown (the dataset has no dataset.json)",
    "Version": ds.meta.version or "not given",
    "Licence": ds.meta.license or "not given",
    "Stakeholders": f"{len(ds.stakeholders):,}",
    "Provisions": f"{len(ds.provisions):,}",
    "Positions": f"{len(ds.positions):,}",
}
st.dataframe(pd.DataFrame({"Fact": list(facts), "Value": list(facts.values())}), hide_index=True)

st.header("The stance scale")
scale = pd.DataFrame(
    {
        "Stance": [stance_label(s) for s in STANCES],
        "Score": [SCORES[s] for s in STANCES],
        "Meaning": [DEFINITIONS[s] for s in STANCES],
    }
)
st.dataframe(scale, hide_index=True)
st.markdown(
    "Colours run from blue (support) through grey to red (opposition), each with at least 3:1 contrast against the page and distinct under common colour-vision deficiencies; every chart and table also shows the "
    "stance as a symbol (`++ + ± − −−`) or in words."
)

st.header("Explicit or inferred")
for key, meaning in EVIDENCE_DEFINITIONS.items():
    st.markdown(f"- **{key}**: {meaning}")
st.markdown(
    "Several positions from one stakeholder on one provision may exist (a position restated or "
    "changed over time). The one with the latest source date is its **current** position; the "
    "others appear as its history on the stakeholder page."
)

st.header("How well-sourced the map is")
profile = source_profile_for(ds)
st.markdown(markdown_text(provenance.profile_sentence(profile)))
for key, meaning in SOURCE_KIND_DEFINITIONS.items():
    st.markdown(f"- **{SOURCE_KIND_LABELS[key]}**: {meaning}")
percent = st.column_config.NumberColumn("Share", format="percent")
kinds, evidence = st.columns(2)
kinds.dataframe(
    profile.by_kind,
    hide_index=True,
    column_config={"kind": "Kind of source", "rows": "Positions", "share": percent},
)
evidence.dataframe(
    profile.by_evidence,
    hide_index=True,
    column_config={"evidence": "Evidence", "rows": "Positions", "share": percent},
)
st.dataframe(
    profile.by_publisher,
    hide_index=True,
    column_config={"publisher": "Publisher", "rows": "Positions", "share": percent},
    height=min(400, 38 + 35 * len(profile.by_publisher)),
)

st.header("Measures")
st.markdown(
    "- **Contestation** of a provision: how divided the stakeholders who took a stance are, from 0 "
    "(everyone takes the same stance) to 1 (half at +2, half at −2). It is the mean absolute "
    "deviation of their scores from the mean score, divided by 2. A provision counts as contested "
    "only when someone stands on each side of zero.\n"
    "- **Agreement** between two stakeholders: 1 − mean(|a − b|) / 4 over the provisions both took a "
    "stance on, so 1 means the same stance everywhere and 0 means opposite ends of the scale "
    "everywhere. Pairs that share fewer than three provisions get no score.\n"
    "- **Coalitions** on the Network page are communities of the agreement graph (the Louvain method "
    "with a fixed seed, weighted by agreement, counting only pairs that agree above 0.5 so opposing "
    "camps stay apart), computed from whatever data is loaded.\n"
    "- **Large views** draw their busiest part first, say so, and offer a switch to draw everything: "
    f"the Overview grid the {analysis.TOP_STAKEHOLDERS} stakeholders with the most positions on the "
    f"{analysis.TOP_PROVISIONS} provisions they address most, the Network the "
    f"{network.MAX_DRAWN_STAKEHOLDERS} stakeholders with the most positions, the Timeline the "
    f"{timeline.MAX_LANES} with the most dated items, and a list of more than {timeline.MAX_LISTED} "
    "signatories waits for its switch. Figures, coalitions, centrality and the Network's "
    "reading always count every stakeholder in view."
)

st.header("Themes")
themes = ui.themes(ds)
st.markdown(", ".join(markdown_text(humanize(t)) for t in themes) if themes else "This dataset has no themes.")

st.header("How to cite")
st.code(
    ds.meta.citation
    or f"{ds.meta.title}, version {ds.meta.version or 'n/a'}, data as of {ds.meta.as_of or 'unknown'}.",
    language=None,
)

st.header("Corrections")
st.markdown(
    "Found a wrong stance, a broken source or a quote that is not verbatim? Open an issue in the "
    "Stancemap repository with the position's `position_id` (shown in the CSV download), what is "
    "wrong, and a source that shows it. Wrong data is the worst bug we can ship: corrections are "
    "handled first."
)

st.header("Method notes of this dataset")
if ds.method:
    if ui.method_is_trusted(ds):
        st.markdown(ds.method)
    else:
        st.caption("Shown as plain text because it came with a dataset you loaded.")
        st.text(ds.method)
else:
    st.caption("This dataset has no METHOD.md.")
