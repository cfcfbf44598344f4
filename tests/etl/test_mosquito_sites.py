"""mosquito_sites (3a): habitats, GCJ-02 converted to WGS-84, grid codes."""

import pytest

from etl.coords import wgs84_to_gcj02
from etl.sources import mosquito_sites
from tests.conftest import sheet

HEADER = ["监测点编码", "监测点名称", "生境类型", "经度", "纬度", "坐标系", "网格编码"]


def test_gcj02_converted_and_habitat_checked():
    glon, glat = wgs84_to_gcj02(113.0, 28.2)
    r = mosquito_sites.transform(sheet(
        HEADER, ["MS0001", "公园点", "公园", str(glon), str(glat), "GCJ02", "990102001001"],
        ["MS0002", "医院点", "医院", "113.1", "28.3", "", "990102001001"],
        ["MS0003", "x", "菜地", "113.1", "28.3", "WGS84", "990102001001"],   # kept as written
        ["MS0004", "x", "公园", "213.1", "28.3", "WGS84", "990102001001"]))
    lon = dict(zip(r.frame["site_code"], r.frame["lon"]))
    lat = dict(zip(r.frame["site_code"], r.frame["lat"]))
    assert lon["MS0001"] == pytest.approx(113.0, abs=1e-6)
    assert lat["MS0001"] == pytest.approx(28.2, abs=1e-6)
    assert dict(zip(r.frame["site_code"], r.frame["coord_sys"])) == {
        "MS0001": "GCJ02", "MS0002": "WGS84", "MS0003": "WGS84"}
    assert dict(zip(r.frame["site_code"], r.frame["habitat"]))["MS0003"] == "菜地"
    assert sorted(r.rejects["row_number"].to_list()) == [5]
    assert [(w.kind, w.row) for w in r.warnings] == [("label_kept", 4)]
