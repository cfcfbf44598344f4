"""Strings of the login, password and account pieces (app/server.py, app/auth.py)."""

STRINGS = {
    "login.title": {"zh": "登录 · 健康城市驾驶舱", "en": "Log in · Healthy City Cockpit"},
    "login.subtitle": {"zh": "请用办公室分配的账户登录。", "en": "Log in with the account the "
                                                    "office gave you."},
    "login.username": {"zh": "用户名", "en": "Username"},
    "login.password": {"zh": "密码", "en": "Password"},
    "login.submit": {"zh": "登录", "en": "Log in"},
    "login.wrong": {"zh": "用户名或密码不对。连续 5 次错误将锁定 15 分钟。",
                    "en": "Wrong username or password. Five wrong attempts in a row lock the "
                          "account for 15 minutes."},
    "login.locked": {"zh": "该账户因连续输错密码已锁定 15 分钟，请稍后再试或联系管理员。",
                     "en": "This account is locked for 15 minutes after wrong passwords; try "
                           "later or ask the administrator."},
    "login.logged_out": {"zh": "已退出登录。", "en": "You are logged out."},
    "login.change_title": {"zh": "设置新密码", "en": "Set a new password"},
    "login.change_help": {"zh": "{name}：这是一次性密码，请先设置自己的新密码（至少 {n} 位）。",
                          "en": "{name}: that was a one-time password; set your own (at least "
                                "{n} characters) first."},
    "login.change_any": {"zh": "{name}：新密码至少 {n} 位；修改后其他已登录的会话将失效。",
                         "en": "{name}: at least {n} characters; other sessions end when you "
                               "change it."},
    "login.current": {"zh": "当前密码", "en": "Current password"},
    "login.new": {"zh": "新密码", "en": "New password"},
    "login.again": {"zh": "再输入一次新密码", "en": "New password again"},
    "login.change_submit": {"zh": "保存新密码", "en": "Save the new password"},
    "login.wrong_current": {"zh": "当前密码不对。", "en": "The current password is wrong."},
    "login.mismatch": {"zh": "两次输入的新密码不一致。", "en": "The two new passwords differ."},
    "login.too_short": {"zh": "新密码太短（至少 8 位）。", "en": "The new password is too short (8 "
                                                      "characters at least)."},
    "auth.signed_in": {"zh": "已登录：{name}（{role}{district}）",
                       "en": "Signed in: {name} ({role}{district})"},
    "auth.logout": {"zh": "退出登录", "en": "Log out"},
    "auth.change_password": {"zh": "修改密码", "en": "Change password"},
    "auth.required": {"zh": "请先登录。", "en": "Please log in first."},
    "auth.login_link": {"zh": "前往登录页", "en": "Go to the login page"},
    "auth.scope_note": {"zh": "本账户只能查看 {district} 的数据（含全市合计作对照）。",
                        "en": "This account sees {district} only (with the city total for "
                              "comparison)."},
    "auth.sso": {"zh": "使用单位统一身份认证登录", "en": "Log in with the organisation's sign-on"},
    "auth.sso_no_role": {"zh": "统一身份认证已登录，但账户没有分配角色，请联系管理员。",
                         "en": "Signed on, but the account has no role here; ask the "
                               "administrator."},
}
