"""The loader: read every file, validate, merge by natural key, derive indicators, publish
atomically.

All files of one call are read and validated first; any fatal problem stops the call before the
warehouse is touched. Then rows are merged table by table (dimensions first), rows identical to
what is loaded already are left alone (so a reload changes nothing), and one new data version is
published if anything changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from etl import catalog
from etl.contract import LINEAGE, REJECT_SCHEMA, Contract, EtlFatal, Result
from etl.readers import SUPPORTED
from warehouse import derive, registry, store
from warehouse.paths import warehouse_dir

RUNS_SCHEMA = {
    "run_id": pl.Int64, "data_version": pl.Int64, "file": pl.Utf8, "file_name": pl.Utf8,
    "file_hash": pl.Utf8, "template": pl.Utf8, "sheets": pl.Utf8, "rows_read": pl.Int64,
    "rows_loaded": pl.Int64, "rows_rejected": pl.Int64, "rows_changed": pl.Int64,
    "started_at": pl.Datetime("us"), "finished_at": pl.Datetime("us"), "warnings": pl.Utf8,
}
REJECTS_SCHEMA = {"run_id": pl.Int64, **REJECT_SCHEMA}


@dataclass
class FileReport:
    path: Path
    file_hash: str
    started_at: dt.datetime
    finished_at: dt.datetime | None = None
    run_id: int = 0
    templates: list[str] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)
    rows_read: int = 0
    rows_loaded: int = 0
    rows_changed: int = 0
    rejects: list[pl.DataFrame] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    status: str = ""

    @property
    def rows_rejected(self) -> int:
        """Rows with at least one reject (a row can fail several checks; sheets number apart)."""
        frames = [r.select("sheet", "row_number") for r in self.rejects if r.height]
        return pl.concat(frames).unique().height if frames else 0


@dataclass
class LoadSummary:
    files: list[FileReport]
    data_version: int
    published: bool
    warehouse: Path


def expand(paths: Iterable[Path | str]) -> list[Path]:
    """Files to load: each file as given; folders walked (sorted), hidden and ~$ files skipped."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(
                f for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in SUPPORTED
                and not any(part.startswith((".", "~$", "__")) for part in f.relative_to(p).parts)
            ))
        elif p.is_file():
            out.append(p)
        else:
            raise EtlFatal(p, "文件或文件夹不存在 (no such file or folder)")
    return out


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _derivation_stale(wdir: Path) -> bool:
    """True when a warehouse exists but was derived by another registry or derivation SQL."""
    info = store.current(wdir)
    return info is not None and info.get("derivation") != derive.fingerprint()


def _columns_stale(wdir: Path) -> bool:
    """True when a warehouse exists but its dim_column came from other contracts (or is absent)."""
    info = store.current(wdir)
    return info is not None and info.get("columns") != catalog.columns_fingerprint()


def build_dim_column(con: duckdb.DuckDBPyConnection) -> None:
    """dim_column (the Chinese and English label of every staged column) and dim_template (each
    template's metadata), from the contracts: the one place a template's metadata lives."""
    rows = pl.DataFrame(catalog.dim_column_rows())   # noqa: F841 (DuckDB reads it by name)
    con.execute("create or replace table dim_column as select * from rows")
    templates = pl.DataFrame(catalog.dim_template_rows())   # noqa: F841
    con.execute("create or replace table dim_template as select * from templates")


def _loaded_hashes(wdir: Path) -> dict[str, int]:
    """sha256 → run_id of every file the current version has recorded."""
    paths = store.table_paths(wdir)
    if "etl_runs" not in paths:
        return {}
    con = duckdb.connect()
    rows = con.execute("select file_hash, min(run_id) from read_parquet(?) group by 1",
                       [str(paths["etl_runs"])]).fetchall()
    con.close()
    return dict(rows)


def _snapshot_date(c: Contract, r: Result) -> dt.date:
    """For snapshot sources (history kept), the latest date the file holds; else a constant."""
    if not c.meta.history or r.frame.height == 0:
        return dt.date.min
    dates = [r.frame[n].max() for n, t in r.frame.schema.items() if t == pl.Date]
    return max((d for d in dates if d is not None), default=dt.date.min)


