"""The warehouse on disk: versioned Parquet folders, an atomic CURRENT pointer, read-only access.

Layout of DIR:
  versions/000007/<table>.parquet   one complete, immutable set of tables per data version;
                                    indicator_values and indicator_breakdowns are written one
                                    file per indicator (<table>@<indicator_id>.parquet), so a
                                    load rewrites the indicators it derived again and hard-links
                                    the rest
  versions/000007/version.json      that version's descriptor (what CURRENT.json said of it)
  CURRENT.json                      {"version": 7, "folder": "versions/000007", ...}; replaced
                                    atomically — the single commit point of a load
  warehouse.duckdb                  catalog for analysts: views over the current version, with
                                    paths relative to DIR (a copied or moved warehouse opens)
  .lock                             held by the loader while it works
A load writes a new version folder (unchanged tables are hard links), then swaps CURRENT.json,
then rewrites the catalog. A crash at any moment leaves the previous CURRENT.json and its folder
untouched; a catalog left behind by a crash after the swap is rewritten by the next load
(ensure_catalog). The last HC_KEEP_VERSIONS versions stay on disk, for rollback and for readers
that opened an older version a moment ago.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb

from warehouse import settings
from warehouse.paths import SQL_DIR

CURRENT = "CURRENT.json"
VERSIONS = "versions"
CATALOG = "warehouse.duckdb"
DESCRIPTOR = "version.json"


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def current(wdir: Path) -> dict | None:
    """The published version's descriptor, or None for an empty warehouse."""
    p = Path(wdir) / CURRENT
    if not p.exists():
        return None
    return json.loads(p.read_text(encoding="utf-8"))


def data_version(wdir: Path) -> int:
    info = current(wdir)
    return int(info["version"]) if info else 0


def table_paths(wdir: Path, info: dict | None = None) -> dict[str, Path]:
    info = info if info is not None else current(wdir)
    if not info:
        return {}
    folder = Path(wdir) / info["folder"]
    return {name: folder / f"{name}.parquet" for name in info["tables"]}


# Tables stored as one file per indicator: "<table>@<indicator_id>" in a version's table list.
PARTITIONED = ("indicator_values", "indicator_breakdowns")
# A load's scratch folder inside the warehouse (derived parts before they are linked in).
SCRATCH = ".scratch-"
PART = "@"


def logical(name: str) -> str:
    """The table a stored file belongs to: indicator_values@hw_recycling_rate → indicator_values."""
    return name.split(PART, 1)[0]


def part_name(table: str, key: str) -> str:
    return f"{table}{PART}{key}"


def files_of(paths: dict[str, Path]) -> dict[str, list[Path]]:
    """Each table's files (one, or a partitioned table's parts in key order, so the table reads
    in the order it was written: indicator first)."""
    out: dict[str, list[Path]] = {}
    for name in sorted(paths):
        out.setdefault(logical(name), []).append(paths[name])
    return out


def relation(paths: dict[str, Path], table: str) -> str:
    """SQL reading a stored table (every part of a partitioned one)."""
    files = files_of(paths)[table]
    return "read_parquet([" + ", ".join(f"'{_sql_path(f)}'" for f in files) + "])"


