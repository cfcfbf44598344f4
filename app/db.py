"""The only cache layer: a read-only connection per warehouse and data version, cached results.

Caches are keyed on the warehouse folder, its data version and the publish time: a new load
shows up without a restart, two warehouses never share results, and a warehouse rebuilt from
scratch (version 1 again) is not mistaken for the old one.
"""

from __future__ import annotations

import threading
from dataclasses import replace

import polars as pl
import streamlit as st

from app import auth
from warehouse import queries, store
from warehouse.paths import warehouse_dir

# NOTE: one page run at a time in the server process. Five sessions moving through pages at once
# hung the whole server for good (polars 2.1 from several Python threads: threads waiting inside
# to_pandas, collect and the arrow conversion of st.dataframe, nothing running; seen on one CPU
# and on two; tests/e2e/test_concurrent_sessions.py). Page runs queue instead; the GIL shared
# most of their Python work out one at a time anyway (bench/capacity.py measures the queue).
PAGE_RUN = threading.Lock()

# Columns that name an area: a district user's results keep only its own district's rows and
# the city's (the total for comparison) — applied here, to every result, not in the pages.
AREA_COLUMNS = ("area_code", "district_code", "street_code", "grid_code")


def scoped(df: pl.DataFrame, district: str | None = None) -> pl.DataFrame:
    """Rows a district user may see: an area code of its district (or below) or the city's;
    codes that are not area codes (sites, centres) pass, their grid or area column decides."""
    district = district if district is not None else auth.district()
    if not district or not isinstance(df, pl.DataFrame):
        return df
    city = district[:4] + "00"
    keep = pl.lit(True)
    for col in AREA_COLUMNS:
        if col in df.columns and df.schema[col] == pl.Utf8:
            code = pl.col(col)
            area_like = code.str.contains(r"^\d{6}(\d{3}){0,2}$").fill_null(False)
            keep = keep & (~area_like | code.str.starts_with(district) | (code == city))
    return df.filter(keep)


def current_version() -> int:
    """The published data version (0 = no warehouse yet); read on every rerun."""
    return store.data_version(warehouse_dir())


def current_info() -> dict | None:
    return store.current(warehouse_dir())


@st.cache_resource(max_entries=4)
def _connection(where: str, version: int):
    con, _ = store.connect_readonly(where.split("|")[0])
    return con


def _where() -> str:
    """The cache key of the current publish: folder and publish time."""
    info = current_info() or {}
    return f"{warehouse_dir()}|{info.get('published_at', '')}"


def connection(version: int):
    return _connection(_where(), version)


# NOTE: results are kept as objects (cache_resource), not pickled copies (cache_data): a
# province's ledgers and areas took 0.1 s a page to unpickle. Every caller shares the frame;
# polars frames are not changed in place here (no `df.columns =`, `insert_column`, `extend`).
@st.cache_resource(ttl=3600, max_entries=512, show_spinner=False)
def _query(name: str, wdir: str, version: int, **params: object) -> pl.DataFrame:
    return queries.run(_connection(wdir, version), name, **params)


def query(name: str, version: int, **params: object) -> pl.DataFrame:
    """A named query's result (warehouse/sql/queries/<name>.sql), cached, scoped to the user."""
    return scoped(_query(name, _where(), version, **params))


@st.cache_resource(ttl=3600, max_entries=16, show_spinner=False)
def _area_names(wdir: str, version: int, lang: str, district: str | None) -> dict[str, str]:
    from app import formatting as F

    areas = scoped(_query("areas", wdir, version), district)
    return {r["area_code"]: F.area_name(r, lang) for r in areas.iter_rows(named=True)}


def area_names(version: int, lang: str) -> dict[str, str]:
    """Every area the user may see → its name in the language. Built once per data version,
    language and district (a province's 45k areas took 50 ms a call, several calls a page);
    every caller gets the same dict: read it, never change it."""
    return _area_names(_where(), version, lang, auth.district())


@st.cache_data(ttl=3600, max_entries=128, show_spinner=False)
def _query_sql(sql: str, wdir: str, version: int, **params: object) -> pl.DataFrame:
    return queries.run_sql(_connection(wdir, version), sql, **params)


def query_sql(sql: str, version: int, **params: object) -> pl.DataFrame:
    """A query rendered from a registry template (warehouse/sql/queries), cached likewise."""
    return scoped(_query_sql(sql, _where(), version, **params))


