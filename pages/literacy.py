"""健康素养 Health literacy: levels with 95% CI, breakdowns, aspects and categories, national line."""

from __future__ import annotations

import json

import polars as pl
import streamlit as st

from app import charts, db
from app import components as ui
from app.domain import open_domain, standard_body
from app.i18n import t

DIMS = ("age_group", "sex", "education", "urban_rural")
LITERATE_SHARE = 0.8


def extras(ctx, ind, grain, values) -> None:
    years = db.series(ctx.version, "health_literacy_level", ctx.area.code, "year", ctx.as_of)
    if years.height == 0:
        return
    year_options = [d.year for d in years["period_start"]][::-1]
    year = ui.url_widget(st.selectbox, t("literacy.year"), year_options, "year",
                         year_options[0])
    # 1/ breakdowns by age, sex, education, urban/rural
    st.subheader(t("literacy.breakdowns"))
    dim = ui.url_widget(st.segmented_control, t("literacy.by"), list(DIMS), "by", "age_group",
                        format_func=lambda d, lang=ctx.lang: t(f"literacy.{d}", lang))
    top = ctx.ind("health_literacy_level")
    rows = db.query("literacy_breakdown", ctx.version, dim=dim or "age_group",
                    area=ctx.area.code, year=year, threshold=LITERATE_SHARE * 66)
    national = json.loads(top["national_series"]).get(str(year))
    labels = {"value": t("col.value"), "group": t("literacy.group"), "n": t("col.n")}
    st.altair_chart(charts.breakdown(rows, labels, national), width="stretch")
    st.caption(t("literacy.national_note"))
    ui.downloads(rows, f"literacy_{dim}_{ctx.area.code}_{year}", key="dl_breakdown")
    # 2/ the three aspects and six categories, each against its national level
    st.subheader(t("literacy.aspects"))
    ids = [i for i in ctx.meta["indicator_id"] if i != "health_literacy_level"]
    parts = db.query("area_indicators_year", ctx.version, indicators=ids, area=ctx.area.code,
                     year=year)
    df = parts.select(
        pl.col("name_zh" if ctx.lang == "zh" else "name_en").alias("group"), "value", "ci_low",
        "ci_high", "n")
    st.altair_chart(charts.breakdown(df, labels), width="stretch")
    nat = parts.select("indicator_id", pl.col("national_series").map_elements(
        lambda s: json.loads(s).get(str(year)), return_dtype=pl.Float64).alias("national"))
    ui.downloads(df.with_columns(nat["national"].alias(t("series.national"))),
                 f"literacy_aspects_{ctx.area.code}_{year}", key="dl_aspects")


standard_body(open_domain("literacy"), extras)
