"""数据状态 Data status: each template's latest period and load, who is late per district, recent
loads and their rejected rows — for the data administrator."""

from __future__ import annotations

import streamlit as st

from app import components as ui
from app import datastatus as D
from app import db
from app import formatting as F
from app.i18n import current_lang, t

# 1/ frame and filters
version = ui.page_frame("datastatus.title")
area = ui.area_filter(version, finest="district")
lang = current_lang()
st.caption(t("datastatus.intro") + " " + t("datastatus.filter_note"))

# 2/ data
with st.spinner(t("loading")):
    templates = db.query("datastatus_templates", version)
    loads = db.query("datastatus_loads", version)
    late = db.query("datastatus_late", version, area=area.code)
    gaps = db.query("datastatus_gaps", version, area=area.code)
    runs = db.query("datastatus_runs", version)
titles = dict(zip(templates["template"], templates["title_zh" if lang == "zh" else "title_en"]))
k = D.kpis(templates, runs, late, area.code)
k1, k2, k3, k4 = st.columns([1, 1.4, 1, 1])
k1.metric(t("datastatus.kpi_templates"), f"{k['loaded']}/{k['templates']}", border=True)
k2.metric(t("datastatus.kpi_last_load"), k["last_load"], border=True)
k3.metric(t("datastatus.kpi_late"), k["late"], help=t("datastatus.kpi_late_help"), border=True)
k4.metric(t("datastatus.kpi_rejected"), k["rejected"], border=True)

# 3/ per template, city-wide: rhythm, latest period, last load, rows
st.subheader(t("datastatus.templates"))
st.caption(t("datastatus.templates_help"))
overview = D.templates_table(templates, loads, lang)
widths = {"no": 45, "template_zh": 125, "template_en": 185, "rhythm": 135, "latest": 115,
          "rows": 60, "last_load": 125}
st.dataframe(overview, hide_index=True, width="stretch", height="content",
             column_config={t(f"datastatus.col.{c}"): st.column_config.Column(width=w)
                            for c, w in widths.items()})
ui.downloads(overview, "data_status_templates", key="dl_ds_templates")

# 4/ who is late: units expected vs received in each periodic template's latest period
st.subheader(t("datastatus.late"))
st.caption(t("datastatus.late_help"))
if late.height == 0:
    st.info(t("datastatus.late_none"))
else:
    matrix, long, late = D.late_tables(late, titles, lang)
    st.dataframe(matrix, hide_index=True, width="stretch", column_config={
        **{c: st.column_config.Column(width=80) for c in matrix.columns[3:]},
        t("datastatus.col.template"): st.column_config.Column(width=175)})
    st.caption(t("datastatus.legend"))
    ui.downloads(long, "data_status_late", key="dl_ds_late")
    detail = D.missing_units(late, area.code, lang)
    if detail.height == 0:
        st.success(t("datastatus.late_all_in"))
    else:
        st.markdown(f"**{F.md(t('datastatus.missing_units', area=area.name))}**")
        st.dataframe(detail, hide_index=True, width="stretch")
        ui.downloads(detail, "data_status_missing_units", key="dl_ds_missing")
    with st.expander(t("datastatus.gaps", n=gaps.height)):
        st.caption(t("datastatus.gaps_help"))
        if gaps.height == 0:
            st.success(t("datastatus.gaps_none"))
        else:
            earlier = D.gaps_table(gaps, titles, lang)
            st.dataframe(earlier, hide_index=True, width="stretch")
            ui.downloads(earlier, "data_status_earlier_gaps", key="dl_ds_gaps")

# 5/ recent loads, newest first, and the rejected rows of one load or of all
st.subheader(t("datastatus.runs"))
st.caption(t("datastatus.runs_help"))
if runs.height == 0:
    st.info(t("datastatus.runs_none"))
else:
    loads_table = D.runs_table(runs, lang)
    st.dataframe(loads_table, hide_index=True, width="stretch", height=320)
    ui.downloads(loads_table, "data_status_loads", key="dl_ds_loads")
    st.subheader(t("datastatus.rejects"))
    st.caption(t("datastatus.rejects_help"))
    labels = D.load_labels(runs, lang)
    run = st.selectbox(t("datastatus.pick_load"), [None, *labels], key="ds_load",
                       format_func=lambda r: t("datastatus.all_loads", lang, n=k["rejected"])
                       if r is None else labels[r])
    rejects = db.query("datastatus_rejects", version, run=run)
    if rejects.height == 0:
        st.success(t("datastatus.rejects_none_all" if run is None
                     else "datastatus.rejects_none_run"))
    else:
        bad = D.rejects_table(rejects, ui.column_labels(version), lang)
        st.dataframe(bad, hide_index=True, width="stretch", column_config={
            t("datastatus.col.reason"): st.column_config.Column(width="large")})
        ui.downloads(bad, "data_status_rejects", key="dl_ds_rejects")
ui.footer(version)
