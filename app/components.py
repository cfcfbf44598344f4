"""Shared UI pieces: page frame, language switch, cascading area filter and grain switch carried
in the URL, status badges, download buttons, provenance (source rows and loads), footer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl
import streamlit as st

from app import auth, db, export
from app import formatting as F
from app.i18n import current_lang, t
from warehouse import queries, settings
from warehouse.status import VOCABULARY, period_end

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


def url_toggle(label: str, key: str) -> bool:
    """A sidebar toggle kept in the URL (?key=True when on), like url_widget."""
    wkey = f"w_{key}"
    if wkey not in st.session_state:
        st.session_state[wkey] = st.query_params.get(key) == "True"
    value = st.sidebar.toggle(label, key=wkey)
    if value:
        st.query_params[key] = "True"
    elif key in st.query_params:
        del st.query_params[key]
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
    value = st.sidebar.multiselect(label, options, key=wkey, format_func=format_func,
                                   placeholder=t("choose", lang))
    st.session_state[saved] = value
    if sorted(value) == sorted(default):
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get_all(key) != (value or [""]):
        st.query_params[key] = value or ""
    return value


def page_frame(title_key: str) -> int:
    """Language switch, the app's one as-of date, title, and the empty state; returns the data
    version (stops if none)."""
    url_widget(st.sidebar.radio, t("lang.label"), ["zh", "en"], "lang", "zh",
               format_func=lambda v: "中文" if v == "zh" else "English", horizontal=True)
    day = as_of_widget()
    st.title(t(title_key))
    version = db.current_version()
    u = auth.user()
    if version == 0:
        if u is not None:
            auth.sidebar(u)
        st.info(t("empty.no_warehouse"))
        st.stop()
    if u is not None:
        auth.sidebar(u, area_names(version).get(u.district) if u.district else None)
        if u.district:
            st.caption(F.md(t("auth.scope_note", district=area_names(version).get(
                u.district, u.district))))
    st.caption(t("frame.as_of", date=F.date(day)))
    return version


def as_of_widget() -> dt.date:
    """The app's one as-of date: today by default, the same on every page, changed once in the
    sidebar and carried in the URL (?as_of=2026-10-31)."""
    today = dt.date.today()
    value = st.sidebar.date_input(
        t("frame.as_of_label"), value=today, min_value=dt.date(2000, 1, 1), max_value=today,
        key="as_of", bind="query-params", help=t("frame.as_of_help"), format="YYYY-MM-DD")
    return value or today


def as_of() -> dt.date:
    """The as-of date chosen in the sidebar (page_frame draws the widget)."""
    value = st.session_state.get("as_of")
    return value if isinstance(value, dt.date) else dt.date.today()


def area_filter(version: int, finest: str = "grid") -> Area:
    """District → street → grid selectors in the sidebar, each kept in the URL."""
    areas = db.query("areas", version)
    names = area_names(version)
    city = areas.filter(pl.col("area_level") == "city")
    city_code = city["area_code"][0] if city.height else ""
    st.sidebar.subheader(t("filter.header"))
    chosen = Area(city_code, "city", names.get(city_code, t("filter.all_city")), city_code)
    parent, keys = city_code, {"district": "filter.all_city", "street": "filter.all_districts",
                               "grid": "filter.all_grids"}
    lang = current_lang()   # NOTE: captured: AppTest calls format_func outside the script run
    mine = auth.district()
    for level in LEVELS[1:LEVELS.index(finest) + 1]:
        options = ["", *areas.filter((pl.col("area_level") == level)
                                     & (pl.col("parent_code") == parent))["area_code"]]
        if mine and level == "district":
            options = ["", mine]
        # NOTE: a district user starts in its own district (the city stays one click away).
        value = url_widget(
            st.sidebar.selectbox, t(f"filter.{level}"), options, level,
            mine if mine and level == "district" else "",
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


def badge(status: str, container=st) -> None:
    """The status as a coloured badge with its words (never colour alone), no HTML."""
    s = VOCABULARY[status]
    container.badge(s.word(current_lang()), color=s.badge)


def status_labels(lang: str | None = None) -> dict[str, str]:
    lang = lang or current_lang()
    return {k: s.word(lang) for k, s in VOCABULARY.items()}


def period_label(start: dt.date | None, grain: str | None) -> str:
    return F.period(start, grain, current_lang())


def area_names(version: int, lang: str | None = None) -> dict[str, str]:
    """Every area's name in the language (English names when the geography gives them)."""
    return db.area_names(version, lang or current_lang())


