"""The cockpit's server: Streamlit's ASGI app (st.App) behind a login gate.

`make run` starts it with `streamlit run app/server.py`. Nothing is served before login: an
ASGI middleware lets a request through only with a valid signed session cookie
(app/accounts.py) — the page, its scripts, the websocket, every download — except the login,
password and logout pages and the health check. The login page is plain HTML (no outside
request), in Chinese or English (?lang=en). A one-time password must be changed at first
login. Logins, failed logins, lockouts, logouts and password changes go to the audit log.
"""

from __future__ import annotations

import html
import os
import sys
from pathlib import Path

# NOTE: on a one-CPU server polars' pool has one thread, and sessions drawing tables at the same
# time (st.dataframe converts polars frames) hung the whole server for good (seen with 3 sessions:
# threads waiting in to_pandas and collect, nothing running); with two threads they do not. Set
# before anything imports polars. (tests/e2e/test_concurrent_sessions.py)
if len(os.sched_getaffinity(0)) < 2:
    os.environ.setdefault("POLARS_MAX_THREADS", "2")
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))   # NOTE: `streamlit run app/server.py` only adds app/

import streamlit as st  # noqa: E402
from starlette.middleware import Middleware  # noqa: E402
from starlette.requests import Request  # noqa: E402
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse  # noqa: E402
from starlette.routing import Route  # noqa: E402

# NOTE: what the pages import (altair, pydeck, fpdf, the status rule, the page helpers) is
# imported here, once, as the server starts — not by the first visitor's page run, which paid
# ~1 s for it (bench/pages_browser.py, "cold"). Imports only: no data is read before a page asks.
import app.assessment  # noqa: E402,F401
import app.creation  # noqa: E402,F401
import app.datastatus  # noqa: E402,F401
import app.domain  # noqa: E402,F401
import app.literacy  # noqa: E402,F401
import app.mosquito  # noqa: E402,F401
import app.overview  # noqa: E402,F401
import app.problems  # noqa: E402,F401
import app.snapshot.supervision  # noqa: E402,F401
from app import accounts  # noqa: E402
from app.i18n import t  # noqa: E402
from warehouse import audit  # noqa: E402

COOKIE = "hc_session"
OPEN_PATHS = ("/login", "/password", "/logout", "/_stcore/health", "/_stcore/host-config")
# NOTE: Streamlit's own OIDC login (st.login, when [auth] is in secrets.toml) uses these.
SSO_PATHS = ("/auth/login", "/auth/logout", "/oauth2callback")
SSO_COOKIE = "_streamlit_user"


def _lang(request: Request) -> str:
    return "en" if request.query_params.get("lang") == "en" else "zh"


def _next(request: Request) -> str:
    """Where to go after logging in: a path on this server only."""
    target = request.query_params.get("next") or "/"
    return target if target.startswith("/") and not target.startswith("//") else "/"


def _page(lang: str, title: str, body: str, request: Request | None = None) -> HTMLResponse:
    other = "zh" if lang == "en" else "en"
    keep = {"next": _next(request)} if request is not None and request.query_params.get("next") \
        else {}
    switch = html.escape(urlencode({**keep, "lang": other}))
    page = f"""<!doctype html><html lang="{'zh-CN' if lang == 'zh' else 'en'}"><head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title><style>
body{{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;background:#f5f6f8;
margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center;color:#212121}}
main{{background:#fff;padding:32px 36px;border-radius:10px;box-shadow:0 2px 12px #0002;width:340px}}
h1{{font-size:1.35em;margin:0 0 4px}} p.sub{{color:#666;margin:0 0 22px;font-size:.9em}}
label{{display:block;margin:14px 0 6px;font-size:.95em}}
input{{width:100%;box-sizing:border-box;padding:9px 10px;border:1px solid #bbb;border-radius:6px;
font-size:1em}} button{{margin-top:22px;width:100%;padding:10px;border:0;border-radius:6px;
background:#c62828;color:#fff;font-size:1.05em;cursor:pointer}}
.err{{background:#ffebee;color:#b71c1c;padding:8px 10px;border-radius:6px;margin-top:14px}}
.ok{{background:#e8f5e9;color:#1b5e20;padding:8px 10px;border-radius:6px;margin-top:14px}}
.lang{{float:right;font-size:.85em;color:#1565c0}}</style></head><body><main>
<a class="lang" href="?{switch}">{'English' if lang == 'zh' else '中文'}</a>
{body}</main></body></html>"""
    return HTMLResponse(page, headers={"Cache-Control": "no-store"})


def _message(lang: str, key: str | None, kind: str = "err") -> str:
    if not key:
        return ""
    return f'<div class="{kind}" role="alert">{html.escape(t("login." + key, lang))}</div>'


def _sso_link(lang: str) -> str:
    """With single sign-on configured ([auth] in secrets.toml), a link to Streamlit's own OIDC
    login; nothing otherwise."""
    if not _sso_configured():
        return ""
    try:
        from streamlit.auth_util import encode_provider_token

        token = encode_provider_token("default")
    except Exception:   # NOTE: an [auth] section without a cookie secret cannot sign it
        return ""
    return (f'<p style="margin-top:18px;text-align:center"><a href="/auth/login?provider='
            f'{quote(token)}">{html.escape(t("auth.sso", lang))}</a></p>')


def _cookie(response, token: str, request: Request) -> None:
    response.set_cookie(COOKIE, token, max_age=accounts.SESSION_DAYS * 86400, httponly=True,
                        samesite="lax", secure=request.url.scheme == "https", path="/")