@st.cache_data(ttl=3600, max_entries=64, show_spinner=False)
def _statuses(wdir: str, version: int, as_of, levels: tuple[str, ...], parent: str | None,
              grain: str | None, indicators: tuple[str, ...] | None) -> pl.DataFrame:
    from warehouse.status import status_table

    return status_table(_connection(wdir, version), as_of, levels, parent, grain,
                        list(indicators) if indicators else None)


def statuses(version: int, as_of, levels: tuple[str, ...], parent: str | None = None,
             grain: str | None = None, indicators: tuple[str, ...] | None = None
             ) -> pl.DataFrame:
    """The status rule's assessment of every indicator (or `indicators`) in the areas of
    `levels` (children of `parent` only, when given) as of a date, at each indicator's status
    grain (or at `grain`)."""
    return scoped(_statuses(_where(), version, as_of, levels, parent, grain, indicators))


def ranking(version: int, as_of, meta: pl.DataFrame) -> pl.DataFrame:
    """The district ranking (warehouse.status.district_ranking) over every district; a district
    user sees its own rows of it (its rank among all)."""
    from warehouse.status import district_ranking

    return scoped(district_ranking(_statuses(_where(), version, as_of, ("city", "district"),
                                             None, None, None), meta))


@st.cache_data(ttl=3600, max_entries=16, show_spinner=False)
def _assessment(wdir: str, version: int, quarter_start):
    from warehouse.assessment import assess

    return assess(_connection(wdir, version), quarter_start)


def assessment(version: int, quarter_start):
    """The quarter's assessment (warehouse.assessment.assess): scheme, items, totals. A district
    user sees its own district's row (its rank among all), its streets, and no department."""
    res = _assessment(_where(), version, quarter_start)
    mine = auth.district()
    if not mine:
        return res
    def keep(df: pl.DataFrame) -> pl.DataFrame:
        return df.filter(pl.col("object_code").str.starts_with(mine))
    return replace(res, items=keep(res.items), totals=keep(res.totals))


def fact_ends(version: int) -> pl.DataFrame:
    """How far each source's data reach (warehouse.queries.fact_ends_sql)."""
    return query_sql(queries.fact_ends_sql(), version)


def running_values(version: int, area: str, as_of) -> dict[str, dict]:
    """Year-grain values of the area still running on `as_of` (not in any status), by
    indicator; only from sources whose data end by then."""
    ends = fact_ends(version)
    done = [s for s, r in zip(ends["source_table"], ends["reaches"]) if r is not None
            and r <= as_of]
    rows = query("running_values", version, area=area, as_of=as_of, complete_sources=done)
    return {r["indicator_id"]: r for r in rows.iter_rows(named=True)}


def series(version: int, indicator: str, area: str, grain: str, as_of) -> pl.DataFrame:
    """One indicator's complete periods (closed by `as_of`) for one area at one grain."""
    return query("series", version, indicator=indicator, area=area, grain=grain, as_of=as_of)


@st.cache_data(max_entries=16, show_spinner=False)
def _briefing(wdir: str, version: int, key: str, district: str | None):
    import io
    import json
    import time
    import zipfile

    from app.snapshot.pack import make

    started = time.perf_counter()
    pack = make(_connection(wdir, version), current_info(), key, district)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(f"{pack.stem}.pdf", pack.pdf)
        z.writestr(f"{pack.stem}.xlsx", pack.xlsx)
        for n, b in pack.charts.items():
            z.writestr(f"charts/{n}", b)
        z.writestr("manifest.json", json.dumps(pack.manifest, ensure_ascii=False, indent=1))
    return pack, buf.getvalue(), time.perf_counter() - started


def briefing(version: int, key: str, district: str | None):
    """The briefing pack of a week, month or quarter (PDF, XLSX, charts, manifest) and its ZIP,
    built once per warehouse publish, period and scope: (pack, zip bytes, seconds it took). A
    district user's briefing is always its own district's."""
    return _briefing(_where(), version, key, auth.district() or district)


def briefing_file(version: int, key: str, district: str | None, part: str):
    """A download button's deferred content: one file of a briefing pack ("pdf", "xlsx" or
    "zip"), built when the button is clicked (on Streamlit's download thread, so the scope and
    the publish are read now)."""
    where, scope = _where(), auth.district() or district

    def get() -> bytes:
        pack, zipped, _seconds = _briefing(where, version, key, scope)
        return {"pdf": pack.pdf, "xlsx": pack.xlsx, "zip": zipped}[part]
    return get
