"""The administration page's content as data (pure except the account and audit calls): the
accounts with their roles and scope, account changes (every one audited), and the audit log in
the page's language."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl

from app import accounts
from app import formatting as F
from app.i18n import STRINGS, t
from warehouse import audit


def users_table(lang: str, names: dict[str, str]) -> pl.DataFrame:
    rows = accounts.users()
    zh = lang == "zh"
    return pl.DataFrame({
        t("admin.col.name", lang): [u["name"] for u in rows],
        t("admin.col.role", lang): [accounts.ROLE_NAMES[u["role"]][0 if zh else 1] for u in rows],
        t("admin.col.district", lang): [names.get(u["district"], u["district"]) if u["district"]
                                        else F.DASH for u in rows],
        t("admin.col.state", lang): [
            t("admin.locked_until", lang, until=F.timestamp(u["locked_until"]))
            if _locked(u) else t("admin.must_change", lang) if u["must_change"]
            else t("admin.active", lang) for u in rows],
        t("admin.col.created", lang): [F.timestamp(u["created_at"]) for u in rows],
    }, schema={c: pl.Utf8 for c in (t("admin.col.name", lang), t("admin.col.role", lang),
                                     t("admin.col.district", lang), t("admin.col.state", lang),
                                     t("admin.col.created", lang))})


def _locked(u: dict) -> bool:
    """Locked now (a lock that has run out stays recorded until the next login)."""
    return bool(u["locked_until"]) and dt.datetime.fromisoformat(u["locked_until"]) \
        > dt.datetime.now()


def add_user(by: str, name: str, role: str, district: str | None, password: str) -> None:
    """Create an account with a one-time password (changed at first login); audited."""
    user = accounts.add(name, role, password, district or None, must_change=True)
    audit.record(by, "user_added", {"name": user.name, "role": user.role,
                                    "district": user.district})


def reset_password(by: str, name: str, password: str) -> None:
    """A new one-time password (the user's sessions end); audited."""
    accounts.set_password(name, password, must_change=True)
    audit.record(by, "password_changed", {"name": name, "reset_by_admin": True})


def remove_user(by: str, name: str) -> None:
    if name == by:
        raise accounts.AccountError("不能删除自己正在使用的账户 / you cannot remove your own "
                                    "account")
    accounts.remove(name)
    audit.record(by, "user_removed", {"name": name})


def audit_table(lang: str, names: dict[str, str], actions: list[str] | None = None,
                who: str = "", limit: int = 1000) -> pl.DataFrame:
    """The audit log, newest first: when, who, what (in words), details."""
    rows = [r for r in audit.read(limit=limit)
            if (not actions or r["action"] in actions) and (not who or who in r["who"])]
    return pl.DataFrame({
        t("admin.col.at", lang): [F.timestamp(r["at"]) for r in rows],
        t("admin.col.who", lang): [r["who"] for r in rows],
        t("admin.col.action", lang): [t(f"audit.{r['action']}", lang) for r in rows],
        t("admin.col.detail", lang): [details(r["detail"], lang, names) for r in rows],
    }, schema={c: pl.Utf8 for c in (t("admin.col.at", lang), t("admin.col.who", lang),
                                     t("admin.col.action", lang), t("admin.col.detail", lang))})


# NOTE: what an entry's detail holds, in the order said; keys not listed (the warehouse folder)
# are not shown.
SHOWN = ("name", "role", "district", "why", "from", "reset_by_admin", "action", "command",
         "files", "published", "would_publish", "rows_changed", "rows_rejected", "warnings",
         "accepted_warnings", "reason", "fatal", "to", "week", "version", "unit", "units",
         "as_of", "file")


def details(detail: dict, lang: str, names: dict[str, str]) -> str:
    """An entry's details in words: 文件：a.csv；发布版本 12；修改 3 行 … (no raw keys, nulls,
    folders or dictionaries)."""
    said = []
    for key in SHOWN:
        value = detail.get(key)
        if value is None or value is False or value == [] or value == "" or (
                key == "would_publish" and detail.get("published")):
            continue
        said.append(t(f"audit.detail.{key}", lang, v=_value(key, value, lang, names)))
    return ("；" if lang == "zh" else "; ").join(said) or F.DASH


def _value(key: str, value, lang: str, names: dict[str, str]) -> str:
    zh = lang == "zh"
    if key == "files":
        return "、".join(Path(str(f)).name for f in value)
    if key == "warnings":
        return str(len(value))
    if key == "fatal":
        return str(value.get("message") or F.DASH)
    if key == "role":
        return accounts.ROLE_NAMES[value][0 if zh else 1] if value in accounts.ROLE_NAMES \
            else str(value)
    if key == "district":
        return names.get(value, value)
    if key in ("why", "action", "reason", "command"):
        said = f"audit.value.{value}"
        return t(said, lang) if said in STRINGS else str(value)
    return str(value)
