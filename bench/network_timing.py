"""Time the Network page's expensive part (graphs, coalitions, centrality,
layout) and its figure, on the shipped dataset and on a synthetic 1,500 x 200
dataset of about 30,000 positions. Prints figures; asserts nothing.

    .venv/bin/python -m bench.network_timing
"""

from __future__ import annotations

import time
from pathlib import Path

from components import analysis, dataset, network
from testkit.synthetic import camp_files as synthetic_files

ROOT = Path(__file__).resolve().parent.parent


def timed(label: str, func, *args, **kwargs):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = func(*args, **kwargs)
    print(f"  {label:<38} {time.perf_counter() - start:8.2f} s")
    return result


def run(name: str, ds: dataset.Dataset) -> None:
    current = analysis.current_positions(analysis.position_table(ds))
    print(
        f"{name}: {current['stakeholder_id'].nunique()} stakeholders, "
        f"{current['provision_id'].nunique()} provisions, {len(current)} current positions"
    )
    table = timed("ally_table (agreement of every pair)", network.ally_table, current)
    groups = timed("coalitions (Louvain)", network.coalitions, table)
    for graph_kind in network.GRAPH_KINDS:
        for limit in (network.MAX_DRAWN_STAKEHOLDERS, None):
            label = f"{graph_kind}, {'all' if limit is None else f'top {limit}'}"
            net = timed(
                f"build({label})", network.build, current, graph_kind, agreement=table, groups=groups, limit=limit
            )
            print(
                f"    nodes {net.graph.number_of_nodes()}, edges {net.graph.number_of_edges()}, "
                f"coalitions >1: {sum(len(g) > 1 for g in net.groups)}"
            )
            timed(f"figure({label})", network.figure, net.graph, net.positions, "coalition", net.groups)


if __name__ == "__main__":
    run("shipped data/", dataset.load_path(ROOT / "data"))
    files = synthetic_files(1500, 200, per_stakeholder=20, camps=4, seed=1, noise=0.2)
    ds = timed("read synthetic dataset", dataset.read_dataset, files, "synthetic")
    run("synthetic 1500 x 200", ds)
