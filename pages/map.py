"""积水点与网格 Map: grid cells by status, waterlogging points by status, open problems,
light-trap sites by density (pydeck, offline: no basemap unless settings.TILE_URL names the
city's tile server)."""

from __future__ import annotations

import streamlit as st

from app import components as ui
from app import db, maps
from app import formatting as F
from app.i18n import current_lang, t
from warehouse import settings

# 1/ frame and filters
version = ui.page_frame("map.title")
area = ui.area_filter(version, finest="street")
lang = current_lang()
as_of = ui.as_of()
span = db.query("map_dates", version).row(0, named=True)
statuses = ui.url_multiselect(t("map.filter_status"), maps.POINT_STATUSES, "status",
                           list(maps.OPEN_STATUSES), lambda s: maps.status_label(s, lang), lang)
classes = ui.url_multiselect(t("map.filter_class"), maps.CLASSES, "class", list(maps.CLASSES),
                          lambda c: maps.class_label(c, lang), lang)
st.caption(F.md(t("map.caption_as_of", area=area.name)))
if span["latest_date"] is not None and span["latest_date"] < as_of:
    st.caption(t("map.ledger_ends", latest=span["latest_date"].isoformat()))

layers_on = ui.url_multiselect(t("map.layers"), maps.LAYERS, "layers", list(maps.LAYERS),
                              lambda k: t(f"map.layer.{k}", lang), lang)

# 2/ data: every point, site and problem of the area on that date; grid status; points shown
with st.spinner(t("loading")):
    got = ui.map_inputs(version, area.code, as_of)
    meta = db.query("indicator_meta", version)
sites = got["sites"]
unit = next((F.unit(m, lang) for m in meta.iter_rows(named=True)
             if m["indicator_id"] == "mosq_light_trap_density"), "")
mv = maps.map_view(got["areas"], got["points"], sites, area.code, statuses, classes,
                   settings.STALE_DAYS, settings.MAP_MAX_GRIDS, got["problems"],
                   settings.OVERDUE_DAYS)
if mv.rolled_up:
    st.info(t("map.too_many_grids", n=mv.grids.height))

# 3/ render: counts, the map, the legend
c1, c2, c3, c4, c5, c6 = st.columns(6)
c1.metric(t("map.metric_open"), mv.counts["open"])
c2.metric(t("map.metric_stale", days=settings.STALE_DAYS), mv.counts["stale"])
c3.metric(t("map.metric_overdue"), mv.counts["overdue_problems"])
c4.metric(t("map.metric_red"), mv.counts["red"])
c5.metric(t("map.metric_alert"), mv.counts["alert"])
c6.metric(t("map.metric_shown"), mv.counts["shown"])
st.caption(t("map.intro"))
if mv.box is None:
    st.warning(t("map.no_geometry"))
view = maps.fit_view(mv.box)
layers = [*maps.tile_layers(settings.TILE_URL, view),
          *maps.area_layers(mv.drawn_areas, mv.drawn_states, lang, settings.STALE_DAYS,
                            settings.OVERDUE_DAYS)]
# NOTE: above HC_MAP_MAX_MARKERS markers a layer is drawn one circle per street (maps.markers).
names, many = ui.area_names(version), []
for key, frame in (("sites", sites), ("points", mv.shown),
                   ("problems", maps.own_problems(got["problems"]))):
    if key not in layers_on:
        continue
    layer, rolled_up = maps.markers(key, frame, names, lang, settings.MAP_MAX_MARKERS, unit)
    layers.append(layer)
    if rolled_up is not None:
        many.append(t(f"map.many.{key}", n=rolled_up))
if many:
    st.info(t("map.too_many_markers", what="、".join(many) if lang == "zh" else ", ".join(many)))
st.pydeck_chart(maps.deck(layers, view), height=maps.MAP_HEIGHT, key="map",
                alt=t("map.title"))
st.markdown(f"**{t('map.legend')}**", unsafe_allow_html=False)
st.markdown(maps.legend_html(maps.legend_items(lang, settings.STALE_DAYS, settings.ALERT_RULE,
                                               settings.ALERT_K, settings.OVERDUE_DAYS,
                                               layers_on)), unsafe_allow_html=True)
st.caption(t("map.rule_note"))
if settings.TILE_URL:
    st.caption(t("map.basemap", url=settings.TILE_URL))

# 4/ export: the points shown, with their grid's status
st.subheader(t("map.table"))
if mv.shown.height == 0:
    st.info(t("map.no_points"))
else:
    st.caption(t("map.table_help"))
    ui.long_table(maps.points_table(mv.shown, mv.grids, lang),
                  f"waterlogging_points_{area.code}_{as_of:%Y%m%d}", "dl_map_points", 360)
ui.footer(version)
