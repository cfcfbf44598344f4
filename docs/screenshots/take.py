"""Screenshots of the running app with the system Chromium (Debian package `chromium`), signed
in as a user of the app (the password on standard input; nothing is served before login).

    echo PASSWORD | .venv/bin/python docs/screenshots/take.py --user admin URL out.png
    echo PASSWORD | .venv/bin/python docs/screenshots/take.py --user admin --all http://127.0.0.1:8501
"""

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
PAGES = ["", "garbage", "mosquito", "chronic", "literacy", "satisfaction", "creation", "map",
         "problems", "assessment", "data_status", "weekly", "intake", "admin"]
HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parents[1] / "sample_data" / "garbage_monthly" / "XX市2024年9月垃圾分类月报.xlsx"


def shoot(context, url: str, out: str, full: bool = False) -> None:
    page = context.new_page()
    if full:   # NOTE: Streamlit scrolls inside its own container: a tall window shows it all
        page.set_viewport_size({"width": 1400, "height": 6000})
    page.goto(url)
    page.wait_for_selector("h1", timeout=60_000)
    # NOTE: the status widget shows while a script run is in progress.
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
                           timeout=120_000)
    page.wait_for_timeout(8000 if full else 2500)
    page.screenshot(path=out)
    page.close()


def dry_run(context, base: str, out: str) -> None:
    """The intake page after a dry run of the sample month with a deliberately bad row (an
    unknown street): the rejected row and why, the file to send back. Nothing is published."""
    page = context.new_page()
    page.set_viewport_size({"width": 1400, "height": 1500})
    page.goto(f"{base}/intake")
    page.wait_for_selector("h1", timeout=60_000)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(SAMPLE))
    page.get_by_role("button", name="试导入（不改变仓库）").click()
    page.get_by_text("1 个文件：读取").wait_for(timeout=120_000)
    page.locator('[data-testid="stExpander"] summary').first.click()
    page.wait_for_timeout(2500)
    page.screenshot(path=out)
    page.close()


def main(argv: list[str]) -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--user", required=True)
    p.add_argument("--all", action="store_true")
    p.add_argument("--full", action="store_true", help="the whole page, not the first screen")
    p.add_argument("url")
    p.add_argument("out", nargs="?")
    args = p.parse_args(argv)
    password = sys.stdin.readline().rstrip("\n")
    base = args.url.rstrip("/") if args.all else args.url.split("/", 3)[:3]
    base = base if isinstance(base, str) else "/".join(base)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        login = context.new_page()
        login.goto(f"{base}/login")
        if args.all:
            login.screenshot(path=str(HERE / "login.png"))
        login.fill("#username", args.user)
        login.fill("#password", password)
        login.click("button[type=submit]")
        login.wait_for_load_state()
        login.close()
        if args.all:
            for name in PAGES:
                # NOTE: the briefings page builds on request; ?build=1 shows it built
                shoot(context, f"{base}/{name}" + ("?build=1" if name == "weekly" else ""),
                      str(HERE / f"{name or 'overview'}.png"))
            shoot(context, f"{base}/?lang=en", str(HERE / "overview_en.png"))
            shoot(context, f"{base}/map?lang=en", str(HERE / "map_en.png"))
            shoot(context, f"{base}/problems?lang=en", str(HERE / "problems_en.png"))
            dry_run(context, base, str(HERE / "intake_dry_run.png"))
        else:
            shoot(context, args.url, args.out, args.full)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
