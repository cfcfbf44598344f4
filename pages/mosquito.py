"""病媒生物 Vector control: the four pests' control levels (the veto condition: all at C or
better), mosquitoes (light traps, route index, Breteau, waterlogging points; alerts and grades)
and the key trades' anti-vector facilities (三防设施), each indicator against its goal in the
domain's standard body."""

from __future__ import annotations

import streamlit as st

from app import charts, db, mosquito
from app import components as ui
from app import formatting as F
from app.domain import DomainContext, open_domain, standard_body
from app.i18n import t
from warehouse import settings


def vector_levels(ctx: DomainContext) -> None:
    """The four pests' control levels: areas × pests in the latest round, then the area's own
    rounds; C is the pass line."""
    st.subheader(t("vector.matrix"), help=t("vector.matrix_help"))
    ids = mosquito.graded_ids(ctx.meta)
    inds = {i: ctx.ind(i) for i in ids}
    grades = db.query("grade_matrix", ctx.version, area=ctx.area.code, grain="quarter",
                      as_of=ctx.as_of, indicators=ids)
    if grades.height == 0:
        st.info(t("vector.none"))
        return
    v = mosquito.vector_levels(grades, inds, ctx.lang)
    st.markdown(F.md(t("vector.round", period=F.period(v.period, "quarter", ctx.lang),
                       passed=F.DASH if v.passed is None else f"{v.passed}/{v.graded}")))
    labels = {"x": t("vector.col.area"), "y": t("vector.col.pest"),
              "value": t("vector.col.grade"), "colours": mosquito.grade_colours(ctx.lang),
              "y_order": [t(f"vector.pest.{i}") for i in ids]}
    order = list(dict.fromkeys(v.latest["x"].to_list()))
    st.altair_chart(charts.cell_grid(v.latest, {**labels, "x_order": order}), width="stretch",
                    height=charts.grid_height(v.latest) + 60)
    table = mosquito.grade_table(v.latest, ctx.lang)
    with st.expander(t("ui.as_table")):
        st.dataframe(table, hide_index=True, width="stretch")
    ui.downloads(table, f"vector_levels_{ctx.area.code}", key="dl_vector")
    st.markdown(f"**{F.md(t('vector.history', area=ctx.area.name))}**")
    st.altair_chart(charts.cell_grid(v.rounds, {**labels, "x": t("vector.col.period"),
                                                 "x_order": v.round_order}), width="stretch",
                    height=charts.grid_height(v.rounds) + 60)


def extras(ctx: DomainContext, ind: dict, grain: str, values) -> None:
    # 0/ the four pests' control levels (a veto condition of the sanitary city)
    vector_levels(ctx)
    # 1/ weekly density against the same week last year (complete weeks by the as-of date)
    st.subheader(t("mosq.weekly"))
    weeks = mosquito.season_weeks(ctx.version, ctx.area.code, ctx.as_of, ctx.lang)
    if weeks.height:
        st.altair_chart(charts.seasons(weeks, {"week": t("mosq.iso_week"),
                                               "value": t("col.value"),
                                               "season": t("mosq.season")}), width="stretch")
        ui.downloads(weeks, f"weekly_density_{ctx.area.code}", key="dl_weeks")
    else:
        st.info(t("empty.no_values"))
    # 2/ sites over the alert rule on the as-of date (the same query as the map's site layer)
    st.subheader(t("mosq.alert_sites"))
    sites = db.query("light_trap_sites", ctx.version, area=ctx.area.code, as_of=ctx.as_of,
                     rule=settings.ALERT_RULE, k=settings.ALERT_K)
    st.caption(F.md(mosquito.alert_rule_text(sites, ctx.lang)))
    over = mosquito.alert_table(sites, ctx.lang)
    if over.height == 0:
        st.success(t("mosq.alert_none", date=ctx.as_of.isoformat()))
    else:
        st.dataframe(over, hide_index=True, width="stretch")
        ui.downloads(over, f"alert_sites_{ctx.area.code}", key="dl_alerts")
    # 3/ route-index grades by district (or street) as bands, C the pass line
    st.subheader(t("mosq.route_grades"))
    route = ctx.ind("route_index")
    grades = route["grades"]
    lines = mosquito.route_lines(ctx.version, ctx.area, ctx.as_of, ctx.lang)
    if lines.height:
        names = {g["grade"]: (g["label_zh"] if ctx.lang == "zh" else g["label_en"])
                 for g in grades}
        st.altair_chart(charts.graded_trend(lines, grades, {
            "value": t("col.value"), "grade": t("col.grade"), "period": t("col.period"),
            "area": t("col.area"), "grade_names": names, "pass_grade": route["pass_grade"]}),
            width="stretch")
        ui.downloads(lines, f"route_index_grades_{ctx.area.code}", key="dl_grades")
    # 4/ the key trades' anti-vector facilities (三防设施) in the latest month, by trade
    st.subheader(t("mosq.facilities"), help=t("mosq.facilities_help"))
    trades = db.query("antivector_by_trade", ctx.version, area=ctx.area.code, as_of=ctx.as_of)
    if trades.height:
        goal = ctx.assessment("antivector_facility_pass_rate_rodent").get("goal")
        st.caption(t("mosq.facilities_month", month=F.period(trades["month"][0], "month",
                                                              ctx.lang)))
        table = mosquito.facility_table(trades, goal, ctx.lang)
        st.dataframe(table, hide_index=True, width="stretch")
        ui.downloads(table, f"antivector_by_trade_{ctx.area.code}", key="dl_trades")
        if ctx.area.level in ("city", "district"):
            month = trades["month"][0]
            by_area = mosquito.facilities_by_area(*(
                db.query("children_values", ctx.version, indicator=i, grain="month",
                         period=month, parent=ctx.area.code)
                for i in ("antivector_facility_pass_rate_rodent",
                          "antivector_facility_pass_rate_fly")), ctx.lang)
            level = "district" if ctx.area.level == "city" else "street"
            title = t("mosq.facilities_by_area", level=t(f"mosq.level.{level}"),
                      month=F.period(month, "month", ctx.lang))
            st.markdown(f"**{F.md(title)}**")
            st.dataframe(by_area, hide_index=True, width="stretch")
            ui.downloads(by_area, f"antivector_by_area_{ctx.area.code}", key="dl_trades_area")
    else:
        st.info(t("mosq.facilities_none"))


standard_body(open_domain("mosquito"), extras)
