"""Widgets synced with the URL: the shared sidebar filters, pickers and
switches whose value is a page parameter, page links that keep the filters,
and the notices about link values that were ignored. Which parameters exist
is registered in components/pages.py.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Sequence

import streamlit as st
from streamlit.navigation.page import StreamlitPage
from streamlit.runtime.scriptrunner import get_script_run_ctx

from components import pages
from components.dataset import Dataset
from components.filters import FilterState
from components.params import MAX_QUERY, parse_int, parse_one, parse_switch
from components.safety import markdown_text
from components.ui.cache import kept_with, milestones, ordered_provisions, themes
from components.ui.state import ROOT, current

_NOTICES_KEY = "_stancemap_notices"
_PAGE_KEY = "_stancemap_page"  # url path of the page this run shows


def note(messages: Sequence[str]) -> None:
    """Queue short notices about ignored URL values for this run."""
    st.session_state.setdefault(_NOTICES_KEY, []).extend(messages)


def show_notices() -> None:
    messages = st.session_state.pop(_NOTICES_KEY, [])
    if messages:
        st.info("  \n".join(markdown_text(m) for m in dict.fromkeys(messages)), icon="ℹ️")


def _registered(name: str, page: pages.Page | None = None) -> str:
    """`name`, when the page (by default the one this run shows) registers it
    in components/pages.py. Otherwise the parameter would be stripped from
    the link with a notice; this fails loudly instead (in every AppTest)."""
    url_path = page.url_path if page is not None else st.session_state.get(_PAGE_KEY, "")
    if name not in pages.known_params(url_path):
        raise ValueError(f"Link parameter {name!r} is not registered for page /{url_path} in components/pages.py.")
    return name


def param(name: str) -> list[str] | None:
    """A query parameter as a list of its values (repeated keys kept)."""
    if _registered(name) not in st.query_params:
        return None
    return st.query_params.get_all(name)


def set_param(name: str, value: str | None) -> None:
    """Write one page parameter to the URL (None removes it), only when it changes."""
    _registered(name)
    if value is None or value == "":
        if name in st.query_params:
            del st.query_params[name]
    elif st.query_params.get_all(name) != [value]:
        st.query_params[name] = value


def drop_unknown_params(page: str) -> None:
    """Remove parameters no page understands, with a notice."""
    st.session_state[_PAGE_KEY] = page
    unknown = pages.unknown_params(list(st.query_params.keys()), page)
    for name in unknown:
        del st.query_params[name]
    if unknown:
        shown = ", ".join(repr(n[:30]) for n in unknown[:5])
        note([f"Ignored unknown link {'parameter' if len(unknown) == 1 else 'parameters'}: {shown}."])


def sidebar_filters(ds: Dataset) -> FilterState:
    """The shared filters (pages.FILTERS) in the sidebar, kept in sync with
    the URL both ways: a link sets the widgets, a widget change rewrites the
    link. A filter with nothing to choose from in this dataset (no source
    kinds) has no control."""
    available_themes = themes(ds)
    url_params = {k: st.query_params.get_all(k) for k in pages.FILTER_KEYS if k in st.query_params}
    from_url, notices = FilterState.from_query_params(url_params, available_themes)
    note(notices)
    # A URL that carries filters (a fresh link) sets the widgets; a URL without
    # them (after moving between pages) leaves the widgets as they are.
    signature = tuple(sorted((k, tuple(v)) for k, v in url_params.items()))
    if url_params and st.session_state.get("_filters_from_url") != signature:
        for spec in pages.FILTERS:
            st.session_state[_filter_key(spec)] = _widget_value(spec, from_url.value(spec.name))
    options = kept_with(
        ds, "filter options", lambda: {spec.name: _filter_options(spec, ds, available_themes) for spec in pages.FILTERS}
    )
    for spec in pages.FILTERS:
        key = _filter_key(spec)
        if spec.choices not in (None, "date") and key in st.session_state:
            allowed = set(options[spec.name])
            st.session_state[key] = [v for v in st.session_state[key] if v in allowed]

    with st.sidebar:
        st.subheader("Filters")
        for spec in pages.FILTERS:
            if spec.choices == "date":
                _date_filter(spec, ds)
            elif spec.choices is None:
                st.text_input(
                    spec.label,
                    key=_filter_key(spec),
                    placeholder="e.g. extradition",
                    max_chars=MAX_QUERY,
                    help=spec.help,
                )
            elif options[spec.name]:
                st.multiselect(
                    spec.label,
                    options[spec.name],
                    key=_filter_key(spec),
                    format_func=spec.format,
                    placeholder=spec.placeholder,
                    help=spec.help,
                )
    filters, _ = FilterState.from_query_params(
        {spec.name: _url_value(spec, st.session_state.get(_filter_key(spec))) for spec in pages.FILTERS},
        available_themes,
    )
    if not filters.is_empty and st.sidebar.button("Clear filters", key="clear_filters"):
        for spec in pages.FILTERS:
            st.session_state[_filter_key(spec)] = _widget_value(spec, "" if spec.choices in (None, "date") else ())
        filters = FilterState()
        st.session_state["_filters_from_url"] = ()
        for key in pages.FILTER_KEYS:
            set_param(key, None)
        st.rerun()
    wanted = filters.to_query_params()
    for key in pages.FILTER_KEYS:
        set_param(key, wanted.get(key))
    st.session_state["_filters_from_url"] = tuple(sorted((k, (v,)) for k, v in wanted.items()))
    return filters


def _widget_value(spec: pages.FilterParam, value: tuple[str, ...] | str) -> object:
    """A filter value as its sidebar widget holds it: a date for the date
    filter (None when unset), text, or a list of choices."""
    if spec.choices == "date":
        return dt.date.fromisoformat(value) if isinstance(value, str) and value else None
    return value if isinstance(value, str) else list(value)


def _url_value(spec: pages.FilterParam, value: object) -> str | list[str]:
    """A sidebar widget's value as a link carries it."""
    if spec.choices == "date":
        return value.isoformat() if isinstance(value, dt.date) else ""
    if value is None:
        return "" if spec.choices is None else []
    return value if isinstance(value, str) else list(value)  # type: ignore[call-overload]


