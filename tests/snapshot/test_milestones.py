"""The built-in milestones are the sample city's plan's 关键节点 (shared/seeds/000 §8.3)."""

import datetime as dt

from app.snapshot.build import load_milestones


def test_milestones_are_the_plans_key_dates():
    ms = load_milestones()
    assert [m["date"] for m in ms] == [dt.date(y, m, d) for y in (2024, 2025, 2026)
                                       for m, d in ((3, 31), (6, 30), (9, 30), (12, 31))]
    item = {m["date"]: m["item"] for m in ms}
    assert "通过省级中期评估" in item[dt.date(2024, 12, 31)]        # not 迎接: the plan says 通过
    assert "完成长效机制建设" in item[dt.date(2026, 3, 31)]
    assert "完成巩固提升行动" in item[dt.date(2026, 6, 30)]
    assert "邀请省级预验收" in item[dt.date(2026, 9, 30)]
    assert "通过国家级验收" in item[dt.date(2026, 12, 31)]
    assert all(m["area_code"] == "" for m in ms)                    # the whole city's
