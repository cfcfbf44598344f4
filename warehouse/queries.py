"""Named queries for pages and exports: warehouse/sql/queries/<name>.sql with $parameters."""

from __future__ import annotations

from functools import lru_cache

import duckdb
import polars as pl

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
