"""数据状态 Data status: each template's latest period and load, who is late per district, recent
loads and their rejected rows — for the data administrator."""

from __future__ import annotations

import polars as pl
import streamlit as st

from app import components as ui
from app import db
from app.i18n import current_lang, t
from etl import catalog


def period_text(start, grain: str | None) -> str:
    """A period label; besides the usual grains, light-trap half-months and the ledger's date."""
    if start is None or grain is None:
        return "—"
    if grain == "half_month":
        return t("datastatus.half_first" if start.day == 1 else "datastatus.half_second",
                 year=start.year, month=start.month, ym=f"{start:%Y-%m}")
    if grain == "day":
        return t("datastatus.as_of_day", date=start.isoformat())
    return ui.period_label(start, grain)


def periods(df: pl.DataFrame, column: str = "period_start") -> pl.Series:
    # NOTE: a plain loop, not map_elements: polars may call a UDF off the script thread, where
    # t() cannot see ?lang= and would fall back to Chinese.
    return pl.Series([period_text(p, g) for p, g in zip(df[column], df["period_grain"])],
                     dtype=pl.String)


def cells(df: pl.DataFrame) -> pl.Series:
    """`60/60` when every expected unit sent the latest period, else `⚠ 64/80`."""
    return pl.Series([
        t("datastatus.not_loaded") if p is None else f"{rec}/{exp}" if rec == exp
        else f"⚠ {rec}/{exp}"
        for p, rec, exp in zip(df["period_start"], df["received_units"], df["expected_units"])],
        dtype=pl.String)


def template_names(recorded: pl.Series) -> pl.Series:
    """etl_runs names a file's templates by their Chinese titles; English titles on request."""
    en = {c.meta.title_zh: c.meta.title_en for c in catalog.sources()}
    return pl.Series([", ".join(names if lang == "zh" else [en.get(n, n) for n in names])
                      for names in recorded.fill_null([]).to_list()], dtype=pl.String)


def in_lang(text: pl.Expr) -> pl.Expr:
    """The ETL writes each reason in Chinese, ` / `, then English: keep the page's language."""
    parts = text.str.split(" / ")
    return (parts.list.first() if lang == "zh" else parts.list.last()).fill_null(text)


def when(ts) -> str:
    return "—" if ts is None else f"{ts:%Y-%m-%d %H:%M}"


# 1/ frame and filters
version = ui.page_frame("datastatus.title")
area = ui.area_filter(version, finest="district")
lang = current_lang()
st.caption(t("datastatus.intro") + " " + t("datastatus.filter_note"))

# 2/ data
with st.spinner(t("loading")):
    templates = db.query("datastatus_templates", version)
    loads = db.query("datastatus_loads", version)
    late = db.query("datastatus_late", version, area=area.code)
    gaps = db.query("datastatus_gaps", version, area=area.code)
    runs = db.query("datastatus_runs", version)
sources = {c.meta.name: c.meta for c in catalog.sources()}
title = {k: m.title_zh if lang == "zh" else m.title_en for k, m in sources.items()}
units = {u: t(f"datastatus.unit.{u}") for u in ("street", "site", "centre")}
info = {r["template"]: r for r in templates.iter_rows(named=True)}
last = {r["title_zh"]: r for r in loads.iter_rows(named=True)}
mine = late.filter(pl.col("area_code") == area.code)
rejected = int(runs["rows_rejected"].sum() or 0)

k1, k2, k3, k4 = st.columns([1, 1.4, 1, 1])
k1.metric(t("datastatus.kpi_templates"),
          f"{sum(1 for r in info.values() if r['n_rows'])}/{len(sources)}", border=True)
k2.metric(t("datastatus.kpi_last_load"), when(runs["finished_at"].max()), border=True)
k3.metric(t("datastatus.kpi_late"), int((mine["expected_units"] - mine["received_units"]).sum()),
          help=t("datastatus.kpi_late_help"), border=True)
k4.metric(t("datastatus.kpi_rejected"), rejected, border=True)

