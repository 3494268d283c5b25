"""tasks.py app: the port asked for, and the real address printed."""

from __future__ import annotations

import tasks


def test_app_serves_the_port_asked_for_and_says_so() -> None:
    cmd, url = tasks.app_command(["--port", "8600", "--", "--dataset", "x"], is_free=lambda p: True)
    assert url == "http://localhost:8600"
    assert cmd[cmd.index("--server.port") + 1] == "8600"
    assert cmd[-3:] == ["--", "--dataset", "x"]


def test_a_taken_port_moves_to_the_next_free_one() -> None:
    cmd, url = tasks.app_command([], is_free=lambda p: p >= 8503)
    assert url == "http://localhost:8503"
    assert "8503" in cmd
