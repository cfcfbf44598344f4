"""The audit log: who did what, when — logins, failed logins, loads and dry runs, rollbacks,
user changes, briefing exports. One SQLite file in the state folder (warehouse/paths.py
state_dir(), owner-only), appended by the app and the loader alike; read by admins on a page.

    record("admin", "rollback", {"to_version": 7})
    read(limit=200)  → newest first: at, who, action, detail
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path

from warehouse.paths import state_dir

FILE = "audit.sqlite"
ACTIONS = ("login", "login_failed", "logout", "locked", "password_changed", "user_added",
           "user_removed", "user_changed", "dry_run", "load", "load_refused", "rollback",
           "briefing_export")


def _connect(folder: Path | None = None) -> sqlite3.Connection:
    path = (folder or state_dir()) / FILE
    new = not path.exists()
    con = sqlite3.connect(path, timeout=10)
    if new:
        os.chmod(path, 0o600)
    con.execute("""create table if not exists audit_log (
                       id integer primary key autoincrement,
                       at text not null, who text not null, action text not null,
                       detail text not null)""")
    return con


def record(who: str, action: str, detail: dict | None = None, folder: Path | None = None) -> None:
    """Append one entry (at = now, local time, to the second)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    con = _connect(folder)
    try:
        with con:
            con.execute("insert into audit_log (at, who, action, detail) values (?, ?, ?, ?)",
                        (dt.datetime.now().isoformat(timespec="seconds"), who or "?", action,
                         json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)))
    finally:
        con.close()


def read(limit: int = 500, since: dt.datetime | None = None,
         folder: Path | None = None) -> list[dict]:
    """The newest entries first (at, who, action, detail as a dict)."""
    con = _connect(folder)
    try:
        rows = con.execute(
            "select at, who, action, detail from audit_log where at >= ? "
            "order by id desc limit ?",
            ((since or dt.datetime(1970, 1, 1)).isoformat(timespec="seconds"), limit)).fetchall()
    finally:
        con.close()
    return [{"at": a, "who": w, "action": c, "detail": json.loads(d)} for a, w, c, d in rows]
