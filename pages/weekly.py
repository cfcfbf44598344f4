"""周报导出 Weekly snapshot: pick a week (and a district), build the dispatch briefing, download
the PDF, the XLSX, or everything as a ZIP."""

from __future__ import annotations

import streamlit as st

from app import auth, db
from app import components as ui
from app import formatting as F
from app.i18n import current_lang, t
from app.snapshot import build as B

# 1/ frame and options: the default week is the latest complete week by the app's date
version = ui.page_frame("weekly.title")
st.caption(t("weekly.intro"))
lang, as_of = current_lang(), ui.as_of()
weeks = B.weeks_available(db.connection(version), as_of)
default = B.last_complete_week(as_of)


def week_label(w: str) -> str:
    _y, _n, monday, sunday = B.parse_week(w)
    return t("weekly.week_option", lang, week=w, monday=monday, sunday=sunday)


if not weeks:
    st.info(t("weekly.no_weeks", date=as_of.isoformat()))
    ui.footer(version)
    st.stop()
c1, c2 = st.columns([2, 1])
week = c1.selectbox(t("weekly.week"), weeks, index=weeks.index(default) if default in weeks else 0,
                    format_func=week_label, key="w_week",
                    help=t("weekly.week_help", date=as_of.isoformat()))
names = ui.area_names(version)
scopes = ui.briefing_scopes(version)
district = c2.selectbox(t("weekly.district"), scopes, key="w_scope",
                        format_func=lambda c: t("weekly.whole_city", lang) if c == "" else names[c])

# 2/ build (cached per warehouse publish, week and scope) and download
try:
    with st.spinner(t("weekly.building", week=week)):
        pack, zipped, seconds = db.briefing(version, week, district or None)
except B.SnapshotError as e:
    st.error(F.md(t("weekly.error", message=str(e))))
    st.stop()
s = pack.snapshot
st.success(F.md(t("weekly.done", title=s.title, issue=s.issue, version=s.version,
                  seconds=seconds)))
d1, d2, d3 = st.columns(3)
exported = {"week": week, "district": district or None, "version": s.version}
d1.download_button(t("weekly.download_pdf"), pack.pdf, f"{pack.stem}.pdf",
                   mime="application/pdf", key="dl_pdf", type="primary",
                   on_click=auth.record, args=("briefing_export", {**exported, "file": "pdf"}))
d2.download_button(t("weekly.download_xlsx"), pack.xlsx, f"{pack.stem}.xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   key="dl_xlsx", on_click=auth.record,
                   args=("briefing_export", {**exported, "file": "xlsx"}))
d3.download_button(t("weekly.download_zip"), zipped, f"{pack.stem}.zip",
                   mime="application/zip", key="dl_zip", on_click=auth.record,
                   args=("briefing_export", {**exported, "file": "zip"}))
st.subheader(t("weekly.preview"))
st.caption(t("weekly.preview_note"))
st.markdown(f"**{F.md(s.title)}**  \n{F.md(s.issue)}")
st.markdown("\n".join(f"- {F.md(line)}" for line in s.overview))
st.dataframe(s.sections["indicators"].display, hide_index=True, width="stretch")
st.caption(t("weekly.cli"))
st.code(f"python -m app.snapshot --week {week}" + (f" --district {district}" if district
                                                  else "") + f" --out {t('weekly.out_dir')}",
        language="bash")
ui.footer(version)
