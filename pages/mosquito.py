"""蚊虫密度 Mosquito density: light traps, route index, Breteau, standing water; alerts and grades."""

from __future__ import annotations

import json

import polars as pl
import streamlit as st

from app import charts, db
from app import components as ui
from app.domain import DomainContext, open_domain, standard_body
from app.i18n import t
from warehouse import settings


def extras(ctx: DomainContext, ind: dict, grain: str, values: pl.DataFrame) -> None:
    # 1/ weekly density against the same week last year
    st.subheader(t("mosq.weekly"))
    weeks = db.query("season_weeks", ctx.version, indicator="mosq_light_trap_density",
                     area=ctx.area.code, year=ctx.today.year)
    if weeks.height:
        st.altair_chart(charts.seasons(weeks.with_columns(pl.col("season").cast(pl.Utf8)),
                                       {"week": t("grain.week"), "value": t("col.value")}),
                        width="stretch")
        ui.downloads(weeks, f"weekly_density_{ctx.area.code}", key="dl_weeks")
    else:
        st.info(t("empty.no_values"))
    # 2/ sites over the alert rule (the same query as the map's site layer)
    st.subheader(t("mosq.alert_sites"))
    sites = db.query("light_trap_sites", ctx.version, area=ctx.area.code, as_of=ctx.today,
                     rule=settings.ALERT_RULE, k=settings.ALERT_K)
    goal = sites["goal"][0] if sites.height else None
    st.caption(t("mosq.alert_rule_goal", goal=goal) if settings.ALERT_RULE == "goal"
               else t("mosq.alert_rule_baseline", k=settings.ALERT_K))
    over = sites.filter(pl.col("alert")).with_columns(
        (pl.col("baseline_density") * settings.ALERT_K if settings.ALERT_RULE == "baseline"
         else pl.col("goal")).alias("threshold")).sort("density", descending=True)
    if over.height == 0:
        st.success(t("mosq.alert_none"))
    else:
        table = over.select(pl.col("site_code"), pl.col("site_name").alias(t("mosq.site")),
                            pl.col("habitat").alias(t("mosq.habitat")),
                            pl.col("density").round(2).alias(t("mosq.density")),
                            pl.col("threshold").round(2).alias(t("mosq.threshold")),
                            pl.col("last_survey"), pl.col("grid_code"))
        st.dataframe(table, hide_index=True, width="stretch")
        ui.downloads(table, f"alert_sites_{ctx.area.code}", key="dl_alerts")
    # 3/ route-index grades by district (or street) as bands, C the pass line
    st.subheader(t("mosq.route_grades"))
    route = ctx.ind("route_index")
    grades = json.loads(route["grades"])
    lines = db.query("district_series", ctx.version, indicator="route_index", grain="month",
                     parent=ctx.area.code if ctx.area.level in ("city", "district")
                     else ctx.area.code[:6])
    if lines.height:
        names = {g["grade"]: (g["label_zh"] if ctx.lang == "zh" else g["label_en"])
                 for g in grades}
        df = lines.select(pl.col("name_zh").alias("area"), "period_start", "value", "grade")
        st.altair_chart(charts.graded_trend(df, grades, {
            "value": t("col.value"), "grade": t("col.grade"), "period": t("col.period"),
            "area": t("col.area"), "grade_names": names, "pass_grade": "C"}), width="stretch")
        ui.downloads(df, f"route_index_grades_{ctx.area.code}", key="dl_grades")


standard_body(open_domain("mosquito"), extras)
