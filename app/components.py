"""Shared UI pieces: page frame, language switch, cascading area filter and grain switch carried
in the URL, status badges, download buttons, provenance (source rows and loads), footer."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

import polars as pl
import streamlit as st

from app import db, export
from app.i18n import current_lang, t
from warehouse import derive, registry, settings
from warehouse.status import COLOURS, period_end

LEVELS = ("city", "district", "street", "grid")


@dataclass(frozen=True)
class Area:
    code: str
    level: str
    name: str
    city_code: str
    parent_code: str | None = None


def url_widget(widget, label: str, options: list, key: str, default, **kw):
    """A widget whose value lives in the URL (?key=value, codes not labels) and survives page
    switches: seeded from the URL, else from this session's last choice, else `default`."""
    wkey, saved = f"w_{key}", f"_{key}"
    if st.session_state.get(wkey) not in options:
        url = st.query_params.get(key)
        st.session_state[wkey] = (url if url in options else
                                  st.session_state.get(saved) if st.session_state.get(saved)
                                  in options else default)
    value = widget(label, options, key=wkey, **kw)
    st.session_state[saved] = value
    if value in (None, "", default):
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != value:
        st.query_params[key] = value
    return value


def url_multiselect(label: str, options: tuple[str, ...], key: str, default: list[str],
                    format_func, lang: str) -> list[str]:
    """A sidebar multiselect kept in the URL as codes (?key=a&key=b, `?key=` = none), like
    url_widget: bind="query-params" would write the labels, which change with the language.
    One widget per language: the front end keeps a widget's chips in their old labels."""
    wkey, saved = f"w_{key}_{lang}", f"_{key}"
    if wkey not in st.session_state:
        if key in st.query_params:
            st.session_state[wkey] = [v for v in dict.fromkeys(st.query_params.get_all(key))
                                      if v in options]
        else:
            st.session_state[wkey] = st.session_state.get(saved, default)
    value = st.sidebar.multiselect(label, options, key=wkey, format_func=format_func)
    st.session_state[saved] = value
    if sorted(value) == sorted(default):
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get_all(key) != (value or [""]):
        st.query_params[key] = value or ""
    return value


def page_frame(title_key: str) -> int:
    """Language switch, title, and the empty state; returns the data version (stops if none)."""
    url_widget(st.sidebar.radio, t("lang.label"), ["zh", "en"], "lang", "zh",
               format_func=lambda v: "中文" if v == "zh" else "English", horizontal=True)
    st.title(t(title_key))
    version = db.current_version()
    if version == 0:
        st.info(t("empty.no_warehouse"))
        st.stop()
    return version


def area_filter(version: int, finest: str = "grid") -> Area:
    """District → street → grid selectors in the sidebar, each kept in the URL."""
    areas = db.query("areas", version)
    names = dict(zip(areas["area_code"], areas["name_zh"]))
    city = areas.filter(pl.col("area_level") == "city")
    city_code = city["area_code"][0] if city.height else ""
    st.sidebar.subheader(t("filter.header"))
    chosen = Area(city_code, "city", names.get(city_code, t("filter.all_city")), city_code)
    parent, keys = city_code, {"district": "filter.all_city", "street": "filter.all_districts",
                               "grid": "filter.all_grids"}
    lang = current_lang()   # NOTE: captured: AppTest calls format_func outside the script run
    for level in LEVELS[1:LEVELS.index(finest) + 1]:
        options = ["", *areas.filter((pl.col("area_level") == level)
                                     & (pl.col("parent_code") == parent))["area_code"]]
        value = url_widget(
            st.sidebar.selectbox, t(f"filter.{level}"), options, level, "",
            format_func=lambda c, k=keys[level]: t(k, lang) if c == "" else names.get(c, c))
        if not value:
            break
        chosen = Area(value, level, names.get(value, value), city_code, parent)
        parent = value
    st.sidebar.caption(t("filter.link_hint"))
    return chosen


def grain_switch(grains: list[str], default: str = "month", key: str = "grain") -> str:
    default = default if default in grains else grains[0]
    lang = current_lang()
    value = url_widget(st.segmented_control, t("filter.grain"), grains, key, default,
                       format_func=lambda g: t(f"grain.{g}", lang))
    return value or default


