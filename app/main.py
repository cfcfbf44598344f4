"""Router: page config, the shared frame, st.navigation over pages/."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))   # NOTE: `streamlit run app/main.py` only adds app/ to the path

import streamlit as st  # noqa: E402

st.set_page_config(page_title="健康城市驾驶舱", page_icon="🏙️", layout="wide")
nav = st.navigation([
    st.Page(ROOT / "pages" / "overview.py", title="指标总览", icon="📊", default=True),
])
nav.run()
