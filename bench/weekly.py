"""The data administrator's weekly load, measured: one week's light-trap file (every site's
last survey, one number changed) into a loaded warehouse, and the same week re-sent with
nothing changed — wall time (Python start included, as `python -m etl load` runs) and peak
memory — beside the floor for the same work: Python start, DuckDB reading the file, rewriting
the light-trap staged table, deriving that one indicator at every grain and writing its rows.
Prints a table; never fails on timing.

    .venv/bin/python bench/weekly.py [--scales 1 10 100]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402
import polars as pl  # noqa: E402

from bench.bench_common import ensure_warehouse, for_each_scale  # noqa: E402
from warehouse import derive, registry, store  # noqa: E402

INDICATOR = "mosq_light_trap_density"
LOAD = ("import resource, sys; from etl.load import load; "
        "s = load([sys.argv[1]], sys.argv[2], progress=lambda _m: None); "
        "print(int(s.published), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")


def working_copy(wdir: Path, into: Path) -> Path:
    """The warehouse hard-linked (a load never rewrites a published file in place), its catalog
    copied (that file is rewritten)."""
    shutil.copytree(wdir, into, copy_function=lambda s, d: __import__("os").link(s, d))
    catalog = into / "warehouse.duckdb"
    if catalog.exists():
        catalog.unlink()
        shutil.copy2(wdir / "warehouse.duckdb", catalog)
    return into


def week_file(wdir: Path, out: Path) -> Path:
    """Every site's last light-trap survey as a department CSV, one 雌蚊数 raised by one."""
    con, _ = store.connect_readonly(wdir)
    try:
        rows = con.sql("""
            select site_code, survey_date, traps, nights, females, cx_pipiens_pallens,
                   cx_quinquefasciatus, ae_albopictus, cx_tritaeniorhynchus, an_sinensis,
                   other_species
            from stg_mosquito_light_trap
            qualify survey_date = max(survey_date) over (partition by site_code)
            order by site_code""").pl()
    finally:
        con.close()
    rows = rows.with_columns(pl.when(pl.int_range(pl.len()) == 0).then(pl.col("females") + 1)
                             .otherwise(pl.col("females")).alias("females"))
    rows.rename({"site_code": "监测点编码", "survey_date": "监测日期", "traps": "布灯数",
                 "nights": "监测夜数", "females": "雌蚊数", "cx_pipiens_pallens": "淡色库蚊",
                 "cx_quinquefasciatus": "致倦库蚊", "ae_albopictus": "白纹伊蚊",
                 "cx_tritaeniorhynchus": "三带喙库蚊", "an_sinensis": "中华按蚊",
                 "other_species": "其他蚊种"}).write_csv(out)
    return out


def timed_load(file: Path, wdir: Path) -> tuple[float, int, bool]:
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", LOAD, str(file), str(wdir)], cwd=ROOT,
                          capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"the load failed:\n{done.stderr[-2000:]}")
    wall = time.perf_counter() - t
    published, rss_kb = done.stdout.split()[-2:]
    return wall, int(rss_kb) // 1024, published == "1"


def floor(file: Path, wdir: Path, scratch: Path) -> float:
    """Python start + read the file + rewrite the staged table + derive the one indicator at
    every grain + write its rows: the least a weekly load can do."""
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import duckdb, polars"], check=True)
    start = time.perf_counter() - t
    paths = store.table_paths(wdir, store.current(wdir))
    doc = registry.load()
    ind = registry.by_id()[INDICATOR]
    fact = doc["facts"][ind["derive"]["fact"]]
    t = time.perf_counter()
    con = duckdb.connect()
    con.execute(f"create table week as select * from read_csv('{file}', all_varchar=true)")
    con.execute(f"copy (select * from read_parquet('{paths['stg_mosquito_light_trap']}')) "
                f"to '{scratch / 'stg.parquet'}' (format parquet, compression zstd)")
    for t_name in ("stg_mosquito_light_trap", "unit_area"):
        src = scratch / "stg.parquet" if t_name.startswith("stg") else paths[t_name]
        con.execute(f"create view {t_name} as select * from read_parquet('{src}')")
    con.execute(derive.sql_template("macros"))
    con.execute("create table expected_units as select unit_type, area_level, area_code, "
                "count(distinct unit_code) as n from unit_area group by all")
    parts = " union all ".join(f"select * from ({derive.indicator_sql(con, ind, fact, g)})"
                               for g in ind["grains"])
    con.execute(f"copy ({parts}) to '{scratch / 'part.parquet'}' (format parquet)")
    con.close()
    return start + time.perf_counter() - t


def bench(scale: int) -> None:
    wdir = ensure_warehouse(scale)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        week = week_file(wdir, tmp / "诱蚊灯监测_本周.csv")
        work = working_copy(wdir, tmp / "wh")
        changed = timed_load(week, work)
        again = tmp / "again" / "诱蚊灯监测_本周_重发.csv"
        again.parent.mkdir()
        shutil.copy(week, again)
        unchanged = timed_load(again, work)
        scratch = tmp / "floor"
        scratch.mkdir()
        least = floor(week, work, scratch)
    print(f"\n## scale {scale}: one week's light-trap file into a loaded warehouse")
    print(f"{'case':44} {'wall s':>7} {'peak MB':>8} {'published':>9} {'floor s':>8} "
          f"{'÷ floor':>8}")
    for case, (wall, rss, pub) in (("one number changed", changed),
                                   ("the same week re-sent, nothing changed", unchanged)):
        print(f"{case:44} {wall:7.2f} {rss:8d} {('yes' if pub else 'no'):>9} {least:8.2f} "
              f"{wall / least:8.1f}")


if __name__ == "__main__":
    for_each_scale(bench, __doc__)
