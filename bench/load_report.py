"""Markdown tables from bench.load's JSON lines (as kept in bench/load-runs/).

.venv/bin/python -m bench.load_report bench/load-runs/2026-12-01.jsonl [--only LABEL-PREFIX]
"""

from __future__ import annotations

import json
import sys

HEAD = (
    "| run | load avg before / after | app | runs/s | sessions | first render p50 / p95 / p99 ms "
    "| step p50 / p95 / p99 ms | errors | RSS idle → with sessions MB | MB / session |"
)


def fmt(value: object, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)


def rows(run: dict) -> list[str]:
    out = []
    load = f"{run['load_before'][0]} / {run['load_after'][0]}" if run.get("load_before") else "–"
    for app in ("stancemap", "baseline"):
        s = run.get(app)
        if not isinstance(s, dict) or "runs_per_s" not in s:
            continue
        errors = f"{s['errors']}" + (f" {json.dumps(s['error_kinds'])}" if s["errors"] else "")
        out.append(
            f"| {run['label']} | {load} | {app} | {fmt(s['runs_per_s'])} | {s['sessions']} "
            f"| {fmt(s['first_p50_ms'], 0)} / {fmt(s['first_p95_ms'], 0)} / {fmt(s['first_p99_ms'], 0)} "
            f"| {fmt(s['step_p50_ms'], 0)} / {fmt(s['step_p95_ms'], 0)} / {fmt(s['step_p99_ms'], 0)} "
            f"| {errors} | {fmt(s['rss_before_mb'])} → {fmt(s['rss_sessions_mb'])} | {fmt(s['mb_per_session'], 2)} |"
        )
    if "ratio" in run:
        r = run["ratio"]
        out.append(
            f"| {run['label']} | | **ratio** | **{r['runs_per_s']}x** | "
            f"| {r['first_p50_ms']}x / {r['first_p95_ms']}x | {r['step_p50_ms']}x / {r['step_p95_ms']}x | | | |"
        )
    return out


def main(argv: list[str]) -> int:
    only = argv[argv.index("--only") + 1] if "--only" in argv else ""
    files = [a for i, a in enumerate(argv) if a != "--only" and (i == 0 or argv[i - 1] != "--only")]
    print(HEAD)
    print("|---|---|---|---:|---:|---|---|---|---|---:|")
    for path in files:
        with open(path) as fh:
            for line in fh:
                if line.startswith("{"):
                    run = json.loads(line)
                    if run.get("label", "").startswith(only):
                        print("\n".join(rows(run)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
