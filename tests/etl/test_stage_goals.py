"""stage_goals (7): 目标值 as '35%' or a number; deadlines as dates."""

import datetime as dt

from etl.sources import stage_goals
from tests.conftest import sheet


def test_percent_targets():
    r = stage_goals.transform(sheet(
        ["指标编码", "区域编码", "阶段名称", "年份", "目标值", "截止日期", "来源"],
        ["hw_recycling_rate", "990100", "全面提升年", "2025", "35%", "2025-12-31", "方案"],
        ["mosq_light_trap_density", "990100", "巩固迎检年", "2026", "5", "2026/12/31", None],
        ["Bad-Id", "990100", "x", "2026", "5", "2026/12/31", None]))
    assert r.frame["target_value"].to_list() == [35.0, 5.0]
    assert r.frame["deadline"].to_list() == [dt.date(2025, 12, 31), dt.date(2026, 12, 31)]
    assert r.rejects["row_number"].to_list() == [4]


HEADER = ["指标编码", "区域编码", "阶段名称", "年份", "目标值", "截止日期", "来源"]


def test_optional_english_stage_name():
    # '阶段名称（英文）' is its own column, not a second '阶段名称', in either bracket width
    for en_header in ("阶段名称（英文）", "阶段名称(英文)"):
        r = stage_goals.transform(sheet(
            [*HEADER[:3], en_header, *HEADER[3:]],
            ["hw_recycling_rate", "990100", "全面提升年", "Full improvement year 2025", "2025",
             "35%", "2025-12-31", "方案"],
            ["hw_recycling_rate", "990102", "全面提升年", None, "2025", "36%", "2025-12-31", None]))
        assert r.frame["stage_name"].to_list() == ["全面提升年", "全面提升年"]
        assert r.frame["stage_name_en"].to_list() == ["Full improvement year 2025", None]
        assert r.warnings == [] and r.rejects.height == 0
    # absent: the column is null, the file loads as before
    r = stage_goals.transform(sheet(
        HEADER, ["hw_recycling_rate", "990100", "全面提升年", "2025", "35%", "2025-12-31", "方案"]))
    assert r.frame["stage_name_en"].to_list() == [None] and r.rejects.height == 0
