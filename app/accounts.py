"""Local accounts (no streamlit): users with argon2id password hashes, roles and a district
scope, lockout after failed attempts, and signed session tokens for the login cookie.

Everything lives in the state folder (warehouse/paths.py state_dir(): .state/ by default,
outside the warehouse, owner-only): users.sqlite, and session.key — the secret that signs
session cookies, generated on first use with owner-only permissions. A token is
`name.issued.generation.signature` (HMAC-SHA256); changing a password or removing a user bumps
the user's generation, so their old cookies stop working at once.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import os
import re
import secrets
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from warehouse.paths import state_dir

ROLES = ("leader", "analyst", "clerk", "admin", "district")
ROLE_NAMES = {"leader": ("领导", "Leader"), "analyst": ("分析员", "Analyst"),
              "clerk": ("周报文员", "Briefing clerk"), "admin": ("管理员", "Administrator"),
              "district": ("区县用户", "District user")}
MAX_FAILURES = 5
LOCK_MINUTES = 15
SESSION_DAYS = 7
MIN_PASSWORD = 8
NAME = re.compile(r"^[A-Za-z0-9_.\-\u4e00-\u9fff]{2,32}$")
DISTRICT = re.compile(r"^\d{6}$")
_hasher = PasswordHasher()   # argon2id with the library's current parameters


class AccountError(ValueError):
    """A request about accounts that cannot be done, in plain words (zh / en)."""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    district: str | None
    generation: int
    must_change: bool = False

    def can(self, action: str) -> bool:
        """view (every role), download, briefings, data_status, intake, admin."""
        allowed = {
            "leader": {"view", "briefings"},
            "analyst": {"view", "download", "briefings", "data_status"},
            "clerk": {"view", "download", "briefings"},
            "admin": {"view", "download", "briefings", "data_status", "intake", "admin"},
            "district": {"view", "download", "briefings", "data_status", "intake"},
        }
        return action in allowed[self.role]


def _folder(folder: Path | None) -> Path:
    folder = folder or state_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def _db(folder: Path | None = None) -> sqlite3.Connection:
    path = _folder(folder) / "users.sqlite"
    new = not path.exists()
    con = sqlite3.connect(path, timeout=10)
    if new:
        os.chmod(path, 0o600)
    con.execute("""create table if not exists users (
                       name text primary key, role text not null, district text,
                       hash text not null, generation integer not null default 1,
                       must_change integer not null default 0,
                       failures integer not null default 0, locked_until text,
                       created_at text not null)""")
    return con


def _secret(folder: Path | None = None) -> bytes:
    path = _folder(folder) / "session.key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(secrets.token_bytes(32))
    return path.read_bytes()


def _user(row) -> User:
    name, role, district, generation, must_change = row
    return User(name, role, district, generation, bool(must_change))


def users(folder: Path | None = None) -> list[dict]:
    """Every account: name, role, district, locked_until, must_change, created_at."""
    con = _db(folder)
    try:
        rows = con.execute("select name, role, district, locked_until, must_change, created_at "
                           "from users order by name").fetchall()
    finally:
        con.close()
    return [dict(zip(("name", "role", "district", "locked_until", "must_change", "created_at"),
                     r)) for r in rows]


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"密码至少 {MIN_PASSWORD} 位 / a password needs {MIN_PASSWORD} "
                           "characters or more")


def add(name: str, role: str, password: str, district: str | None = None,
        must_change: bool = False, folder: Path | None = None) -> User:
    if not NAME.match(name or ""):
        raise AccountError("用户名应为 2–32 个字母、数字、汉字或 _ . - / a name is 2–32 letters, "
                           "digits, Chinese characters or _ . -")
    if role not in ROLES:
        raise AccountError(f"角色应为 {', '.join(ROLES)} 之一 / role must be one of "
                           f"{', '.join(ROLES)}")
    if (role == "district") != bool(district):
        raise AccountError("只有区县用户需要、也必须提供 --district 区县编码 / --district CODE "
                           "is needed for, and only for, the district role")
    if district and not DISTRICT.match(district):
        raise AccountError("区县编码应为 6 位数字 / a district code has 6 digits")
    check_password(password)
    con = _db(folder)
    try:
        with con:
            if con.execute("select 1 from users where name = ?", (name,)).fetchone():
                raise AccountError(f"用户 {name} 已存在 / user {name} exists already")
            con.execute("insert into users (name, role, district, hash, must_change, created_at) "
                        "values (?, ?, ?, ?, ?, ?)",
                        (name, role, district, _hasher.hash(password), int(must_change),
                         dt.datetime.now().isoformat(timespec="seconds")))
    finally:
        con.close()
    return User(name, role, district, 1, must_change)


def remove(name: str, folder: Path | None = None) -> None:
    con = _db(folder)
    try:
        with con:
            if con.execute("delete from users where name = ?", (name,)).rowcount == 0:
                raise AccountError(f"没有用户 {name} / no user {name}")
    finally:
        con.close()


def set_password(name: str, password: str, must_change: bool = False,
                 folder: Path | None = None) -> None:
    """A new password; every session of the user ends (their generation moves on)."""
    check_password(password)
    con = _db(folder)
    try:
        with con:
            n = con.execute("update users set hash = ?, generation = generation + 1, "
                            "must_change = ?, failures = 0, locked_until = null where name = ?",
                            (_hasher.hash(password), int(must_change), name)).rowcount
            if n == 0:
                raise AccountError(f"没有用户 {name} / no user {name}")
    finally:
        con.close()


def authenticate(name: str, password: str, now: dt.datetime | None = None,
                 folder: Path | None = None) -> tuple[User | None, str]:
    """(user, "ok") or (None, why): "unknown", "wrong", "locked" (for LOCK_MINUTES after
    MAX_FAILURES wrong passwords in a row)."""
    now = now or dt.datetime.now()
    con = _db(folder)
    try:
        with con:
            row = con.execute("select name, role, district, generation, must_change, hash, "
                              "failures, locked_until from users where name = ?",
                              (name,)).fetchone()
            if row is None:
                _hasher.hash(password or "x")   # NOTE: the same work whether the name exists
                return None, "unknown"
            *head, stored, failures, locked_until = row
            if locked_until and dt.datetime.fromisoformat(locked_until) > now:
                return None, "locked"
            try:
                _hasher.verify(stored, password or "")
            except (VerificationError, InvalidHashError):
                failures = 0 if locked_until else failures   # NOTE: a lock served is forgiven
                failures += 1
                until = (now + dt.timedelta(minutes=LOCK_MINUTES)).isoformat(timespec="seconds") \
                    if failures >= MAX_FAILURES else None
                con.execute("update users set failures = ?, locked_until = ? where name = ?",
                            (0 if until else failures, until, name))
                return None, "locked" if until else "wrong"
            if failures or locked_until:
                con.execute("update users set failures = 0, locked_until = null where name = ?",
                            (name,))
            if _hasher.check_needs_rehash(stored):
                con.execute("update users set hash = ? where name = ?",
                            (_hasher.hash(password), name))
    finally:
        con.close()
    return _user(head), "ok"


def _sign(payload: str, folder: Path | None = None) -> str:
    mac = hmac.new(_secret(folder), payload.encode("utf-8"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")


def issue(user: User, now: dt.datetime | None = None, folder: Path | None = None) -> str:
    """A session token for the cookie."""
    issued = int((now or dt.datetime.now()).timestamp())
    name = base64.urlsafe_b64encode(user.name.encode("utf-8")).decode().rstrip("=")
    payload = f"{name}.{issued}.{user.generation}"
    return f"{payload}.{_sign(payload, folder)}"


def verify(token: str | None, now: dt.datetime | None = None,
           folder: Path | None = None) -> User | None:
    """The user a session token stands for, or None (forged, expired, or the user was removed
    or changed password since)."""
    if not token or token.count(".") != 3:
        return None
    payload, signature = token.rsplit(".", 1)
    if not hmac.compare_digest(_sign(payload, folder), signature):
        return None
    name_b64, issued, generation = payload.split(".")
    try:
        name = base64.urlsafe_b64decode(name_b64 + "=" * (-len(name_b64) % 4)).decode("utf-8")
        issued_at = dt.datetime.fromtimestamp(int(issued))
    except (ValueError, UnicodeDecodeError):
        return None
    if (now or dt.datetime.now()) - issued_at > dt.timedelta(days=SESSION_DAYS):
        return None
    con = _db(folder)
    try:
        row = con.execute("select name, role, district, generation, must_change from users "
                          "where name = ?", (name,)).fetchone()
    finally:
        con.close()
    if row is None or str(row[3]) != generation:
        return None
    return _user(row)


def ensure_admin(folder: Path | None = None) -> str | None:
    """On a fresh machine: create `admin` with a random one-time password and return it (the
    caller prints it once); None when any account exists already."""
    if users(folder):
        return None
    password = secrets.token_urlsafe(12)
    add("admin", "admin", password, must_change=True, folder=folder)
    return password
