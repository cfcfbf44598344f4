"""健康细胞与控烟 Healthy cells and tobacco control: every creation rate (healthy cells, sanitary
villages and towns, smoke-free units) against its goal in the domain's standard body; the rates
by type and area; units in force by level and on the map; designations about to expire; the
literacy survey's smoking and new-media rates."""

from __future__ import annotations

import streamlit as st

from app import charts, db, maps
from app import components as ui
from app import creation as C
from app import formatting as F
from app.domain import DomainContext, open_domain, standard_body
from app.i18n import t
from warehouse import settings


def rates(ctx: DomainContext) -> None:
    """Areas × types, each cell the latest complete rate coloured by its status."""
    ids = tuple(ctx.meta["indicator_id"].to_list())
    levels = ("city", "district") if ctx.area.level == "city" else ("district",)
    statuses = db.statuses(ctx.version, ctx.as_of, levels, indicators=ids)
    cells = C.rate_cells(statuses, ctx.meta, ui.area_names(ctx.version), ctx.lang,
                         only=None if ctx.area.level == "city" else ctx.area.code)
    if cells.height == 0:
        st.info(t("creation.rates_none"))
        return
    period = F.period(cells["period_start"].max(), cells["period_grain"][0], ctx.lang)
    st.subheader(t("creation.rates", period=period), help=t("creation.rates_help"))
    order = list(dict.fromkeys(cells.sort("area_code")["x"].to_list()))
    labels = {"x": t("creation.col.area"), "y": t("creation.col.type"),
              "value": t("creation.col.rate"), "verdict": t("col.status"), "x_order": order,
              "y_order": list(dict.fromkeys(cells["y"].to_list())),
              "colours": C.status_colours(ctx.lang)}
    st.altair_chart(charts.cell_grid(cells, labels), width="stretch",
                    height=charts.grid_height(cells) + 60)
    table = C.rate_table(cells, ctx.lang)
    with st.expander(t("ui.as_table")):
        st.dataframe(table, hide_index=True, width="stretch")
    ui.downloads(table, f"creation_rates_{ctx.area.code}", key="dl_rates")


def units(ctx: DomainContext) -> None:
    """Units in force by level, on the map, and the designations about to expire."""
    got = db.query("creation_units", ctx.version, area=ctx.area.code, as_of=ctx.as_of,
                   days=C.EXPIRING_DAYS)
    st.subheader(t("creation.counts", date=F.date(ctx.as_of)))
    counts = C.level_counts(got, ctx.lang)
    if counts.height == 0:
        st.info(t("creation.rates_none"))
        return
    st.dataframe(counts, hide_index=True, width="stretch")
    ui.downloads(counts, f"creation_counts_{ctx.area.code}", key="dl_counts")
    st.subheader(t("creation.map"))
    layers, view, rolled_up = C.map_parts(
        db.query("map_areas", ctx.version, area=ctx.area.code), got, ctx.area.code, ctx.lang,
        ui.area_names(ctx.version), settings.MAP_MAX_MARKERS)
    if C.mapped(got):
        if rolled_up is not None:
            st.info(t("map.too_many_markers", what=t("creation.many_units", n=rolled_up)))
        st.pydeck_chart(maps.deck([*maps.tile_layers(settings.TILE_URL, view), *layers], view),
                        height=maps.MAP_HEIGHT, key="creation_map")
        st.markdown(maps.legend_html(C.legend(ctx.lang, rolled_up is not None)),
                    unsafe_allow_html=True)
    else:
        st.info(t("creation.map_none"))
    if C.unmapped(got):
        st.caption(t("creation.map_missing", n=C.unmapped(got)))
    soon = C.expiring(got, ctx.as_of, ctx.lang)
    st.subheader(t("creation.expiring", days=C.EXPIRING_DAYS, n=soon.height),
                 help=t("creation.expiring_help", days=C.EXPIRING_DAYS))
    if soon.height == 0:
        st.success(t("creation.expiring_none", days=C.EXPIRING_DAYS))
    else:
        st.dataframe(soon, hide_index=True, width="stretch")
        ui.downloads(soon, f"creation_expiring_{ctx.area.code}", key="dl_expiring")
    if C.lapsed(got):
        st.caption(t("creation.lapsed", n=C.lapsed(got)))


def tobacco(ctx: DomainContext) -> None:
    """The literacy survey's smoking and new-media rates as tiles, each with n and its CI."""
    st.subheader(t("creation.tobacco"), help=t("creation.tobacco_help"))
    meta = db.query("indicator_meta", ctx.version)
    grains = {m["indicator_id"]: m["status_grain"] for m in meta.iter_rows(named=True)}
    statuses = db.statuses(ctx.version, ctx.as_of, (ctx.area.level,), ctx.area.parent_code,
                           indicators=C.TOBACCO)
    for col, iid in zip(st.columns(len(C.TOBACCO)), C.TOBACCO):
        series = db.series(ctx.version, iid, ctx.area.code, grains[iid], ctx.as_of)
        shown, ci = C.tobacco_tile(iid, meta, statuses, series, ctx.area.code, ctx.lang)
        with col.container(border=True):
            st.markdown(f"**{F.md(shown.title)}**")
            st.metric(shown.title, shown.value, label_visibility="collapsed",
                      chart_data=shown.spark if len(shown.spark) > 1 else None,
                      chart_type="line", border=False)
            ui.badge(shown.assessment.get("status", "no_data"))
            st.caption("  \n".join(F.md(line) for line in [*shown.lines, *([ci] if ci else [])]))


def extras(ctx: DomainContext, ind: dict, grain: str, values) -> None:
    rates(ctx)
    units(ctx)
    tobacco(ctx)


standard_body(open_domain("creation"), extras)
