"""总览 Overview (一屏统览): headline tiles, the off-track list, district ranking — as of the app's
one date."""

from __future__ import annotations

import streamlit as st

from app import components as ui
from app import db
from app import formatting as F
from app import overview as O
from app.i18n import current_lang, t

# 1/ frame and filters
version = ui.page_frame("overview.title")
area = ui.area_filter(version, finest="district")
lang, as_of = current_lang(), ui.as_of()

# 2/ data
with st.spinner(t("loading")):
    statuses = db.statuses(version, as_of, ("city", "district"))
    meta = db.query("indicator_meta", version)
    running = db.running_values(version, area.code, as_of)
names = ui.area_names(version)
ui.data_ends(version, meta["source_table"].unique().to_list())
count = O.status_counts(statuses, area.code)
st.markdown(F.md(t("overview.count", area=area.name, on=count.get("on_track", 0),
                   risk=count.get("at_risk", 0), off=count.get("off_track", 0),
                   inc=count.get("incomplete", 0))))

# 3/ headline tiles, one per headline indicator
st.subheader(t("overview.headlines"))
headlines = [m for m in meta.iter_rows(named=True) if m["headline"]]
mine = {r["indicator_id"]: r for r in statuses.iter_rows(named=True)
        if r["area_code"] == area.code}
# NOTE: at most TILES_PER_ROW tiles side by side, so a value is never cut short.
cols = [c for i in range(0, len(headlines), O.TILES_PER_ROW)
        for c in st.columns(O.TILES_PER_ROW)][:len(headlines)]
for col, ind in zip(cols, headlines):
    a = mine.get(ind["indicator_id"])
    spark = db.series(version, ind["indicator_id"], area.code, ind["status_grain"], as_of)
    tile = O.tile(ind, a, lang, running.get(ind["indicator_id"]),
                  spark["value"].tail(24).to_list())
    with col.container(border=True):
        st.caption(tile.domain)
        st.markdown(f"**{tile.title}**")   # NOTE: in full; a metric label would be cut short
        st.metric(tile.title, tile.value, label_visibility="collapsed",
                  chart_data=tile.spark if len(tile.spark) > 1 else None, chart_type="line",
                  border=False)
        ui.badge((a or {}).get("status", "no_data"))
        st.caption("  \n".join(F.md(line) for line in tile.lines))
ui.downloads(O.headline_download(headlines, mine, lang), f"headlines_{area.code}",
             key="dl_tiles")

# 4/ the off-track list: the city and every district, or the chosen district
group = ui.url_widget(st.segmented_control, t("overview.group_by"), ["domain", "district"],
                      "group", "domain", format_func=lambda g: t(f"overview.group.{g}", lang))
table = O.off_track(statuses, meta, names, area.code, area.level, as_of, lang, group or "domain")
overdue = int(table["overdue"].sum())
table = table.drop("overdue")
st.subheader(F.md(t("overview.exceptions_n", scope=O.list_scope(area, names, lang),
                    n=table.height, overdue=overdue)))
st.caption(t("overview.exceptions_help"))
if table.height == 0:
    st.success(t("overview.exceptions_none"))
else:
    shown = table.rename({c: t(f"overview.col.{c}") for c in table.columns})
    st.dataframe(shown, hide_index=True, width="stretch", height=min(36 * (table.height + 1), 640),
                 column_config={t("overview.col.link"): st.column_config.LinkColumn(
                     display_text=t("overview.open"))})
    ui.downloads(shown.drop(t("overview.col.link")), f"off_track_{area.code}", key="dl_off")

# 4b/ …and the problems past their deadline, by responsible unit
problems = O.overdue_units(db.query("problem_list", version, area=area.code, as_of=as_of),
                           area.code, area.level, as_of, lang)
st.subheader(F.md(t("overview.problems", scope=area.name,
                    n=int(problems[t("problems.col.overdue_n")].sum()) if problems.height else 0,
                    units=problems.height)))
st.caption(t("overview.problems_help"))
if problems.height == 0:
    st.success(t("overview.problems_none"))
else:
    st.dataframe(problems, hide_index=True, width="stretch",
                 height=min(36 * (problems.height + 1), 400),
                 column_config={t("overview.col.unit_link"): st.column_config.LinkColumn(
                     display_text=t("overview.open"))})

# 5/ district ranking per domain and overall
st.subheader(t("overview.ranking"))
st.caption(t("overview.ranking_help"))
ranking, scores = O.ranking(db.ranking(version, as_of, meta), meta, names, lang)
if ranking.height == 0:
    st.info(t("empty.no_values"))
else:
    st.dataframe(ranking, hide_index=True, width="stretch", column_config={
        c: st.column_config.NumberColumn(format="%.2f") for c in scores})
    ui.downloads(ranking, "district_ranking", key="dl_rank")
ui.footer(version)
