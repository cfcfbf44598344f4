"""The audit log shared with the app: appended entries read back newest first, owner-only file."""

import datetime as dt
import stat

from warehouse import audit


def test_entries_are_appended_and_read_back_newest_first(tmp_path, monkeypatch):
    monkeypatch.setenv("HC_STATE_DIR", str(tmp_path / "state"))
    assert audit.read() == []
    first = audit.record("张三", "load", {"files": ["a.csv"], "published": 3})
    second = audit.record("admin", "login", {"ok": True})
    assert second == first + 1
    got = audit.read(limit=10)
    assert [(e["who"], e["action"], e["detail"]) for e in got] == [
        ("admin", "login", {"ok": True}), ("张三", "load", {"files": ["a.csv"], "published": 3})]
    assert audit.read(limit=1)[0]["id"] == second
    assert audit.read(since=dt.datetime.now() + dt.timedelta(days=1)) == []
    assert len(audit.read(since=got[1]["at"])) == 2


def test_the_log_is_private_to_its_owner(tmp_path, monkeypatch):
    monkeypatch.setenv("HC_STATE_DIR", str(tmp_path / "state"))
    audit.record("张三", "dry_run", {})
    assert stat.S_IMODE((tmp_path / "state").stat().st_mode) == 0o700
    assert stat.S_IMODE(audit.path().stat().st_mode) == 0o600
    assert audit.path() == tmp_path / "state" / "audit.sqlite"
