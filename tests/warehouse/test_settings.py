"""Settings: every one is in the README's table; an unusable value warns and the default holds."""

import pytest

from tests.conftest import ROOT
from warehouse import settings
from warehouse.settings import Setting


def test_every_setting_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [env for env in settings.REGISTRY if f"`{env}`" not in readme]
    assert missing == []
    assert "`HC_WAREHOUSE_DIR`" in readme          # the one path setting (warehouse/paths.py)


@pytest.mark.parametrize(("raw", "want"), [("0.25", 0.25), (" 0.3 ", 0.3), ("", 0.10)])
def test_a_good_value_is_read(monkeypatch, raw, want):
    monkeypatch.setenv("HC_X", raw)
    assert Setting("HC_X", 0.10, "x", 0, 1).read() == pytest.approx(want)


@pytest.mark.parametrize(("default", "raw", "why"), [
    (0.10, "ten percent", "not a number"), (0.10, "1.5", "outside 0–1"),
    (7, "7.5", "not a whole number"), ("goal", "median", "not one of goal, baseline"),
])
def test_a_bad_value_warns_and_the_default_holds(monkeypatch, default, raw, why):
    monkeypatch.setenv("HC_X", raw)
    s = Setting("HC_X", default, "x", 0, 1, choices=("goal", "baseline")
                if isinstance(default, str) else ())
    with pytest.warns(RuntimeWarning, match=why):
        assert s.read() == default


def test_whole_numbers_written_as_decimals_are_whole(monkeypatch):
    monkeypatch.setenv("HC_X", "12.0")
    assert Setting("HC_X", 8, "x", 1, 100).read() == 12
