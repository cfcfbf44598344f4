"""Named queries for pages and exports: warehouse/sql/queries/<name>.sql with $parameters."""

from __future__ import annotations

from functools import lru_cache

import duckdb
import polars as pl

from warehouse import registry
from warehouse.paths import SQL_DIR


@lru_cache(maxsize=64)
def sql(name: str) -> str:
    return (SQL_DIR / "queries" / f"{name}.sql").read_text(encoding="utf-8")


def run(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pl.DataFrame:
    """Run a named query on its own cursor (safe from several threads) and read it once."""
    return run_sql(con, sql(name), **params)


def run_sql(con: duckdb.DuckDBPyConnection, text: str, **params: object) -> pl.DataFrame:
    cur = con.cursor()
    try:
        return cur.sql(text, params=params or None).pl()
    finally:
        cur.close()


@lru_cache(maxsize=4)
def fact_ends_sql() -> str:
    """How far each source's data reach, from the registry's facts (date_column or end_columns):
    fact, source_table, grain of its dates (day, month for a 统计月份, year for a survey year),
    last (the latest date, month or year as its first day) and reaches (the last day it covers:
    a month's or year's end)."""
    parts = []
    for name, fact in registry.load()["facts"].items():
        cols = fact.get("end_columns") or [fact["date_column"]]
        grain = registry.date_grain(cols[0])
        latest = ", ".join(f"max({c})::varchar" for c in cols)
        parts.append(f"select '{name}' as fact, '{fact['table']}' as source_table, "
                     f"'{grain}' as grain, greatest({latest}) as last_value from {fact['table']}")
    union = "\nunion all\n".join(parts)
    return f"""with raw as ({union}),
               typed as (
                   select fact, source_table, grain,
                          case when grain = 'year' then make_date(last_value::int, 1, 1)
                               else last_value::date end as last
                   from raw
               )
               select t.fact, t.source_table, t.grain, t.last,
                      case t.grain when 'year' then make_date(year(t.last)::int, 12, 31)
                                   when 'month' then (t.last + interval 1 month
                                                      - interval 1 day)::date
                                   else t.last end as reaches,
                      d.title_zh, d.title_en
               from typed as t
               left join dim_template as d on d.table_name = t.source_table
               order by d.load_order, t.fact"""


@lru_cache(maxsize=128)
def provenance_sql(indicator_id: str) -> tuple[str, str]:
    """The query of the staged rows behind one value of an indicator (file, sheet, row) and the
    staged table it reads: a flow's rows in the period, a stock's last reported month in it, a
    survey's respondents of the year (or, dated, of the period), a ledger's points found by the
    period's end."""
    from warehouse import derive

    doc = registry.load()
    ind = registry.by_id()[indicator_id]
    fact = doc["facts"][ind["derive"]["fact"]]
    date_col = fact["date_column"]
    # NOTE: a survey dated by day (satisfaction) takes the flow's rule below: the respondents of
    # the period (a quarter, or all quarters of a year).
    if ind["kind"] == "survey" and registry.date_grain(date_col) == "year":
        when = f"f.{date_col} = year($period::date)"
    elif "measure" in ind["derive"]:
        when = f"f.{date_col} <= $period_end::date"
    elif ind["kind"] == "stock":
        # NOTE: a stock's value is its period's last reported month; only those rows count.
        table = fact["table"]
        when = (f"f.{date_col} = (select max(l.{date_col}) from {table} as l "
                f"where date_trunc($grain, l.{date_col}) = $period::date)")
    else:
        when = f"date_trunc($grain, f.{date_col}) = $period::date"
    sql = derive.render(derive.sql_template("queries/provenance"), table=fact["table"],
                        unit=fact["unit"], unit_column=fact["unit_column"], when=when)
    return sql, fact["table"]
