"""A Streamlit server on a free loopback port, for the browser tests and the
benchmarks, and where Chromium is.

Ports are xdist-safe: each pytest-xdist worker (PYTEST_XDIST_WORKER=gwN)
takes ports from its own range, so two workers never race for the port one
of them just found free."""

from __future__ import annotations

import itertools
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
CHROMIUM = os.environ.get("STANCEMAP_CHROMIUM", "/usr/bin/chromium")
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}

PORTS_PER_WORKER = 500
FIRST_PORT = 20_000
_next = itertools.count()


def worker_index() -> int:
    """0 outside xdist; N for worker gwN."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    digits = "".join(c for c in worker if c.isdigit())
    return int(digits) if digits else 0


def free_port() -> int:
    """A loopback port free right now, from this worker's own range."""
    start = FIRST_PORT + worker_index() * PORTS_PER_WORKER
    for _ in range(PORTS_PER_WORKER):
        port = start + next(_next) % PORTS_PER_WORKER
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {start}-{start + PORTS_PER_WORKER - 1}")


class Server:
    """`streamlit run app` on 127.0.0.1 at a free port, with `dataset`, until stop()."""

    def __init__(self, dataset: Path, env: dict[str, str] | None = None, app: Path = APP):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"stancemap-{os.getpid()}-{self.port}.log"
        # The app starts as deployed, through serve.py (streamlit run app.py with
        # the imports done before the first connection); any other app (the
        # benchmark's baseline) with plain `streamlit run`.
        launcher = [str(app.parent / "serve.py")] if app == APP else ["-m", "streamlit", "run", str(app)]
        cmd = [
            sys.executable,
            *launcher,
            "--server.headless",
            "true",
            "--server.port",
            str(self.port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
            "--",
            "--dataset",
            str(dataset),
        ]
        self.log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            cmd, cwd=app.parent, stdout=self.log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"Streamlit did not start; see {self.log_path}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")
