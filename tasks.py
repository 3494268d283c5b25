#!/usr/bin/env python3
"""Set up and run Stancemap with nothing but Python 3.11+.

    python3 tasks.py app [--port N] [-- --dataset PATH]   run the app on the shipped data (or PATH)
    python3 tasks.py test [PYTEST ARGS]        run the whole test suite, in parallel
    python3 tasks.py test --fast [PYTEST ARGS] unit and AppTest tiers only, no Chromium needed

Each command creates .venv/ on first use and installs the pinned
requirements into it (again only when a requirements file changes). The test
command also needs Debian's Chromium for the browser tests: it installs it
with apt-get when run as root, and otherwise says how.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
CHROMIUM = os.environ.get("STANCEMAP_CHROMIUM", "/usr/bin/chromium")


def say(message: str) -> None:
    print(f"[stancemap] {message}", flush=True)


def ensure_venv(requirements: str) -> None:
    """Create .venv and install `requirements` into it when they changed."""
    if not PYTHON.exists():
        say("creating .venv")
        try:
            venv.create(VENV, with_pip=True)
        except Exception as err:
            sys.exit(f"Could not create a virtual environment ({err}). On Debian/Ubuntu: apt-get install python3-venv")
    files = [ROOT / requirements] + ([ROOT / "requirements.txt"] if requirements != "requirements.txt" else [])
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
    stamp = VENV / f".installed-{requirements}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    say(f"installing {requirements} into .venv (first run takes a minute or two)")
    subprocess.run(
        [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", str(ROOT / requirements)],
        check=True,
    )
    stamp.write_text(digest)


def ensure_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        say("installing Debian's chromium for the browser tests")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-q"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-q", "chromium"], check=True, env=env)
        return
    sys.exit(
        f"The browser tests need Chromium at {CHROMIUM}. Install it (Debian/Ubuntu: sudo apt-get install chromium) "
        "or point STANCEMAP_CHROMIUM at a Chromium binary."
    )


def port_free(port: int) -> bool:
    import socket

    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def app_command(args: list[str], is_free=port_free) -> tuple[list[str], str]:  # type: ignore[no-untyped-def]
    """The streamlit command for `tasks.py app [--port N] [-- APP ARGS]` and
    the address it will serve: port N (default 8501), or the next free port
    above it when N is taken."""
    port, rest = 8501, list(args)
    if "--port" in rest[: rest.index("--") if "--" in rest else len(rest)]:
        i = rest.index("--port")
        try:
            port = int(rest[i + 1])
        except (IndexError, ValueError):
            sys.exit("--port needs a number, e.g. python3 tasks.py app --port 8502")
        del rest[i : i + 2]
    chosen = port
    while not is_free(chosen) and chosen < port + 50:
        chosen += 1
    extra = rest[1:] if rest[:1] == ["--"] else rest
    cmd = [str(PYTHON), "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(chosen)]
    if extra:
        cmd += ["--", *extra]
    return cmd, f"http://localhost:{chosen}"


def app(args: list[str]) -> int:
    ensure_venv("requirements.txt")
    cmd, url = app_command(args)
    say(f"starting Stancemap at {url} (Ctrl+C stops it)")
    return subprocess.call(cmd, cwd=ROOT)


def needs_browser(args: list[str]) -> bool:
    """Whether the tests chosen by `args` may include the browser tier: not
    with --fast or -m "not browser", nor when every path named is outside
    tests/browser (tasks.py test tests/test_filters.py)."""
    if "--fast" in args:
        return False
    if any(a == "-m" and "not browser" in b for a, b in itertools.pairwise(args)):
        return False
    paths = [a.split("::")[0] for a in args if not a.startswith("-") and (ROOT / a.split("::")[0]).exists()]
    if paths:
        return any("browser" in Path(p).parts or Path(p).resolve() == (ROOT / "tests").resolve() for p in paths)
    return True


def test(args: list[str]) -> int:
    """pytest in parallel (pytest-xdist, one worker per core) unless the
    arguments choose otherwise (-n, -p no:xdist); --fast keeps to the unit and
    AppTest tiers (-m "not browser") and does not need Chromium."""
    ensure_venv("requirements-dev.txt")
    if needs_browser(args):
        ensure_chromium()
    fast = "--fast" in args
    rest = [a for a in args if a != "--fast"]
    options = ["-m", "not browser"] if fast else []
    if not any(a.startswith(("-n", "--numprocesses", "-p")) for a in rest):
        options += ["-n", "auto"]
    if not rest or all(a.startswith("-") for a in rest):
        options.append("-q")
    cmd = [str(PYTHON), "-m", "pytest", *options, *rest]
    return subprocess.call(cmd, cwd=ROOT)


def main(argv: list[str]) -> int:
    commands = {"app": app, "test": test}
    if not argv or argv[0] not in commands:
        print(__doc__)
        return 2
    return commands[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
