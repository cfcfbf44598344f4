"""管理 Administration (admin only): accounts — add, reset a password, remove, every change
audited — and the audit log (logins, failed logins, loads, rollbacks, account changes, briefing
exports)."""

from __future__ import annotations

import secrets

import streamlit as st

from app import accounts, auth
from app import admin as A
from app import components as ui
from app.i18n import current_lang, t

# 1/ frame
version = ui.page_frame("admin.title")
lang, me = current_lang(), auth.user()
names = ui.area_names(version)

# 2/ accounts
st.subheader(t("admin.users"))
st.caption(t("admin.users_help"))
st.dataframe(A.users_table(lang, names), hide_index=True, width="stretch")
with st.expander(t("admin.add")):
    with st.form("add_user", clear_on_submit=True):
        c1, c2, c3 = st.columns(3)
        name = c1.text_input(t("admin.col.name"))
        role = c2.selectbox(t("admin.col.role"), accounts.ROLES,
                            format_func=lambda r: auth.role_name(r, lang))
        district = c3.selectbox(t("admin.col.district"), ["", *ui.districts(version)],
                                format_func=lambda c: t("admin.no_district", lang) if c == ""
                                else names.get(c, c))
        if st.form_submit_button(t("admin.add_submit")):
            one_time = secrets.token_urlsafe(9)
            try:
                A.add_user(me.name, name.strip(), role, district, one_time)
            except accounts.AccountError as e:
                st.error(str(e).split(" / ")[0 if lang == "zh" else -1])
            else:
                st.success(t("admin.added", name=name.strip(), password=one_time))
with st.expander(t("admin.manage")):
    others = [u["name"] for u in accounts.users()]
    who = st.selectbox(t("admin.pick_user"), others, key="admin_user")
    c1, c2 = st.columns(2)
    if c1.button(t("admin.reset"), key="admin_reset", disabled=not who):
        one_time = secrets.token_urlsafe(9)
        A.reset_password(me.name, who, one_time)
        st.success(t("admin.reset_done", name=who, password=one_time))
    if c2.button(t("admin.remove"), key="admin_remove", type="primary", disabled=not who):
        try:
            A.remove_user(me.name, who)
        except accounts.AccountError as e:
            st.error(str(e).split(" / ")[0 if lang == "zh" else -1])
        else:
            st.success(t("admin.removed", name=who))

# 3/ the audit log
st.subheader(t("admin.audit"))
st.caption(t("admin.audit_help"))
actions = st.multiselect(t("admin.filter_actions"), list(A.audit.ACTIONS),
                         format_func=lambda a: t(f"audit.{a}", lang), key="admin_actions",
                         placeholder=t("choose"))
log = A.audit_table(lang, names, actions)
if log.height == 0:
    st.info(t("admin.audit_none"))
else:
    st.dataframe(log, hide_index=True, width="stretch", height=420)
    ui.downloads(log, "audit_log", key="dl_audit")
ui.footer(version)
