"""慢病管理 Chronic disease: hypertension and diabetes side by side, EHR, family doctors."""

from __future__ import annotations

import streamlit as st

from app.domain import open_domain, standard_body, trend_section
from app.i18n import t

PAIRS = [("htn_standardized_management_rate", "t2dm_standardized_management_rate"),
         ("htn_bp_control_rate", "t2dm_glucose_control_rate")]


def extras(ctx, ind, grain, values) -> None:
    st.subheader(t("chronic.side_by_side"))
    st.caption(t("chronic.completeness"))
    for i, pair in enumerate(PAIRS):
        cols = st.columns(2)
        for col, iid, who in zip(cols, pair, ("chronic.htn", "chronic.t2dm")):
            with col:
                other = ctx.ind(iid)
                st.markdown(f"**{t(who)} · {other['name_zh' if ctx.lang == 'zh' else 'name_en']}**")
                trend_section(ctx, other, grain if grain in other["grains"] else "month",
                              key=f"pair{i}_{iid}")


standard_body(open_domain("chronic"), extras)
