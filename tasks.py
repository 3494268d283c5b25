#!/usr/bin/env python3
"""Set up and run Stancemap with nothing but Python 3.11+.

    python3 tasks.py app [--port P] [-- --dataset PATH]
                                               run the app on the shipped data (or PATH)
    python3 tasks.py serve --replicas N [--port P] [-- --dataset PATH]
                                               N app processes behind HAProxy (cookie
                                               affinity); Ctrl+C stops all of it
    python3 tasks.py haproxy-config [--replicas N]
                                               print the compose balancer config (deploy/haproxy.cfg)
    python3 tasks.py test [PYTEST ARGS]        run the whole test suite, in parallel
    python3 tasks.py test --fast [PYTEST ARGS] unit and AppTest tiers only, no Chromium needed

Each command creates .venv/ on first use and installs the pinned
requirements into it (again only when a requirements file changes). The test
command also needs Debian's Chromium for the browser tests, and serve (and its
tests) Debian's HAProxy: each is installed with apt-get when run as root, and
otherwise the command says how.
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


def port_free(port: int, host: str = "127.0.0.1") -> bool:
    import socket

    with socket.socket() as s:
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def free_port(host: str = "127.0.0.1") -> int:
    import socket

    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def split_port(args: list[str]) -> tuple[int | None, list[str]]:
    """`[--port P] [-- APP ARGS]` -> (P or None, APP ARGS)."""
    port = None
    rest = list(args)
    while rest and rest[0] != "--":
        if rest[0] == "--port" and len(rest) > 1 and rest[1].isdigit():
            port, rest = int(rest[1]), rest[2:]
        elif rest[0].startswith("--port=") and rest[0][7:].isdigit():
            port, rest = int(rest[0][7:]), rest[1:]
        else:
            break
    return port, rest[1:] if rest[:1] == ["--"] else rest


def app(args: list[str]) -> int:
    ensure_venv("requirements.txt")
    port, extra = split_port(args)
    if port is None:
        port = 8501 if port_free(8501, "0.0.0.0") else free_port()
    elif not port_free(port, "0.0.0.0"):
        sys.exit(f"Port {port} is in use; choose another with --port.")
    cmd = [str(PYTHON), str(ROOT / "serve.py"), "--server.port", str(port)]
    if extra:
        cmd += ["--", *extra]
    say(f"starting Stancemap at http://localhost:{port} (Ctrl+C stops it)")
    try:
        return subprocess.call(cmd, cwd=ROOT, preexec_fn=die_with_parent if os.name == "posix" else None)
    except KeyboardInterrupt:
        return 130


# --------------------------------------------------------------------------
# serve: N replicas behind HAProxy (cookie affinity, websocket upgrades)

HAPROXY = os.environ.get("STANCEMAP_HAPROXY", "/usr/sbin/haproxy")
AFFINITY_COOKIE = "stancemap_replica"


def haproxy_config(servers: list[tuple[str, str]], bind: str, dns: str | None = None) -> str:
    """HAProxy's configuration for replicas [(name, host:port)] behind `bind`.
    The same text serves `tasks.py serve` and deploy/haproxy.cfg (compose,
    where replicas are found by name through the `dns` resolver)."""
    lines = [
        "# Stancemap behind HAProxy: written by `python3 tasks.py serve` and, for",
        "# compose, `python3 tasks.py haproxy-config` (the same function).",
        "global",
        "    maxconn 4096",
        "    log stdout format raw local0 info",
        "",
        "defaults",
        "    mode http",
        "    log global",
        "    # one line per failed request or connection (normal ones are not logged)",
        "    option httplog",
        "    option dontlog-normal",
        "    option http-server-close",
        "    timeout connect 5s",
        "    timeout client 60s",
        "    timeout server 120s",
        "    # an open websocket (one per browser tab) may idle for a long time",
        "    timeout tunnel 1h",
        "    # a replica busy with script runs answers its health check late, not never",
        "    timeout check 5s",
        "    timeout client-fin 5s",
        "    # a replica that is gone: try another, and give the user a new cookie",
        "    option redispatch",
        "    retries 3",
        "",
        *(["resolvers dns", f"    nameserver local {dns}", "    hold valid 10s", ""] if dns else []),
        "frontend stancemap",
        f"    bind {bind}",
        "    default_backend replicas",
        "",
        "backend replicas",
        "    # long-lived websockets: send a new tab to the replica with the fewest",
        "    balance leastconn",
        "    # the first response sets the cookie; the websocket and every media and",
        "    # download request of that tab then reach the same replica",
        f"    cookie {AFFINITY_COOKIE} insert indirect nocache httponly",
        "    option httpchk GET /_stcore/health",
        "    http-check expect status 200",
        "    default-server inter 2s fall 3 rise 2" + (" resolvers dns init-addr last,libc,none" if dns else ""),
    ]
    lines += [f"    server {name} {address} check cookie {name}" for name, address in servers]
    return "\n".join(lines) + "\n"


def ensure_haproxy() -> str:
    if Path(HAPROXY).exists():
        return HAPROXY
    found = shutil.which("haproxy")
    if found:
        return found
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        say("installing Debian's haproxy for `serve`")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-q"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-q", "haproxy"], check=True, env=env)
        return shutil.which("haproxy") or HAPROXY
    sys.exit(
        "`serve` needs HAProxy. Install it (Debian/Ubuntu: sudo apt-get install haproxy) or set STANCEMAP_HAPROXY."
    )


def wait_health(url: str, proc: subprocess.Popen, seconds: float = 90) -> bool:
    import time
    import urllib.request

    deadline = time.time() + seconds
    while time.time() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return True
        except OSError:
            time.sleep(0.3)
    return False


def die_with_parent() -> None:
    """In a child: get SIGTERM when the parent (tasks.py) dies, however it dies (Linux)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def serve(args: list[str]) -> int:
    """`serve --replicas N [--port P] [-- APP ARGS]`: N replicas behind HAProxy, in the foreground."""
    import argparse
    import secrets
    import signal
    import tempfile
    import time

    parser = argparse.ArgumentParser(prog="tasks.py serve")
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=8500)
    parser.add_argument("--host", default="127.0.0.1", help="address the balancer listens on")
    own, app_args = (args[: args.index("--")], args[args.index("--") + 1 :]) if "--" in args else (args, [])
    opts = parser.parse_args(own)
    if not 1 <= opts.replicas <= 16:
        sys.exit("--replicas must be 1..16")
    ensure_venv("requirements.txt")
    haproxy = ensure_haproxy()
    if not port_free(opts.port, opts.host):
        sys.exit(f"Port {opts.port} is in use; choose another with --port.")

    # One cookie secret for all replicas: a tab that moves to another replica
    # keeps a valid XSRF cookie (uploads) instead of one only its old replica knew.
    env = {**os.environ, "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32)}
    workdir = Path(tempfile.mkdtemp(prefix="stancemap-serve-"))
    procs: list[subprocess.Popen] = []
    servers: list[tuple[str, str]] = []

    def stop_all(*_: object) -> None:
        for proc in reversed(procs):
            if proc.poll() is None:
                proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()

    def on_term(*_: object) -> None:
        raise KeyboardInterrupt

    # Ctrl+C stops all of it, even when started from a script (where a
    # background job starts with SIGINT ignored).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGHUP, on_term)
    try:
        for i in range(1, opts.replicas + 1):
            name, port = f"r{i}", free_port()
            cmd = [str(PYTHON), str(ROOT / "serve.py"), "--server.port", str(port), "--server.address", "127.0.0.1"]
            cmd += ["--server.fileWatcherType", "none"]
            if app_args:
                cmd += ["--", *app_args]
            proc = subprocess.Popen(cmd, cwd=ROOT, env={**env, "STANCEMAP_REPLICA": name}, preexec_fn=die_with_parent)
            procs.append(proc)
            servers.append((name, f"127.0.0.1:{port}"))
            say(f"replica {name} pid {proc.pid} at http://127.0.0.1:{port}")
        for (name, address), proc in zip(servers, procs, strict=True):
            if not wait_health(f"http://{address}", proc):
                stop_all()
                sys.exit(f"replica {name} did not start (see its output above)")
        config = workdir / "haproxy.cfg"
        config.write_text(haproxy_config(servers, f"{opts.host}:{opts.port}"))
        balancer = subprocess.Popen([haproxy, "-db", "-f", str(config)], cwd=workdir, preexec_fn=die_with_parent)
        procs.insert(0, balancer)
        host = "localhost" if opts.host in ("127.0.0.1", "0.0.0.0") else opts.host
        say(f"Stancemap at http://{host}:{opts.port} ({opts.replicas} replicas behind HAProxy; Ctrl+C stops all)")
        reported: set[int] = set()
        while balancer.poll() is None:
            for (name, _), proc in zip(servers, procs[1:], strict=True):
                if proc.poll() is not None and proc.pid not in reported:
                    reported.add(proc.pid)
                    say(f"replica {name} exited ({proc.returncode}); its users reconnect to the others")
            if len(reported) == len(servers):
                say("no replica left")
                break
            time.sleep(0.5)
        return balancer.returncode or 1
    except KeyboardInterrupt:
        say("stopping")
        return 0
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGHUP, signal.SIG_DFL)
        stop_all()
        shutil.rmtree(workdir, ignore_errors=True)


