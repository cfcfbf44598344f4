"""geography: levels from codes, the parent prefix rule, polygons only."""

import json

import pytest

from etl.sources import geography
from tests.conftest import sheet

SQUARE = json.dumps({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]})
HEADER = ["code", "name", "parent_code", "supervisor", "geometry"]


def test_levels_and_parent_prefix():
    r = geography.transform(sheet(HEADER,
        ["770100", "测试市", None, None, SQUARE],
        ["770102", "甲区", "770100", None, SQUARE],
        ["770102001", "一街道", "770102", None, SQUARE],
        ["770102001001", "网格一", "770102001", "王*", SQUARE],
        ["770103001", "错街道", "770102", None, SQUARE],          # not under its parent
        ["770102002", "无上级", None, None, SQUARE],               # a street needs a parent
        ["770102003", "点", "770102", None, '{"type":"Point","coordinates":[0,0]}'],
    ))
    assert dict(zip(r.frame["area_code"], r.frame["area_level"])) == {
        "770100": "city", "770102": "district", "770102001": "street", "770102001001": "grid"}
    assert sorted(r.rejects["row_number"].to_list()) == [6, 7, 8]


@pytest.mark.parametrize("code", ["77010", "7701020011", "77A102"])
def test_bad_codes_rejected(code):
    r = geography.transform(sheet(HEADER, [code, "x", "770100", None, SQUARE]))
    assert r.rejects["reason"].str.contains("编码格式").all()


def test_optional_english_name():
    header = ["code", "name", "name_en", "parent_code", "geometry"]
    r = geography.transform(sheet(header,
        ["770100", "测试市", "Ceshi City", None, SQUARE],
        ["770102", "甲区", None, "770100", SQUARE]))          # blank: null
    assert dict(zip(r.frame["area_code"], r.frame["name_en"])) == {"770100": "Ceshi City",
                                                                  "770102": None}
    r = geography.transform(sheet(HEADER, ["770100", "测试市", None, None, SQUARE]))   # absent
    assert r.frame["name_en"].to_list() == [None] and r.frame["name_zh"].to_list() == ["测试市"]
