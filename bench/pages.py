"""Page benchmark: each page's server-side time (all its queries and chart building, via
Streamlit's AppTest), cold (caches cleared) and warm, next to the raw DuckDB time of the same
queries replayed on a plain read-only connection. Prints a table; never fails on timing.

    .venv/bin/python bench/pages.py [--scales 1 100] [--out bench/out] [--repeat 3]

Scale K warehouses are built from `python -m sample_data.generate --scale K` under bench/out.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_common import ensure_warehouse  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from warehouse import queries  # noqa: E402
from warehouse.store import connect_readonly  # noqa: E402

PAGES = ["overview", "garbage", "mosquito", "chronic", "literacy", "satisfaction", "creation",
         "map", "problems", "assessment", "data_status", "weekly"]


class Recorder:
    """Wraps warehouse.queries.run_sql to record every query a page runs."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict]] = []
        self._orig = queries.run_sql

    def __enter__(self):
        def record(con, text, **params):
            self.calls.append((text, params))
            return self._orig(con, text, **params)
        queries.run_sql = record
        return self

    def __exit__(self, *exc):
        queries.run_sql = self._orig


def run_page(page: str) -> float:
    from app.accounts import User

    at = AppTest.from_file(str(ROOT / "app" / "main.py"), default_timeout=600)
    # NOTE: signed in as an administrator (AppTest has no cookies; app/auth.py reads this);
    # signed out, every page stops at the login and nothing is measured
    at.session_state["_auth_user"] = User("bench", "admin", None, 1)
    if page != "overview":
        at.switch_page(f"../pages/{page}.py")
    t = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - t
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception[0].message}")
    return elapsed


def raw_time(wdir: Path, calls: list[tuple[str, dict]]) -> float:
    con, _ = connect_readonly(wdir)
    t = time.perf_counter()
    for text, params in calls:
        con.sql(text, params=params or None).fetchall()
    return time.perf_counter() - t


def bench_scale(scale: int, out: Path, repeat: int) -> list[dict]:
    import streamlit as st

    wdir = ensure_warehouse(scale, out)
    os.environ["HC_WAREHOUSE_DIR"] = str(wdir)
    pages = [p for p in PAGES if (ROOT / "pages" / f"{p}.py").exists()]
    rows = []
    for page in pages:
        st.cache_data.clear()
        st.cache_resource.clear()
        with Recorder() as rec:
            cold = run_page(page)
        if not rec.calls:
            raise SystemExit(f"{page}: the page ran no query (did it stop before its content?)")
        warm = statistics.median(run_page(page) for _ in range(repeat))
        raw = statistics.median(raw_time(wdir, rec.calls) for _ in range(repeat))
        rows.append({"scale": scale, "page": page, "queries": len(rec.calls), "cold": cold,
                     "warm": warm, "raw": raw})
        print(f"  scale {scale:>3}  {page:12} queries {len(rec.calls):3d}  cold {cold:6.2f} s  "
              f"warm {warm:6.2f} s  raw DuckDB {raw:6.2f} s  cold/raw {cold / raw:5.1f}×",
              flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 100])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = []
    for scale in args.scales:
        rows += bench_scale(scale, args.out, args.repeat)
    print("\n| scale | page | queries | cold s | warm s | raw DuckDB s (same queries) | "
          "cold / raw | warm / raw |\n|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['scale']} | {r['page']} | {r['queries']} | {r['cold']:.2f} | "
              f"{r['warm']:.2f} | {r['raw']:.2f} | {r['cold'] / r['raw']:.1f}× | "
              f"{r['warm'] / r['raw']:.1f}× |")


if __name__ == "__main__":
    main()
