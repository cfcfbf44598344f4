"""vector_density (3e): the four pests and the control levels in their usual spellings; a row
names a district or a street, never a grid; bad values rejected with row and column."""

from etl.sources import vector_density
from tests.conftest import sheet

HEADER = ["区域编码", "监测日期", "病媒类别", "监测方法", "调查数", "阳性数", "密度指数",
          "控制水平", "评估主体"]
GOOD = ["990102", "2025-04-18", "鼠", "粘鼠板法", "200", "3", "1.5%", "B", "自评"]


def with_(i, v, row=GOOD):
    r = list(row)
    r[i] = v
    return r


def test_pests_levels_and_assessors_in_their_spellings():
    r = vector_density.transform(sheet(
        HEADER, GOOD, with_(2, "蜚蠊", with_(7, "C级")), with_(2, "苍蝇", with_(7, "04")),
        with_(0, "990102001", with_(8, "国家级暗访", with_(7, "不达标"))),
        with_(3, "盘式诱蝇法")))                        # a method off the list is kept as written
    assert r.rejects.height == 0
    assert r.frame.select("area_code", "pest", "control_level", "assessor", "density_index"
                          ).rows() == [
        ("990102", "鼠", "B", "自评", 1.5), ("990102", "蟑螂", "C", "自评", 1.5),
        ("990102", "蝇", "D", "自评", 1.5), ("990102001", "鼠", "D", "国家暗访", 1.5),
        ("990102", "鼠", "B", "自评", 1.5)]
    assert r.frame["method"].to_list()[-1] == "盘式诱蝇法"
    assert any("盘式诱蝇法" in w.message for w in r.warnings)


def test_bad_rows_are_rejected_with_the_column():
    r = vector_density.transform(sheet(
        HEADER, GOOD,
        with_(5, "201"),             # 3: more positives than surveyed
        with_(7, "E"),               # 4: no such level
        with_(2, "臭虫"),             # 5: not one of the four pests
        with_(0, "990102001007"),    # 6: a grid, not a district or street
        with_(8, "市级"),             # 7: not an assessor of the list
        with_(7, ""),                # 8: the level is what the row is for
    ))
    assert r.frame.height == 1
    got = {(row, col) for row, col in r.rejects.select("row_number", "column").rows()}
    assert got == {(3, "阳性数"), (4, "控制水平"), (5, "病媒类别"), (6, "区域编码"),
                   (7, "评估主体"), (8, "控制水平")}
