"""population: one row per area and year; adults ≤ residents."""

from etl.sources import population
from tests.conftest import sheet

HEADER = ["区域编码", "年份", "常住人口", "常住成人人口（18岁及以上）"]


def test_rows_and_adult_rule():
    r = population.transform(sheet(HEADER, ["770100", "2025", "1,200,000", "1,000,000"],
                                   ["770102", "2025", "100", "200"]))
    assert r.frame["resident_population"].to_list() == [1_200_000]
    assert r.rejects["row_number"].to_list() == [3]
