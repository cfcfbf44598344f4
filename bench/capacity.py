"""How many people the server serves at once: 1, 5, 10 and 20 concurrent sessions, each a
signed-in Streamlit session (its websocket, as a browser tab holds it) moving through the
cockpit's pages one after another — overview, mosquito, problems, chronic disease, the map — for
a fixed time; page renders per second and the p50 / p95 time from asking for a page until the
server has sent all of it (Streamlit's script_finished). The server runs on CPU 0 and the
clients on the other CPUs (`taskset`), so they do not take the server's core; the clients speak
Streamlit's own protocol (protobuf over the websocket) instead of running browsers, which on a
small machine would be the limit themselves (a browser's own drawing time is in
bench/pages_browser.py). Prints a table; never fails on timing.

    .venv/bin/python bench/capacity.py [--scales 1] [--sessions 1 5 10 20] [--seconds 30]

Needs at least 2 CPUs.
"""

from __future__ import annotations

import argparse
import asyncio
import http.cookiejar
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_common import ensure_warehouse  # noqa: E402
from bench.pages_browser import PASSWORD, USER, serve  # noqa: E402

PAGES = ["overview", "mosquito", "problems", "chronic", "map"]
SERVER_CPU = 0


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far (/proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def client_cpus() -> str:
    others = sorted(os.sched_getaffinity(0) - {SERVER_CPU})
    if not others:
        raise SystemExit("capacity needs at least 2 CPUs (the server on one, clients on the rest)")
    return ",".join(map(str, others))


def sign_in(base: str) -> str:
    """The session cookie of USER, from the login form."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{base}/login", urllib.parse.urlencode(
        {"username": USER, "password": PASSWORD}).encode())
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    if not cookie:
        raise SystemExit("could not sign in")
    return cookie


async def render(ws, page: str) -> float:
    """Ask for a page on an open session; seconds until the server has sent all of it."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    msg = BackMsg()
    msg.rerun_script.query_string = ""
    msg.rerun_script.page_name = "" if page == "overview" else page
    t = time.perf_counter()
    await ws.send(msg.SerializeToString())
    while True:
        reply = ForwardMsg()
        reply.ParseFromString(await ws.recv())
        if reply.WhichOneof("type") == "script_finished":
            return time.perf_counter() - t


async def session(base: str, cookie: str, first: int, start: asyncio.Event, until: list[float],
                  times: list[float], ready: list[int]) -> None:
    import websockets

    async with websockets.connect(base.replace("http", "ws") + "/_stcore/stream",
                                  subprotocols=["streamlit"], max_size=None, ping_interval=None,
                                  additional_headers={"Cookie": cookie}) as ws:
        await render(ws, PAGES[first % len(PAGES)])      # the session's first page, untimed
        ready.append(1)
        await start.wait()
        i = first + 1
        while time.perf_counter() < until[0]:
            seconds = await render(ws, PAGES[i % len(PAGES)])
            if time.perf_counter() <= until[0]:
                times.append(seconds)
            i += 1


async def load(base: str, sessions: int, seconds: float) -> list[float]:
    cookie = sign_in(base)
    start, until, times, ready = asyncio.Event(), [0.0], [], []
    tasks = [asyncio.create_task(session(base, cookie, i, start, until, times, ready))
             for i in range(sessions)]
    while len(ready) < sessions:       # every session open and on its first page
        await asyncio.sleep(0.05)
        for task in tasks:
            if task.done() and task.exception():
                raise task.exception()
    until[0] = time.perf_counter() + seconds
    start.set()
    await asyncio.gather(*tasks)
    return times


def client(base: str, sessions: int, seconds: float) -> None:
    """The clients' side (run under taskset on the client CPUs): one line of figures."""
    times = sorted(asyncio.run(load(base, sessions, seconds)))
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))] if times else float("nan")
    p50 = statistics.median(times) if times else float("nan")
    print(f"{sessions} {len(times)} {seconds:.3f} {p50:.3f} {p95:.3f}")


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
        rows = []
        try:
            # every page once first: the caches are warm, as on an office day
            run_client(cpus, base, 1, len(PAGES) * 1.5)
            for n in sessions_list:
                before, t = cpu_seconds(proc.pid), time.perf_counter()
                out = run_client(cpus, base, n, seconds)
                busy = (cpu_seconds(proc.pid) - before) / (time.perf_counter() - t)
                rows.append((n, int(out[1]), float(out[2]), float(out[3]), float(out[4]), busy))
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    print(f"\n## scale {scale}: concurrent sessions (server on CPU {SERVER_CPU}, clients on "
          f"CPU {cpus}; each session moves through {', '.join(PAGES)} for {seconds:.0f} s)")
    print(f"{'sessions':>8} {'renders':>8} {'per s':>7} {'p50 s':>7} {'p95 s':>7} "
          f"{'server CPU':>11}")
    for n, count, elapsed, p50, p95, busy in rows:
        print(f"{n:8d} {count:8d} {count / elapsed:7.2f} {p50:7.2f} {p95:7.2f} {busy:10.0%}")
    print("(server CPU: its share of its one CPU over the run, sessions opening included; "
          "near 100 % the server is the limit)")


def run_client(cpus: str, base: str, sessions: int, seconds: float) -> list[str]:
    done = subprocess.run(["taskset", "-c", cpus, sys.executable, __file__, "--client", base,
                           str(sessions), str(seconds)], cwd=ROOT, capture_output=True,
                          text=True)
    if done.returncode:
        raise SystemExit(f"the clients failed ({sessions} sessions):\n{done.stderr[-3000:]}")
    return done.stdout.split()


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--client":
        client(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", type=int, nargs="+", default=[1])
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 5, 10, 20])
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    for scale in args.scales:
        bench(scale, args.sessions, args.seconds)


if __name__ == "__main__":
    main()
