"""问题台账 Problem ledger: open problems on the map and in a list, 督办 per responsible unit with
its notice (PDF/XLSX), the weekly trend, the units ranked by on-time closure, then the problem
indicators against their stage goals (the shared domain body, with the source rows)."""

from __future__ import annotations

import streamlit as st

from app import charts, db, maps
from app import components as ui
from app import formatting as F
from app import problems as P
from app.domain import open_domain, standard_body
from app.i18n import t
from warehouse import settings

# 1/ frame and filters
ctx = open_domain("problems")
version, area, lang, as_of = ctx.version, ctx.area, ctx.lang, ctx.as_of
st.caption(t("problems.intro"))
span = db.query("problem_dates", version).row(0, named=True)
if not span["items"]:
    st.info(t("problems.none"))
    ui.footer(version)
    st.stop()
if span["latest_date"] is not None and span["latest_date"] < as_of:
    st.caption(t("problems.ledger_ends", latest=F.date(span["latest_date"])))
if settings.PROBLEMS_INCLUDE_WATERLOGGING:
    st.caption(t("problems.with_waterlogging", days=settings.PROBLEMS_WATERLOGGING_DAYS))

# 2/ data: every problem of the area on the date, then the filters
with st.spinner(t("loading")):
    got = ui.map_inputs(version, area.code, as_of)
items = got["problems"]
pick = {
    "category": ui.url_multiselect(t("problems.filter_category"),
                                   P.choices(items, "category", P.CATEGORIES), "category", [],
                                   lambda v: P.word("category", v, lang), lang),
    "found_by": ui.url_multiselect(t("problems.filter_found_by"),
                                   P.choices(items, "found_by", P.FOUND_BY), "found_by", [],
                                   lambda v: P.word("found_by", v, lang), lang),
    "unit": ui.url_multiselect(t("problems.filter_unit"),
                               P.choices(items, "responsible_unit", ()), "unit", [], str, lang),
    "state": ui.url_multiselect(t("problems.filter_state"), P.STATES, "state",
                                list(P.OPEN_STATES), lambda v: P.word("state", v, lang), lang),
}
overdue_only = ui.url_toggle(t("problems.filter_overdue"), "overdue")
shown = P.filtered(items, pick["category"], pick["found_by"], pick["unit"], pick["state"],
                   bool(overdue_only))

# 3/ headline counts (the whole area on the date, whatever the filters)
n = P.counts(items, as_of)
monday, _ = P.week_of(as_of)
c1, c2, c3, c4, c5 = st.columns(5)
c1.metric(t("problems.metric_open"), n["open"])
c2.metric(t("problems.metric_overdue"), n["overdue"])
c3.metric(t("problems.metric_units"), n["units"])
week_known = span["latest_date"] is not None and span["latest_date"] >= monday
c4.metric(t("problems.metric_found_week"), n["found_week"] if week_known else F.DASH)
c5.metric(t("problems.metric_closed_week"), n["closed_week"] if week_known else F.DASH)
st.caption(t("problems.week_of" if week_known else "problems.week_unknown",
             monday=F.date(monday), end=F.date(as_of)))

# 4/ the map: open problems of the selection over the grid statuses
st.subheader(t("problems.map"))
st.caption(t("problems.map_help"))
mv = maps.map_view(got["areas"], got["points"], got["sites"], area.code, [], [],
                   settings.STALE_DAYS, settings.MAP_MAX_GRIDS, items, settings.OVERDUE_DAYS)
view = maps.fit_view(mv.box)
problem_markers, rolled_up = maps.markers("problems", shown, ui.area_names(version), lang,
                                          settings.MAP_MAX_MARKERS)
if rolled_up is not None:
    st.info(t("map.too_many_markers", what=t("map.many.problems", n=rolled_up)))
st.pydeck_chart(maps.deck([
    *maps.tile_layers(settings.TILE_URL, view),
    *maps.area_layers(mv.drawn_areas, mv.drawn_states, lang, settings.STALE_DAYS,
                      settings.OVERDUE_DAYS),
    problem_markers], view), height=maps.MAP_HEIGHT, key="problems_map",
    alt=t("problems.map"))
st.markdown(maps.legend_html(maps.legend_items(lang, settings.STALE_DAYS, settings.ALERT_RULE,
                                               settings.ALERT_K, settings.OVERDUE_DAYS,
                                               ("problems",))), unsafe_allow_html=True)
no_coords = shown.filter(shown["is_open"] & shown["lon"].is_null()).height
if no_coords:
    st.caption(t("problems.no_coords", n=no_coords))

# 5/ the list
st.subheader(t("problems.table"))
if shown.height == 0:
    st.info(t("problems.table_none"))
else:
    st.caption(t("problems.table_help"))
    ui.long_table(P.table(shown, lang), f"problems_{area.code}_{as_of:%Y%m%d}", "dl_problems")

# 6/ 督办: per responsible unit, with its notice
st.subheader(t("problems.supervise"))
st.caption(t("problems.supervise_help"))
units = P.by_unit(items)
if units.height == 0:
    st.success(t("problems.no_open_units"))
else:
    st.dataframe(P.unit_table(units, lang), hide_index=True, width="stretch",
                 height=320 if units.height > 8 else "auto")
    if ui.can_download():
        names = units["responsible_unit"].to_list()
        notices = ui.notices(version, items, names, as_of)
        unit = st.selectbox(t("problems.pick_unit"), names, key="problems_unit")
        c1, c2, c3 = st.columns(3)
        ui.notice_buttons(notices, names.index(unit), as_of, (c1, c2, c3))

# 7/ trend and ranking
st.subheader(t("problems.trend"))
st.caption(t("problems.trend_help"))
weeks = db.query("problem_weeks", version, area=ui.own_code(area), as_of=as_of)
n_weeks = st.slider(t("problems.weeks_shown"), 8, 104, 26, step=1, key="problems_weeks")
labels = {"week": t("problems.col.week"), "count": t("problems.col.count"),
          "series": t("problems.col.measure"), "found": t("problems.series.found"),
          "closed": t("problems.series.closed"), "overdue": t("problems.series.overdue")}
long = P.weeks_long(weeks, n_weeks, lang)
st.altair_chart(charts.problem_weeks(long, labels), width="stretch")
ui.downloads(long, f"problem_weeks_{area.code}", key="dl_problem_weeks")

st.subheader(t("problems.ranking"))
grain = ui.url_widget(st.segmented_control, t("problems.ranking_grain"),
                      ["month", "quarter", "year"], "rank_grain", "quarter",
                      format_func=lambda g: t(f"problems.grain.{g}", lang)) or "quarter"
ranked = db.query("problem_unit_ranking", version, area=ui.own_code(area), grain=grain,
                  as_of=as_of)
if ranked.height == 0:
    st.info(t("problems.ranking_none"))
else:
    period = F.period(ranked["period_start"][0], grain, lang)
    st.caption(t("problems.ranking_help", period=period))
    rt = P.ranking_table(ranked, lang)
    st.dataframe(rt, hide_index=True, width="stretch", height=360 if rt.height > 9 else "auto",
                 column_config={t("problems.col.on_time_rate"): st.column_config.ProgressColumn(
                     format="%.1f%%", min_value=0, max_value=100)})
    ui.downloads(rt, f"problem_units_{area.code}_{grain}", key="dl_problem_rank")

# 8/ the problem indicators against their stage goals, the areas below, the source rows
st.divider()
st.subheader(t("problems.provenance"))
standard_body(ctx)
