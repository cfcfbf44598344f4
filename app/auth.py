"""Who is using the cockpit (the Streamlit side of app/accounts.py): the signed-in user from the
session cookie the login gate checked (app/server.py), or from single sign-on when configured;
what the role may do; the district a district user is confined to.

In a test (AppTest has no cookies) the user is put in st.session_state["_auth_user"]; a browser
cannot write that key, and without a valid cookie the gate lets no browser in at all.
"""

from __future__ import annotations

import streamlit as st

from app import accounts
from app import formatting as F
from app.i18n import current_lang, t
from warehouse import audit

STATE = "_auth_user"
COOKIE = "hc_session"


def _cookie() -> str | None:
    try:
        value = st.context.cookies.get(COOKIE)
    except Exception:   # NOTE: outside a server run (AppTest, bare mode) there are no cookies
        return None
    return value if isinstance(value, str) else None   # NOTE: AppTest hands out a mock


def _sso_user() -> accounts.User | None:
    """A user signed on through Streamlit's OIDC login (st.login, [auth] in secrets.toml): the
    role and district come from the claims named in [hc_sso] (role_claim, district_claim)."""
    try:
        if "auth" not in st.secrets or not st.user.is_logged_in:
            return None
        cfg = st.secrets.get("hc_sso", {})
        role = st.user.get(cfg.get("role_claim", "hc_role"))
        district = st.user.get(cfg.get("district_claim", "hc_district"))
        name = st.user.get("email") or st.user.get("name") or "sso"
    except Exception:   # NOTE: no secrets file, or no OIDC configured
        return None
    if role not in accounts.ROLES or (role == "district") != bool(district):
        return None
    return accounts.User(str(name), role, str(district) if district else None, 0)


def _sso_signed_on() -> bool:
    try:
        return "auth" in st.secrets and bool(st.user.is_logged_in)
    except Exception:   # NOTE: no secrets file, or no OIDC configured
        return False


def current_user() -> accounts.User | None:
    token = _cookie()
    if token is not None:
        user = accounts.verify(token)
        if user is None:
            st.session_state.pop(STATE, None)
        else:
            st.session_state[STATE] = user
        return user
    user = st.session_state.get(STATE)
    if isinstance(user, accounts.User):
        return user
    return _sso_user()


def require() -> accounts.User:
    """The signed-in user, or a plain message with the way to the login page (and stop)."""
    user = current_user()
    if user is None:
        lang = current_lang()
        if _sso_signed_on():
            st.error(t("auth.sso_no_role", lang))
            st.stop()
        st.error(t("auth.required", lang))
        st.link_button(t("auth.login_link", lang), "/login" + ("?lang=en" if lang == "en" else ""))
        st.stop()
    return user


def user() -> accounts.User | None:
    """The signed-in user of this run (set by require() in app/main.py)."""
    found = st.session_state.get(STATE)
    return found if isinstance(found, accounts.User) else current_user()


def can(action: str) -> bool:
    u = user()
    return u is not None and u.can(action)


def district() -> str | None:
    """The district a district user is confined to (None: everything)."""
    u = user()
    return u.district if u is not None and u.role == "district" else None


def role_name(role: str, lang: str | None = None) -> str:
    zh, en = accounts.ROLE_NAMES[role]
    return zh if (lang or current_lang()) == "zh" else en


def sidebar(u: accounts.User, district_name: str | None = None) -> None:
    """Who is signed in, with log-out and change-password links."""
    lang = current_lang()
    where = f"，{district_name}" if district_name and lang == "zh" else (
        f", {district_name}" if district_name else "")
    st.sidebar.caption(F.md(t("auth.signed_in", lang, name=u.name,
                              role=role_name(u.role, lang), district=where)))
    suffix = "?lang=en" if lang == "en" else ""
    c1, c2 = st.sidebar.columns(2)
    c1.link_button(t("auth.logout", lang), "/logout" + suffix, width="stretch")
    c2.link_button(t("auth.change_password", lang), "/password" + suffix, width="stretch")


def record(action: str, detail: dict | None = None) -> None:
    """An audit-log entry in the signed-in user's name (app/accounts, warehouse/audit)."""
    u = user()
    audit.record(u.name if u is not None else "?", action, detail or {})
