"""assessment_scheme (12): object types and methods with their aliases, indicator codes or the
built-in measures, quarters in every spelling, bad values rejected with row and column."""

import datetime as dt

from etl.sources import assessment_scheme
from tests.conftest import sheet

HEADER = ["考核对象类型", "考核项目", "指标编码", "权重", "计分方法", "生效季度", "截止季度"]
GOOD = ["区县", "生活垃圾回收利用率", "hw_recycling_rate", "15", "按进度比例", "2024-Q1", ""]


def with_(i, v, row=GOOD):
    r = list(row)
    r[i] = v
    return r


def test_a_scheme_row_and_its_aliases():
    r = assessment_scheme.transform(sheet(
        HEADER, GOOD,
        ["街道（乡镇）", "暗访发现问题", "暗访问题数", "20", "排名", "2025年第2季度",
         "2025年四季度"],
        ["市直部门", "督查问题按期销号", "问题按期销号率", "50", "达标得满分", "2026Q1", ""]))
    assert r.rejects.height == 0
    assert r.frame.select("object_type", "measure", "weight", "method").rows() == [
        ("区县", "hw_recycling_rate", 15.0, "按进度比例"), ("街道", "暗访问题数", 20.0, "按排名"),
        ("部门", "问题按期销号率", 50.0, "达标满分")]
    assert r.frame["effective_from"].to_list() == [dt.date(2024, 1, 1), dt.date(2025, 4, 1),
                                                   dt.date(2026, 1, 1)]
    assert r.frame["effective_until"].to_list() == [None, dt.date(2025, 10, 1), None]


def test_bad_rows_are_rejected_with_the_column():
    r = assessment_scheme.transform(sheet(
        HEADER, GOOD,
        with_(0, "乡村"),                       # 3: not an object type
        with_(2, "no_such_indicator"),          # 4: neither an indicator nor a built-in
        with_(3, "0"),                          # 5: weight must be > 0
        with_(4, "打分"),                        # 6: not a method
        with_(5, "2025-Q5"),                    # 7: not a quarter
        with_(6, "2023-Q4"),                    # 8: ends before it starts
        with_(1, ""),                           # 9: item missing
    ))
    assert r.frame.height == 1
    got = {(row, col) for row, col in r.rejects.select("row_number", "column").rows()}
    assert got == {(3, "考核对象类型"), (4, "指标编码"), (5, "权重"), (6, "计分方法"),
                   (7, "生效季度"), (8, "截止季度"), (9, "考核项目")}