def _date_filter(spec: pages.FilterParam, ds: Dataset) -> None:
    """The date filter: a date picker, and the dataset's own milestones
    (its events) as presets that set it."""
    key = _filter_key(spec)
    st.session_state.setdefault(key, None)  # unset unless a link or the reader sets it (not "today")
    last = dt.date.fromisoformat(ds.meta.as_of) if ds.meta.as_of else dt.date(2100, 12, 31)
    if isinstance(st.session_state.get(key), dt.date) and st.session_state[key] > last:
        st.session_state[key] = last
    st.date_input(
        spec.label,
        key=key,
        min_value=dt.date(1900, 1, 1),
        max_value=last,
        format="YYYY-MM-DD",
        help=spec.help,
    )
    points = milestones(ds)
    if points:
        labels = {m.date: m.label for m in points}

        def jump() -> None:
            chosen = st.session_state.get("_asof_preset")
            if chosen:
                st.session_state[key] = dt.date.fromisoformat(chosen)
            st.session_state["_asof_preset"] = None

        st.selectbox(
            "Milestones",
            [m.date for m in reversed(points)],
            index=None,
            key="_asof_preset",
            format_func=lambda d: labels.get(d, d),
            placeholder="Jump to a milestone",
            on_change=jump,
            help="Dates from this dataset's events: choose one to see the map as it stood then.",
        )


def _filter_key(spec: pages.FilterParam) -> str:
    """The session-state key of a filter's sidebar control."""
    return f"f_{spec.name}"


def _filter_options(spec: pages.FilterParam, ds: Dataset, available_themes: Sequence[str]) -> list[str]:
    """What a filter's control offers: the dataset's themes; for a fixed
    vocabulary, the values this dataset uses (stances: all of them)."""
    if spec.choices is None:
        return []
    if spec.choices == "dataset":
        return list(available_themes)
    if spec.name == "stance":
        return list(spec.choices)
    table = ds.stakeholders if spec.column in ds.stakeholders.columns else ds.positions
    if spec.column not in table.columns:
        return []
    present = set(table[spec.column].dropna().unique())
    return [c for c in spec.choices if c in present]


