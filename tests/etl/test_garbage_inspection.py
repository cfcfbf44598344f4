"""garbage_inspection (2c): mixed trips ≤ inspected trips; months as 202506."""

import datetime as dt

from etl.sources import garbage_inspection
from tests.conftest import sheet


def test_rules_and_compact_month():
    r = garbage_inspection.transform(sheet(
        ["街道编码", "统计月份", "检查车次", "混装混运车次"],
        ["990102001", "202506", "40", "5"], ["990102002", "202506", "40", "41"]))
    assert r.frame["month"].to_list() == [dt.date(2025, 6, 1)]
    assert r.rejects["reason"].to_list() == ["混装混运车次不能大于检查车次 / mixed trips exceed "
                                       "inspected"]


def test_a_month_thirteen_is_rejected_in_plain_words():
    r = garbage_inspection.transform(sheet(["街道编码", "统计月份", "检查车次", "混装混运车次"],
                                           ["990102001", "202506", "10", "2"],
                                           ["990102002", "2025-13", "10", "2"]))
    assert r.frame.height == 1
    assert r.rejects.select("row_number", "column", "reason").rows() == [
        (3, "统计月份", "月份无法识别 / unreadable month")]


def test_the_future_is_judged_on_the_day_of_the_load(monkeypatch):
    """The checks are built once a day per template (not once per sheet): a month in the future
    yesterday is accepted today."""
    from etl import parse

    head = ["街道编码", "统计月份", "检查车次", "混装混运车次"]
    monkeypatch.setattr(parse, "today", lambda: dt.date(2025, 6, 15))
    r = garbage_inspection.transform(sheet(head, ["990102001", "202507", "10", "2"]))
    assert r.frame.height == 0 and r.rejects["reason"][0].startswith("日期晚于今天（2025-06-15）")
    monkeypatch.setattr(parse, "today", lambda: dt.date(2025, 7, 2))
    r = garbage_inspection.transform(sheet(head, ["990102001", "202507", "10", "2"]))
    assert r.frame.height == 1 and r.rejects.height == 0
