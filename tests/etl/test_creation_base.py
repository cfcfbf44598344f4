"""creation_base (9b): bases per district and year; a street's row and a negative count are
rejected with the column."""

from etl.sources import creation_base
from tests.conftest import sheet

BASE = ["区域编码", "年份", "机关数", "社区数", "行政村数", "学校数", "医院数", "企业数",
        "医疗卫生机构数", "党政机关数", "乡镇数"]


def test_bases_per_district_and_year():
    r = creation_base.transform(sheet(
        BASE, ["990102", "2026", "40", "35", "0", "52", "6", "310", "48", "38", "0"],
        ["990102001", "2026", "1", "1", "1", "1", "1", "1", "1", "1", "1"],   # a street: rejected
        ["990103", "2026", "30", "-2", "", "", "", "", "", "", ""]))          # a negative count
    assert r.frame.select("area_code", "year", "organs", "schools").rows() == [
        ("990102", 2026, 40, 52)]
    got = {(row, col) for row, col in r.rejects.select("row_number", "column").rows()}
    assert got == {(3, "区域编码"), (4, "社区数")}
