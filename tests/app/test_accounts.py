"""Accounts: argon2 hashes, lockout after five wrong passwords for 15 minutes, signed session
tokens that end with a password change or removal, the one-time first admin, the command line,
owner-only files, and the audit log."""

import datetime as dt
import io
import stat

import pytest

from app import accounts
from app.users import main as users_main
from warehouse import audit

NOW = dt.datetime(2026, 11, 27, 9, 0)


@pytest.fixture
def folder(tmp_path):
    return tmp_path


def test_passwords_are_argon2id_and_checked(folder):
    accounts.add("analyst1", "analyst", "correct-horse", folder=folder)
    import sqlite3

    stored = sqlite3.connect(folder / "users.sqlite").execute(
        "select hash from users").fetchone()[0]
    assert stored.startswith("$argon2id$") and "correct-horse" not in stored
    user, why = accounts.authenticate("analyst1", "correct-horse", NOW, folder)
    assert (user.name, user.role, why) == ("analyst1", "analyst", "ok")
    assert accounts.authenticate("analyst1", "wrong-horse", NOW, folder) == (None, "wrong")
    assert accounts.authenticate("nobody", "x", NOW, folder) == (None, "unknown")


def test_five_wrong_passwords_lock_for_fifteen_minutes(folder):
    accounts.add("clerk1", "clerk", "correct-horse", folder=folder)
    results = [accounts.authenticate("clerk1", "bad", NOW, folder)[1] for _ in range(5)]
    assert results == ["wrong", "wrong", "wrong", "wrong", "locked"]
    # locked: even the right password is refused until 15 minutes have passed
    assert accounts.authenticate("clerk1", "correct-horse", NOW + dt.timedelta(minutes=14),
                                 folder) == (None, "locked")
    user, why = accounts.authenticate("clerk1", "correct-horse",
                                      NOW + dt.timedelta(minutes=15, seconds=1), folder)
    assert why == "ok" and user.name == "clerk1"
    # a success clears the count: four more wrong ones do not lock
    later = NOW + dt.timedelta(hours=1)
    assert [accounts.authenticate("clerk1", "bad", later, folder)[1] for _ in range(4)] == [
        "wrong"] * 4


def test_session_tokens_are_signed_and_end_with_a_new_password_or_removal(folder):
    user = accounts.add("leader1", "leader", "correct-horse", folder=folder)
    token = accounts.issue(user, NOW, folder)
    assert accounts.verify(token, NOW, folder) == user
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert accounts.verify(forged, NOW, folder) is None
    assert accounts.verify(token, NOW + dt.timedelta(days=8), folder) is None     # expired
    accounts.set_password("leader1", "another-horse", folder=folder)
    assert accounts.verify(token, NOW, folder) is None                            # generation
    fresh = accounts.issue(accounts.authenticate("leader1", "another-horse", NOW, folder)[0],
                           NOW, folder)
    assert accounts.verify(fresh, NOW, folder).name == "leader1"
    accounts.remove("leader1", folder=folder)
    assert accounts.verify(fresh, NOW, folder) is None
    assert accounts.verify("not.a.token", NOW, folder) is None


def test_roles_and_what_they_may_do(folder):
    district = accounts.add("南江区", "district", "correct-horse", district="990105",
                            folder=folder)
    assert district.can("intake") and district.can("download") and not district.can("admin")
    leader = accounts.add("leader2", "leader", "correct-horse", folder=folder)
    assert leader.can("view") and not leader.can("download") and not leader.can("intake")
    with pytest.raises(accounts.AccountError, match="district"):
        accounts.add("d2", "district", "correct-horse", folder=folder)
    with pytest.raises(accounts.AccountError, match="role"):
        accounts.add("d3", "superuser", "correct-horse", folder=folder)
    with pytest.raises(accounts.AccountError, match="8"):
        accounts.add("d4", "analyst", "short", folder=folder)