def status_badge(status: str) -> str:
    """Coloured pill with the words (never colour alone); HTML for st.markdown."""
    colour = COLOURS[status]
    fg = "#212121" if status in ("at_risk", "no_data", "no_goal", "incomplete") else "#ffffff"
    return (f'<span style="background:{colour};color:{fg};padding:2px 10px;border-radius:10px;'
            f'font-size:0.85em;white-space:nowrap">{html.escape(t("status." + status))}</span>')


def status_labels() -> dict[str, str]:
    return {k: t(f"status.{k}") for k in COLOURS}


def fmt_value(fmt: str, value: float | None) -> str:
    return "—" if value is None else fmt.format(value)


def period_label(start: dt.date | None, grain: str) -> str:
    if start is None:
        return "—"
    zh = current_lang() == "zh"
    if grain == "year":
        return f"{start.year}年" if zh else f"{start.year}"
    if grain == "quarter":
        q = (start.month - 1) // 3 + 1
        return f"{start.year}年第{q}季度" if zh else f"{start.year} Q{q}"
    if grain == "month":
        return f"{start.year}年{start.month}月" if zh else start.strftime("%Y-%m")
    iso = start.isocalendar()
    return (f"{iso.year}年第{iso.week}周（{start:%m-%d}起）" if zh
            else f"{iso.year}-W{iso.week:02d} (from {start:%m-%d})")


def downloads(df: pl.DataFrame, name: str, key: str) -> None:
    """The data behind a chart or table, as CSV (with BOM) and XLSX."""
    if df.height == 0:
        return
    c1, c2, _ = st.columns([1, 1, 4])
    # NOTE: the files are built when clicked (a callable), not on every rerun of the page.
    c1.download_button(t("download.csv"), lambda: export.csv_bytes(df), f"{name}.csv",
                       "text/csv", key=f"{key}_csv", icon=":material/download:",
                       on_click="ignore")
    c2.download_button(t("download.xlsx"), lambda: export.xlsx_bytes(df), f"{name}.xlsx",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key=f"{key}_xlsx", icon=":material/download:", on_click="ignore")


def provenance(version: int, indicator_id: str, area: Area, grain: str,
               periods: list[dt.date], key: str) -> None:
    """An expander showing the staged rows (file, sheet, row) and loads behind one value."""
    with st.expander(t("provenance.title")):
        if not periods:
            st.caption(t("provenance.none"))
            return
        period = st.selectbox(t("provenance.pick"), sorted(periods, reverse=True), key=key,
                              format_func=lambda p: period_label(p, grain))
        rows = source_rows(version, indicator_id, area.code, grain, period)
        if rows.height == 0:
            st.caption(t("provenance.none"))
            return
        st.caption(t("provenance.rows"))
        st.dataframe(rows, hide_index=True, width="stretch", height=240)
        runs = rows.select("run_id", "source_file").unique().sort("run_id")
        loads = db.query("runs_by_id", version, ids=runs["run_id"].to_list())
        st.caption(t("provenance.runs"))
        st.dataframe(loads, hide_index=True, width="stretch")


@st.cache_data(ttl=3600, max_entries=128, show_spinner=False)
def _provenance_sql(indicator_id: str) -> str:
    doc = registry.load()
    ind = registry.by_id()[indicator_id]
    fact = doc["facts"][ind["derive"]["fact"]]
    date_col = fact["date_column"]
    if ind["kind"] == "survey":
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
    return derive.render(derive.sql_template("queries/provenance"), table=fact["table"],
                         unit=fact["unit"], unit_column=fact["unit_column"], when=when)


def source_rows(version: int, indicator_id: str, area_code: str, grain: str,
                period: dt.date) -> pl.DataFrame:
    return db.query_sql(_provenance_sql(indicator_id), version, area=area_code, grain=grain,
                        period=period, period_end=period_end(period, grain))


def footer(version: int) -> None:
    info = db.current_info() or {}
    areas = db.query("areas", version)
    city = areas.filter(pl.col("area_level") == "city")["name_zh"]
    st.divider()
    st.caption(t("footer.version", city=city[0] if city.len() else "", version=version,
                 published=info.get("published_at", "")))
    st.caption(t("status.rule", share=settings.MIN_COMPLETENESS))
