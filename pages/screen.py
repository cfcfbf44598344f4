"""指挥大屏 Command screen: one dark, large-type screen for the leadership wall (no sidebar) — the
overview's headline tiles and counts, the city map of grid statuses, each district's statuses,
this week's waterlogging and problem figures, how far the data reach; it refreshes itself when a
new data version is published, and with ?rotate=N shows the city and each district in turn, N
seconds each."""

from __future__ import annotations

import streamlit as st

from app import components as ui
from app import db, maps
from app import overview as O
from app import problems as P
from app import screen as S
from app.i18n import current_lang, t
from warehouse import settings

# 1/ frame: the app's date and language from the URL; the wall's own style
version = ui.page_frame("nav.screen")
st.markdown(S.STYLE, unsafe_allow_html=True)
lang, as_of = current_lang(), ui.as_of()
names = ui.area_names(version)
city = next((c for c in names if len(c) == 6 and c.endswith("00")), "")
every = S.rotate_seconds(st.query_params.get("rotate"))
focus = S.rotation(city, ui.districts(version), every, S.clock())


@st.fragment(run_every=min(30, every) if every else 30)
def refresh_on_publish() -> None:
    """Every 30 s (or each rotation step): a newer data version, or the next area of the
    rotation, reruns the whole screen (no restart, no click)."""
    if db.current_version() != version or (
            every and S.rotation(city, ui.districts(version), every, S.clock()) != focus):
        st.rerun()


refresh_on_publish()

# 2/ data: the overview's statuses and tiles; the map's inputs; this week's figures
with st.spinner(t("loading")):
    statuses = db.statuses(version, as_of, ("city", "district"))
    meta = db.query("indicator_meta", version)
    running = db.running_values(version, focus, as_of)
    got = ui.map_inputs(version, focus, as_of)
mine = {r["indicator_id"]: r for r in statuses.iter_rows(named=True) if r["area_code"] == focus}
tiles = [O.tile(m, mine.get(m["indicator_id"]), lang, running.get(m["indicator_id"]))
         for m in meta.iter_rows(named=True) if m["headline"]]
count = O.status_counts(statuses, focus)
monday, _ = P.week_of(as_of)
ledger_end = db.query("weekly_ledger_dates", version)["latest"][0]
water = S.water_totals(db.query("weekly_waterlogging", version, area=focus, monday=monday,
                                sunday=as_of, stale_days=settings.STALE_DAYS)) \
    if ledger_end is not None and ledger_end >= monday else None
span = db.query("problem_dates", version).row(0, named=True)
week_known = span["latest_date"] is not None and span["latest_date"] >= monday
mv = maps.map_view(got["areas"], got["points"], got["sites"], focus, [], [],
                   settings.STALE_DAYS, settings.MAP_MAX_GRIDS, got["problems"],
                   settings.OVERDUE_DAYS)

# 3/ render: head, then tiles | map | districts, this week, data reach
st.markdown(S.head(names.get(city, "") if focus == city else
                   t("screen.focus", city=names.get(city, ""), district=names.get(focus, "")),
                   as_of, version, lang), unsafe_allow_html=True)
st.markdown(S.counts_html(t("overview.count", area=names.get(focus, ""),
                           on=count.get("on_track", 0), risk=count.get("at_risk", 0),
                           off=count.get("off_track", 0), inc=count.get("incomplete", 0))),
            unsafe_allow_html=True)
left, centre, right = st.columns([1.15, 2.1, 1.15], gap="small")
left.markdown(S.tiles_html(tiles, lang) + S.ends_html(db.fact_ends(version), lang),
              unsafe_allow_html=True)
with centre:
    st.markdown(f'<div class="hc-h">{S.esc(t("screen.map"))}</div>', unsafe_allow_html=True)
    view = maps.fit_view(mv.box, width=1100, height=maps.WALL_HEIGHT)
    st.pydeck_chart(maps.deck(maps.area_layers(mv.drawn_areas, mv.drawn_states, lang,
                                               settings.STALE_DAYS, settings.OVERDUE_DAYS),
                              view, height=maps.WALL_HEIGHT),
                    height=maps.WALL_HEIGHT, key="wall_map", alt=t("screen.map"))
right.markdown(S.districts_html(S.district_counts(statuses, names), lang)
               + S.week_html(water, P.counts(got["problems"], as_of), week_known,
                             settings.STALE_DAYS, lang), unsafe_allow_html=True)