# 3/ per template, city-wide: rhythm, latest period, last load, rows
st.subheader(t("datastatus.templates"))
st.caption(t("datastatus.templates_help"))
rows = []
for name in sorted(sources, key=lambda n: info.get(n, {}).get("sort_order") or 99):
    r, ld = info.get(name, {}), last.get(sources[name].title_zh, {})
    latest = (t("datastatus.not_loaded") if not r.get("n_rows")
              else period_text(r["latest_period"], r["period_grain"]) if r.get("period_grain")
              else t("datastatus.no_period"))
    rows.append({
        t("datastatus.col.no"): r.get("template_no", ""),
        t("datastatus.col.template_zh"): sources[name].title_zh,
        t("datastatus.col.template_en"): sources[name].title_en,
        t("datastatus.col.rhythm"): t(f"datastatus.rhythm.{r['rhythm']}") if r else "—",
        t("datastatus.col.latest"): latest,
        t("datastatus.col.rows"): r.get("n_rows") or 0,
        t("datastatus.col.last_load"): when(ld.get("last_load_at")),
        t("datastatus.col.last_file"): ld.get("last_file") or "—",
    })
overview = pl.DataFrame(rows)
widths = {"no": 45, "template_zh": 125, "template_en": 185, "rhythm": 135, "latest": 115,
          "rows": 60, "last_load": 125}
st.dataframe(overview, hide_index=True, width="stretch", height="content",
             column_config={t(f"datastatus.col.{c}"): st.column_config.Column(width=w)
                            for c, w in widths.items()})
ui.downloads(overview, "data_status_templates", key="dl_ds_templates")

# 4/ who is late: units expected vs received in each periodic template's latest period
st.subheader(t("datastatus.late"))
st.caption(t("datastatus.late_help"))
if late.height == 0:
    st.info(t("datastatus.late_none"))
else:
    late = late.with_columns(
        periods(late).alias("period"), cells(late).alias("cell"),
        pl.format("{} {}", "template_no", pl.col("template").replace_strict(title, default=""))
        .alias("template"),
        pl.col("unit_type").replace_strict(units, default=""))
    index = {"template": t("datastatus.col.template"), "period": t("datastatus.col.period"),
             "unit_type": t("datastatus.col.unit_type")}
    matrix = late.pivot(on="area_name", index=list(index), values="cell").rename(index)
    st.dataframe(matrix, hide_index=True, width="stretch", column_config={
        **{c: st.column_config.Column(width=80) for c in matrix.columns[len(index):]},
        index["template"]: st.column_config.Column(width=175)})
    st.caption(t("datastatus.legend"))
    table = late.select(*[pl.col(k).alias(v) for k, v in index.items()],
                        pl.col("area_name").alias(t("datastatus.col.area")),
                        pl.col("received_units").alias(t("datastatus.col.received_n")),
                        pl.col("expected_units").alias(t("datastatus.col.expected_n")),
                        pl.col("missing_names").alias(t("datastatus.col.missing")))
    ui.downloads(table, "data_status_late", key="dl_ds_late")

    missing = (late.filter(pl.col("area_code") == area.code)
               .select("template", "period", "period_grain", "missing")
               .explode("missing").drop_nulls("missing").unnest("missing"))
    if missing.height == 0:
        st.success(t("datastatus.late_all_in"))
    else:
        st.markdown(f"**{t('datastatus.missing_units', area=area.name)}**")
        detail = missing.with_columns(periods(missing, "last_period").alias("last")).select(
            pl.col("template").alias(t("datastatus.col.template")),
            pl.col("period").alias(t("datastatus.col.period")),
            pl.col("district_name").alias(t("datastatus.col.district")),
            pl.col("unit_code").alias(t("datastatus.col.unit_code")),
            pl.col("unit_name").alias(t("datastatus.col.unit_name")),
            pl.col("last").replace("—", t("datastatus.never")).alias(t("datastatus.col.last_period")))
        st.dataframe(detail, hide_index=True, width="stretch")
        ui.downloads(detail, "data_status_missing_units", key="dl_ds_missing")

    with st.expander(t("datastatus.gaps", n=gaps.height)):
        st.caption(t("datastatus.gaps_help"))
        if gaps.height == 0:
            st.success(t("datastatus.gaps_none"))
        else:
            earlier = gaps.with_columns(periods(gaps).alias("period")).select(
                pl.format("{} {}", "template_no",
                          pl.col("template").replace_strict(title, default=""))
                .alias(t("datastatus.col.template")),
                pl.col("period").alias(t("datastatus.col.gap_period")),
                pl.col("district_name").alias(t("datastatus.col.district")),
                pl.col("unit_code").alias(t("datastatus.col.unit_code")),
                pl.col("unit_name").alias(t("datastatus.col.unit_name")),
                pl.when(pl.col("reported_later")).then(pl.lit(t("datastatus.yes")))
                .otherwise(pl.lit(t("datastatus.no"))).alias(t("datastatus.col.reported_later")))
            st.dataframe(earlier, hide_index=True, width="stretch")
            ui.downloads(earlier, "data_status_earlier_gaps", key="dl_ds_gaps")