@contextlib.contextmanager
def lock(wdir: Path) -> Iterator[None]:
    """One loader at a time; readers never take this lock."""
    Path(wdir).mkdir(parents=True, exist_ok=True)
    with open(Path(wdir) / ".lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def cleanup_incomplete(wdir: Path) -> None:
    """Remove what a crashed load left behind: version folders newer than CURRENT, temp files."""
    root = Path(wdir) / VERSIONS
    if not root.exists():
        return
    live = data_version(wdir)
    for d in root.iterdir():
        if d.is_dir() and d.name.isdigit() and int(d.name) > live:
            shutil.rmtree(d)
    for tmp in Path(wdir).glob(".*.tmp"):
        tmp.unlink()
    for scratch in Path(wdir).glob(f"{SCRATCH}*"):
        shutil.rmtree(scratch, ignore_errors=True)


def publish(wdir: Path, writers: dict[str, Callable[[Path], None]], unchanged: list[str],
            meta: dict, crash_at: str | None = None, linked: dict[str, Path] | None = None
            ) -> dict:
    """Write a new version: `writers[name](path)` writes each changed table; `unchanged` tables
    are hard-linked from the current version, `linked` ones from the given files (a rollback's
    older version). Returns the new CURRENT descriptor."""
    wdir = Path(wdir)
    prev = current(wdir)
    prev_paths = table_paths(wdir, prev)
    version = (int(prev["version"]) if prev else 0) + 1
    folder = wdir / VERSIONS / f"{version:06d}"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    sources = {**{name: prev_paths[name] for name in unchanged}, **(linked or {})}
    for name, source in sources.items():
        target = folder / f"{name}.parquet"
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)
    for name, write in writers.items():
        tmp = folder / f".{name}.parquet.tmp"
        write(tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, folder / f"{name}.parquet")
        if crash_at == "mid_tables":
            os._exit(9)   # test hook: simulate a kill while tables are being written
    info = {
        "version": version,
        "folder": f"{VERSIONS}/{folder.name}",
        "published_at": dt.datetime.now().isoformat(timespec="seconds"),
        "tables": sorted({*unchanged, *writers, *(linked or {})}),
        **meta,
    }
    (folder / DESCRIPTOR).write_text(json.dumps(info, ensure_ascii=False, indent=1),
                                     encoding="utf-8")
    _fsync_dir(folder)
    tmp = wdir / f".{CURRENT}.tmp"
    tmp.write_text(json.dumps(info, ensure_ascii=False, indent=1), encoding="utf-8")
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    if crash_at == "before_commit":
        os._exit(9)
    os.replace(tmp, wdir / CURRENT)
    _fsync_dir(wdir)
    if crash_at == "after_commit":
        os._exit(9)   # test hook: a kill between the swap and the catalog
    write_catalog(wdir, info)
    _prune(wdir, version)
    return info


def keep_versions() -> int:
    return int(settings.get("HC_KEEP_VERSIONS"))


def _prune(wdir: Path, version: int) -> None:
    root = Path(wdir) / VERSIONS
    keep = keep_versions()
    for d in root.iterdir():
        if d.is_dir() and d.name.isdigit() and int(d.name) <= version - keep:
            shutil.rmtree(d, ignore_errors=True)


def versions_on_disk(wdir: Path) -> list[int]:
    """The published versions whose folders are still on disk, oldest first."""
    root = Path(wdir) / VERSIONS
    live = data_version(wdir)
    if not root.exists():
        return []
    return sorted(int(d.name) for d in root.iterdir()
                  if d.is_dir() and d.name.isdigit() and int(d.name) <= live)


def version_info(wdir: Path, version: int) -> dict | None:
    """A version's descriptor: its version.json (or, for a folder written before descriptors,
    its tables), None when the folder is gone."""
    folder = Path(wdir) / VERSIONS / f"{int(version):06d}"
    if not folder.is_dir():
        return None
    desc = folder / DESCRIPTOR
    if desc.exists():
        return json.loads(desc.read_text(encoding="utf-8"))
    return {"version": int(version), "folder": f"{VERSIONS}/{folder.name}",
            "tables": sorted(p.stem for p in folder.glob("*.parquet"))}


def _sql_path(p: Path) -> str:
    return str(p).replace("'", "''")


def create_views(con: duckdb.DuckDBPyConnection, paths: dict[str, Path]) -> None:
    """Views over the Parquet files (a partitioned table's parts as one view), then the named
    views of warehouse/sql/views.sql."""
    for name in files_of(paths):
        con.execute(f"create or replace view {name} as select * from {relation(paths, name)}")
    named_views(con)
    if "dim_template" in paths:
        template_views(con)


