"""mosquito_light_trap (3b): species sum ≤ 雌蚊数; blank species = missing; mixed dates."""

import datetime as dt

from etl.sources import mosquito_light_trap
from tests.conftest import sheet

HEADER = ["监测点编码", "监测日期", "布灯数", "监测夜数", "雌蚊数", "淡色库蚊", "致倦库蚊",
          "白纹伊蚊",
          "三带喙库蚊", "中华按蚊", "其他蚊种"]


def test_species_rule_and_dates():
    r = mosquito_light_trap.transform(sheet(
        HEADER, ["MS0001", "2025/7/1", "1", "1", "10", "8", "0", "1", "0", "0", ""],
        ["MS0002", "2025-07-02", "1", "1", "5", "5", "0", "1", "0", "0", "0"],
        ["MS0003", "2025-07-02", "0", "1", "5", "", "", "", "", "", ""]))
    assert r.frame["survey_date"].to_list() == [dt.date(2025, 7, 1)]
    assert r.frame["other_species"].to_list() == [None]
    assert sorted(r.rejects["row_number"].to_list()) == [3, 4]


def test_duplicate_site_date_in_one_file():
    row = ["MS0001", "2025-07-01", "1", "1", "10", "", "", "", "", "", ""]
    other = ["MS0001", "2025/7/1", "1", "1", "12", "", "", "", "", "", ""]
    r = mosquito_light_trap.transform(sheet(HEADER, row, row, other))
    assert r.frame.height == 0   # conflicting copies: the file cannot say which is right
    assert r.rejects["row_number"].to_list() == [2, 3, 4] or sorted(
        r.rejects["row_number"].to_list()) == [2, 3, 4]
