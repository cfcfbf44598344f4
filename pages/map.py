"""积水点与网格 Map: grid cells by status, waterlogging points by status, light-trap sites by
density (pydeck, offline: no basemap unless settings.TILE_URL names the city's tile server)."""

from __future__ import annotations

import polars as pl
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
st.caption(t("map.caption_as_of", area=area.name))
if span["latest_date"] is not None and span["latest_date"] < as_of:
    st.caption(t("map.ledger_ends", latest=span["latest_date"].isoformat()))

# 2/ data: every point and site of the area on that date; grid status; the points shown
with st.spinner(t("loading")):
    areas = db.query("map_areas", version, area=area.code)
    points = db.query("map_points", version, area=area.code, as_of=as_of)
    sites = db.query("light_trap_sites", version, area=area.code, as_of=as_of,
                     rule=settings.ALERT_RULE, k=settings.ALERT_K)
    meta = db.query("indicator_meta", version)
unit = meta.filter(pl.col("indicator_id") == "mosq_light_trap_density")["unit"]
unit = unit[0] if unit.len() else ""
grid_codes = areas.filter(pl.col("area_level") == "grid")["area_code"]
grids = maps.grid_status(grid_codes, points, sites, settings.STALE_DAYS)
drawn_areas, drawn_states = areas, grids
if grids.height > settings.MAP_MAX_GRIDS:
    # NOTE: tens of thousands of cells would make a page of 100+ MB: streets take the worst
    # status of their grids until a district or street is chosen.
    drawn_areas = areas.filter(pl.col("area_level") != "grid")
    drawn_states = maps.roll_up(grids, areas)
    st.info(t("map.too_many_grids", n=grids.height))
shown = points.filter(pl.col("status_as_of").is_in(statuses)
                      & pl.col("point_class").is_in(classes))

# 3/ render: counts, the map, the legend
c1, c2, c3, c4, c5 = st.columns(5)
c1.metric(t("map.metric_open"), int(points["is_open"].sum()))
c2.metric(t("map.metric_stale", days=settings.STALE_DAYS), int(grids["stale_points"].sum()))
c3.metric(t("map.metric_red"), grids.filter(pl.col("status") == "red").height)
c4.metric(t("map.metric_alert"), int(sites["alert"].sum()))
c5.metric(t("map.metric_shown"), shown.height)
st.caption(t("map.intro"))
box = maps.bounds(areas.filter(pl.col("area_code") == area.code)["geometry"]) \
    or maps.bounds(areas["geometry"])
if box is None:
    st.warning(t("map.no_geometry"))
view = maps.fit_view(box)
layers = [*maps.tile_layers(settings.TILE_URL, view),
          *maps.area_layers(drawn_areas, drawn_states, lang, settings.STALE_DAYS),
          maps.site_layer(sites, lang, unit), maps.point_layer(shown, lang)]
st.pydeck_chart(maps.deck(layers, view), height=maps.MAP_HEIGHT, key="map",
                alt=t("map.title"))
st.markdown(f"**{t('map.legend')}**", unsafe_allow_html=False)
st.markdown(maps.legend_html(maps.legend_items(lang, settings.STALE_DAYS, settings.ALERT_RULE,
                                               settings.ALERT_K)), unsafe_allow_html=True)
st.caption(t("map.rule_note"))
if settings.TILE_URL:
    st.caption(t("map.basemap", url=settings.TILE_URL))

# 4/ export: the points shown, with their grid's status
st.subheader(t("map.table"))
if shown.height == 0:
    st.info(t("map.no_points"))
else:
    st.caption(t("map.table_help"))
    words = {s: maps.status_label(s, lang) for s in maps.POINT_STATUSES} \
        | {c: maps.class_label(c, lang) for c in maps.CLASSES} \
        | {k: maps.type_label(k, lang) for k in maps.TYPE_KEYS} \
        | {g: maps.grid_label(g, lang) for g in maps.GRID_STATUSES}

    def said(col: str) -> pl.Expr:
        return pl.col(col).replace(words)

    table = shown.join(grids.select("grid_code", "status"), on="grid_code", how="left").select(
        pl.col("point_id").alias(t("map.col.point_id")),
        said("point_class").alias(t("map.col.class")),
        said("point_type").alias(t("map.col.type")),
        said("status_as_of").alias(t("map.col.status")),
        pl.col("found_date").map_elements(F.date, return_dtype=pl.Utf8)
        .alias(t("map.col.found_date")),
        pl.col("days_open").alias(t("map.col.days_open")),
        pl.when(pl.col("larvae_found")).then(pl.lit(t("map.yes")))
        .when(pl.col("larvae_found").not_()).then(pl.lit(t("map.no")))
        .alias(t("map.col.larvae")),
        pl.col("responsible_unit").alias(t("map.col.responsible_unit")),
        pl.col("street_name").alias(t("map.col.street")),
        pl.col("grid_name").alias(t("map.col.grid")),
        pl.col("grid_code").alias(t("map.col.grid_code")),
        said("status").alias(t("map.col.grid_status")),
        said("ledger_status").alias(t("map.col.ledger_status")),
        pl.col("eliminated_date").map_elements(F.date, return_dtype=pl.Utf8)
        .fill_null(F.DASH).alias(t("map.col.eliminated_date")),
        pl.col("lon").alias(t("map.col.lon")), pl.col("lat").alias(t("map.col.lat")))
    table = table.with_columns(pl.col(pl.Utf8).fill_null(F.DASH))
    st.dataframe(table, hide_index=True, width="stretch",
                 height=360 if table.height > 9 else "auto")
    ui.downloads(table, f"waterlogging_points_{area.code}_{as_of:%Y%m%d}", key="dl_map_points")
ui.footer(version)
