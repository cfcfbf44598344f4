"""简报导出 Briefings: pick the rhythm (周调度 weekly, 月通报 monthly, 季考核 quarterly), the period
and the scope, build the briefing on request (the page opens at once), download the PDF, the
XLSX, or everything as a ZIP."""

from __future__ import annotations

import streamlit as st

from app import auth, db
from app import components as ui
from app import formatting as F
from app.i18n import current_lang, t
from app.snapshot import build as B

# 1/ frame and options: the default period is the latest complete one by the app's date that
# the warehouse holds values for
version = ui.page_frame("weekly.title")
st.caption(t("weekly.intro"))
lang, as_of = current_lang(), ui.as_of()
kind = ui.url_widget(st.segmented_control, t("weekly.kind"), list(B.KINDS), "kind", "week",
                     format_func=lambda k: t(f"weekly.kind.{k}")) or "week"
cover = db.query("briefing_coverage", version, grain=B.coverage_grain(kind))
periods = {p.key: p for p in B.available(cover["first_start"][0], as_of, kind)}
if not periods:
    st.info(t("weekly.no_periods", date=as_of.isoformat(), kind=t(f"weekly.kind.{kind}")))
    ui.footer(version)
    st.stop()


def period_label(key: str) -> str:
    p = periods[key]
    return t(f"weekly.{kind}_option", lang, week=key, monday=p.start, sunday=p.end,
             year=p.year, number=p.number)


keys = list(periods)
c1, c2 = st.columns([2, 1])
week = c1.selectbox(t("weekly.period"), keys, format_func=period_label, key=f"w_{kind}",
                    index=B.latest_with_data(list(periods.values()), cover["last_start"][0]),
                    help=t("weekly.period_help", date=as_of.isoformat()))
names = ui.area_names(version)
scopes = ui.briefing_scopes(version)
district = c2.selectbox(t("weekly.district"), scopes, key="w_scope",
                        format_func=lambda c: t("weekly.whole_city", lang) if c == "" else names[c])

# 2/ build on request — the button, or ?build=1 in a bookmarked link; once asked for in a
# session, a new period or scope is built at once (cached per warehouse publish, period and
# scope) — then download
command = (f"python -m app.snapshot --{kind} {week}"
           + (f" --district {district}" if district else "") + f" --out {t('weekly.out_dir')}")
if st.button(t("weekly.build"), type="primary", key="w_build"):
    st.session_state["w_asked"] = True
if not (st.session_state.get("w_asked") or st.query_params.get("build") == "1"):
    st.info(t("weekly.build_hint", period=period_label(week)))
    st.caption(t("weekly.cli"))
    st.code(command, language="bash")
    ui.footer(version)
    st.stop()
try:
    with st.spinner(t("weekly.building", week=period_label(week))):
        pack, zipped, seconds = db.briefing(version, week, district or None)
except B.SnapshotError as e:
    st.error(F.md(t("weekly.error", message=str(e))))
    st.stop()
s = pack.snapshot
st.success(F.md(t("weekly.done", title=s.title, issue=s.issue, version=s.version,
                  seconds=seconds)))
d1, d2, d3 = st.columns(3)
exported = {"period": week, "district": district or None, "version": s.version}
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
st.code(command, language="bash")
ui.footer(version)
