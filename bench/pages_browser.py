"""Pages as a person feels them: each page timed in the system Chromium from navigation until
Streamlit's status widget is gone and the page's title is drawn, cold (the first visit after
the server starts: its caches empty) and warm (a new session on the warmed server; the median of
three), beside a trivial Streamlit page served the same way (the framework's floor); and the
websocket bytes the browser received for each visit. Prints a table; never fails on timing.

    .venv/bin/python bench/pages_browser.py [--scales 1 100]

Needs Debian's `chromium` (and playwright, which drives it).
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_common import ensure_warehouse, for_each_scale  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
PAGES = ["", "garbage", "mosquito", "chronic", "literacy", "satisfaction", "creation", "map",
         "problems", "assessment", "data_status", "weekly"]
USER, PASSWORD = "bench", "bench-pass-word-1"
FLOOR_PAGE = "import streamlit as st\nst.title('floor')\nst.write('一个最简单的页面')\n"
# the script has run to its end (Streamlit marks its app "notRunning"; "initial" before the first
# run), nothing is running any more and the page's title is drawn
DONE = ("() => { const app = document.querySelector('[data-testid=\"stApp\"]');"
        " return !!app && app.getAttribute('data-test-script-state') === 'notRunning'"
        " && !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && !!document.querySelector('h1'); }")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(script: Path, env: dict, cpu: int | None = None) -> tuple[subprocess.Popen, str]:
    """A Streamlit server for `script` on a free port (on one CPU with `cpu`, via taskset)."""
    port = free_port()
    pin = ["taskset", "-c", str(cpu)] if cpu is not None else []
    proc = subprocess.Popen(
        [*pin, sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc, base
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the Streamlit server did not start")


def visit(browser, url: str, login: str | None = None) -> tuple[float, int]:
    """Seconds from navigation until the page is drawn, and the websocket bytes received."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    if login:
        page.goto(f"{login}/login")
        page.fill("#username", USER)
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_load_state()
    received = [0]

    def on_ws(ws):
        ws.on("framereceived", lambda payload: received.__setitem__(
            0, received[0] + len(payload if isinstance(payload, (bytes, str)) else b"")))
    page.on("websocket", on_ws)
    t = time.perf_counter()
    page.goto(url)
    page.wait_for_function(DONE, timeout=300_000, polling=50)
    seconds = time.perf_counter() - t
    context.close()
    return seconds, received[0]


def bench(scale: int) -> None:
    from playwright.sync_api import sync_playwright

    wdir = ensure_warehouse(scale)
    with tempfile.TemporaryDirectory() as tmp:
        state = Path(tmp) / "state"
        env = {**os.environ, "HC_STATE_DIR": str(state), "HC_WAREHOUSE_DIR": str(wdir)}
        subprocess.run([sys.executable, "-m", "app.users", "add", USER, "--role", "admin",
                        "--password-stdin"], input=PASSWORD + "\n", text=True, env=env,
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        floor_script = Path(tmp) / "floor.py"
        floor_script.write_text(FLOOR_PAGE, encoding="utf-8")
        floor_proc, floor_base = serve(floor_script, env)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM,
                                         args=["--no-sandbox", "--disable-gpu"])
            try:
                floor = [visit(browser, floor_base)[0] for _ in range(4)]
            finally:
                floor_proc.terminate()
            floor_cold, floor_warm = floor[0], statistics.median(floor[1:])
            rows = []
            for name in PAGES:
                # NOTE: a fresh server for each page, so "cold" is that page's first visit
                app_proc, base = serve(ROOT / "app" / "server.py", env)
                try:
                    cold, size = visit(browser, f"{base}/{name}", login=base)
                    # NOTE: one warm visit swung by up to 2× on this machine: the median of 3
                    warm = statistics.median(visit(browser, f"{base}/{name}", login=base)[0]
                                             for _ in range(3))
                finally:
                    app_proc.terminate()
                    app_proc.wait()
                rows.append((name or "overview", cold, warm, size))
            browser.close()
    print(f"\n## scale {scale}: pages in Chromium, navigation → drawn (status widget gone)")
    print(f"floor (a trivial Streamlit page served the same way): cold {floor_cold:.2f} s, "
          f"warm {floor_warm:.2f} s")
    print(f"{'page':14} {'cold s':>7} {'÷ floor':>8} {'warm s':>7} {'÷ floor':>8} {'MB/visit':>9}")
    for name, cold, warm, size in rows:
        print(f"{name:14} {cold:7.2f} {cold / floor_cold:8.1f} {warm:7.2f} "
              f"{warm / floor_warm:8.1f} {size / 1e6:9.2f}")


if __name__ == "__main__":
    for_each_scale(bench, __doc__)
