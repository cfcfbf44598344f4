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
