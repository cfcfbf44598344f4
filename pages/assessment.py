"""季考核 Quarterly assessment: each district's, street's and department's score for a quarter
from the assessment scheme (template 12), one object's breakdown item by item, and the scheme in
force; the quarterly report (PDF, XLSX with every item's points) to download."""

from __future__ import annotations

import streamlit as st

from app import assessment as A
from app import auth, db
from app import components as ui
from app import formatting as F
from app.i18n import current_lang, t
from app.snapshot import build as B
from app.snapshot.pack import stem

# 1/ frame and the quarter: the latest complete quarter by the app's date
version = ui.page_frame("assess.title")
st.caption(t("assess.intro"))
lang, as_of = current_lang(), ui.as_of()
first = db.query("briefing_coverage", version,
                 grain=B.coverage_grain("quarter"))["first_start"][0]
quarters = {q.key: q for q in B.available(first, as_of, "quarter")}
if not quarters:
    st.info(t("assess.no_quarters", date=F.date(as_of)))
    ui.footer(version)
    st.stop()
keys = list(quarters)
key = ui.url_widget(st.selectbox, t("assess.quarter"), keys, "quarter", keys[0],
                    format_func=lambda k: A.quarter_label(quarters[k].start, quarters[k].end,
                                                          lang),
                    help=t("assess.quarter_help", date=F.date(as_of)))
quarter = quarters[key]
with st.spinner(t("assess.building", quarter=A.quarter_label(quarter.start, quarter.end,
                                                              lang))):
    res = db.assessment(version, quarter.start)
if not res.scheme.height:
    st.info(t("assess.no_scheme", quarter=A.quarter_label(quarter.start, quarter.end, lang)))
    ui.footer(version)
    st.stop()
meta = db.query("indicator_meta", version)
names = A.indicator_names(meta, lang)
areas = ui.area_names(version, lang)

# 2/ scores of one object type
types = A.types_present(res.totals)
otype = ui.url_widget(st.segmented_control, t("assess.type"), types, "type", types[0],
                      format_func=lambda o: t(f"assess.type.{o}")) or types[0]
mine = A.of_type(res.totals, otype)
st.subheader(t("assess.scores"), help=t("assess.scores_help"))
twice = A.last_twice(mine, areas)
if twice:
    st.warning(F.md(t("assess.last_twice_warn", names="、".join(twice))))
st.dataframe(A.scores(res.totals, otype, lang, areas), hide_index=True, width="stretch")

# 3/ one object's breakdown
st.subheader(t("assess.breakdown"))
labels = A.labels(mine, areas)
code = st.selectbox(t("assess.object"), list(labels), format_func=labels.get,
                    key=f"assess_object_{otype}")
row = A.object_row(mine, code)
kind = t(f"assess.type.{otype}")
st.caption(F.md(
    t("assess.breakdown_caption", name=labels[code], score=f"{row['score']:.2f}",
      full=row["full"], rank=row["rank"], n=row["of"], type=kind)
    if row["score"] is not None else t("assess.breakdown_unscored", name=labels[code])))
st.dataframe(A.breakdown(res.items, code, names, lang), hide_index=True, width="stretch")
st.caption(t("assess.rule"))

# 4/ the scheme in force, and the report
st.subheader(t("assess.scheme"), help=t("assess.scheme_help"))
st.dataframe(A.scheme_table(res.scheme, names, lang), hide_index=True, width="stretch")
if auth.can("briefings"):
    name = stem("quarter", quarter.key, auth.district())
    exported = {"period": quarter.key, "version": version}
    c1, c2 = st.columns(2)
    c1.download_button(t("assess.download"), db.briefing_file(version, key, None, "pdf"),
                       f"{name}.pdf", mime="application/pdf", type="primary",
                       on_click=auth.record, args=("briefing_export", {**exported, "file": "pdf"}))
    c2.download_button(t("assess.download_xlsx"), db.briefing_file(version, key, None, "xlsx"),
                       f"{name}.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       on_click=auth.record, args=("briefing_export",
                                                   {**exported, "file": "xlsx"}))
ui.footer(version)