def _empty(schema: dict) -> pl.DataFrame:
    return pl.DataFrame(schema=schema)


def staged_schema(c: Contract) -> dict:
    return {**c.schema, **LINEAGE}


def history_schema(c: Contract) -> dict:
    return {**staged_schema(c), "replaced_by_run": pl.Int64}


def _open_working(con: duckdb.DuckDBPyConnection, info: dict | None,
                  paths: dict[str, Path]) -> set[str]:
    """Load the current version's tables into the in-memory working database (empty if new),
    each in its contract's current schema: a column a contract gained since (e.g. an optional
    English name) is added empty. Returns the tables whose schema changed (to be rewritten)."""
    tables: dict[str, dict] = {}
    for c in catalog.sources():
        tables[c.meta.table] = staged_schema(c)
        if c.meta.history:
            tables[f"{c.meta.table}_history"] = history_schema(c)
    tables["etl_runs"] = RUNS_SCHEMA
    tables["etl_rejects"] = REJECTS_SCHEMA
    evolved = set()
    for name, schema in tables.items():
        empty = _empty(schema)   # noqa: F841 (read by DuckDB's replacement scan)
        con.execute(f"create table {name} as select * from empty")
        if name in paths:
            stored = [r[0] for r in con.execute("select name from parquet_schema(?) "
                                                "where name <> 'duckdb_schema'",
                                                [str(paths[name])]).fetchall()]
            common = [c for c in schema if c in stored]
            if set(common) != set(schema) or set(stored) - set(schema):
                evolved.add(name)
            cols = ", ".join(f'"{c}"' for c in common)
            con.execute(f"insert into {name} ({cols}) select {cols} from read_parquet(?)",
                        [str(paths[name])])
    return evolved


def _valid_codes(con: duckdb.DuckDBPyConnection, kind: str) -> pl.Series:
    if kind == "indicator":
        return pl.Series([i["id"] for i in registry.indicators()])
    query = {
        "area": "select area_code from stg_geography",
        "site": "select site_code from stg_mosquito_sites",
        "centre": "select centre_code from stg_health_centres",
    }.get(kind, f"select area_code from stg_geography where area_level = '{kind}'")
    return con.sql(query).pl().to_series()


FK_WORDS = {"area": "区域", "district": "区县", "street": "街道", "grid": "网格", "site": "监测点",
            "centre": "机构", "indicator": "指标"}


def check_foreign_keys(con: duckdb.DuckDBPyConnection, c: Contract, frame: pl.DataFrame,
                       headers: dict[str, str]) -> tuple[pl.DataFrame, list[pl.DataFrame]]:
    """Reject rows pointing at an unknown street, grid, site, centre, area or indicator."""
    rejects = []
    for col, kind in c.meta.foreign_keys.items():
        if kind == "area" and c.meta.name == "geography":
            continue   # parents may come later in the same batch: checked after the merge
        valid = _valid_codes(con, kind)
        bad = pl.col(col).is_not_null() & ~pl.col(col).is_in(valid.implode())
        hit = frame.filter(bad)
        if hit.height:
            rejects.append(hit.select(
                pl.col("_row").alias("row_number"), pl.lit(headers.get(col, col)).alias("column"),
                pl.col(col).cast(pl.Utf8).alias("value"),
                pl.lit(f"未知的{FK_WORDS[kind]}编码 / unknown {kind} code").alias("reason")))
            frame = frame.filter(~bad)
    return frame, rejects


