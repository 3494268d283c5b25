"""Screenshots of the app's pages at the sizes Stancemap promises to work at
(used for the README's pictures in docs/ and to look at every screen by eye).

    .venv/bin/python -m scripts.screenshots OUT_DIR [--dataset PATH] [--only NAME ...]

Starts the app on a free loopback port, opens each page in Debian's
Chromium at 390x844, 1024x768, 1280x720 and 1440x900, saves
OUT_DIR/<page>-<width>.png, and stops the server."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from testkit.server import CHROMIUM, Server  # noqa: E402
from tests.browser.conftest import wait_ready  # noqa: E402

SIZES = [(390, 844), (1024, 768), (1280, 720), (1440, 900)]
PAGES = {
    "overview": "/",
    "stakeholders": "/stakeholders",
    "provisions": "/provisions?provision=art-24",
    "network": "/network",
    "network-agreement": "/network?view=agreement",
    "compare": "/compare",
    "timeline": "/timeline",
    "changes": "/changes?since=2024-12-24",
    "briefing-1": "/briefing?slide=1",
    "briefing-4": "/briefing?slide=4",
    "data": "/data",
    "about": "/about",
}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--dataset", type=Path, default=ROOT / "data")
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("--sizes", nargs="*", default=None, help="e.g. 1280x720")
    parser.add_argument("--full", action="store_true", help="whole page, not just the first screen")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    sizes = [tuple(int(v) for v in s.split("x")) for s in args.sizes] if args.sizes else SIZES
    pages = {k: v for k, v in PAGES.items() if not args.only or k in args.only}
    server = Server(args.dataset)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for width, height in sizes:
                context = browser.new_context(viewport={"width": width, "height": height})
                page = context.new_page()
                page.goto(server.url)
                wait_ready(page)
                for name, path in pages.items():
                    page.goto(server.url + path)
                    wait_ready(page)
                    page.wait_for_timeout(2500)
                    page.screenshot(path=str(args.out / f"{name}-{width}.png"), full_page=args.full)
                    print(args.out / f"{name}-{width}.png", flush=True)
                context.close()
            browser.close()
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