async def login(request: Request):
    lang = _lang(request)
    if request.method == "POST":
        form = await request.form()
        name, password = str(form.get("username", "")).strip(), str(form.get("password", ""))
        user, why = accounts.authenticate(name, password)
        if user is None:
            audit.record(name or "?", "locked" if why == "locked" else "login_failed",
                         {"why": why, "from": request.client.host if request.client else None})
            query = urlencode({"e": "locked" if why == "locked" else "wrong",
                               "next": _next(request), **({"lang": "en"} if lang == "en" else {})})
            return RedirectResponse(f"/login?{query}", status_code=303)
        audit.record(user.name, "login", {"role": user.role, "district": user.district})
        target = "/password" + ("?lang=en" if lang == "en" else "") if user.must_change \
            else _next(request)
        response = RedirectResponse(target, status_code=303)
        _cookie(response, accounts.issue(user), request)
        return response
    error = request.query_params.get("e")
    query = urlencode({"next": _next(request), **({"lang": "en"} if lang == "en" else {})})
    body = f"""<h1>{html.escape(t("app.title", lang))}</h1>
<p class="sub">{html.escape(t("login.subtitle", lang))}</p>
<form method="post" action="/login?{html.escape(query)}">
<label for="username">{html.escape(t("login.username", lang))}</label>
<input id="username" name="username" autocomplete="username" required autofocus>
<label for="password">{html.escape(t("login.password", lang))}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">{html.escape(t("login.submit", lang))}</button>
{_message(lang, {"wrong": "wrong", "locked": "locked", "out": "logged_out"}.get(error or ""),
          "ok" if error == "out" else "err")}</form>{_sso_link(lang)}"""
    return _page(lang, t("login.title", lang), body, request)


async def password(request: Request):
    """Set a new password: required after a one-time password, open to any logged-in user."""
    lang = _lang(request)
    user = accounts.verify(request.cookies.get(COOKIE))
    if user is None:
        return RedirectResponse("/login" + ("?lang=en" if lang == "en" else ""), status_code=303)
    error = request.query_params.get("e")
    if request.method == "POST":
        form = await request.form()
        new, again = str(form.get("new", "")), str(form.get("again", ""))
        check, _ = accounts.authenticate(user.name, str(form.get("current", "")))
        if check is None:
            error = "wrong_current"
        elif new != again:
            error = "mismatch"
        else:
            try:
                accounts.set_password(user.name, new)
            except accounts.AccountError:
                error = "too_short"
            else:
                audit.record(user.name, "password_changed", {"name": user.name})
                fresh, _ = accounts.authenticate(user.name, new)
                response = RedirectResponse("/" + ("?lang=en" if lang == "en" else ""),
                                            status_code=303)
                _cookie(response, accounts.issue(fresh), request)
                return response
    body = f"""<h1>{html.escape(t("login.change_title", lang))}</h1>
<p class="sub">{html.escape(t("login.change_help" if user.must_change else "login.change_any",
                               lang, name=user.name, n=accounts.MIN_PASSWORD))}</p>
<form method="post" action="/password{'?lang=en' if lang == 'en' else ''}">
<label for="current">{html.escape(t("login.current", lang))}</label>
<input id="current" name="current" type="password" autocomplete="current-password" required>
<label for="new">{html.escape(t("login.new", lang))}</label>
<input id="new" name="new" type="password" autocomplete="new-password" required
minlength="{accounts.MIN_PASSWORD}">
<label for="again">{html.escape(t("login.again", lang))}</label>
<input id="again" name="again" type="password" autocomplete="new-password" required>
<button type="submit">{html.escape(t("login.change_submit", lang))}</button>
{_message(lang, error)}</form>"""
    return _page(lang, t("login.change_title", lang), body)


async def logout(request: Request):
    user = accounts.verify(request.cookies.get(COOKIE))
    if user is not None:
        audit.record(user.name, "logout", {})
    response = RedirectResponse("/login?e=out" + ("&lang=en" if _lang(request) == "en" else ""),
                                status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


class LoginGate:
    """Pure ASGI middleware: every HTTP request and websocket needs a valid session cookie
    (or, with single sign-on configured, Streamlit's own login cookie, which the script then
    checks with st.user)."""

    def __init__(self, app, sso: bool = False):
        self.app = app
        self.sso = sso

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        path = scope.get("path", "")
        if path in OPEN_PATHS or (self.sso and path in SSO_PATHS):
            return await self.app(scope, receive, send)
        request = Request(scope) if scope["type"] == "http" else None
        cookies = request.cookies if request else _ws_cookies(scope)
        user = accounts.verify(cookies.get(COOKIE))
        if user is not None and not user.must_change:
            return await self.app(scope, receive, send)
        if user is None and self.sso and cookies.get(SSO_COOKIE):
            return await self.app(scope, receive, send)
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 4401})
            return None
        if request.method != "GET" or path.startswith("/_stcore/") or path.startswith("/media/"):
            response = PlainTextResponse("请先登录 / log in first", status_code=401)
        elif user is not None:
            response = RedirectResponse("/password", status_code=303)
        else:
            target = path + (f"?{scope['query_string'].decode()}" if scope.get("query_string")
                             else "")
            response = RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
        await response(scope, receive, send)
        return None


def _ws_cookies(scope) -> dict[str, str]:
    from http.cookies import SimpleCookie

    raw = next((v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"cookie"), "")
    jar = SimpleCookie()
    try:
        jar.load(raw)
    except Exception:   # NOTE: a malformed cookie header is simply no session
        return {}
    return {k: m.value for k, m in jar.items()}


def _sso_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:   # NOTE: no secrets.toml at all
        return False


app = st.App("main.py", routes=[
    Route("/login", login, methods=["GET", "POST"]),
    Route("/password", password, methods=["GET", "POST"]),
    Route("/logout", logout, methods=["GET"]),
], middleware=[Middleware(LoginGate, sso=_sso_configured())])