def briefing_scopes(version: int) -> list[str]:
    """The briefings the user may build: the city ("") and every district, or a district user's
    own district only."""
    mine = auth.district()
    return [mine] if mine else ["", *districts(version)]


def districts(version: int) -> list[str]:
    """The codes of every district, in code order."""
    areas = db.query("areas", version)
    return areas.filter(pl.col("area_level") == "district")["area_code"].to_list()


def data_ends(version: int, source_tables: list[str]) -> None:
    """Say how far the page's sources reach (诱蚊灯监测记录 2026-11-20; 慢病管理月报 2026年11月)."""
    lang = current_lang()
    ends = db.fact_ends(version)
    parts = []
    for r in ends.iter_rows(named=True):
        if r["source_table"] not in source_tables or r["last"] is None:
            continue
        title = r["title_zh"] if lang == "zh" else r["title_en"]
        when = (F.period(r["last"], r["grain"], lang) if r["grain"] != "day"
                else F.date(r["last"]))
        parts.append(t("frame.source_end", title=title or r["fact"], when=when))
    if parts:
        st.caption(t("frame.data_ends", items=t("frame.join").join(parts)))


def long_table(table: pl.DataFrame, name: str, key: str, height: int = 400) -> None:
    """A list that may run to thousands of rows (a province's open problems): its first
    HC_TABLE_MAX_ROWS rows in the list's own order, a caption naming how many more there are,
    and the downloads with every row."""
    limit = settings.TABLE_MAX_ROWS
    st.dataframe(table.head(limit), hide_index=True, width="stretch",
                 height=height if table.height > 10 else "auto")
    if table.height > limit:
        st.caption(t("table.first_rows" if auth.can("download") else "table.first_rows_only",
                     shown=limit, n=table.height))
    downloads(table, name, key)


def downloads(df: pl.DataFrame, name: str, key: str) -> None:
    """The data behind a chart or table, as CSV (with BOM) and XLSX — for the roles that may
    download (a leader's account views only)."""
    if df.height == 0 or not auth.can("download"):
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
        rows, table = source_rows(version, indicator_id, area.code, grain, period)
        if rows.height == 0:
            st.caption(t("provenance.none"))
            return
        st.caption(t("provenance.rows"))
        long_table(labelled(rows, version, table),
                   f"source_rows_{indicator_id}_{area.code}_{period:%Y%m%d}", f"{key}_rows", 240)
        loads = db.query("runs_by_id", version, ids=rows["run_id"].unique().to_list())
        st.caption(t("provenance.runs"))
        st.dataframe(loads_table(loads), hide_index=True, width="stretch")


def loads_table(runs: pl.DataFrame) -> pl.DataFrame:
    """Loads (etl_runs) as people read them: labelled columns, times to the minute."""
    return runs.select(
        pl.col("run_id").cast(pl.Utf8).alias(t("datastatus.col.run")),
        pl.col("file_name").alias(t("datastatus.col.file")),
        pl.col("template_en" if current_lang() == "en" else "template_zh").fill_null(F.DASH)
        .alias(t("datastatus.col.template")),
        pl.col("finished_at").map_elements(F.timestamp, return_dtype=pl.Utf8)
        .alias(t("datastatus.col.finished")),
        pl.col("rows_read").alias(t("datastatus.col.read")),
        pl.col("rows_loaded").alias(t("datastatus.col.loaded")),
        pl.col("rows_rejected").alias(t("datastatus.col.rejected")),
        pl.col("data_version").alias(t("datastatus.col.version")))


def source_rows(version: int, indicator_id: str, area_code: str, grain: str,
                period: dt.date) -> tuple[pl.DataFrame, str]:
    """The staged rows behind one value and the staged table they come from."""
    sql, table = queries.provenance_sql(indicator_id)
    return db.query_sql(sql, version, area=area_code, grain=grain, period=period,
                        period_end=period_end(period, grain)), table