def pick(
    label: str,
    name: str,
    options: Sequence[str],
    format_func: Callable[[str], str],
    what: str,
    buttons: bool = False,
) -> str | None:
    """A selectbox (or, with `buttons`, a row of buttons for a few options)
    synced to the page parameter `name`: the link chooses the item; choosing
    another item rewrites the link; an unknown value in the link gets a
    notice and the first option."""
    if not options:
        return None
    chosen, notices = parse_one(param(name), options, what)
    note(notices)
    key = f"pick_{name}"
    url_key = f"_pick_url_{name}"
    if chosen is not None and st.session_state.get(url_key) != chosen:
        st.session_state[key] = chosen
    if st.session_state.get(key) not in options:
        st.session_state[key] = chosen or options[0]
    if buttons:
        value = st.segmented_control(label, options, key=key, format_func=format_func, required=True)
    else:
        value = st.selectbox(label, options, key=key, format_func=format_func)
    st.session_state[url_key] = value
    set_param(name, value)
    return value


def switch(label: str, name: str, key: str, what: str = "switch") -> bool:
    """A toggle synced to the page parameter `name` (?name=1 when on, absent
    when off), so a prepared link opens with the switch as it was. `key` is
    the page's own, so a switch on one page does not carry to another."""
    chosen, notices = parse_switch(param(name), what)
    note(notices)
    url_key = f"_url_{key}"
    if chosen is not None and st.session_state.get(url_key) != chosen:
        st.session_state[key] = chosen
    value = st.toggle(label, key=key)
    st.session_state[url_key] = value
    set_param(name, "1" if value else None)
    return value


def pick_stakeholder(ds: Dataset, label: str = "Stakeholder") -> str | None:
    names = kept_with(
        ds.stakeholders,
        "names",
        lambda: dict(zip(ds.stakeholders["stakeholder_id"], ds.stakeholders["name"], strict=True)),
    )
    options = kept_with(ds.stakeholders, "by name", lambda: sorted(names, key=lambda s: names[s].casefold()))
    return pick(label, "stakeholder", options, lambda s: names.get(s, s), "stakeholder")


def pick_provision(ds: Dataset, label: str = "Provision") -> str | None:
    provisions = ordered_provisions(ds)
    text = kept_with(
        provisions,
        "picker",
        lambda: dict(zip(provisions["provision_id"], provisions["label"] + ": " + provisions["title"], strict=True)),
    )
    return pick(label, "provision", list(text), lambda p: text.get(p, p), "provision")


def pick_many(
    label: str,
    name: str,
    options: list[str],
    format_func: Callable[[str], str],
    chosen: Sequence[str],
    default: Sequence[str] = (),
    max_selections: int | None = None,
) -> list[str]:
    """A multiselect synced to the comma-separated page parameter `name`:
    `chosen` (already parsed from the link) sets the widget when the link
    changes; `default` fills it the first time when the link names nothing;
    a change in the widget rewrites the link."""
    key = f"pick_{name}"
    url_key = f"_pick_url_{name}"
    if chosen and st.session_state.get(url_key) != list(chosen):
        st.session_state[key] = list(chosen)
    elif key not in st.session_state:
        st.session_state[key] = list(default)
    allowed = set(options)
    st.session_state[key] = [v for v in st.session_state[key] if v in allowed][:max_selections]
    value = st.multiselect(label, options, key=key, format_func=format_func, max_selections=max_selections)
    st.session_state[url_key] = list(value)
    set_param(name, ",".join(value) or None)
    return list(value)


