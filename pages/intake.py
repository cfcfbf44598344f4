"""数据导入 Intake (admin and district reporters): drop the departments' files, see exactly what
would change (dry run, nothing published), tick off the plausibility warnings, confirm; send the
rejected rows back as a marked-up workbook; download blank templates; list the data versions and
restore one (admin)."""

from __future__ import annotations

import streamlit as st

from app import auth, intake
from app import components as ui
from app import formatting as F
from app import intake_view as V
from app.i18n import current_lang, t

# 1/ frame: who loads, and for which district
version = ui.page_frame("intake.title")
lang, me = current_lang(), auth.user()
st.caption(t("intake.intro"))
if me.district:
    st.info(F.md(t("intake.district_only", district=ui.area_names(version).get(me.district,
                                                                             me.district))))

# 2/ files → dry run
uploads = st.file_uploader(t("intake.drop"), accept_multiple_files=True,
                           type=["csv", "xlsx", "xlsm", "geojson", "json", "zip"],
                           key="intake_files")
session = V.session(st.session_state)
if st.button(t("intake.dry_run"), type="primary", disabled=not uploads, key="intake_check"):
    with st.spinner(t("intake.checking")):
        session.check([(u.name, u.getvalue()) for u in uploads or []], me)
if session.error:
    st.error(F.md(session.error))
report = session.report
names = V.names(version, lang)
if report is not None:
    for line in V.summary(report, lang):
        st.markdown(F.md(line))
    files = V.files_table(report, names)
    st.dataframe(files, hide_index=True, width="stretch")
    for f in report.get("files", []):
        with st.expander(F.md(V.file_title(f, names))):
            rejects = V.rejects_table(f, lang)
            if rejects.height:
                st.caption(t("intake.rejects"))
                st.dataframe(rejects, hide_index=True, width="stretch")
            changes = V.changes_table(f, names)
            if changes.height:
                st.caption(t("intake.changes", n=f.get("changes_total", changes.height)))
                st.dataframe(changes, hide_index=True, width="stretch")
            book = session.errors_workbook(f["file"])
            if book is not None:
                st.download_button(t("intake.errors_book"), book[1], book[0],
                                   key=f"errors_{f['file']}", icon=":material/download:")
    moves = V.moves_table(report, names)
    if moves.height:
        st.subheader(t("intake.moves"))
        st.dataframe(moves, hide_index=True, width="stretch")
    notes = V.warnings_list(report, lang, gating=False)
    if notes:
        with st.expander(t("intake.notes")):
            st.markdown("\n".join(f"- {F.md(n)}" for n in notes))
    warnings = V.warnings_list(report, lang)
    ticked = True
    if warnings:
        st.subheader(t("intake.warnings"))
        st.caption(t("intake.warnings_help"))
        ticked = all([st.checkbox(F.md(w), key=f"warn_{i}") for i, w in enumerate(warnings)])
    if report.get("ok") and report.get("would_publish") and not report.get("published"):
        if st.button(t("intake.confirm"), type="primary", disabled=not ticked,
                     key="intake_confirm"):
            with st.spinner(t("intake.publishing")):
                session.publish(me, accept_warnings=bool(warnings))
            st.rerun()
    elif report.get("published"):
        st.success(t("intake.published", version=report["published"]))

# 3/ blank templates
st.divider()
st.subheader(t("intake.templates"))
st.caption(t("intake.templates_help"))
templates = V.template_names(names)
chosen = st.selectbox(t("intake.template"), list(templates), format_func=templates.get,
                      key="intake_template")
if chosen:
    st.download_button(t("intake.template_download"), lambda: intake.blank_template(chosen),
                       f"{templates[chosen]}.xlsx", on_click="ignore", icon=":material/download:",
                       key="intake_template_dl")

# 4/ data versions and rollback (admin)
if me.can("admin"):
    st.divider()
    st.subheader(t("intake.versions"))
    st.caption(t("intake.versions_help"))
    table, ids = V.versions_table(lang)
    st.dataframe(table, hide_index=True, width="stretch")
    target = st.selectbox(t("intake.restore_pick"), ids, index=None, key="intake_restore",
                          placeholder=t("intake.restore_placeholder"),
                          format_func=lambda v: t("intake.version_option", v=v))
    if st.button(t("intake.restore", v=target) if target else t("intake.restore_pick"),
                 disabled=target is None, key="intake_rollback"):
        with st.spinner(t("intake.restoring")):
            outcome = intake.rollback(target, me.name)
        st.session_state["_intake_restored"] = (target, outcome.code, outcome.message)
        st.rerun()          # the list above shows the new version
    restored = st.session_state.pop("_intake_restored", None)
    if restored and restored[1] == 0:
        st.success(t("intake.restored", v=restored[0]))
    elif restored:
        st.error(F.md(restored[2]))
ui.footer(version)
