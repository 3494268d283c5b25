"""Benchmark every page against a one-chart baseline app, on the shipped data
and on a synthetic dataset 100x its size. Prints figures and appends a dated
section to bench/RESULTS.md; asserts nothing.

    .venv/bin/python -m bench.run                  # everything (~10 min on 2 cores)
    .venv/bin/python -m bench.run --no-browser     # server-side reruns only
    .venv/bin/python -m bench.run --label after --pages overview network

For each page:
- server-side time (AppTest, through testkit.apptest as a deep link opens
  the page): the first run with the dataset already loaded but every
  other cache cold, and the median of several reruns of the same AppTest (a
  briefer's click that changes nothing the page computes from);
- browser time to first chart: Chromium (Playwright) on a Streamlit server on
  a loopback port, from `goto` to the first visible plotly chart, in a fresh
  browser context each time, after one warm-up load of the server (the
  Overview, so the dataset is loaded): "cold" is the first visit of the page
  (its own computations not cached yet), the other figure the median of the
  visits after it;
- peak memory: the server process's high-water RSS (VmHWM) after the pages
  so far have been opened in the browser (so it grows down the table).

Every figure is also given as a ratio to bench/baseline_app.py measured the
same way in the same run, so runs on different machines stay comparable.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "bench" / "baseline_app.py"
RESULTS = ROOT / "bench" / "RESULTS.md"
CHART = '[data-testid="stPlotlyChart"] .main-svg'

# (row name, url path, page parameters). Pages whose file does not exist are skipped.
PAGES: list[tuple[str, str, dict[str, str]]] = [
    ("overview", "", {}),
    ("stakeholders", "stakeholders", {}),
    ("provisions", "provisions", {}),
    ("network (bipartite)", "network", {"view": "bipartite"}),
    ("network (agreement)", "network", {"view": "agreement"}),
    ("compare", "compare", {}),
    ("timeline", "timeline", {}),
    ("briefing", "briefing", {}),
    ("data", "data", {}),
    ("about", "about", {}),
    # Positions over time: the map as of a date, and the changes page.
    ("overview ?asof", "", {"asof": "2024-06-30"}),
    ("stakeholders ?asof", "stakeholders", {"asof": "2024-06-30"}),
    ("network (agreement) ?asof", "network", {"view": "agreement", "asof": "2024-06-30"}),
    ("timeline ?asof", "timeline", {"asof": "2024-06-30"}),
    ("changes", "changes", {}),
    ("changes ?since", "changes", {"since": "2023-01-01"}),
    ("briefing ?since", "briefing", {"since": "2024-01-01"}),
]
SLOW_MS = 60_000
TARGETS = {"rerun_ratio": 3.0, "big_rerun_ms": 2000.0, "chart_ratio": 1.5, "big_peak_mb": 600.0}


@dataclass
class Row:
    page: str
    first_ms: float | None = None
    rerun_ms: float | None = None
    chart_ms: float | None = None
    cold_chart_ms: float | None = None
    peak_mb: float | None = None
    has_chart: bool = False
    problems: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------
# Server side: AppTest


def _app_test(script: Path, page: str | None, params: dict[str, str]):  # type: ignore[no-untyped-def]
    from streamlit.testing.v1 import AppTest

    from testkit.apptest import app_test

    if script.name == "app.py":
        return app_test(page, params, timeout=900)
    at = AppTest.from_file(str(script), default_timeout=900)
    at.query_params.update(params)
    return at


def _clear_caches_keep_dataset(dataset: Path | None) -> None:
    """Every cache cold except the parsed dataset, which a running server has
    loaded long before a briefer opens a page."""
    import streamlit as st

    st.cache_resource.clear()
    st.cache_data.clear()
    if dataset is not None:
        from components import ui

        ui.shipped_dataset()


def time_script(script: Path, page: str | None, params: dict[str, str], reruns: int, dataset: Path | None) -> Row:
    _clear_caches_keep_dataset(dataset)
    at = _app_test(script, page, params)
    start = time.perf_counter()
    at.run()
    first = (time.perf_counter() - start) * 1000
    times = []
    for _ in range(reruns if first < SLOW_MS else 1):  # a page that takes minutes is timed once
        start = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - start) * 1000)
    row = Row(page or "baseline", first_ms=first, rerun_ms=statistics.median(times))
    row.has_chart = len(at.get("plotly_chart")) > 0
    row.problems = [str(e.value)[:200] for e in at.exception] + [str(e.value)[:200] for e in at.error]
    return row


# --------------------------------------------------------------------------
# Browser: Playwright + Chromium against a real server


def _server(app: Path, dataset: Path):  # type: ignore[no-untyped-def]
    """testkit.server's Server, running `app` (app.py or the baseline)."""
    from testkit.server import Server

    if app.name == "app.py" and app.parent == ROOT:
        return Server(dataset)
    folder = Path(tempfile.mkdtemp(prefix="stancemap-baseline-"))
    shutil.copy(app, folder / "app.py")
    return Server(dataset, app=folder / "app.py")