def merge(con: duckdb.DuckDBPyConnection, c: Contract, incoming: pl.DataFrame,
          run_id: int, keep: pl.DataFrame | None = None) -> int:
    """Upsert by natural key; rows whose data equal the loaded row are skipped. A whole-table
    source (Meta.whole_table: the plan's goals) also drops the rows that none of this load's
    files of that template has any more (`keep`: their keys). Returns the number of rows
    inserted, replaced or removed."""
    table, keys = c.meta.table, c.meta.keys
    data_cols = list(c.schema)
    on_keys = " and ".join(f"o.{k} = i.{k}" for k in keys)
    same = " and ".join(f"o.{col} is not distinct from i.{col}" for col in data_cols)
    con.register("incoming", incoming)
    try:
        con.execute(f"""create or replace temp table changed as
                        select i.* from incoming as i left join {table} as o on {on_keys}
                        where o.{keys[0]} is null or not ({same})""")
        removed = 0
        if c.meta.whole_table:
            con.register("kept", incoming.select(keys) if keep is None else keep)
            gone = f"not exists (select 1 from kept as i where {on_keys})"
            removed = con.execute(f"select count(*) from {table} as o where {gone}"
                                  ).fetchall()[0][0]
            if removed:
                con.execute(f"delete from {table} as o where {gone}")
            con.unregister("kept")
    finally:
        con.unregister("incoming")
    n = con.execute("select count(*) from changed").fetchall()[0][0]
    if n:
        key_match = " and ".join(f"{table}.{k} = changed.{k}" for k in keys)
        if c.meta.history:
            con.execute(f"""insert into {table}_history by name
                            select {table}.*, {run_id} as replaced_by_run from {table}
                            where exists (select 1 from changed where {key_match})""")
        con.execute(f"delete from {table} using changed where {key_match}")
        con.execute(f"insert into {table} by name select * from changed")
    return int(n + removed)