def haproxy_config_command(args: list[str]) -> int:
    """`haproxy-config [--replicas N]`: the compose balancer configuration (deploy/haproxy.cfg)."""
    replicas = int(args[args.index("--replicas") + 1]) if "--replicas" in args else 3
    servers = [(f"app{i}", f"app{i}:8501") for i in range(1, replicas + 1)]
    # 127.0.0.11: the DNS server compose gives every container of a project.
    sys.stdout.write(haproxy_config(servers, "*:8080", dns="127.0.0.11:53"))
    return 0


def needs_browser(args: list[str]) -> bool:
    """Whether the tests chosen by `args` may include the browser tier: not
    with --fast or -m "not browser", nor when every path named is outside
    tests/browser (tasks.py test tests/test_filters.py)."""
    if "--fast" in args:
        return False
    if any(a == "-m" and ("not browser" in b or "browser" not in b) for a, b in itertools.pairwise(args)):
        return False
    paths = [a.split("::")[0] for a in args if not a.startswith("-") and (ROOT / a.split("::")[0]).exists()]
    if paths:
        return any("browser" in Path(p).parts or Path(p).resolve() == (ROOT / "tests").resolve() for p in paths)
    return True


def test(args: list[str]) -> int:
    """pytest in parallel (pytest-xdist, one worker per core) unless the
    arguments choose otherwise (-n, -p no:xdist); --fast keeps to the unit and
    AppTest tiers (-m "unit or app"): no Chromium, no servers."""
    ensure_venv("requirements-dev.txt")
    if needs_browser(args):
        ensure_chromium()
    fast = "--fast" in args
    rest = [a for a in args if a != "--fast"]
    options = ["-m", "unit or app"] if fast else []
    if not any(a.startswith(("-n", "--numprocesses", "-p")) for a in rest):
        options += ["-n", "auto"]
    if not rest or all(a.startswith("-") for a in rest):
        options.append("-q")
    cmd = [str(PYTHON), "-m", "pytest", *options, *rest]
    # pytest keeps its assertion-rewritten test modules as bytecode between
    # runs; with PYTHONDONTWRITEBYTECODE set (some images set it) every run
    # and every worker rewrites them again: 4 s of each worker's start.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return subprocess.call(cmd, cwd=ROOT, env=env)


def main(argv: list[str]) -> int:
    commands = {"app": app, "test": test, "serve": serve, "haproxy-config": haproxy_config_command}
    if not argv or argv[0] not in commands:
        print(__doc__)
        return 2
    return commands[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
