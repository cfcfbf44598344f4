"""baselines (7): one baseline per indicator and area."""

from etl.sources import baselines
from tests.conftest import sheet


def test_rows():
    r = baselines.transform(sheet(
        ["指标编码", "区域编码", "基线年份", "基线值", "来源"],
        ["hw_recycling_rate", "990100", "2022", "28.3%", "方案"],
        ["hw_recycling_rate", "990100", "2023", "29", "方案"]))   # same key twice, different data
    assert r.frame.height == 0
    assert r.rejects["row_number"].to_list() == [2, 3]
