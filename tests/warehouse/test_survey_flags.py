"""15–69岁人群吸烟率 and 健康知识新媒体获取率 from the literacy survey's optional columns, on the
sample city: a year whose file lacks the columns has no value (not zero); a year with them is
the weighted share recomputed here from the department's CSV, with n and a 95% interval."""

from pathlib import Path

import polars as pl
import pytest

from warehouse import store

pytestmark = pytest.mark.slow
FILES = Path(__file__).resolve().parents[2] / "sample_data" / "health_literacy"


def test_weighted_shares_and_no_value_without_the_columns(sample_warehouse):
    con, _info = store.connect_readonly(sample_warehouse)
    try:
        got = {(i, p.year): (v, n, lo, hi) for i, p, v, n, lo, hi in con.execute("""
            select indicator_id, period_start, value, n, ci_low, ci_high from indicator_values
            where indicator_id in ('smoking_rate_15_69', 'new_media_use_rate')
              and area_level = 'city' and period_grain = 'year'""").fetchall()}
    finally:
        con.close()
    assert {y for _i, y in got} == {2024, 2025, 2026}       # 2023's file has no such columns
    raw = pl.read_csv(FILES / "健康素养监测_2025年.csv")
    raw = raw.filter(pl.col("年龄").is_between(15, 69))      # the one bad row (年龄 80) is out
    w = raw["权重"]
    smoke = float((w * (raw["是否吸烟"] == "是")).sum() / w.sum() * 100)
    new = float((w * (raw["健康知识主要获取渠道"] == "网络新媒体")).sum() / w.sum() * 100)
    for key, expected in ((("smoking_rate_15_69", 2025), smoke),
                          (("new_media_use_rate", 2025), new)):
        value, n, lo, hi = got[key]
        assert value == pytest.approx(expected, abs=1e-9)
        assert n == raw.height and lo < value < hi
