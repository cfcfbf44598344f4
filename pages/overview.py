"""总览 Overview (一屏统览): headline tiles, the off-track list, district ranking."""

from __future__ import annotations

import datetime as dt

import polars as pl
import streamlit as st

from app import components as ui
from app import db
from app.i18n import current_lang, t
from app.summaries import assessment_line
from warehouse.status import COLOURS, district_ranking

# 1/ frame and filters
version = ui.page_frame("overview.title")
area = ui.area_filter(version, finest="district")
lang = current_lang()
today = dt.date.today()
st.caption(t("overview.as_of", date=today.isoformat()))

# 2/ data
with st.spinner(t("loading")):
    statuses = db.statuses(version, today, ("city", "district"))
    meta = db.query("indicator_meta", version)
    areas = db.query("areas", version)
names = dict(zip(areas["area_code"], areas["name_zh"]))
info = {m["indicator_id"]: m for m in meta.iter_rows(named=True)}
mine = statuses.filter(pl.col("area_code") == area.code)
counts = mine.group_by("status").len()
count = dict(zip(counts["status"], counts["len"]))
st.markdown(t("overview.count", on=count.get("on_track", 0), risk=count.get("at_risk", 0),
              off=count.get("off_track", 0), inc=count.get("incomplete", 0)))

# 3/ headline tiles, one row per domain
st.subheader(t("overview.headlines"))
headlines = meta.filter(pl.col("headline"))
cols = st.columns(len(headlines))
for col, ind in zip(cols, headlines.iter_rows(named=True)):
    row = mine.filter(pl.col("indicator_id") == ind["indicator_id"])
    a = row.row(0, named=True) if row.height else {"status": "no_data", "value": None}
    spark = db.query("series", version, indicator=ind["indicator_id"], area=area.code,
                     grain=ind["status_grain"]).tail(24)
    with col.container(border=True):
        st.caption(ind["domain_zh"] if lang == "zh" else ind["domain_en"])
        unit = "" if ind["unit"] == "%" else f"（{ind['unit']}）"
        label = (ind["name_zh"] if lang == "zh" else ind["name_en"]) + unit
        st.markdown(f"**{label}**")   # NOTE: in full; a metric label would be cut short
        st.metric(label, ui.fmt_value(ind["format"], a["value"]), label_visibility="collapsed",
                  chart_data=spark["value"].to_list() if spark.height > 1 else None,
                  chart_type="line", border=False)
        st.markdown(ui.status_badge(a["status"]), unsafe_allow_html=True)
        lines = [ui.period_label(a.get("period_start"), a.get("period_grain") or "month")]
        if a.get("goal") is not None:
            lines.append(t("overview.tile_goal", goal=ui.fmt_value(ind["format"], a["goal"]),
                           stage=a["stage_name"], deadline=a["deadline"]))
            lines.append(t("overview.tile_gap", gap=ui.fmt_value(ind["format"], a["gap"])))
            if a.get("projection") is not None:
                lines.append(t("overview.tile_projection", deadline=f"{a['deadline']:%Y-%m}",
                               projection=ui.fmt_value(ind["format"], a["projection"])))
        else:
            lines.append(t("overview.tile_no_goal"))
        if a.get("expected_units"):
            lines.append(t("overview.tile_reporting", rep=a["reporting_units"],
                           exp=a["expected_units"]))
        st.caption("  \n".join(lines))

tiles = mine.join(headlines.select("indicator_id", "name_zh", "name_en", "unit"),
                  on="indicator_id").select(
    pl.col("name_zh" if lang == "zh" else "name_en").alias(t("col.indicator")),
    pl.col("value").round(3).alias(t("col.value")), pl.col("unit").alias(t("col.unit")),
    pl.col("period_start").alias(t("col.period")), pl.col("goal").alias(t("col.goal")),
    pl.col("deadline").alias(t("col.deadline")), pl.col("status").alias(t("col.status")),
    pl.col("gap").round(3).alias(t("col.gap")), pl.col("projection").round(3)
    .alias(t("col.projection")))
ui.downloads(tiles, f"headlines_{area.code}", key="dl_tiles")

# 4/ the off-track list, city and every district
st.subheader(t("overview.exceptions"))
st.caption(t("overview.exceptions_help"))
off = statuses.filter(pl.col("status") == "off_track").join(
    meta.select("indicator_id", "sort_order"), on="indicator_id").sort("area_level", "area_code",
                                                                       "sort_order")
if off.height == 0:
    st.success(t("overview.exceptions_none"))
else:
    lines = [f"- <span style='color:{COLOURS['off_track']}'>●</span> "
             + assessment_line(r, info[r["indicator_id"]], names.get(r["area_code"], ""), lang)
             for r in off.iter_rows(named=True)]
    st.markdown("\n".join(lines), unsafe_allow_html=True)
    table = off.select(
        pl.col("area_code").replace_strict(names, default="").alias(t("col.area")),
        pl.col("indicator_id").replace_strict(
            {k: v["name_zh" if lang == "zh" else "name_en"] for k, v in info.items()})
        .alias(t("col.indicator")),
        pl.col("value").round(2).alias(t("col.value")), pl.col("goal").alias(t("col.goal")),
        pl.col("deadline").alias(t("col.deadline")), pl.col("glide").round(2).alias(t("col.glide")),
        pl.col("projection").round(2).alias(t("col.projection")))
    ui.downloads(table, "off_track", key="dl_off")

# 5/ district ranking per domain and overall
st.subheader(t("overview.ranking"))
st.caption(t("overview.ranking_help"))
ranking = district_ranking(statuses, meta)
domains = [*meta["domain"].unique(maintain_order=True), "overall"]
domain_names = {r["domain"]: r["domain_zh" if lang == "zh" else "domain_en"]
                for r in meta.iter_rows(named=True)} | {"overall": t("overview.overall")}
wide = ranking.pivot(on="domain", index="area_code", values="score").sort(
    "overall", descending=True, nulls_last=True)
table = wide.select(
    pl.int_range(1, wide.height + 1).alias(t("overview.rank")),
    pl.col("area_code").replace_strict(names, default="").alias(t("overview.district")),
    *[pl.col(d).round(2).alias(domain_names[d]) for d in domains if d in wide.columns])
st.dataframe(table, hide_index=True, width="stretch")
ui.downloads(table, "district_ranking", key="dl_rank")
ui.footer(version)
