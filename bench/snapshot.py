"""Briefing benchmark: time to produce the whole pack (tables, chart PNGs, PDF, XLSX) of a week
(周调度简报), a month (月度通报) and a quarter (季度考核通报) at scale 1 and scale 100, with the
time of each step. Prints numbers, never fails.

    python bench/snapshot.py [--periods 2025-W32 2025-10 2025-Q3] [--scales 1 100]

Warehouses at scale K are generated and loaded under bench/out on first use.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_common import ensure_warehouse  # noqa: E402

from app.snapshot.pack import make  # noqa: E402
from warehouse import store  # noqa: E402


def run(label: str, wdir: Path, week: str) -> None:
    if not (wdir / store.CURRENT).exists():
        print(f"{label:18s} {wdir}: no warehouse, skipped")
        return
    steps: list[tuple[str, float]] = []
    started = time.perf_counter()
    con, info = store.connect_readonly(wdir)
    pack = make(con, info, week, progress=lambda m: steps.append((m, time.perf_counter())))
    total = time.perf_counter() - started
    rows = con.sql("select count(*) from indicator_values").fetchall()[0][0]
    print(f"{label:18s} {total:6.2f} s  (indicator_values {rows:,} rows; "
          f"PDF {len(pack.pdf) / 1e3:.0f} kB)")
    marks = [("连接与检查 connect, check the period", started), *steps, ("", time.perf_counter())]
    for (m, at), (_n, nxt) in zip(marks, marks[1:]):
        print(f"    {nxt - at:6.2f} s  {m}")
    con.close()


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--periods", nargs="+", default=["2025-W32", "2025-10", "2025-Q3"])
    p.add_argument("--scales", type=int, nargs="+", default=[1, 100])
    a = p.parse_args()
    for scale in a.scales:
        wdir = ensure_warehouse(scale)
        for key in a.periods:
            run(f"scale {scale} {key}", wdir, key)


if __name__ == "__main__":
    main()
