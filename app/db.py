"""The only cache layer: a read-only connection per data version, cached query results."""

from __future__ import annotations

import polars as pl
import streamlit as st

from warehouse import queries, store
from warehouse.paths import warehouse_dir


def current_version() -> int:
    """The published data version (0 = no warehouse yet); read on every rerun, so new loads show
    up without a restart."""
    return store.data_version(warehouse_dir())


def current_info() -> dict | None:
    return store.current(warehouse_dir())


@st.cache_resource(max_entries=2)
def _connection(version: int):
    con, _ = store.connect_readonly(warehouse_dir())
    return con


@st.cache_data(ttl=3600, max_entries=256, show_spinner=False)
def query(name: str, version: int, **params: object) -> pl.DataFrame:
    """A named query's result, cached per data version and parameters."""
    return queries.run(_connection(version), name, **params)


@st.cache_data(ttl=3600, max_entries=128, show_spinner=False)
def query_sql(sql: str, version: int, **params: object) -> pl.DataFrame:
    """A query rendered from a registry template (warehouse/sql/queries), cached likewise."""
    return queries.run_sql(_connection(version), sql, **params)


@st.cache_data(ttl=3600, max_entries=16, show_spinner=False)
def statuses(version: int, as_of, levels: tuple[str, ...], parent: str | None = None
             ) -> pl.DataFrame:
    """The status rule's assessment of every indicator in the areas of `levels` (children of
    `parent` only, when given)."""
    from warehouse.status import status_table

    return status_table(_connection(version), as_of, levels, parent)