def _peak_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _first_chart_ms(browser, url: str, timeout_ms: int = 180_000) -> float | None:  # type: ignore[no-untyped-def]
    """Fresh context (no cache, like a new visitor): goto -> first plotly chart visible."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})

    def guard(route, request):  # type: ignore[no-untyped-def]
        host = urlparse(request.url).hostname or ""
        if request.url.startswith(("data:", "blob:")) or host in {"127.0.0.1", "localhost"}:
            route.continue_()
        else:
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    try:
        start = time.perf_counter()
        page.goto(url, wait_until="commit")
        page.wait_for_selector(CHART, state="visible", timeout=timeout_ms)
        return (time.perf_counter() - start) * 1000
    except Exception as err:  # a benchmark reports, never stops
        print(f"    no chart at {url}: {str(err).splitlines()[0]}")
        return None
    finally:
        context.close()


def browse(app: Path, dataset: Path, rows: list[Row], paths: list[tuple[str, dict[str, str]]], repeats: int) -> None:
    """Fill chart_ms and peak_mb of `rows` (same order as `paths`)."""
    from playwright.sync_api import sync_playwright

    from testkit.server import CHROMIUM

    server = _server(app, dataset)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM,
                args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
            )
            try:
                _first_chart_ms(browser, server.url + "/")  # warm-up: the server loads the dataset once
                for row, (path, params) in zip(rows, paths, strict=True):
                    if row.has_chart:
                        url = f"{server.url}/{path}" + (f"?{urlencode(params)}" if params else "")
                        times = []
                        for _ in range(repeats):
                            elapsed = _first_chart_ms(browser, url)
                            if elapsed is None:
                                break
                            times.append(elapsed)
                            if elapsed > SLOW_MS:
                                break
                        row.cold_chart_ms = times[0] if times else None
                        warm = times[1:] or times
                        row.chart_ms = statistics.median(warm) if warm else None
                    row.peak_mb = _peak_mb(server.proc.pid)
            finally:
                browser.close()
    finally:
        server.stop()


# --------------------------------------------------------------------------
# Report


def _fmt(value: float | None, digits: int = 0) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def _ratio(value: float | None, base: float | None) -> str:
    return "—" if value is None or not base else f"{value / base:.2f}x"


def table(rows: list[Row], base: Row) -> list[str]:
    lines = [
        "| page | first run ms | rerun median ms | ratio | first chart ms | ratio | cold first chart ms | ratio "
        "| peak MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in [base, *rows]:
        name = f"*{r.page}*" if r is base else r.page
        flag = " ⚠ " + "; ".join(r.problems)[:120] if r.problems else ""
        lines.append(
            f"| {name}{flag} | {_fmt(r.first_ms)} | {_fmt(r.rerun_ms)} | {_ratio(r.rerun_ms, base.rerun_ms)} "
            f"| {_fmt(r.chart_ms)} | {_ratio(r.chart_ms, base.chart_ms)} "
            f"| {_fmt(r.cold_chart_ms)} | {_ratio(r.cold_chart_ms, base.chart_ms)} | {_fmt(r.peak_mb)} |"
        )
    return lines


def verdict(name: str, rows: list[Row], base: Row, big: bool) -> list[str]:
    """Which targets this dataset meets."""

    def line(label: str, failing: list[str]) -> str:
        return f"- {label} on {name}: " + ("met" if not failing else "NOT met: " + ", ".join(failing))

    out = []
    if big:
        out.append(line("reruns ≤ 2 s", [r.page for r in rows if (r.rerun_ms or 0) > TARGETS["big_rerun_ms"]]))
        out.append(line("first runs ≤ 2 s", [r.page for r in rows if (r.first_ms or 0) > TARGETS["big_rerun_ms"]]))
    else:
        out.append(
            line(
                "reruns ≤ 3x baseline",
                [r.page for r in rows if base.rerun_ms and (r.rerun_ms or 0) / base.rerun_ms > TARGETS["rerun_ratio"]],
            )
        )
    if base.chart_ms:
        out.append(
            line(
                "first chart ≤ 1.5x baseline",
                [r.page for r in rows if (r.chart_ms or 0) / base.chart_ms > TARGETS["chart_ratio"]],
            )
        )
    peak = max((r.peak_mb for r in rows if r.peak_mb is not None), default=None)
    if big and peak is not None:
        ok = peak <= TARGETS["big_peak_mb"]
        out.append(f"- peak memory ≤ 600 MB on {name}: {'met' if ok else 'NOT met'} ({peak:.0f} MB)")
    return out


def describe(path: Path) -> str:
    from components import dataset

    ds = dataset.load_path(path)
    return (
        f"{len(ds.stakeholders):,} stakeholders, {len(ds.provisions):,} provisions, "
        f"{len(ds.positions):,} positions, {len(ds.events):,} events, {len(ds.signatories):,} signatories"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark every page against a one-chart baseline.")
    parser.add_argument("--label", default="", help="what this run is, e.g. 'before' or 'after'")
    parser.add_argument("--reruns", type=int, default=5)
    parser.add_argument("--browser-repeats", type=int, default=3)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-big", action="store_true", help="skip the 100x dataset")
    parser.add_argument("--pages", nargs="*", help="only these pages (url paths, e.g. overview network)")
    parser.add_argument("--no-write", action="store_true", help="print only, do not append to bench/RESULTS.md")
    args = parser.parse_args(argv)

    from streamlit import logger

    logger.set_log_level("error")  # bare-mode warnings of the dataset warm-up
    from testkit.synthetic import generate, write

    pages = [
        (name, path, params)
        for name, path, params in PAGES
        if (ROOT / "views" / f"{path or 'overview'}.py").exists()
        and (not args.pages or (path or "overview") in args.pages)
    ]
    datasets: list[tuple[str, Path, bool]] = [("shipped data", ROOT / "data", False)]
    if not args.no_big:
        big = write(Path(tempfile.mkdtemp(prefix="stancemap-100x-")) / "data", generate(1500, 200, 0.1, seed=1))
        datasets.append(("100x synthetic (1,500 x 200, density 0.1, seed 1)", big, True))

    print("baseline ...", flush=True)
    base = time_script(BASELINE, None, {}, args.reruns, None)
    base.page = "baseline (one plotly chart)"
    if not args.no_browser:
        browse(BASELINE, ROOT / "data", [base], [("", {})], 2 * args.browser_repeats)

    stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
    machine = (
        f"nproc {os.cpu_count()}, Python {platform.python_version()}, {platform.machine()}, "
        f"load average {os.getloadavg()[0]:.1f} at start (the machine is shared)"
    )
    section = [f"## {stamp}{' — ' + args.label if args.label else ''}", "", f"Machine: {machine}.", ""]
    for name, path, is_big in datasets:
        print(f"{name}: {path}", flush=True)
        os.environ["STANCEMAP_DATASET"] = str(path)
        rows = []
        for row_name, url_path, params in pages:
            print(f"  {row_name} ...", flush=True)
            row = time_script(ROOT / "app.py", url_path, params, args.reruns, path)
            row.page = row_name
            rows.append(row)
        if not args.no_browser:
            print("  browser ...", flush=True)
            browse(ROOT / "app.py", path, rows, [(p, q) for _, p, q in pages], args.browser_repeats)
        block = [
            f"### {name}",
            "",
            describe(path) + ".",
            "",
            *table(rows, base),
            "",
            *verdict(name, rows, base, is_big),
        ]
        print("\n".join(block), flush=True)
        section += [*block, ""]
    if not args.no_write:
        header = "" if RESULTS.exists() else "# Benchmark results\n\nAppended by `.venv/bin/python -m bench.run`.\n\n"
        with RESULTS.open("a", encoding="utf-8") as out:
            out.write(header + "\n".join(section) + "\n")
        print(f"appended to {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