def named_views(con: duckdb.DuckDBPyConnection) -> None:
    """The macros and named views (warehouse/sql/macros.sql, views.sql) over whatever holds the
    tables in `con`: Parquet views, or the loader's in-memory working tables."""
    con.execute((SQL_DIR / "macros.sql").read_text(encoding="utf-8"))
    con.execute((SQL_DIR / "views.sql").read_text(encoding="utf-8"))


def template_views(con: duckdb.DuckDBPyConnection) -> None:
    """Views generated from dim_template (each template's Meta, so a new template needs no SQL
    here): report_templates (the periodic reports and their reporting unit), report_periods
    (every report received: template, unit, period) and template_periods (each template's latest
    period and its rows)."""
    rows = con.execute("select template, table_name, period_sql, unit_column from dim_template "
                       "order by sort_order").fetchall()
    latest, received = [], []
    for template, table, period, unit_column in rows:
        when = f"max({period})::date" if period else "null::date"
        latest.append(f"select '{template}' as template, {when} as latest_period, "
                      f"count(*) as n_rows from {table}")
        if period and unit_column:
            received.append(f"select '{template}' as template, {unit_column} as unit_code, "
                            f"({period})::date as period_start from {table}")
    # NOTE: a warehouse published before templates named their department reads blank ones.
    has = {r[0] for r in con.execute("describe dim_template").fetchall()}
    dept = ("department_zh, department_en" if "department_zh" in has
            else "'' as department_zh, '' as department_en")
    con.execute(f"""create or replace view report_templates as
                    select template, number as template_no, title_zh, title_en, period_grain,
                           unit_type, sort_order, {dept}
                    from dim_template where unit_type is not null""")
    none = ("select null::varchar as template, null::varchar as unit_code, null::date as "
            "period_start")
    con.execute("create or replace view report_periods as "
                + ("\nunion all\n".join(received) if received else none + " where false"))
    con.execute("create or replace view template_periods as " + "\nunion all\n".join(latest))


def write_catalog(wdir: Path, info: dict) -> None:
    """warehouse.duckdb for analysts (DuckDB CLI, DBeaver, Python): views over this version.
    NOTE: the views name their Parquet files relative to the warehouse folder, so a copied or
    moved warehouse still opens; DuckDB resolves them from its working directory, so open the
    catalog from the warehouse folder or with file_search_path set to it."""
    wdir = Path(wdir).resolve()
    tmp = wdir / f".{CATALOG}.tmp"
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp), config={"file_search_path": str(wdir)})
    try:
        create_views(con, {k: v.relative_to(wdir)
                           for k, v in table_paths(wdir, info).items()})
        con.execute("create or replace view data_version as select "
                    f"{int(info['version'])} as data_version, "
                    f"'{info['published_at']}'::timestamp as published_at")
    finally:
        con.close()
    os.replace(tmp, wdir / CATALOG)


def catalog_version(wdir: Path) -> int | None:
    """The data version warehouse.duckdb describes; None when it is missing or unreadable."""
    path = Path(wdir) / CATALOG
    if not path.exists():
        return None
    try:
        con = duckdb.connect(str(path), read_only=True)
        try:
            return int(con.execute("select data_version from data_version").fetchall()[0][0])
        finally:
            con.close()
    except (duckdb.Error, IndexError, ValueError):
        return None


def ensure_catalog(wdir: Path) -> bool:
    """Rewrite warehouse.duckdb when it does not describe CURRENT.json's version (a load killed
    between the swap and the catalog). Call it holding the lock. Returns True if rewritten."""
    info = current(wdir)
    if info is None or catalog_version(wdir) == int(info["version"]):
        return False
    write_catalog(wdir, info)
    return True


def connect_readonly(wdir: Path) -> tuple[duckdb.DuckDBPyConnection, dict | None]:
    """An in-memory DuckDB with views over the current version (no file locks on the warehouse,
    so browsing and loading coexist). Returns (connection, CURRENT descriptor or None)."""
    info = current(wdir)
    con = duckdb.connect(":memory:")
    if info:
        create_views(con, table_paths(wdir, info))
    return con, info
