"""The Streamlit side of Stancemap: the only package of components/ that
imports Streamlit. Pages use it as `from components import ui` and call the
names listed in `__all__`, each defined in the part that owns its concern:

- state:   the active dataset (shipped or this session's upload), the run's
           dataset and filters, the page error guard
- cache:   core results cached by dataset content and filters
- widgets: URL-synced widgets, the shared sidebar filters, page links, notices
- render:  dataset text shown as text, http(s)-only links, tables, captions
- plots:   drawing cached figures, the stance legend
- upload:  validating an upload, the upload banner

Only the names below are the pages' API; anything else (the safety and
vocabulary helpers, for instance) is imported from where it lives.
"""

from components.ui.cache import (
    agreement_graph,
    cached,
    coalitions,
    current_table,
    dataset_on,
    filtered_positions,
    filtered_table,
    milestones,
    ordered_provisions,
    position_table,
    provisions_by_id,
    stakeholders_by_id,
    themes,
)
from components.ui.plots import chart, stance_legend
from components.ui.render import (
    POSITION_COLUMNS,
    as_of_caption,
    data_dictionary,
    filtered_caption,
    link,
    page_icon,
    pinned_grid,
    positions_table,
    problem_table,
    slide_style,
    source_links,
    template_zip,
    text,
)
from components.ui.state import (
    active_dataset,
    active_files,
    current,
    is_uploaded,
    method_is_trusted,
    run_safely,
    set_current,
    shipped_dataset,
)
from components.ui.upload import process_upload, upload_banner
from components.ui.widgets import (
    drop_unknown_params,
    navigation_pages,
    note,
    page_link,
    param,
    pick,
    pick_many,
    pick_provision,
    pick_stakeholder,
    pick_step,
    set_param,
    show_notices,
    sidebar_filters,
    switch,
)

__all__ = [
    "POSITION_COLUMNS",
    "active_dataset",
    "active_files",
    "agreement_graph",
    "as_of_caption",
    "cached",
    "chart",
    "coalitions",
    "current",
    "current_table",
    "data_dictionary",
    "dataset_on",
    "drop_unknown_params",
    "filtered_caption",
    "filtered_positions",
    "filtered_table",
    "is_uploaded",
    "link",
    "method_is_trusted",
    "milestones",
    "navigation_pages",
    "note",
    "ordered_provisions",
    "page_icon",
    "page_link",
    "param",
    "pick",
    "pick_many",
    "pick_provision",
    "pick_stakeholder",
    "pick_step",
    "pinned_grid",
    "position_table",
    "positions_table",
    "problem_table",
    "process_upload",
    "provisions_by_id",
    "run_safely",
    "set_current",
    "set_param",
    "shipped_dataset",
    "show_notices",
    "sidebar_filters",
    "slide_style",
    "source_links",
    "stakeholders_by_id",
    "stance_legend",
    "switch",
    "template_zip",
    "text",
    "themes",
    "upload_banner",
]