# 5/ recent loads, newest first, and the rejected rows of one load or of all
st.subheader(t("datastatus.runs"))
st.caption(t("datastatus.runs_help"))
if runs.height == 0:
    st.info(t("datastatus.runs_none"))
else:
    loads_table = runs.select(
        pl.col("run_id").alias(t("datastatus.col.run")),
        pl.col("file_name").alias(t("datastatus.col.file")),
        template_names(runs["templates"]).alias(t("datastatus.col.template")),
        pl.col("finished_at").dt.strftime("%Y-%m-%d %H:%M").alias(t("datastatus.col.finished")),
        pl.col("rows_read").alias(t("datastatus.col.read")),
        pl.col("rows_loaded").alias(t("datastatus.col.loaded")),
        pl.col("rows_rejected").alias(t("datastatus.col.rejected")),
        pl.col("rows_changed").alias(t("datastatus.col.changed")),
        pl.col("data_version").alias(t("datastatus.col.version")),
        pl.col("warnings").fill_null("").alias(t("datastatus.col.warnings")))
    st.dataframe(loads_table, hide_index=True, width="stretch", height=320)
    ui.downloads(loads_table, "data_status_loads", key="dl_ds_loads")

    st.subheader(t("datastatus.rejects"))
    st.caption(t("datastatus.rejects_help"))
    labels = {r["run_id"]: t("datastatus.load_option", run=r["run_id"], file=r["file_name"],
                             n=r["rows_rejected"]) for r in runs.iter_rows(named=True)}
    run = st.selectbox(t("datastatus.pick_load"), [None, *labels], key="ds_load",
                       format_func=lambda r: t("datastatus.all_loads", n=rejected)
                       if r is None else labels[r])
    rejects = db.query("datastatus_rejects", version, run=run)
    if rejects.height == 0:
        st.success(t("datastatus.rejects_none_all" if run is None
                     else "datastatus.rejects_none_run"))
    else:
        bad = rejects.select(
            pl.col("run_id").alias(t("datastatus.col.run")),
            pl.col("file_name").alias(t("datastatus.col.file")),
            pl.col("sheet").fill_null("—").alias(t("datastatus.col.sheet")),
            pl.col("row_number").alias(t("datastatus.col.row")),
            pl.col("column").alias(t("datastatus.col.column")),
            pl.col("value").fill_null(t("datastatus.blank")).alias(t("datastatus.col.value")),
            in_lang(pl.col("reason")).alias(t("datastatus.col.reason")))
        st.dataframe(bad, hide_index=True, width="stretch", column_config={
            t("datastatus.col.reason"): st.column_config.Column(width="large")})
        ui.downloads(bad, "data_status_rejects", key="dl_ds_rejects")
ui.footer(version)
