"""The load tool's pure parts: what it accepts as a target, how it reads deep
links, and how it sums up a run (figures go to bench/, never into asserts)."""

from __future__ import annotations

import pytest

from bench import load


@pytest.mark.parametrize("host", ["127.0.0.1", "127.3.4.5", "localhost", "[::1]", "::1"])
def test_loopback_hosts_are_accepted(host: str) -> None:
    assert load.is_loopback(host)


@pytest.mark.parametrize(
    "url", ["http://10.0.0.5:8501", "http://192.168.1.2", "http://example.org", "http://0.0.0.0:8501", "http://[::2]"]
)
def test_other_hosts_are_refused(url: str) -> None:
    with pytest.raises(ValueError, match="non-loopback"):
        load.check_url(url)


def test_command_line_refuses_a_remote_url_and_caps_users(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        load.parse_args(["--url", "http://203.0.113.9:8501"])
    assert "non-loopback" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        load.parse_args(["--url", "http://127.0.0.1:8501", "--users", str(load.MAX_USERS + 1)])
    with pytest.raises(SystemExit):
        load.parse_args(["--url", "http://127.0.0.1:8501", "--seconds", "100000"])
    with pytest.raises(SystemExit):
        load.parse_args([])
    args = load.parse_args(["--url", "http://127.0.0.1:8501", "--users", "5", "--seconds", "3"])
    assert (args.users, args.seconds) == (5, 3)


def test_check_url_gives_host_and_port() -> None:
    assert load.check_url("http://127.0.0.1:8501/network") == ("127.0.0.1", 8501)
    assert load.check_url("http://localhost") == ("localhost", 80)


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("/", ("", "")),
        ("/network?view=bipartite", ("network", "view=bipartite")),
        ("stakeholders?s=a&s=b", ("stakeholders", "s=a&s=b")),
        ("http://127.0.0.1:8501/timeline?all=1", ("timeline", "all=1")),
        ("  /data  ", ("data", "")),
    ],
)
def test_parse_link(link: str, expected: tuple[str, str]) -> None:
    assert load.parse_link(link) == expected


def test_read_paths_skips_comments_and_blanks() -> None:
    text = "# a room's links\n/\n\n/network?view=agreement  # the graph\n  /data\n"
    assert load.read_paths(text) == ["/", "/network?view=agreement", "/data"]
    with pytest.raises(ValueError, match="no deep link"):
        load.read_paths("# nothing\n\n")


def test_percentiles() -> None:
    values = [float(v) for v in range(1, 101)]
    assert load.percentile(values, 50) == pytest.approx(50.5)
    assert load.percentile(values, 95) == pytest.approx(95.05)
    assert load.percentile([3.0], 99) == 3.0
    assert load.percentile([], 50) is None


def test_summary_counts_rates_percentiles_memory_and_error_kinds() -> None:
    result = load.Result(users=4, seconds=2.0)
    result.first = [1.0, 2.0, 3.0, 4.0]
    result.steps = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]
    result.errors = ["timeout: /data took over 120 s", "exception: KeyError x", "timeout: /network took over 120 s"]
    result.rss_before, result.rss_sessions, result.rss_peak = 100 * 2**20, 108 * 2**20, 120 * 2**20
    summary = load.summarize(result)
    assert summary["sessions"] == 4
    assert summary["sessions_per_s"] == 2.0
    assert summary["runs_per_s"] == 5.0
    assert summary["first_p50_ms"] == 2500.0
    assert summary["step_p50_ms"] == 350.0
    assert summary["errors"] == 3
    assert summary["error_kinds"] == {"timeout": 2, "exception": 1}
    assert summary["mb_per_session"] == 2.0
    assert summary["rss_peak_mb"] == 120.0


def test_summary_of_an_empty_run_has_no_figures() -> None:
    summary = load.summarize(load.Result(users=1, seconds=0.0))
    assert summary["first_p95_ms"] is None and summary["runs_per_s"] is None and summary["mb_per_session"] is None


def test_ratios_are_stancemap_over_baseline() -> None:
    app = {"runs_per_s": 10.0, "first_p95_ms": 3000.0, "step_p50_ms": None}
    base = {"runs_per_s": 20.0, "first_p95_ms": 1500.0, "step_p50_ms": 100.0}
    out = load.ratios(app, base)
    assert out["runs_per_s"] == 0.5 and out["first_p95_ms"] == 2.0 and out["step_p50_ms"] is None


def test_cookie_jar_keeps_the_balancer_cookie() -> None:
    jar: dict[str, str] = {}
    load.merge_cookie(jar, "SERVERID=r2; path=/; HttpOnly")
    load.merge_cookie(jar, None)
    assert load.cookie_header(jar) == "SERVERID=r2"


def test_server_cpu_and_memory_come_from_proc() -> None:
    import os

    assert (load.cpu_seconds([os.getpid()]) or 0) > 0
    assert (load.rss([os.getpid()]) or 0) > 10 * 2**20
    assert load.cpu_seconds([2**22 + 1]) is None and load.rss([2**22 + 1]) is None
    result = load.Result(users=1, seconds=10.0, first=[1.0], steps=[0.1] * 9, cpu_s=5.0)
    summary = load.summarize(result)
    assert summary["server_cpu_percent"] == 50 and summary["server_cpu_ms_per_run"] == 500.0


def test_a_download_on_a_replica_that_went_away_reconnects_but_one_elsewhere_is_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The balancer's 502 for a download means the session's replica died
    after drawing the page: the user reconnects, reopens the view and fetches
    the new page's downloads. A 404 means the request reached another
    replica: an affinity error."""
    from tests.serve import run  # asyncio in a thread of its own (see tests/serve/__init__.py)

    statuses = iter([502, 200])
    reopened: list[str] = []

    async def fake_get(url: str, cookie: str | None, timeout: float) -> tuple[int, dict[str, str], bytes]:
        return next(statuses), {}, b""

    async def fake_reopen(plan, session, link, result, deadline):  # type: ignore[no-untyped-def]
        reopened.append(link)
        result.reconnects += 1

    monkeypatch.setattr(load, "http_get", fake_get)
    monkeypatch.setattr(load, "reopen", fake_reopen)
    plan = load.Plan("http://127.0.0.1:9", ["/data"], users=1, seconds=1, media=True)
    session = load.Session(plan.url, 5)
    session.ws = object()  # type: ignore[assignment]  # connected
    session.media = ["/media/a.zip"]
    result = load.Result(users=1, seconds=0.0)
    assert run(load.check_media(plan, session, "/data", result, deadline=1e12))
    assert reopened == ["/data"] and result.errors == [] and result.media_checked == 1

    statuses = iter([404])
    result = load.Result(users=1, seconds=0.0)
    assert run(load.check_media(plan, session, "/data", result, deadline=1e12))
    assert len(reopened) == 1 and result.errors and "not this session's replica" in result.errors[0]
