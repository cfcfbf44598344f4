"""周报导出 Weekly snapshot: pick a week (and a district), build the dispatch briefing, download
the PDF, the XLSX, or everything as a ZIP."""

from __future__ import annotations

import datetime as dt
import io
import json
import time
import zipfile

import polars as pl
import streamlit as st

from app import components as ui
from app import db
from app.i18n import current_lang, t
from app.snapshot import build as B
from app.snapshot import text as T
from app.snapshot.pack import make

# 1/ frame and options
version = ui.page_frame("weekly.title")
st.caption(t("weekly.intro"))
areas = db.query("areas", version)
cover = db.query("weekly_coverage", version, monday=dt.date(1900, 1, 1),
                 area=areas["area_code"][0]).row(0, named=True)
first, last = cover["first_week"], cover["last_week"]
weeks = []
day = last
while first is not None and day >= first:
    weeks.append(B.week_of(day))
    day -= dt.timedelta(days=7)
# "Last week": the week before the current one, or the latest week with data if that is older.
default = B.week_of(min(dt.date.today() - dt.timedelta(days=7), last)) if weeks else None


lang = current_lang()   # NOTE: captured: AppTest calls format_func outside the script run


def week_label(w: str) -> str:
    _y, _n, monday, sunday = B.parse_week(w)
    return t("weekly.week_option", lang, week=w, monday=monday, sunday=sunday)


c1, c2 = st.columns([2, 1])
week = c1.selectbox(t("weekly.week"), weeks, index=weeks.index(default) if default in weeks else 0,
                    format_func=week_label, key="w_week")
districts = areas.filter(pl.col("area_level") == "district")
names = dict(zip(districts["area_code"], districts["name_zh"]))
district = c2.selectbox(t("weekly.district"), ["", *districts["area_code"]], key="w_scope",
                        format_func=lambda c: t("weekly.whole_city", lang) if c == "" else names[c])


@st.cache_data(max_entries=16, show_spinner=False)
def _pack(wdir: str, version: int, week: str, district: str | None):
    started = time.perf_counter()
    pack = make(db.connection(version), db.current_info(), week, district)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(f"{pack.stem}.pdf", pack.pdf)
        z.writestr(f"{pack.stem}.xlsx", pack.xlsx)
        for n, b in pack.charts.items():
            z.writestr(f"charts/{n}", b)
        z.writestr("manifest.json", json.dumps(pack.manifest, ensure_ascii=False, indent=1))
    return pack, buf.getvalue(), time.perf_counter() - started


# 2/ build (cached per warehouse, version, week and scope) and download
try:
    with st.spinner(t("weekly.building", week=week)):
        pack, zipped, seconds = _pack(str(db.warehouse_dir()), version, week, district or None)
except B.SnapshotError as e:
    st.error(t("weekly.error", message=str(e)))
    st.stop()
s = pack.snapshot
st.success(t("weekly.done", title=s.title, issue=s.issue, version=s.version, seconds=seconds))
d1, d2, d3 = st.columns(3)
d1.download_button(t("weekly.download_pdf"), pack.pdf, f"{pack.stem}.pdf",
                   mime="application/pdf", key="dl_pdf", type="primary")
d2.download_button(t("weekly.download_xlsx"), pack.xlsx, f"{pack.stem}.xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   key="dl_xlsx")
d3.download_button(t("weekly.download_zip"), zipped, f"{pack.stem}.zip",
                   mime="application/zip", key="dl_zip")
st.subheader(t("weekly.preview"))
st.markdown(f"**{s.title}**  \n{s.issue}")
st.markdown("\n".join(f"- {line}" for line in s.overview))
table = s.sections["indicators"].table.drop("indicator_id")
st.dataframe(table, hide_index=True, width="stretch", column_config={
    c: st.column_config.NumberColumn(format="%.2f") for c in
    (T.COLS["value"], T.COLS["goal"], T.COLS["gap"], T.COLS["d_week"], T.COLS["d_month"])})
st.caption(t("weekly.cli"))
st.code(f"python -m app.snapshot --week {week}" + (f" --district {district}" if district
                                                  else "") + f" --out {t('weekly.out_dir')}", language="bash")
ui.footer(version)
