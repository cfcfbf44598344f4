"""garbage_monthly (2a): tonnes with separators and full-width digits; utilisation ≤ kitchen."""

from etl.sources import garbage_monthly
from tests.conftest import sheet

HEADER = ["街道编码", "统计月份", "生活垃圾清运量（吨）", "可回收物回收量(吨)", "厨余垃圾量 (吨)",
          "厨余垃圾资源化利用量", "有害垃圾量(吨)", "其他垃圾量(吨)", "小区总数", "分类覆盖小区数"]


def test_parses_and_validates():
    r = garbage_monthly.transform(sheet(
        HEADER,
        ["990102001", "2025年6月", "1,234.5", "３００", "200", "150", "1", "700", "10", "8"],
        ["990102002", "202506", "1000", "", "200", "250", "1", "700", "10", "8"],   # util > kitchen
        ["990102003", "2025/6", "1000", "100", "200", "100", "1", "700", "10", "11"],
         # covered > total
        ["990102004", "2025-06", "-5", "100", "200", "100", "1", "700", "10", "8"],     # negative
    ))
    assert r.frame["collected_t"].to_list() == [1234.5]
    assert r.frame["recyclables_t"].to_list() == [300.0]
    assert sorted(r.rejects["row_number"].to_list()) == [3, 4, 5]


def test_blank_is_missing_not_zero():
    r = garbage_monthly.transform(sheet(
        HEADER, ["990102001", "2025-06", "1000", "", "200", "", "", "", "10", "8"]))
    assert r.frame["recyclables_t"].to_list() == [None]
    assert r.rejects.height == 0