def _orphan_areas(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Delete areas whose parent is unknown (repeat: a removed district orphans its streets)."""
    out = []
    while True:
        orphans = con.sql("""select * from stg_geography
                             where parent_code is not null
                             and parent_code not in (select area_code from stg_geography)
                          """).pl()
        if orphans.height == 0:
            break
        out.append(orphans)
        con.execute("""delete from stg_geography where parent_code is not null
                       and parent_code not in (select area_code from stg_geography)""")
    return pl.concat(out) if out else pl.DataFrame()


def load(paths: Iterable[Path | str], wdir: Path | None = None,
         progress: Callable[[str], None] = print, force: bool = False) -> LoadSummary:
    """Load files/folders into the warehouse. Raises EtlFatal (nothing written) on a fatal problem.
    force: read files again even if their content was loaded before (e.g. a file loaded before
    its geography, whose rows were rejected for unknown codes)."""
    paths = list(paths)
    wdir = Path(wdir) if wdir else warehouse_dir()
    files = expand(paths)
    if not files:
        raise EtlFatal(", ".join(map(str, paths)), "没有找到可导入的文件 (no loadable files found)")
    # 1. Read and validate every file before touching anything.
    parsed, skipped = _read_all(files, {} if force else _loaded_hashes(wdir), progress)
    if not parsed and not _derivation_stale(wdir) and not _columns_stale(wdir):
        progress("没有新文件：仓库保持不变 (all files loaded before; warehouse untouched)")
        return LoadSummary(skipped, store.data_version(wdir), False, wdir)

    wdir.mkdir(parents=True, exist_ok=True)
    with store.lock(wdir):
        store.cleanup_incomplete(wdir)
        info = store.current(wdir)
        # NOTE: another loader may have published these very files while we were reading them.
        raced = {} if force else _loaded_hashes(wdir)
        skipped += [r for r, _ in parsed if r.file_hash in raced]
        parsed = [(r, res) for r, res in parsed if r.file_hash not in raced]
        stale = _derivation_stale(wdir)
        columns_stale = _columns_stale(wdir)
        if not parsed and not stale and not columns_stale:
            return LoadSummary(skipped, store.data_version(wdir), False, wdir)
        con = duckdb.connect(":memory:")
        evolved = _open_working(con, info, store.table_paths(wdir, info))
        first_run = con.execute("select coalesce(max(run_id), 0) + 1 from "
                                "etl_runs").fetchall()[0][0]
        for i, (report, _) in enumerate(parsed):
            report.run_id = first_run + i
        # 2. Merge, dimensions first.
        dirty = _merge_all(con, parsed) | evolved
        # 3. Record every new file (even one whose rows were all known), derive, publish.
        recorded = [r for r, _ in parsed]
        for report in recorded:
            report.finished_at = dt.datetime.now()
            report.status = "loaded"
        version = (int(info["version"]) if info else 0) + 1
        if recorded:
            _record_runs(con, recorded, version)
            dirty |= {"etl_runs", "etl_rejects"}
        if info is None or dirty or stale or columns_stale:
            # NOTE: also when the registry or the derivation SQL changed since the last publish
            # (a publish carries the derived tables, so they are rebuilt whenever it happens).
            progress("计算指标 deriving indicator_values …")
            derive.build(con)
            dirty |= {"indicator_values", "dim_indicator", "unit_area"}
        build_dim_column(con)
        if columns_stale:
            dirty |= {"dim_column", "dim_template"}
        tables = [r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'main' "
            "and table_name not in ('expected_units', 'changed')").fetchall()]
        published = store.table_paths(wdir, info)
        order_by = _sort_keys()
        writers = {t: _writer(con, t, order_by.get(t)) for t in tables
                   if t in dirty or t not in published}
        progress(f"发布 publishing data version {version} …")
        store.publish(wdir, writers, [t for t in tables if t not in writers],
                      {"runs": [r.run_id for r in recorded], "derivation": derive.fingerprint(),
                       "columns": catalog.columns_fingerprint()},
                      crash_at=os.environ.get("HC_ETL_CRASH_AT"))
        con.close()
        return LoadSummary([*skipped, *recorded], version, True, wdir)


def _read_all(files: list[Path], loaded_before: dict[str, int], progress: Callable[[str], None]
              ) -> tuple[list[tuple[FileReport, list[tuple[Contract, Result]]]], list[FileReport]]:
    """Read, recognise and validate each file. A file whose content was loaded before (same
    sha256 in etl_runs) is skipped: loading it again must change nothing, and re-applying an old
    ledger snapshot would overwrite newer statuses."""
    parsed, skipped = [], []
    for i, path in enumerate(files, 1):
        report = FileReport(path, sha256(path), dt.datetime.now())
        if report.file_hash in loaded_before:
            report.status, report.run_id = "unchanged", loaded_before[report.file_hash]
            progress(f"[{i}/{len(files)}] 已导入过，跳过 already loaded (run {report.run_id})  "
                     f"{path}")
            skipped.append(report)
            continue
        progress(f"[{i}/{len(files)}] 读取 read  {path}")
        results = []
        for contract, sheet in catalog.read_file(path):
            result = contract.transform(sheet)
            results.append((contract, result))
            report.templates.append(contract.meta.name)
            if sheet.sheet:
                report.sheets.append(sheet.sheet)
            report.rows_read += result.rows_read
            report.warnings.extend(f"{sheet.sheet or ''} {w}".strip() for w in result.warnings)
        parsed.append((report, results))
    return parsed, skipped


def _merge_all(con: duckdb.DuckDBPyConnection,
               parsed: list[tuple[FileReport, list[tuple[Contract, Result]]]]) -> set[str]:
    """Merge every sheet into the working tables; returns the names of the tables changed.
    Dimensions go first; files in path order within a template, except snapshots (ledgers),
    which go in the order of the latest date they hold, so the newest wins."""
    steps = sorted(
        ((c.meta.order, _snapshot_date(c, r), fi, si, report, c, r)
         for fi, (report, results) in enumerate(parsed)
         for si, (c, r) in enumerate(results)),
        key=lambda s: s[:4])
    keep = {}
    for *_, c, result in steps:
        if c.meta.whole_table:
            keep.setdefault(c.meta.name, []).append(result.frame.select(c.meta.keys))
    keep = {k: pl.concat(v) for k, v in keep.items()}
    dirty: set[str] = set()
    for *_, report, c, result in steps:
        headers = {col.name: col.header for col in c.columns}
        frame, fk_rejects = check_foreign_keys(con, c, result.frame, headers)
        where = [pl.lit(str(report.path)).alias("file"),
                 pl.lit(result.sheet, dtype=pl.Utf8).alias("sheet")]
        report.rejects.append(result.rejects)
        report.rejects += [rj.with_columns(where).select(list(REJECT_SCHEMA)) for rj in fk_rejects]
        staged = frame.rename({"_row": "source_row"}).with_columns(
            pl.lit(report.run_id, dtype=pl.Int64).alias("run_id"),
            pl.lit(str(report.path)).alias("source_file"),
            pl.lit(result.sheet, dtype=pl.Utf8).alias("source_sheet"))
        changed = merge(con, c, staged, report.run_id, keep.get(c.meta.name))
        report.rows_loaded += frame.height
        report.rows_changed += changed
        if changed:
            dirty.add(c.meta.table)
            if c.meta.history:
                dirty.add(f"{c.meta.table}_history")
    if "stg_geography" in dirty:
        orphans = _orphan_areas(con)
        for report, _ in parsed:
            mine = orphans.filter(pl.col("run_id") == report.run_id) if orphans.height else orphans
            if mine.height:
                report.rejects.append(mine.select(
                    pl.lit(str(report.path)).alias("file"), pl.col("source_sheet").alias("sheet"),
                    pl.col("source_row").alias("row_number"), pl.lit("parent_code").alias("column"),
                    pl.col("parent_code").alias("value"),
                    pl.lit("未知的上级区域编码 / unknown parent area code").alias("reason")))
                report.rows_loaded -= mine.height
                report.rows_changed -= mine.height
    return dirty


def _sort_keys() -> dict[str, str]:
    keys = {}
    for c in catalog.sources():
        keys[c.meta.table] = ", ".join(c.meta.keys)
        if c.meta.history:
            keys[f"{c.meta.table}_history"] = ", ".join([*c.meta.keys, "replaced_by_run"])
    keys["etl_runs"] = "run_id"
    keys["etl_rejects"] = "run_id, row_number, \"column\""
    keys["indicator_values"] = "indicator_id, period_grain, area_level, area_code, period_start"
    keys["dim_indicator"] = "sort_order"
    keys["dim_template"] = "sort_order"
    keys["dim_column"] = "sort_order"
    keys["unit_area"] = "unit_type, unit_code, area_level"
    return keys


def _writer(con: duckdb.DuckDBPyConnection, table: str, order: str | None):
    def write(path: Path) -> None:
        order_sql = f" order by {order}" if order else ""
        target = str(path).replace("'", "''")
        con.execute(f"copy (select * from {table}{order_sql}) to '{target}' "
                    "(format parquet, compression zstd)")
    return write


def _record_runs(con: duckdb.DuckDBPyConnection, reports: list[FileReport], version: int) -> None:
    runs = pl.DataFrame([{
        "run_id": r.run_id, "data_version": version, "file": str(r.path),
        "file_name": r.path.name, "file_hash": r.file_hash,
        "template": "、".join(dict.fromkeys(r.templates)), "sheets": "、".join(r.sheets) or None,
        "rows_read": r.rows_read, "rows_loaded": r.rows_loaded,
        "rows_rejected": r.rows_rejected, "rows_changed": r.rows_changed,
        "started_at": r.started_at, "finished_at": r.finished_at,
        "warnings": "；".join(dict.fromkeys(r.warnings)) or None,
    } for r in reports], schema=RUNS_SCHEMA)
    parts = [rj.with_columns(pl.lit(r.run_id, dtype=pl.Int64).alias("run_id"))
             for r in reports for rj in r.rejects if rj.height]
    rejects = (pl.concat(parts).select(list(REJECTS_SCHEMA)) if parts
               else _empty(REJECTS_SCHEMA))
    con.register("new_runs", runs)
    con.register("new_rejects", rejects)
    con.execute("insert into etl_runs by name select * from new_runs")
    con.execute("insert into etl_rejects by name select * from new_rejects")
    con.unregister("new_runs")
    con.unregister("new_rejects")


__all__ = ["load", "expand", "LoadSummary", "FileReport", "EtlFatal"]
