"""serve.py's TCP_NODELAY fix: Streamlit 1.67 binds its listening socket with
protocol 0, so asyncio leaves Nagle's algorithm on for every accepted
connection; serve.py re-opens it as TCP and asyncio then sets TCP_NODELAY."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable

import pytest
from streamlit.web.server.starlette import starlette_server

import serve
from tests.serve import run


async def accepted_nodelay(bind: Callable[[str, int, int], socket.socket]) -> int:
    sock = bind("127.0.0.1", 0, 8)
    port = sock.getsockname()[1]
    seen: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def on_connect(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        accepted = writer.get_extra_info("socket")
        seen.set_result(accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
        writer.close()

    server = await asyncio.start_server(on_connect, sock=sock)
    _, writer = await asyncio.open_connection("127.0.0.1", port)
    value = await asyncio.wait_for(seen, 10)
    writer.close()
    server.close()
    await server.wait_closed()
    return value


def test_streamlits_own_socket_leaves_nagle_on_and_serve_turns_it_off(monkeypatch: pytest.MonkeyPatch) -> None:
    original = starlette_server._bind_socket
    assert run(accepted_nodelay(original)) == 0  # the stall is real with Streamlit's socket
    monkeypatch.setattr(starlette_server, "_bind_socket", original)
    serve.tcp_nodelay()
    # Through the function Streamlit's server calls, which looks _bind_socket up by name.
    assert run(accepted_nodelay(lambda a, p, b: starlette_server._bind_server_socket(a, a, p, b)[0])) != 0