def pick_step(label: str, name: str, count: int, format_func: Callable[[int], str], what: str) -> int:
    """A 1-based position among `count` items (slides) synced to the page
    parameter `name`: Previous / Next buttons (also PageUp / PageDown, what a
    presenter's clicker sends) and a picker. The link chooses the position; a
    number out of range goes to the nearest one and garbage to the first, with
    a notice; moving rewrites the link."""
    count = max(count, 1)
    chosen, notices = parse_int(param(name), what)
    note(notices)
    if chosen is not None and not 1 <= chosen <= count:
        nearest = min(max(chosen, 1), count)
        note([f"There is no {what} {chosen}: showing {what} {nearest} of {count}."])
        chosen = nearest
    key, url_key = f"step_{name}", f"_step_url_{name}"
    if chosen is not None and st.session_state.get(url_key) != chosen:
        st.session_state[key] = chosen
    current_value = st.session_state.get(key)
    if not isinstance(current_value, int) or not 1 <= current_value <= count:
        st.session_state[key] = min(max(current_value if isinstance(current_value, int) else 1, 1), count)

    def move(step: int) -> None:
        st.session_state[key] = min(max(st.session_state[key] + step, 1), count)

    def go_to(target: int) -> None:
        st.session_state[key] = target

    position = st.session_state[key]
    # Buttons keep their size (and whole labels) at 1024 px; the picker takes the rest.
    with st.container(horizontal=True, vertical_alignment="bottom", key=f"{key}_bar"):
        st.button("First", key=f"{key}_first", on_click=go_to, args=(1,), disabled=position <= 1, shortcut="Home")
        st.button("← Previous", key=f"{key}_prev", on_click=move, args=(-1,), disabled=position <= 1, shortcut="PageUp")
        value = st.selectbox(
            label, list(range(1, count + 1)), key=key, format_func=format_func, label_visibility="collapsed"
        )
        st.button(
            "Next →", key=f"{key}_next", on_click=move, args=(1,), disabled=position >= count, shortcut="PageDown"
        )
        st.button("Last", key=f"{key}_last", on_click=go_to, args=(count,), disabled=position >= count, shortcut="End")
    st.session_state[url_key] = value
    set_param(name, str(value))
    _step_keys(key, value)
    return value


# ArrowRight and Space also go forward, ArrowLeft back (a clicker or a
# keyboard); each step opens at the top of the page. Streamlit's own
# shortcuts take one key per button, so these press the same buttons. The
# script is ours alone: no dataset text reaches it.
_STEP_SCRIPT = """<script>
(() => {
  const key = %(key)s;
  const press = (which) => {
    const b = document.querySelector(`.st-key-${key}_${which} button`);
    if (b && !b.disabled) b.click();
  };
  window.__stancemapStepKeys = window.__stancemapStepKeys || {};
  if (!window.__stancemapStepKeys[key]) {
    window.__stancemapStepKeys[key] = true;
    document.addEventListener("keydown", (e) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      if (!document.querySelector(`.st-key-${key}_next`)) return;  // another page
      const t = e.target;
      if (t && t.closest && t.closest("input, textarea, select, [contenteditable=true], [role=listbox], [role=combobox]")) return;
      if (e.key === " " && t && t.closest && t.closest("button, a, summary, [role=button], [role=tab]")) return;
      const which = {ArrowRight: "next", " ": "next", ArrowLeft: "prev"}[e.key];
      if (!which) return;
      e.preventDefault();
      press(which);
    });
  }
  // A new step opens at its top (%(step)s).
  const main = document.querySelector('[data-testid="stMain"]');
  if (main) main.scrollTo(0, 0);
  window.scrollTo(0, 0);
})();
</script>"""


def _step_keys(key: str, step: int) -> None:
    import json

    st.html(_STEP_SCRIPT % {"key": json.dumps(key), "step": int(step)}, unsafe_allow_javascript=True)


_BUILT: tuple[StreamlitPage, ...] | None = None


def _built_pages() -> tuple[StreamlitPage, ...]:
    global _BUILT
    if _BUILT is not None:
        return _BUILT
    built = tuple(
        st.Page(ROOT / p.file, title=p.title, icon=p.icon, url_path=p.url_path or None, default=p.default)
        for p in pages.PAGES
    )
    if get_script_run_ctx() is not None:  # outside a script run st.Page makes a bare page: not kept
        _BUILT = built
    return built


def navigation_pages() -> list[StreamlitPage]:
    """The registry's pages for st.navigation. Built once per process: st.Page
    resolves its file on disk, a dozen system calls a page on every run, each
    a wait for the interpreter lock when a room of sessions shares it. Each
    run gets its own copies, since st.navigation marks the one it returns as
    runnable and runs of many sessions overlap."""
    return [copy.copy(p) for p in _built_pages()]


def page_link(page: pages.Page, label: str, **params: str) -> None:
    """A link to another page of the registry (pages.PROVISIONS, ...) that
    keeps the shared filters; `params` must be parameters of that page. The
    label is shown as text: page_link labels are markdown, and they often
    carry dataset text such as an article title."""
    _, filters = current()
    query = {**filters.to_query_params(), **{_registered(k, page): v for k, v in params.items()}}
    # The registered page object, not its file: a file path is resolved on disk on every call.
    target = _built_pages()[pages.PAGES.index(page)]
    st.page_link(target, label=markdown_text(label), icon="", query_params=query)
