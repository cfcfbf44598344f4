"""The loader: read every file, validate, merge by natural key, derive indicators, publish
atomically — or, as a dry run, stop before publishing and say what would change.

All files of one call are read and validated first; any fatal problem stops the call before the
warehouse is touched. Then rows are merged table by table (dimensions first) into an in-memory
working copy, rows identical to what is loaded already are left alone, and one new data version
is published if anything changed. A file is always read: one whose rows equal what the warehouse
holds changes nothing (and publishes nothing), one whose rows differ is merged — so loading the
original file again after a wrong correction restores its values. Plausibility warnings (a value
far from its unit's history, a part larger than its total, a status flipped, hidden columns or
rows) stop a real load unless accepted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from etl import catalog
from etl.contract import (
    LINEAGE,
    REJECT_SCHEMA,
    Contract,
    EtlFatal,
    Notice,
    Result,
    as_rejects,
    combine_sheets,
)
from etl.readers import SUPPORTED, display_path
from warehouse import derive, registry, settings, status, store
from warehouse.paths import warehouse_dir

RUNS_SCHEMA = {
    "run_id": pl.Int64, "data_version": pl.Int64, "file": pl.Utf8, "file_name": pl.Utf8,
    "file_hash": pl.Utf8, "template": pl.Utf8, "sheets": pl.Utf8, "rows_read": pl.Int64,
    "rows_loaded": pl.Int64, "rows_rejected": pl.Int64, "rows_changed": pl.Int64,
    "started_at": pl.Datetime("us"), "finished_at": pl.Datetime("us"), "warnings": pl.Utf8,
    # who loaded the file (--loaded-by; null when not given)
    "loaded_by": pl.Utf8,
    # for a snapshot (ledger) file, the latest date it holds: an older snapshot loaded later
    # never overwrites a point a newer one wrote
    "snapshot_date": pl.Date,
}
REJECTS_SCHEMA = {"run_id": pl.Int64, **REJECT_SCHEMA}
# One row per published data version: what published it (a load or a rollback), when, by whom.
VERSIONS_SCHEMA = {
    "version": pl.Int64, "published_at": pl.Datetime("us"), "kind": pl.Utf8,
    "restored_from": pl.Int64, "by": pl.Utf8, "runs": pl.List(pl.Int64),
    "rows_changed": pl.Int64,
}
BOOKKEEPING = ("etl_runs", "etl_rejects", "data_versions")   # never rolled back
CHANGES_SHOWN = 200
# warnings about one row: kept only when the row changes something
ROW_LEVEL = ("history", "component")
MOVES_SHOWN = 100
STATUS_FLIP_WORDS = ("on_track", "at_risk", "off_track")
UNIT_WORDS = {"street": "街道", "site": "监测点", "centre": "机构"}


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
    rows_new: int = 0          # rows whose key the warehouse did not hold
    rows_changed: int = 0      # rows inserted, replaced or removed (new ones included)
    rejects: list[pl.DataFrame] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    changes: list[dict] = field(default_factory=list)
    changed_rows: set[tuple[str | None, int]] = field(default_factory=set)
    results: list[tuple[Contract, Result]] = field(default_factory=list)
    snapshot_date: dt.date | None = None
    status: str = ""

    @property
    def file(self) -> str:
        return display_path(self.path)

    @property
    def name(self) -> str:
        return display_path(self.path.name)

    def reject_frame(self) -> pl.DataFrame:
        frames = [as_rejects(r) for r in self.rejects if r.height]
        return pl.concat(frames) if frames else pl.DataFrame(schema=REJECT_SCHEMA)

    @property
    def rows_rejected(self) -> int:
        """Rows with at least one reject (a row can fail several checks; sheets number apart)."""
        return self.reject_frame().select("sheet", "row_number").unique().height

    @property
    def gating(self) -> list[Notice]:
        return [w for w in self.warnings if w.gating]

    def as_dict(self) -> dict:
        rejects = self.reject_frame().sort("sheet", "row_number", "column", nulls_last=True)
        return {
            "file": self.file, "status": self.status,
            "templates": list(dict.fromkeys(self.templates)),
            "rows_read": self.rows_read, "rows_loaded": self.rows_loaded,
            "rows_rejected": self.rows_rejected, "rows_new": self.rows_new,
            "rows_changed": self.rows_changed - self.rows_new,
            "rejects": [{"sheet": s, "row": r, "column": c, "value": v, "reason": why}
                        for _, s, r, c, v, why in rejects.iter_rows()],
            "changes": self.changes[:CHANGES_SHOWN], "changes_total": self.rows_changed,
            "warnings": [w.as_dict() for w in self.warnings],
        }


@dataclass
class LoadSummary:
    files: list[FileReport]
    data_version: int
    published: bool
    warehouse: Path
    dry_run: bool = False
    would_publish: bool = False        # something would change (a dry run, or a refused load)
    refused: bool = False              # warnings not accepted: nothing published
    moves: list[dict] = field(default_factory=list)
    errors_workbooks: dict[str, str] = field(default_factory=dict)

    @property
    def gating(self) -> list[tuple[FileReport, Notice]]:
        return [(f, w) for f in self.files for w in f.gating]

    def as_dict(self) -> dict:
        """The command line's --json object (see README: the loader's JSON)."""
        return {"ok": not self.refused, "published": self.data_version if self.published
                else None, "dry_run": self.dry_run, "would_publish": self.would_publish,
                "needs_accept_warnings": bool(self.gating) and not self.published,
                "fatal": None, "files": [f.as_dict() for f in self.files],
                "moves": self.moves, "errors_workbooks": self.errors_workbooks}


class WarningsNotAccepted(Exception):  # noqa: N818 (names the refusal)
    """A real load with plausibility warnings and no accept_warnings: nothing was published."""

    def __init__(self, summary: LoadSummary):
        super().__init__(f"{len(summary.gating)} warnings not accepted")
        self.summary = summary


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


def _derivation_stale(info: dict | None) -> bool:
    """True when a warehouse exists but was derived by another registry or derivation SQL."""
    return info is not None and info.get("derivation") != derive.fingerprint()


def _columns_stale(info: dict | None) -> bool:
    """True when a warehouse exists but its dim_column came from other contracts (or is absent)."""
    return info is not None and info.get("columns") != catalog.columns_fingerprint()


def build_dim_column(con: duckdb.DuckDBPyConnection) -> None:
    """dim_column (the Chinese and English label of every staged column) and dim_template (each
    template's metadata), from the contracts: the one place a template's metadata lives."""
    rows = pl.DataFrame(catalog.dim_column_rows())   # noqa: F841 (DuckDB reads it by name)
    con.execute("create or replace table dim_column as select * from rows")
    templates = pl.DataFrame(catalog.dim_template_rows())   # noqa: F841
    con.execute("create or replace table dim_template as select * from templates")


def _snapshot_date(c: Contract, r: Result) -> dt.date:
    """For snapshot sources (history kept), the latest date the file holds (not a date set ahead,
    such as a 整改时限); else a constant."""
    if not c.meta.history or r.frame.height == 0:
        return dt.date.min
    ahead = {col.name for col in c.columns if getattr(col, "future_ok", False)}
    dates = [r.frame[n].max() for n, t in r.frame.schema.items()
             if t == pl.Date and n not in ahead]
    return max((d for d in dates if d is not None), default=dt.date.min)


def _empty(schema: dict) -> pl.DataFrame:
    return pl.DataFrame(schema=schema)


def staged_schema(c: Contract) -> dict:
    return {**c.schema, **LINEAGE}


def history_schema(c: Contract) -> dict:
    return {**staged_schema(c), "replaced_by_run": pl.Int64}


def _open_working(con: duckdb.DuckDBPyConnection, info: dict | None,
                  paths: dict[str, Path], needed: set[str] | None = None) -> set[str]:
    """Load the current version's tables into the in-memory working database (empty if new),
    each in its contract's current schema: a column a contract gained since (e.g. an optional
    English name) is added empty. Returns the tables whose schema changed (to be rewritten).
    needed: the tables this load may write (its templates' and the load records); any other
    published table in its current schema stays on disk as a view over its Parquet file, so a
    weekly file does not copy the whole warehouse into memory (None: every table loaded)."""
    tables: dict[str, dict] = {}
    for c in catalog.sources():
        tables[c.meta.table] = staged_schema(c)
        if c.meta.history:
            tables[f"{c.meta.table}_history"] = history_schema(c)
    tables["etl_runs"] = RUNS_SCHEMA
    tables["etl_rejects"] = REJECTS_SCHEMA
    tables["data_versions"] = VERSIONS_SCHEMA
    evolved = set()
    for name, schema in tables.items():
        stored = ([r[0] for r in con.execute("select name from parquet_schema(?) "
                                             "where name <> 'duckdb_schema'",
                                             [str(paths[name])]).fetchall()]
                  if name in paths else [])
        empty = _empty(schema)   # noqa: F841 (read by DuckDB's replacement scan)
        con.execute(f"create table {name} as select * from empty")
        if (name in paths and needed is not None and name not in needed
                and name not in RECORDS and stored == list(schema)
                and _types(con, name) == _types(con, store.relation(paths, name))):
            con.execute(f"drop table {name}")
            con.execute(f"create view {name} as select * from {store.relation(paths, name)}")
            continue
        if name in paths:
            common = [c for c in schema if c in stored]
            if set(common) != set(schema) or set(stored) - set(schema):
                evolved.add(name)
            cols = ", ".join(f'"{c}"' for c in common)
            con.execute(f"insert into {name} ({cols}) select {cols} from read_parquet(?)",
                        [str(paths[name])])
    if "etl_runs" in evolved:
        _backfill_snapshot_dates(con)
    if info is not None and "data_versions" not in paths:
        # NOTE: a warehouse published before data_versions: its history rebuilt from etl_runs.
        con.execute("""insert into data_versions
                       select data_version, max(finished_at), 'load', null, null,
                              list(run_id order by run_id), sum(rows_changed)
                       from etl_runs group by data_version""")
        evolved.add("data_versions")
    return evolved


def _types(con: duckdb.DuckDBPyConnection, relation: str) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in con.execute(f"describe select * from {relation}").fetchall()]


# The load's own records: always working tables (every load appends to them).
RECORDS = ("etl_runs", "etl_rejects", "data_versions")


def needed_tables(parsed: list[FileReport]) -> set[str]:
    """The staged tables a load's files may write: their templates' (and history) tables."""
    out: set[str] = set()
    for report in parsed:
        for c, _result in report.results:
            out.add(c.meta.table)
            if c.meta.history:
                out.add(f"{c.meta.table}_history")
    return out


def _backfill_snapshot_dates(con: duckdb.DuckDBPyConnection) -> None:
    """etl_runs from before snapshot_date: each snapshot run's latest date, from the rows it
    left in the ledger and its history (the best the warehouse still knows)."""
    for c in catalog.sources():
        if not c.meta.history:
            continue
        dates = [n for n, t in c.schema.items() if t == pl.Date]
        latest = f"greatest({', '.join(dates)})"
        con.execute(f"""update etl_runs set snapshot_date = s.d
                        from (select run_id, max({latest}) as d from (
                                select * exclude (replaced_by_run) from {c.meta.table}_history
                                union all by name select * from {c.meta.table})
                              group by run_id) as s
                        where etl_runs.run_id = s.run_id and etl_runs.snapshot_date is null""")


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


def _reject_rows(frame: pl.DataFrame, column: str, value: pl.Expr, reason: str
                 ) -> pl.DataFrame:
    return frame.select(pl.col("_row").alias("row_number"), pl.lit(column).alias("column"),
                        value.cast(pl.Utf8).alias("value"), pl.lit(reason).alias("reason"))


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
            rejects.append(_reject_rows(hit, headers.get(col, col), pl.col(col),
                                        f"未知的{FK_WORDS[kind]}编码 / unknown {kind} code"))
            frame = frame.filter(~bad)
    return frame, rejects


def check_district(con: duckdb.DuckDBPyConnection, c: Contract, frame: pl.DataFrame,
                   district: str, headers: dict[str, str]
                   ) -> tuple[pl.DataFrame, list[pl.DataFrame]]:
    """A district's load: reject rows whose unit (area, street, grid, site, centre) lies outside
    the district. Codes nest (a district's streets and grids start with its code); sites and
    centres lie in their grid."""
    located = {"area_code": "area"} if c.meta.name == "geography" else {}
    located.update({col: kind for col, kind in c.meta.foreign_keys.items()
                    if kind != "indicator" and not (c.meta.name == "geography"
                                                    and col == "parent_code")})
    rejects = []
    reason = f"不属于本区（{district}）的数据，区县只能导入本区数据 / outside district {district}"
    for col, kind in located.items():
        code = pl.col(col)
        if kind in ("site", "centre"):
            table, key = (("stg_mosquito_sites", "site_code") if kind == "site"
                          else ("stg_health_centres", "centre_code"))
            grids = dict(con.execute(f"select {key}, grid_code from {table}").fetchall())
            code = pl.col(col).replace_strict(grids, default=None, return_dtype=pl.Utf8)
        outside = pl.col(col).is_not_null() & ~code.str.starts_with(district).fill_null(False)
        hit = frame.filter(outside)
        if hit.height:
            rejects.append(_reject_rows(hit, headers.get(col, col), pl.col(col), reason))
            frame = frame.filter(~outside)
    return frame, rejects


@dataclass
class MergeOutcome:
    new: int = 0
    total: int = 0
    changes: list[dict] = field(default_factory=list)     # the first CHANGES_SHOWN
    rows: set[tuple[str | None, int]] = field(default_factory=set)   # of the `watch` rows
    warnings: list[Notice] = field(default_factory=list)


def _unit_sql(c: Contract) -> str:
    """The column naming a row's unit in the changes list: the report's unit, else its first
    located key, else its first key."""
    if c.meta.unit_column:
        return c.meta.unit_column
    located = [k for k in c.meta.keys if c.meta.foreign_keys.get(k) not in (None, "indicator")]
    return (located or list(c.meta.keys))[0]


def _period_sql(c: Contract) -> str:
    return (f"strftime(({c.meta.period})::date, '%Y-%m-%d')" if c.meta.period
            else "null::varchar")


def merge(con: duckdb.DuckDBPyConnection, c: Contract, incoming: pl.DataFrame,
          run_id: int, keep: pl.DataFrame | None = None, history: Path | None = None,
          snapshot: dt.date | None = None, watch: Iterable[int] = ()) -> MergeOutcome:
    """Upsert by natural key; rows whose data equal the loaded row are skipped. A whole-table
    source (Meta.whole_table: the plan's goals) also drops the rows that none of this load's
    files of that template has any more (`keep`: their keys). A snapshot source (Meta.history)
    leaves a row alone that a newer snapshot wrote. `history`: the published table, for the
    plausibility check of the changed rows against their unit's earlier years. The outcome
    counts every change and lists the first CHANGES_SHOWN; of the source rows in `watch` (rows
    with a warning), it says which changed. (A province's first load changes millions of rows:
    a list of them all would not fit in memory.)"""
    table, keys = c.meta.table, c.meta.keys
    data_cols = list(c.schema)
    on_keys = " and ".join(f"o.{k} = i.{k}" for k in keys)
    same = " and ".join(f"o.{col} is not distinct from i.{col}" for col in data_cols)
    newer = ""
    if c.meta.history and snapshot is not None:
        newer = (f" and (o.{keys[0]} is null or coalesce((select r.snapshot_date from etl_runs "
                 f"as r where r.run_id = o.run_id), date '0001-01-01') <= "
                 f"date '{snapshot.isoformat()}')")
    out = MergeOutcome()
    con.register("incoming", incoming)
    try:
        con.execute(f"""create or replace temp table changed as
                        select i.*, o.{keys[0]} is null as _is_new
                        from incoming as i left join {table} as o on {on_keys}
                        where (o.{keys[0]} is null or not ({same})){newer}""")
        if newer:
            kept = con.execute(f"""select count(*) from incoming as i join {table} as o
                                   on {on_keys} where not ({same})""").fetchall()[0][0]
            kept -= con.execute("select count(*) from changed where not _is_new"
                                ).fetchall()[0][0]
            if kept:
                out.warnings.append(Notice(
                    "older_snapshot", f"{kept} 条记录在仓库中已有更新的台账版本，保留较新的记录 / "
                    f"{kept} rows a newer snapshot wrote were kept"))
        removed = []
        if c.meta.whole_table:
            con.register("kept", incoming.select(keys) if keep is None else keep)
            gone = f"not exists (select 1 from kept as i where {on_keys})"
            removed = con.execute(f"""select {_unit_sql(c)}, {_period_sql(c)}
                                      from (select o.* from {table} as o where {gone})"""
                                  ).fetchall()
            if removed:
                con.execute(f"delete from {table} as o where {gone}")
            con.unregister("kept")
    finally:
        con.unregister("incoming")
    n, out.new = con.execute("select count(*), count(*) filter (where _is_new) from changed"
                             ).fetchone()
    out.changes = [{"template": c.meta.name, "unit": u, "period": p,
                    "kind": "new" if is_new else "changed"}
                   for u, p, is_new in con.execute(f"""select {_unit_sql(c)}::varchar,
                       {_period_sql(c)}, _is_new from changed order by source_row
                       limit {CHANGES_SHOWN}""").fetchall()]
    out.changes += [{"template": c.meta.name, "unit": u, "period": p, "kind": "removed"}
                    for u, p in removed[:max(0, CHANGES_SHOWN - len(out.changes))]]
    watch = sorted(set(watch))
    if watch:
        con.register("watch", pl.DataFrame({"source_row": watch}, schema={"source_row": pl.Int64}))
        out.rows = set(con.execute("select source_sheet, source_row from changed where source_row"
                                   " in (select source_row from watch)").fetchall())
        con.unregister("watch")
    if n and history is not None:
        out.warnings += _history_warnings(con, c, history)
    if n:
        key_match = " and ".join(f"{table}.{k} = changed.{k}" for k in keys)
        if c.meta.history:
            con.execute(f"""insert into {table}_history by name
                            select {table}.*, {run_id} as replaced_by_run from {table}
                            where exists (select 1 from changed where {key_match})""")
        con.execute(f"delete from {table} using changed where {key_match}")
        con.execute(f"insert into {table} by name select * exclude (_is_new) from changed")
    out.total = n + len(removed)
    return out


def _history_warnings(con: duckdb.DuckDBPyConnection, c: Contract, history: Path
                      ) -> list[Notice]:
    """Changed rows of a periodic report whose value is more than k × or under 1/k × the
    median of the same unit and calendar month over earlier years (k = HC_WARN_HISTORY_FACTOR),
    from the published table (so a first load of several years warns about nothing)."""
    if not (c.meta.unit_column and c.meta.period):
        return []
    k = float(settings.get("HC_WARN_HISTORY_FACTOR"))
    stored = {r[0] for r in con.execute("select name from parquet_schema(?)",
                                        [str(history)]).fetchall()}
    unit, period = c.meta.unit_column, c.meta.period
    word = UNIT_WORDS.get(c.meta.unit_type or "", "单位")
    out = []
    for col in c.columns:
        if col.kind not in ("int", "num") or col.name in c.meta.keys or col.name not in stored:
            continue
        rows = con.execute(f"""
            with hist as (
                select {unit} as unit, month({period}) as m, year({period}) as y,
                       {col.name} as v
                from read_parquet(?) where {col.name} is not null
            ),
            inc as (
                select source_sheet, source_row, {unit} as unit, month({period}) as m,
                       year({period}) as y, {col.name} as v
                from changed where {col.name} is not null
            )
            select inc.source_sheet, inc.source_row, inc.v, median(h.v) as med
            from inc join hist as h on h.unit = inc.unit and h.m = inc.m and h.y < inc.y
            group by all
            having median(h.v) > 0 and (inc.v > ? * median(h.v) or inc.v < median(h.v) / ?)
            order by inc.source_row""", [str(history), k, k]).fetchall()
        for sheet, row, v, med in rows:
            ratio = v / med
            said = (f"是该{word}往年同月中位数 {med:g} 的 {ratio:.1f} 倍" if ratio > 1
                    else f"仅为该{word}往年同月中位数 {med:g} 的 {ratio:.2f} 倍")
            out.append(Notice("history", f"「{col.header}」为 {v:g}，{said}，请核实 / {v:g} is "
                              f"{ratio:.2f}× the median of the same month in earlier years, "
                              f"{med:g}", sheet, row, col.header))
    return out


def _published_areas(con: duckdb.DuckDBPyConnection, paths: dict[str, Path],
                     codes: set[str]) -> int:
    """How many of these area codes the published geography holds."""
    if "stg_geography" not in paths or not codes:
        return 0
    con.register("_codes", pl.DataFrame({"area_code": sorted(codes)}))
    try:
        return con.execute(f"select count(*) from {store.relation(paths, 'stg_geography')} "
                           "where area_code in (select area_code from _codes)").fetchone()[0]
    finally:
        con.unregister("_codes")


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


def _check_district(con: duckdb.DuckDBPyConnection, district: str) -> None:
    known = con.execute("select count(*) from stg_geography where area_code = ? and "
                        "area_level = 'district'", [district]).fetchall()[0][0]
    if not known:
        raise EtlFatal(district, "未知的区县编码：仓库的区划中没有这个区县 (unknown district code)")


def load(paths: Iterable[Path | str], wdir: Path | None = None,
         progress: Callable[[str], None] = print, force: bool = False, *,
         dry_run: bool = False, loaded_by: str | None = None, district: str | None = None,
         accept_warnings: bool = True, errors_out: Path | None = None) -> LoadSummary:
    """Load files/folders into the warehouse. Raises EtlFatal (nothing written) on a fatal
    problem, WarningsNotAccepted (nothing published) when a real load has plausibility warnings
    and accept_warnings is false (the command line's default; True here for callers in code).
    dry_run: validate, merge and derive in memory, publish nothing, write nothing in the
    warehouse. loaded_by: recorded in etl_runs. district: a district's load (rows outside it are
    rejected; the plan's whole-table files are fatal). errors_out: a folder for each file's
    errors workbook (etl/errors_workbook.py). force: no effect (every file is read)."""
    del force   # NOTE: kept for old callers; a file is always read and compared row by row.
    paths = list(paths)
    wdir = Path(wdir) if wdir else warehouse_dir()
    files = expand(paths)
    if not files:
        raise EtlFatal(", ".join(map(str, paths)), "没有找到可导入的文件 (no loadable files found)")
    if district is not None and not (len(district) == 6 and district.isdigit()):
        raise EtlFatal(district, "区县编码应为6位数字 (a district code has 6 digits)")
    # 1. Read and validate every file before touching anything.
    parsed = _read_all(files, progress, district)
    if dry_run:
        summary = _apply(wdir, parsed, progress, dry_run=True, loaded_by=loaded_by,
                         district=district, accept_warnings=accept_warnings)
    else:
        wdir.mkdir(parents=True, exist_ok=True)
        with store.lock(wdir):
            store.cleanup_incomplete(wdir)
            if store.ensure_catalog(wdir):
                progress("已修复分析员目录 warehouse.duckdb (catalog brought up to date)")
            summary = _apply(wdir, parsed, progress, dry_run=False, loaded_by=loaded_by,
                             district=district, accept_warnings=accept_warnings)
    if errors_out is not None:
        from etl import errors_workbook

        summary.errors_workbooks = errors_workbook.write_all(summary.files, Path(errors_out))
    if summary.refused:
        raise WarningsNotAccepted(summary)
    return summary


def _apply(wdir: Path, parsed: list[FileReport], progress: Callable[[str], None], *,
           dry_run: bool, loaded_by: str | None, district: str | None,
           accept_warnings: bool) -> LoadSummary:
    """Merge the validated files into a working copy of the current version, derive, and
    publish (unless a dry run, or nothing changed, or warnings are not accepted)."""
    info = store.current(wdir)
    paths = store.table_paths(wdir, info)
    stale, columns_stale = _derivation_stale(info), _columns_stale(info)
    version_now = int(info["version"]) if info else 0
    # NOTE: derived parts are written here first, then linked into the new version: inside the
    # warehouse folder (one file system, so a link, not a copy), elsewhere for a dry run (which
    # writes nothing in the warehouse); removed whatever happens (and by cleanup_incomplete).
    scratch = Path(tempfile.mkdtemp(prefix=store.SCRATCH, dir=None if dry_run else wdir))
    con = working_database(scratch)
    try:
        evolved = _open_working(con, info, paths, needed_tables(parsed))
        if district is not None:
            _check_district(con, district)
        loaded_before = {r[0] for r in con.execute("select file_hash from etl_runs").fetchall()}
        first_run = con.execute("select coalesce(max(run_id), 0) + 1 from etl_runs"
                                ).fetchall()[0][0]
        for i, report in enumerate(parsed):
            report.run_id = first_run + i
        # 2. Merge, dimensions first; then keep only the tables whose content really changed.
        dirty = _really_changed(con, _merge_all(con, parsed, paths, district), paths)
        for report in parsed:
            _keep_relevant_warnings(report)
        recorded = [r for r in parsed if r.rows_changed
                    or (r.rows_rejected and r.file_hash not in loaded_before)]
        for report in parsed:
            report.status = ("unchanged" if report not in recorded
                             else "would_load" if dry_run else "loaded")
        if info is not None and not (dirty or recorded or stale or columns_stale):
            progress("没有变化：仓库保持不变 (nothing would change; warehouse untouched)")
            return LoadSummary(parsed, version_now, False, wdir, dry_run=dry_run)
        # 3. Derive; what moved; statuses flipped.
        moves: list[dict] = []
        redone: set[str] | None = None
        parts: dict[str, Path] = {}
        if info is None or dirty or stale:
            had_values = "indicator_values" in store.files_of(paths)
            progress("计算指标 deriving indicator_values …")
            # NOTE: only the indicators whose sources changed are derived again (a registry or
            # derivation change, or a new geography, derives everything).
            derived = derive.build(con, scratch, None if stale else paths, dirty)
            rebuilt, redone, parts = derived.rebuilt, derived.redone, derived.parts
            dirty |= rebuilt
            if had_values and redone != set():
                only = ("" if redone is None else " where indicator_id in ("
                        + ", ".join(f"'{i}'" for i in sorted(redone)) + ")")
                # NOTE: only what the moves list reads (headline and goal-bearing indicators,
                # city to street): the whole table of a province would not fit in memory.
                watched = (" where area_level <> 'grid' and indicator_id in (select indicator_id"
                           " from dim_indicator where headline or indicator_id in (select "
                           "indicator_id from stg_stage_goals))")
                con.execute("create table _before_values as select * from (select * from "
                            f"{store.relation(paths, 'indicator_values')}{only}){watched}")
                con.execute("create view _after_values as select * from (select * from "
                            f"indicator_values{only}){watched}")
                moves = _moves(con)
                _status_flips(con, wdir, parsed, redone)
        build_dim_column(con)
        if columns_stale or info is None:
            dirty |= {"dim_column", "dim_template"}
        summary = LoadSummary(parsed, version_now, False, wdir, dry_run=dry_run,
                              would_publish=True, moves=moves)
        if dry_run:
            return summary
        if summary.gating and not accept_warnings:
            summary.refused = True
            for report in parsed:
                report.status = "refused" if report in recorded else report.status
            return summary
        # 4. Record the files that changed something, the version, and publish.
        version = version_now + 1
        published_at = dt.datetime.now().replace(microsecond=0)
        for report in recorded:
            report.finished_at = dt.datetime.now()
        _record_runs(con, recorded, version, loaded_by)
        _record_version(con, version, published_at, "load", None, loaded_by,
                        [r.run_id for r in recorded], sum(r.rows_changed for r in recorded))
        dirty |= {"etl_runs", "etl_rejects", "data_versions"} | evolved
        order_by = _sort_keys()
        writers = {t: _writer(con, t, order_by.get(t)) for t in _tables(con)
                   if (t in dirty or t not in paths) and t not in store.PARTITIONED}
        # NOTE: indicator_values and indicator_breakdowns go one file per indicator: a rebuilt
        # one is the parts derivation listed (the published parts it kept, the new ones from
        # the scratch folder), linked into the new version.
        gone = {n for n in paths if store.logical(n) in dirty & set(store.PARTITIONED)}
        progress(f"发布 publishing data version {version} …")
        # NOTE: a table not rebuilt in the working copy (indicator_values when nothing was
        # derived) is carried over from the current version.
        store.publish(wdir, writers, [t for t in paths if t not in writers and t not in gone
                                      and t not in parts],
                      {"runs": [r.run_id for r in recorded], "derivation": derive.fingerprint(),
                       "columns": catalog.columns_fingerprint(), "kind": "load",
                       "published_at": published_at.isoformat(), "by": loaded_by},
                      crash_at=os.environ.get("HC_ETL_CRASH_AT"), linked=parts)
        summary.data_version, summary.published = version, True
        return summary
    finally:
        con.close()
        shutil.rmtree(scratch, ignore_errors=True)


def working_database(scratch: Path) -> duckdb.DuckDBPyConnection:
    """The load's working database: a file in the scratch folder (removed after the load), so
    DuckDB keeps within HC_ETL_MEMORY_MB and moves what does not fit to disk — a province's
    tables do not have to fit in memory (0 = in memory, DuckDB's default limit)."""
    mb = int(settings.get("HC_ETL_MEMORY_MB"))
    if not mb:
        return duckdb.connect(":memory:")
    return duckdb.connect(str(scratch / "work.duckdb"),
                          config={"memory_limit": f"{mb}MB",
                                  "temp_directory": str(scratch / "spill")})


def _tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The working copy's tables to publish (views and scratch tables left out)."""
    return [r[0] for r in con.execute(
        "select table_name from information_schema.tables where table_schema = 'main' "
        "and table_type = 'BASE TABLE' and table_name not in ('expected_units', 'changed') "
        "and not starts_with(table_name, '_')").fetchall()]


def _really_changed(con: duckdb.DuckDBPyConnection, dirty: set[str],
                    paths: dict[str, Path]) -> set[str]:
    """The dirty tables whose final content differs from the published one (files of one call
    may change a row and change it back)."""
    out = set()
    for table in dirty:
        if table not in paths:
            out.add(table)
            continue
        cols = [r[0] for r in con.execute(f"describe {table}").fetchall()
                if r[0] not in LINEAGE]
        stored = {r[0] for r in con.execute("select name from parquet_schema(?)",
                                            [str(paths[table])]).fetchall()}
        if set(cols) - stored:
            out.add(table)
            continue
        sel = ", ".join(f'"{c}"' for c in cols)
        diff = con.execute(f"""select (select count(*) from (select {sel} from {table} except all
                                       select {sel} from read_parquet($1)))
                                    + (select count(*) from (select {sel} from read_parquet($1)
                                       except all select {sel} from {table}))""",
                           [str(paths[table])]).fetchall()[0][0]
        if diff:
            out.add(table)
    return out


def _keep_relevant_warnings(report: FileReport) -> None:
    """Plausibility warnings matter only for what a file would change: a file that changes
    nothing keeps only its notices; a row-level warning stays only when its row changed."""
    kept = []
    for w in report.warnings:
        if w.gating and not report.rows_changed:
            continue
        if w.kind in ROW_LEVEL and (w.sheet, w.row) not in report.changed_rows:
            continue
        kept.append(w)
    report.warnings = kept


def _read_all(files: list[Path], progress: Callable[[str], None], district: str | None
              ) -> list[FileReport]:
    """Read, recognise and validate each file (every file, every time: whether it changes
    anything is decided row by row against the warehouse)."""
    parsed = []
    for i, path in enumerate(files, 1):
        report = FileReport(path, sha256(path), dt.datetime.now())
        progress(f"[{i}/{len(files)}] 读取 read  {report.file}")
        found, notices = catalog.read_workbook(path)
        report.warnings.extend(notices)
        by_contract: dict[str, list[Result]] = {}
        for contract, sheet in found:
            if district is not None and contract.meta.whole_table:
                raise EtlFatal(path, f"「{contract.meta.title_zh}」是全市方案的整表，只能由市创卫办"
                               "导入，区县导入时不能包含 (the plan's whole-table files are loaded "
                               "by the office, not by a district)")
            result = contract.transform(sheet)
            report.results.append((contract, result))
            by_contract.setdefault(contract.meta.name, []).append(result)
            report.templates.append(contract.meta.name)
            if sheet.sheet:
                report.sheets.append(sheet.sheet)
            report.rows_read += result.rows_read
            report.warnings.extend(result.warnings)
            snap = _snapshot_date(contract, result)
            if contract.meta.history and snap != dt.date.min:
                report.snapshot_date = max(report.snapshot_date or snap, snap)
        for name, results in by_contract.items():
            combine_sheets(catalog.by_name()[name], results)
        parsed.append(report)
    return parsed


def _merge_all(con: duckdb.DuckDBPyConnection, parsed: list[FileReport],
               paths: dict[str, Path], district: str | None) -> set[str]:
    """Merge every sheet into the working tables; returns the names of the tables changed.
    Dimensions go first; files in path order within a template, except snapshots (ledgers),
    which go in the order of the latest date they hold, so the newest wins."""
    steps = sorted(
        ((c.meta.order, _snapshot_date(c, r), fi, si, report, c, r)
         for fi, report in enumerate(parsed)
         for si, (c, r) in enumerate(report.results)),
        key=lambda s: s[:4])
    keep = {}
    for *_, c, result in steps:
        if c.meta.whole_table:
            keep.setdefault(c.meta.name, []).append(result.frame.select(c.meta.keys))
    keep = {k: pl.concat(v) for k, v in keep.items()}
    dirty: set[str] = set()
    for *_, report, c, result in steps:
        headers = {col.name: result.headers.get(col.name, col.header) for col in c.columns}
        frame, more = check_foreign_keys(con, c, result.frame, headers)
        if district is not None:
            frame, outside = check_district(con, c, frame, district, headers)
            more += outside
        report.rejects.append(result.rejects)
        report.rejects += [as_rejects(rj, report.file, result.sheet) for rj in more]
        staged = frame.rename({"_row": "source_row"}).with_columns(
            pl.lit(report.run_id, dtype=pl.Int64).alias("run_id"),
            pl.lit(report.file).alias("source_file"),
            pl.lit(result.sheet, dtype=pl.Utf8).alias("source_sheet"))
        snap = _snapshot_date(c, result) if c.meta.history else None
        watch = [w.row for w in result.warnings if w.kind in ROW_LEVEL and w.row is not None]
        outcome = merge(con, c, staged, report.run_id, keep.get(c.meta.name),
                        history=paths.get(c.meta.table), snapshot=snap, watch=watch)
        report.rows_loaded += frame.height
        report.rows_new += outcome.new
        report.rows_changed += outcome.total
        report.changes += outcome.changes[:max(0, CHANGES_SHOWN - len(report.changes))]
        report.changed_rows |= outcome.rows
        # NOTE: a history warning is about a changed row (merge checks only those)
        more_warnings = [Notice(w.kind, w.message, w.sheet or result.sheet, w.row, w.column)
                         for w in outcome.warnings]
        report.changed_rows |= {(w.sheet, w.row) for w in more_warnings if w.kind in ROW_LEVEL}
        report.warnings += more_warnings
        # NOTE: the rows are in the working database now: their frame is let go (a province's
        # files would otherwise stay in memory through the derivation)
        result.frame = result.frame.clear()
        if outcome.total:
            dirty.add(c.meta.table)
            if c.meta.history:
                dirty.add(f"{c.meta.table}_history")
    if "stg_geography" in dirty:
        orphans = _orphan_areas(con)
        for report in parsed:
            mine = orphans.filter(pl.col("run_id") == report.run_id) if orphans.height else orphans
            if mine.height:
                report.rejects.append(as_rejects(mine.select(
                    pl.col("source_row").alias("row_number"),
                    pl.lit("parent_code").alias("column"), pl.col("parent_code").alias("value"),
                    pl.lit("未知的上级区域编码 / unknown parent area code").alias("reason"),
                    pl.col("source_sheet").alias("sheet")), report.file))
                # NOTE: each orphan row is a change of this file's (its run wrote it); it was
                # new unless the published geography held its code
                gone = set(mine["area_code"].to_list())
                report.changes = [ch for ch in report.changes
                                  if not (ch["template"] == "geography" and ch["unit"] in gone)]
                report.rows_loaded -= mine.height
                report.rows_changed -= mine.height
                report.rows_new -= mine.height - _published_areas(con, paths, gone)
    return dirty


def _moves(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Headline and goal-bearing indicators at city, district and street level whose value this
    load changes: revisions first, biggest relative change first; then values that appear or
    disappear. At most MOVES_SHOWN."""
    rows = con.execute(f"""
        with watched as (
            select indicator_id, name_zh, name_en from dim_indicator
            where headline or indicator_id in (select indicator_id from stg_stage_goals)
        ),
        pairs as (
            select coalesce(a.indicator_id, b.indicator_id) as indicator_id,
                   coalesce(a.area_level, b.area_level) as area_level,
                   coalesce(a.area_code, b.area_code) as area_code,
                   coalesce(a.period_grain, b.period_grain) as period_grain,
                   coalesce(a.period_start, b.period_start) as period_start,
                   b.value as before, a.value as after
            from _after_values as a
            full outer join _before_values as b
              on a.indicator_id = b.indicator_id and a.area_level = b.area_level
             and a.area_code = b.area_code and a.period_grain = b.period_grain
             and a.period_start = b.period_start
        )
        select p.indicator_id, w.name_zh, w.name_en, p.area_code, g.name_zh as area_name,
               p.period_grain, strftime(p.period_start, '%Y-%m-%d') as period_start,
               p.before, p.after
        from pairs as p
        join watched as w using (indicator_id)
        left join stg_geography as g on g.area_code = p.area_code
        where p.area_level in ('city', 'district', 'street')
          and ((p.before is null) <> (p.after is null)
               or abs(p.after - p.before) > 1e-9 * greatest(abs(p.before), 1))
        order by (p.before is null or p.after is null),
                 abs(p.after - p.before) / greatest(abs(p.before), 1e-9) desc,
                 p.indicator_id, p.area_code, p.period_grain, p.period_start
        limit {MOVES_SHOWN}""").fetchall()
    keys = ("indicator_id", "name_zh", "name_en", "area_code", "area_name", "period_grain",
            "period_start", "before", "after")
    return [dict(zip(keys, r)) for r in rows]


def _status_flips(con: duckdb.DuckDBPyConnection, wdir: Path, parsed: list[FileReport],
                  redone: set[str] | None = None) -> None:
    """A status that this load flips (达标 / 预警 / 落后, city and districts, as of today): a
    warning on each file that changed the indicator's source table (else on every file that
    changed something). redone: the indicators derived again (None: all)."""
    only = sorted(redone) if redone is not None else None
    today = dt.date.today()
    info = store.current(wdir)
    paths = store.table_paths(wdir, info)
    before_con = duckdb.connect(":memory:")
    try:
        # NOTE: the published version as the app reads it (views over its files); a version
        # whose tables the status rule cannot read is reported below, not compared.
        store.create_views(before_con, paths)
        before = status.status_table(before_con, today, indicators=only)
    except (duckdb.Error, KeyError) as e:
        for r in parsed:
            if r.rows_changed:
                r.warnings.append(Notice(
                    "status_skipped", "无法与上一版本比较状态（旧版本的表结构不同），"
                    f"本次未检查状态变化 / status comparison skipped: {e}"))
        return
    finally:
        before_con.close()
    store.named_views(con)
    after = status.status_table(con, today, indicators=only)
    names = {i: (zh, en, unit) for i, zh, en, unit in con.execute(
        "select indicator_id, name_zh, name_en, unit from dim_indicator").fetchall()}
    tables = dict(con.execute("select indicator_id, source_table from dim_indicator").fetchall())
    areas = dict(con.execute("select area_code, name_zh from stg_geography").fetchall())
    flips = before.join(after, on=["indicator_id", "area_code"], suffix="_after").filter(
        pl.col("status").is_in(STATUS_FLIP_WORDS) & pl.col("status_after").is_in(
            STATUS_FLIP_WORDS) & (pl.col("status") != pl.col("status_after")))
    words = status.VOCABULARY
    table_of = {c.meta.name: c.meta.table for c in catalog.sources()}
    for f in flips.iter_rows(named=True):
        a, b = words[f["status"]], words[f["status_after"]]
        zh, en, unit = names.get(f["indicator_id"], (f["indicator_id"],) * 2 + ("",))
        area = areas.get(f["area_code"], f["area_code"])
        move = f"{_said(f['value'], unit)} → {_said(f['value_after'], unit)}"
        message = (f"{zh}（{area}）状态由「{a.zh}」变为「{b.zh}」（{move}） / {en} ({area}): "
                   f"status flips from {a.en} to {b.en} ({move})")
        feeding = [r for r in parsed if r.rows_changed and any(
            table_of.get(t) == tables.get(f["indicator_id"]) for t in r.templates)] or [
            r for r in parsed if r.rows_changed]
        for r in feeding:
            r.warnings.append(Notice("status_flip", message))


def _said(value: float | None, unit: str = "") -> str:
    """A value in a warning: 4 significant digits, a percentage with its sign."""
    return "—" if value is None else f"{value:.4g}" + ("%" if unit == "%" else "")


def _sort_keys() -> dict[str, str]:
    keys = {}
    for c in catalog.sources():
        keys[c.meta.table] = ", ".join(c.meta.keys)
        if c.meta.history:
            keys[f"{c.meta.table}_history"] = ", ".join([*c.meta.keys, "replaced_by_run"])
    keys["etl_runs"] = "run_id"
    keys["etl_rejects"] = "run_id, row_number, \"column\""
    keys["data_versions"] = "version"
    keys.update({t: derive.SORT_KEYS[t] for t in derive.TABLES})
    keys["dim_template"] = "sort_order"
    keys["dim_column"] = "sort_order"
    return keys


def _writer(con: duckdb.DuckDBPyConnection, table: str, order: str | None):
    def write(path: Path) -> None:
        order_sql = f" order by {order}" if order else ""
        target = str(path).replace("'", "''")
        con.execute(f"copy (select * from {table}{order_sql}) to '{target}' "
                    "(format parquet, compression zstd)")
    return write


def _record_runs(con: duckdb.DuckDBPyConnection, reports: list[FileReport], version: int,
                 loaded_by: str | None) -> None:
    runs = pl.DataFrame([{
        "run_id": r.run_id, "data_version": version, "file": r.file,
        "file_name": r.name, "file_hash": r.file_hash,
        "template": "、".join(dict.fromkeys(r.templates)), "sheets": "、".join(r.sheets) or None,
        "rows_read": r.rows_read, "rows_loaded": r.rows_loaded,
        "rows_rejected": r.rows_rejected, "rows_changed": r.rows_changed,
        "started_at": r.started_at, "finished_at": r.finished_at,
        "warnings": "；".join(dict.fromkeys(str(w) for w in r.warnings)) or None,
        "loaded_by": loaded_by, "snapshot_date": r.snapshot_date,
    } for r in reports], schema=RUNS_SCHEMA)
    parts = [r.reject_frame().with_columns(pl.lit(r.run_id, dtype=pl.Int64).alias("run_id"))
             for r in reports]
    rejects = pl.concat(parts).select(list(REJECTS_SCHEMA)) if parts else _empty(REJECTS_SCHEMA)
    con.register("new_runs", runs)
    con.register("new_rejects", rejects)
    con.execute("insert into etl_runs by name select * from new_runs")
    con.execute("insert into etl_rejects by name select * from new_rejects")
    con.unregister("new_runs")
    con.unregister("new_rejects")


def _record_version(con: duckdb.DuckDBPyConnection, version: int, published_at: dt.datetime,
                    kind: str, restored_from: int | None, by: str | None, runs: list[int],
                    rows_changed: int) -> None:
    row = pl.DataFrame([{"version": version, "published_at": published_at, "kind": kind,
                         "restored_from": restored_from, "by": by, "runs": runs,
                         "rows_changed": rows_changed}], schema=VERSIONS_SCHEMA)
    con.register("new_version", row)
    con.execute("insert into data_versions by name select * from new_version")
    con.unregister("new_version")


# ------------------------------------------------------------------ versions and rollback
def versions(wdir: Path | None = None) -> list[dict]:
    """The data versions still on disk, newest first: version, current, published_at, kind
    (load or rollback), restored_from, by (who published it), loaded_by (who loaded its files),
    the runs and files it published, rows changed."""
    wdir = Path(wdir) if wdir else warehouse_dir()
    info = store.current(wdir)
    if info is None:
        return []
    con = duckdb.connect(":memory:")
    try:
        _open_working(con, info, store.table_paths(wdir, info), set())
        history = {r["version"]: r for r in con.sql(
            "select * from data_versions").pl().iter_rows(named=True)}
        runs = {r["run_id"]: r for r in con.sql(
            "select run_id, file_name, template, loaded_by, rows_changed from etl_runs"
        ).pl().iter_rows(named=True)}
    finally:
        con.close()
    out = []
    for v in sorted(store.versions_on_disk(wdir), reverse=True):
        h = history.get(v, {})
        desc = store.version_info(wdir, v) or {}
        mine = [runs[r] for r in (h.get("runs") or desc.get("runs") or []) if r in runs]
        by = h.get("by") or next((r["loaded_by"] for r in mine if r["loaded_by"]), None)
        out.append({
            "version": v, "current": v == int(info["version"]),
            "published_at": (h["published_at"].isoformat(timespec="seconds")
                             if h.get("published_at") else desc.get("published_at")),
            "kind": h.get("kind") or desc.get("kind") or "load",
            "restored_from": h.get("restored_from") or desc.get("restored_from"),
            "by": by,
            "loaded_by": list(dict.fromkeys(r["loaded_by"] for r in mine if r["loaded_by"])),
            "runs": [r["run_id"] for r in mine],
            "files": [r["file_name"] for r in mine],
            "rows_changed": (h.get("rows_changed") if h.get("rows_changed") is not None
                             else sum(r["rows_changed"] for r in mine)),
        })
    return out


def rollback(version: int, wdir: Path | None = None, by: str | None = None,
             progress: Callable[[str], None] = print) -> dict | None:
    """Publish a NEW version whose data tables are VERSION's (hard links). The load log
    (etl_runs, etl_rejects, data_versions) is never rolled back: it gains the rollback. Returns
    the new CURRENT descriptor, or None when VERSION is already current. Raises EtlFatal when
    VERSION is not on disk."""
    wdir = Path(wdir) if wdir else warehouse_dir()
    with store.lock(wdir):
        store.cleanup_incomplete(wdir)
        store.ensure_catalog(wdir)
        info = store.current(wdir)
        if info is None:
            raise EtlFatal(wdir, "仓库为空，没有可回滚的版本 "
                           "(empty warehouse: nothing to roll back)")
        if int(version) == int(info["version"]):
            progress(f"版本 {version} 已是当前版本，无需回滚 (already the current version)")
            return None
        target = store.version_info(wdir, version)
        if target is None or int(version) > int(info["version"]):
            on_disk = "、".join(map(str, store.versions_on_disk(wdir)))
            raise EtlFatal(wdir, f"版本 {version} 不在磁盘上（现存版本：{on_disk}；保留最近 "
                           f"{store.keep_versions()} 个） (version not on disk)")
        folder = wdir / target["folder"]
        linked = {p.stem: p for p in folder.glob("*.parquet") if p.stem not in BOOKKEEPING}
        paths = store.table_paths(wdir, info)
        # NOTE: a table the old version did not have yet (a table added by a later release)
        # is kept as it is now rather than left out.
        had = {store.logical(k) for k in linked}
        linked.update({t: p for t, p in paths.items()
                       if store.logical(t) not in had and t not in BOOKKEEPING})
        con = duckdb.connect(":memory:")
        try:
            _open_working(con, info, paths, set())
            new_version = int(info["version"]) + 1
            published_at = dt.datetime.now().replace(microsecond=0)
            changed = _rows_between(paths, linked)
            _record_version(con, new_version, published_at, "rollback", int(version), by, [],
                            changed)
            progress(f"回滚：发布数据版本 {new_version}，内容同版本 {version} "
                     f"(rollback: version {new_version} = version {version})")
            writers = {t: _writer(con, t, _sort_keys().get(t)) for t in BOOKKEEPING}
            return store.publish(wdir, writers, [], {
                "runs": [], "derivation": target.get("derivation"),
                "columns": target.get("columns"), "kind": "rollback",
                "restored_from": int(version), "published_at": published_at.isoformat(),
                "by": by}, linked=linked)
        finally:
            con.close()


def _rows_between(now: dict[str, Path], then: dict[str, Path]) -> int:
    """Rows (natural keys) of the staged tables that differ between two versions: the size of a
    rollback."""
    keys = {c.meta.table: c.meta.keys for c in catalog.sources()}
    con = duckdb.connect(":memory:")
    try:
        total = 0
        for name, path in then.items():
            if name not in keys or name not in now:
                continue
            key = ", ".join(keys[name])
            lineage = ", ".join(LINEAGE)
            try:
                total += con.execute(f"""select count(*) from (
                    select distinct {key} from (
                        (select * exclude ({lineage}) from read_parquet($1) except all
                         select * exclude ({lineage}) from read_parquet($2))
                        union all
                        (select * exclude ({lineage}) from read_parquet($2) except all
                         select * exclude ({lineage}) from read_parquet($1))))""",
                                     [str(path), str(now[name])]).fetchall()[0][0]
            except duckdb.Error:
                continue   # a table whose columns changed between the versions
        return int(total)
    finally:
        con.close()


__all__ = ["load", "expand", "versions", "rollback", "LoadSummary", "FileReport", "EtlFatal",
           "WarningsNotAccepted"]
