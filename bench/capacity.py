"""How many people the server serves at once: 1, 5, 10 and 20 concurrent sessions, each a
logged-in Chromium tab opening the cockpit's pages one after another (overview, mosquito,
problems, chronic disease, the map) for a fixed time; page renders per second and the p50 / p95
time from navigation until the page is drawn (Streamlit's status widget gone). The server runs
on CPU 0 and the browsers on the other CPUs (`taskset`), so the clients do not take the server's
core. Prints a table; never fails on timing.

    .venv/bin/python bench/capacity.py [--scales 1] [--sessions 1 5 10 20] [--seconds 40]

Needs Debian's `chromium` (and playwright, which drives it) and at least 2 CPUs.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_common import ensure_warehouse  # noqa: E402
from bench.pages_browser import CHROMIUM, DONE, PASSWORD, USER, serve  # noqa: E402

PAGES = ["", "mosquito", "problems", "chronic", "map"]
SERVER_CPU = 0


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far (/proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def client_cpus() -> str:
    others = sorted(os.sched_getaffinity(0) - {SERVER_CPU})
    if not others:
        raise SystemExit("capacity needs at least 2 CPUs (server on one, browsers on the rest)")
    return ",".join(map(str, others))


async def signed_in(browser, base: str):
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    await page.goto(f"{base}/login")
    await page.fill("#username", USER)
    await page.fill("#password", PASSWORD)
    await page.click("button[type=submit]")
    await page.wait_for_load_state()
    return page


async def session(page, base: str, first: int, until: float, times: list[float]) -> None:
    """Open the pages in turn (from the first-th) until `until`; the renders done by then."""
    i = first
    while time.perf_counter() < until:
        t = time.perf_counter()
        await page.goto(f"{base}/{PAGES[i % len(PAGES)]}")
        await page.wait_for_function(DONE, timeout=300_000, polling=50)
        if time.perf_counter() <= until:
            times.append(time.perf_counter() - t)
        i += 1


async def load(base: str, sessions: int, seconds: float) -> list[float]:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM,
                                           args=["--no-sandbox", "--disable-gpu"])
        # every session signs in first; then the timed window opens for all at once
        pages = await asyncio.gather(*(signed_in(browser, base) for _ in range(sessions)))
        times: list[float] = []
        until = time.perf_counter() + seconds
        await asyncio.gather(*(session(page, base, i, until, times)
                               for i, page in enumerate(pages)))
        await browser.close()
    return times


def client(base: str, sessions: int, seconds: float) -> None:
    """The browsers' side (run under taskset on the client CPUs): one line of figures."""
    times = sorted(asyncio.run(load(base, sessions, seconds)))
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))] if times else float("nan")
    print(f"{sessions} {len(times)} {seconds:.3f} "
          f"{statistics.median(times) if times else float('nan'):.3f} {p95:.3f}")


def bench(scale: int, sessions_list: list[int], seconds: float) -> None:
    wdir = ensure_warehouse(scale)
    cpus = client_cpus()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "HC_STATE_DIR": str(Path(tmp) / "state"),
               "HC_WAREHOUSE_DIR": str(wdir)}
        subprocess.run([sys.executable, "-m", "app.users", "add", USER, "--role", "admin",
                        "--password-stdin"], input=PASSWORD + "\n", text=True, env=env,
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        proc, base = serve(ROOT / "app" / "server.py", env, cpu=SERVER_CPU)
        try:
            # warm the server's caches: every page once
            subprocess.run(["taskset", "-c", cpus, sys.executable, __file__, "--client", base,
                            "1", str(len(PAGES) * 2)], check=True, cwd=ROOT,
                           stdout=subprocess.DEVNULL)
            rows = []
            for n in sessions_list:
                cpu_before, t = cpu_seconds(proc.pid), time.perf_counter()
                out = subprocess.run(["taskset", "-c", cpus, sys.executable, __file__,
                                      "--client", base, str(n), str(seconds)], check=True,
                                     cwd=ROOT, capture_output=True, text=True).stdout.split()
                busy = (cpu_seconds(proc.pid) - cpu_before) / (time.perf_counter() - t)
                rows.append((int(out[0]), int(out[1]), float(out[2]), float(out[3]),
                             float(out[4]), busy))
        finally:
            proc.terminate()
            proc.wait()
    print(f"\n## scale {scale}: concurrent sessions (server on CPU {SERVER_CPU}, browsers on "
          f"CPU {cpus}; each session opens {', '.join(p or 'overview' for p in PAGES)} in turn "
          f"for {seconds:.0f} s)")
    print(f"{'sessions':>8} {'renders':>8} {'per s':>7} {'p50 s':>7} {'p95 s':>7} "
          f"{'server CPU':>11}")
    for n, count, elapsed, p50, p95, busy in rows:
        print(f"{n:8d} {count:8d} {count / elapsed:7.2f} {p50:7.2f} {p95:7.2f} "
              f"{busy:10.0%}")
    print("(server CPU: the server's share of its one CPU over the run, sign-ins included; "
          "near 100 % the server is the limit, well under it the browsers are)")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--client":
        client(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", type=int, nargs="+", default=[1])
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 5, 10, 20])
    parser.add_argument("--seconds", type=float, default=40)
    args = parser.parse_args()
    for scale in args.scales:
        bench(scale, args.sessions, args.seconds)


if __name__ == "__main__":
    main()
