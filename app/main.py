"""Router: page config, the shared frame, st.navigation over pages/ (every page the role may
open listed, none hidden behind "View more": a district reporter's 数据导入 is the last one)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))   # NOTE: `streamlit run app/main.py` only adds app/ to the path

import duckdb  # noqa: E402
import streamlit as st  # noqa: E402

from app import auth, db  # noqa: E402
from app.i18n import t  # noqa: E402

# (file, title key, icon, what the role must be allowed to do: app/accounts.py User.can)
PAGES = [
    ("overview.py", "nav.overview", ":material/dashboard:", "view"),
    ("screen.py", "nav.screen", ":material/tv:", "view"),
    ("garbage.py", "nav.garbage", ":material/recycling:", "view"),
    ("mosquito.py", "nav.mosquito", ":material/pest_control:", "view"),
    ("chronic.py", "nav.chronic", ":material/cardiology:", "view"),
    ("literacy.py", "nav.literacy", ":material/school:", "view"),
    ("satisfaction.py", "nav.satisfaction", ":material/sentiment_satisfied:", "view"),
    ("creation.py", "nav.creation", ":material/verified:", "view"),
    ("map.py", "nav.map", ":material/map:", "view"),
    ("problems.py", "nav.problems", ":material/assignment_late:", "view"),
    ("assessment.py", "nav.assessment", ":material/military_tech:", "view"),
    ("data_status.py", "nav.data_status", ":material/fact_check:", "data_status"),
    ("weekly.py", "nav.weekly", ":material/summarize:", "briefings"),
    ("intake.py", "nav.intake", ":material/upload_file:", "intake"),
    ("admin.py", "nav.admin", ":material/admin_panel_settings:", "admin"),
]

st.set_page_config(page_title=t("app.title"), page_icon="🏙️", layout="wide")
user = auth.require()   # NOTE: nothing below runs for a visitor who is not signed in
available = [p for p in PAGES if (ROOT / "pages" / p[0]).exists() and user.can(p[3])]
nav = st.navigation([st.Page(ROOT / "pages" / f, title=t(k), icon=i, default=(f == "overview.py"))
                     for f, k, i, _ in available], expanded=True)
try:
    with db.PAGE_RUN:
        nav.run()
except (duckdb.Error, OSError) as error:
    # NOTE: e.g. a warehouse folder removed under the app; say so in plain words, not a trace.
    st.error(t("error.query", error=type(error).__name__))
