"""Data & downloads: the positions in view as a table and a spreadsheet-safe
CSV, the whole dataset as a zip with its data dictionary, and a way to explore
your own dataset in this browser session."""

from datetime import date

import streamlit as st

from components import export, ui
from components.dataset import MAX_UPLOAD_BYTES, Dataset
from components.filters import FilterState
from components.safety import markdown_text
from components.vocab import plural

ds, filters = ui.current()
TABLE_COLUMNS = (
    "stakeholder",
    "label",
    "title",
    "stance_text",
    "summary",
    "quote",
    "source_title",
    "source_date",
    "source_url",
    "evidence",
)


@ui.cached
def flat_csv(ds: Dataset, filters: FilterState, history: bool) -> bytes:
    rows = ui.filtered_table(ds, filters) if history else ui.filtered_positions(ds, filters)
    return export.to_csv_bytes(export.flat_positions(rows))


st.title("Data & downloads")
ui.as_of_caption(ds)

st.header("Positions in view")
history = st.toggle(
    "Include earlier statements", key="data_history", help="Off: each stakeholder's current stance per provision."
)
rows = ui.filtered_table(ds, filters) if history else ui.filtered_positions(ds, filters)
total = len(ui.position_table(ds)) if history else len(ui.current_table(ds))
kind = "positions (earlier statements included)" if history else "current positions"
filtered = "" if filters.is_empty else f" · filtered by {filters.describe()}"
st.caption(markdown_text(f"{len(rows):,} of {total:,} {kind}{filtered}"))
ui.positions_table(rows, columns=TABLE_COLUMNS, key="data_positions")

left, right = st.columns(2)
left.download_button(
    "Download filtered CSV",
    data=lambda: flat_csv(ds, filters, history),
    file_name=export.export_file_name(ds.meta, filters, date.today()),
    mime="text/csv",
    on_click="ignore",
    icon=":material/table:",
    help="The rows above, one per position. Cells that a spreadsheet would run as a formula start with '.",
)
files = ui.active_files(ds)
right.download_button(
    "Download the whole dataset (zip)",
    data=lambda: export.dataset_zip(files, folder=export.dataset_slug(ds.meta)),
    file_name=f"stancemap_{export.dataset_slug(ds.meta)}_{ds.meta.version or 'dataset'}.zip",
    mime="application/zip",
    on_click="ignore",
    icon=":material/folder_zip:",
    disabled=not files,
    help="Every file of the dataset as it was loaded, unchanged, plus a data dictionary. Upload it again as it is.",
)

st.header("Cite this dataset")
ui.text(
    ds.meta.citation or f"{ds.meta.title}, version {ds.meta.version or 'n/a'}, data as of {ds.meta.as_of or 'unknown'}."
)
if ds.meta.license:
    ui.text(f"Licence: {ds.meta.license}", caption=True)

with st.expander("Data dictionary: every file and column"):
    st.dataframe(ui.data_dictionary(), hide_index=True, key="data_dictionary")

st.header("Bring your own dataset")
st.markdown(
    "Explore another dataset in the same format: upload its CSV files (with dataset.json and METHOD.md if you have "
    "them) or one .zip of them. It stays in this browser session only; nothing is saved on the server. "
    "Start from the template to get the columns right."
)
st.download_button(
    "Download a template dataset (zip)",
    data=ui.template_zip(),
    file_name="stancemap_template.zip",
    mime="application/zip",
    on_click="ignore",
    icon=":material/draft:",
)
uploads = st.file_uploader(
    "Dataset files or one .zip",
    type=["csv", "json", "zip", "md"],
    accept_multiple_files=True,
    key="data_upload",
    max_upload_size=MAX_UPLOAD_BYTES // 2**20,
)
outcome = ui.process_upload([(f.name, f.getvalue(), f.file_id) for f in uploads or []])
if outcome is not None and outcome[0] == "invalid":
    _, name, problems = outcome
    st.error(
        f"Your upload ({markdown_text(name)}) has {plural(len(problems), 'problem')} and was not loaded. "
        f"You are still exploring {markdown_text(ds.meta.title)}."
    )
    ui.problem_table(problems)
elif outcome is not None and ui.is_uploaded():
    st.success(f"Loaded {markdown_text(ds.meta.title)}: explore it on any page, in this browser session only.")
    for notice in ds.notices:
        st.caption(markdown_text(notice))
elif outcome is not None:
    st.info("You went back to the shipped dataset. To explore your files again, remove them above and add them again.")
