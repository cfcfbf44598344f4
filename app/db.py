"""The only cache layer: a read-only connection per warehouse and data version, cached results.

Caches are keyed on the warehouse folder, its data version and the publish time: a new load
shows up without a restart, two warehouses never share results, and a warehouse rebuilt from
scratch (version 1 again) is not mistaken for the old one.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from warehouse import queries, store
from warehouse.paths import warehouse_dir


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


@st.cache_data(ttl=3600, max_entries=512, show_spinner=False)
def _query(name: str, wdir: str, version: int, **params: object) -> pl.DataFrame:
    return queries.run(_connection(wdir, version), name, **params)


def query(name: str, version: int, **params: object) -> pl.DataFrame:
    """A named query's result (warehouse/sql/queries/<name>.sql), cached."""
    return _query(name, _where(), version, **params)


@st.cache_data(ttl=3600, max_entries=128, show_spinner=False)
def _query_sql(sql: str, wdir: str, version: int, **params: object) -> pl.DataFrame:
    return queries.run_sql(_connection(wdir, version), sql, **params)


def query_sql(sql: str, version: int, **params: object) -> pl.DataFrame:
    """A query rendered from a registry template (warehouse/sql/queries), cached likewise."""
    return _query_sql(sql, _where(), version, **params)


@st.cache_data(ttl=3600, max_entries=32, show_spinner=False)
def _statuses(wdir: str, version: int, as_of, levels: tuple[str, ...],
              parent: str | None) -> pl.DataFrame:
    from warehouse.status import status_table

    return status_table(_connection(wdir, version), as_of, levels, parent)


def statuses(version: int, as_of, levels: tuple[str, ...], parent: str | None = None
             ) -> pl.DataFrame:
    """The status rule's assessment of every indicator in the areas of `levels` (children of
    `parent` only, when given)."""
    return _statuses(_where(), version, as_of, levels, parent)
