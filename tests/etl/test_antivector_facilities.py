"""antivector_facilities (3f): trades with their aliases, passes never above the units inspected,
bad values rejected with row and column; the sample's rates rise towards the 95% line."""

from etl.sources import antivector_facilities
from tests.conftest import sheet

HEADER = ["街道编码", "检查日期", "行业类别", "检查单位数", "防鼠设施合格单位数",
          "防蝇设施合格单位数"]
GOOD = ["990102001", "2025-06-12", "餐饮", "20", "19", "18"]


def with_(i, v, row=GOOD):
    r = list(row)
    r[i] = v
    return r


def test_a_row_and_the_trade_aliases():
    r = antivector_facilities.transform(sheet(
        HEADER, GOOD, with_(2, "宾馆酒店"), with_(2, "集贸市场", with_(1, "2025年6月13日"))))
    assert r.rejects.height == 0
    assert r.frame.select("trade", "units_inspected", "rodent_pass", "fly_pass").rows() == [
        ("餐饮", 20, 19, 18), ("宾馆", 20, 19, 18), ("农贸市场", 20, 19, 18)]


def test_bad_rows_are_rejected_with_the_column():
    r = antivector_facilities.transform(sheet(
        HEADER, GOOD,
        with_(4, "21"),            # 3: more rodent passes than units
        with_(5, "25"),            # 4: more fly passes than units
        with_(3, "0"),             # 5: nothing inspected
        with_(2, "网吧"),           # 6: not a trade of the list
        with_(0, "99010200"),      # 7: not a street code
        with_(1, "2025-02-30"),    # 8: no such day
    ))
    assert r.frame.height == 1
    got = {(row, col) for row, col in r.rejects.select("row_number", "column").rows()}
    assert got == {(3, "防鼠设施合格单位数"), (4, "防蝇设施合格单位数"), (5, "检查单位数"),
                   (6, "行业类别"), (7, "街道编码"), (8, "检查日期")}