def test_the_first_admin_has_a_one_time_password(folder):
    password = accounts.ensure_admin(folder)
    assert password and len(password) >= 12
    assert accounts.ensure_admin(folder) is None          # only on a fresh machine
    user, why = accounts.authenticate("admin", password, NOW, folder)
    assert why == "ok" and user.role == "admin" and user.must_change
    accounts.set_password("admin", "my-own-password", folder=folder)
    assert not accounts.authenticate("admin", "my-own-password", NOW, folder)[0].must_change


def test_state_files_are_owner_only(folder):
    accounts.add("analyst2", "analyst", "correct-horse", folder=folder)
    accounts.issue(accounts.authenticate("analyst2", "correct-horse", NOW, folder)[0], NOW,
                   folder)
    audit.record("analyst2", "login", {}, folder=folder)
    for name in ("users.sqlite", "session.key", "audit.sqlite"):
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600, name


def test_the_command_line_adds_lists_changes_and_removes(folder, monkeypatch, capsys):
    monkeypatch.setenv("HC_STATE_DIR", str(folder))
    monkeypatch.setattr("sys.stdin", io.StringIO("district-pw-1\n"))
    assert users_main(["add", "xinggang", "--role", "district", "--district", "990107",
                       "--password-stdin"]) == 0
    assert users_main(["list"]) == 0
    out = capsys.readouterr().out
    assert "xinggang" in out and "990107" in out
    monkeypatch.setattr("sys.stdin", io.StringIO("district-pw-2\n"))
    assert users_main(["passwd", "xinggang", "--password-stdin"]) == 0
    assert accounts.authenticate("xinggang", "district-pw-2", NOW, folder)[1] == "ok"
    assert users_main(["add", "x2", "--role", "analyst"]) == 2       # no --password-stdin
    assert "--password-stdin" in capsys.readouterr().err
    assert users_main(["remove", "xinggang"]) == 0
    assert users_main(["remove", "xinggang"]) == 2
    actions = [r["action"] for r in audit.read(folder=folder)]
    assert actions == ["user_removed", "password_changed", "user_added"]


def test_the_audit_log_keeps_who_when_what(folder):
    audit.record("admin", "rollback", {"to_version": 7}, folder=folder)
    audit.record("clerk1", "briefing_export", {"week": "2026-W47"}, folder=folder)
    rows = audit.read(folder=folder)
    assert [(r["who"], r["action"], r["detail"]) for r in rows] == [
        ("clerk1", "briefing_export", {"week": "2026-W47"}),
        ("admin", "rollback", {"to_version": 7})]
    assert dt.datetime.fromisoformat(rows[0]["at"])
    with pytest.raises(ValueError):
        audit.record("x", "made_up", folder=folder)


def test_audit_details_are_said_in_words():
    from app.admin import details

    refused = {"action": "dry_run", "district": None, "warehouse": "/srv/wh",
               "files": ["/tmp/hc_intake_x/in/随便.csv"],
               "fatal": {"column": None, "file": "/tmp/hc_intake_x/in/随便.csv",
                         "message": "无法识别的文件模板 (unknown template)"}}
    assert details(refused, "zh", {}) == (
        "试导入；文件：随便.csv；错误：无法识别的文件模板 (unknown template)")
    loaded = {"files": ["/a/b.csv"], "published": 3, "would_publish": True, "rows_changed": 2,
              "rows_rejected": 1, "warnings": ["x", "y"], "accepted_warnings": True,
              "district": "990105", "warehouse": "/srv/wh"}
    assert details(loaded, "en", {"990105": "Nanjiang"}) == (
        "district Nanjiang; files: b.csv; published data version 3; 2 rows new or changed; "
        "1 rows rejected; 2 plausibility warnings; warnings accepted")
    assert details({"why": "locked", "from": "10.0.0.7"}, "zh", {}) == (
        "原因：账户已锁定；来自 10.0.0.7")
    assert details({}, "zh", {}) == "—"
