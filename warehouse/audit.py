"""The audit log shared by the loader and the app: who did what, when (stdlib sqlite3).

One table in `$HC_STATE_DIR/audit.sqlite` (default `<repo>/.state/`; the folder is created 0700
and the file 0600, owner only). Two functions, both safe to call from several processes:

    record(who, action, detail)   append one entry; returns its id
    read(limit=100, since=None)   the latest entries, newest first: dicts with id, at (local ISO
                                  time to the second), who, action, detail (a dict)

Actions: the loader (`python -m etl`) writes `load` (published or unchanged), `dry_run`,
`refused` (a fatal file or warnings not accepted: nothing published) and `rollback`; the app
writes logins, failed logins, lockouts, logouts, password and account changes and briefing
exports. Entries are only ever appended.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path

from warehouse.paths import state_dir

FILE_NAME = "audit.sqlite"
ACTIONS = ("login", "login_failed", "logout", "locked", "password_changed", "user_added",
           "user_removed", "user_changed", "dry_run", "load", "refused", "rollback",
           "briefing_export", "notice_export")
SCHEMA = """create table if not exists audit (
    id integer primary key autoincrement,
    at text not null,
    who text not null,
    action text not null,
    detail text not null
)"""


def path(folder: Path | None = None) -> Path:
    return (folder or state_dir()) / FILE_NAME


def _connect(folder: Path | None = None) -> sqlite3.Connection:
    folder = folder or state_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    target = folder / FILE_NAME
    if not target.exists():
        # NOTE: created owner-only before sqlite opens it, so it is never readable by others.
        os.close(os.open(target, os.O_CREAT | os.O_WRONLY, 0o600))
    os.chmod(target, 0o600)
    con = sqlite3.connect(target, timeout=30)
    con.execute(SCHEMA)
    return con


def record(who: str, action: str, detail: dict | None = None,
           folder: Path | None = None) -> int:
    """Append an entry: `who` did `action`; `detail` is any JSON-serialisable dict."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    at = dt.datetime.now().isoformat(timespec="seconds")
    text = json.dumps(detail or {}, ensure_ascii=False, default=str, sort_keys=True)
    con = _connect(folder)
    try:
        with con:
            cur = con.execute("insert into audit (at, who, action, detail) values (?, ?, ?, ?)",
                              (at, str(who or "?"), action, text))
        return int(cur.lastrowid)
    finally:
        con.close()


def read(limit: int = 100, since: dt.datetime | str | None = None,
         folder: Path | None = None) -> list[dict]:
    """The latest `limit` entries (at or after `since` when given), newest first."""
    if not path(folder).exists():
        return []
    since_text = since.isoformat(timespec="seconds") if isinstance(since, dt.datetime) else since
    con = _connect(folder)
    try:
        rows = con.execute("select id, at, who, action, detail from audit "
                           "where ? is null or at >= ? order by id desc limit ?",
                           (since_text, since_text, int(limit))).fetchall()
    finally:
        con.close()
    return [{"id": i, "at": at, "who": who, "action": action, "detail": json.loads(detail)}
            for i, at, who, action, detail in rows]
