"""ETL benchmark: generate the sample city at scale 1 and 10, time reading + validating each
template against a raw DuckDB read of the same files, then time a full load into an empty
warehouse. Prints tables; never fails on timing.

    .venv/bin/python bench/etl.py [--scales 1 10] [--out bench/out]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402
from python_calamine import CalamineWorkbook  # noqa: E402

from etl import catalog  # noqa: E402
from etl.load import expand, load  # noqa: E402


def raw_read(path: Path) -> tuple[int, str]:
    """The same file read by the plainest tool: DuckDB read_csv/read_json (all text), or
    python-calamine's raw cells where DuckDB cannot (XLSX needs the excel extension and GBK the
    encodings extension, neither available offline) — the reader the ETL itself uses, so the
    ratio is the cost of everything else."""
    suffix = path.suffix.lower()
    con = duckdb.connect()
    p = str(path).replace("'", "''")
    if suffix == ".csv":
        try:
            n = con.sql(f"select count(*) from read_csv('{p}', all_varchar=true, header=false, "
                        "null_padding=true, ignore_errors=true)").fetchall()[0][0]
            return n, "duckdb read_csv"
        except duckdb.Error:
            text = path.read_bytes().decode("gb18030")
            return text.count("\n"), "python decode (GBK)"
    if suffix == ".geojson":
        n = con.sql(f"select count(*) from read_json('{p}', maximum_object_size=1e9)"
                    ).fetchall()[0][0]
        return n, "duckdb read_json"
    wb = CalamineWorkbook.from_path(str(path))
    n = sum(len(wb.get_sheet_by_name(name).to_python()) for name in wb.sheet_names)
    wb.close()
    return n, "calamine cells"


def bench_scale(scale: int, out: Path) -> None:
    files_dir = out / f"scale{scale}" / "files"
    if not (files_dir / "geography").exists():
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "sample_data.generate", "--out", str(files_dir),
                        "--scale", str(scale), "--seed", "20240101", "--end", "2026-11"],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        print(f"scale {scale}: generated in {time.perf_counter() - t:.1f} s")
    files = expand([files_dir])
    per = defaultdict(lambda: {"rows": 0, "etl": 0.0, "raw": 0.0, "raw_how": set(), "files": 0})
    for f in files:
        t = time.perf_counter()
        rows, name = 0, "?"
        for contract, sheet in catalog.read_file(f):
            rows += contract.transform(sheet).rows_read
            name = contract.meta.name
        etl_s = time.perf_counter() - t
        t = time.perf_counter()
        _, how = raw_read(f)
        raw_s = time.perf_counter() - t
        s = per[name]
        s["rows"] += rows
        s["etl"] += etl_s
        s["raw"] += raw_s
        s["raw_how"].add(how)
        s["files"] += 1
    print(f"\n## scale {scale}: read + validate per template (ETL) vs raw read of the same files")
    print(f"{'template':22} {'files':>5} {'rows':>9} {'ETL s':>7} {'ETL rows/s':>11} "
          f"{'raw s':>7} {'raw rows/s':>11}  ratio  raw reader")
    for name, s in sorted(per.items()):
        print(f"{name:22} {s['files']:5d} {s['rows']:9d} {s['etl']:7.2f} "
              f"{s['rows'] / s['etl']:11,.0f} {s['raw']:7.2f} {s['rows'] / s['raw']:11,.0f}  "
              f"{s['etl'] / s['raw']:5.1f}  {', '.join(sorted(s['raw_how']))}")
    wdir = out / f"scale{scale}" / "warehouse"
    subprocess.run(["rm", "-rf", str(wdir)], check=True)
    t = time.perf_counter()
    summary = load([files_dir], wdir, progress=lambda _m: None)
    full = time.perf_counter() - t
    rows = sum(r.rows_read for r in summary.files)
    # NOTE: the catalog's views are relative to the warehouse folder (see README).
    con = duckdb.connect(str(wdir / "warehouse.duckdb"), read_only=True,
                         config={"file_search_path": str(wdir)})
    n_values = con.sql("select count(*) from indicator_values").fetchall()[0][0]
    print(f"full load into an empty warehouse: {len(files)} files, {rows:,} rows, "
          f"{full:.1f} s ({rows / full:,.0f} rows/s), {n_values:,} indicator values")
    t = time.perf_counter()
    load([files_dir], wdir, progress=lambda _m: None)
    print(f"reload of the same files (every file read and compared, nothing published): "
          f"{time.perf_counter() - t:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args()
    for scale in args.scales:
        bench_scale(scale, args.out)


if __name__ == "__main__":
    main()
