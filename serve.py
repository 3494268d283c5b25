"""Start one Stancemap server process, ready for many users at once:

    python serve.py [SCRIPT] [streamlit run flags] [-- --dataset PATH]

The same as `streamlit run app.py ...` (SCRIPT defaults to app.py; settings
come from .streamlit/config.toml), plus two things `streamlit run` cannot do:

- the heavy imports (pandas, plotly, networkx, igraph, pandera and the app's
  own modules) happen once, here, before the server accepts a connection.
  Otherwise the first script runs of many sessions arriving on a cold server
  import them at the same time in different threads, and plotly can meet a
  half-initialised pandas ("partially initialized module 'pandas' has no
  attribute 'Series'"). Set STANCEMAP_WARM_IMPORTS=0 to skip (to reproduce).
- the accepted sockets get TCP_NODELAY. Streamlit (1.67) creates its
  listening socket with protocol 0, so asyncio, which only sets TCP_NODELAY
  on sockets whose protocol is IPPROTO_TCP, leaves Nagle's algorithm on: a
  run's small websocket messages then wait for the client's delayed ACK
  (~40 ms a step on loopback). The socket is re-opened on the same file
  descriptor with its protocol detected, which asyncio then recognises.
  Set STANCEMAP_NODELAY=0 to skip.

It also caps glibc's malloc arenas at 2 (STANCEMAP_MALLOC_ARENAS; 0 leaves
glibc's default): memory per session, measured in bench/RESULTS.md.

After the imports, gc.freeze() moves what they made out of the collector's
reach (see runner.postScriptGC in .streamlit/config.toml).

tasks.py (app, serve), the Dockerfile and the load tests start the app this way.
"""

from __future__ import annotations

import gc
import os
import socket
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def limit_malloc_arenas(arenas: int) -> None:
    """glibc gives each thread that allocates its own malloc arena (up to 8 per
    core), and an arena keeps what a script run freed. Streamlit runs each
    session's script in its own thread, so a busy server's memory grows with
    the number of arenas, not the data. Fewer arenas: less memory per session."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").mallopt(-8, arenas)  # M_ARENA_MAX
    except (OSError, AttributeError):
        pass  # not glibc


def warm_imports() -> None:
    if sys.path[0] != str(HERE):
        sys.path.insert(0, str(HERE))
    import igraph  # noqa: F401
    import networkx  # noqa: F401
    import numpy  # noqa: F401
    import pandas  # noqa: F401
    import pandera.pandas  # noqa: F401
    import plotly.express
    import plotly.graph_objects
    import plotly.io
    from _plotly_utils import basevalidators  # noqa: F401

    # The app's own modules (they import the rest of what a page needs).
    import components.ui  # noqa: F401

    # Plotly loads its default template and the validators of each trace type
    # on first use (~0.3 s): once here, not in the first sessions' runs.
    figure = plotly.graph_objects.Figure()
    for trace in (plotly.graph_objects.Bar, plotly.graph_objects.Scatter, plotly.graph_objects.Heatmap):
        figure.add_trace(trace())
    plotly.io.to_json(figure)


def warm_dataset() -> None:
    """Read and validate the shipped dataset before the first session: a
    replica that a room reaches cold would make its first hundred sessions
    wait for it together. A dataset with problems is left for the app to
    report."""
    try:
        from components import ui

        ui.shipped_dataset()
    except Exception:  # the app shows the problem on its first run
        pass


def tcp_nodelay() -> None:
    from streamlit.web.server.starlette import starlette_server

    bind = starlette_server._bind_socket

    def bind_tcp(address: str, port: int, backlog: int) -> socket.socket:
        sock = bind(address, port, backlog)
        if sock.proto == socket.IPPROTO_TCP:
            return sock
        # Same descriptor; family, type and protocol (TCP) detected from it.
        tcp = socket.socket(fileno=sock.detach())
        tcp.setblocking(False)
        return tcp

    starlette_server._bind_socket = bind_tcp


def main(argv: list[str]) -> None:
    script = str(HERE / "app.py")
    if argv and argv[0].endswith(".py"):
        script, argv = argv[0], argv[1:]
    arenas = int(os.environ.get("STANCEMAP_MALLOC_ARENAS", "2"))
    if arenas > 0:
        limit_malloc_arenas(arenas)
    if os.environ.get("STANCEMAP_WARM_IMPORTS", "1") != "0":
        warm_imports()
        warm_dataset()
        # What the imports (and the dataset) made lives as long as the process: move it out of
        # the collector's reach, so Python's automatic full collections (the
        # ones left with runner.postScriptGC off) walk far fewer objects.
        gc.freeze()
    if os.environ.get("STANCEMAP_NODELAY", "1") != "0":
        tcp_nodelay()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", script, *argv]
    cli.main()


if __name__ == "__main__":
    main(sys.argv[1:])