def column_labels(version: int, table: str | None = None) -> dict[str, str]:
    """Staged column → its template's label in the page's language (dim_column)."""
    lang = current_lang()
    cols = db.query("column_labels", version)
    if table is not None:
        cols = cols.filter(pl.col("table_name") == table)
    return {r["column_name"]: r["label_zh" if lang == "zh" else "label_en"]
            for r in cols.iter_rows(named=True)}


def labelled(df: pl.DataFrame, version: int, table: str | None = None) -> pl.DataFrame:
    """A staged table's rows for people: every column under its template's label in the page's
    language (dim_column), dates as dates, blanks as "—"."""
    names = column_labels(version, table)
    out = df.with_columns(
        [pl.col(c).map_elements(F.date, return_dtype=pl.Utf8) for c, d in df.schema.items()
         if d in (pl.Date, pl.Datetime)])
    out = out.with_columns(pl.all().cast(pl.Utf8).fill_null(F.DASH))
    return out.rename({c: names.get(c, c) for c in out.columns})


def footer(version: int) -> None:
    info = db.current_info() or {}
    areas = db.query("areas", version).filter(pl.col("area_level") == "city")
    city = F.area_name(areas.row(0, named=True), current_lang()) if areas.height else ""
    st.divider()
    st.caption(F.md(t("footer.version", city=city, version=version,
                      published=F.timestamp(info.get("published_at")))))
    st.caption(t("status.rule", share=settings.MIN_COMPLETENESS))


def map_inputs(version: int, area_code: str, as_of: dt.date) -> dict[str, pl.DataFrame]:
    """What the one grid-status rule (app.maps.grid_status) reads for an area on a date: the
    areas, every waterlogging point, light-trap site and problem of the area — the same on the
    map page and the problem page."""
    return {
        "areas": db.query("map_areas", version, area=area_code),
        "points": db.query("map_points", version, area=area_code, as_of=as_of),
        "sites": db.query("light_trap_sites", version, area=area_code, as_of=as_of,
                          rule=settings.ALERT_RULE, k=settings.ALERT_K),
        "problems": db.query("problem_list", version, area=area_code, as_of=as_of),
    }


def own_code(area: Area) -> str:
    """The area whose breakdowns a page lists: a district user's own district when the whole city
    is chosen (the city's total is for comparison; its units and weeks span other districts)."""
    mine = auth.district()
    return mine if mine and area.level == "city" else area.code


def can_download() -> bool:
    return auth.can("download")


def notices(version: int, items: pl.DataFrame, units: list[str], as_of: dt.date) -> list:
    """Every unit's 督办单 (app.problems.notices) under the city's name, numbered in order."""
    from app import problems

    areas = db.query("areas", version)
    city = areas.filter(pl.col("area_level") == "city")
    name = city["name_zh"][0] if city.height else ""
    return problems.notices(items, units, as_of, name, problems.year_closures(items, as_of))


def notice_buttons(notices: list, index: int, as_of: dt.date, cols) -> None:
    """Download buttons: the chosen unit's 督办单 (PDF), every unit's list (XLSX), every notice
    (ZIP); the files are built when clicked, and each download is audited."""
    from app.snapshot import supervision as S

    chosen = notices[index]
    day = as_of.isoformat()
    cols[0].download_button(
        t("problems.download_notice"), lambda: S.notice_pdf(chosen),
        f"督办单_{chosen.unit}_{as_of:%Y%m%d}.pdf", "application/pdf", key="dl_notice_pdf",
        type="primary", icon=":material/download:", on_click=auth.record,
        args=("notice_export", {"unit": chosen.unit, "as_of": day, "file": "pdf"}))
    cols[1].download_button(
        t("problems.download_xlsx"), lambda: S.notice_xlsx(notices),
        f"督办清单_{as_of:%Y%m%d}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="dl_notice_xlsx", icon=":material/download:", on_click=auth.record,
        args=("notice_export", {"units": len(notices), "as_of": day, "file": "xlsx"}))
    cols[2].download_button(
        t("problems.download_all"), lambda: S.notices_zip(notices),
        f"督办单_{as_of:%Y%m%d}.zip", "application/zip", key="dl_notice_zip",
        icon=":material/download:", on_click=auth.record,
        args=("notice_export", {"units": len(notices), "as_of": day, "file": "zip"}))
