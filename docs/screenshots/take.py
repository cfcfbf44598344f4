"""Screenshots of the running app with the system Chromium (Debian package `chromium`).

    .venv/bin/python docs/screenshots/take.py http://127.0.0.1:8501/ out.png   # one page
    .venv/bin/python docs/screenshots/take.py --all http://127.0.0.1:8501  # every page
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
PAGES = ["", "garbage", "mosquito", "chronic", "literacy", "map", "data_status", "weekly"]
HERE = Path(__file__).resolve().parent


def shoot(browser, url: str, out: str) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url)
    page.wait_for_selector("h1", timeout=60_000)
    # NOTE: the status widget shows while a script run is in progress.
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
                           timeout=60_000)
    page.wait_for_timeout(2500)
    page.screenshot(path=out)
    page.close()


def main(argv: list[str]) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        if argv[0] == "--all":
            base = argv[1].rstrip("/")
            for name in PAGES:
                shoot(browser, f"{base}/{name}", str(HERE / f"{name or 'overview'}.png"))
            shoot(browser, f"{base}/?lang=en", str(HERE / "overview_en.png"))
            shoot(browser, f"{base}/map?lang=en", str(HERE / "map_en.png"))
        else:
            shoot(browser, argv[0], argv[1])
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
