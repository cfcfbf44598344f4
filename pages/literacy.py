"""健康素养 Health literacy: levels with 95% CI, breakdowns, aspects and categories, national
line."""

from __future__ import annotations

import streamlit as st

from app import charts, db, literacy
from app import components as ui
from app.domain import open_domain, standard_body
from app.i18n import t


def extras(ctx, ind, grain, values) -> None:
    years = db.series(ctx.version, "health_literacy_level", ctx.area.code, "year", ctx.as_of)
    if years.height == 0:
        return
    year_options = [d.year for d in years["period_start"]][::-1]
    year = ui.url_widget(st.selectbox, t("literacy.year"), year_options, "year",
                         year_options[0])
    # 1/ breakdowns by age, sex, education, urban/rural
    st.subheader(t("literacy.breakdowns"))
    dim = ui.url_widget(st.segmented_control, t("literacy.by"), list(literacy.DIMS), "by",
                        "age_group", format_func=lambda d, lang=ctx.lang: t(f"literacy.{d}", lang))
    top = ctx.ind("health_literacy_level")
    rows = literacy.breakdown(ctx.version, top, dim or "age_group", ctx.area.code, year)
    labels = {"value": t("col.value"), "group": t("literacy.group"), "n": t("col.n")}
    st.altair_chart(charts.breakdown(rows, labels, literacy.national(top, year)),
                    width="stretch")
    st.caption(t("literacy.national_note"))
    ui.downloads(rows, f"literacy_{dim}_{ctx.area.code}_{year}", key="dl_breakdown")
    # 2/ the three aspects and six categories, each against its national level
    st.subheader(t("literacy.aspects"))
    chart, download = literacy.aspects(ctx.version, ctx.meta, ctx.area.code, year, ctx.lang)
    st.altair_chart(charts.breakdown(chart, labels), width="stretch")
    ui.downloads(download, f"literacy_aspects_{ctx.area.code}_{year}", key="dl_aspects")


standard_body(open_domain("literacy"), extras)
